"""Settings, read once from the environment and passed to whoever needs them.

Nothing in claimgraph reads the environment but :meth:`Settings.from_env`; the CLI and
the API factory call it (or take a ``Settings`` built by a test) and inject the result.

>>> s = Settings.from_env({"CLAIMGRAPH_STORE": "memory:", "CLAIMGRAPH_QUERY_TIMEOUT": "2.5"})
>>> (s.store, s.query_timeout, s.token)
('memory:', 2.5, None)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import ConfigError

__all__ = ["DEFAULT_STORE", "Settings"]

DEFAULT_STORE = "oxigraph:data/store"


def _positive(env: Mapping[str, str], name: str, default: float, kind: type) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, not {raw!r}")
    return value


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if not raw.strip().isdigit():
        raise ConfigError(f"{name} must be a whole number >= 0, not {raw!r}")
    return int(raw)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable about a claimgraph process."""

    #: Which store: ``oxigraph:PATH`` (default), ``memory:``.
    store: str = DEFAULT_STORE
    #: Bearer token that write endpoints require; ``None`` refuses SPARQL updates.
    token: str | None = None
    #: Seconds a SPARQL query may run.
    query_timeout: float = 10.0
    #: Rows a SPARQL SELECT may return.
    max_rows: int = 100_000
    #: Largest request body the API accepts.
    max_body_bytes: int = 5_000_000
    #: Origins allowed by CORS (empty: no CORS headers).
    cors_origins: tuple[str, ...] = ()
    #: Worker processes for /sparql queries (killed at the time limit); 0 runs queries in
    #: threads, which cannot be stopped. Used only with a store that can snapshot.
    query_workers: int = 2
    #: Memory cap of each query worker, in MiB.
    query_memory_mb: int = 4096
    #: Seconds the /sparql snapshot may lag behind writes.
    snapshot_staleness: float = 1.0
    #: Requests a second each client may make (0: no limit), and the burst it may spend.
    rate_limit: float = 50.0
    rate_burst: int = 200

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Read ``CLAIMGRAPH_*`` variables from a mapping such as ``os.environ``."""
        origins = tuple(
            o.strip() for o in env.get("CLAIMGRAPH_CORS_ORIGINS", "").split(",") if o.strip()
        )
        return cls(
            store=env.get("CLAIMGRAPH_STORE") or DEFAULT_STORE,
            token=env.get("CLAIMGRAPH_TOKEN") or None,
            query_timeout=float(_positive(env, "CLAIMGRAPH_QUERY_TIMEOUT", 10.0, float)),
            max_rows=int(_positive(env, "CLAIMGRAPH_MAX_ROWS", 100_000, int)),
            max_body_bytes=int(_positive(env, "CLAIMGRAPH_MAX_BODY_BYTES", 5_000_000, int)),
            cors_origins=origins,
            query_workers=_count(env, "CLAIMGRAPH_QUERY_WORKERS", 2),
            query_memory_mb=int(_positive(env, "CLAIMGRAPH_QUERY_MEMORY_MB", 4096, int)),
            snapshot_staleness=float(_positive(env, "CLAIMGRAPH_SNAPSHOT_STALENESS", 1.0, float)),
            rate_limit=float(_count(env, "CLAIMGRAPH_RATE_LIMIT", 50)),
            rate_burst=int(_positive(env, "CLAIMGRAPH_RATE_BURST", 200, int)),
        )
