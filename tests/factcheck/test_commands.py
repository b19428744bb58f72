"""The start-up commands `make run` calls."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from claims.models import Article

pytestmark = pytest.mark.django_db


def test_ensure_admin_prints_a_generated_password_once() -> None:
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    match = re.search(r"password: (\S+)", out.getvalue())
    assert match, out.getvalue()
    password = match.group(1)
    assert len(password) >= 12
    assert authenticate(username="admin", password=password) is not None

    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert password not in again.getvalue()
    assert "already exists" in again.getvalue()


def test_two_runs_generate_different_passwords() -> None:
    first, second = StringIO(), StringIO()
    call_command("ensure_admin", "--username", "one", stdout=first)
    call_command("ensure_admin", "--username", "two", stdout=second)
    passwords = [re.findall(r"password: (\S+)", out.getvalue()) for out in (first, second)]
    assert passwords[0]
    assert passwords[1]
    assert passwords[0] != passwords[1]


def test_load_demo_imports_the_articles_once() -> None:
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert Article.objects.count() == 2
    assert all(article.clean_text for article in Article.objects.all())


def test_healthcheck_command_reports_and_succeeds() -> None:
    out = StringIO()
    call_command("healthcheck", stdout=out)
    assert '"database"' in out.getvalue()


def test_healthcheck_command_fails_when_the_worker_round_trip_times_out(
    settings: object,
) -> None:
    with pytest.raises(CommandError, match="worker"):
        call_command("healthcheck", "--worker", "--timeout", "0.5", stdout=StringIO())
