#!/usr/bin/env python3
"""Kill `claimgraph ingest` with SIGKILL again and again, then check nothing was lost.

    .venv/bin/python scripts/crashtest.py [--docs 1000] [--kills 20] [--workdir build/crash]

Writes a corpus of invented news articles (templates, so the run needs no data), ingests
it once cleanly into a reference store, then into a second store while killing the
ingest at random moments; after the kills it lets one run finish and compares the two
stores graph by graph. Prints one JSON line of figures.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "kg.cli"]
STATES = ["Norland", "Sudmark", "Ostia", "Vesper", "Kalvia", "Dorne", "Tessaly", "Arden"]
PEOPLE = ["Anna Berg", "Piet Vos", "Lars Holm", "Mara Quist", "Ivo Stern", "Clara Dahl"]
TEMPLATES = [
    "{a} accused {b} of sabotaging the pipeline, without providing evidence.",
    "\u201cThe claims are false,\u201d {p}, a spokesman for {b}, told reporters.",
    "{b} denied any involvement in the attack.",
    "{p} said {b} was behind the cyber attack on the port.",
    "According to officials in {a}, the talks will resume next week.",
    "{b} dismissed the report as nonsense.",
    "{a} blamed {b} for the collapse of the ceasefire, citing intercepted messages.",
]


def corpus(path: Path, n: int) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            sents = []
            for _ in range(rng.randint(3, 8)):
                a, b = rng.sample(STATES, 2)
                sents.append(rng.choice(TEMPLATES).format(a=a, b=b, p=rng.choice(PEOPLE)))
            f.write(
                json.dumps(
                    {
                        "id": f"crash-{i:05d}",
                        "title": f"Report {i}",
                        "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        "text": " ".join(sents),
                    }
                )
                + "\n"
            )


def graphs(store: str) -> dict[str, set[str]]:
    sys.path.insert(0, str(ROOT))
    from kg.store import open_store

    with open_store(store) as s:
        out: dict[str, set[str]] = {}
        for row in s.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"):
            out.setdefault(row["g"].value, set()).add(f"{row['s']} {row['p']} {row['o']}")
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--workdir", default="build/crash")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=16, help="documents per transaction")
    ap.add_argument(
        "--window",
        type=float,
        default=0.5,
        help="seconds after start-up within which each kill falls",
    )
    a = ap.parse_args()
    work = Path(a.workdir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    data = work / "corpus.jsonl"
    corpus(data, a.docs)
    reference, killed = f"oxigraph:{work / 'reference'}", f"oxigraph:{work / 'killed'}"

    t = time.perf_counter()
    subprocess.run([*CLI, "--store", reference, "ingest", "-q", str(data)], check=True, cwd=ROOT)
    clean_seconds = time.perf_counter() - t
    t = time.perf_counter()
    one = work / "one.jsonl"
    one.write_text(json.dumps({"id": "one", "text": "Nothing happened."}) + "\n")
    subprocess.run(
        [*CLI, "--store", f"oxigraph:{work / 'one'}", "ingest", "-q", str(one)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    startup = time.perf_counter() - t  # process start and pipeline load, no documents
    per_doc = max(0.001, (clean_seconds - startup) / a.docs)
    rng = random.Random(a.seed)
    kills, partial = 0, []
    t = time.perf_counter()
    while kills < a.kills:
        child = subprocess.Popen(
            [*CLI, "--store", killed, "ingest", "-q", "--batch-size", str(a.batch_size), str(data)],
            cwd=ROOT,
            stderr=subprocess.DEVNULL,
        )
        remaining = a.docs - (partial[-1] if partial else 0)
        # Kill somewhere in the next few seconds of work, after start-up.
        time.sleep(startup + rng.uniform(0, min(a.window, remaining * per_doc)))
        if child.poll() is not None:
            break  # it finished before we could kill it
        child.send_signal(signal.SIGKILL)
        child.wait()
        kills += 1
        partial.append(len(graphs(killed)))
    final = subprocess.run(
        [*CLI, "--store", killed, "ingest", "-q", "--batch-size", str(a.batch_size), str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    killed_seconds = time.perf_counter() - t
    ref, got = graphs(reference), graphs(killed)
    same = ref == got
    print(
        json.dumps(
            {
                "docs": a.docs,
                "kills": kills,
                "documents_after_each_kill": partial,
                "final_exit": final.returncode,
                "graphs_reference": len(ref),
                "graphs_after": len(got),
                "identical": same,
                "clean_ingest_s": round(clean_seconds, 1),
                "killed_ingest_total_s": round(killed_seconds, 1),
            }
        )
    )
    return 0 if same and final.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
