"""Shared fixtures: spaCy loads once per test session (about 1.5 s)."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.ingest import make_document
from kg.model import Extraction


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def run(extractor: Extractor):
    def _run(text: str) -> Extraction:
        return extractor.extract(make_document(text, id="t"))

    return _run
