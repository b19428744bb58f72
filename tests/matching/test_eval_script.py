"""`make eval` runs tools/eval_matching.py on the shipped pair set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tools" / "eval_matching.py"
PAIRS = REPO / "tools" / "data" / "claim_pairs.jsonl"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def test_the_eval_script_runs_on_the_shipped_pair_set() -> None:
    result = _run("--errors")
    assert result.returncode == 0, result.stderr
    for part in ("dev:", "holdout:", "precision", "errors at"):
        assert part in result.stdout


def test_the_shipped_pair_set_is_large_and_balanced() -> None:
    pairs = [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines() if line.strip()]
    dev = [p for p in pairs if p.get("split", "dev") == "dev"]
    holdout = [p for p in pairs if p.get("split") == "holdout"]
    assert len(dev) >= 200
    assert len(holdout) >= 50
    share = sum(p["match"] for p in pairs) / len(pairs)
    assert 0.4 <= share <= 0.6


def test_the_eval_script_accepts_a_threshold() -> None:
    result = _run("--threshold", "0.6")
    assert result.returncode == 0, result.stderr
    assert "threshold 0.60" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json\n", "line 1: not JSON"),
        ('{"a": "x", "b": "y", "category": "reworded"}\n', "line 1: 'match'"),
        ('{"a": "", "b": "y", "match": true, "category": "reworded"}\n', "line 1: 'a'"),
        ("[1, 2]\n", "line 1: expected a JSON object"),
        ('{"a": "x", "b": "y", "match": true, "category": "c", "split": "test"}\n', "'split'"),
        ("\n\n", "holds no pairs"),
    ],
)
def test_the_eval_script_rejects_a_malformed_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(content, encoding="utf-8")
    result = _run("--pairs", str(path))
    assert result.returncode != 0
    assert message in result.stderr


def test_the_eval_script_reports_a_missing_file(tmp_path: Path) -> None:
    result = _run("--pairs", str(tmp_path / "absent.jsonl"))
    assert result.returncode != 0
    assert "cannot read" in result.stderr


def test_the_retrieval_eval_says_it_skips_without_the_shared_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "eval_retrieval.py"), "--shared", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "claim retrieval: skipped" in result.stdout


def test_with_sentence_vectors_the_pairs_keep_their_precision_and_figures_still_block() -> None:
    """The issue's bar on our own pairs: precision >= 0.95 at the suggest threshold, and every
    changed number and year blocked, with the vectors on as the product runs."""
    from claims.matching import semantic
    from tests.conftest import require

    require(semantic.available(), "needs semantic matching: " + semantic.INSTALL_HINT)
    result = _run()
    assert result.returncode == 0, result.stderr
    block = result.stdout.split("words only")[0]
    assert "with sentence vectors" in block
    for split in block.split("\n")[1:]:
        if "suggest 0.45: precision" in split:
            assert float(split.split("precision")[1].split()[0]) >= 0.95, split
        if "changed_number" in split or "changed_year" in split:
            assert split.split()[1] == "1.000", split
