"""The app factory: ``create_app(settings)`` opens the store in the lifespan and wires
the routes and error handlers. No module-level app, no global settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.routes import health, statements
from kg.settings import Settings
from kg.store import Store, open_store

__all__ = ["create_app"]

DESCRIPTION = """
claimgraph reads news and keeps a graph of who **accused** whom, who **denied** it, and
who **claimed** what, with the exact words and character offsets behind every edge.
"""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the API for ``settings`` (default: from the environment).

    The store named by ``settings.store`` is opened when the app starts and closed when
    it stops; a ``store`` passed in is used as it is and left open (tests, embedding).
    """
    if settings is None:
        import os

        settings = Settings.from_env(os.environ)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            app.state.store = store
            yield
            return
        opened = open_store(settings.store)
        app.state.store = opened
        try:
            yield
        finally:
            opened.close()

    app = FastAPI(title="claimgraph", version="0.1.0", description=DESCRIPTION,
                  lifespan=lifespan)
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(statements.router)
    return app
