"""Documents: add an article (extract + store), list, read, delete."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException

from api.deps import get_extractor, get_store
from api.routes.statements import Limit, Offset, paged
from api.security import require_token_if_configured
from kg import queries
from kg.documents import add_document
from kg.errors import NotFound
from kg.ingest import decode_text, make_document, valid_document_id
from kg.rdf import document_iri
from kg.store import Store

router = APIRouter(tags=["documents"])


_NEW_EXAMPLE: dict[str, Any] = {
    "title": "Norland blames Sudmark for dam breach",
    "published": "2025-03-12",
    "url": "https://example.org/norland-dam",
    "text": "Norland accused Sudmark of sabotaging the dam, without providing evidence. "
    "Sudmark's foreign ministry rejected the allegation.",
}


class NewDocument(BaseModel):
    """An article to add. Without an ``id``, one is derived from the text."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_NEW_EXAMPLE]})

    text: str = Field(min_length=1)
    id: str | None = Field(default=None, max_length=160)
    title: str | None = None
    published: str | None = Field(default=None, description="ISO date, e.g. 2025-03-12")
    url: str | None = None


_DOC_EXAMPLE = {
    "id": "sample-norland-dam",
    "title": "Norland blames Sudmark for dam breach",
    "published": "2025-03-12",
    "url": "https://example.org/norland-dam",
    "text": "Norland accused Sudmark …",
    "statements": [
        {
            "id": "a3b61af44f20e65c",
            "kind": "accusation",
            "speaker": {"id": "norland", "label": "Norland"},
            "target": {"id": "sudmark", "label": "Sudmark"},
            "evidence": "none",
            "mentions": [{"quote": "Norland accused Sudmark …", "quote_span": [0, 72]}],
        }
    ],
}


async def _new_document(request: Request) -> Any:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if media == "text/plain":
        text = decode_text(body, "the request body")
        p = request.query_params
        return make_document(
            text,
            id=p.get("id"),
            title=p.get("title"),
            published=p.get("published"),
            url=p.get("url"),
        )
    if media in ("application/json", ""):
        decode_text(body, "the request body")
        try:
            new = NewDocument.model_validate_json(body)
        except ValidationError as exc:
            errors = exc.errors()
            detail = (
                "; ".join(
                    f"{'.'.join(str(x) for x in e.get('loc', ())) or 'body'}: {e.get('msg')}"
                    for e in errors
                )
                or "the body is not a JSON document object"
            )
            raise HTTPException(422, detail) from None
        return make_document(
            new.text, id=new.id, title=new.title, published=new.published, url=new.url
        )
    raise HTTPException(415, "send the article as application/json or text/plain")


@router.post(
    "/documents",
    summary="Add an article",
    description="Extracts the article's accusations, denials and claims and stores them. "
    "Send JSON `{text, title, published, url, id?}` or the text itself as `text/plain` "
    "(metadata then in the query string). 201 when added; 200 when it was already stored "
    "(nothing changes). Needs the bearer token once one is configured.",
    status_code=201,
    dependencies=[Depends(require_token_if_configured)],
    responses={
        201: {"content": {"application/json": {"example": _DOC_EXAMPLE}}},
        200: {"description": "Already stored; nothing changed"},
        400: {"description": "Not UTF-8, empty, or a bad date"},
        413: {"description": "Body over the size limit"},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": NewDocument.model_json_schema(),
                    "example": _NEW_EXAMPLE,
                },
                "text/plain": {
                    "schema": {"type": "string"},
                    "example": "Norland accused Sudmark of sabotage.",
                },
            }
        }
    },
)
async def create_document(
    request: Request,
    response: Response,
    store: Annotated[Store, Depends(get_store)],
) -> dict[str, Any]:
    document = await _new_document(request)
    extractor = await anyio.to_thread.run_sync(get_extractor, request)
    created, body = await anyio.to_thread.run_sync(add_document, store, document, extractor)
    response.status_code = 201 if created else 200
    response.headers["Location"] = str(request.url_for("get_document", doc_id=document.id))
    return body


@router.get(
    "/documents",
    summary="List documents",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "items": [
                            {
                                "id": "kremlin-drone",
                                "title": "US denies Russian accusation …",
                                "published": "2023-05-04",
                                "url": None,
                                "statements": 12,
                            }
                        ],
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
def list_documents(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSONResponse:
    return paged(request, queries.documents(store, limit, offset))


def _checked_id(doc_id: str) -> str:
    if not valid_document_id(doc_id):
        raise NotFound(f"no document {doc_id!r}")
    return doc_id


@router.get(
    "/documents/{doc_id}",
    summary="One document with its statements and their spans",
    responses={
        200: {"content": {"application/json": {"example": _DOC_EXAMPLE}}},
        404: {"description": "No such document"},
    },
)
def get_document(doc_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    return queries.document(store, _checked_id(doc_id))


@router.delete(
    "/documents/{doc_id}",
    summary="Delete a document and everything extracted from it",
    status_code=204,
    dependencies=[Depends(require_token_if_configured)],
    responses={204: {"description": "Deleted"}, 404: {"description": "No such document"}},
)
def delete_document(doc_id: str, store: Annotated[Store, Depends(get_store)]) -> Response:
    if not store.delete_graph(document_iri(_checked_id(doc_id))):
        raise NotFound(f"no document {doc_id!r}")
    return Response(status_code=204)
