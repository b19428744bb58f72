"""Attribution frames: the words of a sentence that say who says it.

"X said", "said X", "X, an editor at Y, said", "according to X", "X found that", "..., saying":
each names a speaker phrase. Verbs that also name plain actions ("reported problems", "claimed the
title") count only before a clause; a passive or negated verb attributes nothing.
"""
# ruff: noqa: RUF001 - typographic quotes are tokens here

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from claims.extraction.attribution.phrases import (
    Kind,
    Speaker,
    is_name_word,
    phrase_after,
    phrase_before,
    speaker_from,
    with_roles,
)
from claims.extraction.attribution.tokens import QUOTE_MARKS, Tokens
from claims.extraction.attribution.words import (
    ADVERBIAL_OPENERS,
    ADVERBS,
    AFTER_SPEAKER,
    AUXILIARIES,
    BODY_NOUNS,
    CLAUSE_VERBS,
    DETERMINERS,
    FINDING_VERBS,
    FINITE,
    GROUP_NOUNS,
    HEARER_VERBS,
    HONORIFICS,
    IRREGULAR_PAST,
    LEADING_FILLERS,
    NAME_JOINERS,
    NEGATION,
    NOT_ADVERBS,
    OBJECT_PREPOSITIONS,
    PARTICIPLES,
    PASSIVE,
    PHRASE_STOPS,
    PLURAL_GROUPS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_ONLY_VERBS,
    ROLE_WORDS,
    RULING_BODIES,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    SUBORDINATORS,
    TIME_LEADS,
    TIME_NOUNS,
    WEEKDAYS,
)

# How far to look for a clause after a verb, and at most how many verbs a sentence may offer:
# both keep the work per sentence bounded whatever the input.
_CLAUSE_WINDOW = 12
_MAX_APPOSITIVES = 3
_MAX_CANDIDATES = 40
QUOTE_VERBS = SPEECH_VERBS | CLAUSE_VERBS | FINDING_VERBS | QUOTE_ONLY_VERBS
CLAUSE_OPENERS = frozenset(["that", "whether", "how", "why", "what", "when", "if"])
_COORDINATORS = frozenset(["and", "but", "yet", "so", ";", "—", "–"])
_AFTER_NAME = NAME_JOINERS | GROUP_NOUNS | SOURCE_NOUNS | BODY_NOUNS | ROLE_WORDS
_TIME_DETERMINERS = frozenset(["this", "last", "next"])
_OFFICE_WORDS = HONORIFICS | ROLE_WORDS
# Reporting verbs that are also nouns, read as nouns after "the X": "the Kelmar report".
_NOUN_VERBS = frozenset(
    ["report", "claim", "estimate", "project", "forecast", "fear", "hope", "promise", "note"]
)
_QUANTITY_NOUNS = frozenset(["lot", "few", "bit", "number", "couple", "word", "thing", "time"])
# Verbs with which a document shows a plain object: "figures revealed a surge".
_REVEALING = frozenset(["revealed", "reveal", "reveals", "indicated", "indicates", "confirmed"])
_OPENER_NEXT = PREPOSITIONS | DETERMINERS | CLAUSE_OPENERS | frozenset(["by", "as", "to"])


class Verb(Enum):
    SPEECH = "speech"
    CLAUSE = "clause"
    FINDING = "finding"


class Rank(int, Enum):
    """Which frame of a sentence attributes it, lowest first."""

    CLOSING = 0  # ", said X." / ", X said." closes the sentence and attributes all of it
    MAIN = 1
    SUBORDINATE = 2  # "while X claimed ..."
    PARTICIPLE = 3  # "..., saying ..."


@dataclass(frozen=True, slots=True)
class Frame:
    speaker: Speaker
    rank: Rank
    quoted: bool = False  # the verb introduces a quotation ("said: “...”")
    # Where what the frame attributes begins: the sentence, or the clause a conjunction opens
    # ("Prices rose, and analysts said ..." leaves the rise to the reporter).
    scope: int | None = None


def verb_kind(lower: str) -> Verb | None:
    """Which kind of reporting verb a lower-case word is, if any."""
    if lower in SPEECH_VERBS:
        return Verb.SPEECH
    if lower in CLAUSE_VERBS:
        return Verb.CLAUSE
    if lower in FINDING_VERBS:
        return Verb.FINDING
    return None


def is_adverb(tokens: Tokens, i: int) -> bool:
    lower = tokens.lower[i]
    if lower in ADVERBS or lower in AUXILIARIES:
        return True
    text = tokens.text[i]
    lower_case = text.islower() or (i == 0 and text[1:].islower())  # "Eventually, ..."
    return len(text) > 4 and lower.endswith("ly") and lower_case and lower not in NOT_ADVERBS


def _skip_back(tokens: Tokens, p: int) -> int:
    """Back over what may stand between a speaker and the verb: "the fund has previously"."""
    while p >= 0:
        if is_adverb(tokens, p):
            p -= 1
        elif tokens.lower[p] == "since" and p >= 1 and tokens.lower[p - 1] in AUXILIARIES:
            p -= 2  # "two loggers have since claimed"
        elif tokens.lower[p] in TIME_NOUNS and p >= 1 and tokens.lower[p - 1] in TIME_LEADS:
            p -= 2  # "Mr. Arden last week said", "county inspectors this month said"
        else:
            break
    return p


def skip_forward(tokens: Tokens, i: int) -> int:
    while i < len(tokens):
        if is_adverb(tokens, i):
            i += 1
        elif tokens.lower[i] in WEEKDAYS:
            i += 1  # "said Wednesday"
        elif tokens.lower[i] in TIME_LEADS and i + 1 < len(tokens):
            if tokens.lower[i + 1] not in TIME_NOUNS:
                break
            i += 2
        else:
            break
    return i


def _has_clause(tokens: Tokens, k: int) -> bool:
    """Whether a clause (not a plain object) follows the verb: "revealed that", "said it had"."""
    n = len(tokens)
    if k >= n or tokens.text[k] in ",.;!?)":
        return True  # parenthetical "As X reports," or a closing "..., X reported."
    if tokens.lower[k] in PRONOUNS:
        return True  # "announced it had improved"
    if tokens.lower[k].endswith("ing"):
        return False  # "users reported being logged out": what they did, not what they said
    if tokens.lower[k] in SPEECH_VERBS:
        return False  # "member states said": the first word was a noun
    seen_preposition = False
    for i in range(k, min(n, k + _CLAUSE_WINDOW)):
        text, lower = tokens.text[i], tokens.lower[i]
        if lower in CLAUSE_OPENERS or text in QUOTE_MARKS or text == ":":
            return True
        if not tokens.is_word(i):
            return False
        if not seen_preposition and (
            (i > k and lower in FINITE)
            or (i > k + 1 and (lower in IRREGULAR_PAST or lower.endswith("ed")))
        ):
            return True  # "predicted ticket fares would climb", "show that sales fell"
        if lower in PREPOSITIONS:
            seen_preposition = True
    return False


def _closes_sentence(tokens: Tokens, k: int) -> bool:
    """Only a short tail ("on Friday", "in a statement") follows the verb before the end."""
    rest = [i for i in range(k, len(tokens)) if tokens.is_word(i) or tokens.text[i] in QUOTE_MARKS]
    if not rest:
        return True
    if len(rest) > 6 or any(tokens.text[i] in QUOTE_MARKS for i in rest):
        return False
    first = tokens.lower[rest[0]]
    opens_tail = (
        first in PREPOSITIONS
        or first in TIME_LEADS
        or first in WEEKDAYS
        or is_adverb(tokens, rest[0])
    )
    return opens_tail and all(tokens.lower[i] not in CLAUSE_OPENERS for i in rest)


def _quotation_follows(tokens: Tokens, k: int) -> bool:
    while k < len(tokens) and (tokens.text[k] in ",:" or tokens.lower[k] == "that"):
        k += 1
    return k < len(tokens) and tokens.text[k] in '“"‘'


def acceptable(speaker: Speaker, verb: Verb) -> bool:
    """Whether a phrase can be the speaker of this kind of verb."""
    if speaker.kind is Kind.COMMON:
        # "the steel giant said" names a speaker, one mentioned before, and "farmers said"
        # plural ones; "Tests found ...", "a moment's reflection tells you" or "our faith tells
        # us" do not.
        head = speaker.name.rsplit(" ", 1)[-1].lower()
        if verb is not Verb.SPEECH:
            # "the governor indicated that ...": an office named before, but not "Tests".
            return verb is Verb.CLAUSE and speaker.definite in _OFFICE_WORDS
        plural = head.endswith("s") and not head.endswith("ss") and not speaker.determined
        return speaker.definite is not None or plural
    if verb is Verb.FINDING:
        # A court's or a jury's finding is a ruling, an event the reporter states; one word
        # that opens a sentence ("Tests found") may be any common noun.
        words = speaker.name.lower().split()
        return speaker.kind is not Kind.NAME and not any(w in RULING_BODIES for w in words)
    return True


def inverted_speaker(tokens: Tokens, first: int, *, quoted: bool = False) -> Speaker | None:
    """The speaker named right after a verb: "said Department of Harbours spokesman X"; after a
    quotation also someone unnamed ('“...,” said a dispatcher')."""
    end = phrase_after(tokens, first)
    if end is None:
        return None
    if end < len(tokens) and tokens.is_word(end) and tokens.lower[end] not in AFTER_SPEAKER:
        return None
    speaker = speaker_from(tokens, first, end)
    if speaker is None or speaker.kind is Kind.PRONOUN:
        return None
    if speaker.kind is Kind.COMMON and not (
        # '“...,” said a dispatcher': someone unnamed, but not "said a lot"
        quoted
        and speaker.determined
        and speaker.name.rsplit(" ", 1)[-1].lower() not in _QUANTITY_NOUNS
    ):
        return None
    return described_after(speaker, tokens, end)


def described_after(speaker: Speaker, tokens: Tokens, end: int) -> Speaker:
    """'X, the mayor of Kelmar, ...': the office set off after a name is the name's."""
    if end >= len(tokens) or tokens.text[end] != ",":
        return speaker
    stop = end + 1
    while stop < len(tokens) and stop - end < 12 and tokens.text[stop] not in ",.;:":
        stop += 1
    return with_roles(speaker, tokens, end + 1, stop)


def _appositive_subject(tokens: Tokens, comma: int) -> tuple[Speaker | None, int]:
    """The subject before descriptions set off by commas: "X, an editor at Y, said", "X, 54, a
    former engineer, said", "X, however, said"; or a name set off after a description: "a
    lawyer in attendance, Tova Renn, tweeted"."""
    end = comma
    # A description that names a body ("managing director of Kelmar Steel") speaks only when
    # no name stands before it ("Hana Vell, managing director of Kelmar Steel, said").
    fallback: tuple[Speaker | None, int] = (None, 0)
    for depth in range(_MAX_APPOSITIVES):
        last = end - 1
        while last >= 0 and tokens.text[last] in QUOTE_MARKS:
            last -= 1  # 'author of "The Harbour Papers," argued'
        if last < 0 or not tokens.is_word(last):
            return fallback
        start = last
        while start > 0 and start > last - 40 and tokens.text[start - 1] != ",":
            start -= 1
        first = phrase_before(tokens, last, start)
        speaker = speaker_from(tokens, first, last + 1) if first is not None else None
        described = _description(tokens, start, last + 1)
        if depth == 0:
            if speaker is not None and first == start and _all_name(tokens, start, last + 1):
                return speaker, first
        elif speaker is not None and (speaker.kind is not Kind.COMMON or speaker.definite):
            found = (
                with_roles(speaker, tokens, last + 1, comma),
                start if first is None else first,
            )
            if fallback[0] is None:
                if not described or start == 0:
                    return found
                fallback = found
            elif first == start and _all_name(tokens, start, last + 1):
                return found
        if start == 0 or not described:
            return fallback
        end = start - 1  # the comma that opens this description
    return fallback


def _all_name(tokens: Tokens, a: int, b: int) -> bool:
    return all(is_name_word(tokens, i, b) or tokens.lower[i] in NAME_JOINERS for i in range(a, b))


def _description(tokens: Tokens, a: int, b: int) -> bool:
    """Whether a stretch between commas describes rather than names: '54', 'a former engineer',
    'the ministry's spokesman', 'who is now suspended', 'defending', 'however'."""
    lower = tokens.lower[a]
    return (
        tokens.text[a][0].isdigit()
        or lower in DETERMINERS
        or lower in PHRASE_STOPS
        or tokens.text[a][0].islower()
        or b - a > 6
    )


def verb_frame(tokens: Tokens, i: int, verb: Verb, *, quotation: bool = False) -> Frame | None:
    """The frame of the reporting verb at token i, if the words around it make one."""
    p = _skip_back(tokens, i - 1)
    if p >= 0 and (tokens.lower[p] in PASSIVE or tokens.lower[p] in NEGATION):
        return None  # "was announced", "did not say"
    if i + 1 < len(tokens) and tokens.lower[i + 1] == "by":
        if p >= 0 and tokens.lower[p] == "as" and verb is not Verb.FINDING:
            # "..., as confirmed by the port authority": the agent speaks.
            end = phrase_after(tokens, i + 2)
            agent = speaker_from(tokens, i + 2, end) if end is not None else None
            if agent is not None and agent.kind is not Kind.PRONOUN:
                return Frame(agent, Rank.MAIN)
        return None  # "recalled by the council": a participle, not a report
    if p < 0 or tokens.text[p] == "," or tokens.text[p] in QUOTE_MARKS:
        after_quote = p >= 0 and tokens.text[p] in QUOTE_MARKS
        speaker = inverted_speaker(tokens, i + 1, quoted=after_quote)
        if speaker is not None and (quotation or verb is not Verb.FINDING):
            return Frame(speaker, Rank.CLOSING)
        if p < 0:
            return None
    if tokens.text[p] == ")":
        p = _before_parenthesis(tokens, p)  # "Ostrava Steel K.K. (OS) said"
        if p < 0:
            return None
    q = p
    while q >= 0 and tokens.text[q] in QUOTE_MARKS:
        q -= 1  # 'author of "The Harbour Papers," argued'
    if q < 0 or (q < p and not _title_in_segment(tokens, q)):
        return None  # '..., recreation," said someone': only the speaker after the verb counts
    if tokens.text[q] == ",":
        found, first = _appositive_subject(tokens, q)
    elif tokens.is_word(q):
        start = phrase_before(tokens, q)
        if start is None:
            return None
        found, first = speaker_from(tokens, start, q + 1), start
    else:
        return None
    if found is None or not acceptable(found, verb) or tokens.text[q].endswith(("'s", "’s")):
        return None  # "The province's recorded tally": a possessive is no subject
    if (
        tokens.lower[i] in _NOUN_VERBS
        and q == i - 1
        and tokens.lower[first] in DETERMINERS
        and _singular(found, tokens, q)
    ):
        return None  # "the release of the Kelmar report": a noun after a singular name
    if first > 0 and tokens.lower[first - 1] == "what":
        return None  # "What she said was true": the reporter judges what was said
    if first > 1 and tokens.lower[first - 1] in OBJECT_PREPOSITIONS:
        return None  # "the mother of the victim said": the phrase after "of" is no subject
    # A document's finding may be a plain object: "figures show a rise in burglaries".
    plain_object = (verb is Verb.FINDING and found.kind is Kind.SOURCE) or (
        tokens.lower[i] in _REVEALING and tokens.lower[first] in SOURCE_NOUNS
    )
    # "..., federal officials announced Wednesday.": a closing frame attributes the sentence.
    closing = first > 0 and tokens.text[first - 1] == "," and _closes_sentence(tokens, i + 1)
    if not (quotation or verb is Verb.SPEECH or plain_object or closing) and not _has_clause(
        tokens, _clause_start(tokens, i)
    ):
        return None
    scope = None
    if first > 0 and tokens.lower[first - 1] in SUBORDINATORS:
        rank = Rank.SUBORDINATE
    elif closing:
        rank = Rank.CLOSING  # "..., Mr. Arden said."
    else:
        rank = Rank.MAIN
        if first > 1 and tokens.lower[first - 1] in _COORDINATORS:
            scope = tokens.start[first - 1]
    return Frame(found, rank, _quotation_follows(tokens, i + 1), scope)


def _singular(speaker: Speaker, tokens: Tokens, last: int) -> bool:
    """Whether a subject takes "says" rather than "say": "the council", not "officials"."""
    if speaker.kind in (Kind.PRONOUN, Kind.GROUP) or tokens.lower[last] in PRONOUNS:
        return False
    head = tokens.lower[last]
    return head not in PLURAL_GROUPS and not (head.endswith("s") and not head.endswith("ss"))


def _before_parenthesis(tokens: Tokens, closing: int) -> int:
    """The token before the "(" that token `closing` closes, or -1."""
    for k in range(closing - 1, max(-1, closing - 12), -1):
        if tokens.text[k] == "(":
            return k - 1
        if tokens.text[k] == ")":
            break
    return -1


def _title_in_segment(tokens: Tokens, closing: int) -> bool:
    """Whether a quotation closing at token `closing` opened after the comma before it."""
    for k in range(closing - 1, max(-1, closing - 30), -1):
        if tokens.text[k] in QUOTE_MARKS:
            return True
        if tokens.text[k] == ",":
            return False
    return False


def _clause_start(tokens: Tokens, i: int) -> int:
    k = skip_forward(tokens, i + 1)
    if tokens.lower[i] in HEARER_VERBS:
        end = phrase_after(tokens, k)
        if end is not None:
            k = end  # "told the trust that"
    return k


def according_frame(tokens: Tokens, i: int) -> Frame | None:
    """'according to X' (i is "according")."""
    if i + 2 >= len(tokens) or tokens.lower[i + 1] != "to":
        return None
    end = phrase_after(tokens, i + 2)
    if end is None:
        return None
    speaker = speaker_from(tokens, i + 2, end)
    if speaker is None or speaker.kind is Kind.PRONOUN:
        return None
    return Frame(speaker, Rank.MAIN)


def sentence_subject(tokens: Tokens) -> Speaker | None:
    """The phrase a sentence opens with, after an opening adverbial ("Earlier this month, X")."""
    n = len(tokens)
    i = 0
    while i < n and (not tokens.is_word(i) or tokens.lower[i] in LEADING_FILLERS):
        i += 1
    if i >= n:
        return None
    lower = tokens.lower[i]
    # "Asked why she ..., Vell said": a participle opens a clause before the subject.
    participle = lower.endswith(("ed", "ing")) and i + 1 < n and tokens.lower[i + 1] in _OPENER_NEXT
    # "This week, X said", but "This panel is chaired by X": a determiner, not a time.
    timed = lower not in _TIME_DETERMINERS or (i + 1 < n and tokens.lower[i + 1] in TIME_NOUNS)
    if (lower in ADVERBIAL_OPENERS and timed) or participle or is_adverb(tokens, i):
        comma = next((k for k in range(i, min(n, i + 16)) if tokens.text[k] == ","), None)
        if comma is None:
            return None
        i = comma + 1
    end = subject_end(tokens, i)
    if end is None:
        return None
    subject = speaker_from(tokens, i, end)
    return described_after(subject, tokens, end) if subject is not None else None


def subject_end(tokens: Tokens, first: int) -> int | None:
    """A sentence's opening phrase ends where its verb follows its name: "Governor Ines Torva
    appointed ...", but "Ostrava Hospital officials said". A name before another noun ("Chinese
    telescope") is an adjective, and the phrase names nobody."""
    end = phrase_after(tokens, first)
    if end is None:
        return None
    named = False
    nouns = 0
    for k in range(first, end):
        lower = tokens.lower[k]
        if is_name_word(tokens, k, end):
            named = True
        elif named and tokens.text[k][0].islower() and lower not in _AFTER_NAME:
            return k if lower.endswith(("s", "ed")) or lower in IRREGULAR_PAST else None
        elif not named and nouns and (lower.endswith("ed") or lower in IRREGULAR_PAST):
            return k  # "The port authority met ..."
        if tokens.lower[k] not in DETERMINERS:
            nouns += 1
    return end


def sentence_frame(tokens: Tokens, quoted: Callable[[int], bool]) -> Frame | None:
    """The frame that attributes a sentence, or None when the reporter speaks."""
    best: Frame | None = None
    candidates = 0
    for i, lower in enumerate(tokens.lower):
        verb = verb_kind(lower)
        if verb is None and lower != "according" and lower not in PARTICIPLES:
            continue
        if not tokens.text[i][0].islower() and lower != "according":
            continue  # "the United States", "Says Who": not a verb
        if quoted(tokens.start[i]):
            continue  # words inside a quotation belong to its speaker
        candidates += 1
        if candidates > _MAX_CANDIDATES:
            break
        if lower == "according":
            frame = according_frame(tokens, i)
        elif verb is not None:
            frame = verb_frame(tokens, i, verb)
        elif i > 0 and tokens.text[i - 1] == ",":
            subject = sentence_subject(tokens)
            frame = None
            if subject is not None and acceptable(subject, Verb.SPEECH):
                frame = Frame(subject, Rank.PARTICIPLE)
        else:
            frame = None
        if frame is not None and (best is None or frame.rank < best.rank):
            best = frame
    return best
