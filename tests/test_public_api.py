"""The public API of ``kg`` is what ``__all__`` lists, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import kg

EXPECTED = {
    "ActorType",
    "ClaimGraphError",
    "Document",
    "Entity",
    "EvidenceStatus",
    "Extraction",
    "Extractor",
    "IngestReport",
    "Kind",
    "Mention",
    "Settings",
    "Span",
    "Statement",
    "Store",
    "extraction_quads",
    "ingest",
    "make_document",
    "mention_records",
    "open_store",
    "read_documents",
}


def test_exported_members() -> None:
    assert set(kg.__all__) == EXPECTED
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name


def test_import_kg_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, kg; heavy = [m for m in ('spacy', 'pyoxigraph', 'rdflib', 'networkx',"
        " 'fastapi') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_error_is_a_claimgraph_error() -> None:
    from kg import errors

    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.ClaimGraphError)
