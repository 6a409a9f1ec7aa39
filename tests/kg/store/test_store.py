"""The store interface, on every backend."""

from __future__ import annotations

import io

import pytest
from pyoxigraph import Literal, NamedNode, QueryBoolean, RdfFormat, parse

from kg.errors import ConfigError, QuerySyntaxError, StoreLocked
from kg.rdf import document_iri, extraction_quads
from kg.store import Store, open_store
from tests.factories import dam_article, report_article


def write(store: Store, *extractions) -> None:
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in extractions])


def test_write_then_query_union_of_graphs(store: Store) -> None:
    write(store, dam_article(), report_article())
    assert sorted(g.value for g in store.graphs()) == [
        document_iri("dam").value,
        document_iri("report").value,
    ]
    rows = list(
        store.query(
            "SELECT DISTINCT ?s WHERE { ?s a <https://w3id.org/claimgraph/ontology#Accusation> }"
        )
    )
    assert len(rows) == 2


def test_bindings_are_bound_not_pasted(store: Store) -> None:
    write(store, dam_article())
    q = "SELECT ?doc ?id WHERE { ?doc <http://purl.org/dc/terms/identifier> ?id }"
    assert [r["doc"] for r in store.query(q, {"id": Literal("dam")})] == [document_iri("dam")]
    hostile = Literal('dam" } ; DROP ALL ; SELECT * { "')
    assert list(store.query(q, {"id": hostile})) == []
    assert len(store) > 0


def test_rewriting_a_graph_replaces_it_whole(store: Store) -> None:
    write(store, dam_article())
    before = len(store)
    write(store, dam_article())
    assert len(store) == before
    smaller = dam_article()
    smaller.statements = smaller.statements[:1]
    write(store, smaller)
    assert 0 < len(store) < before


def test_delete_graph_removes_only_that_document(store: Store) -> None:
    write(store, dam_article(), report_article())
    report_only = len(extraction_quads(report_article()))
    assert store.delete_graph(document_iri("dam")) is True
    assert store.delete_graph(document_iri("dam")) is False
    assert not store.has_graph(document_iri("dam"))
    assert len(store) == report_only


def test_ask_and_construct(store: Store) -> None:
    write(store, dam_article())
    assert isinstance(store.query("ASK { ?s ?p ?o }"), QueryBoolean)
    assert bool(store.query("ASK { ?s ?p ?o }"))
    triples = list(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"))
    assert len(triples) == 3


def test_default_graphs_restrict_the_query(store: Store) -> None:
    write(store, dam_article(), report_article())
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/claimgraph/ontology#Document> }"
    [row] = list(store.query(q, default_graphs=[document_iri("dam")]))
    assert int(row["n"].value) == 1


def test_malformed_query_is_a_syntax_error(store: Store) -> None:
    with pytest.raises(QuerySyntaxError):
        store.query("SELEC ?x WHERE { }")
    with pytest.raises(QuerySyntaxError):
        store.update("INSERT DAT { }")


def test_dump_round_trips(store: Store) -> None:
    write(store, dam_article())
    out = io.BytesIO()
    store.dump(out, RdfFormat.N_QUADS)
    assert len(list(parse(out.getvalue(), RdfFormat.N_QUADS))) == len(store)
    ttl = io.BytesIO()
    store.dump(ttl, RdfFormat.TURTLE)
    assert len(list(parse(ttl.getvalue(), RdfFormat.TURTLE))) == len(store)


def test_unknown_scheme_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown store"):
        open_store("postgres://localhost/x")


def test_disk_store_survives_reopening(tmp_path) -> None:
    url = f"oxigraph:{tmp_path / 's'}"
    with open_store(url) as s:
        write(s, dam_article())
        n = len(s)
    with open_store(url) as s:
        assert len(s) == n and s.persistent


def test_second_open_of_a_disk_store_is_locked(tmp_path) -> None:
    url = f"oxigraph:{tmp_path / 's'}"
    with open_store(url), pytest.raises(StoreLocked, match="in use"):
        open_store(url)


def test_graph_names_are_named_nodes(store: Store) -> None:
    write(store, dam_article())
    assert all(isinstance(g, NamedNode) for g in store.graphs())
