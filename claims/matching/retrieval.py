"""Retrieval over a known set of checked claims: which of them does a post or query repeat?

Two steps, as in the product: candidates first, then `compare` judges each one.

1. Candidates: a BM25-style lexical index over the content terms of each claim and, as a second
   field counted less, its title. A word's weight is its rarity in this corpus (IDF), with term
   frequency saturated and long documents discounted, so a shared "Starlink" outweighs a shared
   "video". The query is cleaned first (`clean_post`: links, handles, signatures, hashtags).
2. Judging: `compare` with the same rarity weights as its text similarity and, when the index
   has sentence vectors (`claims.matching.semantic`), their cosine, blended with the lexical
   score. Its number and date rules mark a candidate whose amounts or years disagree with the
   query's, and such a candidate is ranked well below one that agrees.

In memory: built once for a corpus (about 5 s for 15,000 claims, plus their vectors when given),
then a query costs the posting lists of its words and, with vectors, encoding the query.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from claims.matching.compare import Comparison, compare
from claims.matching.features import MatchFeatures, features_from_text
from claims.matching.query import clean_post
from claims.matching.terms import terms_of

if TYPE_CHECKING:
    from claims.matching.semantic import Array, Encoder

_NUMBER_WORD = re.compile(r"\b[^\W_]*\d[^\W_]*\b")
# BM25's saturation and length normalization (tuned on the train and dev queries).
K1 = 1.2
B = 0.5
# How much a word in the title or subtitle counts beside one in the claim.
TITLE_WEIGHT = 1.0
# Candidates from the index that `compare` judges.
CANDIDATES = 100
# The final score: this share of `compare`'s score, the rest the lexical score relative to the
# query's best candidate.
COMPARE_SHARE = 0.5
# The same with sentence vectors: `compare` then knows what the words mean, and counts for more.
SEMANTIC_COMPARE_SHARE = 0.8
# A candidate whose numbers or dates disagree with the query's is ranked as if it scored this
# share of its score. It is not dropped: a long post often carries figures of its own beside the
# claim it repeats ("$2.8M" against a check that says "$2 million"), and the check of a claim
# with another figure is still what an editor wants to read. `Hit.comparison.blocked_by` says so,
# and callers that must not link such a pair (the product's thresholds) filter on it.
BLOCKED_RANK_FACTOR = 0.6


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One checked claim: its id, its wording, optionally the title and subtitle of its check."""

    id: str
    claim: str
    title: str = ""
    subtitle: str = ""

    def semantic_text(self) -> str:
        """What the entry's vector is computed from: the claim as worded, and its check's title."""
        return f"{self.claim} {self.title}".strip()


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    score: float  # 0..1, best first
    lexical: float  # the BM25 score, unbounded
    comparison: Comparison


@dataclass(frozen=True, slots=True)
class _Document:
    id: str
    features: MatchFeatures
    terms: Mapping[str, float]  # token -> field-weighted frequency
    length: float


class ClaimIndex:
    """An in-memory index of checked claims, searched with `search`.

    With `encoder` and `vectors` (one row per entry, `encoder.encode` of each entry's
    `semantic_text()`), candidates are judged by meaning as well as by words.
    """

    def __init__(
        self,
        entries: Iterable[CorpusEntry],
        *,
        encoder: Encoder | None = None,
        vectors: Array | None = None,
    ) -> None:
        self._encoder = encoder
        self._vectors = vectors if encoder is not None else None
        self._documents: list[_Document] = []
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for entry in entries:
            features = features_from_text(entry.claim)
            terms: dict[str, float] = dict.fromkeys(
                features.tokens | number_words(entry.claim), 1.0
            )
            heading = f"{entry.title} {entry.subtitle}".strip()
            for token in terms_of(heading).tokens | number_words(heading) if heading else ():
                terms[token] = terms.get(token, 0.0) + TITLE_WEIGHT
            number = len(self._documents)
            self._documents.append(_Document(entry.id, features, terms, sum(terms.values())))
            for token, frequency in terms.items():
                self._postings[token].append((number, frequency))
        count = len(self._documents)
        self._average_length = (
            sum(d.length for d in self._documents) / count if count else 1.0
        ) or 1.0
        self._idf = {
            token: math.log(1 + (count - len(posting) + 0.5) / (len(posting) + 0.5))
            for token, posting in self._postings.items()
        }
        # A word the corpus never uses is as rare as the rarest.
        self._unseen_idf = math.log(1 + (count + 0.5) / 0.5)
        if self._vectors is not None and len(self._vectors) != count:
            raise ValueError(f"{len(self._vectors)} vectors for {count} entries")

    def __len__(self) -> int:
        return len(self._documents)

    def idf(self, token: str) -> float:
        return self._idf.get(token, self._unseen_idf)

    def _lexical(self, tokens: Iterable[str]) -> dict[int, float]:
        scores: dict[int, float] = defaultdict(float)
        for token in tokens:
            posting = self._postings.get(token)
            if not posting:
                continue
            idf = self._idf[token]
            for number, frequency in posting:
                length = self._documents[number].length / self._average_length
                saturation = frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length))
                scores[number] += idf * saturation
        return scores

    def similarity(self, query: frozenset[str], document: frozenset[str]) -> float:
        """`text_similarity` with this corpus's rarity as the weight of each word."""
        shared = query & document
        if not shared:
            return 0.0
        common = sum(self.idf(t) for t in shared)
        mine = sum(self.idf(t) for t in query)
        theirs = sum(self.idf(t) for t in document)
        dice = 2 * common / (mine + theirs)
        containment = common / min(mine, theirs)
        return min(1.0, 0.5 * dice + 0.5 * containment)

    def search(self, text: str, *, top: int = 5) -> list[Hit]:
        """The `top` checked claims `text` most likely repeats, best first."""
        if top <= 0 or not self._documents:
            return []
        query = _query_features(text)
        lexical = self._lexical(query.tokens)
        if not lexical:
            return []
        ranked = sorted(lexical.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]
        best = ranked[0][1]
        meaning: dict[int, float] = {}
        share = COMPARE_SHARE
        if self._encoder is not None and self._vectors is not None:
            numbers = [number for number, _ in ranked]
            cosines = self._vectors[numbers] @ self._encoder.encode([clean_post(text)])[0]
            meaning = dict(zip(numbers, cosines.tolist(), strict=True))
            share = SEMANTIC_COMPARE_SHARE
        hits = []
        for number, score in ranked:
            document = self._documents[number]
            # The title's words count in the similarity as they did in finding the candidate.
            similarity = self.similarity(query.tokens, frozenset(document.terms))
            comparison = compare(
                query,
                document.features,
                similarity=similarity,
                semantic=meaning.get(number),
            )
            relative = score / best
            if comparison.blocked_by is None:
                final = share * comparison.score + (1 - share) * relative
            else:  # the similarity, as compare saw it before the veto
                final = share * comparison.text_similarity + (1 - share) * relative
                final *= BLOCKED_RANK_FACTOR
            hits.append(Hit(document.id, round(final, 4), round(score, 4), comparison))
        hits.sort(key=lambda hit: (-hit.score, -hit.lexical, hit.id))
        return hits[:top]


def _query_features(text: str) -> MatchFeatures:
    """The features of a cleaned post, less its contractions ("didn't", "I'm").

    Checked claims are written formally, so a contraction is rare among them and would count as
    a rare, telling word; it says nothing about the subject.
    """
    cleaned = clean_post(text)
    features = features_from_text(cleaned)
    kept = frozenset(t for t in features.tokens if "'" not in t) | number_words(cleaned)
    if kept == features.tokens:
        return features
    return replace(features, tokens=kept)


def number_words(text: str) -> frozenset[str]:
    """Words with digits in them ("5G", "G7", "2019") as search terms.

    Content terms leave numbers to the amount and date features, which judge them; as words they
    still find a candidate ("9/11", "COVID-19", "Boeing 737"). Marked so none is taken for a word.
    """
    return frozenset("#" + w for w in _NUMBER_WORD.findall(text.casefold()))
