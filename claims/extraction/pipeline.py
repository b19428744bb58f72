"""The extraction pipeline: clean, split, recognise, assemble, score."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from claims.extraction.assembly import (
    ClauseFrame,
    Draft,
    clause_frame,
    readable_span,
    sentence_drafts,
)
from claims.extraction.attribution import Attribution, attribute
from claims.extraction.cleaning import prepare_document
from claims.extraction.dates import DateContext
from claims.extraction.errors import ExtractionError
from claims.extraction.model import Claim, ClaimKind, ExtractionResult, PageMetadata, Sentence
from claims.extraction.quantities import DEFAULT_CONTEXT, QuantityContext, outlet_context
from claims.extraction.quotes import QuoteMention
from claims.extraction.scoring import (
    SentenceScorer,
    claim_checkworthiness,
    default_scorer,
    genre_threshold,
)
from claims.extraction.sentences import split_sentences

DEFAULT_MAX_CHARS = 5_000_000
# A sentence the model finds check-worthy but in which no pattern matched still becomes one
# claim; its span is cut to this many words so that run-on lines stay readable.
FALLBACK_MAX_WORDS = 40

_SPACES = re.compile(r"\s+")
_FILLER = re.compile(
    r"(?:(?:and|but|so|well|now|uh|um|yes|no|oh|look|okay|ok|i mean|you know)\b[\s,.-]*)+", re.I
)
_WORDS = re.compile(r"\S+")


# The kinds of text the check-worthiness model has a cut for: news articles (what editors
# import) and transcripts of debates and speeches.
GENRES = ("article", "transcript")


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    published: date | None = None
    # What kind of text it is (one of GENRES), for the check-worthiness cut: a news "article"
    # or the "transcript" of a debate or a speech, whose sentences are scored lower.
    genre: str = "article"


@dataclass(slots=True)
class _Prepared:
    clean: str
    sentences: list[Sentence]
    drafts: list[Draft]
    quotes: list[QuoteMention]
    metadata: PageMetadata | None = None
    attribution: Attribution | None = None


def _outlet(metadata: PageMetadata | None) -> QuantityContext:
    """What the page's outlet means by "$" or "degrees", from its address, language and name;
    without them the quantity reader goes by the places the article itself names."""
    if metadata is None:
        return DEFAULT_CONTEXT
    return outlet_context(
        url=metadata.url, language=metadata.language, site_name=metadata.site_name
    )


def _prepare(document: Document, max_chars: int) -> _Prepared:
    page = prepare_document(document.text, max_chars)
    clean = page.clean
    sentences = split_sentences(clean)
    # Without a date from the caller, relative dates resolve against the page's own date.
    published = document.published or (page.metadata.published if page.metadata else None)
    ctx = DateContext(published)
    outlet = _outlet(page.metadata)
    drafts: list[Draft] = []
    for index, sentence in enumerate(sentences):
        drafts.extend(sentence_drafts(clean, sentence, index, ctx, outlet))
    attribution = attribute(clean, sentences)
    quotes = attribution.quotes
    quote_index = attribution.quote_index
    if quotes:
        # A bare event inside a quotation is the quotation's claim, not another one.
        drafts = [
            d
            for d in drafts
            if d.kind is not ClaimKind.FACTUAL or quote_index.containing(d.start, d.end) is None
        ]
        drafts.extend(_quote_drafts(sentences, quotes))
    _assign_speakers(drafts, attribution)
    return _Prepared(clean, sentences, drafts, quotes, page.metadata, attribution=attribution)


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


def _assign_speakers(drafts: list[Draft], attribution: Attribution) -> None:
    # A claim inside a quotation is its speaker's; any other, its sentence's (or nobody's).
    for draft in drafts:
        if draft.kind is not ClaimKind.QUOTE:
            draft.speaker = attribution.speaker_for(draft.start, draft.end, draft.sentence)


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
        attribution = prepared.attribution
        speaker = attribution.speaker_for(start, end, index) if attribution else None
        drafts.append(Draft(start, end, ClaimKind.FACTUAL, index, index, speaker=speaker))
    return drafts


def _readable(prepared: _Prepared, drafts: list[Draft]) -> list[Draft]:
    """Each claim widened to the clause it stands in. Claims that then read the same become
    one when they are of one kind or either holds no value of its own (a bare event, or only a
    rank such as "in the first year", which places the clause's figures rather than being one);
    two with values of different kinds, or a comparison beside figures, stay two, each checked
    its own way. A quotation keeps its span."""
    merged: dict[tuple[int, int], list[Draft]] = {}
    frames: dict[int, ClauseFrame] = {}
    for draft in drafts:
        if draft.kind is not ClaimKind.QUOTE and draft.sentence == draft.last_sentence:
            frame = frames.get(draft.sentence)
            if frame is None:
                sentence = prepared.sentences[draft.sentence]
                frame = frames[draft.sentence] = clause_frame(prepared.clean, sentence)
            draft.start, draft.end = readable_span(prepared.clean, frame, draft.start, draft.end)
        same_span = merged.setdefault((draft.start, draft.end), [])
        into = next(
            (
                kept
                for kept in same_span
                if ClaimKind.QUOTE not in (kept.kind, draft.kind)
                and (kept.kind is draft.kind or _joins(kept) or _joins(draft))
            ),
            None,
        )
        if into is None:
            same_span.append(draft)
            continue
        if (_figured(draft) and not _figured(into)) or into.kind is ClaimKind.FACTUAL:
            into.kind = draft.kind
        into.quantities.extend(q for q in draft.quantities if q not in into.quantities)
        into.dates.extend(d for d in draft.dates if d not in into.dates)
        into.speaker = into.speaker or draft.speaker
    out = [draft for same_span in merged.values() for draft in same_span]
    for draft in out:
        draft.quantities.sort(key=lambda q: q.start)
        draft.dates.sort(key=lambda d: d.start)
    return out


def _joins(draft: Draft) -> bool:
    """Whether the claim joins another of its clause whatever their kinds: it holds no figure
    of its own and is not a comparison ("its longest war" is checked as one)."""
    return not _figured(draft) and draft.kind is not ClaimKind.COMPARISON


def _figured(draft: Draft) -> bool:
    """Whether the claim holds a figure or date of its own, a rank alone not counted."""
    return any(
        q.unit != "rank" for q in draft.quantities if q.value is not None or q.low is not None
    ) or any(d.value for d in draft.dates)


def _finish(prepared: _Prepared, scores: list[float], threshold: float) -> ExtractionResult:
    drafts = _readable(prepared, prepared.drafts + _fallback_drafts(prepared, scores, threshold))
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
    return ExtractionResult(clean, tuple(claims), tuple(prepared.sentences), prepared.metadata)


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
    genres = [document.genre for document in documents]
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
    results: list[ExtractionResult | ExtractionError] = []
    offset = 0
    for entry, genre in zip(prepared, genres, strict=True):
        if isinstance(entry, ExtractionError):
            results.append(entry)
            continue
        count = len(entry.sentences)
        scores = [min(1.0, max(0.0, float(x))) for x in all_scores[offset : offset + count]]
        offset += count
        results.append(_finish(entry, scores, genre_threshold(model, genre)))
    return results


def extract(
    text: str,
    *,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    scorer: SentenceScorer | None = None,
    genre: str = "article",
) -> ExtractionResult:
    """Clean an article (plain text or HTML) and return its checkable claims.

    Raises an ExtractionError subclass for input that holds no usable text.
    """
    if not isinstance(text, str):
        raise ExtractionError(f"document must be text (str), not {type(text).__name__}")
    document = Document(text, published, genre=genre)
    result = extract_many([document], max_chars=max_chars, scorer=scorer)[0]
    if isinstance(result, ExtractionError):
        raise result
    return result
