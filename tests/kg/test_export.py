"""Actor-graph and RDF exports load back with their tools' readers."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from pyoxigraph import RdfFormat, parse

from kg.errors import InputError
from kg.export import GRAPH_FORMATS, RDF_FORMATS, actor_graph, dump_rdf, write_actor_graph
from kg.rdf import document_iri, extraction_quads
from kg.store import Store
from tests.factories import dam_article, report_article


@pytest.fixture
def filled(store: Store) -> Store:
    xs = [dam_article(), report_article()]
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])
    return store


def test_actor_graph_nodes_and_edges(filled: Store) -> None:
    g = actor_graph(filled)
    assert set(g.nodes) == {"norland", "sudmark", "anna-berg", "piet-vos"}
    e = g.edges["norland", "sudmark", "accusation"]
    assert (e["count"], e["evidence_none"], e["first_date"]) == (1, 1, "2025-03-12")
    assert g.nodes["sudmark"]["targeted"] == 2 and g.nodes["sudmark"]["type"] == "state"


def test_actor_graph_filters(filled: Store) -> None:
    assert {k for _, _, k in actor_graph(filled, kinds=["denial"]).edges(keys=True)} == {"denial"}
    assert actor_graph(filled, since="2025-04-01").number_of_edges() == 2
    only = actor_graph(filled, entity="Piet Vos")
    assert set(only.nodes) == {"piet-vos", "norland"}
    with pytest.raises(InputError):
        actor_graph(filled, kinds=["claim"])


def test_actor_graph_evidence_filter(filled: Store) -> None:
    none = actor_graph(filled, evidence="none")
    assert list(none.edges(keys=True)) == [("norland", "sudmark", "accusation")]
    provided = actor_graph(filled, evidence="provided")
    assert list(provided.edges(keys=True)) == [("anna-berg", "sudmark", "accusation")]
    assert provided.nodes["sudmark"]["targeted"] == 1
    assert actor_graph(filled, evidence="unspecified").number_of_edges() == 2
    with pytest.raises(InputError):
        actor_graph(filled, evidence="maybe")


def _export(g: nx.MultiDiGraph, fmt: str) -> bytes:
    out = io.BytesIO()
    write_actor_graph(g, fmt, out)
    return out.getvalue()


def test_every_graph_format_reads_back(filled: Store) -> None:
    g = actor_graph(filled)
    assert set(GRAPH_FORMATS) == {"graphml", "gexf", "cytoscape", "node-link", "dot", "csv"}
    for reader, fmt in ((nx.read_graphml, "graphml"), (nx.read_gexf, "gexf")):
        back = reader(io.BytesIO(_export(g, fmt)))
        assert back.number_of_edges() == g.number_of_edges()
        assert set(back.nodes) == set(g.nodes)
    cy = nx.cytoscape_graph(json.loads(_export(g, "cytoscape")))
    assert cy.number_of_edges() == g.number_of_edges()
    nl = nx.node_link_graph(json.loads(_export(g, "node-link")), edges="links")
    assert nl.number_of_edges() == g.number_of_edges()
    dot = _export(g, "dot").decode()
    assert dot.startswith("digraph") and dot.count("->") == g.number_of_edges()
    rows = list(csv.DictReader(io.StringIO(_export(g, "csv").decode())))
    assert len(rows) == g.number_of_edges() and rows[0]["statements"]


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_dump_formats_parse(filled: Store, fmt: str) -> None:
    out = io.BytesIO()
    dump_rdf(filled, fmt, out)
    pyformat = getattr(RdfFormat, RDF_FORMATS[fmt][0])
    parsed = list(parse(out.getvalue(), pyformat))
    assert len(parsed) == len(filled) if pyformat.supports_datasets else len(parsed) > 0
