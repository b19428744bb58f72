"""Who speaks each quotation: named beside it, by its sentence, or carried on from before."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

from bisect import bisect_right

from claims.extraction.attribution.frames import (
    CLAUSE_OPENERS,
    QUOTE_VERBS,
    Verb,
    according_frame,
    inverted_speaker,
    is_adverb,
    skip_forward,
    subject_end,
    verb_frame,
    verb_kind,
)
from claims.extraction.attribution.phrases import (
    Kind,
    Speaker,
    phrase_after,
    phrase_before,
    speaker_from,
)
from claims.extraction.attribution.tokens import QUOTE_MARKS, Tokens, tokenize
from claims.extraction.attribution.words import HEARER_VERBS, PREPOSITIONS, TIME_LEADS
from claims.extraction.model import Sentence
from claims.extraction.quotes import QuoteMention, QuoteSpan

# How much text beside a quotation may name its speaker.
AFTER_CHARS = 160
BEFORE_CHARS = 220
# Quotations this short with nobody named are scare quotes ("so-called"), not claims.
MIN_UNATTRIBUTED_WORDS = 6


def adjacent_speaker(text: str, quote: QuoteSpan, sentence_start: int = 0) -> Speaker | None:
    """The speaker named right after a quotation, or right before it in its own sentence."""
    line_end = text.find("\n", quote.outer_end)
    after_end = min(quote.outer_end + AFTER_CHARS, len(text) if line_end < 0 else line_end)
    speaker = after_quotation(tokenize(text, quote.outer_end, after_end))
    # '... said: “It is. It was.” He added ...': a quotation closed by a full stop belongs to
    # the speaker who introduced it, not to the next sentence's.
    closed = any(ch in ".!?" for ch in text[quote.end : quote.outer_end])
    if speaker is not None and not closed:
        return speaker
    line_start = text.rfind("\n", 0, quote.outer_start) + 1
    before_start = max(line_start, sentence_start, quote.outer_start - BEFORE_CHARS)
    if before_start >= quote.outer_start:
        return speaker
    return before_quotation(tokenize(text, before_start, quote.outer_start)) or speaker


def after_quotation(tokens: Tokens) -> Speaker | None:
    """Who is named right after a quotation: '”, said X', '” he said', '”, X, an aide, said',
    '” — X'."""
    n = len(tokens)
    i = 0
    while i < n and tokens.text[i] in ",.":
        i += 1
    if i + 1 < n and tokens.text[i] in "—–" and tokens.is_word(i + 1):
        # A pull quote signed with a dash: the name alone, up to the end of its line.
        end = phrase_after(tokens, i + 1)
        if end is not None and (end == n or tokens.text[end] in ",.("):
            signed = speaker_from(tokens, i + 1, end)
            if signed is not None and signed.kind in (Kind.PERSON, Kind.NAME, Kind.BODY):
                return signed
        return None
    if i >= n or not tokens.is_word(i):
        return None
    if tokens.lower[i] in QUOTE_VERBS:
        return inverted_speaker(tokens, i + 1, quoted=True)
    end = subject_end(tokens, i)
    if end is None:
        return None
    k = end
    if k < n and tokens.text[k] == ",":
        # "”, Hana Vell, an editor at X, said."
        k = next((j for j in range(k + 1, min(n, k + 25)) if tokens.text[j] == ","), n) + 1
    k = skip_forward(tokens, k)
    if k >= n or tokens.lower[k] not in QUOTE_VERBS:
        return None
    if _introduces(tokens, k + 1):
        return None  # '“...?” Mr. Arden responded that “...”': he answers, he is not quoted
    speaker = speaker_from(tokens, i, end)
    if speaker is None or (speaker.kind is Kind.COMMON and speaker.definite is None):
        return None
    return speaker


def _introduces(tokens: Tokens, k: int) -> bool:
    k = skip_forward(tokens, k)
    if k < len(tokens) and (tokens.lower[k] in CLAUSE_OPENERS or tokens.text[k] in QUOTE_MARKS):
        return True
    return k < len(tokens) and tokens.text[k] == ":"


def before_quotation(tokens: Tokens) -> Speaker | None:
    """Who introduces a quotation: 'X said: “', 'X responded that “', 'according to X, “',
    'X: “'."""
    n = len(tokens)
    j = n - 1
    colon = False
    while j >= 0 and (tokens.text[j] in ",:" or tokens.lower[j] == "that"):
        colon = colon or tokens.text[j] == ":"
        j -= 1
    if j < 0 or not tokens.is_word(j):
        return None
    for v in range(j, max(-1, j - 9), -1):
        if not tokens.is_word(v):
            break
        lower = tokens.lower[v]
        if lower == "according":
            frame = according_frame(tokens, v)
            return frame.speaker if frame is not None else None
        if lower in QUOTE_VERBS and _short_tail(tokens, v + 1, j + 1):
            frame = verb_frame(tokens, v, Verb.SPEECH, quotation=True)
            return frame.speaker if frame is not None else None
    if colon:
        first = phrase_before(tokens, j)
        if first is not None and (first == 0 or not tokens.is_word(first - 1)):
            speaker = speaker_from(tokens, first, j + 1)
            if speaker is not None and speaker.kind in (Kind.PERSON, Kind.NAME, Kind.BODY):
                return speaker  # "Smith: “...”"
    return None


def _short_tail(tokens: Tokens, a: int, b: int) -> bool:
    """Between a verb and its quotation, only a time or a place: 'asked last week “'."""
    if a >= b:
        return True
    first = tokens.lower[a]
    if first not in PREPOSITIONS and first not in TIME_LEADS and not is_adverb(tokens, a):
        return tokens.lower[a - 1] in HEARER_VERBS  # "told the Kelmar Times: “"
    return all(tokens.is_word(k) and verb_kind(tokens.lower[k]) is None for k in range(a, b))


def carried_speakers(
    text: str,
    spans: list[QuoteSpan],
    named: list[str | None],
    sentences: list[Sentence],
    frame_speakers: list[str | None],
    paragraphs: list[int],
) -> list[QuoteMention]:
    """Quotations with their speakers; those nobody speaks and too short to be claims dropped.

    `named` holds the speaker named beside each quotation, `frame_speakers` the speaker each
    sentence's own frame names, `paragraphs` the paragraph of each sentence.
    """
    starts = [s.start for s in sentences]
    quotes: list[QuoteMention] = []
    last_speaker: str | None = None
    last_paragraph = -2
    for k, (span, speaker) in enumerate(zip(spans, named, strict=True)):
        index = max(0, bisect_right(starts, span.outer_start) - 1)
        if speaker is None and k + 1 < len(spans) and named[k + 1] is not None:
            # “A.” “B,” said Y: two quotations side by side, one attribution after both.
            between = text[span.outer_end : spans[k + 1].outer_start]
            if not between.strip() and "\n" not in between:
                speaker = named[k + 1]
        paragraph = paragraphs[index] if sentences else 0
        if speaker is None and sentences:
            # "“It is a fair fee” if ..., Mr. Arden said."
            speaker = frame_speakers[index]
        # A quotation that opens its sentence may carry on what was said just before; one set
        # inside the reporter's sentence ("urged it to “honor ...”") is the reporter's.
        opens = not text[sentences[index].start : span.outer_start].strip() if sentences else True
        if (
            speaker is None
            and opens
            and index > 0
            and _follows_on(text, sentences, paragraphs, index)
        ):
            # "Mr. Arden said X. “For me, ...”", "Vell said:" then the quotation below it: the
            # quotation carries on what was said.
            speaker = frame_speakers[index - 1]
        if speaker is None and opens and last_speaker and paragraph - last_paragraph <= 1:
            speaker = last_speaker  # the same speaker goes on, in this paragraph or the next
        if speaker is None and span.words < MIN_UNATTRIBUTED_WORDS:
            continue
        if speaker is not None:
            last_speaker, last_paragraph = speaker, paragraph
        quotes.append(QuoteMention(span.start, span.end, speaker))
    return quotes


def _follows_on(text: str, sentences: list[Sentence], paragraphs: list[int], index: int) -> bool:
    """Whether sentence `index` goes on from the one before: same paragraph, after a colon, or
    a quotation that opens the paragraph after an attributed one ("Vell said the port would
    close.", then "“We had no choice.”")."""
    if paragraphs[index] - paragraphs[index - 1] <= 1:
        return True
    return text[sentences[index - 1].start : sentences[index - 1].end].rstrip().endswith(":")
