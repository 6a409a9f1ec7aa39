"""A tiny run of every benchmark, so they do not rot: right metric names, numeric values.

Timing goals are not checked here (``make bench`` measures them); only that each
benchmark runs end to end and reports what it should.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from bench import generate
from bench.__main__ import METRICS, Config, main, run
from bench.extract import extractor_missing
from bench.report import GOALS

EXTRACTION = {"extract_vs_spacy_ratio", "ingest_jobs2_speedup", "ingest_peak_rss_mb"}
needs_extractor = pytest.mark.skipif(
    extractor_missing() is not None, reason=str(extractor_missing())
)


def check(lines: list[dict[str, Any]], metric: str) -> dict[str, Any]:
    [line] = [x for x in lines if x["metric"] == metric]
    assert isinstance(line["value"], float) and math.isfinite(line["value"]), line
    assert line["value"] >= 0
    assert line["unit"] and line["machine"] and line["smoke"] is True
    if GOALS.get(metric) is not None:
        assert isinstance(line["met"], bool) and line["goal"]
    json.dumps(line)  # one JSON object per line
    return line


def test_metric_names_are_the_issue_s() -> None:
    assert (
        set(METRICS)
        == set(GOALS)
        == {
            "extract_vs_spacy_ratio",
            "ingest_jobs2_speedup",
            "load_vs_oxigraph_ratio",
            "who_accused_p50_ms_1m",
            "who_accused_p50_ms_10m",
            "vs_rdflib_speedup_1m",
            "http_overhead_p50_ms",
            "ingest_peak_rss_mb",
            "export_actor_graph_s_10m",
        }
    )


def test_store_benchmarks(tmp_path: Path) -> None:
    names = [
        "load_vs_oxigraph_ratio",
        "who_accused_p50_ms_1m",
        "vs_rdflib_speedup_1m",
        "http_overhead_p50_ms",
        "export_actor_graph_s_10m",
    ]
    lines, ok = run(Config(tmp_path, smoke=True), names)
    assert ok
    for name in names:
        check(lines, name)
    who = check(lines, "who_accused_p50_ms_1m")
    assert who["triples"] >= 2_000 and who["target"]
    load = check(lines, "load_vs_oxigraph_ratio")
    assert load["triples"] >= 2_000


@needs_extractor
def test_extraction_benchmarks(tmp_path: Path) -> None:
    lines, ok = run(Config(tmp_path, smoke=True), sorted(EXTRACTION))
    assert ok
    for name in EXTRACTION:
        check(lines, name)
    rss = check(lines, "ingest_peak_rss_mb")
    assert set(rss["peak_rss_mb_by_documents"]) == {"3", "6"}


def test_cli_lists_and_refuses_unknown_metrics(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list"]) == 0
    assert capsys.readouterr().out.split() == list(METRICS)
    with pytest.raises(SystemExit):
        main(["--only", "nonsense"])


def test_generated_statements_point_at_their_words() -> None:
    gen = generate.Generator(seed=3, n_actors=80)
    xs = list(gen.extractions(40))
    assert [x.document.id for x in xs] == [
        x.document.id for x in generate.Generator(seed=3, n_actors=80).extractions(40)
    ]
    kinds = {s.kind for x in xs for s in x.statements}
    assert kinds == {"accusation", "denial", "claim"}
    refuted = {s.refutes for x in xs for s in x.statements if s.refutes}
    accusations = {s.id for x in xs for s in x.statements if s.kind == "accusation"}
    assert refuted and refuted <= accusations
    for x in xs:
        text = x.document.text
        for s in x.statements:
            assert 1 <= len(s.mentions) <= 5
            for m in s.mentions:
                quote = m.quote.text(text)
                assert m.speaker is not None and m.cue is not None
                assert m.speaker.text(text).lower() in quote.lower()
                assert m.cue.text(text) in quote
                if m.target is not None:
                    assert m.quote.start <= m.target.start < m.target.end <= m.quote.end


def test_corpus_is_cached_by_size_seed_and_generator(tmp_path: Path) -> None:
    path, figures = generate.corpus_nquads(tmp_path, 1_500)
    assert figures["quads"] >= 1_500 and path.stat().st_size > 0
    again, _ = generate.corpus_nquads(tmp_path, 1_500)
    assert again == path
    assert generate.parse_size("10m") == 10_000_000 and generate.size_label(2_000) == "2k"
