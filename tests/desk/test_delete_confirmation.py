"""The desk's delete confirmations count what a deletion takes with it instead of listing it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.utils import get_deleted_objects
from django.contrib.auth.models import Group, User
from django.test import Client, RequestFactory
from django.urls import reverse

from claims.models import Article, Claim, ClaimCorrection, ClaimMatch
from claims.roles import EDITOR, roles_ensure
from desk.deletion import NAMED, deletion_summary
from sources.models import ClaimSource, Evidence, Source, SourceSnapshot, VerificationRun
from tests.builders import article_build, claim_build, source_build
from tests.desk.test_large_articles import big_article_build

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:claims_article_changelist")


@pytest.fixture
def admin_user() -> User:
    return User.objects.create_superuser("ada", "ada@example.org", "pw")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _work_on(article: Article, *, every: int) -> Source:
    """Sources, evidence, runs, matches and corrections on every `every`-th claim."""
    source = source_build()
    snapshot = SourceSnapshot.objects.create(
        source=source, fetched_at=article.created_at, content_hash="h", text="figures"
    )
    claims = list(article.claims.order_by("start")[::every])
    ClaimSource.objects.bulk_create(ClaimSource(claim=c, source=source) for c in claims)
    Evidence.objects.bulk_create(
        Evidence(claim=c, source=source, snapshot=snapshot, passage="figures") for c in claims
    )
    runs = VerificationRun.objects.bulk_create(
        VerificationRun(claim=c, verifier="numbers", status="succeeded") for c in claims[::2]
    )
    for run in runs[:5]:
        run.snapshots.add(snapshot)
    earlier = claim_build(article_build())
    ClaimMatch.objects.bulk_create(ClaimMatch(claim=c, earlier=earlier, score=0.8) for c in claims)
    ClaimCorrection.objects.bulk_create(
        ClaimCorrection(claim=c, kind="unpublished", note="n", published_at=c.created_at)
        for c in claims[:3]
    )
    return source


def _summary(content: str) -> dict[str, str]:
    """The "kind: count" lines of the page's summary."""
    block = content[content.index("<h2>Summary</h2>") : content.index("<h2>Objects</h2>")]
    return dict(re.findall(r"<li>([^<:]+): ([\d,]+)</li>", block))


def test_the_counts_agree_with_what_django_would_delete(admin_user: User) -> None:
    article = big_article_build(20_000, 40)
    _work_on(article, every=3)
    # A match between two claims of the article is reached twice, and counted once.
    first, second = article.claims.order_by("start")[:2]
    ClaimMatch.objects.create(claim=second, earlier=first, score=0.9)
    request = RequestFactory().get("/")
    request.user = admin_user
    _, django_counts, _, _ = get_deleted_objects([article], request, admin.site)
    summary = deletion_summary(Article, Article.objects.filter(pk=article.pk).values("pk"))
    ours = {str(m._meta.verbose_name_plural): n for m, n in summary.counts.items() if n}
    assert ours == django_counts
    assert ours["claims"] == 40
    assert ours["claim matchs"]  # Django's own plural of the name == 15


def test_the_article_delete_page_at_the_size_limit_counts_in_a_fixed_number_of_queries(
    admin_user: User, django_assert_max_num_queries: Any
) -> None:
    from django.conf import settings

    small = big_article_build(2_000, 10)
    _work_on(small, every=2)
    client = _client(admin_user)
    url = reverse("admin:claims_article_delete", args=[small.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as small_queries:
        assert client.get(url).status_code == 200

    largest = big_article_build(settings.FACTCHECK_MAX_ARTICLE_CHARS, 5000)
    _work_on(largest, every=16)
    url = reverse("admin:claims_article_delete", args=[largest.pk])
    with django_assert_max_num_queries(len(small_queries)) as queries:
        response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert len(content) < 30_000
    assert not any(re.search(r'"(clean_text|raw_input)"', q["sql"]) for q in queries)
    counts = _summary(content)
    assert counts["Claims"] == "5,000"
    assert counts["Evidence"] == "313"
    assert counts["Verification runs"] == "157"
    assert counts["Claim sources"] == "313"
    assert not re.search(r"/admin/claims/claim/\d+/change/", content)  # no claim listed
    assert "Yes, I\u2019m sure" in content


def test_deleting_selected_articles_counts_them_all_and_names_a_few(
    admin_user: User, django_assert_max_num_queries: Any
) -> None:
    # Texts of different lengths: two alike would be one article.
    articles = [big_article_build(20_000 + 1000 * n, 200) for n in range(NAMED + 5)]
    data = {"action": "delete_selected", "_selected_action": [a.pk for a in articles]}
    client = _client(admin_user)
    with django_assert_max_num_queries(40):
        response = client.post(ARTICLES, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert _summary(content)["Claims"] == f"{200 * (NAMED + 5):,}"
    assert len(re.findall(r"/admin/claims/article/\d+/change/", content)) == NAMED
    assert "… and 5 more" in content
    assert len(content) < 40_000
    response = client.post(ARTICLES, {**data, "post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists()
    assert not Claim.objects.exists()


def test_an_article_is_deleted_after_confirmation_with_everything_counted(
    admin_user: User,
) -> None:
    article = big_article_build(50_000, 300)
    source = _work_on(article, every=4)
    url = reverse("admin:claims_article_delete", args=[article.pk])
    response = _client(admin_user).post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Evidence.objects.filter(source=source).exists()
    assert Source.objects.filter(pk=source.pk).exists()  # a source outlives its claims


def test_a_source_with_evidence_is_protected_and_a_few_of_its_pieces_are_named(
    admin_user: User, django_assert_max_num_queries: Any
) -> None:
    article = big_article_build(100_000, 1000)
    source = _work_on(article, every=2)
    client = _client(admin_user)
    url = reverse("admin:sources_source_delete", args=[source.pk])
    client.get(url)
    with django_assert_max_num_queries(NAMED + 25):
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in content
    assert "… and 480 more" in content
    assert "Yes, I\u2019m sure" not in content
    assert client.post(url, {"post": "yes"}).status_code == 200  # refused, shown again
    assert Source.objects.filter(pk=source.pk).exists()


def test_a_claim_with_many_related_rows_has_a_short_delete_page(admin_user: User) -> None:
    article = big_article_build(20_000, 10)
    claim = article.claims.first()
    assert claim is not None
    earlier = claim_build(article_build())
    later = [claim_build(article_build()) for _ in range(3)]
    ClaimMatch.objects.bulk_create(
        [ClaimMatch(claim=claim, earlier=earlier, score=0.5)]
        + [ClaimMatch(claim=c, earlier=claim, score=0.5) for c in later]
    )
    VerificationRun.objects.bulk_create(
        VerificationRun(claim=claim, verifier=f"v{n}", status="succeeded") for n in range(500)
    )
    response = _client(admin_user).get(reverse("admin:claims_claim_delete", args=[claim.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert _summary(content) == {"Claims": "1", "Claim matchs": "4", "Verification runs": "500"}
    assert len(content) < 20_000


def test_a_user_who_may_delete_articles_but_not_claims_is_told_which_kinds_block_it() -> None:
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("dora", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "delete_article"])
    )
    article = big_article_build(20_000, 20)
    url = reverse("admin:claims_article_delete", args=[article.pk])
    client = _client(user)
    content = client.get(url).content.decode()
    assert "have permission to delete the following types of objects" in content
    assert "<li>claim</li>" in content
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Claim.objects.filter(article=article).count() == 20


def test_a_desk_editor_may_not_delete_an_article() -> None:
    roles_ensure()
    editor = User.objects.create_user("edith", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    article = big_article_build(20_000, 20)
    url = reverse("admin:claims_article_delete", args=[article.pk])
    assert _client(editor).get(url).status_code == 403
