"""Query cleaning: the claim a post makes, without what the platform wrapped it in.

A post that repeats a checked claim carries links, picture links, @handles, hashtags written as
one word ("#RedFort"), emoji, and when it was copied from an embed, a signature line naming its
author and the day it was posted ("— Name (@handle) January 28, 2021"). None of that is the
claim: the signature's date in particular would block a match against a claim with another year.
Hashtags and handles are split into their words ("#RedFort" is "Red Fort", "@JoeBiden" is "Joe
Biden"), since they often name the subject.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Picture links are often glued to the word before them ("#FreeIran2020pic.twitter.com/...").
_LINK = re.compile(r"(?:https?://|www\.)\S+|pic\s?\.\s?twitter\.com/\S*|\btwitter\.com/\S*", re.I)
# The embed signature: a dash, the author's name, "(@handle)" and the date posted. It ends the
# post, or, dated, sits inside it where a quoted post ends.
_POSTED = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}"
_SIGNATURE = re.compile(
    r"(?:\u2014|\u2013|--)\s*[^\u2014\u2013\n]{0,80}?\(\s*@\w{1,30}\s*\)\s*"
    rf"(?:(?:{_POSTED})?[\s\"'\u201d]*$|{_POSTED})"
)
_HANDLE = re.compile(r"(?<![\w@])@(\w{1,30})")
_HASHTAG = re.compile(r"(?<!&)#(\w{1,80})")
# Word boundaries inside one CamelCase or digit-joined run: "RDaySpiritShamed", "COVID19Vaccine".
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_SPACES = re.compile(r"\s+")
# Emoji and other pictographs, their modifiers and the joiners between them.
_DROPPED_CATEGORIES = frozenset({"So", "Sk", "Cs", "Co", "Cn"})
_JOINERS = frozenset({"\u200d", "\ufe0e", "\ufe0f", "\u20e3"})


def split_words(run: str) -> str:
    """The words of a hashtag or handle: "RedFort" is "Red Fort", "stop_the_steal" is three."""
    parts: list[str] = []
    for piece in run.split("_"):
        found = _CAMEL.findall(piece)
        parts.extend(found if found else [piece])
    return " ".join(p for p in parts if p)


def _without_pictographs(text: str) -> str:
    kept = []
    for char in text:
        if char in _JOINERS:
            continue
        if ord(char) > 0x2000 and unicodedata.category(char) in _DROPPED_CATEGORIES:
            kept.append(" ")
            continue
        kept.append(char)
    return "".join(kept)


def clean_post(text: str) -> str:
    """The words of a post or query that can say what it claims."""
    if not isinstance(text, str):
        return ""
    text = html.unescape(text)
    text = _LINK.sub(" ", text)
    text = _SIGNATURE.sub(" ", text.strip())
    text = _HASHTAG.sub(lambda m: " " + split_words(m.group(1)) + " ", text)
    text = _HANDLE.sub(lambda m: " " + split_words(m.group(1)) + " ", text)
    text = _without_pictographs(text)
    return _SPACES.sub(" ", text).strip()
