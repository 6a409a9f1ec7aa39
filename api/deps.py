"""Request dependencies: the store and settings the app factory opened."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from kg.settings import Settings
from kg.store import Store

__all__ = ["get_extractor", "get_settings", "get_store"]


# The two below are coroutines only so that FastAPI calls them on the event loop: a
# plain function dependency is sent to the thread pool and back for every request.


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_extractor(request: Request) -> Any:
    """The extractor, built on first use (loading spaCy takes a second) and then shared."""
    state = request.app.state
    if state.extractor is None:
        with state.extractor_lock:
            if state.extractor is None:
                from kg.extract import Extractor

                state.extractor = Extractor()
    return state.extractor
