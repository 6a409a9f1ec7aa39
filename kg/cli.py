"""The ``claimgraph`` command: ingest, extract, query, export, serve, stats, delete.

Every failure claimgraph foresees is a :class:`~kg.errors.ClaimGraphError`; ``main``
prints its message on one line and exits 1 (2 for a usage error), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import IO, Any

from kg.errors import ClaimGraphError, InputError
from kg.settings import Settings

__all__ = ["main"]

PROG = "claimgraph"


def _extractor_factory() -> Any:
    from kg.extract import Extractor

    return Extractor()


def display_url(url: str) -> str:
    from kg.store import display_url as redact

    return redact(url)


def _open(settings: Settings) -> Any:
    from kg.store import open_store

    return open_store(settings.store)


# ------------------------------------------------------------------ commands


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from kg.ingest import iter_paths, read_documents
    from kg.pipeline import ingest

    files = list(iter_paths(args.paths))
    if not files:
        raise InputError(
            "no readable files (.txt, .md, .html, .jsonl) under " + " ".join(args.paths)
        )
    quiet = args.quiet or not sys.stderr.isatty()
    with (
        _open(settings) as store,
        tqdm(desc="documents", unit="doc", disable=quiet, file=sys.stderr) as bar,
    ):
        report = ingest(
            store,
            read_documents(files),
            extractor_factory=_extractor_factory,
            jobs=args.jobs,
            batch_size=args.batch_size,
            replace=args.replace,
            progress=bar.update,
        )
    print(
        f"ingested {report.written} document(s), skipped {report.skipped} already stored; "
        f"{report.statements} statement(s), {report.quads} quad(s) in {report.seconds:.1f}s "
        f"into {display_url(settings.store)}",
        file=sys.stderr,
    )
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from kg.extract import Extractor
    from kg.ingest import iter_paths, read_documents
    from kg.records import mention_records

    docs = read_documents(list(iter_paths(args.paths)))
    extractor = Extractor()
    out = sys.stdout
    if args.format == "jsonl":
        for x in extractor.extract_many(docs):
            for record in mention_records(x):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    from pyoxigraph import RdfFormat, serialize

    from kg.rdf import extraction_quads

    quads = [q for x in extractor.extract_many(docs) for q in extraction_quads(x)]
    if args.format == "turtle":
        data = serialize([q.triple for q in quads], format=RdfFormat.TURTLE, prefixes=_PREFIXES)
    elif args.format == "trig":
        data = serialize(quads, format=RdfFormat.TRIG, prefixes=_PREFIXES)
    else:
        data = serialize(quads, format=RdfFormat.N_QUADS)
    out.buffer.write(data or b"")
    return 0


_PREFIXES = {
    "cg": "https://w3id.org/claimgraph/ontology#",
    "entity": "https://w3id.org/claimgraph/id/entity/",
    "statement": "https://w3id.org/claimgraph/id/statement/",
    "doc": "https://w3id.org/claimgraph/id/doc/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _write_table(variables: list[str], rows: list[list[str]], out: IO[str]) -> None:
    widths = [len(v) for v in variables]
    for row in rows:
        widths = [min(60, max(w, len(c))) for w, c in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            (c if len(c) <= w else c[: w - 1] + "…").ljust(w)
            for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    out.write(line(variables) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write(line(row) + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

    from kg.queries import load_query

    if args.file:
        try:
            with open(args.file, encoding="utf-8") as f:
                sparql = f.read()
        except OSError as exc:
            raise InputError(f"{args.file}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise InputError(f"{args.file}: not UTF-8 text") from None
    elif args.name:
        sparql = load_query(args.name)
    elif args.sparql:
        sparql = args.sparql
    else:
        raise InputError("give a query, --file F or --name NAME")
    with _open(settings) as store:
        result = store.query(sparql)
        out = sys.stdout
        if isinstance(result, QueryBoolean):
            if args.format == "json":
                out.write(json.dumps({"head": {}, "boolean": bool(result)}) + "\n")
            else:
                out.write(("true" if result else "false") + "\n")
        elif isinstance(result, QuerySolutions):
            if args.format in ("json", "csv", "tsv", "xml"):
                fmt = {
                    "json": QueryResultsFormat.JSON,
                    "csv": QueryResultsFormat.CSV,
                    "tsv": QueryResultsFormat.TSV,
                    "xml": QueryResultsFormat.XML,
                }[args.format]
                result.serialize(out.buffer, fmt)
                out.flush()
            else:
                names = [v.value for v in result.variables]
                rows = [
                    ["" if s[n] is None else getattr(s[n], "value", str(s[n])) for n in names]
                    for s in result
                ]
                _write_table(names, rows, out)
        else:
            rdf = RdfFormat.N_TRIPLES if args.format in ("csv", "ntriples") else RdfFormat.TURTLE
            result.serialize(out.buffer, rdf)
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from kg.export import GRAPH_FORMATS, actor_graph, dump_rdf, write_actor_graph

    target = open(args.output, "wb") if args.output else sys.stdout.buffer  # noqa: SIM115
    try:
        with _open(settings) as store:
            if args.format in GRAPH_FORMATS:
                kinds = args.kind.split(",") if args.kind else ["accusation", "denial"]
                g = actor_graph(store, kinds, args.since, args.until, args.entity)
                write_actor_graph(g, args.format, target)
            else:
                dump_rdf(store, args.format, target)
    finally:
        if args.output:
            target.close()
    return 0


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from kg.queries import counts

    with _open(settings) as store:
        figures: dict[str, Any] = {
            "store": display_url(settings.store),
            "quads": len(store),
            "graphs": sum(1 for _ in store.graphs()),
        }
        figures.update(counts(store))
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:<13} {v}")
    return 0


def cmd_delete(args: argparse.Namespace, settings: Settings) -> int:
    from kg.errors import NotFound
    from kg.rdf import document_iri

    with _open(settings) as store:
        for doc_id in args.ids:
            if not store.delete_graph(document_iri(doc_id)):
                raise NotFound(f"no document {doc_id!r}")
            print(f"deleted {doc_id}", file=sys.stderr)
    return 0


def cmd_optimize(args: argparse.Namespace, settings: Settings) -> int:
    import time

    with _open(settings) as store:
        started = time.perf_counter()
        store.optimize()
        seconds = time.perf_counter() - started
    print(f"optimized {display_url(settings.store)} in {seconds:.1f}s", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api import create_app

    with _open(settings) as store:
        app = create_app(settings, store=store)
        _warn_if_open(settings, args)
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _warn_if_open(settings: Settings, args: argparse.Namespace) -> None:
    if not settings.token:
        print(
            "claimgraph: write endpoints are open to anyone who can reach "
            f"{args.host}:{args.port}; set CLAIMGRAPH_TOKEN to require a bearer token",
            file=sys.stderr,
        )


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Build and query a graph of who accused whom, who denied it, and what "
        "was claimed, from news text.",
    )
    p.add_argument(
        "--store",
        help="store to use, e.g. oxigraph:data/store or memory: "
        "(default: $CLAIMGRAPH_STORE or oxigraph:data/store)",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", help="extract statements from articles and store them")
    s.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="text/HTML files, folders, or JSONL of {id, text, title, published, url}",
    )
    s.add_argument("--jobs", "-j", type=int, default=1, help="extraction processes (default 1)")
    s.add_argument(
        "--batch-size", type=int, default=64, help="documents per write transaction (default 64)"
    )
    s.add_argument(
        "--replace",
        action="store_true",
        help="re-extract documents already stored (default: skip them)",
    )
    s.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("extract", help="print the statements found in articles (no store)")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--format", "-f", choices=("jsonl", "turtle", "trig", "nquads"), default="jsonl")
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser("query", help="run a SPARQL query against the store")
    s.add_argument("sparql", nargs="?", help="the query text")
    s.add_argument("--file", help="read the query from a file")
    s.add_argument("--name", help="run a bundled named query (see kg/queries/*.rq)")
    s.add_argument(
        "--format",
        "-f",
        choices=("table", "json", "csv", "tsv", "xml", "turtle", "ntriples"),
        default="table",
    )
    s.set_defaults(func=cmd_query)

    s = sub.add_parser("export", help="export the actor graph or the RDF")
    s.add_argument(
        "--format",
        "-f",
        default="graphml",
        choices=(
            "graphml",
            "gexf",
            "cytoscape",
            "node-link",
            "dot",
            "csv",
            "turtle",
            "ntriples",
            "nquads",
            "trig",
            "jsonld",
            "rdfxml",
        ),
    )
    s.add_argument("--output", "-o", help="file to write (default: standard output)")
    s.add_argument("--kind", help="actor graph: accusation, denial or both (comma-separated)")
    s.add_argument("--since", help="actor graph: statements on or after this date")
    s.add_argument("--until", help="actor graph: statements on or before this date")
    s.add_argument("--entity", help="actor graph: only edges touching this actor")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("stats", help="count what the store holds")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_stats)

    s = sub.add_parser(
        "optimize", help="compact the store's files so lookups are fast (after a large load)"
    )
    s.set_defaults(func=cmd_optimize)

    s = sub.add_parser("delete", help="remove documents (and their statements) from the store")
    s.add_argument("ids", nargs="+", metavar="DOC_ID")
    s.set_defaults(func=cmd_delete)

    s = sub.add_parser("serve", help="serve the HTTP API and explorer")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument(
        "--log-level", default="info", choices=("critical", "error", "warning", "info", "debug")
    )
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    env = dict(os.environ if environ is None else environ)
    if args.store:
        env["CLAIMGRAPH_STORE"] = args.store
    try:
        settings = Settings.from_env(env)
        if getattr(args, "jobs", 1) < 1 or getattr(args, "batch_size", 1) < 1:
            raise InputError("--jobs and --batch-size must be at least 1")
        code: int = args.func(args, settings)
        return code
    except ClaimGraphError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
