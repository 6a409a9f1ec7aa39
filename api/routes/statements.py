"""Who accused whom, who denied what: ``/accusations``, ``/denials``, ``/contested``,
``/statements/{id}``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from api.deps import get_store
from kg import queries
from kg.queries import Page
from kg.store import Store

router = APIRouter(tags=["statements"])

Evidence = Literal["none", "provided", "unspecified"]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
Since = Annotated[date | None, Query(description="on or after (ISO date)", examples=["2023-05-01"])]
Until = Annotated[
    date | None, Query(description="on or before (ISO date)", examples=["2023-05-31"])
]


def paged(request: Request, page: Page) -> JSONResponse:
    """A page as JSON, with the URL of the next page (``None`` on the last).

    A response, not a dict: kg.queries gives JSON-ready values, and FastAPI would check a
    returned dict against the route's response model and encode it again, in a trip to
    the thread pool and back (~0.3 ms a request; the bytes are the same).
    """
    body = page.as_dict()
    body["next"] = (
        str(request.url.include_query_params(offset=page.next_offset))
        if page.next_offset is not None
        else None
    )
    return JSONResponse(body)


_SPEAKER = {"id": "russia", "label": "Russia"}
_TARGET = {"id": "united-states", "label": "United States"}
_DOC = {"id": "kremlin-drone", "title": "US denies Russian accusation drone attack"}
_ACCUSATION = {
    "id": "a0d3c5e2f1b4a6c7",
    "kind": "accusation",
    "speaker": _SPEAKER,
    "target": _TARGET,
    "on_behalf_of": None,
    "content": "of being behind what it says was a drone attack",
    "cue": "accused",
    "evidence": "none",
    "date": "2023-05-04",
    "document": _DOC,
    "confidence": 0.9,
}
_DENIAL = {
    "id": "d1e2f3a4b5c6d7e8",
    "kind": "denial",
    "speaker": {"id": "john-kirby", "label": "John Kirby"},
    "target": _SPEAKER,
    "on_behalf_of": {"id": "united-states", "label": None},
    "content": "We had nothing to do with this.",
    "cue": "nothing to do with",
    "evidence": "unspecified",
    "date": "2023-05-04",
    "document": _DOC,
    "confidence": 0.85,
    "refutes": "a0d3c5e2f1b4a6c7",
}


def _example(item: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "items": [item],
                        "limit": 50,
                        "offset": 0,
                        "next_offset": None,
                        "next": None,
                    }
                }
            }
        }
    }


@router.get(
    "/accusations",
    summary="Who accused whom",
    description="Accusations, newest first. `accuser` and `accused` take an entity id, label "
    "or alias in any case (`washington` finds the United States).",
    responses={**_example(_ACCUSATION), 404: {"description": "No entity of that name"}},
    response_model=dict[str, Any],
)
def list_accusations(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    accuser: Annotated[str | None, Query(examples=["Russia"])] = None,
    accused: Annotated[str | None, Query(examples=["washington"])] = None,
    since: Since = None,
    until: Until = None,
    evidence: Evidence | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    page = queries.accusations(store, accuser, accused, since, until, evidence, limit, offset)
    return paged(request, page)


@router.get(
    "/denials",
    summary="Who denied what",
    description="Denials, newest first, each with the accusation it `refutes` when known. "
    "`denier` filters on who denied; `accuser` on whose charge was denied.",
    responses={**_example(_DENIAL), 404: {"description": "No entity of that name"}},
    response_model=dict[str, Any],
)
def list_denials(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    denier: Annotated[str | None, Query(examples=["John Kirby"])] = None,
    accuser: Annotated[str | None, Query(examples=["Russia"])] = None,
    since: Since = None,
    until: Until = None,
    evidence: Evidence | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    page = queries.denials(store, denier, accuser, since, until, evidence, limit, offset)
    return paged(request, page)


@router.get(
    "/contested",
    summary="Accusations that have a denial",
    description="One item per (accusation, denial): the denial refutes the accusation, or "
    "the accused denied a charge of the accuser.",
    responses=_example(
        {
            "accusation": {
                k: _ACCUSATION[k]
                for k in ("id", "speaker", "target", "content", "evidence", "date")
            }
            | {"document": {"id": "kremlin-drone"}},
            "denial": {
                "id": "d1e2f3a4b5c6d7e8",
                "content": "We had nothing to do with this.",
                "document": {"id": "kremlin-drone"},
            },
        }
    ),
    response_model=dict[str, Any],
)
def list_contested(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    return paged(request, queries.contested(store, limit, offset))


@router.get(
    "/statements/{statement_id}",
    summary="One statement with its quotes, what it refutes and what refutes it",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": _ACCUSATION
                    | {
                        "evidence_text": "without providing evidence",
                        "refutes": [],
                        "refuted_by": [
                            {
                                "id": "d1e2f3a4b5c6d7e8",
                                "speaker": {"id": "john-kirby", "label": "John Kirby"},
                                "document": {"id": "kremlin-drone"},
                            }
                        ],
                        "mentions": [
                            {
                                "document": "kremlin-drone",
                                "quote": "MOSCOW – Russia accused …",
                                "quote_span": [64, 236],
                                "spans": {"speaker": {"text": "Russia", "span": [73, 79]}},
                                "rule": "verb-accuse",
                                "confidence": 0.9,
                            }
                        ],
                    }
                }
            }
        },
        404: {"description": "No such statement"},
    },
)
def get_statement(
    statement_id: str,
    store: Annotated[Store, Depends(get_store)],
) -> dict[str, Any]:
    return queries.statement(store, statement_id)
