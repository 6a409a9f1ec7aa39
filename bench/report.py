"""Benchmark results as JSON lines: ``{"metric", "value", "unit"}`` plus context.

Every line names the machine it was measured on, and, for metrics with a goal, the goal
and whether it was met.

>>> line = result("load_vs_oxigraph_ratio", 0.91234, "ratio", baseline=1.0)
>>> (line["metric"], line["value"], line["goal"], line["met"])
('load_vs_oxigraph_ratio', 0.9123, '>= 0.8', True)
>>> skipped("extract_vs_spacy_ratio", "ratio", "no extractor")["value"] is None
True
>>> percentile([3.0, 1.0, 2.0], 50)
2.0
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import cache
from multiprocessing.connection import Connection
from typing import IO, Any

__all__ = [
    "GOALS",
    "Timer",
    "emit",
    "in_child",
    "machine",
    "machine_line",
    "percentile",
    "result",
    "samples_ms",
    "skipped",
]

# name -> (comparison, threshold); None: report only.
GOALS: dict[str, tuple[str, float] | None] = {
    "extract_vs_spacy_ratio": ("<=", 1.10),
    "ingest_jobs2_speedup": (">=", 1.7),
    "load_vs_oxigraph_ratio": (">=", 0.8),
    "who_accused_p50_ms_1m": ("<=", 5.0),
    "who_accused_p50_ms_10m": ("<=", 5.0),
    "vs_rdflib_speedup_1m": (">=", 100.0),
    "http_overhead_p50_ms": ("<=", 2.0),
    "ingest_peak_rss_mb": None,  # goal: does not grow with corpus size (see "growth")
    "export_actor_graph_s_10m": None,
}


@cache
def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = None
    with contextlib.suppress(ValueError, OSError, AttributeError):
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions: dict[str, str] = {}
    for mod in ("pyoxigraph", "spacy", "rdflib", "fastapi", "uvicorn", "networkx"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod)
        except Exception:
            continue
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(ram, 1) if ram else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        **versions,
    }


def machine_line() -> str:
    m = machine()
    return (
        f"{m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}, "
        f"Python {m['python']}, pyoxigraph {m.get('pyoxigraph', '?')}"
    )


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_round(v) for v in value]
    return value


def result(metric: str, value: float, unit: str, **context: Any) -> dict[str, Any]:
    """One benchmark figure with its goal (if any) and context."""
    line: dict[str, Any] = {"metric": metric, "value": _round(float(value)), "unit": unit}
    goal = GOALS.get(metric)
    if goal is not None:
        op, threshold = goal
        line["goal"] = f"{op} {threshold:g}"
        line["met"] = value <= threshold if op == "<=" else value >= threshold
    line.update(_round(context))
    line["machine"] = machine_line()
    return line


def skipped(metric: str, unit: str, reason: str) -> dict[str, Any]:
    """A figure that could not be measured, and why."""
    return {
        "metric": metric,
        "value": None,
        "unit": unit,
        "skipped": reason,
        "machine": machine_line(),
    }


def emit(line: dict[str, Any], out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank on sorted values, interpolated)."""
    if not values:
        raise ValueError("no values")
    if q == 50:
        return float(statistics.median(values))
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def samples_ms(
    fn: Callable[[], object], n: int, warmup: int = 3, budget_s: float = 60.0
) -> list[float]:
    """Milliseconds of ``n`` calls of ``fn`` after ``warmup`` calls.

    Stops early once ``budget_s`` is spent (but always times at least one call); a
    warm-up call that alone takes most of the budget is kept as the one sample.
    """
    deadline = time.perf_counter() + budget_s
    out: list[float] = []
    for _ in range(warmup):
        t = time.perf_counter()
        fn()
        took = time.perf_counter() - t
        if took > budget_s / 2:
            return [took * 1000]
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
        if time.perf_counter() > deadline:
            break
    return out


def _child_main(conn: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        conn.send((True, fn(*args)))
    except BaseException as exc:  # sent back to the parent, which raises it
        conn.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def in_child(fn: Callable[..., Any], args: tuple[Any, ...], timeout: float | None = None) -> Any:
    """``fn(*args)`` in a fresh (spawned) process; ``None`` when it runs past ``timeout``.

    The child may start processes of its own (it is not a pool's daemon). Its memory
    peak, and its imports, stay out of this process.
    """
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main, args=(child, fn, args))
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            return None
        ok, value = parent.recv()
    except EOFError:
        ok, value = False, f"the child process died (exit code {proc.exitcode})"
    finally:
        if proc.is_alive():
            proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join()
        parent.close()
    if not ok:
        raise RuntimeError(f"in a child process: {value}")
    return value


class Timer:
    """``with Timer() as t: ...`` then ``t.seconds``."""

    seconds: float = 0.0

    def __enter__(self) -> Timer:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._start
