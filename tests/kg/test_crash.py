"""Killing ingest with SIGKILL at random moments loses nothing and duplicates nothing."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kg.store import open_store
from tests.kg.crash_child import main as ingest_cleanly

ROOT = Path(__file__).resolve().parents[2]
STATES = ["Norland", "Sudmark", "Ostia", "Vesper", "Kalvia", "Dorne", "Tessaly"]


def _corpus(path: Path, n: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            pairs = [rng.sample(STATES, 2) for _ in range(rng.randint(1, 4))]
            text = ". ".join(f"{a} accused {b}" for a, b in pairs) + f". Report {i}."
            f.write(json.dumps({"id": f"doc-{i:04d}", "text": text}) + "\n")


def _graphs(url: str) -> dict[str, set[str]]:
    with open_store(url) as s:
        out: dict[str, set[str]] = {}
        for row in s.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"):
            out.setdefault(row["g"].value, set()).add(f"{row['s']} {row['p']} {row['o']}")
        return out


def test_sigkill_during_ingest_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, 240)
    reference = f"oxigraph:{tmp_path / 'reference'}"
    ingest_cleanly(reference, str(corpus))

    url = f"oxigraph:{tmp_path / 'killed'}"
    rng = random.Random(11)
    cmd = [sys.executable, "-m", "tests.kg.crash_child", url, str(corpus)]
    kills = 0
    for _ in range(3):
        child = subprocess.Popen(cmd, cwd=ROOT)
        time.sleep(rng.uniform(0.6, 1.8))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.wait()
    assert subprocess.run(cmd, cwd=ROOT, timeout=120).returncode == 0
    assert kills >= 1
    assert _graphs(url) == _graphs(reference)
