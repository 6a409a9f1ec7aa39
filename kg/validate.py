"""Check written graphs against the SHACL shapes in ``ontology/shapes.ttl``.

Each document graph is validated on its own (as pyshacl sees a plain rdflib ``Graph``),
with no inference: the shapes name the classes they accept, so they need no reasoning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import ConfigError
from kg.store.base import Store

__all__ = ["ONTOLOGY_DIR", "GraphReport", "validate_quads", "validate_store"]

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True, slots=True)
class GraphReport:
    """The result of validating one document graph."""

    graph: str
    conforms: bool
    text: str


@cache
def _shapes() -> Any:
    from rdflib import Graph

    path = ONTOLOGY_DIR / "shapes.ttl"
    if not path.is_file():
        raise ConfigError(f"SHACL shapes not found at {path}")
    return Graph().parse(path, format="turtle")


def validate_quads(quads: Iterable[Any]) -> tuple[bool, str]:
    """Validate the triples of ``quads`` (pyoxigraph quads or triples) as one graph."""
    from pyoxigraph import RdfFormat, serialize
    from pyshacl import validate
    from rdflib import Graph

    triples = [getattr(q, "triple", q) for q in quads]
    data = Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES) or b"", format="nt")
    conforms, _, text = validate(data, shacl_graph=_shapes(), inference="none")
    return bool(conforms), str(text)


def validate_store(store: Store) -> Iterator[GraphReport]:
    """Validate every document graph in the store, one report each."""
    for graph in store.graphs():
        triples = list(
            store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graphs=[graph])
        )
        conforms, text = validate_quads(triples)
        yield GraphReport(graph.value, conforms, text)
