"""Run the extractor over the shared dev sets and print the scorers' figures.

    python -m kg.evaluate [EVAL_DIR]     (default ../shared/eval, relative to the cwd)

Predictions go to ``build/eval/`` as contract JSONL (:func:`kg.records.mention_records`);
``score.py`` and ``score_attribution.py`` from EVAL_DIR run on them as subprocesses.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from kg.ingest import read_documents
from kg.records import mention_records

__all__ = ["main", "predict"]

NEGATIVE_SUFFIX = "-neg"


def predict(paths: Iterable[Path], out: Path) -> dict[str, dict[str, int]]:
    """Extract from every text file given, write JSONL to ``out``; counts per document."""
    from kg.extract import Extractor

    counts: dict[str, dict[str, int]] = {}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for extraction in Extractor().extract_many(read_documents(sorted(paths))):
            per = counts.setdefault(extraction.document.id, {})
            for s in extraction.statements:
                per[s.kind.value] = per.get(s.kind.value, 0) + 1
            for record in mention_records(extraction):
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return counts


def _run(args: list[str]) -> tuple[str, str]:
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    return proc.stdout, proc.stderr


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0] if args else "../shared/eval").resolve()
    build = Path("build/eval")
    dev_dir, pol_dir = root / "dev", root / "polnear-dev"
    if not (dev_dir / "gold.jsonl").is_file() or not (pol_dir / "gold.jsonl").is_file():
        print(f"error: no dev sets under {root}", file=sys.stderr)
        return 1
    dev_pred, pol_pred = build / "dev.jsonl", build / "polnear-dev.jsonl"
    dev_counts = predict(dev_dir.glob("*.txt"), dev_pred)
    predict((pol_dir / "texts").glob("*.txt"), pol_pred)
    py = sys.executable
    score, score_attr = str(root / "score.py"), str(root / "score_attribution.py")
    print("== dev: accusations and denials (score.py) ==")
    out, err = _run([py, score, str(dev_dir / "gold.jsonl"), str(dev_pred)])
    print(out.rstrip())
    dev = json.loads(_run([py, score, str(dev_dir / "gold.jsonl"), str(dev_pred), "--json"])[0])
    print("\n== dev: claims (score.py --kinds claim) ==")
    print(_run([py, score, str(dev_dir / "gold.jsonl"), str(dev_pred), "--kinds", "claim"])[0])
    print("== PolNeAR dev: attribution spans (score_attribution.py) ==")
    out, err = _run([py, score_attr, str(pol_dir / "gold.jsonl"), str(pol_pred)])
    print(out.rstrip())
    if err.strip():
        print(err.rstrip())
    pol = json.loads(
        _run([py, score_attr, str(pol_dir / "gold.jsonl"), str(pol_pred), "--json"])[0]
    )
    negatives = {d: c for d, c in dev_counts.items() if d.endswith(NEGATIVE_SUFFIX)}
    neg_acts = sum(c.get("accusation", 0) + c.get("denial", 0) for c in negatives.values())
    neg_claims = sum(c.get("claim", 0) for c in negatives.values())
    a = dev["all"]
    ev = dev["evidence_accuracy"]
    print("\n== summary ==")
    print(f"dev accusation+denial  P={a['precision']:.3f} R={a['recall']:.3f} F1={a['f1']:.3f}")
    print(f"dev evidence accuracy  {'n/a' if ev is None else f'{ev:.3f}'}")
    print(
        f"negative control       {neg_acts} accusation/denial statement(s), "
        f"{neg_claims} claim(s) on {', '.join(sorted(negatives)) or '-'}"
    )
    print(
        f"PolNeAR source exact   F1={pol['source']['exact']['f1']:.3f}   "
        f"cue exact F1={pol['cue']['exact']['f1']:.3f}   "
        f"content overlap F1={pol['content']['overlap']['f1']:.3f}"
    )
    print(f"predictions written to {build}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
