"""The one place where claimgraph errors become HTTP responses (RFC 9457 problem details).

Domain code raises :mod:`kg.errors`; routes never raise ``HTTPException`` for them.
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg import errors as e

__all__ = ["install_error_handlers", "problem", "status_for"]

PROBLEM_JSON = "application/problem+json"

# Most specific first: the first class an error is an instance of decides.
_STATUS: list[tuple[type[e.ClaimGraphError], int]] = [
    (e.DocumentNotFound, 404),
    (e.NotFound, 404),
    (e.DecodeError, 400),
    (e.InputError, 400),
    (e.QuerySyntaxError, 400),
    (e.QueryTimeout, 503),
    (e.QueryTooLarge, 400),
    (e.QueryRefused, 400),
    (e.QueryError, 400),
    (e.StoreLocked, 503),
    (e.StoreUnavailable, 503),
    (e.StoreError, 503),
    (e.ConfigError, 500),
    (e.ModelError, 503),
]


def status_for(exc: e.ClaimGraphError) -> int:
    return next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)


def problem(status: int, detail: str, title: str | None = None, **extra: object) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    headers = {"Retry-After": "1"} if status == 503 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


async def _claimgraph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, e.ClaimGraphError)
    return problem(status_for(exc), str(exc), error=type(exc).__name__)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    response = problem(exc.status_code, str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return problem(422, "; ".join(parts) or "invalid request", errors=jsonable(exc.errors()))


def jsonable(errors: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors, custom_encoder={BaseException: str})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    return problem(500, "internal error; see the server log")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(e.ClaimGraphError, _claimgraph_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
