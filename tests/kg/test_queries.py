"""Named queries and lookups, on every backend."""

from __future__ import annotations

from collections import Counter

import pytest

from kg import queries
from kg.errors import InputError, NotFound
from kg.export import actor_graph
from kg.rdf import document_iri, entity_iri, extraction_quads, statement_iri
from kg.store import Store
from tests.factories import dam_article, report_article


@pytest.fixture
def filled(store: Store) -> Store:
    xs = [dam_article(), report_article()]
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])
    return store


def test_every_named_query_parses(store: Store) -> None:
    names = queries.query_names()
    assert {"accusations", "denials", "contested", "entity", "mentions"} <= set(names)
    for name in names:
        queries.run(store, name)


def test_accusations_newest_first(filled: Store) -> None:
    page = queries.accusations(filled)
    assert [(a["speaker"]["id"], a["target"]["id"]) for a in page.items] == [
        ("anna-berg", "sudmark"),
        ("norland", "sudmark"),
    ]
    assert page.next_offset is None


@pytest.mark.parametrize("name", ["norland", "Norland", "NORDBY", " nordby "])
def test_accuser_by_key_label_or_alias_any_case(filled: Store, name: str) -> None:
    [item] = queries.accusations(filled, accuser=name).items
    assert item["speaker"] == {"id": "norland", "label": "Norland"}
    assert item["evidence"] == "none"
    assert item["document"] == {"id": "dam", "title": "Dam dispute"}


def test_accusation_filters(filled: Store) -> None:
    assert len(queries.accusations(filled, accused="Sudmark").items) == 2
    assert len(queries.accusations(filled, accused="Norland").items) == 0
    assert len(queries.accusations(filled, evidence="provided").items) == 1
    assert len(queries.accusations(filled, since="2025-04-01").items) == 1
    assert len(queries.accusations(filled, until="2025-04-01").items) == 1
    assert len(queries.accusations(filled, since="2025-05-01").items) == 0


def test_filters_combine_and_each_one_narrows(filled: Store) -> None:
    # The page queries test a bound speaker/target and evidence status with EXISTS and
    # skip the test when unbound: each filter alone, and together, on both lists.
    both = queries.accusations(filled, accuser="norland", evidence="none").items
    assert [(a["speaker"]["id"], a["evidence"]) for a in both] == [("norland", "none")]
    assert queries.accusations(filled, accuser="norland", evidence="provided").items == []
    denials = queries.denials(filled)
    by_status = {d["evidence"] for d in denials.items}
    for status in by_status:
        got = queries.denials(filled, evidence=status).items
        assert got and all(d["evidence"] == status for d in got)
    assert queries.denials(filled, accuser="sudmark").items == []
    assert len(queries.denials(filled, accuser="norland", evidence="none").items) == sum(
        d["evidence"] == "none" for d in queries.denials(filled, accuser="norland").items
    )


def test_bad_filters_are_input_errors(filled: Store) -> None:
    with pytest.raises(InputError):
        queries.accusations(filled, evidence="maybe")
    with pytest.raises(InputError):
        queries.accusations(filled, since="last week")
    with pytest.raises(NotFound):
        queries.accusations(filled, accuser="Atlantis")
    with pytest.raises(InputError):
        queries.accusations(filled, limit=0)


def test_pagination_says_where_the_next_page_starts(filled: Store) -> None:
    first = queries.accusations(filled, limit=1)
    assert len(first.items) == 1 and first.next_offset == 1
    second = queries.accusations(filled, limit=1, offset=1)
    assert second.next_offset is None
    assert first.items[0]["id"] != second.items[0]["id"]


def test_denials_with_what_they_refute(filled: Store) -> None:
    page = queries.denials(filled, denier="Piet Vos")
    [d] = page.items
    assert d["refutes"] == dam_article().statements[0].id
    assert d["on_behalf_of"]["id"] == "sudmark"
    assert len(queries.denials(filled, accuser="norland").items) == 2


def test_contested_accusations(filled: Store) -> None:
    rows = queries.contested(filled).items
    pairs = {(r["accusation"]["id"], r["denial"]["id"]) for r in rows}
    dam, report = dam_article(), report_article()
    # Vos refutes Norland's accusation; Sudmark denies Norland's charge (by the truthy edges).
    assert (dam.statements[0].id, dam.statements[1].id) in pairs
    assert (dam.statements[0].id, report.statements[1].id) in pairs


def test_statement_with_mentions_and_refutations(filled: Store) -> None:
    dam = dam_article()
    acc_id, den_id = dam.statements[0].id, dam.statements[1].id
    acc = queries.statement(filled, acc_id)
    assert acc["kind"] == "accusation"
    assert den_id in [r["id"] for r in acc["refuted_by"]]
    [m] = acc["mentions"]
    text = dam.document.text
    for part in ("speaker", "cue", "content", "target", "evidence"):
        s, e = m["spans"][part]["span"]
        assert text[s:e] == m["spans"][part]["text"]
    assert queries.statement(filled, den_id)["refutes"] == [acc_id]
    with pytest.raises(NotFound):
        queries.statement(filled, "nope")


def test_entity_profile_and_search(filled: Store) -> None:
    p = queries.entity(filled, "sudmark")
    assert p["type"] == "state"
    assert p["counts"]["accusations_received"] == 2
    assert p["counts"]["denials_made"] == 1
    assert [e["id"] for e in queries.find_entities(filled, "mark").items] == ["sudmark"]
    assert [e["id"] for e in queries.find_entities(filled, "", type="person").items] == [
        "anna-berg",
        "piet-vos",
    ]
    norland = queries.find_entities(filled, "norland").items[0]
    assert norland["same_as"] == ["http://www.wikidata.org/entity/Q999001"]


def test_search_pages_after_the_type_filter(filled: Store) -> None:
    everyone = [e["id"] for e in queries.find_entities(filled, "", limit=1000).items]
    assert len(everyone) == len(set(everyone)) >= 4
    pages, offset = [], 0
    while offset is not None:
        page = queries.find_entities(filled, "", limit=1, offset=offset)
        pages += [e["id"] for e in page.items]
        offset = page.next_offset
    assert pages == everyone
    # the filter applies before the page is cut: the first person is on the first page
    [first] = queries.find_entities(filled, "", type="person", limit=1).items
    assert first["id"] == "anna-berg"
    assert queries.find_entities(filled, "", type="person", limit=1).next_offset == 1
    assert queries.find_entities(filled, "", type="person", offset=1).next_offset is None


def test_documents_and_document(filled: Store) -> None:
    docs = queries.documents(filled).items
    assert [(d["id"], d["statements"]) for d in docs] == [("dam", 3), ("report", 2)]
    d = queries.document(filled, "dam")
    assert d["text"] == dam_article().document.text
    assert d["published"] == "2025-03-12" and len(d["statements"]) == 3
    with pytest.raises(NotFound):
        queries.document(filled, "missing")


def test_counts(filled: Store) -> None:
    c = queries.counts(filled)
    assert c["Document"] == 2 and c["Accusation"] == 2 and c["Denial"] == 2 and c["Claim"] == 1


# Data the pipeline does not write itself, through SPARQL UPDATE: the lookups must still
# page, count and describe each thing once.
_CG = "https://w3id.org/claimgraph/ontology#"
_XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
# a graph the store owns, so a remote test server's clean-up drops it
_EXTRA = document_iri("hand-written")


def _statement(kind: str, n: int = 0) -> str:
    ids = [s.id for s in dam_article().statements + report_article().statements]
    kinds = [s.kind for s in dam_article().statements + report_article().statements]
    return [i for i, k in zip(ids, kinds, strict=True) if k == kind][n]


def test_a_statement_with_two_dates_is_paged_once(filled: Store) -> None:
    acc = statement_iri(_statement("accusation"))
    filled.update(
        f'INSERT DATA {{ GRAPH {_EXTRA} {{ {acc} <{_CG}date> "2030-01-01"^^<{_XSD_DATE}> }} }}'
    )
    ids = []
    offset: int | None = 0
    while offset is not None:
        page = queries.accusations(filled, limit=1, offset=offset)
        ids += [a["id"] for a in page.items]
        offset = page.next_offset
    assert sorted(ids) == sorted(
        {s.id for s in dam_article().statements if s.kind == "accusation"}
        | {s.id for s in report_article().statements if s.kind == "accusation"}
    )
    assert ids[0] == _statement("accusation")  # its latest date sorts it first


def test_counts_and_descriptions_ignore_copies(filled: Store) -> None:
    before = queries.counts(filled)
    acc = _statement("accusation")
    # a copy of a statement's type in another graph, and a second class for an actor
    filled.update(
        f"INSERT DATA {{ GRAPH {_EXTRA} {{ {statement_iri(acc)} a <{_CG}Accusation> . "
        f"{entity_iri('sudmark')} a <{_CG}Group> }} }}"
    )
    after = queries.counts(filled)
    assert after["Accusation"] == before["Accusation"]
    assert after["Group"] == before.get("Group", 0) + 1
    # an actor typed two ways is described one way everywhere: the first class by name
    assert queries.entity(filled, "sudmark")["type"] == "group"
    assert actor_graph(filled).nodes["sudmark"]["type"] == "group"


def test_refutable_finds_the_latest_accusation_between_two_actors(filled: Store) -> None:
    rows = queries.run(
        filled, "refutable", {"accuser": entity_iri("norland"), "accused": entity_iri("sudmark")}
    )
    assert [r["statement"].rsplit("/", 1)[1] for r in rows] == [dam_article().statements[0].id]


def test_a_denial_refuting_two_accusations_is_listed_once_the_same_way(
    filled: Store,
) -> None:
    # The pipeline links a denial to one accusation; hand-written data may link two.
    # The list shows the denial once, with the least of the two, on every backend.
    denial = _statement("denial")
    first = queries.denials(filled, limit=1000).items
    [before] = [d for d in first if d["id"] == denial]
    for other, shown in (("f" * 12, before["refutes"]), ("0" * 12, "0" * 12)):
        # ids the pipeline never mints, one sorting after its ids and one before
        filled.update(
            f"INSERT DATA {{ GRAPH {_EXTRA} {{ "
            f"{statement_iri(denial)} <{_CG}refutes> {statement_iri(other)} }} }}"
        )
        after = queries.denials(filled, limit=1000).items
        assert [d["id"] for d in after] == [d["id"] for d in first]
        [changed] = [d for d in after if d["id"] == denial]
        assert changed == {**before, "refutes": shown}


def _whole_list(store: Store, name: str, bindings: dict[str, object]) -> list[str]:
    """Every statement of a list in order, as its page query sorts them (no paging)."""
    return [r["statement"].rsplit("/", 1)[1] for r in queries.run(store, f"{name}_page", bindings)]


def test_unfiltered_lists_page_from_the_newest_dates_as_the_whole_sort_would(
    store: Store,
) -> None:
    # An unfiltered list is read from its newest dates (kg.queries.named._recent_cut),
    # widening them until they hold the page; statements without a date come last.
    # Each page must be what sorting the whole list would give.
    from dataclasses import replace

    from tests.api.synth import synthetic_extractions

    xs = list(synthetic_extractions(80, seed=3))
    undated = replace(xs[0], document=replace(xs[0].document, id="undated", published=None))
    undated = replace(
        undated,
        statements=[replace(s, doc_id="undated", date=None) for s in undated.statements],
    )
    xs.append(undated)
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])
    cases: list[tuple[str, dict[str, object], dict[str, object]]] = [
        ("accusations", {}, {}),
        ("denials", {}, {}),
        ("accusations", {"evidence": "provided"}, {"evidence": _status("provided")}),
        ("denials", {"evidence": "none"}, {"evidence": _status("none")}),
        ("accusations", {"since": "2023-06-01", "until": "2024-03-31"}, _range()),
    ]
    for name, filters, bindings in cases:
        want = _whole_list(store, name, bindings)
        assert len(want) >= 5, (name, filters)
        for limit in (1, 4, 1000):
            got: list[str] = []
            offset: int | None = 0
            while offset is not None:
                page = getattr(queries, name)(store, limit=limit, offset=offset, **filters)
                got += [item["id"] for item in page.items]
                offset = page.next_offset
            assert got == want, (name, filters, limit)
    undated_ids = {s.id for s in undated.statements if s.kind == "accusation"}
    assert undated_ids and set(_whole_list(store, "accusations", {})[-len(undated_ids) :]) == (
        undated_ids
    )


@pytest.mark.parametrize("wide", [0, 10**9])
def test_an_actors_lists_page_as_the_whole_sort_would_whichever_way_they_are_read(
    store: Store, monkeypatch: pytest.MonkeyPatch, wide: int
) -> None:
    # An actor with more than WIDE_ACTOR statements in a role is read from the newest
    # dates (as an unfiltered list is), any other from its own statements: at 0 every
    # actor is wide, at 10**9 none is. Each page must be what sorting the whole list
    # would give, either way, for each role an actor can narrow a list by.
    from kg.queries import named
    from tests.api.synth import synthetic_extractions

    monkeypatch.setattr(named, "WIDE_ACTOR", wide)
    xs = list(synthetic_extractions(12, statements_per_actor=12, per_document=3, seed=11))
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])

    def busiest(kind: str, role: str) -> str:
        items = getattr(queries, kind)(store, limit=1000).items
        seen = Counter(item[role]["id"] for item in items if item[role])
        return sorted(seen, key=lambda k: (-seen[k], k))[0]

    accused = busiest("accusations", "target")
    cases: list[tuple[str, dict[str, object]]] = [
        ("accusations", {"accused": accused}),
        ("accusations", {"accuser": busiest("accusations", "speaker")}),
        ("accusations", {"accused": accused, "evidence": "none"}),
        ("accusations", {"accused": accused, "since": "2023-06-01", "until": "2024-03-31"}),
        ("denials", {"denier": busiest("denials", "speaker")}),
        ("denials", {"accuser": busiest("denials", "target")}),
    ]
    for name, filters in cases:
        bindings = {
            k: queries.resolve_entity(store, v) if k in ("accused", "accuser", "denier") else v
            for k, v in filters.items()
        }
        if "evidence" in bindings:
            bindings["evidence"] = _status(str(bindings["evidence"]))
        if "since" in bindings:
            bindings.update(_range())
        # the page query each list sorts with, as kg.queries.statements chooses it
        page_query = {
            ("accusations", "accused"): "accusations",
            ("accusations", "accuser"): "accuser",
            ("denials", "denier"): "denials",
            ("denials", "accuser"): "denied",
        }[(name, next(iter(filters)))]
        want = _whole_list(store, page_query, bindings)
        assert len(want) >= 3, (name, filters)
        for limit in (1, 3, 1000):
            got: list[str] = []
            offset: int | None = 0
            while offset is not None:
                page = getattr(queries, name)(store, limit=limit, offset=offset, **filters)
                got += [item["id"] for item in page.items]
                offset = page.next_offset
            assert got == want, (name, filters, limit)


def _status(name: str) -> object:
    from kg.model import EvidenceStatus
    from kg.rdf import EVIDENCE_STATUS

    return EVIDENCE_STATUS[EvidenceStatus(name)]


def _range() -> dict[str, object]:
    return {
        "since": queries.date_literal("2023-06-01", "since"),
        "until": queries.date_literal("2024-03-31", "until"),
    }


def test_contested_pages_from_the_newest_dates_as_the_whole_sort_would(store: Store) -> None:
    # contested() reads accusations from the newest dates and finds their denials per
    # accusation (refutes links) and per pair of actors; each page must be what
    # contested.rq, sorting the whole store, gives.
    from tests.api.synth import synthetic_extractions

    extra = synthetic_extractions(6, statements_per_actor=30, per_document=2, seed=5)
    xs = [dam_article(), report_article(), *extra]
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])
    whole = [
        (r["statement"].rsplit("/", 1)[1], r["denial"].rsplit("/", 1)[1])
        for r in queries.run(store, "contested")
    ]
    assert len(whole) >= 8 and len(set(whole)) == len(whole)
    accusations = [a for a, _ in whole]
    assert any(accusations.count(a) > 1 for a in accusations)  # denials in order too
    assert (dam_article().statements[0].id, dam_article().statements[1].id) in whole
    first = queries.contested(store, limit=1000).items
    assert [(r["accusation"]["id"], r["denial"]["id"]) for r in first] == whole
    for limit in (1, 3):
        got: list[tuple[str, str]] = []
        offset: int | None = 0
        while offset is not None:
            page = queries.contested(store, limit=limit, offset=offset)
            got += [(r["accusation"]["id"], r["denial"]["id"]) for r in page.items]
            offset = page.next_offset
        assert got == whole, limit
    # the items say the same as contested.rq's rows
    by_query = queries.run(store, "contested")[0]
    item = first[0]
    assert item["accusation"]["document"]["id"] == by_query["docId"]
    assert item["accusation"]["content"] == by_query.get("content")
    assert item["accusation"]["date"] == by_query.get("date")
    assert item["denial"]["document"]["id"] == by_query["denialDocId"]
    assert item["denial"]["content"] == by_query.get("denialContent")


def test_documents_page_as_documents_rq_sorts_them_all(store: Store) -> None:
    # documents() sorts the IRIs in Python and describes one page with documents.rq.
    from tests.api.synth import synthetic_extractions

    xs = [dam_article(), report_article(), *synthetic_extractions(30, seed=2)]
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])
    whole = [(r["docId"], r["statements"]) for r in queries.run(store, "documents")]
    assert len(whole) == len(xs)
    for limit in (1, 7, 1000):
        got: list[tuple[str, int]] = []
        offset: int | None = 0
        while offset is not None:
            page = queries.documents(store, limit=limit, offset=offset)
            got += [(d["id"], d["statements"]) for d in page.items]
            offset = page.next_offset
        assert got == whole, limit
    with pytest.raises(InputError):
        queries.documents(store, limit=0)


def _paged(store: Store, name: str, limit: int) -> list[object]:
    got: list[object] = []
    offset: int | None = 0
    while offset is not None:
        page = getattr(queries, name)(store, limit=limit, offset=offset)
        got += [
            (r["accusation"]["id"], r["denial"]["id"], r["accusation"]["date"])
            if name == "contested"
            else r["id"]
            for r in page.items
        ]
        offset = page.next_offset
    return got


def test_lists_page_as_the_whole_sort_with_odd_dates(store: Store) -> None:
    # A second, older date on a contested accusation (one row per pair, at its latest
    # date, on both paths), and a date written as a plain string (not an xsd:date: the
    # window cannot bind it, so the whole sort answers).
    from tests.api.synth import synthetic_extractions

    extra = synthetic_extractions(6, statements_per_actor=30, per_document=2, seed=5)
    xs = [dam_article(), report_article(), *extra]
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])
    contested = queries.run(store, "contested")
    acc = contested[len(contested) // 2]["statement"]
    plain = [s for x in xs[2:] for s in x.statements if s.kind == "accusation"][5]
    store.update(
        f"INSERT DATA {{ GRAPH {_EXTRA} {{ <{acc}> <{_CG}date> "
        f'"2020-01-01"^^<{_XSD_DATE}> . {statement_iri(plain.id)} <{_CG}date> "2031-01-01" }} }}'
    )
    whole = [
        (r["statement"].rsplit("/", 1)[1], r["denial"].rsplit("/", 1)[1], r.get("date"))
        for r in queries.run(store, "contested")
    ]
    assert len(whole) == len(set(whole)) == len(contested)
    accusations = _whole_list(store, "accusations", {})
    assert plain.id in accusations
    for limit in (1, 4):
        assert _paged(store, "contested", limit) == whole, limit
        assert _paged(store, "accusations", limit) == accusations, limit
