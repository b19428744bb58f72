"""Print the claim extractor's quality figures on the shared evaluation data (`make eval`).

Figures: the seed article's gold claims found; sentence-level precision/recall/F1 of the Yes class
on CheckThat! 2024 English dev (a sentence is positive when one of its claims is check-worthy);
QuantTemp recall of quantity/date detection, overall and per category; and the real news pages of
eval/news (sentence F1, values, dates, speakers, what cleaning lost), scored by its own scorer.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claims.extraction import Document, ExtractionError, ExtractionResult, extract, extract_many  # noqa: E402
from claims.extraction.evaluation import claims_in, gold_misses  # noqa: E402
from claims.extraction.scoring import SentenceScorer, default_scorer, genre_threshold  # noqa: E402


def _shared_default() -> Path:
    return Path(os.environ.get("FACTCHECK_SHARED", REPO.parent / "shared"))


def seed_figures(eval_dir: Path, scorer: SentenceScorer) -> None:
    gold = json.loads((eval_dir / "seed" / "lavrov-pakistan.gold.json").read_text("utf-8"))
    text = (eval_dir / "seed" / gold["article"]).read_text("utf-8")
    result = extract(text, published=date.fromisoformat(gold["published"]), scorer=scorer)
    misses = gold_misses(result, gold["claims"])
    total = len(gold["claims"])
    print(f"seed gold claims found: {total - len(misses)}/{total}")
    for miss in misses:
        print(f"  missed: {miss}")
    leaked = [line for line in gold["not_claims"] if claims_in(result, line)]
    print(f"seed boilerplate lines yielding claims: {len(leaked)}/{len(gold['not_claims'])}")
    print(
        f"seed claims returned: {len(result.claims)} "
        f"({sum(c.checkworthy for c in result.claims)} check-worthy)"
    )


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))[1:]


def _ok(results: list[ExtractionResult | ExtractionError]) -> list[ExtractionResult | None]:
    return [r if isinstance(r, ExtractionResult) else None for r in results]


def checkthat_figures(eval_dir: Path, scorer: SentenceScorer) -> None:
    rows = _rows(eval_dir / "checkthat2024" / "CT24_checkworthy_english_dev.tsv")
    texts = [row[1] for row in rows]
    gold = [row[2].strip() == "Yes" for row in rows]
    started = time.perf_counter()
    # Debate transcripts: the model's cut for that genre of text.
    documents = [Document(t, genre="transcript") for t in texts]
    results = _ok(extract_many(documents, scorer=scorer))
    elapsed = time.perf_counter() - started
    predicted = [bool(r and any(c.checkworthy for c in r.claims)) for r in results]
    cut = genre_threshold(scorer, "transcript")
    model_only = [s >= cut for s in scorer.scores(texts)]
    print(f"CheckThat! 2024 dev: {len(rows)} sentences, {sum(gold)} Yes ({elapsed:.1f} s)")
    _prf("  claims (a sentence is Yes when one of its claims is check-worthy)", gold, predicted)
    _prf("  sentence model alone, for reference", gold, model_only)
    with_claim = sum(1 for r in results if r and r.claims)
    print(f"  sentences yielding at least one claim: {with_claim}/{len(rows)}")
    # Dev sentences come from the same debates as the training sentences, so these figures are
    # optimistic; `make model` prints the cross-debate estimate (10 folds of whole debates).
    print(
        "  note: dev shares debates with train, so these are optimistic; "
        "`make model` prints the cross-debate estimate"
    )


def _prf(label: str, gold: list[bool], predicted: list[bool]) -> None:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{label}: P={precision:.3f} R={recall:.3f} F1={f1:.3f} (tp={tp} fp={fp} fn={fn})")


def quantemp_figures(eval_dir: Path, scorer: SentenceScorer, show_misses: bool) -> None:
    rows = [
        r for r in _rows(eval_dir / "quantemp" / "quantemp_taxonomy_subset_309.tsv") if len(r) >= 2
    ]
    results = _ok(extract_many([Document(r[0]) for r in rows], scorer=scorer))
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    misses = []
    for row, result in zip(rows, results, strict=True):
        category = row[1].strip()
        totals[category] += 1
        found = result is not None and any(
            any(q.value is not None or q.low is not None for q in c.quantities)
            or any(d.value is not None for d in c.dates)
            for c in result.claims
        )
        if found:
            hits[category] += 1
        else:
            misses.append(f"  [{category}] {row[0][:110]}")
    total = sum(totals.values())
    print(
        f"QuanTemp recall (a claim with a normalized quantity or date): "
        f"{sum(hits.values()) / total:.3f} ({sum(hits.values())}/{total})"
    )
    for category in sorted(totals):
        print(
            f"  {category}: {hits[category] / totals[category]:.3f} "
            f"({hits[category]}/{totals[category]})"
        )
    if show_misses:
        print("QuanTemp misses:")
        print("\n".join(misses))


def news_figures(eval_dir: Path) -> None:
    """The real news pages, scored by the shared scorer running our command-line extractor."""
    scorer = eval_dir / "news" / "score.py"
    if not scorer.is_file():
        print("news pages: no scorer at", scorer)
        return
    command = [sys.executable, str(scorer), "--", sys.executable, "-m", "claims.extraction"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
    lines = (done.stdout or done.stderr).strip().splitlines()
    print(lines[-1] if lines else f"news pages: the scorer printed nothing ({done.returncode})")
    print(
        "  targets: sentence F1 >= 0.88, quantities >= 0.93, dates >= 0.90, speakers >= 0.85,"
        " lost by cleaning <= 2; every miss: python3 ../shared/eval/news/score.py --verbose --"
        " .venv/bin/python -m claims.extraction"
    )
    print(
        "  the check-worthiness model learned from these pages; `make model` prints its figure"
        " on pages held out of training"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=_shared_default(),
        help="the shared folder holding eval/ (default: <repo>/../shared)",
    )
    parser.add_argument("--show-misses", action="store_true", help="list QuanTemp rows missed")
    args = parser.parse_args(argv)
    eval_dir = args.shared / "eval"
    if not eval_dir.is_dir():
        print(f"error: no evaluation data at {eval_dir}", file=sys.stderr)
        return 2
    scorer = default_scorer()
    seed_figures(eval_dir, scorer)
    checkthat_figures(eval_dir, scorer)
    quantemp_figures(eval_dir, scorer, args.show_misses)
    news_figures(eval_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
