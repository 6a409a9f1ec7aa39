"""The HTTP side of a remote store: its options, and one client with retries and errors.

A remote store is named by one URL, the setting ``CLAIMGRAPH_STORE``::

    sparql+http://HOST:PORT/PATH?OPTION=VALUE&...      (or sparql+https://)

``HOST:PORT/PATH`` is the SPARQL query endpoint. Options (all optional):

=========== ============================================================================
update      update endpoint, a path on the same server or a full URL (default: the
            query endpoint). Virtuoso: ``/sparql-auth``
gsp         Graph Store Protocol endpoint; when given, graphs are uploaded with it
            (much faster than INSERT DATA on Virtuoso). Virtuoso: ``/sparql-graph-crud-auth``
user        user name; also ``sparql+http://USER:PASSWORD@HOST...``
password    password
auth        ``basic`` (default) or ``digest`` (Virtuoso's ``/sparql-auth`` needs digest)
token       bearer token, sent as ``Authorization: Bearer`` (QLever's access token)
timeout     seconds to wait for an answer (default 30); a query that takes longer is a
            QueryTimeout
retries     attempts after the first on a refused connection or HTTP 502/503/504
            (default 3), waiting ``backoff`` seconds, doubled each time (default 0.5)
batch       most triples sent in one write request (default 1000: Virtuoso rejects an
            INSERT DATA of much more than ~1500 triples; with ``gsp``, 10000 is fine)
graphs      the prefix of the graph names this store owns (default the claimgraph base
            IRI); len(), graphs(), dump() and clear() see only those graphs
union       a graph name the server reads as the union of all graphs, sent as
            ``default-graph-uri`` with each query (Fuseki: ``urn:x-arq:UnionGraph``);
            leave it out for servers whose default graph already is the union
=========== ============================================================================

>>> o = SparqlOptions.from_url("sparql+http://127.0.0.1:28890/sparql?update=/sparql-auth"
...                            "&user=dba&password=dba&auth=digest&batch=5000")
>>> o.query_url, o.update_url, o.batch, o.auth
('http://127.0.0.1:28890/sparql', 'http://127.0.0.1:28890/sparql-auth', 5000, 'digest')
>>> o.redacted()
'sparql+http://127.0.0.1:28890/sparql?update=/sparql-auth&user=dba&password=***&auth=digest&batch=5000'
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

import httpx

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

__all__ = ["SparqlClient", "SparqlOptions", "body_stream"]

_RETRY_STATUS = frozenset({502, 503, 504})
_VIRTUOSO_ERROR = re.compile(r"Virtuoso (\w{5}) Error (\w+)")
_MAX_RETRY_AFTER = 30.0
_OPTIONS = {
    "update",
    "gsp",
    "user",
    "password",
    "auth",
    "token",
    "timeout",
    "retries",
    "backoff",
    "batch",
    "graphs",
    "union",
}


def _number(
    options: Mapping[str, str], name: str, default: float, kind: type, minimum: float
) -> Any:
    raw = options.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"store option {name} must be a number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"store option {name} must be at least {minimum}, not {raw!r}")
    return value


@dataclass(frozen=True, slots=True)
class SparqlOptions:
    """Where a remote store is and how to talk to it, read from its URL."""

    url: str
    query_url: str
    update_url: str
    gsp_url: str | None = None
    user: str | None = None
    password: str | None = None
    auth: str = "basic"
    token: str | None = None
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5
    batch: int = 1000
    graphs: str = BASE
    union: str | None = None

    @classmethod
    def from_url(cls, url: str) -> SparqlOptions:
        scheme, sep, rest = url.partition("+")
        parts = urlsplit(rest)
        if (
            scheme != "sparql"
            or not sep
            or parts.scheme not in ("http", "https")
            or not parts.hostname
        ):
            raise ConfigError(
                f"not a SPARQL store URL: {url!r} (expected sparql+http://HOST:PORT/PATH)"
            )
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        options = dict(pairs)
        unknown = sorted(set(options) - _OPTIONS)
        if unknown:
            raise ConfigError(
                f"unknown store option {unknown[0]!r}; known: {', '.join(sorted(_OPTIONS))}"
            )
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        query_url = urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))
        auth = options.get("auth", "basic").lower()
        if auth not in ("basic", "digest"):
            raise ConfigError(f"store option auth must be basic or digest, not {auth!r}")
        user = options.get("user") or (unquote(parts.username) if parts.username else None)
        password = options.get("password")
        if password is None and parts.password is not None:
            password = unquote(parts.password)
        return cls(
            url=url,
            query_url=query_url,
            update_url=urljoin(query_url, options["update"])
            if options.get("update")
            else query_url,
            gsp_url=urljoin(query_url, options["gsp"]) if options.get("gsp") else None,
            user=user,
            password=password,
            auth=auth,
            token=options.get("token") or None,
            timeout=float(_number(options, "timeout", 30.0, float, 0.001)),
            retries=int(_number(options, "retries", 3, int, 0)),
            backoff=float(_number(options, "backoff", 0.5, float, 0)),
            batch=int(_number(options, "batch", 1000, int, 1)),
            graphs=options.get("graphs", BASE),
            union=options.get("union") or None,
        )

    def redacted(self) -> str:
        """The URL with its password and token replaced by ``***``, for messages."""
        scheme, _, rest = self.url.partition("+")
        parts = urlsplit(rest)
        netloc = parts.netloc
        if parts.password is not None:
            netloc = netloc.replace(f":{parts.password}@", ":***@", 1)
        pairs = [
            (k, "***" if k in ("password", "token") else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
        query = urlencode(pairs, safe="/:*", quote_via=quote)
        return f"{scheme}+" + urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _server_message(response: httpx.Response) -> str:
    """The gist of an error body: no HTML, no echo of the query, one short paragraph."""
    try:
        text = response.text
    except (httpx.HTTPError, UnicodeDecodeError):
        return ""
    text = text.split("\n\nSPARQL query:", 1)[0]  # Virtuoso repeats the query
    text = re.sub(r"<(script|style|title)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text[:400]


class _BodyReader(io.RawIOBase):
    """A streamed HTTP body as a raw binary file."""

    def __init__(self, response: httpx.Response) -> None:
        self._chunks = response.iter_bytes()
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def body_stream(response: httpx.Response) -> io.BufferedReader:
    """A streamed HTTP body as a binary file, for pyoxigraph's parsers."""
    return io.BufferedReader(_BodyReader(response), 1 << 16)


class SparqlClient:
    """Sends SPARQL Protocol and Graph Store Protocol requests, retrying what is transient.

    Connection failures and HTTP 502/503/504 are retried ``options.retries`` times with
    exponential backoff (honouring a short ``Retry-After``); other answers are mapped to
    :mod:`kg.errors` at once. ``transport`` and ``sleep`` are for tests.
    """

    def __init__(
        self,
        options: SparqlOptions,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options
        self._sleep = sleep
        auth: httpx.Auth | None = None
        if options.user is not None:
            password = options.password or ""
            auth = (
                httpx.DigestAuth(options.user, password)
                if options.auth == "digest"
                else httpx.BasicAuth(options.user, password)
            )
        headers = {"User-Agent": "claimgraph"}
        if options.token:
            headers["Authorization"] = f"Bearer {options.token}"
        timeout = httpx.Timeout(options.timeout, connect=min(options.timeout, 10.0))
        self._client = httpx.Client(
            auth=auth, headers=headers, timeout=timeout, transport=transport, follow_redirects=True
        )

    def close(self) -> None:
        self._client.close()

    # ------------------------------------------------------------------ requests

    def query(
        self,
        text: str,
        accept: str,
        params: list[tuple[str, str]] | None = None,
        *,
        stream: bool = False,
    ) -> httpx.Response:
        """POST a query (form-encoded); with ``stream`` the caller must close the answer."""
        data = [("query", text), *(params or [])]
        return self._send(
            "query",
            "POST",
            self.options.query_url,
            stream=stream,
            idempotent=True,
            content=urlencode(data).encode(),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )

    def update(self, text: str) -> None:
        data = urlencode([("update", text)]).encode()
        self._send(
            "update",
            "POST",
            self.options.update_url,
            content=data,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ).close()

    def put_graph(self, graph: str, body: bytes, *, append: bool = False) -> None:
        """Replace (PUT) or add to (POST) one graph with N-Triples, by the Graph Store Protocol.

        Sent again when the connection drops mid-request: a graph is a set, so the same
        triples put or added twice leave it as once.
        """
        if self.options.gsp_url is None:
            raise ConfigError("this store has no Graph Store Protocol endpoint (option gsp)")
        self._send(
            "update",
            "POST" if append else "PUT",
            self.options.gsp_url,
            idempotent=True,
            params={"graph": graph},
            content=body,
            headers={"Content-Type": "application/n-triples"},
        ).close()

    # ------------------------------------------------------------------ machinery

    def _send(
        self,
        what: str,
        method: str,
        url: str,
        *,
        stream: bool = False,
        idempotent: bool = False,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send a request, retrying refused connections and transient statuses; a
        connection dropped mid-request (reset by the server) only when sending the
        request again cannot change the outcome (``idempotent``: queries and Graph Store
        uploads, not SPARQL updates, which may have been applied)."""
        attempt = 0
        while True:
            response = None
            try:
                request = self._client.build_request(method, url, **kwargs)
                response = self._client.send(request, stream=stream)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError) as exc:
                if attempt >= self.options.retries:
                    raise StoreUnavailable(
                        f"SPARQL server {self._where(url)} cannot be reached after "
                        f"{attempt + 1} attempts: {exc}"
                    ) from None
            except httpx.TimeoutException:
                if what == "query":
                    raise QueryTimeout(
                        f"the query ran longer than {self.options.timeout:g} s "
                        "(store option timeout)"
                    ) from None
                raise StoreUnavailable(
                    f"SPARQL server {self._where(url)} did not answer an update within "
                    f"{self.options.timeout:g} s; it may or may not have been applied"
                ) from None
            except (httpx.ReadError, httpx.WriteError) as exc:
                if not idempotent or attempt >= self.options.retries:
                    raise StoreUnavailable(f"SPARQL server {self._where(url)}: {exc}") from None
            except httpx.HTTPError as exc:
                raise StoreUnavailable(f"SPARQL server {self._where(url)}: {exc}") from None
            else:
                status = response.status_code
                if status not in _RETRY_STATUS or attempt >= self.options.retries:
                    if status >= 400 or response.headers.get("x-sql-state") == "S1TAT":
                        self._raise_for(response, what, url, attempt)
                    return response
                response.close()
            self._sleep(self._delay(attempt, response))
            attempt += 1

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        delay = self.options.backoff * (2**attempt)
        retry_after = response.headers.get("retry-after") if response is not None else None
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, min(float(retry_after), _MAX_RETRY_AFTER))
        return delay

    def _where(self, url: str) -> str:
        parts = urlsplit(url)
        return (
            f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"
        )

    def _raise_for(self, response: httpx.Response, what: str, url: str, attempt: int) -> None:
        if response.is_stream_consumed is False:
            response.read()
        response.close()
        status = response.status_code
        message = _server_message(response)
        where = self._where(url)
        # Virtuoso names its errors: "Virtuoso <SQLSTATE> Error <code>: ...".
        m = _VIRTUOSO_ERROR.search(message)
        state, code = m.groups() if m else ("", "")
        if response.headers.get("x-sql-state") == "S1TAT" or state == "S1T00":
            # Virtuoso's "anytime" answer (partial results) or its transaction timeout.
            raise QueryTimeout(f"{where} stopped the {what} at its time limit: {message}")
        if code in ("SR351", "SR353"):
            # OFFSET past Virtuoso's integers, or past MaxSortedTopRows rows under ORDER BY.
            raise QueryTooLarge(f"{where} will not page that far; use a smaller offset: {message}")
        if status == 400 or (state == "37000" and code not in ("SQ156", "SQ200")):
            raise QuerySyntaxError(message or f"{where} rejected the {what} (HTTP {status})")
        if status in (401, 403) or "SECURITY" in message:
            hint = (
                "check the store options user and password (and auth=digest for "
                "Virtuoso's /sparql-auth)"
            )
            if what == "update" and self.options.user is None:
                hint = (
                    "this server wants credentials for updates: set the store options "
                    "update, user and password"
                )
            raise StoreUnavailable(f"{where} refused the {what} (HTTP {status}): {hint}")
        if state.startswith("22"):
            # A data exception (division by zero, a bad argument): the request's fault.
            raise QueryError(f"{where} could not run the {what}: {message}")
        if status == 404:
            raise StoreUnavailable(f"no SPARQL endpoint at {where} (HTTP 404)")
        if status in _RETRY_STATUS:
            raise StoreUnavailable(
                f"{where} is unavailable (HTTP {status} after {attempt + 1} attempts)"
            )
        raise StoreError(f"{where} failed the {what} (HTTP {status}): {message}")
