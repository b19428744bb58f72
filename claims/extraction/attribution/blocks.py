"""Attributions that stand on a line of their own and speak for the lines before them.

A "Source: X" line under a list of figures credits each item to X; an embedded post closes with
its author's signature, "— Name (@handle) date", and everything in it is theirs.
"""
# ruff: noqa: RUF001 - typographic dashes are what these patterns look for

from __future__ import annotations

import re

# Anchored at a line start and bounded, so each line costs at most a fixed number of steps.
_SOURCE_LINE = re.compile(r"^[ \t]*Sources?[ \t]*:[ \t]*(?P<who>[^\n]{2,120})$", re.M)
_SIGNATURE = re.compile(r"^[ \t]*[—–-][ \t]*(?P<who>[^\n(@]{2,60}?)[ \t]*\(@\w{1,30}\)", re.M)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-–•*·]|\d{1,2}[.)])[ \t]")
# A "Source:" line covers at most this many list items or short lines above it.
MAX_CREDITED_LINES = 12
_SHORT_LINE = 120


def _line_above(text: str, line_start: int) -> tuple[int, int] | None:
    end = line_start - 1
    while end > 0 and text[end - 1] == "\n":
        end -= 1  # blank lines between
    if end <= 0:
        return None
    start = text.rfind("\n", 0, end) + 1
    return start, end


def _credited_line(text: str, start: int, end: int) -> bool:
    """A list item, or a short line that does not end like a sentence ("33% of ...")."""
    if _LIST_ITEM.match(text, start, end):
        return True
    line = text[start:end].rstrip()
    return 0 < len(line) <= _SHORT_LINE and line[-1] not in '.!?:”"'


def block_speakers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, speaker) for each stretch of text that such a line credits."""
    blocks: list[tuple[int, int, str]] = []
    if "Source" not in text and "(@" not in text:
        return blocks  # the usual case, decided without a scan line by line
    for match in _SOURCE_LINE.finditer(text):
        who = match.group("who").strip(" .")
        line = _line_above(text, match.start())
        first = None
        last = None
        for _ in range(MAX_CREDITED_LINES):
            if line is None or not _credited_line(text, *line):
                break
            first = line[0]
            last = last or line[1]
            line = _line_above(text, line[0])
        if first is not None and last is not None and who:
            blocks.append((first, last, who))
    for match in _SIGNATURE.finditer(text):
        who = match.group("who").strip()
        line = _line_above(text, match.start())
        if line is not None and who:
            blocks.append((line[0], line[1], who))
    blocks.sort()
    return blocks
