"""The editorial desk in the admin: claim list, claim page, workflow buttons and bulk actions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims.models import Article, Claim, ClaimMatch
from sources.models import ClaimSource, Evidence, VerificationRun
from tests.builders import article_build, claim_build, run_with_finding_build, source_build
from tests.claims.conftest import ruled_claim, staff_in_role, with_evidence

pytestmark = pytest.mark.django_db

LIST = reverse("admin:claims_claim_changelist")
QUEUE = reverse("admin:claims_claim_queue")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _step(client: Client, claim: Claim, step: str, **data: str) -> Any:
    url = reverse("admin:claims_claim_transition", args=[claim.pk, step])
    return client.post(url, data, follow=True)


# --- who sees what ---


def test_the_roles_exist_and_only_chief_editors_may_publish() -> None:
    editor = Group.objects.get(name="Editor")
    chief = Group.objects.get(name="Chief editor")
    editor_perms = set(editor.permissions.values_list("codename", flat=True))
    chief_perms = set(chief.permissions.values_list("codename", flat=True))
    assert {"change_claim", "add_evidence", "view_verificationrun"} <= editor_perms
    assert "publish_claim" not in editor_perms
    assert chief_perms - editor_perms == {"publish_claim"}
    assert not any(p.endswith(("_user", "_group", "_permission")) for p in chief_perms)


def test_anonymous_and_non_staff_users_see_nothing_of_the_desk() -> None:
    claim = claim_build()
    member = User.objects.create_user(username="reader", password="x")
    urls = [
        LIST,
        QUEUE,
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_article_change", args=[claim.article_id]),
    ]
    for client in (Client(), _client(member)):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302
            assert "/admin/login/" in response["Location"]
        response = client.post(reverse("admin:claims_claim_transition", args=[claim.pk, "take"]))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.NEW


def test_staff_without_a_role_cannot_open_the_desk() -> None:
    claim = claim_build()
    client = _client(staff_in_role("olga", None))
    assert client.get(LIST).status_code == 403
    assert client.get(QUEUE).status_code == 403
    take = reverse("admin:claims_claim_transition", args=[claim.pk, "take"])
    assert client.post(take).status_code == 403


def test_editors_cannot_change_roles_or_users(editor: User) -> None:
    client = _client(editor)
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    group = Group.objects.get(name="Chief editor")
    response = client.post(reverse("admin:auth_group_change", args=[group.pk]), {"name": "x"})
    assert response.status_code == 403
    response = client.get(reverse("admin:auth_user_change", args=[editor.pk]))
    assert response.status_code == 403


# --- the list ---


def test_the_list_is_sorted_by_check_worthiness_and_counts_statuses(editor: User) -> None:
    low = claim_build(checkworthiness=0.2, text="low claim")
    high = claim_build(checkworthiness=0.95, text="high claim")
    claim_build(checkworthiness=0.5, status="dismissed", dismissal_reason="duplicate")
    response = _client(editor).get(LIST)
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert shown.index(high) < shown.index(low)
    counts = {value: n for value, _, n in response.context["status_counts"]}
    assert counts == {"new": 2, "in_review": 0, "reviewed": 0, "published": 0, "dismissed": 1}
    assert b"Dismissed: <strong>1</strong>" in response.content


def _listed(client: Client, query: str) -> set[int]:
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200, query
    return {c.pk for c in response.context["cl"].result_list}


def test_the_list_filters_by_each_facet(editor: User, other_editor: User) -> None:
    ledger = article_build(outlet="Ledger", title="Port budget")
    herald = article_build(outlet="Herald", title="Rail budget")
    mine = claim_build(ledger, assignee=editor, status="in_review", checkworthiness=0.9)
    theirs = claim_build(herald, assignee=other_editor, status="in_review", checkworthiness=0.5)
    loose = claim_build(herald, checkworthiness=0.1, kind="quote", verdict="false")
    ClaimSource.objects.create(claim=theirs, source=source_build())
    client = _client(editor)
    assert _listed(client, "status__exact=in_review") == {mine.pk, theirs.pk}
    assert _listed(client, "kind__exact=quote") == {loose.pk}
    assert _listed(client, "verdict__exact=false") == {loose.pk}
    assert _listed(client, f"article__id__exact={ledger.pk}") == {mine.pk}
    assert _listed(client, "outlet=Herald") == {theirs.pk, loose.pk}
    assert _listed(client, "assignee=me") == {mine.pk}
    assert _listed(client, "assignee=nobody") == {loose.pk}
    assert _listed(client, f"assignee={other_editor.pk}") == {theirs.pk}
    assert _listed(client, "worth=high") == {mine.pk}
    assert _listed(client, "worth=medium") == {theirs.pk}
    assert _listed(client, "worth=low") == {loose.pk}
    assert _listed(client, "sources=yes") == {theirs.pk}
    assert _listed(client, "sources=no") == {mine.pk, loose.pk}


def test_the_list_searches_claim_text_sentence_and_article_title(editor: User) -> None:
    port = claim_build(article_build(title="Harbour dues"), text="dues rose", sentence="S1.")
    rail = claim_build(text="rail fares fell", sentence="Fares fell by a third.")
    client = _client(editor)
    assert _listed(client, "q=harbour") == {port.pk}
    assert _listed(client, "q=third") == {rail.pk}
    assert _listed(client, "q=fares") == {rail.pk}


def test_the_list_of_10000_claims_costs_a_fixed_number_of_queries(
    editor: User, django_assert_max_num_queries: Any
) -> None:
    articles = [article_build(outlet=f"Outlet {i % 5}") for i in range(20)]
    Claim.objects.bulk_create(
        Claim(
            article=articles[i % 20],
            start=i,
            end=i + 5,
            sentence="A sentence.",
            text=f"claim {i}",
            kind="statistical",
            checkworthiness=(i % 100) / 100,
            assignee=editor if i % 7 == 0 else None,
        )
        for i in range(10_000)
    )
    client = _client(editor)
    client.get(LIST)  # warm the session and content-type caches
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 100
    with django_assert_max_num_queries(12):
        assert client.get(f"{LIST}?sources=no&worth=high&assignee=me&q=claim").status_code == 200


# --- the article page ---


def test_the_article_page_highlights_200_claims_and_their_repeats_in_a_fixed_number_of_queries(
    editor: User, django_assert_max_num_queries: Any
) -> None:
    words = [f"w{i:03d}" for i in range(200)]
    text = " ".join(words) + " <script>alert(1)</script>"
    article = article_build(clean_text=text)
    Claim.objects.bulk_create(
        Claim(
            article=article,
            start=i * 5,
            end=i * 5 + 4,
            sentence=word,
            text=word,
            kind="factual",
            status="new" if i % 2 else "in_review",
            normalized={"quantities": [{"text": "3", "value": 3, "unit": "%"}], "dates": []},
        )
        for i, word in enumerate(words)
    )
    checked = claim_build(
        status="published",
        verdict="false",
        rationale="r",
        published_at=timezone.make_aware(timezone.datetime(2021, 3, 12)),
    )
    claims = list(article.claims.order_by("start"))
    ClaimMatch.objects.bulk_create(
        ClaimMatch(claim=c, earlier=checked, score=0.7) for c in claims[::4]
    )
    Claim.objects.filter(pk__in=[c.pk for c in claims[1::5]]).update(
        duplicate_of=checked, duplicate_link="editor"
    )
    client = _client(editor)
    url = reverse("admin:claims_article_change", args=[article.pk])
    client.get(url)
    # The claims once for the text and once for the list, each with their suggested matches;
    # one more asks whether readers see the article (its description is then read only).
    with django_assert_max_num_queries(11):
        response = client.get(url)
    content = response.content.decode()
    assert content.count("checked on 12 March 2021: false") >= 80
    assert content.count('class="hl status-') >= 200
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert 'data-tip="Factual · New · 3 = 3 %"' in content
    first = Claim.objects.get(article=article, start=0)
    assert f'href="{reverse("admin:claims_claim_change", args=[first.pk])}"' in content


def test_the_article_page_follows_extraction_live_until_it_has_finished(editor: User) -> None:
    article = article_build(extraction_status="queued")
    url = reverse("admin:claims_article_change", args=[article.pk])
    client = _client(editor)
    page = client.get(url).content
    assert b'data-running="true"' in page
    assert b'http-equiv="refresh"' not in page  # its live parts update, the page stays
    Article.objects.filter(pk=article.pk).update(
        extraction_status="succeeded", extracted_at=timezone.now()
    )
    assert b'data-running="false"' in client.get(url).content


def test_overlapping_claims_nest_without_crossing_tags(editor: User) -> None:
    article = article_build(clean_text="Exports rose 12% in 2025 to a record.")
    outer = claim_build(article, start=0, end=24, text="Exports rose 12% in 2025")
    inner = claim_build(article, start=13, end=16, text="12%", verdict="false")
    tail = claim_build(article, start=20, end=36, text="2025 to a record", kind="temporal")
    content = (
        _client(editor)
        .get(reverse("admin:claims_article_change", args=[article.pk]))
        .content.decode()
    )
    text_html = content[content.index('<div class="article-text">') :]
    text_html = text_html[: text_html.index("</div>")]
    assert f'data-claim="{inner.pk}"' in text_html
    assert 'class="hl verdict-false"' in text_html
    # "12%" sits inside the outer claim: a mark around the inner link, tags balanced.
    assert f'<mark class="hl status-new" data-claim="{outer.pk}"' in text_html
    assert f'data-claim="{tail.pk}"' in text_html
    assert text_html.count("<mark") == text_html.count("</mark>")
    assert text_html.count("<a ") == text_html.count("</a>")
    from html.parser import HTMLParser

    class Balanced(HTMLParser):
        stack: list[str] = []

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.stack.pop() == tag

    Balanced().feed(text_html + "</div>")


# --- the claim page ---


def test_the_claim_page_shows_context_values_and_offers_the_next_steps(editor: User) -> None:
    article = article_build(
        clean_text="Trade was slow. Exports rose 12% last year. Imports fell. Prices held."
    )
    claim = claim_build(
        article,
        start=16,
        end=35,
        text="Exports rose 12%",
        normalized={"quantities": [{"text": "12%", "value": 12, "unit": "%"}], "dates": []},
        speaker="the minister",
    )
    page = _client(editor).get(reverse("admin:claims_claim_change", args=[claim.pk]))
    content = page.content.decode()
    assert "Trade was slow. <strong" in content
    assert "Imports fell. " in content
    assert "Prices held." not in content.split('class="claim-context"')[1].split("</p>")[0]
    assert "12% = 12 %" in content
    assert "the minister" in content
    assert "Assign to me and review" in content
    assert "Dismiss as" in content
    assert ">Publish<" not in content


def test_editing_the_status_field_directly_changes_nothing(editor: User) -> None:
    claim = claim_build()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = {
        "text": claim.text,
        "kind": claim.kind,
        "speaker": "",
        "status": "published",
        "verdict": "true",
        "published_at": "2026-01-01 00:00",
        **{
            f"{prefix}-{key}": value
            for prefix in ("source_links", "evidence", "verification_runs")
            for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
    }
    response = _client(editor).post(url, data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.published_at) == ("new", "", None)


def test_an_editor_rules_and_a_chief_editor_publishes_through_the_buttons(
    editor: User, chief: User
) -> None:
    claim = with_evidence(claim_build())
    editor_client = _client(editor)
    assert "is now in review" in _messages(_step(editor_client, claim, "take"))[0]
    response = _step(
        editor_client,
        claim,
        "rule",
        verdict="mostly_true",
        rationale="Close.",
        wording="Exports rose by 12% last year",
        claimant="Jane Doe",
        claimant_kind="person",
        claimed_in="Budget speech",
        claimed_on="2026-04-30",
    )
    assert "is now reviewed" in _messages(response)[0]
    claim.refresh_from_db()
    assert (claim.published_text, claim.claimant, claim.claimant_kind) == (
        "Exports rose by 12% last year",
        "Jane Doe",
        "person",
    )
    assert (claim.claimed_in, str(claim.claimed_on)) == ("Budget speech", "2026-04-30")
    refused = _step(editor_client, claim, "publish")
    assert _messages(refused) == [
        "Edith may not publish fact-checks: it needs the claims.publish_claim permission."
    ]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REVIEWED
    response = _step(_client(chief), claim, "publish")
    assert "is now published" in _messages(response)[0]
    claim.refresh_from_db()
    assert (claim.status, claim.published_by) == (Claim.Status.PUBLISHED, chief)
    history = _client(chief).get(reverse("admin:claims_claim_history", args=[claim.pk]))
    assert b"ruled mostly true" in history.content


def test_a_refused_step_is_explained_on_the_claim_page(editor: User) -> None:
    claim = claim_build()
    _step(_client(editor), claim, "take")
    response = _step(_client(editor), claim, "rule", verdict="true", rationale="Yes.", wording="W.")
    assert _messages(response) == [
        f"Claim {claim.pk} has no evidence yet: add a source passage or accept a finding."
    ]
    assert response.status_code == 200


def test_chief_editors_unpublish_with_a_correction_note(editor: User, chief: User) -> None:
    claim = ruled_claim(editor)
    _step(_client(chief), claim, "publish")
    _step(_client(chief), claim, "unpublish", note="The figure was for 2023.")
    claim.refresh_from_db()
    assert (claim.status, claim.correction_note) == ("reviewed", "The figure was for 2023.")
    page = _client(editor).get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert (
        b"Unpublished: The fact-check was withdrawn for correction. The figure was for 2023."
        in (page.content)
    )


def test_accepting_a_finding_on_the_claim_page_adds_evidence(editor: User) -> None:
    claim = claim_build()
    run = run_with_finding_build(
        claim, passage="It rose 12%.", stance="supports", verifier="quantities"
    )
    client = _client(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert f'name="finding" value="{run.pk}:0"'.encode() in page.content
    url = reverse("admin:claims_claim_accept_finding", args=[claim.pk])
    response = client.post(url, {"finding": f"{run.pk}:0"}, follow=True)
    assert _messages(response)[0].startswith("Accepted as evidence")
    assert Evidence.objects.get(claim=claim).added_by == editor


# --- bulk actions ---


def _action(client: Client, action: str, claims: list[Claim], **extra: str) -> Any:
    data = {"action": action, "_selected_action": [c.pk for c in claims], **extra}
    return client.post(LIST, data, follow=True)


def test_bulk_assign_dismiss_and_publish_explain_each_claim_that_could_not_move(
    editor: User, other_editor: User, chief: User
) -> None:
    fresh = claim_build()
    ruled = ruled_claim(other_editor)
    client = _client(editor)
    response = _action(client, "assign_to_me", [fresh, ruled])
    assert _messages(response) == [
        f"Claim {ruled.pk} cannot be assigned: it is reviewed (only a claim that is in review,"
        " new can).",
        "1 claim(s) assigned to you.",
    ]
    response = _action(client, "dismiss", [fresh], reason="")
    assert "a claim is dismissed for a reason" in _messages(response)[0].lower()
    response = _action(client, "dismiss", [fresh], reason="duplicate")
    assert _messages(response) == ["1 claim(s) dismissed."]
    response = _action(_client(chief), "publish", [fresh, ruled])
    assert _messages(response) == [
        f"Claim {fresh.pk} cannot be published: it is dismissed (only a claim that is reviewed"
        " can).",
        "1 claim(s) published.",
    ]
    ruled.refresh_from_db()
    assert ruled.status == Claim.Status.PUBLISHED


def test_editors_are_not_offered_the_publish_action(editor: User, other_editor: User) -> None:
    ruled = ruled_claim(other_editor)
    client = _client(editor)
    actions = [name for name, _ in client.get(LIST).context["action_form"].fields["action"].choices]
    assert "publish" not in actions
    assert "assign_to_me" in actions
    _action(client, "publish", [ruled])
    ruled.refresh_from_db()
    assert ruled.status == Claim.Status.REVIEWED


def test_the_queue_shows_my_claims_review_backlog_and_publication(
    editor: User, other_editor: User, chief: User
) -> None:
    mine = claim_build(text="my claim")
    _step(_client(editor), mine, "take")
    backlog = claim_build(text="backlog claim", checkworthy=True)
    ready = ruled_claim(other_editor, text="ready claim")
    done = ruled_claim(other_editor, text="done claim")
    _step(_client(chief), done, "publish")
    response = _client(editor).get(QUEUE)
    sections = {heading: list(claims) for heading, claims in response.context["sections"]}
    assert sections["My claims in review"] == [mine]
    assert sections["Awaiting review (check-worthy, new)"] == [backlog]
    assert sections["Ready to publish"] == [ready]
    assert [c.pk for c in sections["Recently published"]] == [done.pk]


def test_articles_are_still_listed_for_editors(editor: User) -> None:
    article_build()
    assert _client(editor).get(reverse("admin:claims_article_changelist")).status_code == 200
    assert Article.objects.count() == 1


# --- writes on the claim page go through the services ---


def _claim_page_data(claim: Claim, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"text": claim.text, "kind": claim.kind, "speaker": ""}
    for prefix in ("source_links", "evidence", "verification_runs"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(extra)
    return data


def test_evidence_added_in_the_claim_pages_inline_records_who_added_it(editor: User) -> None:
    claim = claim_build()
    source = source_build()
    data = _claim_page_data(
        claim,
        **{
            "evidence-TOTAL_FORMS": "2",
            "evidence-0-source": str(source.pk),
            "evidence-0-stance": "supports",
            "evidence-0-passage": "Exports rose 12% in 2025.",
            "evidence-0-note": "Table 3",
            # The same passage twice in one submission is one piece of evidence, not a 500.
            "evidence-1-source": str(source.pk),
            "evidence-1-stance": "supports",
            "evidence-1-passage": "Exports rose 12% in 2025.",
        },
    )
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = _client(editor).post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"]
    evidence = Evidence.objects.get(claim=claim)
    assert (evidence.added_by, evidence.origin, evidence.stance, evidence.note) == (
        editor,
        "editor",
        "supports",
        "Table 3",
    )
    assert evidence.history.first().history_user == editor


def test_filing_a_passage_a_verifier_found_makes_it_the_editors(editor: User) -> None:
    from sources.services import evidence_add

    claim = claim_build()
    source = source_build()
    found = Evidence.objects.create(
        claim=claim, source=source, passage="It rose 12%.", origin="automatic", stance="supports"
    )
    evidence, created = evidence_add(
        claim=claim, source=source, passage="It rose 12%.", stance="supports", added_by=editor
    )
    assert (evidence.pk, created, evidence.origin, evidence.added_by) == (
        found.pk,
        False,
        "editor",
        editor,
    )


def test_evidence_and_links_removed_on_the_claim_page_keep_who_removed_them(
    admin_user: User,
) -> None:
    # Removing needs the delete permissions, which the desk roles do not hold.
    claim = claim_build()
    source = source_build()
    evidence = Evidence.objects.create(claim=claim, source=source, passage="p")
    link = ClaimSource.objects.create(claim=claim, source=source)
    data = _claim_page_data(
        claim,
        **{
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "1",
            "evidence-0-id": str(evidence.pk),
            "evidence-0-claim": str(claim.pk),
            "evidence-0-source": str(source.pk),
            "evidence-0-stance": "unknown",
            "evidence-0-passage": "p",
            "evidence-0-DELETE": "on",
            "source_links-TOTAL_FORMS": "1",
            "source_links-INITIAL_FORMS": "1",
            "source_links-0-id": str(link.pk),
            "source_links-0-claim": str(claim.pk),
            "source_links-0-DELETE": "on",
        },
    )
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = _client(admin_user).post(url, data)
    assert response.status_code == 302
    assert not Evidence.objects.filter(claim=claim).exists()
    assert not ClaimSource.objects.filter(claim=claim).exists()
    assert Evidence.history.filter(id=evidence.pk).first().history_user == admin_user
    assert ClaimSource.history.filter(id=link.pk).first().history_user == admin_user


# --- the Rule form, findings and the steps offered ---


def _page(client: Client, claim: Claim) -> str:
    return client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()


def _rule_form(content: str) -> str:
    start = content.index('id="rule-form"')
    return content[start : content.index("</form>", start)]


def test_the_rule_form_keeps_the_verdict_and_rationale_after_a_refusal(editor: User) -> None:
    claim = claim_build()  # no evidence yet: the ruling is refused
    client = _client(editor)
    _step(client, claim, "take")
    rationale = "The ministry's table 3 gives 12.1% <for 2025>."
    response = _step(
        client, claim, "rule", verdict="mostly_true", rationale=rationale, wording="Worded."
    )
    assert "has no evidence yet" in _messages(response)[0]
    form = _rule_form(response.content.decode())
    assert '<option value="mostly_true" selected>' in form
    assert "The ministry&#x27;s table 3 gives 12.1% &lt;for 2025&gt;.</textarea>" in form
    # Shown once: a later visit shows the claim's own (empty) values again.
    assert '<option value="mostly_true" selected>' not in _rule_form(_page(client, claim))


def test_the_rule_form_offers_the_claim_as_extracted_and_keeps_the_editors_wording(
    editor: User,
) -> None:
    article = article_build(outlet="Daily Ledger", published_on=dt.date(2026, 4, 30))
    claim = with_evidence(claim_build(article, text="trade of nearly $800m", speaker="Ann Lee"))
    client = _client(editor)
    _step(client, claim, "take")
    form = _rule_form(_page(client, claim))
    assert 'id="rule-wording" maxlength="300" value="trade of nearly $800m"' in form
    assert 'id="rule-claimant" maxlength="300" value="Ann Lee"' in form
    assert 'value="Daily Ledger"' in form
    assert 'value="2026-04-30"' in form
    assert "checked" not in form  # the claimant's kind is chosen, never guessed
    # A claimant without a kind is refused, and the form keeps everything typed.
    response = _step(
        client,
        claim,
        "rule",
        verdict="true",
        rationale="Yes.",
        wording="Trade was worth nearly $800 million",
        claimant="Ann Lee",
        claimed_on="30 April",
    )
    assert _messages(response) == ["'30 April' is not a date: write it as YYYY-MM-DD."]
    form = _rule_form(response.content.decode())
    assert 'value="Trade was worth nearly $800 million"' in form
    response = _step(
        client,
        claim,
        "rule",
        verdict="true",
        rationale="Yes.",
        wording="Trade was worth nearly $800 million",
        claimant="Ann Lee",
    )
    assert _messages(response) == ["Say whether Ann Lee is a person or an organization."]
    claim.refresh_from_db()
    assert (claim.status, claim.published_text) == (Claim.Status.IN_REVIEW, "")


def test_findings_are_ordered_by_strength_and_the_suggested_verdict_is_offered(
    editor: User,
) -> None:
    claim = claim_build()
    source = source_build()
    weak, decisive, overlap, unrelated = (
        {"verifier": "dates", "stance": "supports", "confidence": 0.4, "passage": "weak one"},
        {"verifier": "quantities", "stance": "contradicts", "confidence": 0.9, "passage": "firm"},
        {"verifier": "relevance", "stance": "supports", "confidence": 0.95, "passage": "overlap"},
        {"verifier": "quotes", "stance": "unrelated", "confidence": 0.99, "passage": "elsewhere"},
    )
    for finding in (weak, decisive, overlap, unrelated):
        finding["source"] = source.pk
    run = VerificationRun.objects.create(
        claim=claim,
        verifier="suite",
        status="succeeded",
        suggested_verdict="false",
        confidence=0.72,
        finished_at=timezone.now(),
        result={"findings": [unrelated, weak, overlap, decisive]},
    )
    client = _client(editor)
    _step(client, claim, "take")
    content = _page(client, claim)
    shown = [content.index(f"<q>{f['passage']}</q>") for f in (decisive, weak, overlap, unrelated)]
    assert shown == sorted(shown)
    # Each button still accepts the finding it stands by (its index in the run).
    after_decisive = content[shown[0] :]
    assert after_decisive.index(f'value="{run.pk}:3"') < after_decisive.index("</li>")
    form = _rule_form(content)
    assert '<option value="false" selected>False (suggested)</option>' in form
    assert "Suggested by verification: False (72% confidence)." in form


def test_a_ruled_claims_own_verdict_is_kept_over_the_suggestion(editor: User) -> None:
    claim = ruled_claim(editor)  # ruled "true"
    VerificationRun.objects.create(
        claim=claim, verifier="suite", status="succeeded", suggested_verdict="false"
    )
    form = _rule_form(_page(_client(editor), claim))
    assert '<option value="true" selected>' in form
    assert '<option value="false">False (suggested)</option>' in form


def test_publish_is_offered_only_to_those_who_may_take_it(
    editor: User, chief: User, other_chief: User
) -> None:
    by_editor = ruled_claim(editor)
    assert ">Publish<" not in _page(_client(editor), by_editor)  # no permission: not offered
    content = _page(_client(chief), by_editor)
    assert 'value="publish">Publish</button>' in content
    assert "step-refused" not in content
    by_chief = ruled_claim(chief)
    content = _page(_client(chief), by_chief)
    # The chief editor who ruled sees why they may not publish, on a disabled button.
    assert 'value="publish" disabled aria-describedby="step-publish-reason"' in content
    assert f"Claim {by_chief.pk} was ruled by charlotte; a second person must publish it." in (
        content
    )
    assert 'value="publish">Publish</button>' in _page(_client(other_chief), by_chief)
    assert "None" not in _rule_form(content)


def test_the_claim_page_offers_exactly_the_steps_the_services_allow(
    editor: User, chief: User
) -> None:
    from claims import workflow

    claims = {
        "new": claim_build(),
        "in_review": with_evidence(claim_build()),
        "reviewed": ruled_claim(editor),
        "published": ruled_claim(editor),
        "dismissed": claim_build(),
    }
    workflow.claim_start_review(claim=claims["in_review"], by=editor)
    workflow.claim_publish(claim=claims["published"], by=chief)
    workflow.claim_dismiss(claim=claims["dismissed"], reason="duplicate", by=editor)
    for user in (editor, chief):
        for status, claim in claims.items():
            claim.refresh_from_db()
            assert claim.status == status
            offered = workflow.claim_steps(claim=claim, by=user)
            content = _page(_client(user), claim)
            for name, step in workflow.TRANSITIONS.items():
                action = reverse("admin:claims_claim_transition", args=[claim.pk, name])
                may = claim.status in step.sources and user.has_perm(step.permission)
                assert (name in offered) == may, (user, status, name)
                assert (f'action="{action}"' in content) == may, (user, status, name)


# --- no Python None on the desk ---

# "None" as a value shown: not the word in a sentence ("None until a page is fetched").
_PYTHON_NONE = re.compile(r"(?<![\w-])None(?![\w-]| until)")


def test_values_that_were_not_normalized_show_no_none_in_the_page_or_its_tooltips(
    editor: User,
) -> None:
    text = "Thousands came last year, up to 50 buses, 5 to 10 trains."
    article = article_build(clean_text=text)
    normalized = {
        "quantities": [
            {"text": "Thousands", "value": None, "low": 1000, "high": None, "unit": None},
            {"text": "up to 50", "value": None, "low": None, "high": 50, "unit": "bus"},
            {"text": "5 to 10", "value": None, "low": 5, "high": 10, "unit": None},
            {"text": "some", "value": None, "low": None, "high": None, "unit": None},
        ],
        "dates": [{"text": "last year", "value": None}, {"text": "2024", "value": "2024"}],
    }
    claim = claim_build(article, start=0, end=24, text="Thousands came", normalized=normalized)
    client = _client(editor)
    pages = [
        _page(client, claim),
        client.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode(),
    ]
    expected = (
        "Thousands = at least 1000; up to 50 = at most 50 bus; 5 to 10 = 5 to 10; some (no value);"
        " last year (date not resolved); 2024 = 2024"
    )
    for content in pages:
        assert not _PYTHON_NONE.search(content), _PYTHON_NONE.search(content)
        assert expected in content


def test_the_history_shows_empty_fields_as_empty_not_as_a_deleted_user(
    editor: User, chief: User
) -> None:
    claim = ruled_claim(editor)
    workflow_publish = reverse("admin:claims_claim_transition", args=[claim.pk, "publish"])
    _client(chief).post(workflow_publish)
    Claim.objects.filter(pk=claim.pk).update(speaker="")  # no history row: a bare update
    claim.refresh_from_db()
    claim.checkworthy = True
    claim.save()  # a change no user made (as a job makes it)
    content = (
        _client(chief).get(reverse("admin:claims_claim_history", args=[claim.pk])).content.decode()
    )
    assert "Deleted user" not in content
    assert not _PYTHON_NONE.search(content)
    assert "<strong>Assignee:</strong>\n                    —" in content
    assert "In review" in content  # statuses by their labels, not "in_review"
    assert "in_review" not in content


# --- desk roles and logging in ---


@pytest.mark.parametrize("role", ["Editor", "Chief editor"])
def test_a_user_put_in_a_desk_role_can_log_in(role: str) -> None:
    user = User.objects.create_user(username="newcomer", password="pw-newcomer")
    user.groups.add(Group.objects.get(name=role))
    user.refresh_from_db()
    assert user.is_staff
    client = Client()
    assert client.login(username="newcomer", password="pw-newcomer")
    assert client.get(LIST).status_code == 200


def test_adding_users_to_a_desk_group_from_the_groups_side_makes_them_staff() -> None:
    users = [User.objects.create_user(username=f"u{i}") for i in range(2)]
    Group.objects.get(name="Editor").user_set.add(*users)
    assert all(User.objects.filter(pk__in=[u.pk for u in users]).values_list("is_staff", flat=True))
    other = Group.objects.create(name="Readers")
    bystander = User.objects.create_user(username="bystander")
    bystander.groups.add(other)
    other.user_set.add(User.objects.create_user(username="bystander2"))
    assert not User.objects.filter(is_staff=True, username__startswith="bystander").exists()


def _user_form(user: User, **extra: Any) -> dict[str, Any]:
    return {
        "username": user.username,
        "is_active": "on",
        "groups": [str(Group.objects.get(name="Editor").pk)],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        **extra,
    }


def test_the_user_admin_says_a_desk_role_made_the_user_staff(admin_client: Client) -> None:
    user = User.objects.create_user(username="newcomer", password="pw")
    url = reverse("admin:auth_user_change", args=[user.pk])
    response = admin_client.post(url, _user_form(user), follow=True)
    assert response.status_code == 200
    assert "newcomer is now staff: a desk role works in the admin" in _messages(response)[0]
    user.refresh_from_db()
    assert user.is_staff


def test_the_user_admin_says_why_an_inactive_editor_cannot_log_in(admin_client: Client) -> None:
    user = User.objects.create_user(username="leaver", password="pw", is_staff=True)
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = _user_form(user, is_staff="on")
    del data["is_active"]
    response = admin_client.post(url, data, follow=True)
    assert "Leaver is in Editor but inactive: they cannot log in." in _messages(response)


@pytest.mark.parametrize("value", ["", "1", "1:x", "²:0", "1:²", "9" * 40 + ":0", "1:" + "9" * 40])
def test_accepting_a_finding_that_is_not_there_is_refused_readably(
    editor: User, value: str
) -> None:
    claim = claim_build()
    url = reverse("admin:claims_claim_accept_finding", args=[claim.pk])
    response = _client(editor).post(url, {"finding": value}, follow=True)
    assert response.status_code == 200
    assert _messages(response) == [f"Claim {claim.pk} has no such finding to accept."]


@pytest.mark.parametrize("value", ["", "x", "²", "9" * 40])
def test_deciding_on_a_match_that_is_not_there_is_refused_readably(
    editor: User, value: str
) -> None:
    claim = claim_build()
    url = reverse("admin:claims_claim_match_reject", args=[claim.pk])
    response = _client(editor).post(url, {"match": value}, follow=True)
    assert response.status_code == 200
    assert _messages(response) == [f"Claim {claim.pk} has no such match."]
