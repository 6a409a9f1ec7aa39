"""A store on any SPARQL 1.1 server: ``sparql+http://HOST:PORT/PATH?OPTIONS``.

Queries go over the SPARQL 1.1 Protocol and come back as pyoxigraph's own result
objects (``QuerySolutions``, ``QueryBoolean``) or, for CONSTRUCT and DESCRIBE, a
:class:`GraphResult` of ``Triple`` objects, so callers cannot tell this store from the
embedded one. Bound values travel as a VALUES block (:mod:`kg.store.rewrite`). The
URL options are listed in :mod:`kg.store.protocol`.

How a batch is written, and what is guaranteed:

1. every graph is uploaded into a fresh staging graph (``urn:claimgraph:staging:…``),
   with the Graph Store Protocol when the store has one (option ``gsp``), else with
   INSERT DATA, at most ``batch`` triples per request; blank nodes are skolemised;
2. then each staging graph replaces its target with one ``MOVE`` operation, sent
   100 operations to an update request.

A single SPARQL Update operation is atomic (on Virtuoso too: a failing INSERT…WHERE
leaves nothing behind), so each document graph is replaced whole or not at all; if
staging fails the targets are untouched and the staging graphs are dropped. Whether the whole
batch is all-or-nothing depends on the server: Fuseki, GraphDB, Oxigraph and Neptune
document one update request as one transaction (untested here); Virtuoso 7.2 commits
each operation of a request on its own (measured: a failing third operation leaves the
first two applied), so there a failure during step 2 can leave some graphs of a batch
new and others old. Re-running the ingest finishes the job. While a batch is staged,
queries over the union of all graphs also see the staging graphs (the same triples, so
DISTINCT results do not change).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

import httpx
import pyoxigraph as ox

from kg.errors import ClaimGraphError, QueryError, QuerySyntaxError, StoreError
from kg.namespaces import BASE
from kg.store.base import Bindings, GraphBatch, QueryResult, Store
from kg.store.protocol import SparqlClient, SparqlOptions, body_stream
from kg.store.rewrite import (
    dataset_clauses,
    inject_values,
    query_form,
    silence_graph_drops,
    strip_dataset,
)

__all__ = ["GraphResult", "SparqlStore", "open_url"]

STAGING = "urn:claimgraph:staging:"
_SKOLEM = f"{BASE}.well-known/genid/"
_RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
#: Update operations sent in one request (Virtuoso rejects a few hundred MOVEs at once).
_OPS_PER_UPDATE = 100
#: Bytes of data in one write request (Virtuoso refuses request strings over 10 MB).
_MAX_BODY = 4_000_000
#: Graphs listed, and rows fetched, per query (Virtuoso's default result limit is 10000).
_PAGE = 5000


class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE answer, iterable once, like ``QueryTriples``."""

    def __init__(self, triples: Iterator[ox.Triple]) -> None:
        self._triples = triples

    def __iter__(self) -> Iterator[ox.Triple]:
        return self._triples

    def __next__(self) -> ox.Triple:
        return next(self._triples)

    def serialize(
        self, output: IO[bytes] | None = None, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES
    ) -> bytes | None:
        """Write the triples to ``output`` (or return them) in an RDF format."""
        return ox.serialize(self._triples, output, format)


def _triples(data: bytes | IO[bytes], media_type: str) -> Iterator[ox.Triple]:
    fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
    try:
        for q in ox.parse(data, fmt):
            yield ox.Triple(q.subject, q.predicate, q.object)
    except SyntaxError as exc:
        raise StoreError(f"the SPARQL server sent malformed {fmt.name}: {exc}") from None


class _MalformedResults(StoreError):
    """Results in a SPARQL results format that do not parse: worth asking again."""


def _checked_results(data: bytes, media_type: str) -> Any:
    """The results, parsed once to the end first so that malformed ones raise here."""
    results = _results(data, media_type)
    if isinstance(results, ox.QuerySolutions):
        try:
            for _ in results:
                pass
        except SyntaxError as exc:
            raise _MalformedResults(f"the SPARQL server sent malformed results: {exc}") from None
        results = _results(data, media_type)
    return results


def _results(data: bytes | IO[bytes], media_type: str) -> Any:
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None:
        raise StoreError(
            f"the SPARQL server answered with {media_type or 'no media type'}, not SPARQL results"
        )
    try:
        return ox.parse_query_results(data, fmt)
    except SyntaxError as exc:
        raise _MalformedResults(f"the SPARQL server sent malformed results: {exc}") from None


class _Skolemiser:
    """Blank nodes to IRIs, the same IRI for the same label within one write."""

    def __init__(self, salt: str) -> None:
        self.salt = salt

    def term(self, t: Any) -> Any:
        if isinstance(t, ox.BlankNode):
            return ox.NamedNode(f"{_SKOLEM}{self.salt}-{t.value}")
        return t

    def triple(self, q: ox.Quad | ox.Triple) -> ox.Triple:
        return ox.Triple(self.term(q.subject), q.predicate, self.term(q.object))


def _line(t: ox.Triple) -> str:
    # pyoxigraph writes each term in N-Triples form, escaped.
    return f"{t.subject} {t.predicate} {t.object} ."


def _insert_data(lines: list[tuple[ox.NamedNode, str]]) -> str:
    """One INSERT DATA of N-Triples lines, each into its (staging) graph."""
    parts: list[str] = []
    current = None
    for stage, line in lines:
        if stage != current:
            if current is not None:
                parts.append("}")
            parts.append(f"GRAPH {stage} {{")
            current = stage
        parts.append(line)
    parts.append("}")
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"


def _chunks(lines: Iterable[str], most: int) -> Iterator[list[str]]:
    """Lines in runs of at most ``most`` lines and about ``_MAX_BODY`` bytes."""
    chunk: list[str] = []
    size = 0
    for line in lines:
        n = len(line.encode())
        if chunk and (len(chunk) >= most or size + n > _MAX_BODY):
            yield chunk
            chunk, size = [], 0
        chunk.append(line)
        size += n + 1
    if chunk:
        yield chunk


class SparqlStore(Store):
    """A claimgraph store on a SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, QLever…)."""

    persistent = True

    def __init__(
        self,
        options: SparqlOptions,
        *,
        transport: httpx.BaseTransport | None = None,
        client: SparqlClient | None = None,
    ) -> None:
        self.options = options
        self.url = options.url
        self._client = client or SparqlClient(options, transport=transport)

    def __repr__(self) -> str:
        return f"SparqlStore({self.options.redacted()!r})"

    # ------------------------------------------------------------------ reading

    def query(
        self,
        sparql: str,
        bindings: Bindings | None = None,
        *,
        default_graphs: Sequence[ox.NamedNode] | None = None,
        named_graphs: Sequence[ox.NamedNode] | None = None,
    ) -> QueryResult:
        bound = {k: v for k, v in (bindings or {}).items() if v is not None}
        text = inject_values(sparql, bound, apart=True) if bound else sparql
        form = query_form(sparql)  # the text as written: its cache entry is reused
        if form == "UPDATE":
            raise QuerySyntaxError("this is an update, not a query")
        params = [("default-graph-uri", g.value) for g in default_graphs or ()]
        params += [("named-graph-uri", g.value) for g in named_graphs or ()]
        if params:
            # The protocol's dataset wins over the query's (Virtuoso would merge them).
            text = strip_dataset(text)
        elif self.options.union and not dataset_clauses(text):
            params.append(("default-graph-uri", self.options.union))
        if form in ("CONSTRUCT", "DESCRIBE"):
            response = self._client.query(text, _GRAPH_ACCEPT, params)
            return GraphResult(_triples(response.content, response.headers.get("content-type", "")))

        # Results are checked whole before they are handed out (pyoxigraph parses them
        # lazily, so a bad row would otherwise surface as a SyntaxError wherever they are
        # read). Once, during concurrent writes, Virtuoso answered a SELECT with an IRI
        # without a scheme (CI, test_reads_during_writes): asked again, it answers well.
        def ask() -> Any:
            response = self._client.query(text, _RESULTS_ACCEPT, params)
            return _checked_results(response.content, response.headers.get("content-type", ""))

        try:
            return ask()
        except _MalformedResults:  # not an answer in another media type: that stays so
            return ask()

    def _select(self, sparql: str) -> list[ox.QuerySolution]:
        return list(self.query(sparql))

    def _graph_filter(self) -> str:
        if self.options.graphs:
            return f"STRSTARTS(STR(?g), {ox.Literal(self.options.graphs)})"
        return f"!STRSTARTS(STR(?g), {ox.Literal(STAGING)})"

    def _graph_pages(self, prefix_filter: str) -> Iterator[list[tuple[ox.NamedNode, int]]]:
        """The graphs a filter admits, with their sizes, in pages ordered by name."""
        last = ""
        while True:
            rows = self._select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                f"FILTER({prefix_filter} && STR(?g) > {ox.Literal(last)}) }} "
                f"GROUP BY ?g ORDER BY STR(?g) LIMIT {_PAGE}"
            )
            page = [(r["g"], int(r["n"].value)) for r in rows if isinstance(r["g"], ox.NamedNode)]
            if page:
                yield page
            if len(rows) < _PAGE:
                return
            last = rows[-1]["g"].value

    def graphs(self) -> Iterator[ox.NamedNode]:
        for page in self._graph_pages(self._graph_filter()):
            for g, _ in page:
                yield g

    def has_graph(self, graph: ox.NamedNode) -> bool:
        return bool(self.query(f"ASK WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))

    def __len__(self) -> int:
        where = f"GRAPH ?g {{ ?s ?p ?o }} FILTER({self._graph_filter()})"
        [row] = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        return int(row["n"].value)

    def dump(self, out: IO[bytes], format: ox.RdfFormat, graph: ox.NamedNode | None = None) -> None:
        if graph is not None:
            # One graph, streamed: its triples (as the embedded store writes them).
            text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
            response = self._client.query(text, _GRAPH_ACCEPT, stream=True)
            try:
                media = response.headers.get("content-type", "")
                ox.serialize(_triples(body_stream(response), media), out, format)
            finally:
                response.close()
            return
        quads = self._all_quads()
        if format.supports_datasets:
            ox.serialize(quads, out, format)
        else:
            # Triple formats get the union of the graphs; a triple several graphs hold
            # (an actor's label) is written once per graph: readers merge them.
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), out, format)

    def _all_quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store's graphs, a few thousand at a time, never all at once."""
        for page in self._graph_pages(self._graph_filter()):
            group: list[ox.NamedNode] = []
            expected = 0
            for g, n in page:
                if group and expected + n > _PAGE:
                    yield from self._quads_of(group, expected)
                    group, expected = [], 0
                group.append(g)
                expected += n
            if group:
                yield from self._quads_of(group, expected)

    def _quads_of(self, graphs: list[ox.NamedNode], expected: int) -> Iterator[ox.Quad]:
        values = " ".join(str(g) for g in graphs)
        text = f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        seen = 0
        response = self._client.query(text, _RESULTS_ACCEPT, stream=True)
        try:
            rows = _results(body_stream(response), response.headers.get("content-type", ""))
            for row in rows:
                seen += 1
                yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
        finally:
            response.close()
        if seen != expected:
            raise StoreError(
                f"the SPARQL server sent {seen} of {expected} quads; it may cut results "
                "short (Virtuoso: raise ResultSetMaxRows in virtuoso.ini)"
            )

    # ------------------------------------------------------------------ writing

    def write_graphs(self, batch: GraphBatch) -> None:
        if not batch:
            return
        salt = uuid.uuid4().hex
        skolem = _Skolemiser(salt)
        plan: list[tuple[ox.NamedNode, ox.NamedNode | None]] = []
        uploads: list[tuple[ox.NamedNode, list[ox.Triple]]] = []
        for i, (graph, quads) in enumerate(batch):
            triples = [skolem.triple(q) for q in quads]
            stage = ox.NamedNode(f"{STAGING}{salt}:{i}") if triples else None
            plan.append((graph, stage))
            if stage is not None:
                uploads.append((stage, triples))
        try:
            if self.options.gsp_url:
                self._upload_gsp(uploads)
            else:
                self._upload_insert(uploads)
            self._run_ops(
                f"MOVE {stage} TO {graph}" if stage else f"DROP SILENT GRAPH {graph}"
                for graph, stage in plan
            )
        except BaseException:
            self._drop_quietly([stage for _, stage in plan if stage is not None])
            raise

    def _upload_gsp(self, uploads: list[tuple[ox.NamedNode, list[ox.Triple]]]) -> None:
        # One request after another: Virtuoso 7.2 loads no faster with several at once
        # (measured); several writer processes do overlap, each staging while another moves.
        for stage, triples in uploads:
            for n, chunk in enumerate(_chunks(map(_line, triples), self.options.batch)):
                body = ("\n".join(chunk) + "\n").encode()
                self._client.put_graph(stage.value, body, append=n > 0)

    def _upload_insert(self, uploads: list[tuple[ox.NamedNode, list[ox.Triple]]]) -> None:
        # Lines tagged with their staging graph, packed into requests of `batch` triples.
        pending: list[tuple[ox.NamedNode, str]] = []
        size = 0
        for stage, triples in uploads:
            for line in map(_line, triples):
                n = len(line.encode()) + 1
                if pending and (len(pending) >= self.options.batch or size + n > _MAX_BODY):
                    self._client.update(_insert_data(pending))
                    pending, size = [], 0
                pending.append((stage, line))
                size += n
        if pending:
            self._client.update(_insert_data(pending))

    def _run_ops(self, ops: Iterable[str]) -> None:
        chunk: list[str] = []
        for op in ops:
            chunk.append(op)
            if len(chunk) >= _OPS_PER_UPDATE:
                self._client.update(" ;\n".join(chunk))
                chunk = []
        if chunk:
            self._client.update(" ;\n".join(chunk))

    def _drop_quietly(self, graphs: list[ox.NamedNode]) -> None:
        # The write already failed; staging graphs left over now go with clear().
        with contextlib.suppress(ClaimGraphError):
            self._run_ops(f"DROP SILENT GRAPH {g}" for g in graphs)

    def delete_graph(self, graph: ox.NamedNode) -> bool:
        if not self.has_graph(graph):
            return False
        # DROP without SILENT fails on Virtuoso for graphs never made with CREATE GRAPH.
        self._client.update(f"DROP SILENT GRAPH {graph}")
        return True

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the server, as atomically as the server runs a request.

        ``DROP GRAPH`` and ``CLEAR GRAPH`` are sent ``SILENT`` (see
        :func:`~kg.store.rewrite.silence_graph_drops`).
        """
        if query_form(sparql) in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
            raise QueryError("this is a query, not an update")
        self._client.update(silence_graph_drops(sparql))

    def drop_leftovers(self) -> int:
        """Drop the staging graphs that failed or killed writers left; how many there were.

        Do not run it while another process writes: its staging graphs would go too.
        """
        return self._drop_all(f"STRSTARTS(STR(?g), {ox.Literal(STAGING)})")

    def clear(self) -> None:
        """Drop every graph this store owns, and leftover staging graphs (for tests, admin)."""
        self._drop_all(self._graph_filter())
        self.drop_leftovers()

    def _drop_all(self, graph_filter: str) -> int:
        graphs = [g for page in self._graph_pages(graph_filter) for g, _ in page]
        self._run_ops(f"DROP SILENT GRAPH {g}" for g in graphs)
        return len(graphs)

    def close(self) -> None:
        self._client.close()


def open_url(rest: str, url: str) -> SparqlStore:
    """Open ``sparql+http://…`` or ``sparql+https://…`` (the registry's opener)."""
    return SparqlStore(SparqlOptions.from_url(url))
