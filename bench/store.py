"""Store benchmarks: loading, the who-accused-whom lookup, rdflib, the actor-graph export.

Stores of generated corpora are built once with pyoxigraph's bulk loader and kept
under the work folder (``store-1m``, ``store-10m``) with a stamp naming the generator
version, so a rerun reuses them and a changed generator rebuilds them.

Queries that may run for minutes (pyoxigraph cannot cancel a query) are measured in a
child process that is killed at its time limit.
"""

from __future__ import annotations

import gc
import io
import json
import shutil
import time
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench.generate import corpus_nquads, extractions_for, size_label
from bench.report import Timer, in_child, percentile, result, samples_ms

__all__ = [
    "build_store",
    "export_actor_graph",
    "load_ratio",
    "vs_rdflib",
    "who_accused",
]

_RANKING = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
SELECT ?target (COUNT(?s) AS ?n) WHERE { ?s a cg:Accusation ; cg:target ?target }
GROUP BY ?target ORDER BY DESC(?n) ?target
"""


# --------------------------------------------------------------------------- stores


def build_store(workdir: Path, triples: int, seed: int = 0) -> tuple[Path, dict[str, Any]]:
    """A store of ``triples`` generated quads, bulk-loaded once and reused.

    Returns its folder and facts about it: corpus figures, build times, and the most
    accused actors (IRI, label, accusations), most first.
    """
    import pyoxigraph as ox

    nq, figures = corpus_nquads(workdir, triples, seed)
    path = workdir / f"store-{size_label(triples)}"
    info_path = workdir / f"store-{size_label(triples)}.json"
    if path.exists() and info_path.exists():
        info = json.loads(info_path.read_text())
        if info.get("corpus") == nq.name:
            if "optimize_s" not in info:  # cached before stores were compacted
                info["optimize_s"] = _optimize(path)
                info_path.write_text(json.dumps(info))
            return path, info
    shutil.rmtree(path, ignore_errors=True)
    with Timer() as t:
        native = ox.Store(str(path))
        native.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        native.flush()
    ranking = []
    solutions = native.query(_RANKING, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        ranking.append([row["target"].value, int(row["n"].value)])
        if len(ranking) >= 2000:
            break
    labels = native.query(
        "SELECT ?e ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        use_default_graph_as_union=True,
    )
    wanted = {iri for iri, _ in ranking}
    assert isinstance(labels, ox.QuerySolutions)
    names = {r["e"].value: r["l"].value for r in labels if r["e"].value in wanted}
    del native, solutions, labels  # query results keep the store (and its lock) open
    gc.collect()
    info = {
        "corpus": nq.name,
        "figures": figures,
        "bulk_load_s": t.seconds,
        "optimize_s": _optimize(path),
        "most_accused": [[iri, names.get(iri, ""), n] for iri, n in ranking],
    }
    info_path.write_text(json.dumps(info))
    return path, info


def _optimize(path: Path) -> float:
    """Compact the store as ``OxigraphStore.bulk_write_graphs`` leaves a store it loaded
    (the queries are measured on the store as claimgraph's own bulk path makes it)."""
    from kg.store import open_store

    with Timer() as t, open_store(f"oxigraph:{path}") as store:
        store.optimize()
    return t.seconds


# --------------------------------------------------------------------------- load


def load_ratio(
    workdir: Path, triples: int = 1_000_000, repeat: int = 3, seed: int = 0
) -> list[dict[str, Any]]:
    """``load_vs_oxigraph_ratio``: our load of generated extractions vs ``bulk_load``.

    "Ours" is how claimgraph stores extractions (:func:`kg.rdf.extraction_quads` made
    beforehand, then the store's :meth:`bulk_write_graphs` in batches of 64 documents,
    as ingest batches them); the baseline is pyoxigraph's ``bulk_load`` of the same
    quads as N-Quads. Each run writes into a fresh folder; the two alternate, and the
    median of each is compared. The transactional :meth:`write_graphs` path is measured
    once too, for context.
    """
    import pyoxigraph as ox

    from kg.rdf import document_iri
    from kg.store import open_store

    with Timer() as t_map:
        docs = [(document_iri(x.document.id), q) for x, q in extractions_for(triples, seed)]
    n = sum(len(q) for _, q in docs)
    data = ox.serialize([q for _, qs in docs for q in qs], format=ox.RdfFormat.N_QUADS)
    assert data is not None
    base = workdir / "load"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    batches = [docs[i : i + 64] for i in range(0, len(docs), 64)]

    def native(k: int) -> float:
        with Timer() as t:
            s = ox.Store(str(base / f"native-{k}"))
            s.bulk_load(data, ox.RdfFormat.N_QUADS)
            s.flush()
        assert len(s) == n
        del s
        return t.seconds

    def ours(k: int, bulk: bool = True) -> float:
        with Timer() as t, open_store(f"oxigraph:{base / f'ours-{k}'}") as store:
            if bulk:
                store.bulk_write_graphs(iter(batches))
            else:
                for b in batches:
                    store.write_graphs(b)
        return t.seconds

    natives, ourss = [], []
    for k in range(repeat):
        natives.append(native(k))
        ourss.append(ours(k))
        for folder in base.iterdir():  # keep the disk as empty for each round
            shutil.rmtree(folder)
    transactional = ours(repeat, bulk=False)
    shutil.rmtree(base, ignore_errors=True)
    ours_rate = n / percentile(ourss, 50)
    native_rate = n / percentile(natives, 50)
    return [
        result(
            "load_vs_oxigraph_ratio",
            ours_rate / native_rate,
            "ratio",
            triples=n,
            documents=len(docs),
            ours_triples_per_s=round(ours_rate),
            oxigraph_bulk_load_triples_per_s=round(native_rate),
            ours_s=ourss,
            oxigraph_bulk_load_s=natives,
            ours_path="OxigraphStore.bulk_write_graphs (pyoxigraph bulk_extend)",
            write_graphs_triples_per_s=round(n / transactional),
            write_graphs_ratio=(n / transactional) / native_rate,
            extraction_quads_s=t_map.seconds,
        )
    ]


# --------------------------------------------------------------------------- who accused


def _latency(
    path: str, measure: str, label: str, iri: str, n: int, budget_s: float
) -> dict[str, Any]:
    """In a child: the p50 of one way of asking who accused ``label``."""
    from pyoxigraph import NamedNode

    from kg import queries
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(path, url=f"oxigraph:{path}", read_only=True)
    node = NamedNode(iri)
    fn: Callable[[], object] = {
        "full_lookup": lambda: queries.accusations(store, accused=label),
        "page_of_20": lambda: queries.accusations(store, accused=label, limit=20),
        "resolve_entity": lambda: queries.resolve_entity(store, label),
        "bound_query": lambda: queries.run(store, "accusations", {"accused": node}, limit=51),
    }[measure]
    with Timer() as first:  # a cold call: nothing cached yet in this process
        fn()
    ms = samples_ms(fn, n, warmup=0, budget_s=budget_s)
    return {"p50_ms": percentile(ms, 50), "samples": len(ms), "first_ms": first.seconds * 1000}


def _lists(path: str, top: str, mid: str, n: int, budget_s: float) -> dict[str, Any]:
    """In a child: the p50 (ms) of the first page of each list a user browses."""
    from kg import queries
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(path, url=f"oxigraph:{path}", read_only=True)
    asks: dict[str, Callable[[], object]] = {
        "accusations": lambda: queries.accusations(store),
        "accusations_offset_1000": lambda: queries.accusations(store, offset=1000),
        "denials": lambda: queries.denials(store),
        "accusations_since": lambda: queries.accusations(store, since="2024-12-01"),
        "contested": lambda: queries.contested(store),
        "documents": lambda: queries.documents(store),
        "entity_search": lambda: queries.find_entities(store, "uni"),
        "accusations_by_most_accused": lambda: queries.accusations(store, accused=top),
        "accusations_by_top_accuser": lambda: queries.accusations(store, accuser=top),
        "entity_profile_mid": lambda: queries.entity(store, mid),
    }
    return {
        name: percentile(samples_ms(fn, n, warmup=1, budget_s=budget_s), 50)
        for name, fn in asks.items()
    }


#: What is measured for the target (all of it) and for the context ranks.
_MEASURES = ("full_lookup", "page_of_20", "resolve_entity", "bound_query")


def who_accused(
    workdir: Path,
    triples: int,
    n: int = 50,
    ranks: tuple[int, ...] = (100, 10, 1),
    timeout_s: float = 240.0,
    seed: int = 0,
    label: str | None = None,
) -> list[dict[str, Any]]:
    """``who_accused_p50_ms_<size>``: median latency of ``kg.queries.accusations(store,
    accused=label)`` for one target, the 100th most accused actor (a mid-ranked one),
    on a store of ``triples`` generated quads.

    Also, as context: the name lookup alone (``resolve_entity``) and the query alone
    with the IRI bound (``accusations.rq``, no labels), for the target and for the most
    accused actors. Each runs in a child process,
    killed after ``timeout_s`` (for the target) or an eighth of it (the other ranks).
    """
    path, info = build_store(workdir, triples, seed)
    ranking = info["most_accused"]
    by_rank: dict[str, Any] = {}
    for rank in ranks:
        if rank > len(ranking):
            continue
        iri, actor, count = ranking[rank - 1]
        row: dict[str, Any] = {"label": actor, "accusations": count}
        for measure in _MEASURES:
            limit = timeout_s if rank == ranks[0] else timeout_s / 8
            got = in_child(_latency, (str(path), measure, actor, iri, n, limit / 4), limit)
            if got is None:
                row[f"{measure}_p50_ms"] = None
                row[f"{measure}_timed_out_s"] = limit
            else:
                row[f"{measure}_p50_ms"] = got["p50_ms"]
                row[f"{measure}_first_ms"] = got["first_ms"]
                row[f"{measure}_samples"] = got["samples"]
        by_rank[str(rank)] = row
    main = by_rank.get(str(ranks[0])) or next(iter(by_rank.values()))
    # Context: the first page of the other lists, which no actor narrows.
    top, mid = ranking[0][1], main["label"]
    lists = in_child(_lists, (str(path), top, mid, 5, timeout_s / 40), timeout_s)
    value = main.get("full_lookup_p50_ms")
    context = {
        "triples": info["figures"]["quads"],
        "documents": info["figures"]["documents"],
        "target": main["label"],
        "target_rank": ranks[0],
        "target_accusations": main["accusations"],
        "by_rank": by_rank,
        "lists_p50_ms": lists if lists is not None else {"timed_out_s": timeout_s},
        "store_bulk_load_s": info["bulk_load_s"],
        "store_optimize_s": info.get("optimize_s"),
    }
    name = f"who_accused_p50_ms_{label or size_label(triples)}"
    if value is None:
        return [{**result(name, timeout_s * 1000, "ms", **context), "timed_out": True}]
    return [result(name, value, "ms", **context)]


# --------------------------------------------------------------------------- rdflib


def _rdflib_queries(ranking: list[list[Any]]) -> list[tuple[str, dict[str, str]]]:
    """The queries both engines run: (named query, IRI bindings)."""
    tail = ranking[min(len(ranking), 300) - 1][0]
    mid = ranking[min(len(ranking), 100) - 1][0]
    return [
        ("accusations", {"accused": tail}),
        ("denials", {"denier": mid}),
        ("entity", {"entity": mid}),
        ("refutable", {"accuser": ranking[0][0], "accused": ranking[1][0]}),
        ("counts", {}),
    ]


def vs_rdflib(
    workdir: Path,
    triples: int = 1_000_000,
    repeat: int = 5,
    seed: int = 0,
    label: str | None = None,
) -> list[dict[str, Any]]:
    """``vs_rdflib_speedup_<size>``: rdflib's in-memory engine vs ours, same queries.

    The same bundled queries (``kg/queries/*.rq``) with the same IRIs bound: rdflib
    through ``initBindings`` on a ``Dataset`` holding the corpus (default graph: the
    union), ours through :func:`kg.queries.run` on the oxigraph store. Ratio of the
    total times (rdflib once per query, ours the median of ``repeat``).
    """
    import rdflib
    from pyoxigraph import NamedNode

    from kg import queries
    from kg.store import open_store

    path, info = build_store(workdir, triples, seed)
    nq, _ = corpus_nquads(workdir, triples, seed)
    plan = _rdflib_queries(info["most_accused"])
    ours: dict[str, float] = {}
    rows: dict[str, int] = {}
    with open_store(f"oxigraph:{path}") as store:
        for name, binds in plan:
            bound = {k: NamedNode(v) for k, v in binds.items()}
            ms = samples_ms(partial(queries.run, store, name, bound), repeat, warmup=1)
            ours[name] = percentile(ms, 50) / 1000
            rows[name] = len(queries.run(store, name, bound))
    theirs: dict[str, float] = {}
    their_rows: dict[str, int] = {}
    with warnings.catch_warnings():
        # rdflib 7.6 warns about its own use of its deprecated Dataset.default_context.
        warnings.simplefilter("ignore", DeprecationWarning)
        ds = rdflib.Dataset(default_union=True)
        with Timer() as t_load:
            ds.parse(str(nq), format="nquads")
        for name, binds in plan:
            text = queries.load_query(name)
            init = {k: rdflib.URIRef(v) for k, v in binds.items()}
            with Timer() as t:
                their_rows[name] = len(list(ds.query(text, initBindings=init)))
            theirs[name] = t.seconds
    total_ours, total_theirs = sum(ours.values()), sum(theirs.values())
    del ds
    gc.collect()
    return [
        result(
            f"vs_rdflib_speedup_{label or size_label(triples)}",
            total_theirs / total_ours,
            "ratio",
            triples=info["figures"]["quads"],
            queries=[n for n, _ in plan],
            ours_s=ours,
            rdflib_s=theirs,
            rows=rows,
            rdflib_rows=their_rows,
            rdflib_load_s=t_load.seconds,
        )
    ]


# --------------------------------------------------------------------------- export


def _export(path: str) -> dict[str, Any]:
    from kg.export import actor_graph, write_actor_graph
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(path, url=f"oxigraph:{path}", read_only=True)
    with Timer() as t_graph:
        g = actor_graph(store)
    out = io.BytesIO()
    with Timer() as t_write:
        write_actor_graph(g, "graphml", out)
    return {
        "graph_s": t_graph.seconds,
        "write_s": t_write.seconds,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "graphml_bytes": len(out.getvalue()),
    }


def export_actor_graph(
    workdir: Path,
    triples: int,
    timeout_s: float = 900.0,
    seed: int = 0,
    label: str | None = None,
) -> list[dict[str, Any]]:
    """``export_actor_graph_s_<size>``: the actor graph as GraphML, query to bytes."""
    path, info = build_store(workdir, triples, seed)
    started = time.perf_counter()
    got = in_child(_export, (str(path),), timeout_s)
    label = label or size_label(triples)
    context = {"triples": info["figures"]["quads"], "format": "graphml"}
    if got is None:
        return [
            {
                **result(f"export_actor_graph_s_{label}", timeout_s, "s", **context),
                "timed_out": True,
            }
        ]
    total = got["graph_s"] + got["write_s"]
    context.update(got)
    context["with_process_start_s"] = time.perf_counter() - started
    return [result(f"export_actor_graph_s_{label}", total, "s", **context)]
