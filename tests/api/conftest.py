"""A fresh app per test, on every store backend, with the invented articles stored."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api import create_app
from kg.rdf import document_iri, extraction_quads
from kg.settings import Settings
from kg.store import Store
from tests.factories import dam_article, report_article


@pytest.fixture
def settings(store: Store) -> Settings:
    return Settings(store=store.url, token="s3cret", query_timeout=5.0, max_body_bytes=20_000)


@pytest.fixture
def client(store: Store, settings: Settings) -> Iterator[TestClient]:
    xs = [dam_article(), report_article()]
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x)) for x in xs])
    with TestClient(create_app(settings, store=store)) as c:
        yield c
