"""Find a claim's quoted words in a source and check who the source says spoke them.

Words are compared after folding case, typographic quotes and whitespace. The quotation is
aligned word by word with windows of the source around its rarest words (difflib's matcher on
word lists; a window is a few hundred words, so this stays cheap on long sources). A claim's
"..." or "…" may stand for any number of the source's words; elsewhere the source may have a
few more words than the quotation (a small, unmarked elision) and it still counts as a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from claims.extraction.attribution import find_quotes
from sources.verification.model import ClaimToVerify, Finding, Stance
from sources.verification.passages import Document, document
from sources.verification.text import IGNORED, WORD, one_line

NAME = "quotes"
MIN_WORDS = 3
ANCHORS = 3
MAX_ANCHOR_HITS = 200
MAX_WINDOWS = 24
# Unmarked words the source may add inside the quotation and still quote it in full.
SMALL_ELISION = 3
# Words a "..." may stand for, and the widest gap between aligned pieces anywhere else.
MARKED_ELISION = 60
UNMARKED_GAP = 6
PARTIAL = 0.5
ATTRIBUTION_BEFORE, ATTRIBUTION_AFTER = 600, 300

_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|(?:\.\s*){3}|…|\[…\])\s*")
_QUOTED = re.compile(r"[“\"](?P<words>[^“”\"]{8,})[”\"]")
_QUOTE_MARKS = "\"'“”‘’«»„ "  # noqa: RUF001 - the typographic marks are the point
_TITLES = frozenset(
    str.split(
        """minister president secretary senator governor mayor chief spokesman spokeswoman
        spokesperson prime foreign finance health director chairman chairwoman chair ceo leader
        general commissioner professor dr mr mrs ms sir lord dame judge justice rep sen gov
        deputy vice head official the of"""
    )
)


@dataclass(frozen=True, slots=True)
class Quotation:
    words: tuple[str, ...]
    breaks: frozenset[int]  # indices in `words` where a marked elision sat before the word
    text: str


@dataclass(frozen=True, slots=True)
class Alignment:
    matched: int
    extra: int  # source words inside the occurrence that the quotation leaves out unmarked
    start: int  # offsets of the occurrence in the snapshot
    end: int

    def coverage(self, quotation: Quotation) -> float:
        return self.matched / max(1, len(quotation.words))


def quotation_of(claim: ClaimToVerify) -> Quotation | None:
    if claim.kind == "quote":
        raw = claim.text.strip().strip(_QUOTE_MARKS)
    else:
        inner = _QUOTED.search(claim.text)
        if inner is None:
            return None
        raw = inner.group("words")
    words: list[str] = []
    breaks: set[int] = set()
    for piece in _ELLIPSIS.split(raw):
        if words:
            breaks.add(len(words))
        words.extend(w.lower().replace("\u2019", "'") for w in WORD.findall(piece))
    if len(words) < MIN_WORDS:
        return None
    return Quotation(tuple(words), frozenset(breaks), raw)


def _anchors(quotation: Quotation) -> list[str]:
    # Long uncommon words are rare in the source, so few windows need aligning.
    candidates = sorted(
        {w for w in quotation.words if w not in IGNORED and "'" not in w},
        key=lambda w: (-len(w), w),
    )
    return candidates[:ANCHORS] or list(quotation.words[:1])


def _windows(doc: Document, quotation: Quotation) -> list[tuple[int, int]]:
    reach = len(quotation.text) + 40 + (MARKED_ELISION * 8 if quotation.breaks else 0)
    hits: dict[int, int] = {}
    for anchor in _anchors(quotation):
        pattern = re.compile(r"\b" + re.escape(anchor) + r"\b")
        for count, match in enumerate(pattern.finditer(doc.lowered)):
            if count >= MAX_ANCHOR_HITS:
                break
            bucket = match.start() // max(1, reach)
            hits[bucket] = hits.get(bucket, 0) + 1
    best = sorted(hits, key=lambda b: (-hits[b], b))[:MAX_WINDOWS]
    spans = sorted((max(0, (b - 1) * reach), min(len(doc.text), (b + 2) * reach)) for b in best)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _align(doc: Document, quotation: Quotation, start: int, end: int) -> Alignment | None:
    tokens = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(doc.lowered, start, end)]
    words = [t[2].replace("\u2019", "'") for t in tokens]
    matcher = SequenceMatcher(None, quotation.words, words, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    # Grow the occurrence from the longest run of common words through neighbouring runs that
    # are close in both texts; scattered "the"s elsewhere in the window do not count.
    core = max(range(len(blocks)), key=lambda i: blocks[i].size)
    first = last = core
    extra = 0

    def gap_ok(left: int, right: int) -> tuple[bool, int]:
        a_gap = blocks[right].a - (blocks[left].a + blocks[left].size)
        b_gap = blocks[right].b - (blocks[left].b + blocks[left].size)
        marked = any(blocks[left].a < i <= blocks[right].a for i in quotation.breaks)
        limit = MARKED_ELISION if marked else UNMARKED_GAP
        ok = a_gap <= UNMARKED_GAP and 0 <= b_gap <= limit
        return ok, 0 if marked else max(0, b_gap - a_gap)

    while first > 0:
        ok, added = gap_ok(first - 1, first)
        if not ok:
            break
        first, extra = first - 1, extra + added
    while last + 1 < len(blocks):
        ok, added = gap_ok(last, last + 1)
        if not ok:
            break
        last, extra = last + 1, extra + added
    matched = sum(b.size for b in blocks[first : last + 1])
    begin = tokens[blocks[first].b][0]
    finish = tokens[blocks[last].b + blocks[last].size - 1][1]
    return Alignment(matched, extra, begin, finish)


def _best_alignment(doc: Document, quotation: Quotation) -> Alignment | None:
    best: Alignment | None = None
    for start, end in _windows(doc, quotation):
        found = _align(doc, quotation, start, end)
        if found and (best is None or (found.matched, -found.extra) > (best.matched, -best.extra)):
            best = found
            if found.matched == len(quotation.words) and found.extra == 0:
                break
    return best


def _name_words(speaker: str) -> list[str]:
    return [w for w in WORD.findall(speaker) if w[:1].isupper() and w.lower() not in _TITLES]


def _same_person(claimed: str, attributed: str) -> bool:
    names = {w.lower() for w in _name_words(claimed)}
    given = {w.lower() for w in WORD.findall(attributed)}
    return bool(names & given) or claimed.lower() in attributed.lower()


def _same_role(claimed: str, attributed: str) -> bool:
    """A role the claimed speaker holds: "the finance minister" for "Finance Minister Jane Holt"."""
    role = [w.lower() for w in WORD.findall(attributed) if w.lower() not in ("the", "a", "an")]
    held = {w.lower() for w in WORD.findall(claimed)}
    return bool(role) and all(w in held for w in role)


def _speaker(doc: Document, alignment: Alignment, speaker: str) -> tuple[str, str | None]:
    """("same" | "other" | "unconfirmed", the source's attribution) around the occurrence."""
    start = max(0, alignment.start - ATTRIBUTION_BEFORE)
    end = min(len(doc.text), alignment.end + ATTRIBUTION_AFTER)
    window = doc.text[start:end]
    for mention in find_quotes(window):
        if mention.start + start <= alignment.end and alignment.start <= mention.end + start:
            if mention.speaker and _name_words(mention.speaker):
                same = _same_person(speaker, mention.speaker)
                return ("same" if same else "other"), mention.speaker
            if mention.speaker and _same_role(speaker, mention.speaker):
                return "same", mention.speaker
            break
    names = _name_words(speaker)
    surname = names[-1] if names else speaker
    nearby = doc.text[max(0, alignment.start - 300) : alignment.end + 200]
    if re.search(r"\b" + re.escape(surname) + r"\b", nearby):
        return "same", None
    return "unconfirmed", None


def verify_quotes(claim: ClaimToVerify, snapshot_text: str) -> list[Finding]:
    """Whether the source has the claim's quotation, in full or in part, and from whom."""
    quotation = quotation_of(claim)
    if quotation is None:
        return []
    doc = document(snapshot_text)
    alignment = _best_alignment(doc, quotation) if snapshot_text else None
    shown = one_line(quotation.text, 80)
    if alignment is None or (
        alignment.coverage(quotation) < PARTIAL or alignment.matched < MIN_WORDS
    ):
        return [
            Finding(
                NAME, Stance.UNRELATED, 0.6, "", 0, 0,
                f"The source does not contain the quoted words \u201c{shown}\u201d",
                {"matched_words": alignment.matched if alignment else 0,
                 "quote_words": len(quotation.words)},
            )
        ]  # fmt: skip
    coverage = alignment.coverage(quotation)
    full = alignment.matched == len(quotation.words) and alignment.extra <= SMALL_ELISION
    first, last = (
        doc.index_at(alignment.start),
        doc.index_at(max(alignment.start, alignment.end - 1)),
    )
    passage_start, passage_end = doc.passage(first).start, doc.passage(last).end
    passage_start = min(passage_start, alignment.start)
    passage_end = max(passage_end, alignment.end)
    who, attributed = ("unchecked", None)
    if claim.speaker:
        who, attributed = _speaker(doc, alignment, claim.speaker)
    details: dict[str, object] = {
        "match": "full" if full else "partial",
        "matched_words": alignment.matched,
        "quote_words": len(quotation.words),
        "unmarked_extra_words": alignment.extra,
        "elided": bool(quotation.breaks) or alignment.extra > 0,
        "speaker": who,
        "source_speaker": attributed,
        "occurrence": [alignment.start, alignment.end],
        "near_miss": None,
    }
    quoted = (
        "The source has the quoted words"
        if full
        else (f"The source has {alignment.matched} of the {len(quotation.words)} quoted words")
    )
    if details["elided"] and full:
        quoted += " (with an elision)"
    if not full:
        stance, confidence = Stance.MIXED, 0.35 + 0.3 * coverage
        details["near_miss"] = "partial_quote"
        said = "; the rest differs or is missing"
    elif who == "other":
        stance, confidence = Stance.MIXED, 0.7
        details["near_miss"] = "other_speaker"
        said = f", but attributes them to {attributed}, not {claim.speaker}"
    elif who == "same":
        stance, confidence = Stance.SUPPORTS, 0.9 if not details["elided"] else 0.8
        said = f", from {claim.speaker}"
    elif who == "unconfirmed":
        stance, confidence = Stance.SUPPORTS, 0.55
        said = f", but does not say nearby that {claim.speaker} said them"
    else:
        stance, confidence = Stance.SUPPORTS, 0.7
        said = ""
    return [
        Finding(
            NAME,
            stance,
            round(confidence, 3),
            snapshot_text[passage_start:passage_end],
            passage_start,
            passage_end,
            quoted + said,
            details,
        )
    ]
