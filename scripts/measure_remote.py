"""Ingest throughput and query latency: a SPARQL server (Virtuoso) vs the embedded store.

    scripts/virtuoso.sh start
    .venv/bin/python scripts/measure_remote.py \\
        --remote "$(scripts/virtuoso.sh url)&gsp=/sparql-graph-crud-auth&batch=10000"
    scripts/virtuoso.sh stop

Two data sets, each written to a fresh embedded store (``oxigraph:`` in a temporary
folder) and to the remote store, emptied first with ``SparqlStore.clear()`` (so point
``--remote`` only at a server of your own):

* the sample articles (``data/articles``), extracted once with the real extractor, then
  ingested with :func:`kg.pipeline.ingest` (store time only; extraction is timed apart);
* a synthetic archive of about ``--triples`` quads, made of invented articles put
  through the real RDF mapping (:func:`kg.rdf.extraction_quads`), written in batches of
  64 documents as ingest writes them, by 1 and by ``--writers`` processes at once.

Then ``kg.queries.accusations`` (as ``GET /accusations?accused=…`` runs it) is timed
``--runs`` times for a much-accused actor and a rarely accused one: p50 and p95 in ms.
Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, Quad

from kg import queries
from kg.ingest import read_documents
from kg.model import (
    ActorType,
    Document,
    Entity,
    EvidenceStatus,
    Extraction,
    Kind,
    Mention,
    Span,
    Statement,
)
from kg.pipeline import ingest
from kg.rdf import document_iri, extraction_quads
from kg.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
BATCH = 64  # documents per write, as kg.pipeline.ingest writes them

# ------------------------------------------------------------------ synthetic articles

_KINDS = [Kind.ACCUSATION] * 5 + [Kind.DENIAL] * 3 + [Kind.CLAIM] * 2
_CUES = {Kind.ACCUSATION: "accused", Kind.DENIAL: "denied", Kind.CLAIM: "said"}
_CHARGES = [
    "shelling the border town",
    "hacking the election commission",
    "blowing up the pipeline",
    "hiding the true casualty figures",
    "arming the rebels in the north",
    "spreading disinformation about the vote",
]
_FILLER = (
    "Officials met on Tuesday to discuss the situation, which observers described "
    "as tense. Markets were calm and the talks are expected to continue. "
)


def _actors(n: int) -> list[Entity]:
    types = [ActorType.STATE, ActorType.PERSON, ActorType.ORGANIZATION]
    return [Entity(f"actor-{i}", f"Actor {i}", types[i % 3], (f"A{i}",)) for i in range(n)]


def synthetic(seed: int, n_actors: int = 2000) -> Iterator[Extraction]:
    """Endless invented articles: 4 to 8 statements each, actors drawn long-tailed."""
    rng = random.Random(seed)
    actors = _actors(n_actors)
    weights = [1 / (i + 1) for i in range(n_actors)]  # Zipf: a few actors in most news
    start = date(2021, 1, 1)
    n = 0
    while True:
        doc_id = f"synthetic-{seed}-{n:07d}"
        published = start + timedelta(days=rng.randrange(4 * 365))
        parts: list[tuple[Kind, Entity, Entity, str, str]] = []
        for _ in range(rng.randint(4, 8)):
            kind = rng.choice(_KINDS)
            speaker, target = rng.choices(actors, weights, k=2)
            if speaker == target:
                continue
            charge = rng.choice(_CHARGES)
            parts.append(
                (
                    kind,
                    speaker,
                    target,
                    charge,
                    f"{speaker.label} {_CUES[kind]} {target.label} of {charge}.",
                )
            )
        text = " ".join(p[4] for p in parts) + " " + _FILLER * rng.randint(2, 10)
        doc = Document(
            doc_id,
            text,
            title=f"Report {n}",
            published=published,
            url=f"https://news.example.org/{doc_id}",
        )
        statements: dict[str, Statement] = {}
        at = 0
        for kind, speaker, target, charge, sentence in parts:
            s0 = text.index(sentence, at)
            at = s0 + len(sentence)
            cue0 = text.index(_CUES[kind], s0)
            c0 = text.index(charge, s0)
            t0 = text.index(target.label, cue0)
            m = Mention(
                doc_id,
                Span(s0, at),
                Span(s0, s0 + len(speaker.label)),
                Span(cue0, cue0 + len(_CUES[kind])),
                Span(c0, c0 + len(charge)),
                Span(t0, t0 + len(target.label)),
                None,
                "synthetic",
                0.8,
            )
            s = Statement(
                doc_id,
                kind,
                speaker,
                target,
                content=charge,
                cue=_CUES[kind],
                evidence=rng.choice(list(EvidenceStatus)),
                date=published,
                mentions=[m],
            )
            statements.setdefault(s.id, s)
        yield Extraction(doc, list(statements.values()))
        n += 1


def synthetic_batches(seed: int, quads: int) -> Iterator[list[tuple[NamedNode, list[Quad]]]]:
    """Batches of (graph, quads) adding up to about ``quads`` quads."""
    total = 0
    batch: list[tuple[NamedNode, list[Quad]]] = []
    for x in synthetic(seed):
        qs = extraction_quads(x)
        batch.append((document_iri(x.document.id), qs))
        total += len(qs)
        if len(batch) == BATCH or total >= quads:
            yield batch
            batch = []
        if total >= quads:
            return


# ------------------------------------------------------------------ measuring


def fresh(url: str) -> Store:
    """The store at ``url``, emptied (a remote one with ``clear()``)."""
    store = open_store(url)
    clear = getattr(store, "clear", None)
    if clear is not None:
        clear()
    elif len(store):
        raise SystemExit(f"{url} is not empty")
    return store


def _write_part(url: str, seed: int, quads: int) -> tuple[int, float, float]:
    """Make the articles first, then write them: (quads, write start, write end)."""
    batches = list(synthetic_batches(seed, quads))
    store = open_store(url)
    try:
        start = time.time()
        for batch in batches:
            store.write_graphs(batch)
        end = time.time()
        return sum(len(set(q)) for b in batches for _, q in b), start, end
    finally:
        store.close()


def write_synthetic(url: str, quads: int, writers: int) -> tuple[int, float]:
    """Write ``quads`` quads with ``writers`` processes (disjoint documents): (quads, s).

    The articles are made before the clock starts; with several writers the time runs
    from the first write to the last.
    """
    if writers == 1:
        n, start, end = _write_part(url, 0, quads)
        return n, end - start
    with ProcessPoolExecutor(writers, mp_context=get_context("spawn")) as pool:
        parts = [pool.submit(_write_part, url, k, quads // writers) for k in range(writers)]
        results = [p.result() for p in parts]
    return sum(r[0] for r in results), max(r[2] for r in results) - min(r[1] for r in results)


def _time_accusations(url: str, key: str, runs: int, budget: float, out: Connection) -> None:
    store = open_store(url)
    deadline = time.monotonic() + budget
    queries.accusations(store, accused=key)  # warm up
    times: list[float] = []
    while len(times) < runs and time.monotonic() < deadline:
        t = time.perf_counter()
        queries.accusations(store, accused=key)
        times.append((time.perf_counter() - t) * 1000)
    store.close()
    out.send(times)


def latency(url: str, key: str, runs: int, budget: float) -> str:
    """``p50 | p95 | runs`` in ms of ``accusations(accused=key)``, stopped at ``budget`` s.

    Runs in a child process, so a query that takes too long can be stopped.
    """
    ctx = get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_time_accusations, args=(url, key, runs, budget, send))
    child.start()
    times = receive.recv() if receive.poll(budget + 60) else None
    if child.is_alive():
        child.kill()
    child.join()
    if not times:
        return f"> {budget:.0f} s: stopped | | 0"
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return f"{statistics.median(times):.1f} | {p95:.1f} | {len(times)}"


def accused_actors(store: Store) -> dict[str, str]:
    """The most accused actor, one at the median and the least accused, with their counts."""
    rows = list(
        store.query(
            "PREFIX cg: <https://w3id.org/claimgraph/ontology#> "
            "SELECT ?t (COUNT(*) AS ?n) WHERE { ?s a cg:Accusation ; cg:target ?t } "
            "GROUP BY ?t ORDER BY DESC(?n) ?t"
        )
    )
    picks = {"most accused": rows[0], "median": rows[len(rows) // 2], "least accused": rows[-1]}
    return {
        f"{what}: {r['t'].value.rsplit('/', 1)[-1]}, {r['n'].value} accusations": r[
            "t"
        ].value.rsplit("/", 1)[-1]
        for what, r in picks.items()
    }


class _Prepared:
    """Extractions made beforehand, served by id: ingest without the NLP time."""

    def __init__(self, by_id: dict[str, Extraction]) -> None:
        self.by_id = by_id

    def extract_many(
        self, documents: Any, batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Extraction]:
        for d in documents:
            yield self.by_id[d.id]


def samples(stores: dict[str, str], runs: int, budget: float) -> None:
    from kg.extract import Extractor

    docs = list(read_documents([ROOT / "data" / "articles"]))
    t = time.perf_counter()
    extractions = list(Extractor().extract_many(docs))
    extract_s = time.perf_counter() - t
    by_id = {x.document.id: x for x in extractions}
    n_quads = sum(len(extraction_quads(x)) for x in extractions)
    print(
        f"\n### Sample articles: {len(docs)} documents, {n_quads} quads "
        f"(extraction alone: {extract_s:.2f} s)\n"
    )
    print(
        "| store | ingest, store part | quads/s | accusations(accused=united-states) "
        "p50 ms | p95 ms | runs |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for name, url in stores.items():
        store = fresh(url)
        t = time.perf_counter()
        report = ingest(store, docs, _Prepared(by_id))
        s = time.perf_counter() - t
        store.close()
        print(
            f"| {name} | {s * 1000:.0f} ms for {report.written} docs | {report.quads / s:,.0f} "
            f"| {latency(url, 'united-states', runs, budget)} |"
        )
        sys.stdout.flush()


def archive(stores: dict[str, str], triples: int, writers: int, runs: int, budget: float) -> None:
    t = time.perf_counter()
    n = sum(len(set(q)) for b in synthetic_batches(0, triples) for _, q in b)
    print(
        f"\n### Synthetic archive: {n:,} quads, {BATCH} documents a batch "
        f"(making the articles and their quads alone: {time.perf_counter() - t:.1f} s)\n"
    )
    print("| store | writers | quads written | seconds | quads/s | quads in store |")
    print("| --- | --- | --- | --- | --- | --- |")
    picked: dict[str, dict[str, str]] = {}
    for name, url in stores.items():
        for w in (writers, 1):  # end with the single-writer store, the one queried
            if w > 1 and url.startswith("oxigraph:"):
                continue  # one process at a time may open the embedded store
            fresh(url).close()
            written, s = write_synthetic(url, triples, w)
            store = open_store(url)
            print(f"| {name} | {w} | {written:,} | {s:.1f} | {written / s:,.0f} | {len(store):,} |")
            sys.stdout.flush()
            if w == 1:
                picked[name] = accused_actors(store)
            store.close()
    print(
        f"\n### accusations(accused=…) on the synthetic archive: "
        f"up to {runs} runs, {budget:.0f} s\n"
    )
    print("| store | actor | p50 ms | p95 ms | runs |")
    print("| --- | --- | --- | --- | --- |")
    for name, url in stores.items():
        for label, key in picked[name].items():
            print(f"| {name} | {label} | {latency(url, key, runs, budget)} |")
            sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--remote", required=True, help="sparql+http://… URL of a server you own")
    p.add_argument("--triples", type=int, default=1_000_000, help="synthetic archive size")
    p.add_argument("--runs", type=int, default=50, help="timed runs of each query")
    p.add_argument("--budget", type=float, default=120, help="seconds allowed each query")
    p.add_argument("--writers", type=int, default=4, help="parallel writers for the remote")
    p.add_argument("--skip-samples", action="store_true")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="claimgraph-measure-") as tmp:
        if not args.skip_samples:
            samples(
                {"embedded": f"oxigraph:{tmp}/samples", "Virtuoso": args.remote},
                args.runs,
                args.budget,
            )
        stores = {"embedded": f"oxigraph:{tmp}/archive", "Virtuoso": args.remote}
        archive(stores, args.triples, args.writers, args.runs, args.budget)
    fresh(args.remote).close()  # leave the server empty
    return 0


if __name__ == "__main__":
    sys.exit(main())
