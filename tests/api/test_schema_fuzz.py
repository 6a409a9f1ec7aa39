"""Hostile input generated from the OpenAPI schema (schemathesis): never a server error.

Every operation of the schema gets examples generated from its parameters and bodies
(derandomised, so runs are repeatable), sent to a fresh app on every store backend.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from api import create_app
from kg.rdf import document_iri, extraction_quads
from kg.settings import Settings
from tests.factories import dam_article

BEARER = {"authorization": "Bearer s3cret"}

# The SPARQL bodies are plain text, like text/plain.
schemathesis.serializer.alias("application/sparql-query", "text/plain")
schemathesis.serializer.alias("application/sparql-update", "text/plain")


def test_no_operation_gives_a_server_error(store, extractor) -> None:
    x = dam_article()
    store.write_graphs([(document_iri(x.document.id), extraction_quads(x))])
    app = create_app(
        Settings(store=store.url, token="s3cret", rate_limit=0, max_body_bytes=50_000),
        store=store,
        extractor=extractor,
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(checks=[not_a_server_error], headers=BEARER)

        check()
