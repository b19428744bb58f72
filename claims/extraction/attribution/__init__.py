"""Who each sentence and each quotation is attributed to, read in document order.

A sentence's speaker comes from its own frame ("X said", "according to X", "figures show"), with
pronouns and "the ministry" resolved to what was named before; a list under "Source: X" and an
embedded post are their author's. A quotation's speaker is named beside it, or by its sentence's
frame, or carries on from the quotation or attributed sentence just before it in the same
paragraph, or from the paragraph before (a quotation continued over paragraphs). With nobody
named, the reporter speaks: no speaker.
"""
# ruff: noqa: RUF001 - typographic apostrophes are part of the words matched here

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from claims.extraction.attribution.blocks import block_speakers
from claims.extraction.attribution.frames import sentence_frame, sentence_subject
from claims.extraction.attribution.memory import PERSON_REACH, Memory
from claims.extraction.attribution.phrases import Kind, Speaker
from claims.extraction.attribution.quotations import adjacent_speaker, carried_speakers
from claims.extraction.attribution.tokens import Tokens, tokenize
from claims.extraction.attribution.words import (
    ADVERBIAL_OPENERS,
    BODY_NOUNS,
    BODY_WORDS,
    CLAUSE_VERBS,
    DETERMINERS,
    FEMALE_HONORIFICS,
    FINDING_VERBS,
    GENDERED_NOUNS,
    GROUP_NOUNS,
    HEARER_VERBS,
    HONORIFICS,
    LEADING_FILLERS,
    MALE_HONORIFICS,
    NOT_PARTICIPLES,
    PARTICIPLES,
    PHRASE_STOPS,
    PLACE_PREPOSITIONS,
    PLURAL_GROUPS,
    PRONOUNS,
    ROLE_WORDS,
    SENTENCE_OPENERS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    word_pattern,
)
from claims.extraction.model import Sentence
from claims.extraction.quotes import QuoteMention, find_quote_spans
from claims.extraction.sentences import split_sentences
from claims.extraction.spans import SpanIndex

__all__ = ["Attribution", "attribute", "find_quotes"]

_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_CUES = word_pattern(
    SPEECH_VERBS | CLAUSE_VERBS | FINDING_VERBS | PARTICIPLES | {"according", "According"}
)
_GROUPS = word_pattern(PLURAL_GROUPS | {w.capitalize() for w in PLURAL_GROUPS})
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([a-z][a-z-]*)\s+\Z")
# A capitalised word that ends its run of capitals: "Vell" in "Hana Vell said", not "Port" in
# "Port Kelmar Authority" (the last word of a name, met again, is not inside another name).
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][\w'’-]*(?![\w'’-])(?!\s+[A-Z])")
# A pronoun or a definite description this close before a reporting word may need resolving.
_RESOLVABLE = re.compile(
    r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Tt]he\s+[\w-]+)[ ,]+(?:[\w-]+[ ,]+){0,2}\Z"
)
_RESOLVABLE_REACH = 48
# A sentence's subject is looked for in its first this many characters.
_HEAD_CHARS = 80
_FIRST_WORD = re.compile(r"\W*([\w'’-]+)((?:\s+[\w'’-]+){0,3})")
# Two or three capitalised words inside a sentence: a person named in passing.
_FULL_NAME = re.compile(
    r"(?<=\s)[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?:\s[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?){1,2}\b"
)
_OPENING_WORDS = (
    DETERMINERS
    | LEADING_FILLERS
    | PHRASE_STOPS
    | GROUP_NOUNS
    | SOURCE_NOUNS
    | BODY_NOUNS
    | frozenset(PRONOUNS)
    | SENTENCE_OPENERS
)
_INTRO = re.compile(r"[^,\n]{1,60},\s+(?:[Tt]he\s+)?[A-Z]")
_VERB_WORDS = SPEECH_VERBS | CLAUSE_VERBS | FINDING_VERBS | PARTICIPLES | HEARER_VERBS
_SAID_PRONOUN = re.compile(r"\b(?:said|says|added|stated|insisted)\s+(she|he)\b")
_WORD_AFTER = re.compile(r"\s+([a-z][a-z-]*)")
_MODIFIED_NOUNS = GROUP_NOUNS | BODY_NOUNS | SOURCE_NOUNS | ROLE_WORDS


@dataclass(frozen=True, slots=True)
class Attribution:
    quotes: list[QuoteMention]
    sentence_speakers: list[str | None]
    quote_index: SpanIndex
    # Per sentence, where its speaker's part begins when a conjunction opens it mid-sentence.
    scopes: dict[int, int] = field(default_factory=dict)

    def speaker_for(self, start: int, end: int, sentence: int) -> str | None:
        """The speaker of a claim spanning [start, end) that begins in sentence `sentence`."""
        inside = self.quote_index.containing(start, end) if self.quotes else None
        if inside is not None and self.quotes[inside].speaker:
            return self.quotes[inside].speaker
        if start < self.scopes.get(sentence, start):
            return None  # before "..., and analysts said": the reporter's own part
        return self.sentence_speakers[sentence]


def attribute(text: str, sentences: list[Sentence]) -> Attribution:
    """Speakers of the sentences and quotations of a clean text."""
    spans = find_quote_spans(text)
    starts = [s.start for s in sentences]
    beside = [
        adjacent_speaker(text, q, starts[max(0, bisect_right(starts, q.outer_start) - 1)])
        if starts
        else adjacent_speaker(text, q)
        for q in spans
    ]
    quote_index = SpanIndex([(q.start, q.end) for q in spans])
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    blocks = block_speakers(text)
    block_starts = [b[0] for b in blocks]

    def quoted(offset: int) -> bool:
        return quote_index.containing(offset, offset + 1) is not None

    # One scan finds every reporting word; only sentences that hold one are read word by word,
    # and only those a pronoun or "the ministry" may look back to have their names remembered.
    has_cue = [False] * len(sentences)
    needs_memory = [False] * len(sentences)
    for hit in _CUES.finditer(text):
        index = bisect_right(starts, hit.start()) - 1
        if index < 0:
            continue
        has_cue[index] = True
        if _RESOLVABLE.search(text, max(0, hit.start() - _RESOLVABLE_REACH), hit.start()):
            for back in range(max(0, index - PERSON_REACH - 1), index + 1):
                needs_memory[back] = True

    memory = Memory()
    named: list[str | None] = [None] * len(spans)
    frame_speakers: list[str | None] = [None] * len(sentences)
    speakers: list[str | None] = [None] * len(sentences)
    scopes: dict[int, int] = {}
    next_quote = 0
    for index, sentence in enumerate(sentences):
        # Quotations first: "“...,” he said." resolves "he" before this sentence is remembered.
        while next_quote < len(spans) and spans[next_quote].outer_start < sentence.end:
            found = beside[next_quote]
            resolved = memory.resolve(found, index) if found is not None else None
            if resolved is not None:
                named[next_quote] = resolved.name
                memory.spoke(resolved, index)
            next_quote += 1
        # Most sentences hold no reporting word at all; one regex scan spares them the tokens.
        tokens = None
        frame = None
        if has_cue[index]:
            tokens = tokenize(text, sentence.start, sentence.end)
            frame = sentence_frame(tokens, quoted)
        resolved = memory.resolve(frame.speaker, index) if frame is not None else None
        if frame is not None and resolved is not None:
            frame_speakers[index] = resolved.name
            # "as X said, “...”": the frame attributes the quotation, not the whole sentence.
            if not frame.quoted:
                speakers[index] = resolved.name
                if frame.scope is not None:
                    scopes[index] = frame.scope
        elif blocks:
            speakers[index] = _block_speaker(blocks, block_starts, sentence)
        if needs_memory[index] and not quoted(sentence.start):
            _remember_mentions(text, sentence, tokens, memory, index)
        if resolved is not None:
            if resolved.gender is None and resolved.kind in (Kind.PERSON, Kind.NAME):
                # "Vell said she was appalled": the pronoun after the verb tells the sex.
                told = _SAID_PRONOUN.search(text, sentence.start, sentence.end)
                if told is not None:
                    resolved = replace(resolved, gender="f" if told.group(1) == "she" else "m")
            memory.spoke(resolved, index)  # the speaker is the likeliest "he" of what follows

    paragraphs = [bisect_right(breaks, s.start) for s in sentences]
    quotes = carried_speakers(text, spans, named, sentences, frame_speakers, paragraphs)
    return Attribution(quotes, speakers, SpanIndex([(q.start, q.end) for q in quotes]), scopes)


def _block_speaker(
    blocks: list[tuple[int, int, str]], starts: list[int], sentence: Sentence
) -> str | None:
    i = bisect_right(starts, sentence.start) - 1
    if i >= 0 and blocks[i][0] <= sentence.start and sentence.end <= blocks[i][1] + 1:
        return blocks[i][2]
    return None


def _remember_mentions(
    text: str, sentence: Sentence, tokens: Tokens | None, memory: Memory, index: int
) -> None:
    """What a sentence mentions, for pronouns later: groups ("port experts"), people named in
    passing ("a reporter asked Mira Osk"), then the name it opens with, its subject, which a
    following "he" or "it" most likely means."""
    for match in _GROUPS.finditer(text, sentence.start, sentence.end):
        name = match.group()
        before = _WORD_BEFORE.search(text, max(sentence.start, match.start() - 24), match.start())
        if before and _modifier(before.group(1)):
            name = f"{before.group(1)} {name}"  # "port experts", not "told investigators"
        memory.add(Speaker(name, Kind.GROUP), index)
    for match in _FULL_NAME.finditer(text, sentence.start + 1, sentence.end):
        name = match.group()
        words = name.lower().split()
        gender = None
        if words[0] in HONORIFICS or words[0] in ROLE_WORDS:
            # "Mayor Ines Torva" met in passing is Ines Torva
            gender = "m" if words[0] in MALE_HONORIFICS else None
            gender = "f" if words[0] in FEMALE_HONORIFICS else gender
            name, words = name.split(" ", 1)[1], words[1:]
        if any(w in BODY_WORDS or w in _OPENING_WORDS for w in words):
            continue
        before = _WORD_BEFORE.search(text, max(sentence.start, match.start() - 24), match.start())
        if before and before.group(1).lower() in PLACE_PREPOSITIONS:
            continue  # "in Port Kelmar", "from West Ostrava": a place
        after = _WORD_AFTER.match(text, match.end(), sentence.end)
        if after and after.group(1) in _MODIFIED_NOUNS:
            continue  # "the Port Kelmar victim": a name used as an adjective
        memory.add(Speaker(name, Kind.PERSON, gender), index, passing=True)
    if memory.has_people():
        for match in _CAPITALISED.finditer(text, sentence.start + 1, sentence.end):
            memory.met_again(match.group(), index)
    subject = _subject(text, sentence, tokens, index, memory)
    if subject is not None and subject.kind in (Kind.PERSON, Kind.NAME, Kind.BODY):
        memory.add(subject, index)
    elif subject is not None and subject.kind is Kind.GROUP:
        # "A woman who ... said": an unnamed person of known sex, whom "she" may mean next.
        gender = GENDERED_NOUNS.get(subject.name.lower().rsplit(" ", 1)[-1])
        if gender is not None:
            memory.add(replace(subject, gender=gender), index)


def _modifier(word: str) -> bool:
    """Whether a lower-case word before a group noun may describe it ("port experts"), rather
    than be a verb or a function word ("told investigators", "informed police")."""
    lower = word.lower()
    if lower in PHRASE_STOPS or lower in DETERMINERS or lower in _VERB_WORDS:
        return False
    return not lower.endswith(("ed", "ing")) or lower in NOT_PARTICIPLES


def _may_name(following: str) -> bool:
    """After an opening "The": a capitalised name or a body ("The Kelmar Appellate Court", "The port
    authority")."""
    words = following.split()
    return bool(words) and (words[0][0].isupper() or any(w in BODY_NOUNS for w in words))


def _subject(
    text: str, sentence: Sentence, tokens: Tokens | None, index: int, memory: Memory
) -> Speaker | None:
    """The name a sentence opens with, if any. Tokenising every sentence would cost more than
    the rest of attribution, so the first word decides whether a name may open it at all."""
    if tokens is None:
        first = _FIRST_WORD.match(text, sentence.start, sentence.end)
        if first is None:
            return None
        word = first.group(1)
        lower = word.lower()
        if lower in ("he", "she"):
            memory.resolve(Speaker(lower, Kind.PRONOUN), index)  # "She attended ...": learns her
            return None
        if not word[0].isupper() or "'" in word or "’" in word:
            return None  # "That's", "We're"
        if lower in ADVERBIAL_OPENERS:
            # "In late March, Dr Vell ...": a name may follow the opening adverbial.
            if not _INTRO.match(text, sentence.start, sentence.end):
                return None
        elif lower in _OPENING_WORDS and (lower != "the" or not _may_name(first.group(2))):
            return None  # "The Kelmar Court", "The ministry" may be named again; "This" not
        end = min(sentence.end, sentence.start + _HEAD_CHARS)
        tokens = tokenize(text, sentence.start, end)
    subject = sentence_subject(tokens)
    if subject is not None and subject.kind is Kind.PRONOUN:
        memory.resolve(subject, index)
        return None
    return subject


def find_quotes(text: str) -> list[QuoteMention]:
    """The quotations of a text, of at least three words, each with its speaker where the text
    names one (or None)."""
    return attribute(text, split_sentences(text)).quotes
