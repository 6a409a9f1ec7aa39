"""The bulk write path, and values bound so that the optimiser sees them."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import queries
from kg.namespaces import DATA
from kg.rdf import document_iri, extraction_quads
from kg.store import Store, open_store, oxigraph
from kg.store.oxigraph import _bind
from tests.factories import dam_article, report_article


def batch(*xs: object) -> list[tuple[ox.NamedNode, list[ox.Quad]]]:
    return [(document_iri(x.document.id), extraction_quads(x)) for x in xs]  # type: ignore[attr-defined]


def test_bulk_write_equals_write_graphs(store: Store) -> None:
    store.bulk_write_graphs(iter([batch(dam_article()), batch(report_article())]))
    assert sorted(g.value for g in store.graphs()) == sorted(
        document_iri(d).value for d in ("dam", "report")
    )
    assert len(store) == len(extraction_quads(dam_article())) + len(
        extraction_quads(report_article())
    )


def test_bulk_write_replaces_graphs_it_already_holds(store: Store) -> None:
    store.write_graphs(batch(dam_article()))
    smaller = dam_article()
    smaller.statements = smaller.statements[:1]
    store.bulk_write_graphs([batch(smaller, report_article())])
    assert len(store) == len(extraction_quads(smaller)) + len(extraction_quads(report_article()))
    # ...and the same graph twice in one load: the last one wins, whole.
    store.bulk_write_graphs([batch(dam_article()), batch(smaller)])
    assert len(store) == len(extraction_quads(smaller)) + len(extraction_quads(report_article()))


def test_lookups_after_a_bulk_load(store: Store) -> None:
    store.bulk_write_graphs([batch(dam_article(), report_article())])
    assert len(queries.accusations(store, accused="sudmark").items) == 2
    assert queries.resolve_entity(store, "NORDBY").value.endswith("/norland")


def test_optimize_changes_no_answer(store: Store) -> None:
    store.write_graphs(batch(dam_article(), report_article()))

    def answers() -> tuple[object, ...]:
        graphs = sorted(g.value for g in store.graphs() if g.value.startswith(DATA))
        return (len(store), graphs, queries.counts(store), queries.accusations(store).items)

    before = answers()
    store.optimize()
    assert answers() == before


def test_values_block_where_it_is_safe_substitution_elsewhere() -> None:
    x = ox.NamedNode("urn:x")
    text, subs = _bind("SELECT ?s WHERE { ?s ?p ?x }", {"x": x})
    assert subs is None and "VALUES (?x) { (<urn:x>) }" in text
    nested = "SELECT ?s WHERE { ?s ?p ?o { ?s ?q ?r FILTER(?r = ?x) } }"
    assert _bind(nested, {"x": x}) == (nested, {ox.Variable("x"): x})
    sub = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?x } } }"
    assert _bind(sub, {"x": x})[1] is not None
    optional = "SELECT ?s WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?r FILTER(?r != ?x) } }"
    assert _bind(optional, {"x": x})[1] is None
    blank = ox.BlankNode()
    assert _bind("SELECT ?s WHERE { ?s ?p ?x }", {"x": blank})[1] == {ox.Variable("x"): blank}


def test_long_writes_flush_the_memtables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxigraph, "FLUSH_EVERY", 10)
    with open_store(f"oxigraph:{tmp_path / 's'}") as store:
        assert isinstance(store, oxigraph.OxigraphStore)
        store.write_graphs(batch(dam_article()))
        store.write_graphs(batch(report_article()))
        assert store._written_since_flush < 10
        assert len(queries.accusations(store, accused="sudmark").items) == 2


def test_a_list_binds_a_variable_to_any_of_its_values(store: Store) -> None:
    store.write_graphs(batch(dam_article(), report_article()))
    docs = [document_iri("dam"), document_iri("report"), ox.NamedNode("urn:none")]
    rows = store.query(
        "SELECT ?doc ?id WHERE { ?doc <http://purl.org/dc/terms/identifier> ?id }", {"doc": docs}
    )
    assert sorted(r["id"].value for r in rows) == ["dam", "report"]


def test_a_list_needs_a_values_block(store: Store) -> None:
    from kg.errors import QueryError

    with pytest.raises(QueryError):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", {"s": []})
    if isinstance(store, oxigraph.OxigraphStore):
        with pytest.raises(QueryError):
            store.query(
                "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
                {"s": [ox.NamedNode("urn:x")]},
            )
