"""Turning query rows into the JSON-ready dicts every lookup returns: actor references
with their labels (looked up once per actor), statement ids, dates, evidence statuses."""

from __future__ import annotations

import re
import weakref
from datetime import date
from typing import Any

from pyoxigraph import Literal, NamedNode

from kg.errors import InputError
from kg.model import EvidenceStatus
from kg.namespaces import CG
from kg.queries.named import _XSD, run
from kg.rdf import EVIDENCE_STATUS, local_name
from kg.store.base import Store

_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CLASS_KIND = {str(CG.Accusation): "accusation", str(CG.Denial): "denial", str(CG.Claim): "claim"}
_CLASS_TYPE = {
    str(CG.Person): "person",
    str(CG.Organization): "organization",
    str(CG.State): "state",
    str(CG.Group): "group",
}
_STATUS_NAME = {v.value: k.value for k, v in EVIDENCE_STATUS.items()}


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
        "speaker": _ref(store, r["speaker"]),
        "target": _ref(store, r["target"]),
        "on_behalf_of": _ref(store, r.get("onBehalfOf")),
    }


def _denial(store: Store, r: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(r, "denial"),
        "speaker": _ref(store, r["speaker"]),
        "target": _ref(store, r.get("target")),
        "on_behalf_of": _ref(store, r.get("onBehalfOf")),
        "refutes": _statement_id(r["refutes"]) if r.get("refutes") else None,
    }


def _is_true(value: Any) -> bool:
    """A SPARQL boolean as it comes back: "true" (pyoxigraph) or 1 (Virtuoso)."""
    return value in ("true", "1", 1, True)
