"""Accusations, denials, contested accusations, one statement with its mentions."""

from __future__ import annotations

from datetime import date
from typing import Any

from kg.errors import NotFound
from kg.model import Kind
from kg.namespaces import CG
from kg.queries.entities import resolve_entity
from kg.queries.named import Page, _page, _page_first, run
from kg.queries.shape import (
    _CLASS_KIND,
    _ID,
    _STATUS_NAME,
    _accusation,
    _denial,
    _evidence_binding,
    _ref,
    _statement_id,
    date_literal,
    label_of,
)
from kg.rdf import KIND_CLASS, statement_iri
from kg.store.base import Store, Term


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
    bindings = _filters(store, {"accuser": accuser, "accused": accused}, evidence, since, until)
    recent = KIND_CLASS[Kind.ACCUSATION] if accuser is None and accused is None else None
    return _page_first(store, "accusations", bindings, limit, offset, _accusation, recent)


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
    bindings = _filters(store, {"denier": denier, "accuser": accuser}, evidence, since, until)
    recent = KIND_CLASS[Kind.DENIAL] if denier is None and accuser is None else None
    return _page_first(store, "denials", bindings, limit, offset, _denial, recent)


def _filters(
    store: Store,
    actors: dict[str, str | None],
    evidence: str | None,
    since: date | str | None,
    until: date | str | None,
) -> dict[str, Term | None]:
    """The bindings of a statement list's filters: actors (by key, label or alias)
    resolved to their IRIs, the evidence status and the date range checked."""
    bound: dict[str, Term | None] = {
        role: resolve_entity(store, name) if name else None for role, name in actors.items()
    }
    bound["evidence"] = _evidence_binding(evidence)
    bound["since"] = date_literal(since, "since")
    bound["until"] = date_literal(until, "until")
    return bound


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
