"""The embedded backends on pyoxigraph: ``oxigraph:PATH`` on disk, ``memory:`` in RAM."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import QueryError, QuerySyntaxError, StoreError, StoreLocked, StoreUnavailable
from kg.store.base import Bindings, GraphBatch, QueryResult, Store
from kg.store.rewrite import inject_values, values_reach_everywhere

__all__ = ["FLUSH_EVERY", "OxigraphStore", "open_memory", "open_path"]

#: Quads written between two flushes of the on-disk store's memtables.
FLUSH_EVERY = 200_000


def _storage_error(exc: OSError, where: str) -> StoreError:
    message = str(exc)
    if "lock" in message.lower():
        return StoreLocked(f"store {where} is in use by another process")
    return StoreUnavailable(f"store {where}: {message.splitlines()[0] if message else exc!r}")


class OxigraphStore(Store):
    """A pyoxigraph ``Store``, in memory or in a folder (RocksDB, transactional)."""

    # RocksDB lets one process open a folder for writing, and a memory store is private.
    sole_writer = True

    def __init__(
        self, path: str | Path | None = None, url: str = "memory:", read_only: bool = False
    ) -> None:
        self.url = url
        self.persistent = path is not None
        self.can_snapshot = path is not None and not read_only
        self.generation = 0
        self._generation_lock = threading.Lock()
        self._written_since_flush = 0
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                # Only for folders no process writes to, such as snapshots.
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise _storage_error(exc, str(path)) from None

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Move :attr:`generation` once a write has ended (failed or not), so that a
        lookup worked out before the write is seen to be stale. Under a lock: two
        writes at once must not lose a step, which could take it back to a value a
        lookup was worked out at."""
        try:
            yield
        finally:
            with self._generation_lock:
                self.generation += 1

    def write_graphs(self, batch: GraphBatch) -> None:
        if not batch:
            return
        with self._writing():
            self._write_graphs(batch)

    def _write_graphs(self, batch: GraphBatch) -> None:
        self._written_since_flush += sum(len(quads) for _, quads in batch)
        if self.persistent and self._written_since_flush >= FLUSH_EVERY:
            # RocksDB keeps writes in memtables until they are flushed; oxigraph's are
            # large, so a long ingest grew by ~0.6 MB per 1,000 quads (2 GB at 3M quads).
            # Flushing now and then keeps it flat (~300 MB), at no cost in speed.
            self._written_since_flush = 0
            self._store.flush()
        existing = [g for g, _ in batch if self.has_graph(g)]
        try:
            if not existing:
                # One transaction: all graphs of the batch or none of them.
                self._store.extend(q for _, quads in batch for q in quads)
                return
            # Replacing graphs: drop and insert in one atomic SPARQL update.
            parts = [f"DROP SILENT GRAPH {g} ;" for g in existing]
            for graph, quads in batch:
                body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
                parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }} ;")
            self._store.update("\n".join(parts).rstrip(" ;"))
        except OSError as exc:
            raise _storage_error(exc, self.url) from None

    def bulk_write_graphs(self, batches: Iterable[GraphBatch]) -> None:
        """Stream new graphs into the store with pyoxigraph's bulk loader.

        Several times faster than :meth:`write_graphs` for loading many documents, and
        compacts the files at the end (:meth:`optimize`), but not transactional: after a
        crash a graph may be partly written (ingest again with ``replace``). Graphs the
        store already holds, or that come twice, are written afterwards through
        :meth:`write_graphs`, so they are replaced whole.
        """
        later: list[tuple[ox.NamedNode, Sequence[ox.Quad]]] = []
        seen: set[ox.NamedNode] = set()

        def fresh() -> Iterator[ox.Quad]:
            for batch in batches:
                for graph, quads in batch:
                    if graph in seen or self.has_graph(graph):
                        later.append((graph, quads))
                        continue
                    seen.add(graph)
                    yield from quads

        with self._writing():
            try:
                self._store.bulk_extend(fresh())
            except OSError as exc:
                raise _storage_error(exc, self.url) from None
            for graph, quads in later:
                self._write_graphs([(graph, quads)])
            self.optimize()

    def optimize(self) -> None:
        """Compact RocksDB's files (pyoxigraph ``Store.optimize``).

        The bulk loader leaves many overlapping files, and every index lookup then
        seeks in each: on a 10M-quad store one lookup took ~25 µs before and ~5 µs
        after (who accused the 100th most accused actor: 41 ms -> 12 ms; the
        compaction itself took 11-15 s). :meth:`bulk_write_graphs` calls it at the end.
        """
        if not self.persistent:
            return
        try:
            self._store.optimize()
        except OSError as exc:
            raise _storage_error(exc, self.url) from None

    def delete_graph(self, graph: ox.NamedNode) -> bool:
        if not self.has_graph(graph):
            return False
        with self._writing():
            self._store.update(f"DROP GRAPH {graph}")
        return True

    def has_graph(self, graph: ox.NamedNode) -> bool:
        return next(self._store.quads_for_pattern(None, None, None, graph), None) is not None

    def graphs(self) -> Iterator[ox.NamedNode]:
        for g in self._store.named_graphs():
            if isinstance(g, ox.NamedNode):
                yield g

    def query(
        self,
        sparql: str,
        bindings: Bindings | None = None,
        *,
        default_graphs: Sequence[ox.NamedNode] | None = None,
        named_graphs: Sequence[ox.NamedNode] | None = None,
    ) -> QueryResult:
        bound = {k: v for k, v in (bindings or {}).items() if v is not None}
        text, substitutions = _bind(sparql, bound)
        try:
            return self._store.query(
                text,
                use_default_graph_as_union=not default_graphs,
                default_graph=list(default_graphs) if default_graphs else None,
                named_graphs=list(named_graphs) if named_graphs else None,
                substitutions=substitutions,
            )
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None
        except OSError as exc:
            raise _storage_error(exc, self.url) from None

    def update(self, sparql: str) -> None:
        try:
            with self._writing():
                self._store.update(sparql)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None
        except OSError as exc:
            raise _storage_error(exc, self.url) from None

    def dump(self, out: IO[bytes], format: ox.RdfFormat, graph: ox.NamedNode | None = None) -> None:
        if graph is not None:
            self._store.dump(out, format, from_graph=graph)
        elif format.supports_datasets:
            self._store.dump(out, format)
        else:
            # Triple formats get the union of the graphs (the default graph, as queried).
            triples = self._store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            assert isinstance(triples, ox.QueryTriples)
            triples.serialize(out, format)

    def snapshot(self, target: str) -> None:
        """A RocksDB checkpoint: hard links where it can, so it takes milliseconds."""
        if not self.can_snapshot:
            raise NotImplementedError("an in-memory store cannot snapshot")
        try:
            self._store.backup(target)
        except OSError as exc:
            raise _storage_error(exc, self.url) from None

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if self.persistent:
            self._store.flush()
        # pyoxigraph closes the database when the object is dropped.
        del self._store


def _bind(sparql: str, bindings: dict[str, Any]) -> tuple[str, dict[ox.Variable, Any] | None]:
    """The query and substitutions to run for ``bindings``.

    pyoxigraph's ``substitutions`` bind a value, but its optimiser does not see it:
    ``?s a cg:Accusation ; cg:target ?t`` with ``?t`` substituted scans every
    accusation (130 ms on a million triples) where the same value in a ``VALUES``
    block is one index lookup (0.15 ms). So values go into a ``VALUES`` block opening
    the WHERE group (:func:`kg.store.rewrite.inject_values`, values written by
    pyoxigraph, never pasted), unless the query has a sub-SELECT or a FILTER in a nested
    group, which only substitution reaches; then substitution it is.
    """
    if not bindings:
        return sparql, None
    if any(isinstance(v, list | tuple) for v in bindings.values()):
        # Several values for a variable: only a VALUES block can say that.
        if not values_reach_everywhere(sparql):
            raise QueryError(
                "a list of values needs a query a VALUES block reaches everywhere "
                "(no sub-SELECT, no FILTER in a nested group)"
            )
        return inject_values(sparql, bindings), None
    if all(isinstance(v, ox.NamedNode | ox.Literal) for v in bindings.values()) and (
        values_reach_everywhere(sparql)
    ):
        try:
            return inject_values(sparql, bindings), None
        except QueryError:
            pass
    return sparql, {ox.Variable(k): v for k, v in bindings.items()}


def open_memory(rest: str, url: str) -> OxigraphStore:
    return OxigraphStore(None, url=url)


def open_path(rest: str, url: str) -> OxigraphStore:
    if not rest:
        raise StoreUnavailable("oxigraph: needs a folder, e.g. oxigraph:data/store")
    return OxigraphStore(os.path.expanduser(rest), url=url)
