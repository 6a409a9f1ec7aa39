"""Untrusted SPARQL in worker processes that can be killed.

pyoxigraph cannot cancel a running query from Python (oxigraph issue 1926), so a query
that would run for hours cannot be stopped in a thread. Here each query runs in a worker
process on a *snapshot* of the store (a RocksDB checkpoint: hard links, milliseconds),
opened read-only. When a query passes its time limit the worker is killed, its memory and
CPU come back at once, and a fresh worker takes its place. Other queries keep being
answered by the other workers meanwhile; the writer is never touched.

Snapshots are refreshed when the store has changed, at most every ``max_staleness``
seconds, so reads lag writes by at most that much. Each worker also has a memory cap.

Only stores with ``can_snapshot`` (the embedded on-disk store) can be sandboxed; for
others the API runs queries in a thread with the deadline checked between results.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import queue
import shutil
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg import errors
from kg.errors import ClaimGraphError, QueryTimeout, StoreUnavailable
from kg.store.base import Store

__all__ = ["QuerySandbox", "SandboxResult"]


@dataclass(frozen=True, slots=True)
class SandboxResult:
    """A query's results: ``kind`` is select / ask / graph; ``body`` is SPARQL JSON
    results (select, ask) or N-Triples (graph)."""

    kind: str
    body: bytes


# ------------------------------------------------------------------ the worker process


def _limit_memory(max_bytes: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform without limits
        pass


def _worker_main(conn: Connection, max_memory: int) -> None:
    """Answer requests until the pipe closes: open snapshots read-only, run, serialise."""
    import pyoxigraph as ox

    from kg.sparql import execute, serialize_outcome
    from kg.store.oxigraph import OxigraphStore

    _limit_memory(max_memory)
    opened: tuple[str, Any] | None = None
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            path = request["snapshot"]
            if opened is None or opened[0] != path:
                opened = None  # release the old snapshot before opening the new one
                opened = (path, OxigraphStore(path, url=f"snapshot:{path}", read_only=True))
            outcome = execute(
                opened[1],
                request["query"],
                max_rows=request["max_rows"],
                timeout=request["timeout"],
                default_graphs=[ox.NamedNode(g) for g in request["default_graphs"]] or None,
                named_graphs=[ox.NamedNode(g) for g in request["named_graphs"]] or None,
            )
            media = (
                "application/n-triples"
                if outcome.kind == "graph"
                else ("application/sparql-results+json")
            )
            conn.send(("ok", outcome.kind, serialize_outcome(outcome, media)))
        except ClaimGraphError as exc:
            conn.send(("error", type(exc).__name__, str(exc)))
        except MemoryError:
            conn.send(("error", "QueryTooLarge", "the query needed more memory than allowed"))
        except Exception as exc:  # reported to the parent; the worker lives on
            conn.send(("error", "QueryError", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx: Any, max_memory: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, max_memory), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        self.process.join(5)
        self.conn.close()


# ------------------------------------------------------------------ the pool


class QuerySandbox:
    """A pool of killable query workers over snapshots of one store."""

    def __init__(
        self,
        store: Store,
        workers: int = 2,
        max_staleness: float = 1.0,
        max_memory_mb: int = 4096,
        snapshot_dir: str | Path | None = None,
    ) -> None:
        if not store.can_snapshot:
            raise StoreUnavailable(f"store {store.url} cannot be sandboxed (no snapshots)")
        self.store = store
        self.size = max(1, workers)
        self.max_staleness = max_staleness
        self.max_memory = max_memory_mb << 20
        base = (
            Path(snapshot_dir)
            if snapshot_dir
            else Path(str(getattr(store, "path", "")) + ".snapshots")
        )
        shutil.rmtree(base, ignore_errors=True)  # leftovers of a crashed run
        base.mkdir(parents=True)
        self.base = base
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._counter = itertools.count()
        self._snapshot: tuple[int, float, str] | None = None  # generation, made at, path
        self._users: dict[str, int] = {}
        self._closed = False
        for _ in range(self.size):
            self._spawn()

    # -- snapshots

    def _current_snapshot(self) -> str:
        with self._lock:
            now = time.monotonic()
            snap = self._snapshot
            stale = snap is None or (
                snap[0] != self.store.generation and now - snap[1] >= self.max_staleness
            )
            if stale:
                path = str(self.base / f"snap-{next(self._counter)}")
                generation = self.store.generation
                self.store.snapshot(path)
                self._snapshot = (generation, now, path)
                self._sweep()
            assert self._snapshot is not None
            path = self._snapshot[2]
            self._users[path] = self._users.get(path, 0) + 1
            return path

    def _release(self, path: str) -> None:
        with self._lock:
            self._users[path] -= 1
            self._sweep()

    def _sweep(self) -> None:
        current = self._snapshot[2] if self._snapshot else None
        for path, users in list(self._users.items()):
            if users == 0 and path != current:
                del self._users[path]
                shutil.rmtree(path, ignore_errors=True)

    # -- queries

    def run(
        self,
        query: str,
        *,
        timeout: float,
        max_rows: int,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> SandboxResult:
        """Run ``query``; kill its worker and raise QueryTimeout after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"every query worker stayed busy for {timeout:g} s; try again later"
            ) from None
        path = self._current_snapshot()
        try:
            worker.conn.send(
                {
                    "snapshot": path,
                    "query": query,
                    "max_rows": max_rows,
                    "timeout": timeout,
                    "default_graphs": default_graphs or [],
                    "named_graphs": named_graphs or [],
                }
            )
            remaining = max(0.0, deadline - time.monotonic())
            if not worker.conn.poll(remaining):
                self._replace(worker)
                worker = None  # type: ignore[assignment]
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                self._replace(worker)
                worker = None  # type: ignore[assignment]
            raise StoreUnavailable("the query worker died (out of memory?)") from None
        finally:
            if worker is not None:
                self._idle.put(worker)
            self._release(path)
        if reply[0] == "ok":
            return SandboxResult(reply[1], reply[2])
        cls = getattr(errors, reply[1], None)
        if not (isinstance(cls, type) and issubclass(cls, ClaimGraphError)):
            cls = errors.QueryError
        raise cls(reply[2])

    def _spawn(self) -> None:
        worker = _Worker(self._ctx, self.max_memory)
        self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self._all.discard(worker)
        if not self._closed:
            self._spawn()

    def close(self) -> None:
        """Stop every worker, busy or idle, and remove the snapshots."""
        self._closed = True
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        shutil.rmtree(self.base, ignore_errors=True)

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and monitoring)."""
        return sorted(w.process.pid for w in self._all if w.process.pid)
