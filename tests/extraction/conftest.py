"""Helpers for the extraction tests: the shared evaluation data and a stand-in scorer."""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("FACTCHECK_SHARED", REPO.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def require(condition: bool, reason: str) -> None:
    """Skip with `reason` on a developer's machine; fail under CI=true, where it must run."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def eval_dir() -> Path:
    path = SHARED / "eval"
    require(path.is_dir(), f"the shared evaluation data is missing ({path})")
    return path


def require_model() -> None:
    """Tests of the real pipeline need the shipped check-worthiness model."""
    spec = importlib.util.find_spec("claims.extraction.checkworthiness")
    require(spec is not None, "claims/extraction/checkworthiness.py (the shipped model) is missing")


class KeywordScorer:
    """A fixed, fast scorer so that extractor tests do not depend on the trained model."""

    threshold = 0.5
    _signal = re.compile(r"\d|percent|million|billion|record|first|voted|died", re.I)

    def scores(self, sentences: Sequence[str]) -> list[float]:
        return [0.8 if self._signal.search(s) else 0.2 for s in sentences]


@pytest.fixture
def scorer() -> KeywordScorer:
    return KeywordScorer()
