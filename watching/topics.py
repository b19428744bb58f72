"""Which topics a claim is about: a pure function over plain strings (no Django, no I/O).

A topic is a list of terms, words or phrases. A term occurs in a text when its words appear in
it as whole words, in the same order, separated by anything that is not a word character
(spaces, punctuation, line breaks). Matching ignores case (Unicode case folding, so "STRASSE"
finds "Straße") and compatibility forms (NFKC, so a ligature or a full-width letter counts as
its plain letters). Nothing else is stemmed: "tariff" does not find "tariffs"; a topic that
wants both lists both. Kept this simple on purpose, so an editor can always tell why a claim
matched or did not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

TERM_LIMIT = 100  # characters of one term
TERMS_LIMIT = 200  # terms of one topic

_WORD = re.compile(r"[^\W_]+")


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def term_words(term: str) -> tuple[str, ...]:
    """The words of a term, folded; empty when it holds no letter or digit."""
    return tuple(_WORD.findall(_folded(term)))


def terms_parse(text: str) -> list[str]:
    """The terms written one a line: trimmed, inner spaces collapsed, blank lines and repeats
    (ignoring case) dropped, in the order given."""
    terms: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for line in text.splitlines():
        term = " ".join(line.split())
        words = term_words(term)
        if not term or words in seen:
            continue
        seen.add(words)
        terms.append(term)
    return terms


@lru_cache(maxsize=2048)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Between the words anything but a letter or digit; around the term no letter or digit, so
    # "tax" is not found in "taxes" or "syntax".
    body = r"[\W_]+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")


def term_occurs(term: str, text: str) -> bool:
    """Whether the term occurs in the text as whole words, in order, ignoring case."""
    words = term_words(term)
    return bool(words) and _pattern(words).search(_folded(text)) is not None


def topics_matched(texts: Iterable[str], topics: Mapping[str, Iterable[str]]) -> list[str]:
    """The names of the topics (name -> terms) one of whose terms occurs in one of the texts,
    in the mapping's order."""
    folded = [_folded(text) for text in texts if text]
    matched = []
    for name, terms in topics.items():
        for term in terms:
            words = term_words(term)
            if words and any(_pattern(words).search(text) for text in folded):
                matched.append(name)
                break
    return matched
