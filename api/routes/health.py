"""``GET /health``: is the service up, and what does its store hold."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from api.deps import get_settings, get_store
from kg.settings import Settings
from kg.store import Store, display_url

router = APIRouter(tags=["service"])


@router.get(
    "/health",
    summary="Service health",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "status": "ok",
                        "store": "oxigraph:data/store",
                        "quads": 2154,
                        "version": "0.1.0",
                    }
                }
            }
        }
    },
)
def health(
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "status": "ok",
        "store": display_url(settings.store),
        "quads": len(store),
        "version": version("claimgraph"),
    }
