"""Bound values as VALUES blocks: valid SPARQL, the same answers as substitution, no injection."""

from __future__ import annotations

import doctest
from datetime import date

import pyoxigraph as ox
import pytest

from kg import queries
from kg.errors import QueryError
from kg.queries import date_literal, load_query
from kg.rdf import EVIDENCE_STATUS, document_iri, entity_iri, extraction_quads, statement_iri
from kg.store import open_store
from kg.store.rewrite import (
    inject_rows,
    inject_values,
    mentioned_variables,
    query_form,
    silence_graph_drops,
    strip_dataset,
)
from tests.factories import dam_article, report_article

CG = "https://w3id.org/claimgraph/ontology#"
DAM = dam_article()

# Values as kg.queries binds them, by variable name, matching something in the filled
# store; each bundled query is tried with those of its variables, plus the variations
# below (every variable a caller could bind).
VALUES_BY_NAME: dict[str, ox.NamedNode | ox.Literal] = {
    "accuser": entity_iri("norland"),
    "accused": entity_iri("sudmark"),
    "denier": entity_iri("piet-vos"),
    "entity": entity_iri("sudmark"),
    "doc": document_iri("dam"),
    "statement": statement_iri(DAM.statements[0].id),
    "name": ox.Literal("Nordby"),
    "docId": ox.Literal("dam"),
}
MORE: dict[str, list[dict[str, ox.NamedNode | ox.Literal]]] = {
    "accusations": [
        {"accused": entity_iri("sudmark"), "since": date_literal("2025-04-01", "since")},
        {
            "evidence": next(iter(EVIDENCE_STATUS.values())),
            "until": date_literal(date(2025, 4, 1), "until"),
        },
    ],
    "actor_edges": [{"class": ox.NamedNode(CG + "Denial")}],
    "counts": [{"class": ox.NamedNode(CG + "Accusation")}],
    "denials": [{"accuser": entity_iri("norland")}],
    "statement": [{"statement": statement_iri(DAM.statements[1].id)}],
    # Queries whose usual values are not projected (substitution needs them projected):
    # a value of a column they return.
    "pair_denials": [{"denial": statement_iri(DAM.statements[1].id)}],
    "recent_page": [{"statement": statement_iri(DAM.statements[0].id)}],
    "statement_dates": [{"when": date_literal("2025-03-12", "when")}],
}


def bindings_for(name: str) -> list[dict[str, ox.NamedNode | ox.Literal]]:
    """One binding per usual variable the query projects (bound variables are projected,
    as pyoxigraph's substitution requires), then the variations."""
    projected = {v.value for v in ox.Store().query(load_query(name)).variables}
    usual = [{k: v} for k, v in VALUES_BY_NAME.items() if k in projected]
    return usual + MORE.get(name, [])


@pytest.fixture(scope="module")
def filled() -> ox.Store:
    store = ox.Store()
    for x in (dam_article(), report_article()):
        store.extend(extraction_quads(x))
    return store


def _rows(result: ox.QuerySolutions) -> list[tuple[str, ...]]:
    names = [v.value for v in result.variables]
    return sorted(tuple(str(row[n]) for n in names) for row in result)


def test_most_bundled_queries_have_bindings_to_try() -> None:
    # statement_parts.rq is bound by rows (inject_rows) and projects none of its bound
    # variables, which substitution needs: its own tests are below.
    names = [n for n in queries.query_names() if n != "statement_parts"]
    assert sum(1 for n in names if bindings_for(n)) >= len(names) - 2


def test_rows_pair_their_values_where_lists_of_values_cross(filled: ox.Store) -> None:
    text = "SELECT ?s ?n WHERE { ?s ?p ?o }"
    a, b = statement_iri(DAM.statements[0].id), statement_iri(DAM.statements[1].id)
    rows = [(a, ox.Literal("first")), (b, ox.Literal("second"))]
    got = filled.query(inject_rows(text, ["s", "n"], rows), use_default_graph_as_union=True)
    assert {(r["s"], r["n"].value) for r in got} == {(a, "first"), (b, "second")}
    crossed = inject_values(text, {"s": [a, b], "n": [ox.Literal("first"), ox.Literal("x")]})
    got = filled.query(crossed, use_default_graph_as_union=True)
    assert len({(r["s"], r["n"].value) for r in got}) == 4


@pytest.mark.parametrize(
    ("names", "rows", "message"),
    [
        (["s", "n"], [], "empty list of rows"),
        (["s", "n"], [(ox.NamedNode("urn:a"),)], "a row of 1 values for 2 variables"),
        (["s", "n;"], [(ox.NamedNode("urn:a"), ox.Literal("1"))], "not a variable name"),
        (["s"], [(ox.BlankNode(),)], "a blank node cannot be bound"),
    ],
)
def test_rows_that_cannot_be_bound_are_refused(
    names: list[str], rows: list[tuple[ox.NamedNode, ...]], message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        inject_rows("SELECT * WHERE { ?s ?p ?o }", names, rows)


def test_statement_parts_describes_each_statement_of_its_rows(filled: ox.Store) -> None:
    statements = [statement_iri(s.id) for s in DAM.statements]
    rows = [(iri, ox.Literal(i)) for i, iri in enumerate(statements)]
    text = inject_rows(load_query("statement_parts"), ["statement", "row"], rows)
    got = filled.query(text, use_default_graph_as_union=True)
    parts = {(int(r["row"].value), r["part"].value, r["value"]) for r in got}
    for i, iri in enumerate(statements):
        want = filled.query(
            "SELECT ?s ?speaker ?doc WHERE { ?s <https://w3id.org/claimgraph/ontology#speaker> "
            "?speaker ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc }",
            use_default_graph_as_union=True,
            substitutions={ox.Variable("s"): iri},
        )
        for r in want:
            assert (i, "speaker", r["speaker"]) in parts
            assert (i, "doc", r["doc"]) in parts


@pytest.mark.parametrize("apart", [False, True])
@pytest.mark.parametrize("name", queries.query_names())
def test_values_give_the_answers_substitution_gives(
    filled: ox.Store, name: str, apart: bool
) -> None:
    text = load_query(name)
    for bindings in bindings_for(name):
        pages = ("",) if "LIMIT" in text else ("", "\nLIMIT 3 OFFSET 0")  # as queries.run pages
        for suffix in pages:
            rewritten = inject_values(text + suffix, bindings, apart=apart)
            assert "VALUES" in rewritten
            # Parses as SPARQL (pyoxigraph raises SyntaxError otherwise)...
            got = filled.query(rewritten, use_default_graph_as_union=True)
            # ...and answers as pyoxigraph's own substitution of the same values.
            want = filled.query(
                text + suffix,
                use_default_graph_as_union=True,
                substitutions={ox.Variable(k): v for k, v in bindings.items()},
            )
            assert _rows(got) == _rows(want), name


def test_values_open_the_outermost_where_group() -> None:
    q = """PREFIX x: <http://example.org/where#> # WHERE { not here
SELECT ?s (COUNT(*) AS ?n) ?label
WHERE {
  { SELECT ?s WHERE { ?s x:where "WHERE { }" } }
  ?s x:label ?label
}
GROUP BY ?s ?label ORDER BY ?s LIMIT 5"""
    out = inject_values(q, {"label": ox.Literal("a")})
    assert out.index("VALUES") == q.index("WHERE {\n") + len("WHERE { ")
    ox.Store().query(out)


@pytest.mark.parametrize(
    "q",
    [
        "SELECT * { ?s ?p ?x }",
        "ask{?s ?p ?x}",
        "CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?x }",
        "SELECT ?x WHERE { ?s ?p ?x } VALUES ?s { <urn:a> }",
        "BASE <http://example.org/> SELECT $x WHERE { <s> ?p $x }",
    ],
)
def test_values_in_each_query_form(q: str) -> None:
    out = inject_values(q, {"x": ox.Literal("1")})
    assert out.count("VALUES (?x)") == 1
    ox.Store().query(out)


def test_hostile_values_stay_values() -> None:
    q = "SELECT ?d ?id WHERE { ?d <http://purl.org/dc/terms/identifier> ?id }"
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("urn:d"),
            ox.NamedNode("http://purl.org/dc/terms/identifier"),
            ox.Literal("dam"),
        )
    )
    for evil in (
        'dam" } ; DROP ALL ; SELECT * { "',
        "x'''\"\"\" } #",
        "\\",
        "line\nbreak }",
        "“smart” Москва 🙂",
    ):
        out = inject_values(q, {"id": ox.Literal(evil)})
        assert list(store.query(out)) == []
    [row] = store.query(inject_values(q, {"id": ox.Literal("dam")}))
    assert row["d"] == ox.NamedNode("urn:d")
    assert len(store) == 1


def test_what_cannot_be_bound() -> None:
    q = "SELECT ?x WHERE { ?x ?p ?o }"
    with pytest.raises(QueryError, match="blank node"):
        inject_values(q, {"x": ox.BlankNode()})
    with pytest.raises(TypeError, match="pyoxigraph"):
        inject_values(q, {"x": "urn:raw-string"})  # type: ignore[dict-item]
    with pytest.raises(QueryError, match="variable name"):
        inject_values(q, {"x) {} DROP ALL #": ox.Literal("a")})
    with pytest.raises(QueryError, match="WHERE group"):
        inject_values("DESCRIBE ?x", {"x": ox.NamedNode("urn:a")})
    with pytest.raises(QueryError, match="WHERE group"):
        inject_values("CONSTRUCT WHERE { ?x ?p ?o }", {"x": ox.NamedNode("urn:a")})


def test_unmentioned_variables_change_nothing() -> None:
    q = "SELECT * WHERE { ?s ?p ?o }"
    assert inject_values(q, {"other": ox.Literal("a")}) == q
    assert mentioned_variables('SELECT ?a $b WHERE { ?a <urn:p> "?c" } # ?d') == {"a", "b"}


@pytest.mark.parametrize(
    ("q", "form"),
    [
        ("select * {}", "SELECT"),
        ("PREFIX ask: <urn:x> CONSTRUCT { } WHERE { }", "CONSTRUCT"),
        ("# ASK\nDESCRIBE <urn:a>", "DESCRIBE"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "UPDATE"),
        ("drop all", "UPDATE"),
        ("SELEC ?x WHERE {}", None),
    ],
)
def test_query_form(q: str, form: str | None) -> None:
    assert query_form(q) == form


def test_dataset_clauses_are_stripped_and_drops_silenced() -> None:
    q = 'SELECT * FROM <urn:a> FROM NAMED x:b WHERE { GRAPH ?g { ?s <urn:from> "FROM <urn:c>" } }'
    assert strip_dataset(q) == 'SELECT *   WHERE { GRAPH ?g { ?s <urn:from> "FROM <urn:c>" } }'
    u = 'DROP GRAPH <urn:g> ; DROP ALL ; INSERT DATA { GRAPH <urn:h> { <urn:a> <urn:b> "DROP" } }'
    out = silence_graph_drops(u)
    assert out.startswith("DROP SILENT GRAPH <urn:g> ; DROP ALL ;") and out.endswith('"DROP" } }')
    ox.Store().update(out)


def test_docstring_examples() -> None:
    import kg.store
    import kg.store.protocol
    import kg.store.rewrite

    for module in (kg.store.rewrite, kg.store.protocol, kg.store):
        failed, _ = doctest.testmod(module)
        assert failed == 0, module.__name__


def test_the_registry_opens_remote_stores_without_connecting() -> None:
    with open_store("sparql+https://sparql.example.org/ds/query?update=update") as s:
        assert s.url.startswith("sparql+https://") and s.persistent


def test_values_apart_are_one_block_per_variable() -> None:
    text = "SELECT * WHERE { ?s ?p ?o }"
    a, b = ox.NamedNode("urn:a"), ox.NamedNode("urn:b")
    together = inject_values(text, {"s": [a, b], "o": ox.Literal("1")})
    apart = inject_values(text, {"s": [a, b], "o": ox.Literal("1")}, apart=True)
    assert together.count("VALUES") == 1 and '(<urn:a> "1") (<urn:b> "1")' in together
    assert apart.count("VALUES") == 2 and "VALUES (?s) { (<urn:a>) (<urn:b>) }" in apart
