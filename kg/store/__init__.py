"""Stores by name: ``open_store("oxigraph:data/store")``, ``open_store("memory:")``,
``open_store("sparql+http://127.0.0.1:8890/sparql?update=/sparql-auth&user=dba&...")``.

Backends are registered by URL scheme and imported only when opened (as rdflib's
plugin registry does), so ``import kg`` stays light.

>>> store = open_store("memory:")
>>> len(store)
0
>>> sorted(backend_names())
['memory', 'oxigraph', 'sparql+http', 'sparql+https']
>>> display_url("sparql+http://dba:secret@127.0.0.1:8890/sparql?user=dba&password=secret")
'sparql+http://dba:***@127.0.0.1:8890/sparql?user=dba&password=***'
"""

from __future__ import annotations

import importlib
import re

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
    "display_url",
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


_USERINFO_SECRET = re.compile(r"(//[^/:@]*:)[^/@]*@")
_QUERY_SECRET = re.compile(r"([?&](?:password|token|secret)=)[^&]*", re.IGNORECASE)


def display_url(url: str) -> str:
    """A store setting fit for logs and responses: passwords and tokens become ``***``."""
    return _QUERY_SECRET.sub(r"\1***", _USERINFO_SECRET.sub(r"\1***@", url))


def open_store(url: str | None = None) -> Store:
    """Open the store a setting names; ``None`` means :data:`DEFAULT_STORE`."""
    url = (url or DEFAULT_STORE).strip()
    scheme, sep, rest = url.partition(":")
    if not sep or scheme not in _BACKENDS:
        known = ", ".join(f"{name}:" for name in _BACKENDS)
        raise ConfigError(f"unknown store {display_url(url)!r}: expected one of {known}")
    module_name, _, func = _BACKENDS[scheme].partition(":")
    module = importlib.import_module(module_name)
    opener = getattr(module, func)
    store: Store = opener(rest, url)
    return store
