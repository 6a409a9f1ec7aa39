"""The store interface every backend implements.

A store holds one named graph per document and answers SPARQL 1.1 over the union of
them. Query results are pyoxigraph's own result objects (``QuerySolutions``,
``QueryBoolean``, ``QueryTriples``) whatever the backend, so callers and serialisers
need to know only one kind.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat

__all__ = ["Bindings", "GraphBatch", "QueryResult", "Store", "Term"]

Term = NamedNode | BlankNode | Literal
#: Values bound to query variables; a list binds a variable to any of several terms.
Bindings = Mapping[str, Term | list[Term] | tuple[Term, ...]]
#: Documents to write: each graph name with every quad of that graph.
GraphBatch = Sequence[tuple[NamedNode, Sequence[Quad]]]
QueryResult = Any  # pyoxigraph.QuerySolutions | QueryBoolean | QueryTriples


class Store(ABC):
    """A quad store of document graphs, queried with SPARQL.

    Capability flags say what a backend can do; tests and callers check them instead
    of the backend's class.
    """

    #: The setting it was opened from, e.g. ``oxigraph:data/store``.
    url: str = ""
    #: Data survives the process.
    persistent: bool = False
    #: :meth:`snapshot` can write a consistent read-only copy that other processes open.
    can_snapshot: bool = False
    #: Goes up once each write has ended, so a reader can tell whether a snapshot, or
    #: anything worked out from the data, is stale.
    generation: int = 0
    #: Every write to the data goes through this object (an embedded store that no other
    #: process writes to), so an unchanged :attr:`generation` means unchanged data and
    #: store-wide lookups may be remembered until it moves (:mod:`kg.queries.memo`). A
    #: backend that says so must move :attr:`generation` after every write it makes; a
    #: server that others write to cannot promise it.
    sole_writer: bool = False

    @abstractmethod
    def write_graphs(self, batch: GraphBatch) -> None:
        """Write each graph whole, replacing any graph of the same name.

        A batch is all or nothing: after a crash either every graph of it is there
        as given, or the store is as it was before.
        """

    def bulk_write_graphs(self, batches: Iterable[GraphBatch]) -> None:
        """Write many batches as fast as the backend can, e.g. to load a corpus.

        Each graph is written whole, replacing any graph of the same name, as by
        :meth:`write_graphs`; a backend with a faster bulk path may give up the
        all-or-nothing guarantee of a batch to take it. This default writes each batch
        with :meth:`write_graphs`.
        """
        for batch in batches:
            self.write_graphs(batch)

    def optimize(self) -> None:  # noqa: B027 - optional hook
        """Reorganise storage so reads are fast, e.g. after a bulk load.

        A no-op where the backend looks after that itself (a SPARQL server, memory).
        """

    @abstractmethod
    def delete_graph(self, graph: NamedNode) -> bool:
        """Remove one graph; False when there was none of that name."""

    @abstractmethod
    def has_graph(self, graph: NamedNode) -> bool:
        """True when a graph of that name holds at least one quad."""

    @abstractmethod
    def graphs(self) -> Iterator[NamedNode]:
        """The names of every graph in the store."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        bindings: Bindings | None = None,
        *,
        default_graphs: Sequence[NamedNode] | None = None,
        named_graphs: Sequence[NamedNode] | None = None,
    ) -> QueryResult:
        """Run a SPARQL query. Values in ``bindings`` are bound, never pasted in.

        The default graph is the union of all graphs unless ``default_graphs`` names
        some. Raises :class:`~kg.errors.QuerySyntaxError` for a malformed query.
        """

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update, atomically."""

    @abstractmethod
    def dump(self, out: IO[bytes], format: RdfFormat, graph: NamedNode | None = None) -> None:
        """Serialise the whole store (or one graph) to ``out`` without holding it in memory."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads."""

    def snapshot(self, target: str) -> None:
        """Write a consistent, read-only copy of the store into the new folder ``target``.

        Only backends with :attr:`can_snapshot`; others raise ``NotImplementedError``.
        """
        raise NotImplementedError(f"{type(self).__name__} cannot snapshot")

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files, locks and connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
