from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sources.verification import VERIFIERS, ClaimToVerify, suggest, verify
from tests.verification.builders import assert_offsets, claim

REPO = Path(__file__).resolve().parents[2]
ARTICLE = (
    "Kelmouth, March 19 - The prime minister arrived in Kelmouth on Thursday.\n"
    "The last visit by a prime minister to Kelmouth was in 2012, officials said. "
    "The harbour authority spent $412 million on dredging in 2019, its annual report shows.\n"
    "“We will keep the harbour open to fishing boats,” said harbour master Ines Duarte. "
    "Unemployment in Kelmouth stood at 6.1% in 2020, up from 5.2% a year earlier."
)


def test_importing_the_library_does_not_import_django() -> None:
    code = "import sources.verification, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_the_registry_names_every_verifier() -> None:
    assert set(VERIFIERS) == {"relevance", "quantities", "dates", "quotes"}
    assert all(callable(v) for v in VERIFIERS.values())


def test_from_dict_reads_the_stored_json_form() -> None:
    stored = {
        "text": "nearly $800 million on roads in 2020",
        "sentence": "The city spent nearly $800 million on roads in 2020.",
        "kind": "statistical",
        "speaker": None,
        "quantities": [
            {"text": "nearly $800 million", "value": 800000000, "low": None, "high": None,
             "unit": "USD", "approximate": True, "qualifier": "nearly"}
        ],
        "dates": [{"text": "in 2020", "value": "2020"}],
    }  # fmt: skip
    built = ClaimToVerify.from_dict(stored, published=date(2021, 1, 5))
    assert built.quantities[0].value == 800_000_000.0
    assert (built.quantities[0].start, built.quantities[0].end) == (0, 0)
    assert built.quantities[0].qualifier == "nearly"
    assert built.dates[0].value == "2020"
    assert built.published == date(2021, 1, 5)
    findings = verify(built, "In 2020 the city spent $790 million on road repairs.")
    assert suggest(findings).stance == "supports"


@pytest.mark.parametrize(
    ("text", "kind", "speaker", "verifiers", "stance"),
    [
        ("The harbour authority spent about $400 million on dredging in 2019", "statistical",
         None, {"relevance", "quantities"}, "supports"),
        ("the first visit by a prime minister to Kelmouth in nine years", "temporal", None,
         {"relevance", "dates"}, "supports"),
        ("We will keep the harbour open to fishing boats", "quote", "Ines Duarte",
         {"relevance", "quotes"}, "supports"),
        ("Unemployment in Kelmouth was 8% in 2020", "statistical", None,
         {"relevance", "quantities"}, "contradicts"),
    ],
)  # fmt: skip
def test_verify_runs_the_verifiers_that_apply_and_suggest_reads_them(
    text: str, kind: str, speaker: str | None, verifiers: set[str], stance: str
) -> None:
    findings = verify(claim(text, kind, speaker=speaker), ARTICLE)
    assert {f.verifier for f in findings} == verifiers
    assert_offsets(findings, ARTICLE)
    assert suggest(findings).stance == stance
    json.dumps([f.to_dict() for f in findings])
    assert all(0.0 <= f.confidence <= 1.0 for f in findings)
    assert all(f.stance in ("supports", "contradicts", "mixed", "unrelated") for f in findings)


HOSTILE = [
    "",
    "   \n\n\t ",
    "a" * 1_000_000,
    "$8 million 2020 nine years. " * 40_000,
    "\x00\x01\x02\ufffd\x7f" * 50_000 + "“" * 10_000 + "..." * 10_000,
    "".join(chr(c) for c in range(0x20, 0x3000)) * 20,
    "İ" * 10_000 + " city spent $800 million in 2020",
    "." * 300_000 + " " * 300_000,
    "Jane Holt said “we will not raise taxes” " * 25_000,
]
CLAIMS = [
    claim("The city spent nearly $800 million on roads in 2020"),
    claim("It was the first royal visit in nine years", "temporal"),
    claim("We will not raise taxes this year", "quote", speaker="Jane Holt"),
    claim("", "factual"),
    claim("“ … ” ...", "quote"),
]


@pytest.mark.parametrize("snapshot", HOSTILE, ids=lambda s: f"{len(s)}chars")
def test_hostile_sources_never_raise_and_keep_offsets(snapshot: str) -> None:
    for item in CLAIMS:
        findings = verify(item, snapshot)
        assert_offsets(findings, snapshot)
        suggest(findings)
