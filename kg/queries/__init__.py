"""Named, parameterised SPARQL queries and the lookups built on them.

Each query is a ``.rq`` file beside this module, runnable as it is in any SPARQL tool.
Values are bound through the store's ``bindings`` (pyoxigraph ``substitutions``), never
formatted into the query text; only validated integers (LIMIT/OFFSET) are appended.

Every lookup returns plain JSON-ready dicts, so the CLI and the API shape nothing. The
lookups live in modules by what they are about (``entities``, ``statements``,
``documents``); ``named`` runs the queries, ``shape`` turns rows into dicts, and ``memo``
keeps what some lists work out from the whole store until the store changes.
"""

from __future__ import annotations

from kg.queries.documents import counts, document, documents
from kg.queries.entities import entity, find_entities, resolve_entity, timeline
from kg.queries.named import MAX_LIMIT, Page, load_query, query_names, run
from kg.queries.shape import date_literal
from kg.queries.statements import accusations, contested, denials, mentions, statement

__all__ = [
    "MAX_LIMIT",
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
