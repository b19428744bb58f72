"""Direct quotations: where they are, and who the words right around them say spoke them.

Who speaks each quotation is decided with the rest of the attribution, in
`claims.extraction.attribution` (`find_quotes` there gives the quotations with their speakers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A quotation may stay open to the end of its paragraph: in news prose a quotation that runs on
# into the next paragraph opens that one again and closes only where it ends.
_QUOTE = re.compile(
    r"“(?P<curly>[^“”\n]{2,3000})(?:”|(?=\n)|\Z)|\"(?P<straight>[^\"\n]{2,3000})(?:\"|(?=\n)|\Z)"
)
# Only this many quotations are attributed per document; beyond that the text is not news prose
# and the work would grow without bound.
MAX_QUOTES = 5_000


@dataclass(frozen=True, slots=True)
class QuoteMention:
    start: int
    end: int
    speaker: str | None


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation's words (start, end), its marks (outer_start, outer_end) and word count."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    words: int


def _content_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    return start, end


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quotations of at least three words, in order."""
    spans: list[QuoteSpan] = []
    for count, match in enumerate(_QUOTE.finditer(text)):
        if count >= MAX_QUOTES:
            break
        group = "curly" if match.group("curly") is not None else "straight"
        start, end = _content_span(text, match.start(group), match.end(group))
        words = text.count(" ", start, end) + 1
        if words >= 3:
            spans.append(QuoteSpan(start, end, match.start(), match.end(), words))
    return spans
