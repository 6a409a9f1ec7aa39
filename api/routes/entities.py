"""Actors: find them by name or alias, and read their profile."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from api.deps import get_store
from api.routes.statements import Limit, Offset, paged
from kg import queries
from kg.store import Store

router = APIRouter(tags=["entities"])

_ENTITY = {
    "id": "united-states",
    "iri": "https://w3id.org/claimgraph/id/entity/united-states",
    "label": "United States",
    "type": "state",
    "aliases": ["US", "Washington", "White House"],
    "same_as": ["http://www.wikidata.org/entity/Q30"],
}


@router.get(
    "/entities",
    summary="Find actors",
    description="Actors whose label or an alias contains `q`, any case; exact matches first. "
    "`washington` finds the United States.",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "items": [_ENTITY],
                        "limit": 50,
                        "offset": 0,
                        "next_offset": None,
                        "next": None,
                    }
                }
            }
        }
    },
    response_model=dict[str, Any],
)
def list_entities(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    q: Annotated[str | None, Query(max_length=200, examples=["washington"])] = None,
    type: Literal["person", "organization", "state", "group"] | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    return paged(request, queries.find_entities(store, q, type, limit, offset))


@router.get(
    "/entities/{entity_id}",
    summary="An actor's profile",
    description="Labels, aliases, and the accusations, denials and claims it made and received, "
    "oldest first. `entity_id` may be an id, a label or an alias.",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": _ENTITY
                    | {
                        "counts": {
                            "accusations_made": 0,
                            "accusations_received": 3,
                            "denials_made": 2,
                            "denials_received": 0,
                            "claims_made": 1,
                            "claims_received": 0,
                        },
                        "statements": [
                            {
                                "id": "a0d3c5e2f1b4a6c7",
                                "kind": "accusation",
                                "role": "target",
                                "speaker": {"id": "russia", "label": "Russia"},
                                "target": {"id": "united-states", "label": "United States"},
                                "content": "being behind the drone attack",
                                "evidence": "none",
                                "date": "2023-05-04",
                                "document": {"id": "kremlin-drone"},
                            }
                        ],
                    }
                }
            }
        },
        404: {"description": "No such actor"},
    },
)
def get_entity(entity_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    return queries.entity(store, entity_id)
