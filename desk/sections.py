"""The article page in sections: where a long article's text is cut, and which claims each holds.

A section holds at most SECTION_CHARS characters and SECTION_CLAIMS claims, is never cut inside
a claim, and ends at a paragraph or sentence where one is near; the highlighted text of one
section is rendered at a time (desk/rendering.py).
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

# Where a sentence ends: its closing punctuation and quotes, then space; or a line break.
SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s+|\n+")

SECTION_CHARS = 20_000
"""A section of the article page holds at most this many characters of text ..."""
SECTION_CLAIMS = 200
"""... and at most this many claims, so that a page stays small however large the article is."""
_CUT_SLACK = 2_000  # how far a cut may move back to end a section at a paragraph or sentence
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class ArticleSections:
    """Where an article's text is cut into sections (see `article_sections`).

    The claims are kept as two arrays of machine integers, a few bytes a claim, so that the
    article page's memory hardly grows with the article.
    """

    length: int
    cuts: tuple[int, ...]  # 0, ..., length: section k is [cuts[k], cuts[k + 1]) before refining
    starts: array[int]  # the claims' starts, in order
    reach: array[int]  # reach[i]: the furthest end of the claims up to starts[i]

    @property
    def count(self) -> int:
        return max(len(self.cuts) - 1, 1)

    def index_of(self, position: int) -> int:
        """The section (from 0) that holds a character position."""
        return min(max(bisect.bisect_right(self.cuts, position) - 1, 0), self.count - 1)

    def window(self, index: int) -> tuple[int, int]:
        """The text a section's page needs: from where its start may move back to its end."""
        return self._slack_start(index), self.cuts[index + 1] if index + 1 < len(self.cuts) else 0

    def _covered_until(self, position: int) -> int:
        """The furthest end of the claims that start before `position` (0 if none)."""
        k = bisect.bisect_left(self.starts, position) - 1
        return self.reach[k] if k >= 0 else 0

    def _slack_start(self, index: int) -> int:
        """How far back cut `index` may move: not into a claim nor past the previous cut."""
        cut = self.cuts[index]
        if index == 0 or cut >= self.length:
            return cut
        return max(self._covered_until(cut), cut - _CUT_SLACK, self.cuts[index - 1] + 1)

    def refined_cut(self, index: int, window: str, window_start: int) -> int:
        """Cut `index` moved back to a paragraph, sentence or word end where one is near.

        Only the text between the claims before the cut and the cut itself is searched, so
        refining never moves a claim into another section; it is the same for both sections
        that meet at the cut.
        """
        cut = self.cuts[index]
        low = self._slack_start(index)
        if low >= cut:
            return cut
        gap = window[low - window_start : cut - window_start]
        paragraph = gap.rfind("\n")
        if paragraph >= 0:
            return low + paragraph + 1
        sentence_ends = [m.end() for m in SENTENCE_END.finditer(gap)]
        if sentence_ends:
            return low + sentence_ends[-1]
        space = [m.end() for m in _SPACE.finditer(gap)]
        return low + space[-1] if space else cut


def article_sections(
    length: int,
    spans: Iterable[tuple[int, int]],
    *,
    max_chars: int = SECTION_CHARS,
    max_claims: int = SECTION_CLAIMS,
) -> ArticleSections:
    """Cut a text of `length` characters into sections of bounded text and claims.

    `spans` are the claims' (start, end), best in order of start (they are read once). A cut
    never falls inside a claim unless claims overlapping in a chain leave no room, in which case
    the section grows past `max_chars` to the end of the chain.
    """
    starts, ends = array("q"), array("q")
    for start, end in spans:
        if 0 <= start < end <= length:
            starts.append(start)
            ends.append(end)
    if any(a > b for a, b in itertools.pairwise(starts)):
        pairs = sorted(zip(starts, ends, strict=True))
        starts, ends = array("q", (p[0] for p in pairs)), array("q", (p[1] for p in pairs))
    reach = array("q", itertools.accumulate(ends, max))
    sections = ArticleSections(length, (), starts, reach)
    cuts = [0]
    first = 0  # the first claim that starts in the current section
    while cuts[-1] < length:
        begin = cuts[-1]
        first = bisect.bisect_left(starts, begin, lo=first)
        cut = min(length, begin + max_chars)
        if first + max_claims < len(starts):
            cut = min(cut, max(starts[first + max_claims], begin + 1))
        # Back out of a claim, to the start of the chain of claims that covers the cut ...
        while begin < cut < length and sections._covered_until(cut) > cut:
            cut = starts[bisect.bisect_left(starts, cut) - 1]
        # ... or, when that chain starts the section, forward past its end.
        if cut <= begin:
            cut = begin + 1
            while cut < length and sections._covered_until(cut) > cut:
                cut = sections._covered_until(cut)
        cuts.append(min(cut, length))
    return ArticleSections(length, tuple(cuts), starts, reach)
