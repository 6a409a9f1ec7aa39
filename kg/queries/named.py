"""Running the bundled named queries: their texts, bound values, rows as plain values, pages."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pyoxigraph import Literal, NamedNode

from kg.errors import InputError, NotFound
from kg.namespaces import CG
from kg.queries.memo import remembered
from kg.rdf import document_id_of
from kg.store.base import Store, Term
from kg.store.rewrite import inject_rows

MAX_LIMIT = 1000
_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE = NamedNode(_XSD + "date")


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
    return [dict(zip(names, map(to_python, row), strict=True)) for row in result]


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
    rows, next_offset = _cut(store, name, bindings, limit, offset)
    return Page([shape(store, r) for r in rows], limit, offset, next_offset)


def _check_page(limit: int, offset: int) -> None:
    """Raise :class:`~kg.errors.InputError` for a page no list can give."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InputError("offset must not be negative")


def _cut(
    store: Store, name: str, bindings: Mapping[str, Term | None], limit: int, offset: int
) -> tuple[list[dict[str, Any]], int | None]:
    """One page of a query's rows, and where the next page starts (None on the last)."""
    _check_page(limit, offset)
    rows = run(store, name, bindings, limit=limit + 1, offset=offset)
    return rows[:limit], offset + limit if len(rows) > limit else None


def _page_first(
    store: Store,
    name: str,
    bindings: Mapping[str, Term | None],
    limit: int,
    offset: int,
    shape: Any,
    cls: Term,
    roles: Mapping[str, str],
) -> Page:
    """A page of statements of class ``cls``: sort and cut with ``<name>_page.rq`` (each
    statement and its date, filtered by ``bindings``), then describe that page alone
    with ``statement_parts.rq``.

    ``roles`` names the bindings that narrow the list to an actor, by the actor's role
    (``speaker``, ``target``). A list no actor narrows, or one actor with more than
    :data:`WIDE_ACTOR` statements in its role, is looked for among the newest dates
    first (:func:`_recent_cut`): sorting every statement of a class is a scan of the
    store, and sorting a very active actor's costs more than reading the newest dates.

    One query would evaluate every OPTIONAL for each of an actor's statements before
    sorting them; at 10M triples the 100th most accused actor took 34 ms that way.
    A statement the details query cannot describe (no speaker, evidence status,
    confidence or document: what the SHACL shapes require, so only hand-written data)
    is left out, and its page is one item short; paging itself is unaffected.
    """
    _check_page(limit, offset)
    actors = {role: bindings[key] for role, key in roles.items() if bindings.get(key) is not None}
    cut = None
    if not actors or (len(actors) == 1 and _wide(store, *next(iter(actors.items())))):
        cut = _recent_cut(store, cls, {**bindings, **actors}, limit, offset)
    rows, next_offset = cut or _cut(store, f"{name}_page", bindings, limit, offset)
    dates = {r["statement"]: r.get("date") for r in rows}  # one row per statement
    details = _describe(store, list(dates))
    items = []
    for iri, when in dates.items():
        if iri in details:
            r = details[iri]
            r["date"] = when
            r["docId"] = document_id_of(r["doc"])
            items.append(shape(store, r))
    return Page(items, limit, offset, next_offset)


# An actor with more statements than this in one role (speaker, target) has its lists
# paged from the newest dates, as an unfiltered list is. At 10M triples sorting an
# actor's statements costs ~20 us each and reading the newest dates ~80 ms whoever the
# actor is (mostly counting the statements of each date), so past ~5000 statements
# the dates win: the most accused actor's first page, 15k accusations, 0.47 s -> 0.09 s.
WIDE_ACTOR = 5000


def _wide(store: Store, role: str, actor: Term | None) -> bool:
    """Whether ``actor`` has more than :data:`WIDE_ACTOR` statements as ``role``: one
    row asked for past that many, so a small actor costs a few of its index entries."""
    predicate = NamedNode(str(CG.speaker if role == "speaker" else CG.target))
    rows = run(
        store, "actor_statements", {"role": predicate, "actor": actor}, limit=1, offset=WIDE_ACTOR
    )
    return bool(rows)


def _describe(store: Store, statements: list[str]) -> dict[str, dict[str, Any]]:
    """What ``statement_parts.rq`` says of each statement it can describe, by IRI: one
    dict with every part a list shows (``None`` for one it lacks), and the ``title`` of
    its document (``document_titles.rq``).

    A statement lacking what the SHACL shapes require (speaker, evidence status,
    confidence, document: so only hand-written data) is left out. One with two values
    of a part (two refuted accusations) shows the least, compared as text, and the
    title of the document it shows: the same on every backend.
    """
    details: dict[str, dict[str, Any]] = {}
    iris = list(dict.fromkeys(statements))
    if not iris:
        return details
    places = [(NamedNode(iri), Literal(i)) for i, iri in enumerate(iris)]
    text = inject_rows(load_query("statement_parts"), ("statement", "row"), places)
    parts: list[dict[str, list[Any]]] = [{} for _ in iris]
    result = store.query(text)
    # Solutions by position, not by name: ~3 us less for each of ~8 rows a statement.
    at = {v.value: n for n, v in enumerate(result.variables)}
    row_at, part_at, value_at = at["row"], at["part"], at["value"]
    for r in result:
        value = r[value_at]
        value = value.value if type(value) is NamedNode else to_python(value)
        parts[int(r[row_at].value)].setdefault(r[part_at].value, []).append(value)
    for iri, got in zip(iris, parts, strict=True):
        if all(part in got for part in _REQUIRED_PARTS):
            row = {part: _least(got.get(part)) for part in (*_REQUIRED_PARTS, *_OPTIONAL_PARTS)}
            details[iri] = {"statement": iri, **row}
    docs: list[Term] = [NamedNode(d) for d in dict.fromkeys(r["doc"] for r in details.values())]
    titles: dict[str, list[Any]] = {}
    for r in run(store, "document_titles", {"doc": docs}) if docs else []:
        titles.setdefault(r["doc"], []).append(r["title"])
    for row in details.values():
        row["title"] = _least(titles.get(row["doc"]))
    return details


_REQUIRED_PARTS = ("speaker", "evidence", "confidence", "doc")
_OPTIONAL_PARTS = ("target", "onBehalfOf", "refutes", "content", "cue")


def _least(values: list[Any] | None) -> Any:
    """The least of a part's values, compared as text; ``None`` when it has none."""
    if not values:
        return None
    return values[0] if len(values) == 1 else min(values, key=str)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _recent_cut(
    store: Store, cls: Term, bindings: Mapping[str, Term | None], limit: int, offset: int
) -> tuple[list[dict[str, Any]], int | None] | None:
    """A page of the statements of class ``cls``, newest first, read from the newest
    dates that hold it, or ``None`` when only the whole list can say.

    The statements on the newest dates come first in the whole list, in the same order,
    so once the newest dates hold the rows up to the end of the page (and one more, to
    know whether there is a next page) that is the page. The dates start with enough
    statements of any kind for the page and double until they hold it. ``None``
    (the caller sorts everything) when every date does not hold the page, since
    statements without a date come after all of them, or when a date is not a plain
    ``YYYY-MM-DD``, whose order here might not be SPARQL's.
    """
    counts = _dated(store, bindings.get("since"), bindings.get("until"))
    for window in _windows(counts or [], offset + limit + 1):
        values = {**bindings, "class": cls, "when": window}
        rows = run(store, "recent_page", values, limit=limit + 1, offset=offset)
        if len(rows) > limit:
            return rows[:limit], offset + limit
    return None


def _dated(store: Store, since: Term | None, until: Term | None) -> list[tuple[str, int]] | None:
    """Each date statements carry in ``since``..``until`` with how many carry it, newest
    first; ``None`` when a date is not an ``xsd:date`` written ``YYYY-MM-DD``, whose order
    here might not be SPARQL's (or which a bound ``xsd:date`` would not match)."""
    counts = []
    # ~70 ms at 10M triples, the same for every list until the store changes.
    every = remembered(
        store,
        "statement_dates",
        lambda: tuple((r["when"], r["type"], r["n"]) for r in run(store, "statement_dates")),
    )
    for when, datatype, n in every:
        if datatype != _DATE.value or not isinstance(when, str) or not _ISO_DATE.fullmatch(when):
            return None
        if (since is None or when >= since.value) and (until is None or when <= until.value):
            counts.append((when, n))
    counts.sort(reverse=True)
    return counts


def _windows(counts: list[tuple[str, int]], need: int) -> Iterator[list[Term]]:
    """The newest dates to look among, as ``xsd:date`` terms: first as many as hold
    ``need`` statements of any kind, then twice as many each time, up to all of them."""
    held, upto = 0, 0
    while upto < len(counts) and held < need:
        held += counts[upto][1]
        upto += 1
    while upto:
        yield [Literal(when, datatype=_DATE) for when, _ in counts[:upto]]
        if upto == len(counts):
            return
        upto = min(len(counts), upto * 2)
