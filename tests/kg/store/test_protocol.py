"""Remote store options, retries with backoff, and errors: no server, a MockTransport."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from kg.errors import (
    ConfigError,
    QueryError,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooLarge,
    StoreError,
    StoreUnavailable,
)
from kg.namespaces import BASE
from kg.store.protocol import SparqlClient, SparqlOptions

URL = "sparql+http://127.0.0.1:28890/sparql"
ASK_TRUE = b'{"head": {}, "boolean": true}'

Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler, options: str = "", sleeps: list[float] | None = None) -> SparqlClient:
    slept = sleeps if sleeps is not None else []
    return SparqlClient(
        SparqlOptions.from_url(URL + options),
        transport=httpx.MockTransport(handler),
        sleep=slept.append,
    )


def results(body: bytes = ASK_TRUE, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, content=body, headers={"content-type": "application/sparql-results+json", **headers}
    )


# ------------------------------------------------------------------ options


def test_defaults() -> None:
    o = SparqlOptions.from_url(URL)
    assert o.query_url == o.update_url == "http://127.0.0.1:28890/sparql"
    assert (o.gsp_url, o.user, o.auth, o.timeout, o.retries, o.backoff, o.batch, o.union) == (
        None,
        None,
        "basic",
        30.0,
        3,
        0.5,
        1000,
        None,
    )
    assert o.graphs == BASE


def test_every_option() -> None:
    o = SparqlOptions.from_url(
        "sparql+https://db.example.org:8443/ds/query?update=https://w.example.org/ds/update"
        "&gsp=/ds/data&user=u&password=p%26w&auth=DIGEST&token=t&timeout=2.5&retries=0"
        "&backoff=0&batch=7&graphs=&union=urn:x-arq:UnionGraph"
    )
    assert o.query_url == "https://db.example.org:8443/ds/query"
    assert o.update_url == "https://w.example.org/ds/update"
    assert o.gsp_url == "https://db.example.org:8443/ds/data"
    assert (o.user, o.password, o.auth, o.token) == ("u", "p&w", "digest", "t")
    assert (o.timeout, o.retries, o.backoff, o.batch) == (2.5, 0, 0.0, 7)
    assert (o.graphs, o.union) == ("", "urn:x-arq:UnionGraph")
    assert "p%26w" not in o.redacted() and "token=***" in o.redacted()


def test_credentials_in_the_authority() -> None:
    o = SparqlOptions.from_url("sparql+http://dba:s%40cret@[::1]:8890/sparql")
    assert (o.user, o.password, o.query_url) == ("dba", "s@cret", "http://[::1]:8890/sparql")
    assert o.redacted() == "sparql+http://dba:***@[::1]:8890/sparql"


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("sparql+ftp://h/sparql", "not a SPARQL store URL"),
        ("sparql+http:///sparql", "not a SPARQL store URL"),
        (URL + "?updates=/x", "unknown store option 'updates'"),
        (URL + "?timeout=soon", "timeout must be a number"),
        (URL + "?batch=0", "batch must be at least 1"),
        (URL + "?retries=-1", "retries must be at least 0"),
        (URL + "?auth=ntlm", "basic or digest"),
    ],
)
def test_bad_options_are_config_errors(url: str, match: str) -> None:
    with pytest.raises(ConfigError, match=match):
        SparqlOptions.from_url(url)


# ------------------------------------------------------------------ requests


def test_a_query_is_a_form_post_with_the_accept_header() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return results()

    r = client(handler).query(
        "ASK {}", "application/sparql-results+json", [("default-graph-uri", "urn:g")]
    )
    assert r.content == ASK_TRUE
    [req] = seen
    assert req.method == "POST" and req.url == "http://127.0.0.1:28890/sparql"
    assert req.headers["accept"] == "application/sparql-results+json"
    assert req.headers["content-type"] == "application/x-www-form-urlencoded"
    assert req.content == b"query=ASK+%7B%7D&default-graph-uri=urn%3Ag"


def test_basic_credentials_and_bearer_token() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    client(handler, "?update=/update&user=u&password=p").update("CLEAR ALL")
    client(handler, "?token=abc").update("CLEAR ALL")
    assert seen[0].url.path == "/update" and seen[0].headers["authorization"] == "Basic dTpw"
    assert seen[0].content == b"update=CLEAR+ALL"
    assert seen[1].headers["authorization"] == "Bearer abc"


def test_digest_credentials_answer_the_challenge() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if "authorization" not in request.headers:
            challenge = 'Digest realm="SPARQL", nonce="abc123", qop="auth", opaque="xyz"'
            return httpx.Response(401, headers={"www-authenticate": challenge})
        return httpx.Response(200)

    client(handler, "?update=/sparql-auth&user=dba&password=dba&auth=digest").update("CLEAR ALL")
    assert len(seen) == 2
    auth = seen[1].headers["authorization"]
    assert auth.startswith('Digest username="dba", realm="SPARQL"') and 'uri="/sparql-auth"' in auth
    assert seen[1].content == b"update=CLEAR+ALL"


def test_graph_store_protocol_put_and_post() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201)

    c = client(handler, "?gsp=/sparql-graph-crud-auth")
    c.put_graph("urn:g", b"<urn:a> <urn:b> <urn:c> .\n")
    c.put_graph("urn:g", b"<urn:a> <urn:b> <urn:d> .\n", append=True)
    assert [(r.method, r.url.path, r.url.params["graph"]) for r in seen] == [
        ("PUT", "/sparql-graph-crud-auth", "urn:g"),
        ("POST", "/sparql-graph-crud-auth", "urn:g"),
    ]
    assert seen[0].headers["content-type"] == "application/n-triples"
    with pytest.raises(ConfigError, match="gsp"):
        client(handler).put_graph("urn:g", b"")


# ------------------------------------------------------------------ retries


def test_transient_answers_are_retried_with_exponential_backoff() -> None:
    answers = [503, 502, 200]
    sleeps: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        return results(status=answers.pop(0))

    assert client(handler, sleeps=sleeps).query("ASK {}", "*/*").status_code == 200
    assert sleeps == [0.5, 1.0] and answers == []


def test_retries_give_up_with_store_unavailable() -> None:
    calls: list[int] = []
    sleeps: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(504)

    with pytest.raises(StoreUnavailable, match=r"HTTP 504 after 4 attempts"):
        client(handler, "?backoff=0.1", sleeps).query("ASK {}", "*/*")
    assert len(calls) == 4 and sleeps == [0.1, 0.2, 0.4]


def test_a_refused_connection_is_retried_then_unavailable() -> None:
    calls: list[int] = []
    sleeps: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ConnectError("Connection refused", request=request)

    with pytest.raises(StoreUnavailable, match="cannot be reached after 3 attempts"):
        client(handler, "?retries=2", sleeps).update("CLEAR ALL")
    assert len(calls) == 3 and sleeps == [0.5, 1.0]


def _drops_first(n: int, answer: httpx.Response, calls: list[str]) -> Handler:
    """A server that resets the first ``n`` connections mid-request, then answers."""

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        if len(calls) <= n:
            raise httpx.ReadError("[Errno 104] Connection reset by peer", request=request)
        return answer

    return handler


def test_a_dropped_connection_is_retried_where_sending_again_changes_nothing() -> None:
    calls: list[str] = []
    sleeps: list[float] = []
    c = client(_drops_first(1, results(), calls), sleeps=sleeps)
    assert c.query("ASK {}", "*/*").status_code == 200
    assert calls == ["POST", "POST"] and sleeps == [0.5]

    calls.clear()
    c = client(_drops_first(2, httpx.Response(201), calls), "?gsp=/sparql-graph-crud-auth")
    c.put_graph("urn:claimgraph:staging:x", b"<urn:a> <urn:b> <urn:c> .\n")
    c.put_graph("urn:claimgraph:staging:x", b"<urn:a> <urn:b> <urn:d> .\n", append=True)
    assert calls == ["PUT", "PUT", "PUT", "POST"]

    calls.clear()
    c = client(_drops_first(9, results(), calls), "?retries=2")
    with pytest.raises(StoreUnavailable, match="Connection reset"):
        c.query("ASK {}", "*/*")
    assert len(calls) == 3


def test_a_dropped_connection_is_not_retried_for_an_update() -> None:
    # The server may have applied it before the connection dropped: a MOVE sent again
    # would find its source gone.
    calls: list[str] = []
    c = client(_drops_first(1, httpx.Response(200), calls))
    with pytest.raises(StoreUnavailable, match="Connection reset"):
        c.update("MOVE <urn:claimgraph:staging:x> TO <urn:g>")
    assert calls == ["POST"]


def test_retry_after_is_honoured_up_to_a_limit() -> None:
    answers = [
        httpx.Response(503, headers={"retry-after": "4"}),
        httpx.Response(503, headers={"retry-after": "3600"}),
        results(),
    ]
    sleeps: list[float] = []
    client(lambda r: answers.pop(0), sleeps=sleeps).query("ASK {}", "*/*")
    assert sleeps == [4.0, 30.0]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 500])
def test_other_errors_are_not_retried(status: int) -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(status, text="nope")

    with pytest.raises((QuerySyntaxError, StoreError)):
        client(handler).query("ASK {}", "*/*")
    assert len(calls) == 1


# ------------------------------------------------------------------ errors


def test_a_parse_error_is_a_syntax_error_without_the_echoed_query() -> None:
    body = (
        "Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error at 'SELEC' "
        "before '?x'\n\nSPARQL query:\ndefine sql:big-data-const 0 SELEC ?x WHERE {}"
    )
    with pytest.raises(QuerySyntaxError) as info:
        client(lambda r: httpx.Response(400, text=body)).query("SELEC ?x WHERE {}", "*/*")
    assert str(info.value).endswith("syntax error at 'SELEC' before '?x'")


def test_virtuoso_reports_some_syntax_errors_as_500() -> None:
    body = "Virtuoso 37000 Error SP031: SPARQL: Variable 'x' is used outside aggregate"
    with pytest.raises(QuerySyntaxError, match="outside aggregate"):
        client(lambda r: httpx.Response(500, text=body)).query("SELECT ?x (COUNT(*) AS ?n) {}", "")


def test_html_error_pages_are_reduced_to_text() -> None:
    page = (
        "<html><head><title>Error</title></head><body><h1>HTTP/1.1 500 Request Failed</h1>"
        "<xmp>Disk full</xmp></body></html>"
    )
    message = r"failed the update \(HTTP 500\): HTTP/1.1 500 Request Failed Disk full$"
    with pytest.raises(StoreError, match=message):
        client(lambda r: httpx.Response(500, text=page)).update("CLEAR ALL")


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_say_what_to_set(status: int) -> None:
    with pytest.raises(StoreUnavailable, match="user and password"):
        client(lambda r: httpx.Response(status), "?user=dba&password=x").update("CLEAR ALL")
    with pytest.raises(StoreUnavailable, match="set the store options update, user and password"):
        client(lambda r: httpx.Response(status)).update("CLEAR ALL")


def test_virtuoso_permission_error_is_about_credentials() -> None:
    body = (
        "Virtuoso 42000 Error SR186:SECURITY: No permission to execute procedure "
        "DB.DBA.SPARQL_INSERT_DICT_CONTENT with user ID 107, group ID 107"
    )
    with pytest.raises(StoreUnavailable, match="refused the update"):
        client(lambda r: httpx.Response(500, text=body)).update("INSERT DATA {}")


def test_a_missing_endpoint() -> None:
    with pytest.raises(
        StoreUnavailable, match=r"no SPARQL endpoint at http://127\.0\.0\.1:28890/sparql"
    ):
        client(lambda r: httpx.Response(404)).query("ASK {}", "*/*")


def test_timeouts() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(QueryTimeout, match=r"longer than 2 s"):
        client(slow, "?timeout=2").query("ASK {}", "*/*")
    with pytest.raises(StoreUnavailable, match="may or may not have been applied"):
        client(slow).update("CLEAR ALL")


def test_virtuoso_partial_answers_at_its_time_limit_are_timeouts() -> None:
    partial = results(
        b'{"head": {"vars": []}, "results": {"bindings": []}}',
        **{"x-sql-state": "S1TAT", "x-sql-message": "RC...: Returning incomplete results"},
    )
    with pytest.raises(QueryTimeout, match="time limit"):
        client(lambda r: partial).query("SELECT * {}", "*/*")


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            "Virtuoso 22023 Error SR353: Sorted TOP clause specifies more then 42824150 rows "
            "to sort. Only 10000 are allowed.",
            QueryTooLarge,
        ),
        ("Virtuoso 22023 Error SR351: SKIP parameter < 0", QueryTooLarge),
        ("Virtuoso 22012 Error SR084: Division by 0.", QueryError),
        ("Virtuoso S1T00 Error SR171: Transaction timed out", QueryTimeout),
        (
            "Virtuoso 37000 Error SQ200: Query too large, variables in state over the limit",
            StoreError,
        ),
    ],
)
def test_virtuoso_errors_by_their_codes(body: str, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        client(lambda r: httpx.Response(500, text=body)).query("SELECT * {} OFFSET 9", "")
    assert type(info.value) is error
