"""The SPARQL 1.1 Protocol: queries at ``/sparql`` (read-only), updates at ``/update``.

The default graph is the union of the document graphs unless ``default-graph-uri`` names
some. Results come in the format the client asks for (``Accept`` or ``format``).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

import anyio
from fastapi import APIRouter, Depends, Request, Response
from pyoxigraph import NamedNode
from starlette.exceptions import HTTPException

from api.deps import get_settings, get_store
from api.negotiation import choose_media_type
from api.security import require_update_token
from kg.errors import DecodeError, QueryTimeout
from kg.sandbox import QuerySandbox, SandboxResult
from kg.settings import Settings
from kg.sparql import (
    RDF_MEDIA_TYPES,
    RESULTS_MEDIA_TYPES,
    QueryOutcome,
    check_query,
    check_update,
    execute,
    outcome_from,
    serialize_outcome,
)
from kg.store import Store

router = APIRouter(tags=["sparql"])

FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_FORM = "application/x-www-form-urlencoded"
_QUERY_EXAMPLE = (
    "PREFIX cg: <https://w3id.org/claimgraph/ontology#>\n"
    "SELECT ?accuser ?accused WHERE { ?accuser cg:accuses ?accused }"
)
_RESULT_EXAMPLE = {
    "head": {"vars": ["accuser", "accused"]},
    "results": {
        "bindings": [
            {
                "accuser": {"type": "uri", "value": "https://w3id.org/claimgraph/id/entity/russia"},
                "accused": {
                    "type": "uri",
                    "value": "https://w3id.org/claimgraph/id/entity/united-states",
                },
            }
        ]
    },
}


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise DecodeError("the request body is not UTF-8") from None


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise HTTPException(400, f"give '{name}' once, not {len(values)} times")
    return values[0] if values else None


def _graphs(params: dict[str, list[str]], name: str) -> list[NamedNode] | None:
    values = params.get(name)
    if not values:
        return None
    try:
        return [NamedNode(v) for v in values]
    except ValueError:
        raise HTTPException(400, f"'{name}' must be absolute IRIs") from None


async def _read_operation(
    request: Request, field: str, other: str, direct_media: str, other_route: str
) -> tuple[str, dict[str, list[str]]]:
    """The operation text (``query`` or ``update``) and all parameters of a protocol request.

    GET takes everything from the URL; a form POST from the body, then the URL; a direct
    POST (``direct_media``) has the operation as its body and parameters in the URL.
    """
    url_params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        params = url_params
        text = _one(params, field)
    else:
        media = _media_type(request)
        body = await request.body()
        if media == _FORM:
            params = parse_qs(_decode(body), keep_blank_values=True)
            for k, v in url_params.items():
                params.setdefault(k, v)
            text = _one(params, field)
        elif media == direct_media:
            params = url_params
            text = _decode(body)
        else:
            raise HTTPException(
                415,
                f"POST {'a query' if field == 'query' else 'an update'} as {_FORM} "
                f"({field}=...) or as {direct_media}",
            )
    if other in params:
        raise HTTPException(400, f"{other}s go to {other_route}, not {request.url.path}")
    if text is None or not text.strip():
        raise HTTPException(400, f"missing '{field}' parameter")
    return text, params


async def _answer(request: Request, store: Store, settings: Settings) -> Response:
    query, params = await _read_operation(
        request, "query", "update", "application/sparql-query", "/update"
    )
    default_graphs = _graphs(params, "default-graph-uri")
    named_graphs = _graphs(params, "named-graph-uri")
    fmt = _one(params, "format")
    accept = request.headers.get("accept")

    sandbox: QuerySandbox | None = request.app.state.sandbox
    timeout = settings.query_timeout

    def in_sandbox() -> SandboxResult:
        assert sandbox is not None
        return sandbox.run(
            query,
            timeout=timeout,
            max_rows=settings.max_rows,
            default_graphs=[g.value for g in default_graphs or []],
            named_graphs=[g.value for g in named_graphs or []],
        )

    def in_thread() -> QueryOutcome:
        return execute(
            store,
            query,
            max_rows=settings.max_rows,
            timeout=timeout,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
        )

    check_query(query)
    raw: SandboxResult | None = None
    outcome: QueryOutcome | None = None
    try:
        # The sandbox stops a query itself; the thread path can only stop waiting for it.
        with anyio.fail_after(timeout + (5 if sandbox else 0)):
            if sandbox is not None:
                raw = await anyio.to_thread.run_sync(in_sandbox, abandon_on_cancel=True)
            else:
                outcome = await anyio.to_thread.run_sync(in_thread, abandon_on_cancel=True)
    except TimeoutError:
        raise QueryTimeout(f"the query ran longer than {timeout:g} s") from None
    kind = raw.kind if raw is not None else outcome.kind  # type: ignore[union-attr]
    offered = list(RDF_MEDIA_TYPES) if kind == "graph" else list(RESULTS_MEDIA_TYPES)
    media = choose_media_type(offered, accept, fmt, FORMAT_ALIASES)
    if raw is not None:
        canonical = "application/n-triples" if kind == "graph" else offered[0]
        if media == canonical:
            body = raw.body
        else:
            body = serialize_outcome(outcome_from(kind, raw.body), media)
    else:
        assert outcome is not None
        body = serialize_outcome(outcome, media)
    charset = "" if media == "application/n-triples" else "; charset=utf-8"
    return Response(body, media_type=media + charset, headers={"Vary": "Accept"})


_QUERY_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Results in the negotiated format",
        "content": {
            "application/sparql-results+json": {"example": _RESULT_EXAMPLE},
            "application/sparql-results+xml": {},
            "text/csv": {},
            "text/tab-separated-values": {},
            "text/turtle": {},
            "application/n-triples": {},
            "application/ld+json": {},
            "application/rdf+xml": {},
        },
    },
    400: {"description": "Malformed query (the parser's message) or bad parameters"},
    406: {"description": "No acceptable format"},
    503: {"description": "The query ran past the time limit"},
}


@router.get(
    "/sparql",
    summary="SPARQL query (GET)",
    description="SPARQL 1.1 Protocol query via GET. `default-graph-uri` and `named-graph-uri` "
    "may repeat. Results by `Accept` or `format` (json, xml, csv, tsv for SELECT/ASK; turtle, "
    "ntriples, jsonld, rdfxml for CONSTRUCT/DESCRIBE). `SERVICE` is refused.",
    responses=_QUERY_RESPONSES,
    openapi_extra={
        "parameters": [
            {
                "name": "query",
                "in": "query",
                "required": True,
                "schema": {"type": "string"},
                "example": _QUERY_EXAMPLE,
            },
            {
                "name": "default-graph-uri",
                "in": "query",
                "schema": {"type": "array", "items": {"type": "string"}},
            },
            {
                "name": "named-graph-uri",
                "in": "query",
                "schema": {"type": "array", "items": {"type": "string"}},
            },
            {"name": "format", "in": "query", "schema": {"type": "string"}, "example": "json"},
        ]
    },
)
async def sparql_get(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Response:
    return await _answer(request, store, settings)


@router.post(
    "/sparql",
    summary="SPARQL query (POST)",
    description="SPARQL 1.1 Protocol query via POST: form-encoded (`query=`) or the query "
    "itself as `application/sparql-query`.",
    responses=_QUERY_RESPONSES,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/sparql-query": {
                    "schema": {"type": "string"},
                    "example": _QUERY_EXAMPLE,
                },
                _FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                        "required": ["query"],
                    },
                    "example": {"query": _QUERY_EXAMPLE},
                },
            }
        }
    },
)
async def sparql_post(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Response:
    return await _answer(request, store, settings)


@router.post(
    "/update",
    summary="SPARQL Update",
    description="SPARQL 1.1 Update, form-encoded (`update=`) or as `application/sparql-update`. "
    "Needs `Authorization: Bearer <CLAIMGRAPH_TOKEN>`; refused when no token is configured. "
    "`LOAD` and `SERVICE` are refused.",
    status_code=204,
    dependencies=[Depends(require_update_token)],
    responses={
        204: {"description": "Applied"},
        400: {"description": "Malformed update"},
        401: {"description": "No bearer token"},
        403: {"description": "Refused"},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/sparql-update": {
                    "schema": {"type": "string"},
                    "example": "PREFIX cg: <https://w3id.org/claimgraph/ontology#>\n"
                    "DELETE WHERE { GRAPH ?g { ?s cg:confidence ?c FILTER(?c < 0.2) } }",
                }
            }
        }
    },
)
async def sparql_update(request: Request, store: Annotated[Store, Depends(get_store)]) -> Response:
    update, params = await _read_operation(
        request, "update", "query", "application/sparql-update", "/sparql"
    )
    if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
        raise HTTPException(
            400,
            "using-graph-uri and using-named-graph-uri are not supported; "
            "put USING or WITH in the update",
        )
    check_update(update)
    await anyio.to_thread.run_sync(store.update, update)
    return Response(status_code=204)
