"""Bearer-token checks for the endpoints that write."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from api.deps import get_settings
from kg.settings import Settings

__all__ = ["require_token_if_configured", "require_update_token"]


def _presented(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _check(request: Request, token: str) -> None:
    given = _presented(request)
    if given is None:
        raise HTTPException(
            401,
            "this endpoint needs 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": 'Bearer realm="claimgraph"'},
        )
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            403,
            "the bearer token is not valid",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )


def require_token_if_configured(
    request: Request, settings: Annotated[Settings, Depends(get_settings)]
) -> None:
    """Writes (ingest, delete) are open until a token is configured, then need it."""
    if settings.token:
        _check(request, settings.token)


def require_update_token(
    request: Request, settings: Annotated[Settings, Depends(get_settings)]
) -> None:
    """SPARQL Update always needs a token; with none configured it is refused."""
    if not settings.token:
        raise HTTPException(403, "SPARQL Update is disabled: set CLAIMGRAPH_TOKEN to enable it")
    _check(request, settings.token)
