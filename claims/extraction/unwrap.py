"""Hard-wrapped plain text (wire copy, e-mail, text copied out of a PDF) joined into paragraphs.

Such text breaks every line at a fixed width (60-80 columns), so a line break says nothing about
where a sentence or a name ends. A line was broken there because the next word did not fit: a
line that is full up to the text's width continues on the next line; a shorter line ends its
paragraph, as does a line before a list item or a headline that stands alone. Hand-written: no
library unwraps text without also reflowing or re-wrapping it.
"""

from __future__ import annotations

import re
from itertools import pairwise

# Text whose usual line is longer than this is written a paragraph per line, not wrapped.
MAX_WRAP_WIDTH = 100
MIN_WRAP_WIDTH = 30

_LIST_ITEM = re.compile(r"\A\s*(?:[-–—•*·▪►]|\d{1,2}[.)]|[a-z][.)])\s")  # noqa: RUF001
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]\Z")  # noqa: RUF001
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\Z")  # noqa: RUF001
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")  # noqa: RUF001
_HYPHENATED = re.compile(r"[^\W\d_]-\Z")
_MINOR = frozenset(
    ["a", "an", "and", "the", "of", "in", "on", "at", "for", "to", "by", "with", "or"]
)


def _wrap_width(lines: list[str]) -> int | None:
    """The column the text is wrapped at, or None when it is not hard-wrapped."""
    ends = [line.rstrip() for line, after in pairwise(lines) if line.strip() and after.strip()]
    lengths = [len(line) for line in ends]
    if len(lengths) < 3:
        return None
    ordered = sorted(lengths)
    width = ordered[int(0.9 * (len(ordered) - 1))]
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    # Wrapped lines are nearly full (a list or a poem has short lines of every length), and
    # most break inside a sentence (paragraphs written one per line end with a full stop).
    full = sum(1 for n in lengths if n >= width * 0.75)
    ended = sum(1 for line in ends if _SENTENCE_END.search(line))
    if full < 0.6 * len(lengths) or ended > 0.5 * len(ends):
        return None
    return width


def _is_title_case(line: str) -> bool:
    words = _WORD.findall(line)
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in _MINOR)
    return len(words) >= 2 and capitalised == len(words)


def _continues(line: str, after: str, width: int, block_start: bool, doc_start: bool) -> bool:
    """Whether `line` of hard-wrapped text runs on into `after`, the line below it."""
    text = line.rstrip()
    if not text or not after.strip() or _LIST_ITEM.match(after):
        return False
    if line.endswith(" ") and not line.isspace() and len(text) >= width * 0.5:
        return True  # format=flowed e-mail marks a soft break with a trailing space
    # A headline stands on its own line even when no blank line follows it.
    headline = _is_title_case(text) or (doc_start and after.lstrip()[:1].isupper())
    if block_start and not _TERMINAL.search(text) and headline:
        return False
    first_word = after.split(maxsplit=1)[0]
    return len(text) + 1 + len(first_word) > width - 2 or (
        after.lstrip()[:1].islower() and not _TERMINAL.search(text)
    )


def unwrap(text: str) -> str:
    """`text` with each hard-wrapped paragraph on one line; unchanged when it is not wrapped."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    paragraph: list[str] = []  # the lines of the paragraph being joined
    doc_start = True
    for index, line in enumerate(lines):
        after = lines[index + 1] if index + 1 < len(lines) else ""
        block_start = not paragraph
        paragraph.append(line)
        if _continues(line, after, width, block_start, doc_start):
            continue
        joined = paragraph[0].rstrip()
        for part in paragraph[1:]:
            joined += ("" if _HYPHENATED.search(joined) else " ") + part.strip()
        out.append(joined if len(paragraph) > 1 else line)
        paragraph = []
        doc_start = doc_start and not line.strip()
    return "\n".join(out)
