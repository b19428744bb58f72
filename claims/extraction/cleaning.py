"""Turn a pasted article or a saved HTML page into clean article text.

Boilerplate is recognised by general rules (short title-case lines without sentence punctuation,
lines repeated several times, promotion and sharing prompts, bylines, photo credits, timestamps)
so that pages from any outlet clean up, not just the ones we have seen.
"""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from collections import Counter

from claims.extraction.errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    NoArticleTextError,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|p|div|article|section|span|br|h[1-6]|script|meta|a|ul|li)\b[^<>]{0,500}>",
    re.I,
)

_TERMINAL = re.compile(r"[.!?:;\"”’')\]]\s*\Z")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_PROMO = re.compile(
    r"\b(?:breaking news|live (?:events|updates|coverage|blog|tv|stream)|watch live|sign up|"
    r"subscribe|newsletter|download (?:the|our) app|follow us|share (?:this|on|via)|click here|"
    r"read more|more stories|related (?:stories|articles|coverage|topics)|advertisement|"
    r"sponsored content|all rights reserved|terms of (?:use|service)|privacy policy|cookies|"
    r"skip to (?:content|main)|most (?:read|popular|viewed)|top stories|listen to (?:this|the) "
    r"(?:article|story)|\d+ min(?:ute)? read|copy link)\b|©|\b24/7\b",
    re.I,
)
_BYLINE = re.compile(
    r"\A(?:by|written by|reporting by|words by|story by)\s+[A-Z][\w.'’-]*(?:\s+[\w.'’,&-]+){0,8}\Z"
)
_CREDIT = re.compile(
    r"\A\(?(?:photo|image|picture|video|file photo|photograph|illustration)s?"
    r"(?:\s+credits?)?\s*(?::|/|by\b|via\b|courtesy\b)|\A\(?credits?\s*:|"
    r"\(\s*(?:AP|AFP|Reuters|Getty Images|EPA|"
    r"[A-Z][\w ]{0,30} Photo)\b[^()]{0,80}\)\s*\Z|\AFILE\s*[-–—]\s|\AFILE PHOTO\b",
    re.I,
)
_TIMESTAMP = re.compile(
    r"\A(?:(?i:updated|published|posted|last updated|first published)\b:?\s*)?(?:on\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}|"
    r"\d{4}-\d{2}-\d{2})?[,\s]*(?:\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4})?)?\Z"
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


def html_to_text(html: str) -> str:
    # trafilatura costs ~0.3 s to import, so plain-text callers never pay for it.
    import trafilatura

    extracted = trafilatura.extract(
        html, include_comments=False, include_tables=False, deduplicate=False
    )
    if not extracted or not extracted.strip():
        raise NoArticleTextError("no article text found in the HTML page")
    return str(extracted)


def _normalize_line(line: str) -> str:
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub("", line)
    return _ODD_SPACE.sub(" ", line).strip()


def _is_title_case_fragment(line: str) -> bool:
    if _TERMINAL.search(line) or any(ch.isdigit() for ch in line):
        return False
    words = _WORD.findall(line)
    if not words or len(words) > 6:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in _MINOR_WORDS)
    return capitalised == len(words) and any(w[0].isupper() for w in words)


_MINOR_WORDS = frozenset(
    ["a", "an", "and", "the", "of", "in", "on", "at", "for", "to", "by", "with", "or", "&"]
)


def _is_boilerplate(line: str, repeats: int, is_first: bool) -> bool:
    words = line.count(" ") + 1
    if repeats >= 2 and (words <= 6 or not _TERMINAL.search(line)):
        return True  # navigation and promo blocks repeat; sentences rarely do
    if (words <= 12 or (words <= 20 and not _TERMINAL.search(line))) and _PROMO.search(line):
        return True
    if words <= 12 and (_BYLINE.match(line) or _TIMESTAMP.match(line)):
        return True
    if words <= 60 and _CREDIT.search(line):
        return True
    # A headline in title case is common; only later short title-case lines are navigation.
    return not is_first and _is_title_case_fragment(line)


def clean_text(text: str) -> str:
    """Plain article text: boilerplate lines dropped, paragraphs separated by blank lines."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_normalize_line(line) for line in raw_lines]
    counts = Counter(line.casefold() for line in lines if line)
    kept: list[str] = []
    seen_long: set[str] = set()
    gap = False
    for line in lines:
        if not line:
            gap = True
            continue
        key = line.casefold()
        if _is_boilerplate(line, counts[key], is_first=not kept):
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
        gap = False
    return "".join(kept)


def prepare(text: str, max_chars: int) -> str:
    """Validate the document, extract article text from HTML, and drop boilerplate."""
    check_text(text, max_chars)
    if looks_like_html(text):
        text = html_to_text(text)
    return clean_text(text)
