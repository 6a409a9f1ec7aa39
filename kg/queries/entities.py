"""Actors: finding one by key, label or alias in any case, searching them, profiles."""

from __future__ import annotations

import contextlib
from typing import Any

from pyoxigraph import Literal, NamedNode

from kg.errors import InputError, NotFound
from kg.model import Kind, slugify
from kg.queries.memo import remembered
from kg.queries.named import MAX_LIMIT, Page, run
from kg.queries.shape import (
    _CLASS_KIND,
    _CLASS_TYPE,
    _STATUS_NAME,
    _is_true,
    _ref,
    _statement_id,
)
from kg.rdf import entity_iri, local_name
from kg.store.base import Store


def _entity_names(store: Store) -> tuple[tuple[str, str, bool, str], ...]:
    """Every actor's names: (IRI, name case-folded, whether it is the label, class).

    A scan of every document's copy of every actor (~1 s at 10M triples), so it is
    remembered until the store changes, where the store can tell (:mod:`kg.queries.memo`).
    """

    def work_out() -> tuple[tuple[str, str, bool, str], ...]:
        return tuple(
            (row["entity"], row["name"].casefold(), _is_true(row["primary"]), row["class"])
            for row in run(store, "entity_names")
        )

    return remembered(store, "entity_names", work_out)


_SMALL_WORDS = frozenset({"the", "of", "and", "for", "in", "on", "al", "de", "la", "von"})


def _spellings(name: str) -> list[str]:
    """How a name typed in any case is likely written in the store.

    >>> _spellings("the un")
    ['the un', 'THE UN', 'The Un', 'The un', 'the Un', 'the UN']
    """
    words = name.split(" ")
    small_lower = " ".join(
        w.lower() if w.lower() in _SMALL_WORDS else w[:1].upper() + w[1:].lower() for w in words
    )
    acronyms = " ".join(
        w.lower() if w.lower() in _SMALL_WORDS else w.upper() if len(w) <= 4 else w.capitalize()
        for w in words
    )
    forms = [name, name.lower(), name.upper(), name.title(), name.capitalize()]
    forms += [small_lower, acronyms]
    folded = name.casefold()
    return [f for f in dict.fromkeys(forms) if f.casefold() == folded]


def resolve_entity(store: Store, name: str) -> NamedNode:
    """The actor a key, label or alias names, any case (``"washington"`` -> United States).

    Raises :class:`~kg.errors.NotFound` when no actor has that name.
    """
    wanted = name.strip()
    if not wanted:
        raise InputError("an entity name must not be empty")
    if slugify(wanted) == wanted:
        by_key = entity_iri(wanted)
        if any(r.get("class") for r in run(store, "entity", {"entity": by_key})):
            return by_key
    folded = wanted.casefold()
    # Index lookups of the likely spellings, the name as written first, up to the first
    # that names an actor; a scan of every name only when none does (a name in odd
    # case, or no actor of that name). Labels win over aliases.
    hits: list[tuple[bool, str]] = []
    for spelling in _spellings(wanted):
        rows = run(store, "entity_by_name", {"name": Literal(spelling)})
        hits += sorted((not _is_true(row["primary"]), row["entity"]) for row in rows)
        if any(not is_alias for is_alias, _ in hits):
            break  # a label as spelled; aliases wait for the other spellings' labels
    hits = sorted(hits) or sorted(
        (not primary, iri) for iri, label, primary, _ in _entity_names(store) if label == folded
    )
    if hits:
        return NamedNode(hits[0][1])
    raise NotFound(f"no entity named {name!r}")


def find_entities(
    store: Store, q: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0
) -> Page:
    """Actors whose label or an alias contains ``q`` (any case), optionally of one type."""
    if type is not None and type not in _CLASS_TYPE.values():
        raise InputError(f"type must be one of {', '.join(_CLASS_TYPE.values())}, not {type!r}")
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, offset not negative")
    needle = (q or "").strip().casefold()
    wanted = None if type is None else {c for c, t in _CLASS_TYPE.items() if t == type}
    matches: dict[str, int] = {}
    classes: dict[str, str] = {}
    for iri, folded, _, cls in _entity_names(store):
        # An actor typed two ways is of its first class by name, as _describe_entity says.
        classes[iri] = min(cls, classes.get(iri, cls))
        if needle in folded:
            rank = 0 if folded == needle else 1 if folded.startswith(needle) else 2
            matches[iri] = min(rank, matches.get(iri, 3))
    ordered = sorted(
        (iri for iri in matches if wanted is None or classes[iri] in wanted),
        key=lambda iri: (matches[iri], iri),
    )
    # Only the page is described (one query per actor), not every match. An actor whose
    # last document went between the names and now (another writer) is left out.
    window = []
    for iri in ordered[offset : offset + limit]:
        with contextlib.suppress(NotFound):
            window.append(_describe_entity(store, NamedNode(iri)))
    more = offset + limit < len(ordered)
    return Page(window, limit, offset, offset + limit if more else None)


def _describe_entity(store: Store, iri: NamedNode) -> dict[str, Any]:
    rows = run(store, "entity", {"entity": iri})
    classes = sorted(r["class"] for r in rows if r.get("class"))
    labels = sorted(r["label"] for r in rows if r.get("label"))
    if not classes or not labels:
        raise NotFound(f"no entity {local_name(iri.value, 'entity') or iri.value!r}")
    return {
        "id": local_name(iri.value, "entity") or iri.value,
        "iri": iri.value,
        "label": labels[0],
        "type": _CLASS_TYPE.get(classes[0], classes[0]),
        "aliases": sorted({r["alias"] for r in rows if r.get("alias")} - {labels[0]}),
        "same_as": sorted({r["sameAs"] for r in rows if r.get("sameAs")}),
    }


def entity(store: Store, name: str) -> dict[str, Any]:
    """An actor's profile: names, and the statements it made and received, by kind."""
    iri = resolve_entity(store, name)
    profile = _describe_entity(store, iri)
    rows = timeline(store, name)
    made = [r for r in rows if r["role"] == "speaker"]
    received = [r for r in rows if r["role"] == "target"]
    profile["counts"] = {
        f"{kind}s_{role}": sum(1 for r in rs if r["kind"] == kind)
        for kind in (k.value for k in Kind)
        for role, rs in (("made", made), ("received", received))
    }
    profile["statements"] = rows
    return profile


def timeline(store: Store, name: str) -> list[dict[str, Any]]:
    """Every statement an actor made or received, oldest first."""
    iri = resolve_entity(store, name)
    out = []
    for r in run(store, "entity_statements", {"entity": iri}):
        out.append(
            {
                "id": _statement_id(r["statement"]),
                "kind": _CLASS_KIND.get(r["class"], r["class"]),
                "role": r["role"],
                "speaker": _ref(store, r["speaker"]),
                "target": _ref(store, r.get("target")),
                "content": r.get("content"),
                "evidence": _STATUS_NAME.get(r["evidence"], r["evidence"]),
                "date": r.get("date"),
                "document": {"id": r["docId"]},
            }
        )
    return out
