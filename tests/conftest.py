"""Shared fixtures: service requirements, a real Celery worker process, small builders."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FACTCHECK_SHARED", REPO.parent / "shared"))
VENV_BIN = Path(sys.executable).parent


def in_ci() -> bool:
    """CI must run every test; an embedded-defaults pass deliberately has no services."""
    return os.environ.get("CI", "").lower() == "true" and not os.environ.get(
        "FACTCHECK_TEST_EMBEDDED"
    )


def require(condition: bool, reason: str) -> None:
    """Skip with `reason` on a developer's machine; fail under CI, where it must run."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres() -> None:
    """The test needs the default database to be PostgreSQL."""
    require(
        connection.vendor == "postgresql",
        "needs PostgreSQL: set DATABASE_URL=postgres://USER@HOST:5432/DB",
    )


@pytest.fixture
def redis_url() -> str:
    """The test needs Redis as the broker."""
    url = settings.CELERY_BROKER_URL
    require(url.startswith("redis"), "needs Redis: set REDIS_URL=redis://HOST:6379/0")
    return url


def database_url_for_subprocess() -> str:
    """A DATABASE_URL that points another process at this test run's database."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def subprocess_env(**overrides: str) -> dict[str, str]:
    """The environment for a project process started by a test, on this test's database."""
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url_for_subprocess()
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(overrides)
    return env


def wait_until(predicate: object, *, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(interval)
    return False


@pytest.fixture
def celery_worker_process(
    transactional_db: None, tmp_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A real `celery worker` process on this test's broker, queue and database."""
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "factcheck",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                "--without-mingle",
                "--without-gossip",
                "-Q",
                settings.CELERY_TASK_DEFAULT_QUEUE,
                "-n",
                f"test-{os.getpid()}@%h",
            ],
            cwd=REPO,
            env=subprocess_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        ready = wait_until(
            lambda: b"ready." in log.read_bytes() or process.poll() is not None, timeout=60
        )
        if not ready or process.poll() is not None:
            pytest.fail(f"the worker did not start:\n{log.read_text(errors='replace')[-3000:]}")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
