"""Words that make a statement a comparison or a checkable event.

Each pattern comes with the set of words that can start a match (or must occur in the sentence)
so that the scanner only tries it where it can succeed.
"""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re

from claims.extraction.scan import DIGIT

_SUPERLATIVE_WORDS = [
    "largest",
    "biggest",
    "highest",
    "lowest",
    "longest",
    "shortest",
    "smallest",
    "greatest",
    "worst",
    "best",
    "fastest",
    "slowest",
    "deadliest",
    "oldest",
    "youngest",
    "richest",
    "poorest",
    "strongest",
    "weakest",
    "cheapest",
    "costliest",
    "busiest",
    "hottest",
    "coldest",
    "warmest",
    "wettest",
    "driest",
    "heaviest",
    "widest",
    "deepest",
    "tallest",
    "fewest",
    "safest",
]
_COMPARATIVE_WORDS = [
    "higher",
    "lower",
    "greater",
    "larger",
    "bigger",
    "smaller",
    "longer",
    "shorter",
    "older",
    "younger",
    "faster",
    "slower",
    "better",
    "worse",
    "cheaper",
    "richer",
    "poorer",
    "stronger",
    "weaker",
    "deadlier",
    "safer",
    "likelier",
    "earlier",
    "later",
    "costlier",
    "wider",
    "deeper",
    "taller",
]
_CHANGE_NOUNS = [
    "spike",
    "surge",
    "jump",
    "rise",
    "increase",
    "drop",
    "decline",
    "fall",
    "reduction",
    "hike",
    "slump",
    "plunge",
]
_SUPERLATIVES = "|".join(_SUPERLATIVE_WORDS) + r"|most\s+[a-z]+|least\s+[a-z]+"
_COMPARATIVES = "|".join(_COMPARATIVE_WORDS)

COMPARISON = re.compile(
    r"\b(?:the|its|their|his|her|our|my|your|[a-z]+['’]s)\s+"
    r"(?:(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))[\s-])?"
    rf"(?:{_SUPERLATIVES})\b"
    r"|\b(?:the\s+)?first\b(?=[^.;,]{0,60}?\b(?:in|since|for)\s+(?:\S+\s+){0,2}"
    r"(?:years?|decades?|months?|weeks?|history|\d{4})\b)"
    r"|\b(?:is|was|are|were|became|become|be|been)\s+the\s+first\b|\bfirst[- ]ever\b"
    r"|\b(?:all-time|record)[- ](?:highs?|lows?|numbers?|levels?|amounts?|breaking|setting|year|"
    r"temperatures?)\b|\b(?:a|new|all-time)\s+record\b"
    r"|\b(?:more|less|fewer)\b(?!\s+than\b)(?=[^.;]{0,60}?\bthan\b)"
    rf"|\b(?:{_COMPARATIVES})\b(?=[^.;]{{0,60}}?\bthan\b)"
    r"|\b(?:twice|thrice|double|triple|half)\s+as\s+[a-z]+\b"
    rf"|\btimes\s+(?:more|less|fewer|{_COMPARATIVES}|as)\b"
    rf"|\b(?:a|an|the)\s+(?:[a-z]+\s+)?(?:{'|'.join(_CHANGE_NOUNS)})\s+in\b"
    r"|\bcompared\s+(?:with|to)\b|\bversus\b"
    r"|\brank(?:ed|s)?\s+(?:no\.|number|first|second|third|last|top|\d)|\bno\.\s?1\b"
    r"|\b(?:doubled|tripled|quadrupled|halved)\b",
    re.I,
)
# A sentence without one of these words cannot hold a comparison match.
COMPARISON_GATE = frozenset(
    [*_SUPERLATIVE_WORDS, *_CHANGE_NOUNS, "most", "least", "first", "record", "than", "twice",
     "thrice", "double", "triple", "half", "times", "compared", "versus", "rank", "ranked", "ranks",
     "doubled", "tripled", "quadrupled", "halved"]
)  # fmt: skip

# Words that can begin a comparison match (possessors like "Russia's" are added by the scanner).
COMPARISON_STARTS = frozenset(
    [*_COMPARATIVE_WORDS, "the", "its", "their", "his", "her", "our", "my", "your", "first", "is",
     "was", "are", "were", "became", "become", "be", "been", "all", "record", "a", "an", "new",
     "more", "less", "fewer", "twice", "thrice", "double", "triple", "half", "times", "compared",
     "versus", "rank", "ranked", "ranks", "no", "doubled", "tripled", "quadrupled", "halved"]
)  # fmt: skip

_TREND_WORDS = [
    "rose",
    "rise",
    "rises",
    "risen",
    "rising",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "increased",
    "increases",
    "decreased",
    "decreases",
    "dropped",
    "drops",
    "declined",
    "declines",
    "grew",
    "grows",
    "grown",
    "jumped",
    "jumps",
    "surged",
    "surges",
    "soared",
    "plunged",
    "plummeted",
    "climbed",
    "slumped",
    "spiked",
    "shrank",
    "shrunk",
    "reduced",
    "cut",
    "slashed",
    "boosted",
    "raised",
    "lowered",
]
# Verbs of change only count when an amount follows ("rose by 5%"), not in "the government fell".
TREND = re.compile(
    rf"\b(?:{'|'.join(_TREND_WORDS)}|went\s+up|went\s+down|gone\s+up|gone\s+down)\b", re.I
)
TREND_STARTS = frozenset([*_TREND_WORDS, "went", "gone"])

_PARTICIPLES = (
    r"[a-z]{3,}ed|won|lost|made|taken|given|met|left|become|begun|run|sold|bought|paid|spent|"
    r"built|written|led|held|fought|fled|shot|hit|cut|set|put|beaten|broken|grown|risen|fallen|"
    r"come|gone|brought|caught|sent|kept|told|found|seen|shown|done|chosen|driven|known|stolen|"
    r"sworn|thrown|withdrawn|struck|spoken"
)
_EVENT_VERBS = [
    "voted",
    "passed",
    "signed",
    "banned",
    "approved",
    "vetoed",
    "repealed",
    "enacted",
    "arrested",
    "elected",
    "re-elected",
    "resigned",
    "fired",
    "sentenced",
    "convicted",
    "charged",
    "indicted",
    "acquitted",
    "invaded",
    "annexed",
    "launched",
    "killed",
    "died",
    "won",
    "lost",
    "announced",
    "declared",
    "confirmed",
    "denied",
    "admitted",
    "pledged",
    "promised",
    "proposed",
    "opposed",
    "supported",
    "sponsored",
    "co-sponsored",
    "authored",
    "founded",
    "created",
    "abolished",
    "eliminated",
    "privatized",
    "nationalized",
    "deported",
    "detained",
    "released",
    "recovered",
    "diagnosed",
    "hospitalized",
    "vaccinated",
    "sued",
    "fined",
    "awarded",
    "appointed",
    "nominated",
    "endorsed",
    "funded",
    "defunded",
    "blocked",
    "cancelled",
    "canceled",
    "suspended",
    "imposed",
    "lifted",
]
_ADVERBS = ["recently", "already", "previously", "formerly", "once", "just"]
FACTUAL = re.compile(
    rf"\b(?:{'|'.join(_ADVERBS)})\s+"
    r"(?:[a-z]{3,}ed|won|lost|made|took|gave|met|left|became|began|ran|sold|bought|paid|spent|"
    r"built|wrote|led|held|fought|fled|shot|hit|cut|beat|broke|grew|rose|fell|came|went|brought|"
    r"caught|sent|kept|told|found|struck|spoke)\b"
    r"|\b(?:has|have|had)\s+(?:not\s+|never\s+|already\s+|also\s+|just\s+|recently\s+|now\s+)?"
    rf"(?:been\s+)?(?:{_PARTICIPLES})\b"
    rf"|\b(?:{'|'.join(re.escape(v) for v in _EVENT_VERBS)}|tested\s+positive|"
    r"was\s+born|were\s+born)\b",
    re.I,
)
FACTUAL_STARTS = frozenset(
    [*_ADVERBS, *_EVENT_VERBS, "re", "co", "has", "have", "had", "tested", "was", "were"]
)
__all__ = [
    "COMPARISON",
    "COMPARISON_GATE",
    "COMPARISON_STARTS",
    "DIGIT",
    "FACTUAL",
    "FACTUAL_STARTS",
    "TREND",
    "TREND_STARTS",
]
