"""Which passages of a source are about the claim: BM25 over the passages of one document.

Hand-written: BM25 over a single document is twenty lines, and libraries (rank_bm25, bm25s)
want every passage tokenised up front, which alone would spend the time budget on a 1 MB source.
Here the claim's terms are searched with one regex pass over the lower-cased text, and only
passages that hold a term are scored. Document statistics stay exact: N is the passage count,
df counts passages, and a passage's length in characters stands in for its length in words.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from sources.verification.model import ClaimToVerify, Finding, Stance
from sources.verification.passages import Document, Passage, document
from sources.verification.text import WORD, is_content_word, is_year, negated, stem

NAME = "relevance"

K1 = 1.2
B = 0.75
MAX_TERMS = 24
# A passage is about the claim when it (with a neighbour) holds this share of the weight of the
# claim's terms, and at least two of them: one shared word is coincidence in a long source.
MIN_COVERAGE = 0.34
MIN_MATCHED = 2
# At or above this coverage the passage restates the claim closely enough to take a side.
RESTATES = 0.8
# Weights: words of the claim's span count fully, the rest of its sentence half; names weigh
# more (they pin the subject down), years less (a passage about the wrong year is still the
# one an editor needs to see).
IN_SPAN, IN_SENTENCE, SPEAKER, NAME_BOOST, YEAR_WEIGHT = 1.0, 0.5, 0.6, 1.5, 0.8
NEIGHBOUR_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Term:
    word: str
    key: str
    weight: float


@dataclass(frozen=True, slots=True)
class RankedPassage:
    passage: Passage
    score: float
    coverage: float
    matched: tuple[str, ...]
    neighbour: Passage | None = None
    # The passages just before and after in the same paragraph, where an amount's subject or
    # year is often given ("The road budget grew. It reached $790 million.").
    context: tuple[Passage, ...] = ()
    # Coverage by the passage's own words, without the neighbour's: what it says by itself.
    own_coverage: float = 0.0
    own_matched: tuple[str, ...] = ()

    @property
    def relevant_alone(self) -> bool:
        return self.own_coverage >= MIN_COVERAGE and len(self.own_matched) >= MIN_MATCHED

    @property
    def relevant(self) -> bool:
        return self.coverage >= MIN_COVERAGE and len(self.matched) >= MIN_MATCHED


def _capitalised_words(sentence: str) -> set[str]:
    names: set[str] = set()
    for i, match in enumerate(WORD.finditer(sentence)):
        word = match.group(0)
        if i > 0 and word[:1].isupper():
            names.add(word.lower().replace("\u2019", "'"))
    return names


def claim_terms(claim: ClaimToVerify) -> tuple[Term, ...]:
    """The claim's searchable words with their weights, heaviest first."""
    names = _capitalised_words(claim.sentence or claim.text)
    weights: dict[str, Term] = {}

    def add(raw: str, weight: float) -> None:
        word = raw.lower().replace("\u2019", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if not word or not is_content_word(word):
            return
        if is_year(word):
            weight = min(weight, YEAR_WEIGHT)
        elif word in names:
            weight *= NAME_BOOST
        key = word if is_year(word) else stem(word)
        if key not in weights or weights[key].weight < weight:
            weights[key] = Term(word, key, weight)

    for raw in WORD.findall(claim.sentence):
        add(raw, IN_SENTENCE)
    for raw in WORD.findall(claim.text):
        add(raw, IN_SPAN)
    for raw in WORD.findall(claim.speaker or ""):
        if stem(raw.lower()) not in weights:
            add(raw, SPEAKER)
    ordered = sorted(weights.values(), key=lambda t: -t.weight)
    return tuple(ordered[:MAX_TERMS])


def _pattern(terms: tuple[Term, ...]) -> re.Pattern[str]:
    # One alternation, longest keys first so "roadwork" is not read as "road" + suffix; a
    # capture group per term says which one matched. Years must match whole.
    order = sorted(range(len(terms)), key=lambda i: -len(terms[i].key))
    parts = []
    for i in order:
        suffix = "" if is_year(terms[i].key) else r"[^\W_]{0,6}"
        parts.append(f"(?P<t{i}>{re.escape(terms[i].key)}){suffix}")
    return re.compile(r"\b(?:" + "|".join(parts) + r")(?![^\W_])")


@lru_cache(maxsize=64)
def _compiled(terms: tuple[Term, ...]) -> re.Pattern[str]:
    return _pattern(terms)


def _term_hits(doc: Document, terms: tuple[Term, ...]) -> dict[int, dict[int, int]]:
    """passage index -> term index -> occurrences."""
    hits: dict[int, dict[int, int]] = defaultdict(dict)
    if not terms:
        return hits
    pattern = _compiled(terms)
    for match in pattern.finditer(doc.lowered):
        group = match.lastgroup
        if group is None:
            continue
        term = int(group[1:])
        counts = hits[doc.index_at(match.start())]
        counts[term] = counts.get(term, 0) + 1
    return hits


def rank(claim: ClaimToVerify, snapshot_text: str, limit: int = 8) -> tuple[RankedPassage, ...]:
    """The passages most about the claim, best first (relevant or not; see `.relevant`)."""
    try:
        hash(claim)
    except TypeError:  # a claim built with lists instead of tuples: correct, just not cached
        return _rank.__wrapped__(claim, snapshot_text, limit)
    return _rank(claim, snapshot_text, limit)


# Cached: verify() runs several verifiers over the same claim and source.
@lru_cache(maxsize=16)
def _rank(claim: ClaimToVerify, snapshot_text: str, limit: int) -> tuple[RankedPassage, ...]:
    doc = document(snapshot_text)
    terms = claim_terms(claim)
    hits = _term_hits(doc, terms)
    if not hits:
        return ()
    count = len(doc)
    average = max(1.0, len(snapshot_text) / count)
    df = [0] * len(terms)
    for counts in hits.values():
        for term in counts:
            df[term] += 1
    idf = [math.log(1 + (count - n + 0.5) / (n + 0.5)) for n in df]
    scores: dict[int, float] = {}
    for index, counts in hits.items():
        norm = K1 * (1 - B + B * doc.raw_length(index) / average)
        scores[index] = sum(
            terms[t].weight * idf[t] * tf * (K1 + 1) / (tf + norm) for t, tf in counts.items()
        )
    total_weight = sum(t.weight for t in terms) or 1.0
    ranked: list[tuple[float, int, int | None]] = []
    for index, score in scores.items():
        # A passage's subject is often named in the sentence before ("The road budget grew.
        # It reached $790 million."): the better neighbour lends half its score.
        best_neighbour: int | None = None
        for other in doc.neighbours(index):
            if other in scores and (
                best_neighbour is None or scores[other] > scores[best_neighbour]
            ):
                best_neighbour = other
        lent = NEIGHBOUR_SHARE * scores[best_neighbour] if best_neighbour is not None else 0.0
        ranked.append((score + lent, index, best_neighbour))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    result = []
    for score, index, neighbour in ranked[:limit]:
        found = set(hits[index])
        if neighbour is not None:
            found |= set(hits[neighbour])
        coverage = sum(terms[t].weight for t in found) / total_weight
        own = sorted(hits[index])
        own_coverage = sum(terms[t].weight for t in own) / total_weight
        result.append(
            RankedPassage(
                passage=doc.passage(index),
                score=score,
                coverage=min(1.0, coverage),
                matched=tuple(terms[t].word for t in sorted(found)),
                neighbour=doc.passage(neighbour) if neighbour is not None else None,
                context=tuple(doc.passage(i) for i in doc.neighbours(index)),
                own_coverage=min(1.0, own_coverage),
                own_matched=tuple(terms[t].word for t in own),
            )
        )
    return tuple(result)


def relevant(claim: ClaimToVerify, snapshot_text: str, limit: int = 5) -> list[RankedPassage]:
    return [r for r in rank(claim, snapshot_text) if r.relevant][:limit]


def unrelated_finding(verifier: str, explanation: str, **details: object) -> Finding:
    return Finding(verifier, Stance.UNRELATED, 0.5, "", 0, 0, explanation, dict(details))


def _stance(claim: ClaimToVerify, item: RankedPassage) -> tuple[Stance, float, str]:
    words = item.own_matched if item.own_coverage >= RESTATES else item.matched
    share = f"{len(words)} of the claim's key terms ({', '.join(words[:6])})"
    if item.own_coverage >= RESTATES:
        # Judged on the passage's own words: a negation in the neighbour says nothing of it.
        if negated(claim.text) != negated(item.passage.text):
            return (
                Stance.CONTRADICTS,
                0.25 + 0.25 * item.coverage,
                f"The passage shares {share} but one of the two is negated",
            )
        return (
            Stance.SUPPORTS,
            0.3 + 0.3 * item.coverage,
            f"The passage shares {share}, with the same polarity; wording alone cannot settle it",
        )
    return (
        Stance.MIXED,
        0.15 + 0.3 * item.coverage,
        f"The passage shares {share}: it is about the claim's subject but only partly restates it",
    )


def verify_relevance(claim: ClaimToVerify, snapshot_text: str) -> list[Finding]:
    """The passages that bear on the claim, or one "unrelated" finding when none does."""
    ranked = rank(claim, snapshot_text)
    chosen = [r for r in ranked if r.relevant][:3]
    if not chosen:
        best = ranked[0].coverage if ranked else 0.0
        return [
            Finding(
                NAME,
                Stance.UNRELATED,
                round(1.0 - best, 3),
                "",
                0,
                0,
                "No passage of the source shares enough of the claim's key terms",
                {"best_coverage": round(best, 3), "terms": [t.word for t in claim_terms(claim)]},
            )
        ]
    findings = []
    for position, item in enumerate(chosen):
        stance, confidence, explanation = _stance(claim, item)
        findings.append(
            Finding(
                NAME,
                stance,
                round(min(1.0, confidence), 3),
                item.passage.text,
                item.passage.start,
                item.passage.end,
                explanation,
                {
                    "rank": position + 1,
                    "score": round(item.score, 3),
                    "coverage": round(item.coverage, 3),
                    "matched": list(item.matched),
                },
            )
        )
    return findings


__all__ = ["NAME", "RankedPassage", "Term", "claim_terms", "rank", "relevant", "verify_relevance"]
