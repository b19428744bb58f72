"""Settings come from the environment; a bad value stops start-up with one readable line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import env_bool, env_int, env_list, env_url
from tests.conftest import REPO

PG = frozenset({"postgres", "sqlite"})


@pytest.mark.parametrize(
    ("value", "expected"), [("true", True), ("0", False), ("Yes", True), ("off", False)]
)
def test_it_reads_booleans(value: str, expected: bool) -> None:
    assert env_bool("DEBUG", not expected, environ={"DEBUG": value}) is expected


def test_it_names_the_variable_when_a_value_is_bad() -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", False, environ={"DEBUG": "maybe"})
    with pytest.raises(ImproperlyConfigured, match="SQLITE_BUSY_TIMEOUT"):
        env_int("SQLITE_BUSY_TIMEOUT", 5, minimum=1, environ={"SQLITE_BUSY_TIMEOUT": "0"})
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_url("DATABASE_URL", schemes=PG, environ={"DATABASE_URL": "mysql://h/db"})


def test_it_falls_back_to_defaults_when_unset() -> None:
    assert env_url("DATABASE_URL", schemes=PG, environ={}) is None
    assert env_list("ALLOWED_HOSTS", ["localhost"], environ={}) == ["localhost"]
    assert env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a, b,,"}) == ["a", "b"]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "nonsense"),
        ("DATABASE_URL", "postgres://user@db.example:notaport/app"),
        ("REDIS_URL", "http://127.0.0.1:6379"),
        ("REDIS_URL", "redis://127.0.0.1:port"),
        ("DEBUG", "perhaps"),
        ("FACTCHECK_MATCH_SUGGEST_THRESHOLD", "1.5"),
        ("FACTCHECK_MATCH_AUTO_THRESHOLD", "nan"),
        ("FACTCHECK_MATCH_AUTO_THRESHOLD", "0.1"),
        ("FACTCHECK_MATCH_ANON_RATE", "lots"),
        ("FACTCHECK_DIGEST_HOUR", "24"),
        ("FACTCHECK_DIGEST_HOUR", "-1"),
    ],
)
def test_a_nonsense_setting_stops_start_up_with_one_line(variable: str, value: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env[variable] = value
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_the_embedded_defaults_use_sqlite_in_wal_mode_and_a_filesystem_broker() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}
    }
    code = (
        "import django; django.setup();"
        "from django.conf import settings; from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0];"
        "print(settings.DATABASES['default']['ENGINE'], mode, settings.CELERY_BROKER_URL,"
        " settings.CELERY_TASK_ALWAYS_EAGER)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "factcheck.settings"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == ["django.db.backends.sqlite3", "wal", "filesystem://", "False"]


def test_every_variable_the_settings_read_is_listed_in_env_example() -> None:
    import re

    source = (REPO / "factcheck" / "settings.py").read_text()
    read = set(
        re.findall(r'(?:env_\w+|_throttle_rate|_trusted_proxies)\(\s*"([A-Z0-9_]+)"', source)
    )
    listed = set(re.findall(r"^([A-Z0-9_]+)=", (REPO / ".env.example").read_text(), re.M))
    assert len(read) > 40
    assert read - listed == set()
