"""Noun phrases that name a speaker: where they begin and end, and what they name.

"Department of Harbours spokesman Jon Arden" names Jon Arden; "officials at the
institution" are officials; "a Russian Foreign Ministry statement" is the ministry's; "he" is
someone named before. A phrase that names nothing ("The", "But", "Tens of thousands") is no
speaker at all.
"""
# ruff: noqa: RUF001, RUF003 - typographic apostrophes and dashes are what this reads

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from claims.extraction.attribution.tokens import QUOTE_MARKS, Tokens
from claims.extraction.attribution.words import (
    BODY_NOUNS,
    BODY_WORDS,
    CLAUSE_VERBS,
    DETERMINERS,
    DOCUMENT_SUFFIXES,
    FEMALE_HONORIFICS,
    FINDING_VERBS,
    GROUP_NOUNS,
    HONORIFICS,
    LEADING_FILLERS,
    LONE_OFFICES,
    MALE_HONORIFICS,
    MEMBER_POST_NOMINALS,
    NAME_JOINERS,
    OPENING_ADJECTIVES,
    PHRASE_STOPS,
    PLACE_WORDS,
    PLURAL_GROUPS,
    POST_NOMINALS,
    PRONOUNS,
    ROLE_WORDS,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TIME_NOUNS,
)

MAX_PHRASE_TOKENS = 14
_OBJECT_PRONOUNS = frozenset(["him", "her", "them", "us", "me", "you", "himself", "herself"])
_VERBS = SPEECH_VERBS | FINDING_VERBS
_POSTMODIFIERS = frozenset(["at", "from", "in", "with", "for", "of", "on"])
_SOURCE_LINKS = frozenset(["from", "by", "of", "for"])
_PUBLISHED = frozenset(["cited", "issued", "published", "released", "commissioned", "compiled"])
_LOCATIVE = frozenset(["in", "at"])
_CONTRACTION = re.compile(r"['’](?:re|ve|ll|d|m)\Z|n['’]t\Z")
_AFFILIATIONS = frozenset(["of", "at", "from", "with"])
_SPOKESPEOPLE = frozenset(["spokesperson", "spokesman", "spokeswoman", "spokespeople"])
# Unnamed sources described by what they know: "people familiar with the talks".
_INFORMED = frozenset(["familiar", "close", "involved", "briefed", "knowledgeable", "aware"])
_OFFICES = HONORIFICS | ROLE_WORDS
_NOT_NAMES = GROUP_NOUNS | SOURCE_NOUNS | BODY_NOUNS | DETERMINERS | PHRASE_STOPS
_KNOWN_LOWER = (
    DETERMINERS
    | LEADING_FILLERS
    | OPENING_ADJECTIVES
    | GROUP_NOUNS
    | SOURCE_NOUNS
    | BODY_NOUNS
    | PHRASE_STOPS
    | frozenset(PRONOUNS)
)


class Kind(Enum):
    PERSON = "person"
    BODY = "body"  # an organisation, named or not ("the court")
    GROUP = "group"  # people without a name ("officials", "an official")
    SOURCE = "source"  # a document or data ("a 2019 study", "figures")
    PRONOUN = "pronoun"
    NAME = "name"  # one capitalised word: a person or a body, the text does not say
    COMMON = "common"  # another common noun ("the steel giant")


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    kind: Kind
    gender: str | None = None
    # "the court" may stand for the court named earlier: its head noun, to look that up.
    definite: str | None = None
    determined: bool = False  # opened with a determiner ("the", "an")
    # Offices the text gives the speaker ("Port director X", "X, the mayor"), so that "the
    # mayor said" later finds X.
    roles: frozenset[str] = frozenset()


def with_roles(speaker: Speaker, tokens: Tokens, a: int, b: int) -> Speaker:
    """The speaker, also known by the office words among tokens [a, b)."""
    # "President-elect" and "vice-president" are presidents too, for "the president said".
    roles = frozenset(
        part for i in range(a, b) for part in tokens.lower[i].split("-") if part in _OFFICES
    )
    return replace(speaker, roles=speaker.roles | roles) if roles else speaker


def _opening(tokens: Tokens, i: int) -> bool:
    """Whether token i opens its sentence or clause, where a capital says nothing."""
    return i == 0 or tokens.text[i - 1] in QUOTE_MARKS or tokens.text[i - 1] in ":(—–-"


def is_name_word(tokens: Tokens, i: int, end: int) -> bool:
    """A capitalised word that is part of a name, not a capital that opens the sentence."""
    if not tokens.is_word(i) or not tokens.is_capitalised(i):
        return False
    if _CONTRACTION.search(tokens.lower[i]):
        return False  # "We’re", "Don't"
    if not _opening(tokens, i):
        return True
    lower = tokens.lower[i]
    if lower in _KNOWN_LOWER:
        return False
    # "New data show": an opening word before a lower-case word is an adjective.
    return not (i + 1 < end and tokens.is_word(i + 1) and tokens.text[i + 1][0].islower())


def _stop_word(tokens: Tokens, i: int) -> bool:
    lower = tokens.lower[i]
    if lower in PHRASE_STOPS or lower in _VERBS or lower in TIME_NOUNS:
        return True
    if "n't" in lower or "n’t" in lower:
        return True
    # Participles end a phrase read backwards ("under questioning Jon Arden").
    return lower.endswith("ing") and tokens.text[i][0].islower() and lower not in GROUP_NOUNS


def phrase_before(tokens: Tokens, last: int, floor: int = 0) -> int | None:
    """First token of the noun phrase that ends at token `last`, or None."""
    first: int | None = None
    i = last
    while i >= floor and last - i < MAX_PHRASE_TOKENS:
        if not tokens.is_word(i):
            break
        lower = tokens.lower[i]
        if lower in DETERMINERS:
            if first is None:
                break
            first = i
            # "officials at the institution", "Jane Holt of the Port Authority", "data released
            # by the ministry": the phrase goes on before the preposition; the affiliation or
            # the agent is sorted out later.
            if i - 2 >= floor and (
                (
                    tokens.lower[i - 1] in _POSTMODIFIERS
                    and (
                        tokens.lower[i - 2] in GROUP_NOUNS
                        or tokens.lower[i - 2] in SOURCE_NOUNS
                        or is_name_word(tokens, i - 2, last + 1)
                    )
                )
                or (tokens.lower[i - 1] == "by" and tokens.lower[i - 2] in _PUBLISHED)
            ):
                i -= 2
                continue
            # "people familiar with the matter", "sources close to the minister"
            if (
                i - 3 >= floor
                and tokens.lower[i - 2] in _INFORMED
                and tokens.lower[i - 3] in GROUP_NOUNS
            ):
                i -= 3
                continue
            break
        if lower in PRONOUNS or lower in _OBJECT_PRONOUNS:
            if i == last and lower in PRONOUNS:
                first = i
            break
        if _stop_word(tokens, i):
            # Joiners inside names ("Ministry of Education", "Court of Appeal in Port Kelmar")
            # and after a group ("officials at the institution") keep the phrase going.
            before_ok = i > floor and tokens.is_word(i - 1)
            if (
                first is not None
                and before_ok
                and (
                    (
                        (lower in NAME_JOINERS or lower in _LOCATIVE)
                        and tokens.is_capitalised(i - 1)
                        and tokens.is_capitalised(first)
                    )
                    or (lower in _POSTMODIFIERS and tokens.lower[i - 1] in GROUP_NOUNS)
                )
            ):
                i -= 1
                continue
            break
        first = i
        i -= 1
    return first


def phrase_after(tokens: Tokens, first: int, ceiling: int | None = None) -> int | None:
    """End (exclusive) of the noun phrase that begins at token `first`, or None."""
    stop = len(tokens) if ceiling is None else ceiling
    end: int | None = None
    linked = True  # a determiner may follow the start or a link ("data from the ministry")
    i = first
    while i < stop and i - first < MAX_PHRASE_TOKENS:
        if (
            end is not None
            and tokens.text[i] == "("
            and i + 3 < stop
            and tokens.text[i + 2] == ")"
            and tokens.text[i + 1].isupper()
            and tokens.is_word(i + 3)
            and tokens.is_capitalised(i + 3)
        ):
            i += 3  # "Kelmar Health Agency (KHA) Director Ana Ruiz": an acronym inside the name
            continue
        if not tokens.is_word(i):
            break
        lower = tokens.lower[i]
        if lower in DETERMINERS and lower != "that":  # "said that ..." opens a clause
            if not linked:
                break
            i += 1
            continue
        if end is None and lower in PRONOUNS:
            return i + 1
        linked = False
        if end is not None and lower in _PUBLISHED and i + 1 < stop and tokens.lower[i + 1] == "by":
            i, linked = i + 2, True  # "reports cited by KelmarNews"
            continue
        if (
            end is not None
            and lower.endswith("ed")
            and tokens.text[i][0].islower()
            and not tokens.lower[i - 1].endswith("ly")
        ):
            break  # "an invitation obtained by the Times": the participle opens a modifier
        if _stop_word(tokens, i):
            if end is None or i + 1 >= stop or not tokens.is_word(i + 1):
                break
            previous = tokens.lower[i - 1]
            joins_name = (
                (lower in NAME_JOINERS or lower in _LOCATIVE)
                and tokens.is_capitalised(i - 1)
                and tokens.is_capitalised(i + 1)
            )
            links_source = lower in _SOURCE_LINKS and previous in SOURCE_NOUNS
            links_group = lower in _POSTMODIFIERS and previous in GROUP_NOUNS
            if not (joins_name or links_source or links_group):
                break
            i, linked = i + 1, True
            continue
        end = i + 1
        i += 1
    return end


def _strip_edges(tokens: Tokens, a: int, b: int) -> tuple[int, int, bool]:
    determined = False
    while a < b and (
        tokens.lower[a] in DETERMINERS
        or tokens.lower[a] in LEADING_FILLERS
        or not tokens.is_word(a)
    ):
        determined = determined or tokens.lower[a] in DETERMINERS
        a += 1
    while b > a and (not tokens.is_word(b - 1) or tokens.lower[b - 1] in POST_NOMINALS):
        b -= 1
    return a, b, determined


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def _cut_postmodifier(tokens: Tokens, a: int, b: int) -> tuple[int, int]:
    """'data from Kelmar ISO' -> Kelmar ISO; 'officials at the X' -> officials."""
    for p in range(a + 1, b - 1):
        lower = tokens.lower[p]
        head = tokens.lower[p - 1]
        if lower == "by" and head in _PUBLISHED:
            return p + 1, b  # "data released by the ministry"
        if lower in _SOURCE_LINKS and head in SOURCE_NOUNS:
            # "figures from the statistics office", "a report by Ofcom": the owner speaks.
            rest = _skip_determiners(tokens, p + 1, b)
            if rest < b and (tokens.is_capitalised(rest) or tokens.lower[b - 1] in BODY_NOUNS):
                return p + 1, b
            return a, p
        if lower in _INFORMED and head in GROUP_NOUNS:
            return a, p  # "people familiar with the matter" are people
        if lower in _POSTMODIFIERS and head in GROUP_NOUNS and not is_name_word(tokens, p - 1, b):
            if head in _SPOKESPEOPLE:
                # "a spokesperson for the ministry": the body speaks; the role is no name.
                return p + 1, b
            if _person_name(tokens, _skip_determiners(tokens, p + 1, b), b)[2]:
                return p + 1, b  # "Minister in the Ministry of Transport Hana Vell" is Hana Vell
            return a, p
        if lower in _LOCATIVE and tokens.is_capitalised(p - 1):
            if _person_name(tokens, _skip_determiners(tokens, p + 1, b), b)[2]:
                return p + 1, b  # "Minister in the Ministry of Transport Hana Vell"
            return a, p  # "the Court of Appeal in Port Kelmar" is the court
        if lower in _AFFILIATIONS and _personal(tokens, a, p, b):
            return a, p  # "Jane Holt of the Port Authority" is Jane Holt
    return a, b


def _personal(tokens: Tokens, a: int, p: int, b: int) -> bool:
    """Whether tokens [a, p) read as a person's name: capitalised words, no office, no body."""
    if not is_name_word(tokens, p - 1, b):
        return False
    if p + 1 < b and tokens.lower[p + 1] in DETERMINERS:
        return True  # "... of the Y": an affiliation, not part of a name
    if p - a < 2:
        return False
    return all(
        is_name_word(tokens, i, b)
        and tokens.lower[i] not in BODY_WORDS
        and tokens.lower[i] not in HONORIFICS
        and tokens.lower[i] not in ROLE_WORDS
        for i in range(a, p)
    )


def _skip_determiners(tokens: Tokens, a: int, b: int) -> int:
    while a < b and tokens.lower[a] in DETERMINERS:
        a += 1
    return a


def _person_name(tokens: Tokens, a: int, b: int) -> tuple[int, int, bool]:
    """Inside a capitalised run, where the name begins after its titles and offices, and
    whether it had one (then it names a person): "Mr Vell" is Vell, "Port Director Hana Vell"
    Hana Vell, "Ministry of Transport Hana Vell" Hana Vell."""
    title = None
    for i in range(a, b - 1):
        if _office(tokens.lower[i]):
            title = i
    if title is None:
        return _after_body(tokens, a, b)
    if tokens.lower[title + 1] in ("of", "for", "at"):
        # "Chief Financial Officer of Kelmar Foods Ana Ruiz": the name closes the run.
        return _last_name_words(tokens, max(title + 2, b - 2), b), b, True
    return title + 1, b, True


def _office(lower: str) -> bool:
    """A title or an office, also with "-elect", "ex-" and the like: "President-elect"."""
    if lower in HONORIFICS or lower in ROLE_WORDS:
        return True
    head, _, tail = lower.partition("-")
    if tail in ("elect", "designate") or head in ("ex", "vice", "deputy", "acting"):
        word = head if tail in ("elect", "designate") else tail
        return word in HONORIFICS or word in ROLE_WORDS
    return False


def _after_body(tokens: Tokens, a: int, b: int) -> tuple[int, int, bool]:
    """'Ministry of Transport Hana Vell', 'Kelmar Port Authority Hana Vell': a body's name, then
    a person's. The body ends at its last body word, or one word after its last "of"/"for"."""
    body = None
    for i in range(a, b):
        if tokens.lower[i] in BODY_WORDS and tokens.lower[i] not in PLACE_WORDS:
            body = i
    if body is None:
        return a, b, False
    start = body + 1
    for i in range(body + 1, b):
        if tokens.lower[i] in ("of", "for"):
            start = i + 2
    if b - start < 2 or any(
        tokens.lower[i] in BODY_WORDS
        or tokens.lower[i] in _NOT_NAMES
        or tokens.lower[i].rstrip("s") in BODY_WORDS
        or not is_name_word(tokens, i, b)
        for i in range(start, b)
    ):
        return a, b, False  # "Kelmar County Public Schools" is one body
    return _last_name_words(tokens, start, b), b, True


def _last_name_words(tokens: Tokens, start: int, b: int) -> int:
    """A person's name is two words, or three with an initial or a particle: 'Ana F. Ruiz'."""
    if b - start <= 2:
        return start
    first = b - 2
    if tokens.text[first].endswith(".") or tokens.lower[first - 1] in NAME_JOINERS:
        first -= 1
    return max(start, first)


def speaker_from(tokens: Tokens, a: int, b: int) -> Speaker | None:
    """The speaker that tokens [a, b) name, or None when they name nobody."""
    last = b - 1
    while last > a and not tokens.is_word(last):
        last -= 1
    if tokens.lower[last] in MEMBER_POST_NOMINALS and tokens.lower[a] in ("the", "this"):
        # "the Conservative MP": a description of someone named before, not a name.
        return Speaker(
            _text(tokens, a + 1, last + 1),
            Kind.COMMON,
            definite=tokens.lower[last],
            determined=True,
        )
    a, b, determined = _strip_edges(tokens, a, b)
    if a >= b or b - a > MAX_PHRASE_TOKENS:
        return None
    if b - a == 1 and tokens.lower[a] in PRONOUNS:
        return Speaker(PRONOUNS[tokens.lower[a]], Kind.PRONOUN)
    a, b = _cut_postmodifier(tokens, a, b)
    a, b, more = _strip_edges(tokens, a, b)
    determined = determined or more
    if a >= b:
        return None
    # "the port operator's 2021 traffic assessment" and "the ministry's spokesman" speak for
    # their owner; "Pakistan's Foreign Minister X" is X; "the mayor's office" stays whole.
    for p in range(a, b - 1):
        if _possessive(tokens.text[p]) and not (
            # "Citizens’ Harbour Trust": a plural genitive inside a name.
            tokens.text[p][-2:] in ("s'", "s’")
            and is_name_word(tokens, p, b)
            and is_name_word(tokens, p + 1, b)
        ):
            own = tokens.lower[b - 1]
            if is_name_word(tokens, b - 1, b):
                if p + 2 == b and is_name_word(tokens, p, b):
                    break  # "Casey's Bar": one name after a name's possessive is that name's
                a = p + 1
            elif own in SOURCE_NOUNS or own in _SPOKESPEOPLE or own in SPEECH_NOUNS:
                b = p + 1  # "Vell's remarks", "the ministry's spokesman": the owner speaks
            break
    if a >= b:
        return None
    names = [i for i in range(a, b) if is_name_word(tokens, i, b)]
    if names and tokens.lower[b - 1] in DOCUMENT_SUFFIXES and b - 1 > names[0]:
        b -= 1  # "a Russian Foreign Ministry statement"
    words = [tokens.lower[i] for i in range(a, b)]
    if all(w in PHRASE_STOPS or w in DETERMINERS or w in LEADING_FILLERS for w in words):
        return None
    if any(
        tokens.text[i][0].islower()
        and tokens.lower[i] in CLAUSE_VERBS
        and tokens.lower[i].endswith("ed")
        for i in range(a, b)
    ):
        return None  # a verb inside ("claimed"): the phrase ran over a clause
    if names and names[-1] == b - 1:
        # A name closes the phrase: drop the description before it ("a skeptical Jon
        # Vell", "board member Jon Arden"), then titles and offices.
        run = b - 1
        while run > a and (
            is_name_word(tokens, run - 1, b)
            or (
                tokens.lower[run - 1] in NAME_JOINERS
                and run - 2 >= a
                and is_name_word(tokens, run - 2, b)
            )
        ):
            run -= 1
        described = a
        a, b, titled = _person_name(tokens, run, b)
        gender = _gender(tokens, described, a)
        named = _named(tokens, a, b, determined, titled, gender)
        return with_roles(named, tokens, described, b) if named is not None else None
    head = tokens.lower[b - 1]
    if names:
        # A name and then a noun: "Kelmar News poll", "Ostrava Hospital officials", "a Brasco
        # spokesman". Any other word after the name ("Vell-Arden spoke") is no noun.
        if head in SOURCE_NOUNS:
            kind = Kind.SOURCE
        elif head in GROUP_NOUNS or head in ROLE_WORDS:
            kind = Kind.GROUP
        elif head in BODY_NOUNS:
            kind = Kind.BODY
        elif a > 0 and tokens.lower[a - 1] == "the" and tokens.text[b - 1].isalpha():
            # "the Kelmar Quay pub said": a description that may stand for a name
            return Speaker(_text(tokens, a, b), Kind.COMMON, definite=head, determined=True)
        else:
            return None
        return Speaker(_text(tokens, a, b), kind, determined=determined)
    if head in GROUP_NOUNS:
        kind = Kind.GROUP
    elif head in SOURCE_NOUNS:
        kind = Kind.SOURCE
    elif head in BODY_NOUNS:
        kind = Kind.BODY
    else:
        kind = Kind.COMMON
    # "the ministry", "the mayor", "the 32-year-old" may stand for someone named before.
    the = a > 0 and tokens.lower[a - 1] in ("the", "this")
    definite = head if the and (kind is not Kind.GROUP or head not in PLURAL_GROUPS) else None
    return Speaker(_text(tokens, a, b), kind, definite=definite, determined=determined)


def _gender(tokens: Tokens, a: int, b: int) -> str | None:
    """The sex an honorific before the name tells ("Mrs", "Sir"), if any."""
    for i in range(b - 1, a - 1, -1):
        if tokens.lower[i] in MALE_HONORIFICS:
            return "m"
        if tokens.lower[i] in FEMALE_HONORIFICS:
            return "f"
    return None


def _named(
    tokens: Tokens, a: int, b: int, determined: bool, titled: bool, gender: str | None
) -> Speaker | None:
    if a >= b:
        return None
    words = [tokens.lower[i] for i in range(a, b)]
    text = _text(tokens, a, b)
    if len(words) == 1 and words[0] in LONE_OFFICES:
        # "Governor says": an office alone describes a speaker but does not name one; "the
        # president said" may stand for the president named before.
        definite = words[0] if determined else None
        return Speaker(text, Kind.COMMON, definite=definite, determined=determined)
    acronym = len(words) == 1 and tokens.text[a].isupper() and len(tokens.text[a]) > 1
    if titled or words[0] in HONORIFICS:
        kind = Kind.PERSON
    elif determined or acronym or any(w in BODY_WORDS for w in words):
        kind = Kind.BODY
    elif len(words) > 1:
        kind = Kind.PERSON
    else:
        kind = Kind.NAME
    return Speaker(text, kind, gender, determined=determined)


def _text(tokens: Tokens, a: int, b: int) -> str:
    parts = [tokens.text[a]]
    for i in range(a + 1, b):
        if tokens.start[i] > tokens.end[i - 1]:
            parts.append(" ")
        parts.append(tokens.text[i])
    text = "".join(parts)
    if text.endswith(("'s", "’s")):
        return text[:-2]
    return text[:-1] if text.endswith(("s'", "s’")) else text
