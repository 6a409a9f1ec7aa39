"""The app factory: ``create_app(settings)`` opens the store in the lifespan and wires
the routes and error handlers. No module-level app, no global settings."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.errors import install_error_handlers
from api.limits import BodySizeLimit, RateLimit
from api.routes import documents, entities, explorer, exports, health, sparql, statements
from kg.layout import LayoutCache
from kg.sandbox import QuerySandbox
from kg.settings import Settings
from kg.store import Store, open_store

__all__ = ["create_app"]

DESCRIPTION = """
claimgraph reads news and keeps a graph of who **accused** whom, who **denied** it, and
who **claimed** what, with the exact words and character offsets behind every edge.
The web explorer is at [`/`](/).
"""


def create_app(
    settings: Settings | None = None, store: Store | None = None, extractor: Any = None
) -> FastAPI:
    """Build the API for ``settings`` (default: from the environment).

    The store named by ``settings.store`` is opened when the app starts and closed when
    it stops; a ``store`` passed in is used as it is and left open (tests, embedding). The
    extractor is built on the first ``POST /documents`` unless one is passed in.
    """
    if settings is None:
        import os

        settings = Settings.from_env(os.environ)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with contextlib.ExitStack() as stack:
            if store is not None:
                app.state.store = store
            else:
                app.state.store = stack.enter_context(open_store(settings.store))
            app.state.sandbox = None
            if settings.query_workers > 0 and app.state.store.can_snapshot:
                sandbox = QuerySandbox(
                    app.state.store,
                    workers=settings.query_workers,
                    max_staleness=settings.snapshot_staleness,
                    max_memory_mb=settings.query_memory_mb,
                )
                stack.callback(sandbox.close)
                app.state.sandbox = sandbox
            yield

    app = FastAPI(title="claimgraph", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    # An injected store is usable even by clients that do not run the lifespan.
    app.state.store = store
    app.state.sandbox = None
    app.state.extractor = extractor
    app.state.extractor_lock = threading.Lock()
    app.state.layout_cache = LayoutCache()
    install_error_handlers(app)
    for module in (health, statements, entities, documents, sparql, exports, explorer):
        app.include_router(module.router)
    explorer.mount_static(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.rate_limit > 0:
        app.add_middleware(RateLimit, rate=settings.rate_limit, burst=settings.rate_burst)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    return app
