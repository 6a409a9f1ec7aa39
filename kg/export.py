"""Exports: the actor graph for graph tools, and RDF dumps of the whole store.

The actor graph is a networkx ``MultiDiGraph``: a node per actor (label, type, how
often it speaks and is targeted), and an edge per (speaker, target, kind) with the
number of statements, the first and last date, and the statement ids.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from kg.errors import InputError
from kg.model import EvidenceStatus
from kg.queries import date_literal, resolve_entity, run
from kg.rdf import EVIDENCE_STATUS, document_id_of, local_name
from kg.store.base import Store

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "GRAPH_FORMATS",
    "RDF_FORMATS",
    "actor_edge_rows",
    "actor_graph",
    "actor_graph_from_rows",
    "dump_rdf",
    "rdf_format",
    "write_actor_graph",
]

GRAPH_FORMATS = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "cytoscape": "application/json",
    "node-link": "application/json",
    "dot": "text/vnd.graphviz",
    "csv": "text/csv",
}
RDF_FORMATS = {
    "turtle": ("TURTLE", "text/turtle"),
    "ntriples": ("N_TRIPLES", "application/n-triples"),
    "nquads": ("N_QUADS", "application/n-quads"),
    "trig": ("TRIG", "application/trig"),
    "jsonld": ("JSON_LD", "application/ld+json"),
    "rdfxml": ("RDF_XML", "application/rdf+xml"),
}
_KINDS = {"accusation", "denial"}
_CG = "https://w3id.org/claimgraph/ontology#"


def actor_edge_rows(store: Store) -> list[dict[str, Any]]:
    """Every accusation and denial between two actors, one row per statement, with each
    actor's label and class and the document's id."""
    labels: dict[str, str] = {}
    classes: dict[str, str] = {}
    for r in run(store, "actors"):
        # An actor labelled or typed differently in two documents: the first in sort
        # order, as kg.queries describes an entity.
        a = r["actor"]
        labels[a] = min(labels.get(a, r["label"]), r["label"])
        classes[a] = min(classes.get(a, r["class"]), r["class"])
    actors = {a: (labels[a], classes[a]) for a in labels}
    rows = []
    for r in run(store, "actor_edges"):
        speaker, target = actors.get(r["speaker"]), actors.get(r["target"])
        if speaker is None or target is None:
            continue  # not an actor the store describes (a hand-written statement)
        r["speakerLabel"], r["speakerClass"] = speaker
        r["targetLabel"], r["targetClass"] = target
        r["docId"] = document_id_of(r.pop("doc"))
        rows.append(r)
    return rows


def actor_graph(
    store: Store,
    kinds: Iterable[str] = ("accusation", "denial"),
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    evidence: str | None = None,
) -> nx.MultiDiGraph:
    """The actor graph, optionally restricted by kind, date range, evidence status
    (``none``, ``provided``, ``unspecified``) and one actor's edges."""
    focus = resolve_entity(store, entity).value if entity else None
    return actor_graph_from_rows(actor_edge_rows(store), kinds, since, until, focus, evidence)


def actor_graph_from_rows(
    rows: Iterable[dict[str, Any]],
    kinds: Iterable[str] = ("accusation", "denial"),
    since: str | None = None,
    until: str | None = None,
    focus: str | None = None,
    evidence: str | None = None,
) -> nx.MultiDiGraph:
    """:func:`actor_graph` from rows of :func:`actor_edge_rows` already fetched, so several
    filtered graphs can share one query. ``focus`` is an entity IRI."""
    import networkx as nx

    wanted = set(kinds)
    if not wanted or not wanted <= _KINDS:
        raise InputError(f"kind must be among {', '.join(sorted(_KINDS))}")
    lo = date_literal(since, "since")
    hi = date_literal(until, "until")
    status_iri = _evidence_iri(evidence)
    g = nx.MultiDiGraph()
    seen: set[tuple[str, str, str, str]] = set()  # (statement, kind, speaker, target) counted
    for r in rows:
        kind = r["class"].removeprefix(_CG).lower()
        if kind not in wanted:
            continue
        day = r.get("date")
        if (lo and (day is None or day < lo.value)) or (hi and (day is None or day > hi.value)):
            continue
        if focus and focus not in (r["speaker"], r["target"]):
            continue
        if status_iri and r["evidence"] != status_iri:
            continue
        u = local_name(r["speaker"], "entity") or r["speaker"]
        v = local_name(r["target"], "entity") or r["target"]
        for node, label, cls in (
            (u, r["speakerLabel"], r["speakerClass"]),
            (v, r["targetLabel"], r["targetClass"]),
        ):
            if node not in g:
                g.add_node(
                    node, label=label, type=cls.removeprefix(_CG).lower(), spoke=0, targeted=0
                )
        if not g.has_edge(u, v, key=kind):
            g.add_edge(
                u,
                v,
                key=kind,
                kind=kind,
                count=0,
                statements=[],
                first_date="",
                last_date="",
                evidence_none=0,
                evidence_provided=0,
            )
        e = g.edges[u, v, kind]
        sid = local_name(r["statement"], "statement") or r["statement"]
        if (sid, kind, u, v) in seen:
            continue
        seen.add((sid, kind, u, v))
        e["statements"].append(sid)
        e["count"] += 1
        status = r["evidence"].removeprefix(_CG)
        if status == "NoEvidenceProvided":
            e["evidence_none"] += 1
        elif status == "EvidenceProvided":
            e["evidence_provided"] += 1
        if day:
            e["first_date"] = min(filter(None, (e["first_date"], day)))
            e["last_date"] = max(e["last_date"], day)
        g.nodes[u]["spoke"] += 1
        g.nodes[v]["targeted"] += 1
    return g


def _evidence_iri(evidence: str | None) -> str | None:
    if evidence is None:
        return None
    try:
        return EVIDENCE_STATUS[EvidenceStatus(evidence)].value
    except ValueError:
        allowed = ", ".join(e.value for e in EvidenceStatus)
        raise InputError(f"evidence must be one of {allowed}, not {evidence!r}") from None


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose list attributes are joined, for formats with scalar attributes only."""
    h = g.copy()
    for _, _, data in h.edges(data=True):
        data["statements"] = " ".join(data["statements"])
    return h


def _dot_quote(value: Any) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _write_dot(g: nx.MultiDiGraph, out: IO[str]) -> None:
    colours = {"accusation": "#d62728", "denial": "#1f77b4"}
    out.write("digraph claimgraph {\n  node [shape=box];\n")
    for n, d in g.nodes(data=True):
        out.write(f"  {_dot_quote(n)} [label={_dot_quote(d['label'])}];\n")
    for u, v, d in g.edges(data=True):
        out.write(
            f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(d['kind'])}, "
            f"color={_dot_quote(colours[d['kind']])}, weight={d['count']}, "
            f"penwidth={1 + min(d['count'], 9)}];\n"
        )
    out.write("}\n")


def _write_csv(g: nx.MultiDiGraph, out: IO[str]) -> None:
    w = csv.writer(out)
    w.writerow(
        [
            "source",
            "source_label",
            "target",
            "target_label",
            "kind",
            "count",
            "first_date",
            "last_date",
            "evidence_none",
            "evidence_provided",
            "statements",
        ]
    )
    for u, v, d in g.edges(data=True):
        w.writerow(
            [
                u,
                g.nodes[u]["label"],
                v,
                g.nodes[v]["label"],
                d["kind"],
                d["count"],
                d["first_date"],
                d["last_date"],
                d["evidence_none"],
                d["evidence_provided"],
                " ".join(d["statements"]),
            ]
        )


def write_actor_graph(g: nx.MultiDiGraph, format: str, out: IO[bytes]) -> None:
    """Write the actor graph in one of :data:`GRAPH_FORMATS` to a binary stream."""
    import networkx as nx

    if format not in GRAPH_FORMATS:
        raise InputError(f"graph format must be one of {', '.join(GRAPH_FORMATS)}, not {format!r}")
    if format == "graphml":
        nx.write_graphml(_flat(g), out, encoding="utf-8")
    elif format == "gexf":
        nx.write_gexf(_flat(g), out, encoding="utf-8")
    else:
        text = io.StringIO()
        if format == "cytoscape":
            json.dump(nx.cytoscape_data(g), text, ensure_ascii=False)
        elif format == "node-link":
            json.dump(nx.node_link_data(g, edges="links"), text, ensure_ascii=False)
        elif format == "dot":
            _write_dot(g, text)
        else:
            _write_csv(g, text)
        out.write(text.getvalue().encode("utf-8"))


def rdf_format(name: str) -> Any:
    """The pyoxigraph ``RdfFormat`` for one of :data:`RDF_FORMATS`."""
    from pyoxigraph import RdfFormat

    if name not in RDF_FORMATS:
        raise InputError(f"RDF format must be one of {', '.join(RDF_FORMATS)}, not {name!r}")
    return getattr(RdfFormat, RDF_FORMATS[name][0])


def dump_rdf(store: Store, format: str, out: IO[bytes]) -> None:
    """Stream the whole store to ``out``; triple formats get the union of the graphs."""
    store.dump(out, rdf_format(format))
