"""Stores by name: ``open_store("oxigraph:data/store")``, ``open_store("memory:")``,
``open_store("sparql+http://127.0.0.1:8890/sparql?update=/sparql-auth&user=dba&...")``.

Backends are registered by URL scheme and imported only when opened (as rdflib's
plugin registry does), so ``import kg`` stays light.

>>> store = open_store("memory:")
>>> len(store)
0
>>> sorted(backend_names())
['memory', 'oxigraph', 'sparql+http', 'sparql+https']
"""

from __future__ import annotations

import importlib

from kg.errors import ConfigError
from kg.settings import DEFAULT_STORE
from kg.store.base import Bindings, GraphBatch, QueryResult, Store

__all__ = [
    "DEFAULT_STORE",
    "Bindings",
    "GraphBatch",
    "QueryResult",
    "Store",
    "backend_names",
    "open_store",
]

_BACKENDS = {
    "memory": "kg.store.oxigraph:open_memory",
    "oxigraph": "kg.store.oxigraph:open_path",
    "sparql+http": "kg.store.sparql:open_url",
    "sparql+https": "kg.store.sparql:open_url",
}


def backend_names() -> list[str]:
    return list(_BACKENDS)


def open_store(url: str | None = None) -> Store:
    """Open the store a setting names; ``None`` means :data:`DEFAULT_STORE`."""
    url = (url or DEFAULT_STORE).strip()
    scheme, sep, rest = url.partition(":")
    if not sep or scheme not in _BACKENDS:
        known = ", ".join(f"{name}:" for name in _BACKENDS)
        raise ConfigError(f"unknown store {url!r}: expected one of {known}")
    module_name, _, func = _BACKENDS[scheme].partition(":")
    module = importlib.import_module(module_name)
    opener = getattr(module, func)
    store: Store = opener(rest, url)
    return store
