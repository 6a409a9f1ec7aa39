"""Who accused whom, who denied what: ``/accusations``, ``/denials``, ``/contested``,
``/statements/{id}``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from api.deps import get_store
from kg import queries
from kg.queries import Page
from kg.store import Store

router = APIRouter(tags=["statements"])

Evidence = Literal["none", "provided", "unspecified"]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]


def _paged(request: Request, page: Page) -> dict[str, Any]:
    body = page.as_dict()
    body["next"] = (
        str(request.url.include_query_params(offset=page.next_offset))
        if page.next_offset is not None
        else None
    )
    return body


_ACCUSATION_EXAMPLE = {
    "items": [{
        "id": "a0d3c5e2f1b4a6c7", "kind": "accusation",
        "speaker": {"id": "russia", "label": "Russia"},
        "target": {"id": "united-states", "label": "United States"},
        "on_behalf_of": None, "content": "being behind the drone attack", "cue": "accused",
        "evidence": "none", "date": "2023-05-04",
        "document": {"id": "kremlin-drone", "title": "US denies Russian accusation"},
        "confidence": 0.9}],
    "limit": 50, "offset": 0, "next_offset": None, "next": None,
}


@router.get(
    "/accusations",
    summary="Who accused whom",
    description="Accusations, newest first. `accuser` and `accused` take an entity id, label "
    "or alias in any case (`washington` finds the United States).",
    responses={200: {"content": {"application/json": {"example": _ACCUSATION_EXAMPLE}}}},
)
def list_accusations(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    accuser: Annotated[str | None, Query(examples=["Russia"])] = None,
    accused: Annotated[str | None, Query(examples=["washington"])] = None,
    since: Annotated[date | None, Query(examples=["2023-05-01"])] = None,
    until: Annotated[date | None, Query(examples=["2023-05-31"])] = None,
    evidence: Evidence | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    page = queries.accusations(store, accuser, accused, since, until, evidence, limit, offset)
    return _paged(request, page)
