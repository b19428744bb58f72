"""Find the amounts of one sentence, read each, then read neighbours together."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from claims.extraction.model import Quantity
from claims.extraction.numbers import _GROUP
from claims.extraction.quantities.amounts import read_amount
from claims.extraction.quantities.base import Found, Window
from claims.extraction.quantities.outlet import DEFAULT_CONTEXT, QuantityContext, text_context
from claims.extraction.quantities.pairs import pair, share_units
from claims.extraction.quantities.pattern import CORE, NUMBER_GATE, NUMBER_STARTS
from claims.extraction.quantities.units import TIME_WORDS_RE
from claims.extraction.quantities.words import (
    read_a_time,
    read_fraction,
    read_half,
    read_multiplier,
    read_ordinal,
    read_share,
)
from claims.extraction.scan import Tokens
from claims.extraction.spans import SpanIndex

_READERS: dict[str, Callable[[Window, re.Match[str]], Found | None]] = {
    "share": read_share,
    "frac": read_fraction,
    "mult": read_multiplier,
    "ord": read_ordinal,
    "atime": read_a_time,
    "half": read_half,
}
# "12 days earlier", "three years later": the date reader's mention, whose duration is an
# amount as well.
_RELATIVE_DATE = re.compile(
    rf"(?:{_GROUP}|\d{{1,3}}|an?)\s+(?:{TIME_WORDS_RE})\s+"
    r"(?:ago|later|earlier|before|after|afterwards?|previously|on)",
    re.I,
)
# Telephone numbers: "(212) 555-1234", "+44 20 7946 0958", "0800 123 4567".
_PHONE = re.compile(
    r"(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)"
    r"|\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\d)"
    r"|0\d{2,4}[\s.-]\d{3,4}[\s.-]?\d{3,4}(?!\d)"
)


def _read(w: Window, match: re.Match[str]) -> Found | None:
    kind = match.lastgroup
    reader = _READERS.get(kind or "")
    if reader is None and kind not in ("vague", "digits", "words"):
        # A named group nested inside an alternative ("share_n") is the match's last group.
        for name in _READERS:
            if match.group(name) is not None:
                reader = _READERS[name]
                break
    return reader(w, match) if reader else read_amount(w, match)


# A local number without its area code, "624-6456", or spelt in letters, "328-TIPS (8477)".
# "500-1000" is a range: a phone's second part is no round multiple of its first.
_LOCAL_PHONE = re.compile(r"([2-9]\d\d)[-.](\d{4})(?![\d%-]|[.,]\d|\s*(?:%|per\s?cent|percent))")
_LETTER_PHONE = re.compile(r"\d{3}-[A-Z]{4}\b(?:\s*\(\d{4}\))?")
_PHONE_CUE = re.compile(
    r"\b(?:call|calling|ring|phone|tel|telephone|contact|fax|hotline|dial|line|whatsapp|text|"
    r"number|numbers)\b",
    re.I,
)


def _local_phone_end(text: str, start: int, end: int) -> int | None:
    if letters := _LETTER_PHONE.match(text, start, end):
        return letters.end()
    local = _LOCAL_PHONE.match(text, start, end)
    if not local or text[max(0, start - 1) : start] in "$€£¥":
        return None
    first, second = int(local.group(1)), int(local.group(2))
    cue = _PHONE_CUE.search(text, max(0, start - 60), start)
    if cue or local.group(2)[0] == "0" or (second > 5 * first and second % 50):
        return local.end()
    return None


def _phone_end(text: str, start: int, end: int) -> int | None:
    at = start - 1 if start > 0 and text[start - 1] in "(+" else start
    phone = _PHONE.match(text, at, end)
    if phone:
        return phone.end()
    return _local_phone_end(text, start, end)


def find_quantities(
    text: str,
    start: int,
    end: int,
    taken: list[tuple[int, int]],
    tokens: Tokens | None = None,
    *,
    context: QuantityContext = DEFAULT_CONTEXT,
) -> list[Quantity]:
    """Amounts inside text[start:end] that do not overlap the `taken` spans (dates).

    `context` says what the outlet means by a bare "$" or "degrees" (see `outlet_context`).
    """
    tokens = tokens or Tokens(text, start, end)
    if not tokens.has(NUMBER_GATE):
        return []
    if context is DEFAULT_CONTEXT:
        # Nothing is known of the outlet: the country the article itself names decides.
        context = text_context(text)
    w = Window(text, start, end, context)
    blocked = [span for span in taken if not _RELATIVE_DATE.fullmatch(text, span[0], span[1])]
    index = SpanIndex(blocked)
    found: list[Found] = []
    reached = start
    for pos in tokens.starts(NUMBER_STARTS):
        if pos < reached:
            continue
        match = CORE.match(text, pos, end)
        if not match or match.end() == match.start():
            continue
        if index and index.overlaps(match.start(), match.end()):
            continue
        if match.group("digits") and (phone := _phone_end(text, match.start(), end)):
            reached = phone
            continue
        item = _read(w, match)
        if item is None:
            continue
        q = item.quantity
        if found and q.start < found[-1].quantity.end:
            continue
        reached = max(q.end, match.end())
        if item.is_year:
            continue
        if index and index.overlaps(q.start, q.end):
            # "$5 million last year": the rate or unit ran into a date; keep the amount.
            item = Found(
                replace(q, end=match.end(), text=text[q.start : match.end()]),
                item.scaled,
                item.suspended,
            )
        found.append(item)
    found = share_units(text, found)
    result: list[Quantity] = []
    i = 0
    while i < len(found):
        if i + 1 < len(found):
            together = pair(text, found[i], found[i + 1])
            if together is not None:
                result.extend(together)
                i += 2
                continue
        result.append(found[i].quantity)
        i += 1
    return result
