"""claimgraph: who accused whom, who denied it, who claimed what, from news text.

The public API. Light names are imported here; heavy ones (the spaCy extractor, the
store, ingest) are imported on first use, so ``import kg`` stays fast.

>>> import kg
>>> store = kg.open_store("memory:")
>>> doc = kg.make_document("Nothing was said.", id="quiet")
>>> kg.Kind.DENIAL.value
'denial'
"""

from __future__ import annotations

import importlib
from typing import Any

from kg.errors import ClaimGraphError
from kg.ingest import make_document, read_documents
from kg.model import (
    ActorType,
    Document,
    Entity,
    EvidenceStatus,
    Extraction,
    Kind,
    Mention,
    Span,
    Statement,
)
from kg.settings import Settings

__all__ = [
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
]

_LAZY = {
    "Extractor": "kg.extract",
    "IngestReport": "kg.pipeline",
    "ingest": "kg.pipeline",
    "Store": "kg.store",
    "open_store": "kg.store",
    "extraction_quads": "kg.rdf",
    "mention_records": "kg.records",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
