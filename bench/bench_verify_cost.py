"""Cost of verifying one claim against a long source: ms per claim per 100 KB of source text.

The source is synthetic: newsroom-style sentences written for this bench, varied with random
names, amounts and years and joined into paragraphs until it reaches 100 KB and 1 MB, with the
evidence for each claim placed once in the middle. "cold" clears every cache before each claim
(the first claim checked against a source pays for cutting it into passages); "warm" checks the
claims in turn against the same source, as a verification run over one article's claims does.
Target: under 50 ms per claim per 100 KB.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claims.extraction.dates import DateContext, find_dates  # noqa: E402
from claims.extraction.quantities import find_quantities  # noqa: E402
from sources.verification import ClaimToVerify, verify  # noqa: E402
from sources.verification.passages import document  # noqa: E402
from sources.verification.reading import _read  # noqa: E402
from sources.verification.relevance import _rank  # noqa: E402

TEMPLATES = [
    "The {org} said on {weekday} that it had spent {money} on {topic} in {year}.",
    "Officials in {city} reported that {count} residents had signed the petition by {month}.",
    "According to the {org}, unemployment in {city} stood at {pct} last year.",
    "{person} told reporters that the {topic} plan would be reviewed before {month} {year}.",
    "Critics argued the figures were incomplete, pointing to gaps in the {year} survey.",
    "“We expect the {topic} programme to grow,” said {person}, a spokesperson for the {org}.",
    "The council approved {money} for {topic}, up {pct} from the previous budget.",
    "Attendance at the {city} fair fell to {count} visitors, the lowest since {year}.",
    "In a statement, the {org} described the {topic} report as a first step.",
    "The new line will run {km} between {city} and the coast, engineers said.",
]
ORGS = ["finance ministry", "statistics office", "regional council", "transport authority"]
TOPICS = ["housing", "school meals", "flood defences", "rail upgrades", "broadband"]
CITIES = ["Northbridge", "Lowmoor", "Eastwick", "Harlow Vale", "Port Ellen"]
PEOPLE = ["Maria Okafor", "Tom Reyes", "Li Wen", "Sara Lindqvist", "Omar Haddad"]
MONTHS = ["January", "March", "June", "September", "November"]
WEEKDAYS = ["Monday", "Tuesday", "Thursday", "Friday"]

EVIDENCE = (
    "The harbour authority confirmed that dredging at Kelmouth cost $412 million in 2019. "
    "The last royal visit to Kelmouth took place in 2010, the authority added. "
    "“Kelmouth will not close its harbour to fishing boats,” said harbour master Ines Duarte."
)
PUBLISHED = date(2021, 5, 1)


def _claim(text: str, sentence: str, kind: str, speaker: str | None = None) -> ClaimToVerify:
    """A claim as extraction would hand it over, amounts and dates read by its recognisers."""
    dates, _ = find_dates(text, 0, len(text), DateContext(PUBLISHED))
    quantities = find_quantities(text, 0, len(text), [(d.start, d.end) for d in dates])
    return ClaimToVerify(text, sentence, kind, tuple(quantities), tuple(dates), speaker, PUBLISHED)


CLAIMS = [
    _claim(
        "dredging at Kelmouth cost about $400 million in 2019",
        "Dredging at Kelmouth cost about $400 million in 2019, officials said.",
        "statistical",
    ),
    _claim(
        "the first royal visit to Kelmouth in 11 years",
        "The visit was the first royal visit to Kelmouth in 11 years.",
        "temporal",
    ),
    _claim(
        "Kelmouth will not close its harbour to fishing boats",
        "“Kelmouth will not close its harbour to fishing boats,” said Ines Duarte.",
        "quote",
        speaker="Ines Duarte",
    ),
    _claim(
        "Broadband spending in Lowmoor doubled",
        "Broadband spending in Lowmoor doubled, the council said.",
        "factual",
    ),
]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        org=rng.choice(ORGS), topic=rng.choice(TOPICS), city=rng.choice(CITIES),
        person=rng.choice(PEOPLE), month=rng.choice(MONTHS), weekday=rng.choice(WEEKDAYS),
        year=rng.randint(1995, 2022), money=f"${rng.randint(2, 900)} million",
        count=f"{rng.randint(100, 90_000):,}", pct=f"{rng.randint(1, 30)}.{rng.randint(0, 9)}%",
        km=f"{rng.randint(5, 300)} km",
    )  # fmt: skip


def source(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = 0
    while length < size:
        paragraph = " ".join(_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(2, 6)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    paragraphs.insert(len(paragraphs) // 2, EVIDENCE)
    return "\n".join(paragraphs)[: size + len(EVIDENCE)]


def _clear() -> None:
    document.cache_clear()
    _rank.cache_clear()
    _read.cache_clear()


def measure(text: str, rounds: int) -> tuple[float, float]:
    """(cold, warm) median ms per claim."""
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(rounds):
        for claim in CLAIMS:
            _clear()
            started = time.perf_counter()
            verify(claim, text)
            cold.append((time.perf_counter() - started) * 1000)
        _clear()
        document(text)
        for claim in CLAIMS:
            _rank.cache_clear()
            started = time.perf_counter()
            verify(claim, text)
            warm.append((time.perf_counter() - started) * 1000)
    return statistics.median(cold), statistics.median(warm)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"{len(CLAIMS)} claims (statistical, first-in-N-years, quote, factual); median of "
          f"{args.rounds} rounds")  # fmt: skip
    print(f"{'source':>8} {'cold ms/claim':>14} {'per 100 KB':>11} {'warm ms/claim':>14} "
          f"{'per 100 KB':>11}")  # fmt: skip
    for size in (100_000, 1_000_000):
        text = source(size)
        assert "Kelmouth" in text
        cold, warm = measure(text, args.rounds)
        per = len(text) / 100_000
        print(f"{len(text) // 1000:>6}KB {cold:>14.1f} {cold / per:>11.1f} {warm:>14.1f} "
              f"{warm / per:>11.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
