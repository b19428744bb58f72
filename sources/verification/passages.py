"""A source's text cut into sentence passages with offsets, cheaply enough for 1 MB sources.

Not the extraction library's sentence splitter: that one is tuned for exact claim spans and costs
about 40 ms per 100 KB, the whole verification budget. Passages only need to be roughly sentences,
so one regex pass finds the boundaries and the passages themselves are built on demand.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# Longer runs without a boundary (tables, minified text, one huge line) are cut so that every
# passage stays small and the work per passage stays bounded.
MAX_PASSAGE_CHARS = 1_500

# Possessive runs that start only where a run starts: a line of 100,000 dots costs one pass,
# not one pass per dot.
_END = re.compile(
    r"(?P<stop>(?<![.!?\u2026])[.!?\u2026]++[\"\u201d\u2019')\]]*+\s++)"
    r"(?=[\"\u201c\u2018'(\[]?[A-Z0-9])"
    r"|(?P<line>\n\s*+)"
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\Z")
_ABBREVIATIONS = frozenset(
    str.split(
        """mr mrs ms dr gen gov sen rep lt col sgt capt prof st rev hon pres supt mt ft fr sr jr no
    vol fig art sec approx dept est inc corp ltd co vs jan feb mar apr jun jul aug sep sept oct
    nov dec"""
    )
)


@dataclass(frozen=True, slots=True)
class Passage:
    """One sentence-like piece of a source: `document.text[start:end] == text`."""

    index: int
    start: int
    end: int
    text: str


def _is_abbreviation(text: str, stop_start: int) -> bool:
    if text[stop_start] != "." or text.startswith("..", stop_start):
        return False
    before = _WORD_BEFORE.search(text, max(0, stop_start - 12), stop_start)
    if before is None:
        return False
    word = before.group(1)
    # An initial ("George W. Bush", "U.S.") or a title does not end a sentence.
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


def _cut_long(text: str, start: int, end: int, out: list[int]) -> None:
    while end - start > MAX_PASSAGE_CHARS:
        limit = start + MAX_PASSAGE_CHARS
        space = text.rfind(" ", start + MAX_PASSAGE_CHARS // 2, limit)
        start = space + 1 if space > start else limit
        out.append(start)


class Document:
    """A snapshot's text, its lower-cased twin and where each passage starts."""

    __slots__ = ("_new_paragraph", "_starts", "lowered", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        if len(lowered) != len(text):
            # A few characters grow when lower-cased ("İ"); offsets must stay aligned.
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.lowered = lowered
        starts = [0]
        new_paragraph = [True]
        previous = 0
        for match in _END.finditer(text):
            if match.group("stop") and _is_abbreviation(text, match.start()):
                continue
            boundary = match.end()
            if boundary <= previous or boundary >= len(text):
                continue
            _cut_long(text, previous, boundary, starts)
            new_paragraph.extend(False for _ in range(len(starts) - len(new_paragraph)))
            starts.append(boundary)
            new_paragraph.append("\n" in match.group(0))
            previous = boundary
        _cut_long(text, previous, len(text), starts)
        new_paragraph.extend(False for _ in range(len(starts) - len(new_paragraph)))
        self._starts = starts
        self._new_paragraph = new_paragraph

    def __len__(self) -> int:
        return len(self._starts) if self.text else 0

    def index_at(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def passage(self, index: int) -> Passage:
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self.text)
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Passage(index, start, end, text[start:end])

    def raw_length(self, index: int) -> int:
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self.text)
        return end - self._starts[index]

    def same_paragraph(self, first: int, second: int) -> bool:
        """Whether passages `first` < `second` belong to one paragraph."""
        return not any(self._new_paragraph[i] for i in range(first + 1, second + 1))

    def neighbours(self, index: int) -> list[int]:
        """The passages just before and after `index` in the same paragraph."""
        found = []
        if index > 0 and not self._new_paragraph[index]:
            found.append(index - 1)
        if index + 1 < len(self) and not self._new_paragraph[index + 1]:
            found.append(index + 1)
        return found


@lru_cache(maxsize=4)
def document(text: str) -> Document:
    """The analysed document; cached because every verifier of a claim reads the same source."""
    return Document(text)


def span(doc: Document, first: Passage, last: Passage) -> Passage:
    """One passage covering `first` through `last` (same document, first before last)."""
    return Passage(first.index, first.start, last.end, doc.text[first.start : last.end])
