"""Group what the recognisers found in a sentence into claims with short, readable spans."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from claims.extraction.cues import (
    COMPARISON,
    COMPARISON_GATE,
    COMPARISON_STARTS,
    FACTUAL,
    FACTUAL_STARTS,
    TREND,
    TREND_STARTS,
)
from claims.extraction.dates import DateContext, find_dates
from claims.extraction.lexicon import DETERMINERS, STOPWORDS
from claims.extraction.model import ClaimKind, DateMention, Quantity, Sentence
from claims.extraction.quantities import DEFAULT_CONTEXT, QuantityContext, find_quantities
from claims.extraction.scan import Tokens, scan
from claims.extraction.spans import SpanIndex

_CHUNK_BREAK = re.compile(
    r",\s|;\s?|:\s|\s[—–-]\s|[—–]|[()“”\"]|\s(?:but|while|whereas|although|though|because|"
    r"as well as)\s",
    re.I,
)
_WORD = re.compile(r"[^\s,;:()“”\"]+")
_RELATIVE_START = re.compile(r"\s*(?:which|who|whom|whose|where)\b", re.I)
_LEADING_FILLER = re.compile(
    r"(?:(?:and|but|so|or|then|also|well|now|uh|um|yes|no|oh|look|okay|ok)\b[\s,]*)+", re.I
)
_TRAILING_PUNCT = ".,;:!?"
_LAST_WORD = re.compile(r"[A-Za-z]+\Z")
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "for",
        "of",
        "to",
        "in",
        "on",
        "at",
        "and",
        "or",
        "by",
        "with",
        "that",
        "which",
        "who",
        "from",
        "as",
        "than",
        "into",
        "its",
        "their",
        "his",
        "her",
        "our",
        "is",
        "are",
        "was",
        "were",
        "be",
        "has",
        "have",
        "had",
        "will",
        "would",
    ]
)

MAX_CLAIM_WORDS = 16


@dataclass(slots=True)
class Draft:
    """A claim before scoring; spans index the clean text."""

    start: int
    end: int
    kind: ClaimKind
    sentence: int
    last_sentence: int
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    speaker: str | None = None


@dataclass(slots=True)
class _Sentence:
    """Working state for one sentence: its chunks and what was found in it."""

    text: str
    start: int
    end: int
    chunk_starts: list[int]
    chunk_ends: list[int]

    def chunk(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.chunk_starts, pos) - 1)
        return self.chunk_starts[i], self.chunk_ends[i]


def _chunks(text: str, start: int, end: int, protected: SpanIndex) -> _Sentence:
    starts, ends = [start], []
    for match in _CHUNK_BREAK.finditer(text, start, end):
        if protected.overlaps(match.start(), match.end()):
            continue
        ends.append(match.start())
        starts.append(match.end())
    ends.append(end)
    return _Sentence(text, start, end, starts, ends)


def _back_words(text: str, pos: int, floor: int, count: int) -> int:
    """Position `count` words before `pos`, not before `floor`."""
    words = list(_WORD.finditer(text, max(floor, pos - 40 * count), pos))
    if not words:
        return pos
    return max(floor, words[max(0, len(words) - count)].start())


def _forward_words(text: str, pos: int, ceiling: int, count: int) -> int:
    end = pos
    for n, word in enumerate(_WORD.finditer(text, pos, ceiling)):
        if n >= count:
            break
        end = word.end()
    return end


def _trim(text: str, start: int, end: int, keep_to: int) -> tuple[int, int]:
    """Strip punctuation, leading fillers and trailing function words beyond `keep_to`."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    filler = _LEADING_FILLER.match(text, start, end)
    if filler and filler.end() < end:
        start = filler.end()
    while True:
        while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_PUNCT):
            end -= 1
        last = _LAST_WORD.search(text, start, end)
        if not last or last.start() < keep_to or last.group(0).lower() not in _DANGLING:
            return start, end
        end = last.start()


def _head_noun_end(text: str, pos: int, ceiling: int, money: bool) -> int:
    """Grow a quantity's span over the noun it counts: "13-member delegation", "of soldiers"."""
    end = pos
    taken = 0
    cursor = pos
    joined = False
    for word in _WORD.finditer(text, pos, ceiling):
        if text[cursor : word.start()].strip():
            break
        lower = word.group(0).lower().strip(".'’")
        if taken == 0 and not joined and (lower == "of" or (money and lower in ("in", "for"))):
            joined = True
        elif joined and taken == 0 and lower in DETERMINERS:
            pass
        elif lower in STOPWORDS or not word.group(0)[0].isalpha() or taken >= 3:
            break
        else:
            taken += 1
            end = word.end()
        cursor = word.end()
    return end


def _antecedent_start(text: str, chunk_start: int, floor: int) -> int:
    """For "X, which/who ..." claims, where X begins (up to three words back)."""
    if not _RELATIVE_START.match(text, chunk_start):
        return chunk_start
    comma = text.rfind(",", floor, chunk_start)
    if comma < 0:
        return chunk_start
    start = comma
    for word in reversed(list(_WORD.finditer(text, max(floor, comma - 60), comma))[-4:]):
        if word.group(0).lower() in STOPWORDS:
            break
        start = word.start()
    return start if start < comma else chunk_start


def _limit(text: str, start: int, end: int) -> int:
    return _forward_words(text, start, end, MAX_CLAIM_WORDS)


def _cue_spans(
    text: str,
    s: _Sentence,
    quantities: list[Quantity],
    comparisons: list[tuple[int, int]],
    tokens: Tokens,
) -> list[tuple[int, int]]:
    cues = list(comparisons)
    trends = scan(TREND, text, tokens.starts(TREND_STARTS), s.end) if quantities else iter(())
    for match in trends:
        _, chunk_end = s.chunk(match.start())
        window_end = min(chunk_end, match.end() + 45)
        if any(match.end() <= q.start < window_end for q in quantities):
            cues.append((match.start(), match.end()))
    cues.sort()
    merged: list[tuple[int, int]] = []
    for cue in cues:
        if merged and cue[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], cue[1]))
        else:
            merged.append(cue)
    return merged


def sentence_drafts(
    text: str,
    sentence: Sentence,
    index: int,
    ctx: DateContext,
    outlet: QuantityContext = DEFAULT_CONTEXT,
) -> list[Draft]:
    """Claims found in one sentence, in reading order; `outlet` says what its "$" means."""
    tokens = Tokens(text, sentence.start, sentence.end)
    dates, date_ranges = find_dates(text, sentence.start, sentence.end, ctx, tokens)
    taken = [(d.start, d.end) for d in dates]
    quantities = find_quantities(text, sentence.start, sentence.end, taken, tokens, context=outlet)
    factual = list(scan(FACTUAL, text, tokens.starts(FACTUAL_STARTS), sentence.end))
    comparisons = (
        [
            (m.start(), m.end())
            for m in scan(
                COMPARISON, text, tokens.starts(COMPARISON_STARTS, possessors=True), sentence.end
            )
        ]
        if tokens.has(COMPARISON_GATE)
        else []
    )
    if not (dates or quantities or factual or comparisons):
        return []
    protected = SpanIndex(taken + [(q.start, q.end) for q in quantities] + date_ranges)
    s = _chunks(text, sentence.start, sentence.end, protected)
    drafts: list[Draft] = []
    used_q: set[int] = set()
    used_d: set[int] = set()

    for cue_start, cue_end in _cue_spans(text, s, quantities, comparisons, tokens):
        chunk_start, chunk_end = s.chunk(cue_start)
        start = cue_start
        for q in quantities:
            touches = q.start < cue_start < q.end or (
                q.end <= cue_start and not text[q.end : cue_start].strip()
            )
            if touches and q.start >= chunk_start:
                start = min(start, q.start)
        end = _limit(text, start, chunk_end)
        end = max(end, cue_end)
        draft = Draft(start, end, ClaimKind.COMPARISON, index, index)
        for i, q in enumerate(quantities):
            if start <= q.start < end and i not in used_q:
                draft.quantities.append(q)
                used_q.add(i)
        for i, d in enumerate(dates):
            if start <= d.start < end and i not in used_d:
                draft.dates.append(d)
                used_d.add(i)
        drafts.append(draft)

    for i, q in enumerate(quantities):
        if i in used_q:
            continue
        chunk_start, chunk_end = s.chunk(q.start)
        money = bool(q.unit and len(q.unit) == 3 and q.unit.isupper())
        end = _head_noun_end(text, q.end, chunk_end, money)
        start = q.start
        if end == q.end:
            start = max(_back_words(text, q.start, chunk_start, 6), chunk_start)
            if start == chunk_start:
                start = _antecedent_start(text, chunk_start, s.start)
        kind = ClaimKind.TEMPORAL if q.is_duration else ClaimKind.STATISTICAL
        if q.is_range:
            kind = ClaimKind.INTERVAL
        draft = Draft(start, end, kind, index, index, [q])
        for j, d in enumerate(dates):
            if j not in used_d and chunk_start <= d.start < chunk_end:
                draft.dates.append(d)
                draft.start, draft.end = min(draft.start, d.start), max(draft.end, d.end)
                used_d.add(j)
        used_q.add(i)
        drafts.append(draft)

    _date_drafts(text, s, index, dates, date_ranges, used_d, drafts)

    for match in factual:
        chunk_start, chunk_end = s.chunk(match.start())
        if any(d.start < chunk_end and chunk_start < d.end for d in drafts):
            continue
        start = _antecedent_start(text, chunk_start, s.start)
        if (
            start == chunk_start
            and _forward_words(text, chunk_start, match.start(), 6) < match.start()
        ):
            start = _back_words(text, match.start(), chunk_start, 4)
        drafts.append(Draft(start, _limit(text, start, chunk_end), ClaimKind.FACTUAL, index, index))

    for draft in drafts:
        keep_to = max(
            [draft.start] + [m.end for m in draft.quantities] + [m.end for m in draft.dates]
        )
        draft.start, draft.end = _trim(text, draft.start, draft.end, keep_to)
    drafts = [d for d in drafts if d.start < d.end]
    drafts.sort(key=lambda d: (d.start, d.end))
    return drafts


def _date_drafts(
    text: str,
    s: _Sentence,
    index: int,
    dates: list[DateMention],
    date_ranges: list[tuple[int, int]],
    used: set[int],
    drafts: list[Draft],
) -> None:
    by_chunk: dict[tuple[int, int], list[int]] = {}
    for j, d in enumerate(dates):
        if j not in used:
            by_chunk.setdefault(s.chunk(d.start), []).append(j)
    for (chunk_start, chunk_end), members in by_chunk.items():
        first, last = dates[members[0]], dates[members[-1]]
        start = _back_words(text, first.start, chunk_start, 6)
        end = _forward_words(text, last.end, chunk_end, 8)
        previous = text[_back_words(text, first.start, chunk_start, 1) : first.start]
        introduces_next = end == last.end and previous.strip().lower() in ("", "and", "but", "so")
        if introduces_next and chunk_end < s.end:
            # "... and last month, Moscow hosted ...": the date belongs to the next clause.
            next_end = s.chunk(min(s.end - 1, chunk_end + 2))[1]
            start, end = first.start, _forward_words(text, last.end, next_end, 9)
        kind = ClaimKind.TEMPORAL
        if any(r_start <= first.start and last.end <= r_end for r_start, r_end in date_ranges):
            kind = ClaimKind.INTERVAL
        draft = Draft(start, max(end, last.end), kind, index, index)
        draft.dates.extend(dates[j] for j in members)
        drafts.append(draft)


# --- the claim as an editor reads it -----------------------------------------------------------

# A claim's text is the clause it stands in, not the few words around its number: "The line,
# which cost about $3.2bn, opened two years late", not "line, which cost about $3.2bn". A
# sentence up to this long is the claim as it stands (less who said it); a longer one is cut to
# the clause that holds the claim's values.
READABLE_MAX_WORDS = 40
_ATTRIBUTION_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|wrote|writes|noted|notes|explained|warned|"
    r"argued|claimed|announced|reported|reports|confirmed|insisted|tweeted|posted"
)
# ", the ministry said." / ", said Ian Blackford, the party's leader." / ", according to X."
_TRAILING_ATTRIBUTION = re.compile(
    rf",[”\"’']?\s+(?:(?:[^,;:“”\"]{{1,80}}?\s+(?:{_ATTRIBUTION_VERBS})\b[^;:“”\"]{{0,120}}?)|"
    rf"(?:(?:{_ATTRIBUTION_VERBS})\s+[^;:“”\"]{{1,120}}?)|(?:according\s+to\s+[^;:“”\"]{{1,120}}?))"
    r"[\s.!?]*\Z",
    re.I,
)
# "According to the ministry, ..." / "The ministry said that ..." before the claim.
_LEADING_ATTRIBUTION = re.compile(
    rf"\A(?:according\s+to\s+[^,;:“”\"]{{1,80}},\s+|"
    rf"[^,;:“”\"]{{1,60}}?\s+(?:{_ATTRIBUTION_VERBS})(?:\s+[^,;:“”\"]{{1,30}}?)?\s+that\s+)",
    re.I,
)
_STRONG_BREAK = re.compile(r";\s|\s[—–]\s|[—–]|:\s|,\s+(?:but|while|whereas|although|though)\s")
# Weaker breaks, for a clause still too long: a coordinated clause may start after ", and" or
# ", because"; a relative or adverbial one (", which", ", including", ", after") may only end
# the clause before it, since "which cost about $3.2bn" does not stand on its own.
_WEAK_BREAK = re.compile(
    r",\s+(?:(?P<starts>and|so|yet|because|since|as\s+well\s+as)\s|"
    r"(?:which|who|whom|whose|where|when|including|with|as|after|before|until|amid|"
    r"according|making|bringing|leaving|adding)\b)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ClauseFrame:
    """What a sentence offers its claims: where a trailing attribution starts, where a leading
    one ends, and its strong breaks (found once per sentence, used by each of its claims)."""

    start: int
    end: int
    tail: int | None
    lead: int | None
    breaks: tuple[tuple[int, int], ...]
    # (start, end, whether a clause may start after it)
    weak_breaks: tuple[tuple[int, int, bool], ...]
    # Where each word of the sentence starts: counting the words of a stretch is then two
    # bisections, not a scan (a sentence may hold hundreds of claims).
    word_starts: tuple[int, ...]

    def words_between(self, start: int, end: int) -> int:
        return bisect_left(self.word_starts, end) - bisect_left(self.word_starts, start)


def clause_frame(text: str, sentence: Sentence) -> ClauseFrame:
    lo, hi = sentence.start, sentence.end
    # An attribution is a short tail: looking only near the end keeps this linear in the text.
    tail = _TRAILING_ATTRIBUTION.search(text, max(lo, hi - 240), hi)
    lead = _LEADING_ATTRIBUTION.match(text[lo : min(hi, lo + 160)])
    breaks = tuple((m.start(), m.end()) for m in _STRONG_BREAK.finditer(text, lo, hi))
    weak = tuple(
        (m.start(), m.end(), m.group("starts") is not None)
        for m in _WEAK_BREAK.finditer(text, lo, hi)
    )
    words = tuple(m.start() for m in _WORD.finditer(text, lo, hi))
    return ClauseFrame(
        lo,
        hi,
        tail.start() if tail else None,
        lo + lead.end() if lead else None,
        breaks,
        weak,
        words,
    )


def readable_span(text: str, frame: ClauseFrame, start: int, end: int) -> tuple[int, int]:
    """The span of the clause that reads on its own around the claim at text[start:end].

    The sentence, less an attribution before or after the claim ("..., officials said") and a
    leading conjunction; when that is still long, the clause between strong breaks (";", a
    dash, ": ", ", but ...") that holds the claim, then between weaker ones (", and ...",
    ", which ..."). A clause that no break shortens enough is kept whole up to twice the
    length; only a run-on beyond that falls back to the claim's own words.
    """
    lo, hi = frame.start, frame.end
    if frame.tail is not None and frame.tail >= end:
        hi = frame.tail
    if frame.lead is not None and frame.lead <= start:
        lo = frame.lead
    if frame.words_between(lo, hi) > READABLE_MAX_WORDS:
        lo, hi = _between_breaks(((s, e, True) for s, e in frame.breaks), lo, hi, start, end)
    if frame.words_between(lo, hi) > READABLE_MAX_WORDS:
        lo, hi = _between_breaks(frame.weak_breaks, lo, hi, start, end)
    if frame.words_between(lo, hi) > 2 * READABLE_MAX_WORDS:
        return start, end  # a run-on clause: the claim's own words read better than all of it
    lo, hi = _trim(text, lo, hi, end)
    lo, hi = _balanced(text, lo, hi)
    return (min(lo, start), max(hi, end)) if lo < hi else (start, end)


def _between_breaks(
    breaks: Iterable[tuple[int, int, bool]], lo: int, hi: int, start: int, end: int
) -> tuple[int, int]:
    """The stretch of lo..hi between the last break before the claim after which a clause may
    start and the first break after it."""
    for brk_start, brk_end, starts in breaks:
        if brk_end <= start:
            if starts and lo <= brk_start:
                lo = max(lo, brk_end)
        elif brk_start >= end:
            if brk_start < hi:
                hi = brk_start
            break
    return lo, hi


_OPENERS = '“"‘('
_CLOSERS = '”"’)'


def _balanced(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Drop a quote mark or parenthesis at either end that the span does not close or open."""
    piece = text[lo:hi]
    if piece[:1] in _OPENERS and not any(c in piece[1:] for c in _CLOSERS):
        lo += 1
    piece = text[lo:hi]
    if piece[-1:] in _CLOSERS and not any(c in piece[:-1] for c in _OPENERS):
        hi -= 1
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi
