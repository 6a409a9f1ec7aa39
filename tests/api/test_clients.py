"""Real SPARQL clients against a live server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from api import create_app
from kg.settings import Settings
from tests.api.live import serve

CG = "https://w3id.org/claimgraph/ontology#"
WHO = f"SELECT ?a ?b WHERE {{ ?a <{CG}accuses> ?b }} ORDER BY ?a"


@pytest.fixture
def base_url(client, settings, store):
    with serve(create_app(settings, store=store)) as url:
        yield url


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_in_each_format(base_url: str, method: str) -> None:
    sw = SPARQLWrapper(base_url + "/sparql")
    sw.setMethod(method)
    sw.setQuery(WHO)
    sw.setReturnFormat(JSON)
    rows = sw.queryAndConvert()["results"]["bindings"]
    assert [r["a"]["value"].rsplit("/", 1)[1] for r in rows] == ["anna-berg", "norland"]
    sw.setReturnFormat(XML)
    assert len(sw.queryAndConvert().getElementsByTagName("result")) == 2
    sw.setReturnFormat(CSV)
    assert sw.queryAndConvert().decode().count("\n") == 3


def test_sparqlwrapper_ask_and_construct(base_url: str) -> None:
    sw = SPARQLWrapper(base_url + "/sparql")
    sw.setQuery("ASK { ?s ?p ?o }")
    sw.setReturnFormat(JSON)
    assert sw.queryAndConvert()["boolean"] is True
    sw.setQuery(f"CONSTRUCT {{ ?a <{CG}accuses> ?b }} WHERE {{ ?a <{CG}accuses> ?b }}")
    sw.setReturnFormat(TURTLE)
    g = Graph().parse(data=sw.queryAndConvert(), format="turtle")
    assert len(g) == 2


def test_rdflib_sparqlstore(base_url: str) -> None:
    store = SPARQLStore(base_url + "/sparql", returnFormat="json")
    g = Graph(store)
    rows = list(g.query(WHO))
    assert [str(r.a).rsplit("/", 1)[1] for r in rows] == ["anna-berg", "norland"]
    norland = URIRef("https://w3id.org/claimgraph/id/entity/norland")
    assert (norland, URIRef(CG + "accuses"), None) in g
    store.close()


def test_slow_query_times_out_without_blocking_others(store) -> None:
    # A cross product over the whole store: seconds of work on the test data.
    bomb = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    store.update(
        "INSERT DATA { GRAPH <urn:g> { "
        + " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(400))
        + " } }"
    )
    settings = Settings(store=store.url, query_timeout=0.5)
    with serve(create_app(settings, store=store)) as url:
        result: dict[str, httpx.Response] = {}

        def slow() -> None:
            result["r"] = httpx.get(url + "/sparql", params={"query": bomb}, timeout=30)

        t = threading.Thread(target=slow)
        t.start()
        time.sleep(0.1)
        started = time.monotonic()
        health = httpx.get(url + "/health", timeout=5)
        # Answered while the bomb runs (the bound is loose: CI machines are busy).
        assert health.status_code == 200 and time.monotonic() - started < 2.0
        t.join(30)
    r = result["r"]
    assert r.status_code == 503 and "longer than 0.5 s" in r.json()["detail"]
