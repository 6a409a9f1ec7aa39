"""Request dependencies: the store and settings the app factory opened."""

from __future__ import annotations

from fastapi import Request

from kg.settings import Settings
from kg.store import Store

__all__ = ["get_settings", "get_store"]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings
