"""Store-wide lookups remembered until the store changes, on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from kg import queries
from kg.errors import NotFound
from kg.queries.memo import remembered
from kg.rdf import document_iri, extraction_quads
from kg.store import Store
from kg.store.base import GraphBatch
from tests.factories import dam_article, report_article


def _batch(*extractions: object) -> GraphBatch:
    return [(document_iri(x.document.id), extraction_quads(x)) for x in extractions]  # type: ignore[attr-defined]


def _documents(store: Store) -> list[str]:
    return [d["id"] for d in queries.documents(store).items]


def _found(store: Store, q: str) -> list[str]:
    return [e["id"] for e in queries.find_entities(store, q).items]


def _dates(store: Store) -> set[str]:
    return {a["date"] for a in queries.accusations(store).items}


def _first_page(store: Store) -> tuple[list[str], list[str]]:
    """The first document and the newest accusation's date, each a page of one (so the
    date comes from the newest dates, not from sorting them all)."""
    docs = [d["id"] for d in queries.documents(store, limit=1).items]
    return docs, [a["date"] for a in queries.accusations(store, limit=1).items]


def test_lists_see_every_write_and_deletion_at_once(store: Store) -> None:
    store.write_graphs(_batch(dam_article()))
    # Each list read once, so that whatever can be remembered is.
    assert _documents(store) == ["dam"]
    assert _found(store, "berg") == []
    assert _dates(store) == {"2025-03-12"}
    with pytest.raises(NotFound):
        queries.resolve_entity(store, "aNNa bERG")  # odd case: the scan of every name

    store.write_graphs(_batch(report_article()))
    assert _documents(store) == ["dam", "report"]
    assert _found(store, "berg") == ["anna-berg"]
    assert _dates(store) == {"2025-03-12", "2025-04-02"}
    assert queries.resolve_entity(store, "aNNa bERG").value.endswith("/anna-berg")
    assert _first_page(store) == (["dam"], ["2025-04-02"])

    # A document replaced with another date: the update path of write_graphs.
    store.write_graphs(_batch(dam_article(published=date(2025, 5, 1))))
    assert _first_page(store) == (["dam"], ["2025-05-01"])

    assert store.delete_graph(document_iri("dam"))
    assert _first_page(store) == (["report"], ["2025-04-02"])
    assert _found(store, "vos") == []  # Piet Vos was named in the dam article only


def test_lists_see_bulk_writes_and_updates(store: Store) -> None:
    store.write_graphs(_batch(report_article()))
    assert _first_page(store) == (["report"], ["2025-04-02"])
    store.bulk_write_graphs([_batch(dam_article(published=date(2025, 6, 1)))])
    assert _first_page(store) == (["dam"], ["2025-06-01"])
    assert _found(store, "vos") == ["piet-vos"]
    store.update(f"DROP GRAPH {document_iri('dam')}")
    assert _first_page(store) == (["report"], ["2025-04-02"])


def test_remembered_only_where_the_store_sees_every_write(store: Store) -> None:
    calls: list[int] = []

    def work_out() -> int:
        calls.append(1)
        return len(calls)

    first, second = remembered(store, "n", work_out), remembered(store, "n", work_out)
    if store.sole_writer:
        assert (first, second) == (1, 1)
    else:  # other writers may have changed the data in between
        assert (first, second) == (1, 2)
    store.write_graphs(_batch(dam_article()))
    assert remembered(store, "n", work_out) == len(calls) == (2 if store.sole_writer else 3)
    assert remembered(store, "other", lambda: "x") == "x"  # by name

    store.sole_writer = False  # as a store others write to says
    before = len(calls)
    assert remembered(store, "n", work_out) == before + 1
    assert remembered(store, "n", work_out) == before + 2


class _ReadMidway(list):  # type: ignore[type-arg]
    """Quads that, as the store reads them to write, have a lookup run half-way."""

    def __init__(self, quads: list[object], lookup: object) -> None:
        super().__init__(quads)
        self.lookup = lookup

    def __iter__(self) -> Iterator[object]:
        items = list(super().__iter__())
        yield from items[: len(items) // 2]
        self.lookup()  # type: ignore[operator]
        yield from items[len(items) // 2 :]


def test_a_lookup_worked_out_while_a_write_runs_is_not_kept(store: Store) -> None:
    if not store.sole_writer:
        pytest.skip("nothing is remembered on a store others write to")
    store.write_graphs(_batch(dam_article()))
    seen: list[tuple[str, ...]] = []

    def graphs() -> tuple[str, ...]:
        return tuple(sorted(g.value for g in store.graphs()))

    x = report_article()
    quads = _ReadMidway(extraction_quads(x), lambda: seen.append(remembered(store, "g", graphs)))
    store.write_graphs([(document_iri("report"), quads)])
    assert seen == [(document_iri("dam").value,)]  # the store as it was while writing
    assert remembered(store, "g", graphs) == (
        document_iri("dam").value,
        document_iri("report").value,
    )
