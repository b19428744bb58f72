"""Candidate retrieval for claim matching, on SQLite and on PostgreSQL (by its index there)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims import match_candidates as module
from claims import normalized_codec
from claims.match_candidates import INDEX_NAME, Candidate, match_candidates
from claims.match_candidates import postgresql as pg_module
from claims.models import Claim
from tests.builders import article_build, claim_build

pytestmark = pytest.mark.django_db

COCOA = "Exports of cocoa from Ghana rose to $800 million in 2021, the trade minister said"
UNRELATED = [
    "Unemployment in Kenya fell to 5.6% in 2019",
    "Rice imports into Nigeria reached 2.1 million tonnes last year",
    "The minimum wage in Peru went up by 10% in March 2022",
    "Hospital waiting times in Wales doubled between 2015 and 2020",
    "Coffee output in Ethiopia dropped 4% in the 2020/21 season",
]

# "cocoa exports Ghana" in fullwidth letters, as some keyboards and PDFs give it.
FULLWIDTH = "".join(chr(ord(c) + 0xFEE0) if c != " " else c for c in "cocoa exports Ghana")


def _published(**fields: Any) -> Claim:
    return claim_build(
        status=Claim.Status.PUBLISHED, verdict="false", published_at=timezone.now(), **fields
    )


def _texts(found: list[Candidate]) -> list[str]:
    return [c.text for c in found]


@pytest.fixture(autouse=True)
def _fresh_term_stats() -> None:
    pg_module._stats_cache.clear()


def test_it_finds_a_reworded_claim_first() -> None:
    for text in UNRELATED:
        claim_build(text=text)
    earlier = claim_build(text=COCOA)

    found = match_candidates("Ghana's cocoa exports increased to $0.8bn in 2021, says the minister")

    assert found[0].id == earlier.id
    assert found[0].article_id == earlier.article_id
    assert 0 < found[0].similarity <= 1


def test_it_finds_a_claim_whose_words_come_in_another_order() -> None:
    earlier = claim_build(text="Unemployment in Kenya fell to 5.6% in 2019")
    claim_build(text="Tea exports from Sri Lanka rose in 2018")

    found = match_candidates("In 2019 Kenya's unemployment dropped to 5.6 per cent")

    assert found[0].id == earlier.id


def test_it_finds_a_fragment_by_the_sentence_it_came_from() -> None:
    earlier = claim_build(
        text="nearly $800 million last year",
        sentence="Bilateral trade between the two countries was nearly $800 million last year.",
    )
    claim_build(text="Unemployment in Kenya fell to 5.6% in 2019")

    found = match_candidates("Trade between the two countries reached about $0.8bn in 2020")

    assert [c.id for c in found] == [earlier.id]


def test_it_returns_the_row_as_stored() -> None:
    normalized = {"quantities": [{"value": 800000000, "unit": "USD"}], "dates": []}
    earlier = _published(text=COCOA, normalized=normalized)

    (found,) = match_candidates(COCOA)

    assert found.id == earlier.id
    assert found.sentence == earlier.sentence
    assert found.normalized == normalized_codec.decode(normalized)
    assert found.status == "published"
    assert found.verdict == "false"
    assert found.published_at == earlier.published_at
    assert found.similarity == pytest.approx(1.0)


def test_it_leaves_out_the_given_claims_and_article() -> None:
    article = article_build()
    same_article = claim_build(article=article, text=COCOA)
    excluded = claim_build(text=COCOA + " again")
    kept = claim_build(text="Cocoa exports from Ghana rose to $800 million in 2021")

    found = match_candidates(COCOA, exclude_claim_ids={excluded.pk}, exclude_article_id=article.pk)

    assert [c.id for c in found] == [kept.id]
    assert same_article.pk not in [c.id for c in found]


def test_published_only_never_returns_an_unpublished_claim() -> None:
    claim_build(text=COCOA)
    claim_build(text=COCOA, status=Claim.Status.IN_REVIEW)
    claim_build(text=COCOA, status=Claim.Status.REVIEWED, verdict="false")
    claim_build(text=COCOA, status=Claim.Status.DISMISSED, dismissal_reason="duplicate")
    # Once published, then taken down: it keeps its verdict and date but is no longer public.
    claim_build(
        text=COCOA, status=Claim.Status.REVIEWED, verdict="true", published_at=timezone.now()
    )

    assert match_candidates(COCOA, published_only=True) == []

    published = _published(text="Ghana's cocoa exports rose to $800m in 2021")
    found = match_candidates(COCOA, published_only=True)

    assert [c.id for c in found] == [published.id]
    assert len(match_candidates(COCOA)) == 6


def test_published_only_still_leaves_out_the_given_claims_and_article() -> None:
    article = article_build()
    _published(article=article, text=COCOA)
    excluded = _published(text=COCOA)
    kept = _published(text=COCOA)
    claim_build(text=COCOA)

    found = match_candidates(
        COCOA, published_only=True, exclude_claim_ids=[excluded.pk], exclude_article_id=article.pk
    )

    assert [c.id for c in found] == [kept.id]


def test_it_returns_no_more_than_the_limit_best_first() -> None:
    exact = claim_build(text=COCOA)
    close = claim_build(text="Exports of cocoa from Ghana rose to $900 million in 2022")
    far = claim_build(text="Cocoa prices in Ghana fell sharply after the harvest")
    for n in range(5):
        claim_build(text=f"Ghana cocoa farmers number {n} thousand in the west")

    top_two = match_candidates(COCOA, limit=2)
    everything = match_candidates(COCOA, limit=50)

    assert [c.id for c in top_two] == [exact.id, close.id]
    assert len(everything) == 8
    assert far.id in [c.id for c in everything]
    similarities = [c.similarity for c in everything]
    assert similarities == sorted(similarities, reverse=True)
    assert match_candidates(COCOA, limit=0) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "x" * 1_000_000,
        ("cocoa exports Ghana " * 60_000),
        "cocoa\x00exports\x00Ghana",
        "\x00",
        "📈🚀 cocoa exports 🇬🇭 rose",
        FULLWIDTH,
        "cocoa \ud800 exports",
        "%",
        "_",
        "%_%",
        "'",
        "\\",
        "O'Brien's 100% cocoa_exports \\ rose",
        "'; DROP TABLE claims_claim; --",
        "cocoa & exports | !ghana <-> (rose:*",
        "e\u0301\u0301\u0301 \u202e\u200b cocoa",
        "!!! ??? ...",
    ],
)
def test_hostile_text_never_raises(text: str) -> None:
    claim_build(text=COCOA)
    claim_build(text="100% of the 50_000 O'Brien files \\ were lost")

    found = match_candidates(text)

    assert isinstance(found, list)
    assert all(isinstance(c, Candidate) for c in found)
    assert Claim.objects.count() == 2


def test_metacharacters_do_not_match_everything() -> None:
    claim_build(text=COCOA)
    claim_build(text="Unemployment in Kenya fell to 5.6% in 2019")

    assert match_candidates("%") == []
    assert match_candidates("_") == []
    assert match_candidates("100%") == []


def test_a_fullwidth_query_finds_the_plain_claim() -> None:
    earlier = claim_build(text=COCOA)

    assert [c.id for c in match_candidates(FULLWIDTH)] == [earlier.id]


def test_the_query_text_is_capped() -> None:
    cleaned = module.clean_query_text("word " * 100_000 + "\x00")

    assert len(cleaned) <= module.MAX_QUERY_CHARS
    assert "\x00" not in cleaned
    assert cleaned.endswith(" word")


def test_a_long_repeated_word_is_not_cut_into_a_rare_one() -> None:
    earlier = claim_build(text="exports of cocoa")

    assert [c.id for c in match_candidates("exports " * 200)] == [earlier.id]


def test_the_python_trigram_measure_agrees_with_pg_trgm_in_simple_cases() -> None:
    same = module.trigrams("Cocoa exports")
    assert module.trigram_similarity(same, module.trigrams("exports, COCOA!")) == 1.0
    assert module.trigram_similarity(same, module.trigrams("")) == 0.0
    # pg_trgm: similarity('word', 'two words') = 4/11
    assert module.trigram_similarity(
        module.trigrams("word"), module.trigrams("two words")
    ) == pytest.approx(4 / 11)


# --- PostgreSQL only ------------------------------------------------------------------------


def test_the_python_trigram_measure_matches_pg_trgm(postgres: None) -> None:
    pairs = [(COCOA, "Ghana's cocoa exports increased to $0.8bn in 2021"), ("word", "two words")]
    with connection.cursor() as cursor:
        for a, b in pairs:
            cursor.execute("SELECT similarity(%s, %s)", [a, b])
            expected = cursor.fetchone()[0]
            assert module.trigram_similarity(
                module.trigrams(a), module.trigrams(b)
            ) == pytest.approx(expected, abs=1e-6)


def test_the_matching_index_exists_on_postgresql(postgres: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'claims_claim' AND indexname = %s",
            [INDEX_NAME],
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition
    assert "to_tsvector('simple'::regconfig" in definition
    assert "sentence" in definition


def test_the_lookup_uses_the_index(postgres: None) -> None:
    article = article_build()
    Claim.objects.bulk_create(
        Claim(
            article=article,
            start=n * 10,
            end=n * 10 + 5,
            sentence="s",
            text=f"{UNRELATED[n % len(UNRELATED)]} item{n}",
            kind=Claim.Kind.STATISTICAL,
        )
        for n in range(3000)
    )
    earlier = claim_build(text=COCOA)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    pg_module._stats_cache.clear()

    with CaptureQueriesContext(connection) as queries:
        found = match_candidates("Ghana's cocoa exports increased to $0.8bn in 2021")
    assert found[0].id == earlier.id
    lookup = next(q["sql"] for q in queries.captured_queries if "similarity(" in q["sql"])

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + lookup)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert INDEX_NAME in plan, plan


def test_common_words_alone_still_find_candidates(postgres: None) -> None:
    earlier = claim_build(text="exports rose by 12%")

    assert [c.id for c in match_candidates("Exports rose 12 per cent")] == [earlier.id]


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Sales of furniture reached 32,899 households in 2003", "furniture sales 32899 in 2003"),
        ("Sales of furniture reached 32899 households in 2003", "furniture sales 32,899 in 2003"),
        ("Road deaths in Sa hit $757 billion in 1999", "Sa road deaths reached $757bn in 1999"),
    ],
)
def test_it_finds_a_figure_written_another_way(stored: str, query: str) -> None:
    earlier = claim_build(text=stored)
    claim_build(text="Sales of cars fell in 2003")

    assert match_candidates(query)[0].id == earlier.id


def test_thousands_are_split_as_the_parser_splits_them() -> None:
    assert pg_module._thousands("74912") == ("74", "912")
    assert pg_module._thousands("1234567") == ("1", "234", "567")
    assert pg_module._thousands("123456") == ("123", "456")


def _term(word: str, frequency: float, *positions: int) -> Any:
    return pg_module._Term(((word,),), frozenset(positions), frequency)


def test_common_words_side_by_side_do_not_count_twice() -> None:
    chief = _term("chief", 0.01, 1)
    economist = _term("economist", 0.01, 2)
    place = _term("drendutstaim", 0.0001, 9)

    query = pg_module._at_least(2, [chief, economist, place])

    assert query == ("((('chief')) & (('drendutstaim'))) | ((('economist')) & (('drendutstaim')))")


def test_a_word_with_quotes_is_quoted_for_tsquery() -> None:
    assert pg_module._quoted("o'brien\\") == "'o''brien\\\\'"


def test_more_shared_words_are_needed_as_the_table_grows() -> None:
    frequencies = [0.0004, 0.002, 0.01, 0.03]

    assert pg_module._words_needed(frequencies, rows=100) == 1
    assert pg_module._words_needed(frequencies, rows=500_000) == 2
    assert pg_module._words_needed(frequencies, rows=1_000_000) == 3
    assert pg_module._words_needed([0.05] * 4, rows=100_000_000) == 4
