"""What a date is read against: the published date, the time the article last named, the
sentence around it, and whether that sentence looks ahead."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from claims.extraction.dates.calendar import month_index, valid
from claims.extraction.dates.vocabulary import SPORTS_WORDS

_SPORTS = re.compile(r"\b(?:" + "|".join(sorted(SPORTS_WORDS)) + r")\b", re.I)
# (year, month or None, day or None): the point in time later relative dates count from.
Anchor = tuple[int, int | None, int | None]


@dataclass(slots=True)
class DateContext:
    """What relative dates resolve against; `anchor` follows the article as it is read."""

    published: date | None
    anchor: Anchor | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """One recognised date: its ISO value (None when it cannot be resolved) and what it tells
    the dates after it.

    `anchor` is the point later relative dates ("the next day", "a year earlier") count from;
    `explicit_year` is False when the year was inferred ("December 27"); `parts` keeps such a
    date's (month, day) so that a range can give it the year of its other end ("from January to
    March 2020"); `edge` marks "the end of the year" and the like, whose precision follows the
    other end of a range; `is_range` marks a span of years written as one ("2023-24").
    """

    value: str | None
    anchor: Anchor | None = None
    explicit_year: bool = True
    parts: tuple[int, int | None] | None = None
    edge: str | None = None
    is_range: bool = False


class Scope:
    """One sentence being read: its text and bounds, the article's context, and the year the
    sentence itself has named so far."""

    __slots__ = ("_sports", "ctx", "end", "sentence_year", "start", "text", "words")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        ctx: DateContext,
        words: Collection[str] = (),
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.ctx = ctx
        # The sentence's words, lower-cased; empty when unknown (then every test runs).
        self.words = words
        self.sentence_year: int | None = None
        self._sports: bool | None = None

    def about_sport(self) -> bool:
        """Whether the sentence uses sport's own words (looked up once per sentence)."""
        if self._sports is None:
            self._sports = bool(_SPORTS.search(self.text, self.start, self.end))
        return self._sports

    @property
    def published(self) -> date | None:
        return self.ctx.published

    def context_year(self) -> int | None:
        """The year "the year" means: the one this sentence named, else the publication's."""
        if self.sentence_year is not None:
            return self.sentence_year
        if self.ctx.published is not None:
            return self.ctx.published.year
        return self.ctx.anchor[0] if self.ctx.anchor else None

    def reference(self) -> Anchor | None:
        """The time the sentence speaks of: the one the article last named, else publication."""
        if self.ctx.anchor is not None:
            return self.ctx.anchor
        pub = self.ctx.published
        return (pub.year, pub.month, pub.day) if pub else None


@dataclass(frozen=True, slots=True)
class Recogniser:
    """One family of date expressions: its pattern, the words that let a sentence hold one
    (`gate`), the words a match can start at (`starts`), and how a match is read.

    `read` returns None when the match is not a date after all ("May" the verb).
    """

    pattern: re.Pattern[str]
    gate: frozenset[str]
    starts: frozenset[str]
    read: Callable[[re.Match[str], Scope], Reading | None]


# Verbs in the past tense: a date without a year beside one is behind the published date
# ("exports fell in March" in November is the March before).
_PAST_WORDS = frozenset(
    {"made", "met", "held", "won", "lost", "fell", "rose", "took", "gave",
     "went", "came", "began", "spoke", "wrote", "sent", "left", "hit", "struck", "sold", "paid",
     "found", "brought", "bought", "became", "broke", "ran", "saw", "led", "kept", "got", "shut",
     "quit", "was", "were", "had", "did", "grew", "ago", "drew", "flew", "threw", "chose"}
)  # fmt: skip
# Words ending in "-ed" that are no past tense, or that look ahead ("scheduled for March").
_NOT_PAST_ED = frozenset(
    {"based", "used", "hundred", "need", "indeed", "speed", "feed", "seed", "red", "bed", "shed",
     "scheduled", "planned", "expected", "slated", "proposed", "anticipated", "predicted",
     "forecasted", "intended", "exceed", "proceed", "succeed", "breed", "united", "limited",
     "related", "called", "named", "required", "allowed", "needed",
     # Verbs that report speech say when it was said, not when what it reports happens.
     "announced", "added", "reported", "stated", "confirmed", "explained", "noted", "claimed",
     "revealed", "warned", "insisted", "argued", "suggested", "indicated", "disclosed",
     "mentioned", "replied", "remarked", "commented", "urged", "signalled", "signaled"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z]+")
_TENSE_REACH = 80
# A published date can be a day or two late (time zones, updates): a day just after it still
# passes for the past.
_PAST_SLACK_DAYS = 2


def _in_past_tense(scope: Scope, start: int, end: int) -> bool:
    """Whether a verb in the past tense stands in the clause around text[start:end]."""
    text = scope.text
    lo, hi = max(scope.start, start - _TENSE_REACH), min(scope.end, end + _TENSE_REACH // 2)
    before = text[lo:start]
    if breaks := list(_CLAUSE_BREAK.finditer(before)):
        lo += breaks[-1].end()
    after = _CLAUSE_BREAK.search(text, end, hi)
    if after and not text[end : after.start()].strip():
        after = _CLAUSE_BREAK.search(text, after.end(), hi)  # "In March, prices rose"
    if after:
        hi = after.start()
    for word in _WORD.findall(text, lo, hi):
        lower = word.lower()
        if lower in _PAST_WORDS or (
            len(lower) > 3 and lower.endswith("ed") and lower not in _NOT_PAST_ED
        ):
            return True
    return False


def _gap(year: int, month: int, day: int | None, pub: date) -> int:
    if day is None:
        return month_index(year, month) - month_index(pub.year, pub.month)
    return (date(year, month, day) - pub).days


def infer_year(
    month: int, day: int | None, scope: Scope, ahead: bool, at: tuple[int, int] | None = None
) -> int | None:
    """The year of a date given without one ("December 27", "in March").

    A date within a month of the day the article was just narrating ("on December 16, 2010 ...
    returned on December 27") belongs to that time; otherwise it is the nearest such date to
    the published one, and the next one on or after it when the sentence looks ahead. A year
    the sentence itself named before it, too far back for the nearest date to be meant ("in the
    summer of 2004 ... in mid-August"), comes first. A verb in the past tense around `at`
    (the date's span) keeps the date on or before the published one.
    """
    year = scope.sentence_year
    pub = scope.published
    if (
        year is not None
        and valid(year, month, day or 1)
        and (pub is None or abs(pub.year - year) > 1)
    ):
        return year
    anchor = scope.ctx.anchor
    if anchor is not None and anchor[1] is not None:
        here = month_index(anchor[0], anchor[1])
        for year in (anchor[0], anchor[0] + 1, anchor[0] - 1):
            if abs(month_index(year, month) - here) <= 1 and valid(year, month, day or 1):
                return year
    if pub is None:
        return anchor[0] if anchor else None
    past = not ahead and at is not None and _in_past_tense(scope, *at)
    if past and not any(
        valid(y, month, day or 1) and _gap(y, month, day, pub) <= 0
        for y in (pub.year - 1, pub.year)
    ):
        past = False
    best: int | None = None
    best_gap = 10**9
    for year in (pub.year - 1, pub.year, pub.year + 1):
        if not valid(year, month, day or 1):
            continue
        if day is None:
            gap = month_index(year, month) - month_index(pub.year, pub.month)
        else:
            gap = (date(year, month, day) - pub).days
        if ahead and gap < 0:
            continue
        if past and gap > (_PAST_SLACK_DAYS if day is not None else 0):
            continue
        # Equal gaps go to the past: news reports what happened more than what will.
        if abs(gap) < best_gap or (abs(gap) == best_gap and best is not None and year < best):
            best, best_gap = year, abs(gap)
    return best


# Words that put what follows them in the future: "will meet on Friday", "ahead of Tuesday's
# debate", "is due to open in March".
_AHEAD_BEFORE = re.compile(
    r"\b(?:will|shall|won['’]t|\w+['’]ll|should(?!\s+have)|must(?!\s+have)|(?:is|are|am|['’]s|['’]re)\s+(?:"
    r"due|set|expected|scheduled|slated|poised|going|planning|preparing|planned|forecast|"
    r"predicted|likely|to\s+be)|ahead\s+of|upcoming|scheduled\s+(?:for|on)|plans?\s+to|"
    r"intends?\s+to|in\s+the\s+coming|(?P<verb>forecasts?|predicts?|predicted|expects?|"
    r"expected|anticipates?|anticipated))\b",
    re.I,
)
# "forecast demand Monday" looks ahead; "forecast on Monday that ..." says when it was made.
_RIGHT_AFTER_VERB = re.compile(r"\s*(?:on\s+)?\Z", re.I)
# ... and after a date that opens its clause: "Saturday is expected to turn wetter".
_AHEAD_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+(?:morning|afternoon|evening|night))?\s+(?:will\b|must\b(?!\s+have)|"
    r"(?:is|are)\s+(?:"
    r"forecast|expected|due|set|likely|predicted|scheduled)\b)",
    re.I,
)
# A report of what was said closes the look ahead: "will cut jobs, it said on Monday".
_REPORTED = re.compile(r"\b(?:said|says|told|announced|added|wrote|reported|confirmed)\b", re.I)
# A sentence without one of these words does not look ahead (a cheap test before the regexes).
_AHEAD_WORDS = frozenset(
    {"will", "shall", "won", "ll", "due", "set", "expected", "scheduled", "slated", "poised",
     "going", "planning", "preparing", "planned", "forecast", "predicted", "likely", "be",
     "ahead", "upcoming", "plans", "plan", "intends", "intend", "coming", "should",
     "forecasts", "predicts", "expects", "expect", "anticipates", "anticipated", "anticipate",
     "must"}
)  # fmt: skip
_CLAUSE_BREAK = re.compile(r"[,;:()“”\"—–]")
LOOK_BACK_CHARS = 80


def looks_ahead(scope: Scope, start: int, end: int) -> bool:
    """Whether the clause holding text[start:end] speaks of the future."""
    if scope.words and _AHEAD_WORDS.isdisjoint(scope.words):
        return False
    text = scope.text
    lo = max(scope.start, start - LOOK_BACK_CHARS)
    window = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    cues = list(_AHEAD_BEFORE.finditer(window))
    cue = cues[-1] if cues else None
    if (
        cue is not None
        and not _REPORTED.search(window, cue.end())
        and not (cue.group("verb") and _RIGHT_AFTER_VERB.match(window, cue.end()))
    ):
        return True
    return bool(_AHEAD_AFTER.match(text, end, min(scope.end, end + 40)))
