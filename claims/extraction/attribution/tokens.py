"""Words and punctuation of a stretch of text, with their offsets."""
# ruff: noqa: RUF001, RUF003 - typographic quotes and apostrophes are tokens here

from __future__ import annotations

import re
from dataclasses import dataclass

# One pass, no nesting: a dotted acronym ("U.S."), a title with its dot ("Mr.", "Dr."), an
# initial ("J."), a word (runs of letters and digits joined by single apostrophes, hyphens,
# dots or ampersands: "Vell-Arden", "Kelmar.com", "don't"; "Citizens’" keeps its possessive
# apostrophe, which is no quotation mark), or one punctuation mark. Every
# part consumes what no other part can, so the scan is linear.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Rev|St|Gen|Col|Capt|Lt|Sgt|Det|Jr|Sr|Inc|Corp|Co|Ltd)\."
    r"|[A-Z]\.(?=\s)"
    r"|[^\W_]+(?:['’.&-][^\W_]+)*(?:(?<=s)['’](?!\w))?"
    r"|[^\w\s]"
)
QUOTE_MARKS = frozenset('“”"‘’«»')


@dataclass(slots=True)
class Tokens:
    """Parallel lists: each token's text, its lower-case form, and where it lies in the text."""

    text: list[str]
    lower: list[str]
    start: list[int]
    end: list[int]

    def __len__(self) -> int:
        return len(self.text)

    def is_word(self, i: int) -> bool:
        return self.text[i][0].isalnum()

    def is_capitalised(self, i: int) -> bool:
        first = self.text[i][0]
        if first.isupper():
            return True
        # "2nd District Court of Appeal": a number opens a name only before a capital.
        return (
            first.isdigit()
            and i + 1 < len(self.text)
            and self.text[i + 1][0].isupper()
            and self.text[i][-1].isalpha()
        )


def tokenize(text: str, start: int, end: int) -> Tokens:
    matches = list(_TOKEN.finditer(text, start, end))
    words = [m.group() for m in matches]
    return Tokens(
        words, [w.lower() for w in words], [m.start() for m in matches], [m.end() for m in matches]
    )
