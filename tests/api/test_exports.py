"""/export/graph and /export/rdf load back with their tools' readers."""

from __future__ import annotations

import io

import networkx as nx
import pytest
from pyoxigraph import RdfFormat, parse


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_read_back(client, fmt, reader) -> None:
    r = client.get("/export/graph", params={"format": fmt})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    g = reader(io.BytesIO(r.content))
    assert {"norland", "sudmark"} <= set(g.nodes)


def test_graph_json_exports(client) -> None:
    cy = client.get("/export/graph", params={"format": "cytoscape"}).json()
    assert nx.cytoscape_graph(cy).number_of_edges() == 4
    nl = client.get("/export/graph", params={"format": "node-link", "kind": "denial"}).json()
    assert {link["kind"] for link in nl["links"]} == {"denial"}
    r = client.get("/export/graph", params={"format": "dot", "entity": "nordby"})
    assert r.text.startswith("digraph")


def test_graph_export_bad_parameters(client) -> None:
    assert client.get("/export/graph", params={"format": "png"}).status_code == 422
    assert client.get("/export/graph", params={"entity": "nobody"}).status_code == 404


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"])
def test_rdf_exports_parse(client, fmt) -> None:
    r = client.get("/export/rdf", params={"format": fmt})
    assert r.status_code == 200
    pyfmt = {
        "turtle": RdfFormat.TURTLE,
        "ntriples": RdfFormat.N_TRIPLES,
        "nquads": RdfFormat.N_QUADS,
        "trig": RdfFormat.TRIG,
        "jsonld": RdfFormat.JSON_LD,
        "rdfxml": RdfFormat.RDF_XML,
    }[fmt]
    assert len(list(parse(r.content, pyfmt))) > 100
