"""Check-worthiness of a sentence: a linear model over word n-grams and static word vectors.

The model is trained offline by `tools/train_checkworthiness.py` and shipped as a small gzipped
JSON file in `data/`. Scoring is pure Python (no numpy): a sentence costs two regex passes, a few
dozen dict look-ups and one `exp`, which keeps it far below the extractor's per-sentence budget.

The score is a logistic-regression probability of a check-worthy sentence. The cut depends on the
genre of the text: `threshold` is the one for news articles (what editors import), and
`threshold_for(genre)` gives the others ("transcript", for debates and speeches), each the cut that
maximised F1 on held-out folds of that genre's training data.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, repeat
from pathlib import Path
from typing import Any

MODEL_FILE = Path(__file__).resolve().parent / "data" / "checkworthiness.json.gz"
FORMAT_VERSION = 2
GENRES = ("article", "transcript")
_ZEROS = repeat(0.0)  # endless default for map(dict.get, keys, _ZEROS)

# Tokens are found in the lower-cased text. Numbers stay one token with their currency and percent
# signs, so "$5", "5%" and "1992" can be told apart after normalisation; words keep inner
# apostrophes ("don't", "we're"). A token never holds a space or a colon, which keeps unigrams,
# bigrams ("a b") and cues ("x:...") apart without prefixes.
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|\$?\d[\d,]*(?:\.\d+)?%?|[?!$%]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NUMERIC_START = frozenset("$0123456789")
_NUMBER_KINDS = ("<num>", "<pct>", "<money>", "<year>")
# A capitalised word after a space: a cheap stand-in for a named entity.
_CAPITALISED = re.compile(r" [A-Z][a-z]")


# Hand-made cues. The n-grams learn most words by themselves; these counts generalise across
# sentences whose exact words the training data never saw.
def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_NUMBER_WORDS = _word_set(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
    " hundred hundreds thousand thousands million millions billion billions trillion trillions"
    " half twice double doubled triple tripled quarter third percent percentage dozen"
)
_OPINION_VERBS = _word_set("think believe feel hope want wish guess suppose")
_MODALS = _word_set("will would should could can must may might shall")
# Words that judge rather than report: news quotes and columns are full of them, facts are not.
_EVALUATIVE = _word_set(
    "important exciting excited good great bad best worst amazing incredible impressive"
    " terrible wonderful happy sad shocked concerned worried fear love hate beautiful"
    " remarkable super fantastic awful proud disappointed grateful"
)
_QUOTE_MARKS = frozenset('"“”')
_END_MARKS = frozenset('.!?"”\u2019)')


# Cue names made once, since building them per sentence shows in the scoring time.
_NUMBERS_CUE = tuple(f"x:nnum{i}" for i in range(4))
_NUMBER_WORDS_CUE = tuple(f"x:nw{i}" for i in range(4))
_ANY_NUMBER_CUE = ("x:anynum0", "x:anynum1")
_CAPITALS_CUE = tuple(f"x:caps{i}" for i in range(5))
_LENGTH_CUE = tuple(f"x:len{i}" for i in range(9))


def _number_kind(token: str) -> str:
    """Map a number to its kind, since the value itself rarely decides check-worthiness."""
    if token == "$":
        return token
    if token.endswith("%"):
        return "<pct>"
    if token[0] == "$":
        return "<money>"
    if _YEAR.fullmatch(token):
        return "<year>"
    return "<num>"


def tokens(sentence: str) -> list[str]:
    """The normalised tokens of a sentence, as both the trainer and the scorer see them."""
    numeric = _NUMERIC_START
    return [_number_kind(t) if t[0] in numeric else t for t in _TOKEN.findall(sentence.lower())]


def features(sentence: str, toks: Sequence[str] | None = None) -> set[str]:
    """The distinct sparse features of a sentence: word unigrams, bigrams and hand-made cues."""
    if toks is None:
        toks = tokens(sentence)
    # map/zip/join run in C; this function is most of the scoring cost.
    out = set(toks)
    padded = ["<s>", *toks, "</s>"]
    out.update(map(" ".join, pairwise(padded)))
    numbers = sum(map(toks.count, _NUMBER_KINDS))
    number_words = len(_NUMBER_WORDS.intersection(toks))
    capitals = len(_CAPITALISED.findall(sentence))
    out.add(_NUMBERS_CUE[min(numbers, 3)])
    out.add(_NUMBER_WORDS_CUE[min(number_words, 3)])
    out.add(_ANY_NUMBER_CUE[numbers + number_words > 0])
    out.add(_CAPITALS_CUE[min(capitals, 4)])
    out.add(_LENGTH_CUE[min(len(toks) // 5, 8)])
    if "?" in out:
        out.add("x:q")
    if "i" in out and not _OPINION_VERBS.isdisjoint(toks):
        out.add("x:iop")
    if not _MODALS.isdisjoint(toks):
        out.add("x:modal")
    if "you" in out:
        out.add("x:you")
    if not _EVALUATIVE.isdisjoint(toks):
        out.add("x:eval")
    # Seen in news, never in the debate transcripts: quoted words, and lines without an ending
    # (headings, captions, list items).
    if not _QUOTE_MARKS.isdisjoint(sentence):
        out.add("x:quoted")
    stripped = sentence.rstrip()
    if stripped and stripped[-1] not in _END_MARKS:
        out.add("x:noend")
    return out


@dataclass(frozen=True)
class CheckworthinessModel:
    """A trained scorer: n-gram weights, per-word vector weights, bias and threshold."""

    threshold: float
    bias: float
    # feature name -> weight; only the strongest features are kept, the rest weigh 0.
    ngram_weights: dict[str, float]
    # word -> (its static vector . the model's vector weights); the model averages these.
    word_weights: dict[str, float]
    # genre -> its cut; a genre not listed is cut at `threshold`.
    genre_thresholds: dict[str, float] = field(default_factory=dict)

    def threshold_for(self, genre: str) -> float:
        """The cut for sentences of this genre of text ("article", "transcript")."""
        return self.genre_thresholds.get(genre, self.threshold)

    def logit(self, sentence: str) -> float:
        """The model's log-odds that the sentence is check-worthy."""
        toks = tokens(sentence)
        present = features(sentence, toks)
        # Binary features scaled by 1/sqrt(count): an l2 norm that needs no vocabulary, so
        # pruned features cost nothing (a small dict stays in cache, which is most of the speed).
        dot = sum(map(self.ngram_weights.get, present, _ZEROS))
        total = self.bias + dot / math.sqrt(len(present))
        words = self.word_weights
        known = sum(map(words.__contains__, toks))
        if known:
            total += sum(map(words.get, toks, _ZEROS)) / known
        return total

    def score(self, sentence: str) -> float:
        """Probability in [0, 1] that the sentence is a check-worthy factual claim."""
        z = self.logit(sentence)
        # Split by sign so that exp never overflows on extreme log-odds.
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def scores(self, sentences: Sequence[str]) -> list[float]:
        """Scores of many sentences, in order."""
        score = self.score
        return [score(s) for s in sentences]

    def is_checkworthy(self, sentence: str) -> bool:
        """Whether the sentence's score reaches the model's threshold."""
        return self.score(sentence) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        """The model as the JSON document stored in the shipped file."""
        return {
            "format": FORMAT_VERSION,
            "threshold": self.threshold,
            "bias": self.bias,
            "ngrams": self.ngram_weights,
            "words": self.word_weights,
            "genres": self.genre_thresholds,
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> CheckworthinessModel:
        """Build a model from the JSON document written by `to_json`."""
        if doc.get("format") not in (1, FORMAT_VERSION):
            raise ValueError(f"unsupported check-worthiness model format: {doc.get('format')!r}")
        return cls(
            threshold=float(doc["threshold"]),
            bias=float(doc["bias"]),
            ngram_weights={k: float(v) for k, v in doc["ngrams"].items()},
            word_weights={k: float(v) for k, v in doc["words"].items()},
            genre_thresholds={k: float(v) for k, v in doc.get("genres", {}).items()},
        )


def load(path: Path | str) -> CheckworthinessModel:
    """Load a model from a `.json.gz` (or plain `.json`) file."""
    path = Path(path)
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    doc: dict[str, Any] = json.loads(raw)
    return CheckworthinessModel.from_json(doc)


def save(model: CheckworthinessModel, path: Path | str) -> None:
    """Write a model as gzipped JSON, byte-for-byte the same for the same model."""
    text = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":"))
    # mtime=0 keeps the gzip header stable so a rebuilt model does not show up as a git change.
    Path(path).write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


@functools.cache
def load_default() -> CheckworthinessModel:
    """The shipped model, loaded once from the package's data directory."""
    return load(MODEL_FILE)


def top_features(model: CheckworthinessModel, n: int = 20) -> Iterable[tuple[str, float]]:
    """The n-gram features with the largest absolute weights, for inspection."""
    return sorted(model.ngram_weights.items(), key=lambda kv: -abs(kv[1]))[:n]
