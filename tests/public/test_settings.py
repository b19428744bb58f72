"""The public API's settings are read like every other: a bad value stops start-up by name."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


def _check(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("value", ["fast", "10/fortnight", "0/minute", "minute"])
def test_a_nonsense_rate_stops_start_up_naming_the_variable(value: str) -> None:
    result = _check(FACTCHECK_API_ANON_RATE=value)
    assert result.returncode != 0
    assert "FACTCHECK_API_ANON_RATE" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["120/minute", "5/s", "1000/day", "off"])
def test_a_sensible_rate_or_off_is_accepted(value: str) -> None:
    assert _check(FACTCHECK_API_ANON_RATE=value).returncode == 0
