"""The desk at the largest article the settings accept: bounded queries, memory and page size.

Articles are written directly (bulk_create), not extracted, so that the tests stay fast; their
claims sit where a real article's would, spread through the text, some overlapping.
"""

from __future__ import annotations

import html
import re
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.models import Article, Claim, ClaimMatch
from desk import rendering
from desk.sections import SECTION_CHARS, SECTION_CLAIMS, article_sections
from tests.builders import article_build, claim_build

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:claims_article_changelist")
CLAIMS = reverse("admin:claims_claim_changelist")
SENTENCE = "Exports rose by {n}% in {year}, the ministry said. "
FILLER = "Traders at the harbour talked about the weather and the roads to the valley. "


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _article_page(article: Article, **query: Any) -> str:
    url = reverse("admin:claims_article_change", args=[article.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def big_article_build(chars: int, claims: int, *, overlaps: bool = False) -> Article:
    """An article of `chars` characters whose `claims` claims are spread evenly through it."""
    step = chars // claims
    parts, spans = [], []
    for n in range(claims):
        sentence = SENTENCE.format(n=n % 90 + 1, year=2000 + n % 25)
        filler = (FILLER * (step // len(FILLER) + 1))[: step - len(sentence) - 1]
        start = n * step + len(filler)
        parts.append(filler + sentence + ("\n" if n % 5 == 4 else " "))
        spans.append((start, start + len(sentence) - 2))
    text = "".join(parts)
    text = (text + FILLER * ((chars - len(text)) // len(FILLER) + 1))[:chars]
    article = article_build(clean_text=text, extraction_status="succeeded")
    rows = [
        Claim(
            article=article,
            start=start,
            end=end,
            sentence=text[start:end],
            text=text[start:end],
            kind="statistical",
            checkworthiness=0.5,
            normalized={"quantities": [{"text": "3%", "value": 3, "unit": "%"}], "dates": []},
        )
        for start, end in spans
    ]
    if overlaps:  # a second, shorter claim inside every third one
        rows += [
            Claim(
                article=article,
                start=start + 8,
                end=start + 12,
                sentence=text[start:end],
                text=text[start + 8 : start + 12],
                kind="comparison",
            )
            for start, end in spans[::3]
        ]
    Claim.objects.bulk_create(rows, batch_size=1000)
    return article


@pytest.fixture
def largest() -> Article:
    """The largest article the settings accept, with as many claims as such an article yields."""
    return big_article_build(settings.FACTCHECK_MAX_ARTICLE_CHARS, 5000)


@pytest.fixture
def admin_user() -> User:
    return User.objects.create_superuser("ada", "ada@example.org", "pw")


def _reading_bodies(queries: CaptureQueriesContext) -> list[str]:
    """The queries that read an article's whole text or raw input."""
    cut = re.compile(r'(SUBSTRING|SUBSTR|LENGTH)\("claims_article"\."clean_text"', re.IGNORECASE)
    return [
        q["sql"]
        for q in queries.captured_queries
        if re.search(r'"(clean_text|raw_input)"', cut.sub("", q["sql"]))
    ]


def _peak_bytes(client: Client, url: str) -> int:
    """Python memory allocated at the peak of one request (after a warm-up request)."""
    assert client.get(url).status_code == 200
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        response = client.get(url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    return peak


@pytest.fixture
def captured() -> Iterator[CaptureQueriesContext]:
    with CaptureQueriesContext(connection) as queries:
        yield queries


# --- lists and pages never load the bodies they do not show ---


def test_the_articles_list_at_the_size_limit_counts_claims_without_reading_any_text(
    largest: Article, admin_user: User, django_assert_max_num_queries: Any
) -> None:
    small = big_article_build(2000, 10)
    client = _client(admin_user)
    client.get(ARTICLES)
    with django_assert_max_num_queries(10) as queries:
        response = client.get(ARTICLES)
    assert response.status_code == 200
    counts = {a.pk: a.claim_count for a in response.context["cl"].result_list}
    assert counts == {largest.pk: 5000, small.pk: 10}
    assert _reading_bodies(queries) == []
    assert not any("GROUP BY" in q["sql"] and "clean_text" in q["sql"] for q in queries)
    with django_assert_max_num_queries(10):
        response = client.get(f"{ARTICLES}?o=5")  # sorted by claim count
    assert [a.pk for a in response.context["cl"].result_list] == [small.pk, largest.pk]


def test_the_article_page_at_the_size_limit_shows_one_section_in_a_fixed_number_of_queries(
    largest: Article, admin_user: User, django_assert_max_num_queries: Any
) -> None:
    client = _client(admin_user)
    url = _article_page(largest)
    client.get(url)
    with django_assert_max_num_queries(10) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert _reading_bodies(queries) == []
    content = response.content.decode()
    section = response.context["section"]
    assert section["number"] == 1
    assert section["count"] >= settings.FACTCHECK_MAX_ARTICLE_CHARS // SECTION_CHARS
    assert 0 < content.count('class="hl status-') <= SECTION_CLAIMS
    assert len(content) < 1_000_000
    assert 'rel="next"' in content
    assert "of the article's 5,000 claims" in content


def test_the_claim_pages_and_lists_of_a_large_article_never_read_its_whole_text(
    largest: Article, admin_user: User
) -> None:
    earlier = claim_build(
        article_build(),
        status="published",
        verdict="false",
        rationale="r",
        published_at=timezone.now(),
    )
    claims = list(largest.claims.order_by("start")[:50])
    ClaimMatch.objects.bulk_create(ClaimMatch(claim=c, earlier=earlier, score=0.8) for c in claims)
    other = big_article_build(200_000, 20)
    ClaimMatch.objects.create(claim=earlier, earlier=other.claims.first(), score=0.7)
    Claim.objects.filter(pk__in=[c.pk for c in claims[:5]]).update(
        status="in_review", assignee=admin_user, checkworthy=True
    )
    client = _client(admin_user)
    urls = [
        CLAIMS,
        f"{CLAIMS}?article__id__exact={largest.pk}",
        reverse("admin:claims_claim_queue"),
        reverse("admin:claims_claim_change", args=[earlier.pk]),  # matches a large article
        reverse("admin:claims_claim_change", args=[claims[3].pk]),
        _article_page(earlier.article),
    ]
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert _reading_bodies(queries) == [], url
    listed = client.get(CLAIMS).content.decode()
    assert f"?article__id__exact={largest.pk}" in listed


def test_saving_the_article_form_writes_its_fields_and_never_its_text(
    admin_user: User, captured: CaptureQueriesContext
) -> None:
    article = big_article_build(1_000_000, 1000)
    url = _article_page(article)
    data = {
        "title": "Renamed",
        "outlet": "Gazette",
        "author": "",
        "published_on": "",
        "language": "en",
    }
    response = _client(admin_user).post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.outlet) == ("Renamed", "Gazette")
    assert len(article.clean_text) == 1_000_000
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert any('UPDATE "claims_article"' in sql for sql in writes)
    assert not any("clean_text" in sql or "raw_input" in sql for sql in writes)


def test_a_claim_in_context_reads_only_the_text_around_it(largest: Article) -> None:
    claim = largest.claims.order_by("start")[2500]
    with CaptureQueriesContext(connection) as queries:
        context = rendering.claim_context(claim)
    assert _reading_bodies(queries) == []
    assert f">{html.escape(claim.text)}</strong>" in context
    assert len(context) < 4 * rendering.CONTEXT_CHARS


# --- memory stays bounded as the article grows ---


def test_the_article_page_and_list_take_no_more_memory_for_an_article_four_times_larger(
    admin_user: User,
) -> None:
    limit = settings.FACTCHECK_MAX_ARTICLE_CHARS
    client = _client(admin_user)
    peaks: dict[str, list[int]] = {"list": [], "page": []}
    for chars, claims in ((limit // 4, 1250), (limit, 5000)):
        Article.objects.all().delete()
        article = big_article_build(chars, claims)
        peaks["list"].append(_peak_bytes(client, ARTICLES))
        peaks["page"].append(
            _peak_bytes(client, _article_page(article, claim=article.claims.last().pk))
        )
    for page, (one, four) in peaks.items():
        # Loading the text would add its size (1.25 MB, then 5 MB, twice over): a ratio near 4.
        assert four < 2 * one, (page, one, four)


# --- the text in sections ---


def _text_of(content: str) -> str:
    body = content[content.index('<div class="article-text">') :]
    body = body[len('<div class="article-text">') : body.index("</div>")]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_the_sections_hold_the_whole_text_and_every_claim_exactly_once(admin_user: User) -> None:
    article = big_article_build(130_000, 1400, overlaps=True)
    client = _client(admin_user)
    first = client.get(_article_page(article))
    count = first.context["section"]["count"]
    assert count >= 130_000 // SECTION_CHARS
    texts, anchored = [], []
    for number in range(1, count + 1):
        response = client.get(_article_page(article, section=number))
        section = response.context["section"]
        content = response.content.decode()
        assert section["number"] == number
        assert section["claim_count"] <= SECTION_CLAIMS
        assert content.count('id="claim-') <= SECTION_CLAIMS
        assert ('rel="prev"' in content) == (number > 1)
        assert ('rel="next"' in content) == (number < count)
        texts.append(_text_of(content))
        anchored += [int(pk) for pk in re.findall(r'id="claim-(\d+)"', content)]
    assert "".join(texts) == article.clean_text
    assert sorted(anchored) == sorted(article.claims.values_list("pk", flat=True))


def test_a_claims_link_opens_the_section_that_holds_it(admin_user: User) -> None:
    article = big_article_build(130_000, 1400)
    claim = article.claims.order_by("start")[1000]
    client = _client(admin_user)
    response = client.get(rendering.article_claim_url(claim).split("#")[0])
    content = response.content.decode()
    assert response.context["section"]["number"] > 1
    assert f'id="claim-{claim.pk}"' in content
    assert f'href="#claim-{claim.pk}"' in content  # its row in the section's claim list
    assert rendering.article_claim_url(claim).endswith(f"#claim-{claim.pk}")


@pytest.mark.parametrize(
    "query",
    [
        "section=abc",
        "section=0",
        "section=-3",
        "section=999999999",
        "section=" + "9" * 5000,
        "section=%C2%B2",
        "claim=abc",
        "claim=" + "9" * 40,
        "claim=999999",
        "section=2&claim=%C2%B2",
    ],
)
def test_any_section_or_claim_asked_for_gives_a_page(admin_user: User, query: str) -> None:
    article = big_article_build(50_000, 300)
    url = reverse("admin:claims_article_change", args=[article.pk]) + "?" + query
    response = _client(admin_user).get(url)
    assert response.status_code == 200
    assert 1 <= response.context["section"]["number"] <= response.context["section"]["count"]


def test_an_article_without_text_yet_has_a_page(admin_user: User) -> None:
    article = Article.objects.create(
        url="https://news.example.org/a", raw_input="", extraction_status="fetching"
    )
    response = _client(admin_user).get(_article_page(article, section=3))
    assert response.status_code == 200
    assert "No text yet." in response.content.decode()


# --- where the sections are cut ---


def test_sections_are_never_cut_inside_a_claim_and_hold_a_bounded_number_of_claims() -> None:
    spans = [(i * 30, i * 30 + 25) for i in range(3000)] + [
        (i * 30 + 5, i * 30 + 40) for i in range(0, 3000, 7)
    ]
    sections = article_sections(90_000, spans, max_chars=5000, max_claims=100)
    assert sections.cuts[0] == 0
    assert sections.cuts[-1] == 90_000
    for left, right in zip(sections.cuts, sections.cuts[1:], strict=False):
        assert left < right
        assert sum(left <= s < right for s, _ in spans) <= 100
    for cut in sections.cuts:
        assert not any(s < cut < e for s, e in spans)


def test_a_chain_of_overlapping_claims_longer_than_a_section_stays_whole() -> None:
    chain = [(i * 10, i * 10 + 15) for i in range(100)]  # 0 to 1005, each overlapping the next
    sections = article_sections(3000, chain, max_chars=300, max_claims=50)
    assert sections.cuts[:2] == (0, 1005)
    assert sections.cuts[-1] == 3000


def test_a_cut_moves_back_to_a_paragraph_end_between_claims() -> None:
    text = "A claim here. " + "x" * 40 + "\n" + "y" * 45 + " More text and a claim."
    spans = [(2, 7), (len(text) - 7, len(text) - 1)]
    sections = article_sections(len(text), spans, max_chars=80, max_claims=10)
    assert sections.cuts[1] == 80
    low, high = sections.window(1)
    window = text[low:high]
    assert sections.refined_cut(1, window, low) == text.index("\n") + 1
