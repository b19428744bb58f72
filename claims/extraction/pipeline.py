"""The extraction pipeline: clean, split, recognise, assemble, score."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from claims.extraction.assembly import Draft, sentence_drafts
from claims.extraction.cleaning import prepare
from claims.extraction.dates import DateContext
from claims.extraction.errors import ExtractionError
from claims.extraction.model import Claim, ClaimKind, ExtractionResult, Sentence
from claims.extraction.quotes import QuoteMention, find_quotes, reported_speaker
from claims.extraction.scoring import SentenceScorer, claim_checkworthiness, default_scorer
from claims.extraction.sentences import split_sentences
from claims.extraction.spans import SpanIndex

DEFAULT_MAX_CHARS = 5_000_000
# A sentence the model finds check-worthy but in which no pattern matched still becomes one
# claim; its span is cut to this many words so that run-on lines stay readable.
FALLBACK_MAX_WORDS = 40

_SPACES = re.compile(r"\s+")
_FILLER = re.compile(
    r"(?:(?:and|but|so|well|now|uh|um|yes|no|oh|look|okay|ok|i mean|you know)\b[\s,.-]*)+", re.I
)
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    published: date | None = None


@dataclass(slots=True)
class _Prepared:
    clean: str
    sentences: list[Sentence]
    drafts: list[Draft]
    quotes: list[QuoteMention]


def _prepare(document: Document, max_chars: int) -> _Prepared:
    clean = prepare(document.text, max_chars)
    sentences = split_sentences(clean)
    ctx = DateContext(document.published)
    drafts: list[Draft] = []
    for index, sentence in enumerate(sentences):
        drafts.extend(sentence_drafts(clean, sentence, index, ctx))
    quotes = find_quotes(clean)
    quote_index = SpanIndex([(q.start, q.end) for q in quotes])
    if quotes:
        # A bare event inside a quotation is the quotation's claim, not another one.
        drafts = [
            d
            for d in drafts
            if d.kind is not ClaimKind.FACTUAL or quote_index.containing(d.start, d.end) is None
        ]
        drafts.extend(_quote_drafts(sentences, quotes))
    _assign_speakers(sentences, drafts, quotes, quote_index)
    return _Prepared(clean, sentences, drafts, quotes)


def _quote_drafts(sentences: list[Sentence], quotes: list[QuoteMention]) -> list[Draft]:
    from bisect import bisect_left, bisect_right

    ends = [s.end for s in sentences]
    starts = [s.start for s in sentences]
    drafts = []
    for quote in quotes:
        first = min(bisect_right(ends, quote.start), len(sentences) - 1)
        last = max(first, bisect_left(starts, quote.end) - 1)
        drafts.append(
            Draft(quote.start, quote.end, ClaimKind.QUOTE, first, last, speaker=quote.speaker)
        )
    return drafts


def _assign_speakers(
    sentences: list[Sentence],
    drafts: list[Draft],
    quotes: list[QuoteMention],
    quote_index: SpanIndex,
) -> None:
    # Quotes never overlap one another, so the merged index keeps their order.
    reported: dict[int, str | None] = {}
    for draft in drafts:
        if draft.kind is ClaimKind.QUOTE:
            continue
        inside = quote_index.containing(draft.start, draft.end) if quotes else None
        if inside is not None:
            draft.speaker = quotes[inside].speaker
            continue
        if draft.sentence not in reported:
            reported[draft.sentence] = reported_speaker(sentences[draft.sentence].text)
        draft.speaker = reported[draft.sentence]


def _fallback_drafts(prepared: _Prepared, scores: list[float], threshold: float) -> list[Draft]:
    covered: set[int] = set()
    for draft in prepared.drafts:
        covered.update(range(draft.sentence, draft.last_sentence + 1))
    drafts = []
    for index, sentence in enumerate(prepared.sentences):
        if index in covered or scores[index] < threshold:
            continue
        start = sentence.start
        filler = _FILLER.match(prepared.clean, start, sentence.end)
        if filler and filler.end() < sentence.end:
            start = filler.end()
        words = list(_WORDS.finditer(prepared.clean, start, sentence.end))
        if len(words) < 3:
            continue
        end = words[min(len(words), FALLBACK_MAX_WORDS) - 1].end()
        while end > start and prepared.clean[end - 1] in '.,;:!?"”’ ':
            end -= 1
        drafts.append(Draft(start, end, ClaimKind.FACTUAL, index, index))
    return drafts


def _finish(prepared: _Prepared, scores: list[float], threshold: float) -> ExtractionResult:
    drafts = prepared.drafts + _fallback_drafts(prepared, scores, threshold)
    drafts.sort(key=lambda d: (d.start, d.end, d.kind))
    claims: list[Claim] = []
    seen: set[tuple[int, int, ClaimKind]] = set()
    clean = prepared.clean
    sentence_texts: dict[tuple[int, int], str] = {}
    for draft in drafts:
        key = (draft.start, draft.end, draft.kind)
        if key in seen:
            continue
        seen.add(key)
        span_key = (draft.sentence, draft.last_sentence)
        if span_key not in sentence_texts:
            first = prepared.sentences[draft.sentence]
            last = prepared.sentences[draft.last_sentence]
            sentence_texts[span_key] = _SPACES.sub(" ", clean[first.start : last.end])
        sentence_score = max(scores[draft.sentence : draft.last_sentence + 1])
        has_values = any(q.value is not None or q.low is not None for q in draft.quantities) or any(
            d.value for d in draft.dates
        )
        score = round(claim_checkworthiness(sentence_score, draft.kind, has_values), 4)
        claims.append(
            Claim(
                text=_SPACES.sub(" ", clean[draft.start : draft.end]),
                sentence=sentence_texts[span_key],
                start=draft.start,
                end=draft.end,
                kind=draft.kind,
                checkworthiness=score,
                checkworthy=score >= threshold,
                speaker=draft.speaker,
                quantities=tuple(draft.quantities),
                dates=tuple(draft.dates),
            )
        )
    return ExtractionResult(clean, tuple(claims), tuple(prepared.sentences))


def extract_many(
    documents: Sequence[Document],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    scorer: SentenceScorer | None = None,
) -> list[ExtractionResult | ExtractionError]:
    """Extract claims from many documents, scoring all their sentences in one batch.

    A document that cannot be read yields its ExtractionError in its place; the others go on.
    """
    prepared: list[_Prepared | ExtractionError] = []
    batch: list[str] = []
    for document in documents:
        try:
            item = _prepare(document, max_chars)
        except ExtractionError as error:
            prepared.append(error)
            continue
        prepared.append(item)
        batch.extend(s.text for s in item.sentences)
    # The model loads only when there is something to score, so bad input fails fast.
    model = (scorer if scorer is not None else default_scorer()) if batch else None
    all_scores = model.scores(batch) if model is not None else []
    threshold = float(model.threshold) if model is not None else 1.0
    results: list[ExtractionResult | ExtractionError] = []
    offset = 0
    for entry in prepared:
        if isinstance(entry, ExtractionError):
            results.append(entry)
            continue
        count = len(entry.sentences)
        scores = [min(1.0, max(0.0, float(x))) for x in all_scores[offset : offset + count]]
        offset += count
        results.append(_finish(entry, scores, threshold))
    return results


def extract(
    text: str,
    *,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    scorer: SentenceScorer | None = None,
) -> ExtractionResult:
    """Clean an article (plain text or HTML) and return its checkable claims.

    Raises an ExtractionError subclass for input that holds no usable text.
    """
    if not isinstance(text, str):
        raise ExtractionError(f"document must be text (str), not {type(text).__name__}")
    result = extract_many([Document(text, published)], max_chars=max_chars, scorer=scorer)[0]
    if isinstance(result, ExtractionError):
        raise result
    return result
