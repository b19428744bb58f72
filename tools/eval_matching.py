"""Print claim matching's quality figures on our labelled pair set (`make eval`).

Each line of the pair set is {"a", "b", "match", "category"} with an optional "split" ("dev", the
default, or "holdout": written after the thresholds were tuned, never tuned on) and an optional
"reference_date" that resolves "last year" on both sides. Figures: precision, recall and F1 at
the suggest and auto thresholds (or --threshold), per split; accuracy per category at the
suggest threshold; with --errors, every pair on the wrong side of it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claims.matching import (  # noqa: E402
    DEFAULT_AUTO_THRESHOLD,
    DEFAULT_SUGGEST_THRESHOLD,
    Comparison,
    compare,
    features_from_text,
    semantic,
)

DEFAULT_PAIRS = REPO / "tools" / "data" / "claim_pairs.jsonl"
SPLITS = ("dev", "holdout")


class PairFileError(Exception):
    """The pair set cannot be read; the message names the line."""


@dataclass(frozen=True, slots=True)
class Pair:
    line: int
    a: str
    b: str
    match: bool
    category: str
    split: str
    reference_date: datetime.date | None


def _pair(number: int, raw: str) -> Pair:
    try:
        item = json.loads(raw)
    except json.JSONDecodeError as error:
        raise PairFileError(f"line {number}: not JSON ({error.msg})") from None
    if not isinstance(item, dict):
        raise PairFileError(f"line {number}: expected a JSON object")
    for key in ("a", "b", "category"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise PairFileError(f"line {number}: {key!r} must be a non-empty string")
    if not isinstance(item.get("match"), bool):
        raise PairFileError(f"line {number}: 'match' must be true or false")
    split = item.get("split", "dev")
    if split not in SPLITS:
        raise PairFileError(f"line {number}: 'split' must be one of {', '.join(SPLITS)}")
    reference: datetime.date | None = None
    if "reference_date" in item:
        try:
            reference = datetime.date.fromisoformat(str(item["reference_date"]))
        except ValueError:
            raise PairFileError(f"line {number}: 'reference_date' must be YYYY-MM-DD") from None
    return Pair(number, item["a"], item["b"], item["match"], item["category"], split, reference)


def read_pairs(path: Path) -> list[Pair]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise PairFileError(f"cannot read {path}: {error}") from None
    pairs = [_pair(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    if not pairs:
        raise PairFileError(f"{path} holds no pairs")
    return pairs


def _figures(results: list[tuple[Pair, Comparison]], threshold: float) -> str:
    tp = sum(1 for p, c in results if p.match and c.score >= threshold)
    fp = sum(1 for p, c in results if not p.match and c.score >= threshold)
    fn = sum(1 for p, c in results if p.match and c.score < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  (tp {tp} fp {fp} fn {fn})"


def _categories(results: list[tuple[Pair, Comparison]], threshold: float) -> list[str]:
    by_category: dict[str, list[bool]] = defaultdict(list)
    for pair, comparison in results:
        by_category[pair.category].append((comparison.score >= threshold) == pair.match)
    return [
        f"    {name:<20} {sum(hits) / len(hits):.3f}  ({sum(hits)}/{len(hits)})"
        for name, hits in sorted(by_category.items())
    ]


def _error(pair: Pair, comparison: Comparison) -> str:
    expected = "match" if pair.match else "no match"
    why = f"blocked: {comparison.blocked_by}" if comparison.blocked_by else "not blocked"
    return (
        f"  [{pair.split} line {pair.line} {pair.category}] expected {expected}, "
        f"score {comparison.score:.3f} (text {comparison.text_similarity:.3f}"
        + ("" if comparison.semantic is None else f", cosine {comparison.semantic:.3f}")
        + f", {why})\n"
        f"      a: {pair.a}\n      b: {pair.b}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS, help="the JSONL pair set")
    parser.add_argument("--threshold", type=float, help="report this threshold instead")
    parser.add_argument("--errors", action="store_true", help="list pairs scored wrongly")
    parser.add_argument("--lexical", action="store_true", help="words only, no sentence vectors")
    args = parser.parse_args(argv)
    try:
        pairs = read_pairs(args.pairs)
    except PairFileError as error:
        print(f"eval_matching: {error}", file=sys.stderr)
        return 2
    thresholds = (
        [("threshold", args.threshold)]
        if args.threshold is not None
        else [("suggest", DEFAULT_SUGGEST_THRESHOLD), ("auto", DEFAULT_AUTO_THRESHOLD)]
    )
    features = [
        (
            features_from_text(pair.a, reference_date=pair.reference_date),
            features_from_text(pair.b, reference_date=pair.reference_date),
        )
        for pair in pairs
    ]
    runs: list[tuple[str, list[float | None]]] = [("words only", [None] * len(pairs))]
    if not args.lexical and semantic.available():
        encoder = semantic.encoder()
        a = encoder.encode([pair.a for pair in pairs])
        b = encoder.encode([pair.b for pair in pairs])
        runs.insert(0, ("with sentence vectors", [float(x) for x in (a * b).sum(axis=1)]))
    elif not args.lexical:
        print("claim matching: sentence vectors skipped, the semantic extra is not installed")
    for label, cosines in runs:
        results = [
            (pair, compare(fa, fb, semantic=cosine))
            for pair, (fa, fb), cosine in zip(pairs, features, cosines, strict=True)
        ]
        _report(args, label, pairs, results, thresholds)
    return 0


def _report(
    args: argparse.Namespace,
    label: str,
    pairs: list[Pair],
    results: list[tuple[Pair, Comparison]],
    thresholds: list[tuple[str, float]],
) -> None:
    print(f"claim matching on {args.pairs.name}, {label}: {len(pairs)} pairs")
    for split in SPLITS:
        chosen = [(p, c) for p, c in results if p.split == split]
        if not chosen:
            continue
        positives = sum(p.match for p, _ in chosen)
        print(f"{split}: {len(chosen)} pairs ({positives} matches)")
        for name, value in thresholds:
            print(f"  {name} {value:.2f}: {_figures(chosen, value)}")
        print(f"  accuracy by category at {thresholds[0][0]} {thresholds[0][1]:.2f}:")
        print("\n".join(_categories(chosen, thresholds[0][1])))
    if args.errors:
        threshold = thresholds[0][1]
        wrong = [(p, c) for p, c in results if (c.score >= threshold) != p.match]
        print(f"errors at {threshold:.2f}: {len(wrong)}")
        for pair, comparison in wrong:
            print(_error(pair, comparison))


if __name__ == "__main__":
    sys.exit(main())
