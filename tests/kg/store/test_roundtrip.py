"""Literals come back as they were written, on every backend (Virtuoso has opinions)."""

from __future__ import annotations

import io

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.store import Store

XSD = "http://www.w3.org/2001/XMLSchema#"
GRAPH = NamedNode("https://w3id.org/claimgraph/id/doc/literals")
P = NamedNode("https://w3id.org/claimgraph/ontology#text")

# What the RDF mapping writes: long texts, quotes of every kind, other scripts, dates,
# doubles as kg.rdf formats them, integers, language tags.
LITERALS = [
    Literal("plain"),
    Literal("“smart quotes” — ‘single’ «guillemets» Москва 北京 العربية ελληνικά"),
    Literal("emoji 🙂 and astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"),
    Literal('quote " backslash \\ newline \n tab \t return \r line sep \u2028 end'),
    Literal("A long article. " * 400 + "Ωμέγα"),  # 6.4 KB, like cg:text of a real article
    Literal("x" * 120_000),
    Literal(""),
    Literal("2025-03-12", datatype=NamedNode(XSD + "date")),
    Literal("0.85", datatype=NamedNode(XSD + "double")),
    Literal("1.0", datatype=NamedNode(XSD + "double")),
    Literal("42", datatype=NamedNode(XSD + "integer")),
    Literal("https://example.org/a?b=c&d=é", datatype=NamedNode(XSD + "anyURI")),
    Literal("Kyiv", language="uk-latn"),
]


def _key(term: Literal) -> object:
    """A literal as compared here: doubles by value (engines write 1.0 as 1, 1.0 or 1.0E0)."""
    if term.datatype == NamedNode(XSD + "double"):
        return ("double", float(term.value))
    return term


def _quads() -> list[Quad]:
    return [
        Quad(NamedNode(f"https://w3id.org/claimgraph/id/s{i}"), P, lit, GRAPH)
        for i, lit in enumerate(LITERALS)
    ]


@pytest.fixture
def written(store: Store) -> Store:
    store.write_graphs([(GRAPH, _quads())])
    return store


def test_literals_round_trip_through_select(written: Store) -> None:
    rows = written.query(f"SELECT ?s ?o WHERE {{ GRAPH {GRAPH} {{ ?s {P} ?o }} }}")
    got = {row["s"].value: _key(row["o"]) for row in rows}
    assert got == {q.subject.value: _key(q.object) for q in _quads()}


def test_literals_round_trip_through_dump(written: Store) -> None:
    out = io.BytesIO()  # streamed from the server by the remote store
    written.dump(out, RdfFormat.N_QUADS)
    got = {
        (q.subject, _key(q.object), q.graph_name) for q in parse(out.getvalue(), RdfFormat.N_QUADS)
    }
    assert got == {(q.subject, _key(q.object), q.graph_name) for q in _quads()}


def test_literals_can_be_bound(written: Store) -> None:
    q = f"SELECT ?s ?o WHERE {{ ?s {P} ?o }}"
    for lit in LITERALS[:5] + LITERALS[7:]:
        [row] = written.query(q, {"o": lit})
        assert _key(row["o"]) == _key(lit)
