"""``python -m bench`` (``make bench``): run the benchmarks, one JSON object per line.

    python -m bench                          every metric, stores of 1M and 10M triples
    python -m bench --only who_accused_p50_ms_1m,http_overhead_p50_ms
    python -m bench --sizes 1m               leave out the 10M-triple figures
    python -m bench --smoke                  a tiny run of each (seconds), as the tests do

Generated corpora and stores are cached under ``--workdir`` (default ``build/bench``).
Exit status 1 when a benchmark failed to run (its line says why); a missed goal is not
a failure, the line says ``"met": false``.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.report import emit

__all__ = ["METRICS", "Config", "main", "run"]

#: Real sizes, and the tiny ones of ``--smoke`` (same metric names, "smoke": true).
SIZES = {"1m": 1_000_000, "10m": 10_000_000}
SMOKE_SIZES = {"1m": 2_000, "10m": 4_000}


@dataclass(frozen=True)
class Config:
    workdir: Path
    smoke: bool = False
    sizes: tuple[str, ...] = ("1m", "10m")

    def triples(self, size: str) -> int:
        return (SMOKE_SIZES if self.smoke else SIZES)[size]


def _load(c: Config) -> list[dict[str, Any]]:
    from bench.store import load_ratio

    return load_ratio(c.workdir, c.triples("1m"), repeat=2 if c.smoke else 3)


def _who(size: str) -> Callable[[Config], list[dict[str, Any]]]:
    def run(c: Config) -> list[dict[str, Any]]:
        from bench.store import who_accused

        if c.smoke:
            return who_accused(
                c.workdir, c.triples(size), n=3, ranks=(3, 1), timeout_s=60, label=size
            )
        return who_accused(c.workdir, c.triples(size), label=size)

    return run


def _rdflib(c: Config) -> list[dict[str, Any]]:
    from bench.store import vs_rdflib

    return vs_rdflib(c.workdir, c.triples("1m"), repeat=2 if c.smoke else 5, label="1m")


def _export(size: str) -> Callable[[Config], list[dict[str, Any]]]:
    def run(c: Config) -> list[dict[str, Any]]:
        from bench.store import export_actor_graph

        return export_actor_graph(c.workdir, c.triples(size), label=size)

    return run


def _http(c: Config) -> list[dict[str, Any]]:
    from bench.http import http_overhead

    # A small store: the figure is what HTTP adds, so the lookup itself should be quick
    # (on the 1M store today it takes seconds, and its noise would swamp the overhead).
    if c.smoke:
        return http_overhead(c.workdir, c.triples("1m"), n=20, rank=3)
    return http_overhead(c.workdir, 20_000, n=300, rank=30)


def _extract(c: Config) -> list[dict[str, Any]]:
    from bench.extract import extract_ratio

    return extract_ratio(5 if c.smoke else 300, rounds=1 if c.smoke else 3)


def _jobs(c: Config) -> list[dict[str, Any]]:
    from bench.extract import ingest_jobs_speedup

    return ingest_jobs_speedup(6 if c.smoke else 1_000, rounds=1 if c.smoke else 2)


def _rss(c: Config) -> list[dict[str, Any]]:
    from bench.extract import ingest_peak_rss

    return ingest_peak_rss((3, 6) if c.smoke else (1_000, 10_000))


#: Every metric, in the order a full run measures them, and its size (if any).
METRICS: dict[str, tuple[str | None, Callable[[Config], list[dict[str, Any]]]]] = {
    "load_vs_oxigraph_ratio": (None, _load),
    "who_accused_p50_ms_1m": ("1m", _who("1m")),
    "vs_rdflib_speedup_1m": ("1m", _rdflib),
    "http_overhead_p50_ms": (None, _http),
    "who_accused_p50_ms_10m": ("10m", _who("10m")),
    "export_actor_graph_s_10m": ("10m", _export("10m")),
    "extract_vs_spacy_ratio": (None, _extract),
    "ingest_jobs2_speedup": (None, _jobs),
    "ingest_peak_rss_mb": (None, _rss),
}


def run(config: Config, only: Sequence[str] | None = None) -> tuple[list[dict[str, Any]], bool]:
    """Run the chosen metrics, emitting each line as it comes; (lines, all ran)."""
    lines: list[dict[str, Any]] = []
    ok = True
    for name, (size, fn) in METRICS.items():
        if only and name not in only:
            continue
        if size is not None and size not in config.sizes:
            continue
        try:
            got = fn(config)
        except Exception as exc:
            traceback.print_exc(file=sys.stderr)
            got = [{"metric": name, "value": None, "error": f"{type(exc).__name__}: {exc}"}]
            ok = False
        for line in got:
            if config.smoke:
                line["smoke"] = True
            emit(line)
            lines.append(line)
    return lines, ok


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--only", help="comma-separated metric names (default: all)")
    p.add_argument("--smoke", action="store_true", help="a tiny run of each benchmark")
    p.add_argument("--sizes", default="1m,10m", help="store sizes to measure: 1m, 10m or both")
    p.add_argument("--workdir", default="build/bench", help="cache of corpora and stores")
    p.add_argument("--list", action="store_true", help="print the metric names and exit")
    args = p.parse_args(argv)
    if args.list:
        print("\n".join(METRICS))
        return 0
    only = [m.strip() for m in args.only.split(",") if m.strip()] if args.only else None
    unknown = sorted(set(only or ()) - set(METRICS))
    if unknown:
        p.error(f"unknown metric(s): {', '.join(unknown)}")
    sizes = tuple(s.strip() for s in args.sizes.split(",") if s.strip())
    if not set(sizes) <= set(SIZES):
        p.error(f"--sizes takes {', '.join(SIZES)}")
    workdir = Path(args.workdir)
    if args.smoke and args.workdir == "build/bench":
        workdir = workdir / "smoke"
    _, ok = run(Config(workdir, args.smoke, sizes), only)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
