"""Documents, one document with its statements, and what the store holds."""

from __future__ import annotations

from typing import Any

from pyoxigraph import NamedNode

from kg.errors import NotFound
from kg.ingest import valid_document_id
from kg.namespaces import CG
from kg.queries.memo import remembered
from kg.queries.named import Page, _check_page, run
from kg.queries.shape import (
    _statement_id,
)
from kg.queries.statements import statement
from kg.rdf import document_id_of, document_iri
from kg.store.base import Store, Term


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

    _check_page(limit, offset)
    # Every IRI, sorted here by the id it ends with (what dcterms:identifier holds for
    # every document the pipeline writes), remembered until the store changes where it
    # can tell (0.3 s at 10M triples); only the page is described.
    iris = remembered(store, "document_iris", lambda: _sorted_document_iris(store))
    window: list[Term] = [NamedNode(iri) for iri in iris[offset : offset + limit]]
    rows = run(store, "documents", {"doc": window}) if window else []
    next_offset = offset + limit if len(iris) > offset + limit else None
    return Page([shape(store, r) for r in rows], limit, offset, next_offset)


def _sorted_document_iris(store: Store) -> tuple[str, ...]:
    return tuple(
        sorted(
            {r["doc"] for r in run(store, "document_iris")},
            key=lambda iri: (document_id_of(iri), iri),
        )
    )


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
