"""A fresh install warns that it would publish under a placeholder organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from claims.checks import publisher_check


def test_the_placeholder_publisher_and_no_address_are_warned_of(settings: Any) -> None:
    settings.FACTCHECK_PUBLISHER_NAME = "factcheck"
    settings.FACTCHECK_PUBLISHER_URL = ""
    warnings = publisher_check()
    assert [w.id for w in warnings] == ["claims.W001", "claims.W002"]
    assert "FACTCHECK_PUBLISHER_NAME" in warnings[0].msg
    assert "FACTCHECK_PUBLISHER_URL" in warnings[1].msg


def test_a_named_publisher_with_an_address_passes(settings: Any) -> None:
    settings.FACTCHECK_PUBLISHER_NAME = "The Checking Desk"
    settings.FACTCHECK_PUBLISHER_URL = "https://desk.example.org/"
    assert publisher_check() == []


def test_manage_py_check_prints_the_warning(settings: Any, capsys: Any) -> None:
    settings.FACTCHECK_PUBLISHER_NAME = ""
    call_command("check")
    assert "claims.W001" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_desks_front_page_says_so_until_both_are_set(
    admin_user: User, client: Client, settings: Any
) -> None:
    client.force_login(admin_user)
    settings.FACTCHECK_PUBLISHER_NAME = "factcheck"
    settings.FACTCHECK_PUBLISHER_URL = ""
    page = client.get("/admin/").content.decode()
    assert 'id="publisher-notice"' in page
    assert "FACTCHECK_PUBLISHER_URL is not set" in page
    settings.FACTCHECK_PUBLISHER_NAME = "The Checking Desk"
    settings.FACTCHECK_PUBLISHER_URL = "https://desk.example.org/"
    page = client.get("/admin/").content.decode()
    assert 'id="publisher-notice"' not in page
    assert "Articles" in page  # the rest of the front page is still there
