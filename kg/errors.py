"""The one exception tree of claimgraph.

Domain code raises these; the CLI prints their message on one line and exits non-zero,
and ``api/errors.py`` is the only place that maps them to HTTP statuses::

    ClaimGraphError
    ├── ConfigError              a setting is malformed (unknown store scheme, bad path)
    ├── InputError               input that cannot be read as a document
    │   ├── DocumentNotFound     a file or document id that does not exist
    │   └── DecodeError          bytes that are not UTF-8 text
    ├── QueryError               a SPARQL query that cannot run
    │   ├── QuerySyntaxError     the parser rejected it
    │   ├── QueryTimeout         it ran past the time limit
    │   ├── QueryTooLarge        its results ran past the row limit
    │   └── QueryRefused         it asks for something the service does not do (SERVICE, updates)
    ├── NotFound                 an entity or statement id that does not exist
    ├── StoreError               the store failed
    │   ├── StoreLocked          another process holds the embedded store
    │   └── StoreUnavailable     the store cannot be reached or opened
    └── ModelError               the NLP pipeline is missing or not the one expected
"""

from __future__ import annotations

__all__ = [
    "ClaimGraphError",
    "ConfigError",
    "DecodeError",
    "DocumentNotFound",
    "InputError",
    "ModelError",
    "NotFound",
    "QueryError",
    "QueryRefused",
    "QuerySyntaxError",
    "QueryTimeout",
    "QueryTooLarge",
    "StoreError",
    "StoreLocked",
    "StoreUnavailable",
]


class ClaimGraphError(Exception):
    """Base of every error claimgraph raises on purpose."""


class ConfigError(ClaimGraphError):
    """A setting is malformed."""


class InputError(ClaimGraphError):
    """Input that cannot be read as a document."""


class DocumentNotFound(InputError):
    """A file, folder or document id that does not exist."""


class DecodeError(InputError):
    """Bytes that are not UTF-8 text."""


class QueryError(ClaimGraphError):
    """A SPARQL query that cannot run."""


class QuerySyntaxError(QueryError):
    """The SPARQL parser rejected the query."""


class QueryTimeout(QueryError):
    """The query ran past the configured time limit."""


class QueryTooLarge(QueryError):
    """The query's results ran past the configured row limit."""


class QueryRefused(QueryError):
    """The query asks for something this service does not do."""


class NotFound(ClaimGraphError):
    """An entity, statement or document id that does not exist."""


class StoreError(ClaimGraphError):
    """The store failed."""


class StoreLocked(StoreError):
    """Another process holds the embedded store."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or opened."""


class ModelError(ClaimGraphError):
    """The NLP pipeline is missing or is not the one expected."""
