"""`manage.py digest`: the morning list as text or JSON lines, with its filters."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from claims.models import Claim, RepeatAlert
from tests.watching.morning import fact_check_build, feed_claim
from watching import services

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("digest", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def claims() -> dict[str, Claim]:
    services.topic_save(name="Trade", terms="exports")
    checked = fact_check_build(text="imports fell by half")
    repeat = feed_claim("Evening Post", text="imports fell by 50%", sentence="Imports fell.")
    RepeatAlert.objects.create(fact_check=checked, claim=repeat, score=0.9)
    return {
        "new": feed_claim("Daily Ledger", text="exports rose by 12%", checkworthiness=0.7),
        "repeat": repeat,
        "checked": checked,
    }


def test_it_prints_the_list_as_text(claims: dict[str, Claim]) -> None:
    text = _run()
    new, repeat = claims["new"], claims["repeat"]
    assert text.index("New work") < text.index(f"#{new.pk} [Daily Ledger] exports rose by 12%")
    assert "(comparison, 0.70) topics: Trade" in text
    assert text.index("Said again") < text.index(f"#{repeat.pk} [Evening Post]")
    assert f"repeats #{claims['checked'].pk} (False)" in text


def test_it_prints_json_lines(claims: dict[str, Claim]) -> None:
    rows = [json.loads(line) for line in _run("--json").splitlines()]
    assert [row["id"] for row in rows] == [claims["new"].pk, claims["repeat"].pk]
    new, repeat = rows
    assert new == {
        "id": claims["new"].pk,
        "group": "new",
        "outlet": "Daily Ledger",
        "article_id": claims["new"].article_id,
        "article_title": claims["new"].article.title,
        "text": "exports rose by 12%",
        "kind": "comparison",
        "checkworthy": False,
        "checkworthiness": 0.7,
        "topics": ["Trade"],
        "repeats": None,
        "repeats_verdict": None,
    }
    assert repeat["group"] == "repeat"
    assert repeat["repeats"] == claims["checked"].pk
    assert repeat["repeats_verdict"] == "False"


def test_it_filters_by_outlet_topic_and_since(claims: dict[str, Claim]) -> None:
    def ids(*args: str) -> list[int]:
        return [json.loads(line)["id"] for line in _run("--json", *args).splitlines()]

    assert ids("--outlet", "evening post") == [claims["repeat"].pk]
    assert ids("--topic", "trade") == [claims["new"].pk]
    Claim.objects.filter(pk=claims["new"].pk).update(
        created_at=timezone.now() - dt.timedelta(days=3)
    )
    assert ids() == [claims["repeat"].pk]
    week_ago = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    assert ids("--since", week_ago) == [claims["new"].pk, claims["repeat"].pk]


def test_an_empty_list_says_so() -> None:
    assert "Nothing new since" in _run()
    assert _run("--json") == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "yesterday"], "YYYY-MM-DD"),
        (["--outlet", "Nobody"], "no watched feed"),
        (["--topic", "Gossip"], "no topic is named"),
    ],
)
def test_bad_arguments_are_refused_with_the_reason(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _run(*args)
