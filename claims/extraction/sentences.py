"""Sentence splitting tuned for news prose.

Hand-written rather than a library: the ones that handle abbreviations well (spaCy, stanza,
nltk's punkt) need model files downloaded at run time or cost far more than the whole extractor.
Rules: a line break ends a sentence unless the line is visibly wrapped; terminal punctuation ends
one unless it belongs to an abbreviation, an initial or a title, or what follows is lower case.
"""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re

from claims.extraction.model import Sentence

# Longer "sentences" are cut at whitespace so that one huge line costs linear time downstream.
MAX_SENTENCE_CHARS = 1_500

_LINE = re.compile(r"[^\n]+")
_CANDIDATE = re.compile(r"[.!?…]+[\"”’'\)\]]*(?=\s|\Z)")
_PREV_TOKEN = re.compile(r"[\"“‘'(\[]*([^\s\"“‘'(\[]*)\Z")
_NEXT_TOKEN = re.compile(r"\s*[\"“‘'(\[]*(\S?)(\w*)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){1,4}[A-Za-z]\.?\Z")
_CUT = re.compile(r"\s")

_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "prof",
        "st",
        "rev",
        "hon",
        "pres",
        "atty",
        "supt",
        "messrs",
        "mt",
        "ft",
        "fr",
        "sr",
        "jr",
        "no",
        "nos",
        "vol",
        "fig",
        "art",
        "sec",
        "ch",
        "pp",
        "para",
        "approx",
        "dept",
        "univ",
        "est",
        "brig",
        "cpl",
        "pvt",
        "gens",
        "reps",
        "sens",
        "govs",
        "ave",
        "blvd",
        "rd",
        "mme",
        "mlle",
        "sra",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_COMPANY = frozenset(["inc", "corp", "ltd", "co", "plc", "llc", "bros", "etc", "al"])
_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "as",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "after",
        "before",
        "however",
        "meanwhile",
        "some",
        "many",
        "most",
        "according",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "last",
        "since",
        "then",
        "now",
        "for",
        "still",
    ]
)


def _ends_sentence(text: str, match: re.Match[str], line_end: int) -> bool:
    nxt = _NEXT_TOKEN.match(text, match.end(), line_end)
    first = nxt.group(1) if nxt else ""
    if not first:
        return True
    if first.islower() or first in ",;:":
        return False
    punct = match.group(0)
    if "." not in punct or "!" in punct or "?" in punct or "…" in punct:
        return True
    prev = _PREV_TOKEN.search(text, max(0, match.start() - 60), match.start())
    word = prev.group(1) if prev else ""
    # "then-Rep. Jo Vale", "ex-Gov. Ruiz": a title after a hyphenated prefix is still a title.
    bare = word.rstrip(".").rpartition("-")[2].lower()
    following = (first + nxt.group(2)).lower() if nxt else ""
    if bare in _TITLES:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "George W. Bush"
    if _DOTTED.match(word + ".") or bare in _COMPANY:
        # "U.S." or "Inc." may end a sentence; only a typical sentence opener says so.
        return following in _STARTERS
    return not first.isdigit()


def _split_long(start: int, end: int, text: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = start + MAX_SENTENCE_CHARS
        space = _CUT.search(text, cut, min(end, cut + 200))
        stop = space.start() if space else cut
        pieces.append((start, stop))
        start = stop
    pieces.append((start, end))
    return pieces


def _is_wrapped(line: str, next_line: str) -> bool:
    return bool(line) and line[-1] not in '.!?:;"”’)' and next_line[:1].islower()


def _segments(text: str) -> list[tuple[int, int]]:
    """Runs of lines joined where a line visibly wraps into the next."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    segments: list[tuple[int, int]] = []
    for start, end in lines:
        if not text[start:end].strip():
            continue
        if segments:
            prev_start, prev_end = segments[-1]
            if text[prev_end:start].count("\n") == 1 and _is_wrapped(
                text[prev_start:prev_end].rstrip(), text[start:end].lstrip()
            ):
                segments[-1] = (prev_start, end)
                continue
        segments.append((start, end))
    return segments


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets into `text`, in order."""
    sentences: list[Sentence] = []
    for seg_start, seg_end in _segments(text):
        start = seg_start
        for match in _CANDIDATE.finditer(text, seg_start, seg_end):
            if _ends_sentence(text, match, seg_end):
                _add(sentences, text, start, match.end())
                start = match.end()
        _add(sentences, text, start, seg_end)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    start, end = _trimmed(text, start, end)
    if start >= end:
        return
    for piece_start, piece_end in _split_long(start, end, text):
        s, e = _trimmed(text, piece_start, piece_end)
        if s < e:
            sentences.append(Sentence(s, e, text[s:e]))
