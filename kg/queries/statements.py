"""Accusations, denials, contested accusations, one statement with its mentions."""

from __future__ import annotations

from datetime import date
from typing import Any

from pyoxigraph import NamedNode

from kg.errors import NotFound
from kg.model import Kind
from kg.namespaces import CG
from kg.queries.entities import resolve_entity
from kg.queries.named import (
    Page,
    _check_page,
    _dated,
    _describe,
    _page,
    _page_first,
    _windows,
    run,
)
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
from kg.rdf import KIND_CLASS, document_id_of, statement_iri
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
    # An accuser alone: start from the speaker (accuser_page.rq), not from every target.
    name = "accuser" if accuser is not None and accused is None else "accusations"
    cls, roles = KIND_CLASS[Kind.ACCUSATION], {"speaker": "accuser", "target": "accused"}
    return _page_first(store, name, bindings, limit, offset, _accusation, cls, roles)


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
    # An accuser alone: start from the target (denied_page.rq), not from every denial.
    name = "denied" if accuser is not None and denier is None else "denials"
    cls, roles = KIND_CLASS[Kind.DENIAL], {"speaker": "denier", "target": "accuser"}
    return _page_first(store, name, bindings, limit, offset, _denial, cls, roles)


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
    """Accusations that have a denial, one item per (accusation, denial): the denial
    refutes the accusation, or the accused denied a charge of the accuser. Newest
    accusation first, then by accusation and denial IRI, as ``contested.rq`` sorts.

    Read from the newest dates first (see :func:`_recent_cut`), each accusation's
    denials found with ``refuters.rq`` and, per pair of actors, ``pair_denials.rq``;
    ``contested.rq``, which sorts every accusation in the store (seconds at 1M
    triples), only when the dated accusations do not fill the page.
    """
    _check_page(limit, offset)
    found = _contested_recent(store, limit, offset)
    if found is None:
        return _page(store, "contested", {}, limit, offset, _contested_item)
    rows, next_offset = found
    return Page([_contested_item(store, r) for r in rows], limit, offset, next_offset)


def _contested_recent(
    store: Store, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int | None] | None:
    need = offset + limit + 1
    details: dict[str, dict[str, Any]] = {}
    between: dict[tuple[str, str], list[str]] = {}
    for window in _windows(_dated(store, None, None) or [], need):
        bound: dict[str, Term | list[Term] | None] = {
            "class": KIND_CLASS[Kind.ACCUSATION],
            "when": window,
        }
        dated = run(store, "recent_page", bound)
        new = [r["statement"] for r in dated if r["statement"] not in details]
        for iri, r in _describe(store, new).items():
            details[iri] = {**r, "refuters": set()}
        if new:
            for r in run(store, "refuters", {"statement": [NamedNode(iri) for iri in new]}):
                if r["statement"] in details:
                    details[r["statement"]]["refuters"].add(r["denial"])
        rows: list[dict[str, Any]] = []
        for r in dated:
            acc = details.get(r["statement"])
            if acc is None:
                continue  # not describable: contested.rq leaves it out too
            denials = set(acc["refuters"])
            if acc["target"] is not None:
                denials.update(_denials_between(store, between, acc["speaker"], acc["target"]))
            rows += [{"accusation": acc, "date": r["date"], "denial": d} for d in sorted(denials)]
        if len(rows) >= need:
            page = rows[offset : offset + limit]
            described = _describe(store, [r["denial"] for r in page])
            return [
                {**r, "denial": described.get(r["denial"], {"statement": r["denial"]})}
                for r in page
            ], offset + limit
    return None  # accusations without a date come last: only the whole sort knows


def _denials_between(
    store: Store, seen: dict[tuple[str, str], list[str]], accuser: str, accused: str
) -> list[str]:
    """The denials by ``accused`` of a charge of ``accuser``, asked once per pair."""
    if (accuser, accused) not in seen:
        rows = run(
            store, "pair_denials", {"accuser": NamedNode(accuser), "accused": NamedNode(accused)}
        )
        seen[(accuser, accused)] = [r["denial"] for r in rows]
    return seen[(accuser, accused)]


def _contested_item(store: Store, r: dict[str, Any]) -> dict[str, Any]:
    """One (accusation, denial) item, from a row of contested.rq or of the date path."""
    if "accusation" in r:  # the date path: the two statements' details
        acc, den = r["accusation"], r["denial"]
        r = {
            "statement": acc["statement"],
            "accuser": acc["speaker"],
            "accused": acc["target"],
            "content": acc.get("content"),
            "evidence": acc["evidence"],
            "date": r["date"],
            "docId": document_id_of(acc["doc"]),
            "denial": den["statement"],
            "denialContent": den.get("content"),
            "denialDocId": document_id_of(den["doc"]) if den.get("doc") else None,
        }
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
