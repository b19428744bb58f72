"""Who has been mentioned so far, to resolve "he said", "it noted", "they said", "the court".

A pronoun goes to the speaker of the sentence just before when it fits ("X said ... He said"),
else to the most recent fitting mention: "he"/"she" to a person (of the right sex when the text
has told it), "it" to a body or a document, "they" to a group or a body. Mentions are the
speakers found so far, the names sentences open with ("Mr Arden, who ..., had") and names
met again later in a sentence. Pronouns reach back only a few sentences: beyond that a guess is
worse than no speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from claims.extraction.attribution.phrases import Kind, Speaker
from claims.extraction.attribution.words import (
    HONORIFICS,
    MEMBER_POST_NOMINALS,
    PLURAL_GROUPS,
    ROLE_WORDS,
)

# Singular descriptions that stand for a person named before.
PERSON_DESCRIPTIONS = (
    HONORIFICS
    | ROLE_WORDS
    | MEMBER_POST_NOMINALS
    | frozenset(["man", "woman", "boy", "girl", "teenager"])
)


PERSON_REACH = 6  # sentences back for "he" and "she"
THING_REACH = 3  # for "it" and "they"
MAX_MENTIONS = 64

_FITS: dict[str, tuple[Kind, ...]] = {
    "he": (Kind.PERSON, Kind.NAME),
    "she": (Kind.PERSON, Kind.NAME),
    "it": (Kind.BODY, Kind.SOURCE, Kind.NAME),
    "they": (Kind.GROUP, Kind.BODY),
}


@dataclass(slots=True)
class _Mention:
    speaker: Speaker
    sentence: int
    # Named in passing inside a sentence ("a caption shows Hana Vell"), not as its subject or
    # speaker: "he" and "she" go to such a mention only when no subject or speaker fits.
    passing: bool = False


class Memory:
    """Mentions in reading order, the most recent last."""

    __slots__ = ("_last_speaker", "_mentions", "_people")

    def __init__(self) -> None:
        self._mentions: list[_Mention] = []
        self._last_speaker: _Mention | None = None
        self._people: set[str] = set()  # last words of the people mentioned, to spot them again

    def spoke(self, speaker: Speaker, sentence: int) -> None:
        """Record who a sentence (or a quotation in it) was attributed to."""
        if speaker.kind is Kind.COMMON and _plural(speaker.name):
            speaker = replace(speaker, kind=Kind.GROUP)  # "the loggers said": "they" later
        self.add(speaker, sentence)
        self._last_speaker = _Mention(speaker, sentence)

    def add(self, speaker: Speaker, sentence: int, *, passing: bool = False) -> None:
        if speaker.kind in (Kind.PRONOUN, Kind.COMMON):
            return
        for i, mention in enumerate(self._mentions):
            if mention.speaker.name == speaker.name:
                known = mention.speaker
                gender = speaker.gender or known.gender
                passing = passing and mention.passing
                del self._mentions[i]
                speaker = replace(speaker, gender=gender, roles=speaker.roles | known.roles)
                break
        self._mentions.append(_Mention(speaker, sentence, passing))
        if speaker.kind is Kind.PERSON:
            self._people.add(_last_word(speaker.name))
        if len(self._mentions) > MAX_MENTIONS:
            del self._mentions[0]

    def has_people(self) -> bool:
        return bool(self._people)

    def met_again(self, word: str, sentence: int) -> None:
        """A name mentioned before appears again ("a reporter asked Vell-Arden")."""
        if word not in self._people:
            return
        for i in range(len(self._mentions) - 1, -1, -1):
            mention = self._mentions[i]
            if mention.speaker.kind is Kind.PERSON and _last_word(mention.speaker.name) == word:
                del self._mentions[i]
                self._mentions.append(_Mention(mention.speaker, sentence, mention.passing))
                return

    def resolve(self, speaker: Speaker, sentence: int) -> Speaker | None:
        """The speaker a pronoun or a definite description stands for; others as they are."""
        if speaker.kind is Kind.PRONOUN:
            return self._pronoun(speaker.name, sentence)
        if speaker.definite:
            head = speaker.definite
            person = head in PERSON_DESCRIPTIONS or head.endswith("-year-old")
            for mention in reversed(self._mentions):
                named = mention.speaker
                if named.kind is Kind.BODY and head in named.name.lower().split():
                    return named  # "the court" is the Court of Appeal named before
                if not person or named.kind is not Kind.PERSON:
                    continue
                if sentence - mention.sentence > PERSON_REACH:
                    break
                # "the mayor" is Mayor Ines Torva, or "X, the mayor"; "the 32-year-old" the
                # last person named.
                if head in named.name.lower().split() or head in named.roles:
                    return named
                if head not in HONORIFICS | ROLE_WORDS:
                    return named
        return speaker

    def _pronoun(self, pronoun: str, sentence: int) -> Speaker | None:
        fits = _FITS.get(pronoun)
        if fits is None:
            return None  # "I" and "we" outside a quotation are the writer's
        reach = PERSON_REACH if pronoun in ("he", "she") else THING_REACH
        gender = {"he": "m", "she": "f"}.get(pronoun)
        last = self._last_speaker
        if last is not None and sentence - last.sentence <= 1:
            for i in range(len(self._mentions) - 1, -1, -1):
                if self._mentions[i].speaker.name == last.speaker.name:
                    if _fits(self._mentions[i].speaker, pronoun, fits, gender):
                        return self._take(i, gender)
                    break
        passing = None
        for i in range(len(self._mentions) - 1, -1, -1):
            mention = self._mentions[i]
            if sentence - mention.sentence > reach:
                break
            if _fits(mention.speaker, pronoun, fits, gender):
                if not mention.passing or pronoun not in ("he", "she"):
                    return self._take(i, gender)
                passing = i if passing is None else passing
        return self._take(passing, gender) if passing is not None else None

    def _take(self, i: int, gender: str | None) -> Speaker:
        mention = self._mentions[i]
        named = mention.speaker
        if gender and not named.gender:
            # Learnt once, the sex keeps "she" from going to him later.
            named = replace(named, gender=gender)
            self._mentions[i] = _Mention(named, mention.sentence, mention.passing)
        return named


def _fits(named: Speaker, pronoun: str, fits: tuple[Kind, ...], gender: str | None) -> bool:
    if named.kind is Kind.GROUP and gender is not None:
        return named.gender == gender  # "a woman" is "she"
    if named.kind not in fits:
        return False
    if gender and named.gender and named.gender != gender:
        return False
    if pronoun == "it" and named.kind is Kind.NAME and named.gender:
        return False  # a name already called "he" or "she" is a person
    return not (pronoun == "they" and named.kind is Kind.GROUP and not _plural(named.name))


def _last_word(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _plural(name: str) -> bool:
    head = name.lower().rsplit(" ", 1)[-1]
    return head in PLURAL_GROUPS or (head.endswith("s") and not head.endswith(("ss", "us")))
