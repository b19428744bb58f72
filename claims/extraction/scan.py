"""Run a regex only where a sentence has a word that can start a match.

Python's regex engine tries every alternative of a long word list at every position; on news
text that costs about half a microsecond per character per pattern. Tokenizing a sentence once
and trying each pattern only at the few words that can begin it is several times faster.
"""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_POSSESSOR = re.compile(r"(?<![A-Za-z])[A-Za-z]+(?=['’]s\b)")  # from word starts only: linear
DIGIT = "<digit>"  # in a trigger set: any number written in digits may start a match


class Tokens:
    """The words of text[start:end], lower-cased, with their offsets."""

    __slots__ = ("_items", "_possessors", "words")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._items = [(m.start(), m.group(0).lower()) for m in _TOKEN.finditer(text, start, end)]
        self.words = {w if not w[0].isdigit() else DIGIT for _, w in self._items}
        # "Russia's largest": a possessor can start a match too.
        self._possessors = [m.start() for m in _POSSESSOR.finditer(text, start, end)]

    def has(self, triggers: Collection[str]) -> bool:
        return not self.words.isdisjoint(triggers)

    def starts(self, triggers: Collection[str], possessors: bool = False) -> list[int]:
        digits = DIGIT in triggers
        found = [
            pos for pos, word in self._items if word in triggers or (digits and word[0].isdigit())
        ]
        if possessors and self._possessors:
            found = sorted(set(found).union(self._possessors))
        return found


def scan(
    pattern: re.Pattern[str], text: str, positions: list[int], end: int
) -> Iterator[re.Match[str]]:
    """Like pattern.finditer(text), but only trying matches at the given positions."""
    reached = -1
    for pos in positions:
        if pos < reached:
            continue
        match = pattern.match(text, pos, end)
        if match and match.end() > match.start():
            reached = match.end()
            yield match
