"""Named, parameterised SPARQL queries and the lookups built on them.

Each query is a ``.rq`` file beside this module, runnable as it is in any SPARQL tool.
Values are bound through the store's ``bindings`` (pyoxigraph ``substitutions``), never
formatted into the query text; only validated integers (LIMIT/OFFSET) are appended.

Every lookup returns plain JSON-ready dicts, so the CLI and the API shape nothing.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from pyoxigraph import Literal, NamedNode

from kg.errors import InputError, NotFound
from kg.ingest import valid_document_id
from kg.model import EvidenceStatus, Kind, slugify
from kg.namespaces import CG
from kg.rdf import EVIDENCE_STATUS, document_iri, entity_iri, local_name, statement_iri
from kg.store.base import Store, Term

__all__ = [
    "Page",
    "accusations",
    "contested",
    "counts",
    "date_literal",
    "denials",
    "document",
    "documents",
    "entity",
    "find_entities",
    "load_query",
    "mentions",
    "query_names",
    "resolve_entity",
    "run",
    "statement",
    "timeline",
]

MAX_LIMIT = 1000
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_CLASS_KIND = {str(CG.Accusation): "accusation", str(CG.Denial): "denial", str(CG.Claim): "claim"}
_CLASS_TYPE = {
    str(CG.Person): "person",
    str(CG.Organization): "organization",
    str(CG.State): "state",
    str(CG.Group): "group",
}
_STATUS_NAME = {v.value: k.value for k, v in EVIDENCE_STATUS.items()}


def query_names() -> list[str]:
    """The names of every bundled query."""
    return sorted(
        p.name[:-3] for p in resources.files(__package__).iterdir() if p.name.endswith(".rq")
    )


@cache
def load_query(name: str) -> str:
    """The text of a bundled query: ``load_query("accusations")``."""
    if name not in query_names():
        raise NotFound(f"no query named {name!r}")
    return resources.files(__package__).joinpath(f"{name}.rq").read_text(encoding="utf-8")


def to_python(term: Any) -> Any:
    """An RDF term as a plain value: IRIs as strings, typed literals as int/float/date."""
    if term is None:
        return None
    if isinstance(term, Literal):
        dt = term.datatype.value
        if dt in (_XSD + "integer", _XSD + "int", _XSD + "long"):
            return int(term.value)
        if dt in (_XSD + "double", _XSD + "decimal", _XSD + "float"):
            return float(term.value)
        if dt == _XSD + "date":
            return term.value
        return term.value
    return term.value


def run(
    store: Store,
    name: str,
    bindings: Mapping[str, Term | list[Term] | None] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Run a named query and return its rows as dicts of plain values."""
    text = load_query(name)
    if limit is not None:
        text += f"\nLIMIT {int(limit)} OFFSET {int(offset)}"
    bound = {k: v for k, v in (bindings or {}).items() if v is not None}
    result = store.query(text, bound)
    names = [v.value for v in result.variables]
    return [{n: to_python(row[n]) for n in names} for row in result]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list, and where the next one starts (``None`` on the last)."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "limit": self.limit,
            "offset": self.offset,
            "next_offset": self.next_offset,
        }


def _page(
    store: Store,
    name: str,
    bindings: Mapping[str, Term | None],
    limit: int,
    offset: int,
    shape: Any,
) -> Page:
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InputError("offset must not be negative")
    rows = run(store, name, bindings, limit=limit + 1, offset=offset)
    more = len(rows) > limit
    items = [shape(store, r) for r in rows[:limit]]
    return Page(items, limit, offset, offset + limit if more else None)


def _page_first(
    store: Store,
    name: str,
    bindings: Mapping[str, Term | list[Term] | None],
    limit: int,
    offset: int,
    shape: Any,
) -> Page:
    """A page of statements: sort and cut with ``<name>_page.rq`` (statement and date
    only), then fetch the details of that page alone with ``<name>.rq``.

    One query would evaluate every OPTIONAL for each of an actor's statements before
    sorting them; at 10M triples the 100th most accused actor took 34 ms that way.
    A statement the details query cannot describe (no speaker, evidence status,
    confidence or document: what the SHACL shapes require, so only hand-written data)
    is left out, and its page is one item short; paging itself is unaffected.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InputError("offset must not be negative")
    page = run(store, f"{name}_page", bindings, limit=limit + 1, offset=offset)
    more = len(page) > limit  # one row per statement
    order = [r["statement"] for r in page[:limit]]
    details: dict[str, dict[str, Any]] = {}
    if order:
        statements: list[Term] = [NamedNode(iri) for iri in order]
        wanted = {**bindings, "statement": statements}
        for r in run(store, name, wanted):
            details.setdefault(r["statement"], r)
    items = [shape(store, details[iri]) for iri in order if iri in details]
    return Page(items, limit, offset, offset + limit if more else None)


# Labels by node IRI, per store. A node's label does not change once written (it comes
# from the entity key's canonical name), so entries stay valid; a store dropped from
# memory takes its cache with it.
_LABELS: weakref.WeakKeyDictionary[Store, dict[str, str | None]] = weakref.WeakKeyDictionary()
_LABEL_CACHE_SIZE = 50_000


def label_of(store: Store, iri: str) -> str | None:
    """The label of an actor (or evidence node), looked up once and then remembered."""
    cache = _LABELS.setdefault(store, {})
    if iri not in cache:
        if len(cache) >= _LABEL_CACHE_SIZE:
            cache.clear()
        rows = run(store, "label", {"node": NamedNode(iri)})
        cache[iri] = rows[0]["label"] if rows else None
    return cache[iri]


def _ref(store: Store, iri: str | None) -> dict[str, Any] | None:
    if iri is None:
        return None
    return {"id": local_name(iri, "entity") or iri, "label": label_of(store, iri)}


def _statement_id(iri: str) -> str:
    return local_name(iri, "statement") or iri


def _evidence_binding(evidence: str | None) -> NamedNode | None:
    if evidence is None:
        return None
    try:
        return EVIDENCE_STATUS[EvidenceStatus(evidence)]
    except ValueError:
        allowed = ", ".join(e.value for e in EvidenceStatus)
        raise InputError(f"evidence must be one of {allowed}, not {evidence!r}") from None


def date_literal(value: date | str | None, what: str) -> Literal | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise InputError(f"{what} must be a date like 2023-05-04, not {value!r}") from None
    return Literal(value.isoformat(), datatype=NamedNode(_XSD + "date"))


def _common(r: dict[str, Any], kind: str) -> dict[str, Any]:
    return {
        "id": _statement_id(r["statement"]),
        "kind": kind,
        "content": r.get("content"),
        "cue": r.get("cue"),
        "evidence": _STATUS_NAME.get(r["evidence"], r["evidence"]),
        "date": r.get("date"),
        "document": {"id": r["docId"], "title": r.get("title")},
        "confidence": r.get("confidence"),
    }


def _accusation(store: Store, r: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(r, "accusation"),
        "speaker": _ref(store, r["accuser"]),
        "target": _ref(store, r["accused"]),
        "on_behalf_of": _ref(store, r.get("onBehalfOf")),
    }


def _denial(store: Store, r: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(r, "denial"),
        "speaker": _ref(store, r["denier"]),
        "target": _ref(store, r.get("target")),
        "on_behalf_of": _ref(store, r.get("onBehalfOf")),
        "refutes": _statement_id(r["refutes"]) if r.get("refutes") else None,
    }


# ------------------------------------------------------------------ entities


def _is_true(value: Any) -> bool:
    """A SPARQL boolean as it comes back: "true" (pyoxigraph) or 1 (Virtuoso)."""
    return value in ("true", "1", 1, True)


def _entity_names(store: Store) -> Iterator[tuple[str, str, bool]]:
    for row in run(store, "entity_names"):
        yield row["entity"], row["name"], _is_true(row["primary"])


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
        (not primary, iri)
        for iri, label, primary in _entity_names(store)
        if label.casefold() == folded
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
    matches: dict[str, int] = {}
    for iri, name, _ in _entity_names(store):
        folded = name.casefold()
        if needle in folded:
            rank = 0 if folded == needle else 1 if folded.startswith(needle) else 2
            matches[iri] = min(rank, matches.get(iri, 3))
    ordered = sorted(matches, key=lambda iri: (matches[iri], iri))
    items = []
    for iri in ordered:
        info = _describe_entity(store, NamedNode(iri))
        if type is None or info["type"] == type:
            items.append(info)
    window = items[offset : offset + limit]
    more = offset + limit < len(items)
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


# ------------------------------------------------------------------ statements


def accusations(
    store: Store,
    accuser: str | None = None,
    accused: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    evidence: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Who accused whom, newest first. Actors by key, label or alias."""
    bindings = {
        "accuser": resolve_entity(store, accuser) if accuser else None,
        "accused": resolve_entity(store, accused) if accused else None,
        "evidence": _evidence_binding(evidence),
        "since": date_literal(since, "since"),
        "until": date_literal(until, "until"),
    }
    return _page_first(store, "accusations", bindings, limit, offset, _accusation)


def denials(
    store: Store,
    denier: str | None = None,
    accuser: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    evidence: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Denials, each with the accusation it refutes when known, newest first."""
    bindings = {
        "denier": resolve_entity(store, denier) if denier else None,
        "accuser": resolve_entity(store, accuser) if accuser else None,
        "evidence": _evidence_binding(evidence),
        "since": date_literal(since, "since"),
        "until": date_literal(until, "until"),
    }
    return _page_first(store, "denials", bindings, limit, offset, _denial)


def contested(store: Store, limit: int = 50, offset: int = 0) -> Page:
    """Accusations that have at least one denial, with the denials."""

    def shape(store: Store, r: dict[str, Any]) -> dict[str, Any]:
        return {
            "accusation": {
                "id": _statement_id(r["statement"]),
                "speaker": _ref(store, r["accuser"]),
                "target": _ref(store, r["accused"]),
                "content": r.get("content"),
                "evidence": _STATUS_NAME.get(r["evidence"], r["evidence"]),
                "date": r.get("date"),
                "document": {"id": r["docId"]},
            },
            "denial": {
                "id": _statement_id(r["denial"]),
                "content": r.get("denialContent"),
                "document": {"id": r["denialDocId"]},
            },
        }

    return _page(store, "contested", {}, limit, offset, shape)


def mentions(store: Store, statement_id: str) -> list[dict[str, Any]]:
    """Where a statement is said: its quotes and the spans of its parts."""
    out = []
    for r in run(store, "mentions", {"statement": statement_iri(statement_id)}):
        spans = {}
        for part in ("speaker", "cue", "content", "target", "evidence"):
            if r.get(f"{part}Start") is not None:
                spans[part] = {
                    "text": r[f"{part}Text"],
                    "span": [r[f"{part}Start"], r[f"{part}End"]],
                }
        out.append(
            {
                "document": r["docId"],
                "quote": r["quote"],
                "quote_span": [r["quoteStart"], r["quoteEnd"]],
                "spans": spans,
                "rule": r["rule"],
                "confidence": r["confidence"],
            }
        )
    return out


def statement(store: Store, statement_id: str) -> dict[str, Any]:
    """One statement with its mentions, what it refutes and what refutes it."""
    if not _ID.fullmatch(statement_id):
        raise NotFound(f"no statement {statement_id!r}")
    iri = statement_iri(statement_id)
    rows = run(store, "statement", {"statement": iri})
    if not rows:
        raise NotFound(f"no statement {statement_id!r}")
    r = rows[0]
    refutes = run(store, "denials", {"statement": iri}) if r["class"] == str(CG.Denial) else []
    return {
        "id": statement_id,
        "kind": _CLASS_KIND[r["class"]],
        "speaker": _ref(store, r["speaker"]),
        "target": _ref(store, r.get("target")),
        "on_behalf_of": _ref(store, r.get("onBehalfOf")),
        "content": r.get("content"),
        "cue": r.get("cue"),
        "evidence": _STATUS_NAME.get(r["evidence"], r["evidence"]),
        "evidence_text": label_of(store, r["evidenceNode"]) if r.get("evidenceNode") else None,
        "date": r.get("date"),
        "document": {"id": r["docId"], "title": r.get("title")},
        "confidence": r["confidence"],
        "refutes": sorted({_statement_id(x["refutes"]) for x in refutes if x.get("refutes")}),
        "refuted_by": [
            {
                "id": _statement_id(x["denial"]),
                "speaker": _ref(store, x["denier"]),
                "document": {"id": x["docId"]},
            }
            for x in run(store, "refuted_by", {"statement": iri})
        ],
        "mentions": mentions(store, statement_id),
    }


# ------------------------------------------------------------------ documents


def documents(store: Store, limit: int = 50, offset: int = 0) -> Page:
    """Every document with its metadata and statement count, by id."""

    def shape(store: Store, r: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": r["docId"],
            "title": r.get("title"),
            "published": r.get("published"),
            "url": r.get("url"),
            "statements": r["statements"],
        }

    return _page(store, "documents", {}, limit, offset, shape)


def document(store: Store, doc_id: str) -> dict[str, Any]:
    """One document: text, metadata, and its statements with their spans."""
    if not valid_document_id(doc_id):
        raise NotFound(f"no document {doc_id!r}")
    iri = document_iri(doc_id)
    rows = run(store, "document", {"doc": iri})
    if not rows:
        raise NotFound(f"no document {doc_id!r}")
    r = rows[0]
    ids = [_statement_id(x["statement"]) for x in run(store, "document_statements", {"doc": iri})]
    return {
        "id": r["docId"],
        "title": r.get("title"),
        "published": r.get("published"),
        "url": r.get("url"),
        "text": r["text"],
        "statements": [statement(store, sid) for sid in ids],
    }


def counts(store: Store) -> dict[str, int]:
    """How many documents, statements of each kind, mentions and actors the store holds."""
    names = {
        str(getattr(CG, n)): n
        for n in (
            "Document",
            "Accusation",
            "Denial",
            "Claim",
            "Mention",
            "Person",
            "Organization",
            "State",
            "Group",
        )
    }
    found = {names[r["class"]]: r["n"] for r in run(store, "counts")}
    return {n: found.get(n, 0) for n in names.values()}
