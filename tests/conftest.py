"""Shared fixtures: one ``store`` fixture that runs each test on every store backend."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import Store, open_store

BACKENDS = ["memory", "oxigraph"]
if os.environ.get("CLAIMGRAPH_TEST_REMOTE"):
    BACKENDS.append("sparql")


def store_url(backend: str, tmp_path: Path) -> str:
    if backend == "memory":
        return "memory:"
    if backend == "oxigraph":
        return f"oxigraph:{tmp_path / 'store'}"
    return os.environ["CLAIMGRAPH_TEST_REMOTE"]


def _empty_remote(s: Store) -> None:
    """Drop every claimgraph graph of the test server, and only of the test server."""
    from kg.store.sparql import SparqlStore

    assert isinstance(s, SparqlStore)
    assert s.url == os.environ.get("CLAIMGRAPH_TEST_REMOTE"), "refusing to clear another server"
    s.clear()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh, empty store of each backend."""
    s = open_store(store_url(request.param, tmp_path))
    if request.param == "sparql":
        _empty_remote(s)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    """The real extractor, loaded once per test session (spaCy takes a second to load)."""
    from kg.extract import Extractor

    return Extractor()
