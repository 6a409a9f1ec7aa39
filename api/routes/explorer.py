"""The web explorer: the page at ``/``, its static files, and the actor graph with positions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from api.deps import get_store
from api.routes.statements import Evidence, Since, Until
from kg.layout import LayoutCache, explorer_graph
from kg.store import Store

router = APIRouter(tags=["explorer"])

STATIC = Path(__file__).resolve().parent.parent / "static"
#: Everything the page needs comes from this server: no CDN, no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class Static(StaticFiles):
    """The explorer's files, revalidated on each load (no build step, so no hashed names)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers["Cache-Control"] = "no-cache"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def get_layout_cache(request: Request) -> LayoutCache:
    cache: LayoutCache = request.app.state.layout_cache
    return cache


@router.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(
        STATIC / "index.html",
        media_type="text/html; charset=utf-8",
        headers={
            "Cache-Control": "no-cache",
            "Content-Security-Policy": CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
        },
    )


_NODE = {
    "id": "russia",
    "label": "Russia",
    "type": "state",
    "spoke": 2,
    "targeted": 4,
    "x": -0.41,
    "y": 0.12,
}
_EDGE = {
    "source": "russia",
    "target": "united-states",
    "kind": "accusation",
    "count": 1,
    "statements": ["a680380da3ae4891"],
    "first_date": "2023-05-04",
    "last_date": "2023-05-04",
    "evidence_none": 1,
    "evidence_provided": 0,
}


@router.get(
    "/explorer/graph",
    summary="The actor graph with positions, for the web explorer",
    description="Actors (how often they speak and are targeted under the filters) with "
    "`x`, `y` in [-1, 1] from a layout of the whole graph, so actors keep their place when "
    "filters change; edges per (speaker, target, kind) with their statements. `entity` "
    "takes an id, label or alias (`washington`) and keeps that actor's edges. The layout is "
    "computed once per state of the graph and cached.",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "nodes": [_NODE],
                        "edges": [_EDGE],
                        "focus": None,
                        "total": {"nodes": 11, "edges": 14},
                        "layout": "5f0c2a9e4b1d7c33",
                    }
                }
            }
        },
        404: {"description": "No entity of that name"},
    },
)
async def get_explorer_graph(
    store: Annotated[Store, Depends(get_store)],
    cache: Annotated[LayoutCache, Depends(get_layout_cache)],
    kind: Annotated[list[Literal["accusation", "denial"]] | None, Query()] = None,
    since: Since = None,
    until: Until = None,
    evidence: Evidence | None = None,
    entity: Annotated[str | None, Query(max_length=200, examples=["washington"])] = None,
) -> dict[str, Any]:
    def work() -> dict[str, Any]:
        return explorer_graph(
            store,
            cache,
            kind or ["accusation", "denial"],
            _iso(since),
            _iso(until),
            evidence,
            entity,
        )

    # A first layout of thousands of actors takes a second or two: keep the loop free.
    return await anyio.to_thread.run_sync(work)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def mount_static(app: Any) -> None:
    app.mount("/static", Static(directory=STATIC), name="static")
