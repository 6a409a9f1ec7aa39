"""Exports: the actor graph for graph tools, and the whole graph as RDF, streamed."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from datetime import date
from typing import IO, Annotated, Literal

import anyio
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response, StreamingResponse

from api.deps import get_store
from kg.export import GRAPH_FORMATS, RDF_FORMATS, actor_graph, dump_rdf, write_actor_graph
from kg.store import Store

router = APIRouter(prefix="/export", tags=["exports"])

GraphFormat = Literal["graphml", "gexf", "cytoscape", "node-link", "dot", "csv"]
RdfFormatName = Literal["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]
_EXT = {
    "graphml": "graphml",
    "gexf": "gexf",
    "cytoscape": "json",
    "node-link": "json",
    "dot": "dot",
    "csv": "csv",
    "turtle": "ttl",
    "ntriples": "nt",
    "nquads": "nq",
    "trig": "trig",
    "jsonld": "jsonld",
    "rdfxml": "rdf",
}
_CHUNK = 1 << 16


@router.get(
    "/graph",
    summary="The actor graph for graph tools",
    description="Nodes are actors (label, type, how often they speak and are targeted); edges "
    "are accusations and denials per (speaker, target, kind) with counts, first and last date, "
    "and statement ids. GraphML and GEXF open in Gephi; `cytoscape` is Cytoscape.js JSON; "
    "`node-link` is D3's.",
    responses={
        200: {
            "content": {m: {} for m in set(GRAPH_FORMATS.values())}
            | {
                "application/json": {
                    "example": {
                        "directed": True,
                        "multigraph": True,
                        "graph": {},
                        "nodes": [
                            {
                                "id": "russia",
                                "label": "Russia",
                                "type": "state",
                                "spoke": 3,
                                "targeted": 1,
                            }
                        ],
                        "links": [
                            {
                                "source": "russia",
                                "target": "united-states",
                                "key": "accusation",
                                "kind": "accusation",
                                "count": 2,
                                "statements": ["a0d3c5e2f1b4a6c7"],
                                "first_date": "2023-05-04",
                                "last_date": "2023-05-04",
                                "evidence_none": 2,
                                "evidence_provided": 0,
                            }
                        ],
                    }
                }
            }
        },
        404: {"description": "No entity of that name"},
    },
)
def export_graph(
    store: Annotated[Store, Depends(get_store)],
    format: GraphFormat = "graphml",
    kind: Annotated[list[Literal["accusation", "denial"]] | None, Query()] = None,
    since: date | None = None,
    until: date | None = None,
    entity: Annotated[str | None, Query(examples=["washington"])] = None,
    evidence: Literal["none", "provided", "unspecified"] | None = None,
) -> Response:
    g = actor_graph(
        store,
        kind or ["accusation", "denial"],
        since.isoformat() if since else None,
        until.isoformat() if until else None,
        entity,
        evidence,
    )
    out = io.BytesIO()
    write_actor_graph(g, format, out)
    return Response(
        out.getvalue(),
        media_type=GRAPH_FORMATS[format],
        headers={"Content-Disposition": f'attachment; filename="claimgraph-actors.{_EXT[format]}"'},
    )


def _stream(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        spool.seek(0)
        while chunk := spool.read(_CHUNK):
            yield chunk
    finally:
        spool.close()


@router.get(
    "/rdf",
    summary="The whole graph as RDF",
    description="Every document graph. Dataset formats (`nquads`, `trig`) keep the named "
    "graphs; triple formats get their union. Written to a spool file (in memory up to 8 MB, "
    "then on disk) and streamed, so a large store need not fit in memory.",
    responses={200: {"content": {m: {} for _, m in RDF_FORMATS.values()}}},
)
async def export_rdf(
    store: Annotated[Store, Depends(get_store)],
    format: RdfFormatName = "nquads",
) -> StreamingResponse:
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 - closed by _stream
    try:
        await anyio.to_thread.run_sync(dump_rdf, store, format, spool)
    except BaseException:
        spool.close()
        raise
    return StreamingResponse(
        _stream(spool),
        media_type=RDF_FORMATS[format][1],
        headers={"Content-Disposition": f'attachment; filename="claimgraph.{_EXT[format]}"'},
    )
