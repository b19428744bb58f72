"""Candidates on PostgreSQL: the query's rarest words through the GIN index, ranked in SQL."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from claims.match_candidates.common import (
    CANDIDATE_BUDGET,
    CANDIDATE_CAP,
    DOCUMENT,
    FIELDS,
    INDEX_NAME,
    MAX_GROUPS,
    MAX_SCORED_TERMS,
    MAX_TERMS,
    MIN_TERMS,
    PHRASE_FREQUENCY,
    POSTING_BUDGET,
    STATS_TTL_SECONDS,
    Candidate,
    candidate_from_row,
    salient,
)
from claims.models import Claim
from claims.selectors import claims_published

PROBES = 16
"""At most this many of a query's rare-looking words are counted in the index."""

PROBE_CAP = 50
"""A word is counted up to this many claims: past it, it is common enough to rank last."""


def search_postgresql(
    query: str, base: QuerySet[Claim], limit: int, *, published_only: bool
) -> list[Candidate]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, positions FROM unnest(to_tsvector('simple'::regconfig, %s))", [query]
        )
        lexemes = cursor.fetchall()
    stats = _term_stats()
    table = connection.ops.quote_name(Claim._meta.db_table)
    document = DOCUMENT.format(
        text=f"{table}.{connection.ops.quote_name('text')}",
        sentence=f"{table}.{connection.ops.quote_name('sentence')}",
    )
    terms = _counted(_query_terms(query, lexemes, stats), stats, table, document)
    if not terms:
        return []
    units = _rarest(terms, stats)
    needed = _words_needed([unit.frequency for unit in units], stats.rows)
    while len(units) > max(needed, MIN_TERMS) and math.comb(len(units), needed) > MAX_GROUPS:
        units = units[:-1]  # the commonest of them
        needed = _words_needed([unit.frequency for unit in units], stats.rows)
    matched = base.filter(
        RawSQL(
            f"{document} @@ %s::tsquery",
            [_at_least(needed, units)],
            output_field=BooleanField(),
        )
    ).order_by()
    if published_only:
        # Filtered in the same query, PostgreSQL ANDs the index's rows with the date index's
        # (every published claim), which goes lossy and re-reads whole pages: 100 ms and more
        # for a common word. So the words are matched first, then claims_published()'s own
        # condition keeps the public rows.
        inner, params = matched.values_list(*FIELDS).query.sql_with_params()
        public = claims_published().query
        where, where_params = public.get_compiler(connection=connection).compile(public.where)
        sql = f"SELECT * FROM ({inner} OFFSET 0) AS {table} WHERE {where} LIMIT %s"
        params = (*params, *where_params, CANDIDATE_CAP)
    else:
        sql, params = matched.values_list(*FIELDS)[:CANDIDATE_CAP].query.sql_with_params()
    # Rank what the index found: half trigram similarity (wording, in any order), half the share
    # of the query's words the claim holds, each weighted by its rarity (what it says).
    scored = sorted(terms, key=lambda term: term.frequency)[:MAX_SCORED_TERMS]
    weights = [-math.log(max(term.frequency, 1e-9)) for term in scored]
    hits = " + ".join(["%s * (t.v @@ %s::tsquery)::int"] * len(scored))
    hit_params = [
        value for term, w in zip(scored, weights, strict=True) for value in (w, term.tsquery())
    ]
    ranked = (
        f"SELECT c.*, (similarity(c.text, %s) + ({hits}) / %s) / 2 AS score FROM ("
        + sql
        + f") AS c({', '.join(FIELDS)})"
        f" CROSS JOIN LATERAL (SELECT {DOCUMENT.format(text='c.text', sentence='c.sentence')}"
        " AS v OFFSET 0) AS t"
        " ORDER BY score DESC, c.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(ranked, [query, *hit_params, math.fsum(weights), *params, limit])
        rows = cursor.fetchall()
    return [candidate_from_row(row) for row in rows]


@dataclass(frozen=True, slots=True)
class _Term:
    """A word of the query, as the index may hold it: any of `spellings`, each all its words."""

    spellings: tuple[tuple[str, ...], ...]
    positions: frozenset[int]
    frequency: float

    def tsquery(self) -> str:
        return " | ".join(
            "(" + " & ".join(_quoted(word) for word in spelling) + ")"
            for spelling in self.spellings
        )


_AMOUNT_WORD = re.compile(r"(\d[\d.,]*)[^\W\d]+")
_GROUPED_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")


def _query_terms(query: str, rows: Iterable[tuple[str, Any]], stats: _TermStats) -> list[_Term]:
    """The query's salient words, with the other spellings an earlier claim may have used."""
    spellings: dict[tuple[tuple[str, ...], ...], set[int]] = {}
    # The parser reads "74,912" as two words, and "74912" as one; a claim may have either.
    grouped = [m.group().split(",") for m in _GROUPED_NUMBER.finditer(query)]
    parts = {part for groups in grouped for part in groups}
    for groups in grouped:
        spellings.setdefault((("".join(groups),), tuple(groups)), set())
    for lexeme, raw_positions in rows:
        # "$757bn" is one word to the parser; an earlier claim more likely wrote "757 billion".
        amount = _AMOUNT_WORD.fullmatch(lexeme)
        word = amount.group(1).rstrip(".,") if amount else lexeme
        if not salient(word) or word in parts:
            continue
        if word.isdigit() and len(word) > 4:
            key: tuple[tuple[str, ...], ...] = ((word,), _thousands(word))
        else:
            key = ((word,),)
        spellings.setdefault(key, set()).update(_positions(raw_positions))
    return [
        _Term(
            spellings=key,
            positions=frozenset(found),
            frequency=min(1.0, sum(min(stats.frequency(w) for w in s) for s in key)),
        )
        for key, found in spellings.items()
    ]


def _counted(terms: list[_Term], stats: _TermStats, table: str, document: str) -> list[_Term]:
    """The terms with their real frequency when the statistics only say "rare", and without
    those no claim holds.

    ANALYZE keeps the 1,000 commonest words; every other word looks equally rare. A post is full
    of words no checked claim uses ("waiting", "couldn", "reveal"); were they taken as the
    rarest, they would fill the few lookups and find nothing, while the words that name the
    subject ("Oreo", "Gaga") were left out. So the rarest-looking terms are counted in the index,
    each up to PROBE_CAP rows: a rare word's posting list is short, so this costs little.
    """
    unknown = [
        term
        for term in terms
        if all(w not in stats.frequencies for spelling in term.spellings for w in spelling)
    ]
    unknown = sorted(unknown, key=lambda t: -len(t.spellings[0][0]))[:PROBES]
    if not unknown or stats.rows <= 0:
        return terms
    probe = (
        f"(SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {document} @@ %s::tsquery"
        f" LIMIT {PROBE_CAP}) AS p)"
    )
    # With a LIMIT and a word it has no statistics for, the planner prefers reading the table in
    # order until it has enough rows, which for a rare word means reading all of it: tell it not
    # to, so each count reads the word's posting list and at most PROBE_CAP rows. Set for the
    # session and reset at once rather than SET LOCAL in a transaction of its own: lookups stay
    # outside transactions (a write's transaction never waits on one).
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(
                "SELECT " + ", ".join([probe] * len(unknown)), [t.tsquery() for t in unknown]
            )
            row = cursor.fetchone()
        finally:
            cursor.execute("RESET enable_seqscan")
    counts = dict(zip((t.spellings for t in unknown), row or (), strict=False))
    kept = []
    for term in terms:
        count = counts.get(term.spellings)
        if count is None:
            kept.append(term)
        elif count > 0:
            kept.append(replace(term, frequency=min(1.0, count / stats.rows)))
    return kept


def _thousands(digits: str) -> tuple[str, ...]:
    head = len(digits) % 3 or 3
    return (digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3)))


def _positions(raw: Any) -> list[int]:
    if isinstance(raw, str):  # an int2[] may come back as text, "{3,7}"
        return [int(p) for p in raw.strip("{}").split(",") if p.strip().isdigit()]
    return [int(p) for p in raw or ()]


def _rarest(terms: list[_Term], stats: _TermStats) -> list[_Term]:
    """The query's rarest words: common ones would cost index reads and tell little apart."""
    chosen: list[_Term] = []
    entries = 0.0
    for term in sorted(terms, key=lambda t: (t.frequency, -len(t.spellings[0][0]), t.spellings)):
        expected = term.frequency * stats.rows
        if len(chosen) >= MAX_TERMS or (
            len(chosen) >= MIN_TERMS and entries + expected > POSTING_BUDGET
        ):
            break
        chosen.append(term)
        entries += expected
    return chosen


def _at_least(needed: int, units: list[_Term]) -> str:
    """A tsquery true when at least `needed` of the units occur, not counting set phrases.

    Common words side by side in the query ("chief economist", "released on Monday") come and go
    together, so a claim holding only them shares one thing, not two: such groups are left out,
    or they would bring thousands of unrelated rows.
    """
    if needed <= 1:
        return " | ".join(f"({unit.tsquery()})" for unit in units)
    groups = [group for group in combinations(units, needed) if not _set_phrase(group)]
    groups = groups or list(combinations(units, needed))
    return " | ".join(
        "(" + " & ".join(f"({unit.tsquery()})" for unit in group) + ")" for group in groups
    )


def _set_phrase(group: tuple[_Term, ...]) -> bool:
    if any(unit.frequency < PHRASE_FREQUENCY for unit in group):
        return False
    return all(
        any(abs(p - q) <= 2 for p in a.positions for q in b.positions)
        for a, b in combinations(group, 2)
    )


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _words_needed(frequencies: list[float], rows: float) -> int:
    """The fewest words a row must share so that about CANDIDATE_BUDGET rows are expected."""
    for needed in range(1, len(frequencies) + 1):
        if rows * _share_with_at_least(needed, frequencies) <= CANDIDATE_BUDGET:
            return needed
    return len(frequencies)


def _share_with_at_least(needed: int, frequencies: list[float]) -> float:
    # The share of rows holding at least `needed` words, were words independent of each other.
    exactly = [1.0] + [0.0] * len(frequencies)
    for p in frequencies:
        for k in range(len(frequencies), 0, -1):
            exactly[k] = exactly[k] * (1 - p) + exactly[k - 1] * p
        exactly[0] *= 1 - p
    return math.fsum(exactly[needed:])


@dataclass(frozen=True, slots=True)
class _TermStats:
    rows: float
    frequencies: dict[str, float]
    unseen: float

    def frequency(self, lexeme: str) -> float:
        return self.frequencies.get(lexeme, self.unseen)


_stats_cache: dict[str, tuple[float, _TermStats]] = {}


def _term_stats() -> _TermStats:
    """Word frequencies ANALYZE keeps for the index (its 1,000 commonest words), cached a while."""
    key = connection.alias + ":" + str(connection.settings_dict.get("NAME"))
    cached = _stats_cache.get(key)
    if cached and time.monotonic() - cached[0] < STATS_TTL_SECONDS:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs,"
            " (SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s))"
            " FROM (SELECT 1) AS one LEFT JOIN pg_stats AS s"
            " ON s.schemaname = current_schema() AND s.tablename = %s",
            [Claim._meta.db_table, INDEX_NAME],
        )
        row = cursor.fetchone()
    words, freqs, rows = row if row else (None, None, None)
    frequencies: dict[str, float] = {}
    unseen = 0.01
    if words and freqs and len(freqs) >= len(words) + 2:
        frequencies = dict(zip(words, (float(f) for f in freqs), strict=False))
        unseen = float(freqs[len(words)]) / 2  # rarer than the rarest word ANALYZE kept
    # A table never analyzed reports -1 rows; every word then looks rare, which is right for the
    # small tables where that happens, and the cap still bounds a big one.
    stats = _TermStats(rows=max(float(rows or 0), 0.0), frequencies=frequencies, unseen=unseen)
    _stats_cache[key] = (time.monotonic(), stats)
    return stats
