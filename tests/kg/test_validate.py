"""Real pipeline output passes the SHACL shapes: the extractor on the bundled articles,
through the RDF mapping, into every store backend, and back out."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_documents
from kg.pipeline import ingest
from kg.rdf import extraction_quads
from kg.store import Store
from kg.validate import validate_quads, validate_store

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "articles"


@pytest.fixture(scope="module")
def extractions(extractor):  # type: ignore[no-untyped-def]
    return list(extractor.extract_many(read_documents([SAMPLES])))


def test_every_sample_article_yields_statements(extractions) -> None:
    assert len(extractions) >= 4
    assert sum(len(x.statements) for x in extractions) >= 10


def test_extraction_graphs_conform(extractions) -> None:
    for x in extractions:
        conforms, text = validate_quads(extraction_quads(x))
        assert conforms, f"{x.document.id}:\n{text}"


def test_stored_graphs_conform(store: Store, extractor) -> None:
    ingest(store, read_documents([SAMPLES]), extractor)
    reports = list(validate_store(store))
    assert len(reports) >= 4
    for r in reports:
        assert r.conforms, f"{r.graph}:\n{r.text}"


def test_a_broken_graph_does_not_conform(extractions) -> None:
    quads = [
        q for q in extraction_quads(extractions[0]) if not q.predicate.value.endswith("#speaker")
    ]
    conforms, text = validate_quads(quads)
    assert not conforms and "speaker" in text
