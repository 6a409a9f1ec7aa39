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

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from kg.store.base import Store

__all__ = ["remembered"]

T = TypeVar("T")


class _Held:
    """What one store's lookups gave at one generation, and a lock per lookup so that
    callers who miss it at once wait for one of them to work it out."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.values: dict[str, Any] = {}
        self.locks: dict[str, threading.Lock] = {}


# By store: its lookups at the latest generation asked for. A store dropped from memory
# takes them with it; a write drops them at the next call.
_HELD: weakref.WeakKeyDictionary[Store, _Held] = weakref.WeakKeyDictionary()
_SWAP = threading.Lock()


def remembered(store: Store, name: str, work_out: Callable[[], T]) -> T:
    """``work_out()``, or what it gave for ``name`` on ``store`` at this generation.

    The generation is read before the work, so a write that ends while it runs makes
    the next call work it out again. Callers that miss at once wait for one of them
    (the scan of every actor's name takes a core for a second at 10M triples).
    """
    if not store.sole_writer:
        return work_out()
    generation = store.generation
    with _SWAP:
        held = _HELD.get(store)
        if held is None or held.generation < generation:
            held = _HELD[store] = _Held(generation)
    if held.generation != generation:  # a write ended since this call began
        return work_out()
    if name in held.values:
        return held.values[name]
    with held.locks.setdefault(name, threading.Lock()):
        if name not in held.values:
            held.values[name] = work_out()
    return held.values[name]
