"""The seed article: every gold claim is found, and its boilerplate yields nothing."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from claims.extraction import ExtractionResult, extract
from claims.extraction.evaluation import claims_in, gold_misses
from tests.extraction.conftest import eval_dir, require_model


def _seed() -> tuple[dict[str, Any], ExtractionResult]:
    seed = eval_dir() / "seed"
    gold = json.loads((seed / "lavrov-pakistan.gold.json").read_text("utf-8"))
    require_model()
    text = (seed / gold["article"]).read_text("utf-8")
    return gold, extract(text, published=date.fromisoformat(gold["published"]))


def test_every_gold_claim_of_the_seed_article_is_found() -> None:
    gold, result = _seed()
    assert gold_misses(result, gold["claims"]) == []


def test_seed_boilerplate_lines_yield_no_claims() -> None:
    gold, result = _seed()
    for line in gold["not_claims"]:
        assert claims_in(result, line) == [], line
        assert line not in result.clean_text, line
