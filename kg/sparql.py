"""Running SPARQL for the protocol endpoint: limits, refusals, and results formats.

The store answers queries; this module adds what a public endpoint needs on top: a row
limit and a deadline while results are read, refusal of operations that would make the
server fetch other hosts (``SERVICE``, ``LOAD``), and serialisation of results in the
SPARQL 1.1 results formats (JSON, XML, CSV, TSV) and RDF formats.

>>> check_query('SELECT * WHERE { ?service ?p "SERVICE" }')
>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.QueryRefused: SERVICE is not allowed: this endpoint does not query other hosts
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from kg.errors import QueryRefused, QueryTimeout, QueryTooLarge
from kg.store.base import Store

__all__ = [
    "RDF_MEDIA_TYPES",
    "RESULTS_MEDIA_TYPES",
    "QueryOutcome",
    "check_query",
    "check_update",
    "execute",
    "outcome_from",
    "serialize_outcome",
]

#: SELECT/ASK result formats by media type.
RESULTS_MEDIA_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
#: CONSTRUCT/DESCRIBE formats by media type.
RDF_MEDIA_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}

# Strings, IRIs and comments are blanked out before looking for keywords, so a keyword
# inside a literal ("SERVICE") or an IRI is not mistaken for the operation.
_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)


def _keyword(text: str, word: str) -> bool:
    bare = _NOISE.sub(" ", text)
    return re.search(rf"(?<![\w?$:]){word}(?![\w:-])", bare, re.IGNORECASE) is not None


def check_query(text: str) -> None:
    """Refuse a query that would make this server call another one."""
    if _keyword(text, "SERVICE"):
        raise QueryRefused("SERVICE is not allowed: this endpoint does not query other hosts")


def check_update(text: str) -> None:
    """Refuse an update that would fetch from other hosts (``LOAD``, ``SERVICE``)."""
    check_query(text)
    if _keyword(text, "LOAD"):
        raise QueryRefused("LOAD is not allowed: this endpoint does not fetch other hosts")


@dataclass
class QueryOutcome:
    """A query's results, read in full within the limits."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[Any] = field(default_factory=list)
    boolean: bool = False
    triples: list[Triple] = field(default_factory=list)


def execute(
    store: Store,
    text: str,
    *,
    max_rows: int,
    timeout: float,
    default_graphs: Sequence[NamedNode] | None = None,
    named_graphs: Sequence[NamedNode] | None = None,
) -> QueryOutcome:
    """Run a query and read its results, stopping at ``max_rows`` or after ``timeout`` s.

    The deadline is checked between results; a query that computes for long before its
    first result is stopped by the caller (see ``api``), not here.
    """
    check_query(text)
    deadline = time.monotonic() + timeout
    result = store.query(text, default_graphs=default_graphs, named_graphs=named_graphs)
    if isinstance(result, QueryBoolean):
        return QueryOutcome("ask", boolean=bool(result))
    variables = [v.value for v in result.variables] if isinstance(result, QuerySolutions) else None
    items, error = _read(result, max_rows, timeout, deadline)
    # pyoxigraph results must be dropped on the thread that made them: release the result
    # here, not in a traceback that another thread clears.
    del result
    if error is not None:
        raise error
    if variables is not None:
        return QueryOutcome("select", variables=variables, rows=[list(r) for r in items])
    return QueryOutcome("graph", triples=items)


def _read(
    result: Any, max_rows: int, timeout: float, deadline: float
) -> tuple[list[Any], Exception | None]:
    items: list[Any] = []
    for n, item in enumerate(result, 1):
        if n > max_rows:
            return items, QueryTooLarge(
                f"the query returned more than {max_rows} results; add a LIMIT, or page with "
                "LIMIT and OFFSET"
            )
        if n % 256 == 0 and time.monotonic() > deadline:
            return items, QueryTimeout(f"the query ran longer than {timeout:g} s")
        items.append(item)
    if time.monotonic() > deadline:
        return items, QueryTimeout(f"the query ran longer than {timeout:g} s")
    return items, None


# ------------------------------------------------------------------ results formats


def _json_term(t: Any) -> dict[str, str]:
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "literal", "value": str(t)}


def _json(o: QueryOutcome) -> bytes:
    if o.kind == "ask":
        return json.dumps({"head": {}, "boolean": o.boolean}).encode()
    bindings = [
        {v: _json_term(t) for v, t in zip(o.variables, row, strict=True) if t is not None}
        for row in o.rows
    ]
    doc = {"head": {"vars": o.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _xml_term(t: Any) -> str:
    if isinstance(t, NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def _xml(o: QueryOutcome) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if o.kind == "ask":
        out.append(f"<head/><boolean>{'true' if o.boolean else 'false'}</boolean>")
    else:
        out.append(
            "<head>"
            + "".join(f"<variable name={quoteattr(v)}/>" for v in o.variables)
            + "</head><results>"
        )
        for row in o.rows:
            out.append("<result>")
            for v, t in zip(o.variables, row, strict=True):
                if t is not None:
                    out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_value(t: Any) -> str:
    if t is None:
        return ""
    if isinstance(t, BlankNode):
        return f"_:{t.value}"
    return str(t.value) if hasattr(t, "value") else str(t)


def _csv(o: QueryOutcome) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if o.kind == "ask":
        w.writerow(["_askResult"])
        w.writerow(["true" if o.boolean else "false"])
    else:
        w.writerow(o.variables)
        for row in o.rows:
            w.writerow([_csv_value(t) for t in row])
    return buf.getvalue().encode("utf-8")


def _tsv(o: QueryOutcome) -> bytes:
    if o.kind == "ask":
        return f"?_askResult\n{'true' if o.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in o.variables)]
    for row in o.rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


_RESULT_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}


def outcome_from(kind: str, body: bytes) -> QueryOutcome:
    """Rebuild results from their canonical form (SPARQL JSON results, or N-Triples)."""
    if kind == "graph":
        return QueryOutcome("graph", triples=list(parse(body, RdfFormat.N_TRIPLES)))
    result = parse_query_results(body, QueryResultsFormat.JSON)
    if isinstance(result, QueryBoolean):
        return QueryOutcome("ask", boolean=bool(result))
    variables = [v.value for v in result.variables]
    return QueryOutcome("select", variables=variables, rows=[list(r) for r in result])


def serialize_outcome(o: QueryOutcome, media_type: str) -> bytes:
    """Serialise results in the media type chosen by content negotiation."""
    if o.kind == "graph":
        fmt = RDF_MEDIA_TYPES[media_type]
        return serialize(o.triples, format=fmt) or b""
    return _RESULT_WRITERS[RESULTS_MEDIA_TYPES[media_type]](o)
