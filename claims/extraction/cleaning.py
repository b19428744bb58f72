"""Turn a pasted article or a saved HTML page into clean article text.

HTML pages are read by `htmlpage` (article text and metadata); hard-wrapped plain text is joined
into paragraphs by `unwrap`; then every line is judged by the general rules of `boilerplate`, so
that pages from any outlet clean up, not just the ones we have seen.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from claims.extraction.boilerplate import GLUED_BYLINE, is_boilerplate, without_tail
from claims.extraction.errors import BinaryInputError, EmptyInputError, InputTooLargeError
from claims.extraction.htmlpage import read_page
from claims.extraction.model import PageMetadata
from claims.extraction.unwrap import unwrap

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|p|div|article|section|span|br|h[1-6]|script|meta|a|ul|li)\b[^<>]{0,500}>",
    re.I,
)


def check_text(text: str, max_chars: int) -> None:
    """Reject input that can only produce garbage, with a message a person can act on."""
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"document is {len(text):,} characters long; the limit is {max_chars:,}"
        )
    if "\x00" in text:
        raise BinaryInputError("document contains NUL bytes: it looks like binary data, not text")
    if not text.strip():
        raise EmptyInputError("document is empty")
    sample = text[:200_000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise BinaryInputError("document is full of control characters: it looks like binary data")


def looks_like_html(text: str) -> bool:
    if _HTML_START.match(text):
        return True
    head = text[:20_000]
    return head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= 3


def _normalize_line(line: str) -> str:
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub("", line)
    return _ODD_SPACE.sub(" ", line).strip()


def clean_text(text: str) -> str:
    """Plain article text: boilerplate lines dropped, paragraphs separated by blank lines."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _normalize_line(raw)
        # A caption's credit is cut off, unless the line is nothing but a credit (then it goes).
        line = without_tail(line) or line
        glued = GLUED_BYLINE.match(line)
        if glued:
            # The byline goes on a line of its own (and so away), the sentence stays.
            lines.append(line[: glued.end()].rstrip(" :|-–—"))  # noqa: RUF001
            line = line[glued.end() :]
        lines.append(line)
    counts = Counter(line.casefold() for line in lines if line)
    kept: list[str] = []
    seen_long: set[str] = set()
    gap = False
    headline_seen = False
    for line in lines:
        if not line:
            gap = True
            continue
        key = line.casefold()
        # The headline is the first line of three words or more (a kicker may precede it).
        if is_boilerplate(line, counts[key], is_first=not headline_seen):
            gap = True
            continue
        if counts[key] >= 2:
            # A long paragraph printed twice (a pull quote, a teaser) is kept once.
            if key in seen_long:
                gap = True
                continue
            seen_long.add(key)
        if kept:
            kept.append("\n\n" if gap else "\n")
        kept.append(line)
        headline_seen = headline_seen or line.count(" ") >= 2
        gap = False
    return "".join(kept)


@dataclass(frozen=True, slots=True)
class PreparedText:
    """The clean text of a document, and the metadata of its page when it was HTML."""

    clean: str
    metadata: PageMetadata | None = None


def prepare_document(text: str, max_chars: int) -> PreparedText:
    """Validate the document, read the article and metadata of HTML, and drop boilerplate."""
    check_text(text, max_chars)
    if looks_like_html(text):
        page = read_page(text)
        return PreparedText(clean_text(page.text), page.metadata)
    return PreparedText(clean_text(unwrap(text.replace("\r\n", "\n").replace("\r", "\n"))))


def prepare(text: str, max_chars: int) -> str:
    """The clean text of a document (see prepare_document)."""
    return prepare_document(text, max_chars).clean
