"""Add one document through the pipeline and describe what it yielded (for the API)."""

from __future__ import annotations

from typing import Any

from kg import queries
from kg.model import Document
from kg.pipeline import Extracts, ingest
from kg.rdf import document_iri
from kg.store.base import Store

__all__ = ["add_document"]


def add_document(
    store: Store, document: Document, extractor: Extracts
) -> tuple[bool, dict[str, Any]]:
    """Extract and store ``document`` unless it is stored already.

    Returns whether it was new, and the stored document with its statements.
    """
    created = False
    if not store.has_graph(document_iri(document.id)):
        report = ingest(store, [document], extractor)
        created = report.written == 1
    return created, queries.document(store, document.id)
