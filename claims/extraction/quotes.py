"""Direct quotations and who said them."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(r"“(?P<curly>[^“”\n]{2,3000})(?:”|(?=\n)|\Z)|\"(?P<straight>[^\"\n]{2,3000})\"")
_VERBS = (
    r"said|says|say|added|adds|stated|wrote|writes|tweeted|declared|explained|noted|warned|"
    r"insisted|argued|asked|replied|continued|claimed|told\s+[^,.;:\n“”\"]{1,30}?|"
    r"announced|posted|according\s+to"
)
_AFTER_VERB_FIRST = re.compile(rf"[\s,]*(?:{_VERBS})\s+(?P<spk>[^,.;:\n“”\"]{{1,80}})", re.I)
_AFTER_SPEAKER_FIRST = re.compile(rf"[\s,]*(?P<spk>[^,.;:\n“”\"]{{1,60}}?)\s+(?:{_VERBS})\b", re.I)
_BEFORE = re.compile(
    rf"(?:^|[.;:\n“”\"!?]\s*|,\s+)(?P<spk>[^,.;:\n“”\"]{{1,100}}?)\s+(?:{_VERBS})"
    r"(?:\s+(?:in|on|at|during)\s+[^,:\n“”\"]{1,40}?)?\s*[,:]?\s*\Z"
    r"|\baccording\s+to\s+(?P<acc>[^,:\n“”\"]{1,60}),\s*\Z",
    re.I,
)
_SPEAKER_CUT = re.compile(
    r"\s(?:in|on|at|during|to|after|before|when|while|that|who|which|as|with|about|last|"
    r"this|earlier|later|yesterday|today|on|told)\b.*\Z",
    re.I | re.S,
)
_SPEAKER_DOCUMENT = re.compile(
    r"\A(?:(?:a|an|the)\s+)?(?:joint\s+|written\s+)?(?:statement|release|press release|post|"
    r"tweet|letter|report|message)\s+(?:from|by|of|issued by)\s+",
    re.I,
)
_SPEAKER_SUFFIX = re.compile(
    r"(?:['’]s)?\s+(?:statement|press release|release|post|tweet|letter|report|message)\Z", re.I
)
_DETERMINER = re.compile(r"\A(?:a|an|the|his|her|their|its|our)\s+", re.I)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
_AUXILIARIES = frozenset(
    [
        "have",
        "has",
        "had",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "also",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "do",
        "does",
        "did",
        "not",
        "never",
    ]
)
_VERB_WORDS = frozenset(["said", "says", "say", "added", "adds", "told", "stated", "wrote"])

# Only this many quotations are attributed per document; beyond that the text is not news prose
# and the work would grow without bound.
MAX_QUOTES = 5_000


@dataclass(frozen=True, slots=True)
class QuoteMention:
    start: int
    end: int
    speaker: str | None


def normalize_speaker(raw: str) -> str | None:
    """'a Russian Foreign Ministry statement' -> 'Russian Foreign Ministry'."""
    speaker = " ".join(raw.split())
    speaker = _SPEAKER_DOCUMENT.sub("", speaker)
    speaker = _SPEAKER_CUT.sub("", speaker)
    speaker = _SPEAKER_SUFFIX.sub("", speaker)
    speaker = _DETERMINER.sub("", speaker).strip(" ,'’\"")
    if not speaker or len(speaker.split()) > 8:
        return None
    if speaker.lower() in _PRONOUNS:
        return speaker.lower()
    if not any(ch.isupper() for ch in speaker) and len(speaker.split()) > 3:
        return None
    if speaker.split()[-1].lower() in _VERB_WORDS or speaker.split()[-1].lower() in _AUXILIARIES:
        return None
    return speaker


def _attribution(text: str, quote: re.Match[str]) -> str | None:
    line_end = text.find("\n", quote.end())
    after_end = min(quote.end() + 120, len(text) if line_end < 0 else line_end)
    for pattern in (_AFTER_VERB_FIRST, _AFTER_SPEAKER_FIRST):
        match = pattern.match(text, quote.end(), after_end)
        if match:
            speaker = normalize_speaker(match.group("spk"))
            if speaker:
                return speaker
    line_start = text.rfind("\n", 0, quote.start()) + 1
    window = text[max(line_start, quote.start() - 160) : quote.start()]
    match = _BEFORE.search(window)
    if match:
        return normalize_speaker(match.group("spk") or match.group("acc"))
    return None


def _content_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    return start, end


def find_quotes(text: str) -> list[QuoteMention]:
    """Quotations of at least a few words, with the speaker where the text names one."""
    quotes: list[QuoteMention] = []
    last_named: str | None = None
    last_line = -1
    last_speaker: str | None = None
    counted_to = 0
    line = 0
    for count, match in enumerate(_QUOTE.finditer(text)):
        if count >= MAX_QUOTES:
            break
        group = "curly" if match.group("curly") is not None else "straight"
        start, end = _content_span(text, match.start(group), match.end(group))
        words = text.count(" ", start, end) + 1
        if words < 3:
            continue
        speaker = _attribution(text, match)
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        if speaker in _PRONOUNS:
            speaker = last_named
        elif speaker is None and last_speaker and line - last_line <= 2:
            speaker = last_speaker  # the same speaker goes on after a sentence break
        if speaker is None and words < 6:
            continue  # scare quotes: "so-called", 'hiding in a hospital'
        if speaker:
            last_named = speaker
            last_speaker = speaker
            last_line = line
        quotes.append(QuoteMention(start, end, speaker))
    return quotes


_REPORTED = re.compile(
    rf"\A(?P<spk>[A-Z][^,;:“”\"\n]{{0,80}}?)\s+(?:{_VERBS}|announced|claimed|reported|"
    r"estimated|found|showed|shows)\b",
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<spk>[^,.;:\n“”\"]{1,60})", re.I)


def reported_speaker(sentence: str) -> str | None:
    """Who a sentence of reported speech attributes its content to, if it says."""
    match = _REPORTED.match(sentence) or _ACCORDING.search(sentence)
    if not match:
        return None
    speaker = normalize_speaker(match.group("spk"))
    return None if speaker in _PRONOUNS else speaker
