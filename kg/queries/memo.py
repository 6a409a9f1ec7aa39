"""Store-wide lookups remembered until the store changes.

Some lists start from something about the whole store: every actor's names (entity
search), every document IRI (the documents list), how many statements each date has
(the newest-first lists). At 10M triples these take 0.1-3 s to work out, and they do
not change between writes. On a store that sees every write to its data
(:attr:`~kg.store.base.Store.sole_writer`: the embedded ones), such a lookup is kept
with the store's :attr:`~kg.store.base.Store.generation` and worked out again only once
that has moved. A server that others write to is asked every time.

What is remembered is shared by every caller: it must be immutable (tuples, not lists).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from kg.store.base import Store

__all__ = ["remembered"]

T = TypeVar("T")

# By store, then by name: (generation it was worked out at, value). A store dropped from
# memory takes its entries with it.
_HELD: weakref.WeakKeyDictionary[Store, dict[str, tuple[int, Any]]] = weakref.WeakKeyDictionary()


def remembered(store: Store, name: str, work_out: Callable[[], T]) -> T:
    """``work_out()``, or what it gave for ``name`` on ``store`` at this generation.

    The generation is read before the work, so a write that ends while it runs makes
    the next call work it out again (:class:`~kg.store.oxigraph.OxigraphStore` moves
    the generation as a write starts and again when it ends).
    """
    if not store.sole_writer:
        return work_out()
    generation = store.generation
    held = _HELD.setdefault(store, {})
    hit = held.get(name)
    if hit is not None and hit[0] == generation:
        return hit[1]
    value = work_out()
    held[name] = (generation, value)
    return value
