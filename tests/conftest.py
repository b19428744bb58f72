"""Shared fixtures: service requirements, a real Celery worker process, small builders."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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


@pytest.fixture(autouse=True)
def _broker_breaker_closed() -> Iterator[None]:
    """A test that makes the broker fail must not keep the next test's messages from being sent."""
    from jobs.queueing import breaker

    breaker.reset()
    yield
    breaker.reset()


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
    # A configured install: with the placeholder publisher every command would print the
    # system check's warning first (tests/claims/test_publisher_check.py covers that).
    env.setdefault("FACTCHECK_PUBLISHER_NAME", "The Test Desk")
    env.setdefault("FACTCHECK_PUBLISHER_URL", "https://desk.example.org/")
    env.update(overrides)
    return env


def wait_until(predicate: object, *, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(interval)
    return False


class WorkerProcess:
    """A real `celery worker` process on this test's broker, queue and database."""

    def __init__(self, log: Path, env: dict[str, str]) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
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
                    f"test-{os.getpid()}-{id(self)}@%h",
                ],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so a test can kill the worker with its pool
            )
        ready = wait_until(
            lambda: b"ready." in log.read_bytes() or self.process.poll() is not None, timeout=60
        )
        if not ready or self.process.poll() is not None:
            self.stop()
            pytest.fail(f"the worker did not start:\n{self.output()[-3000:]}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """Kill the worker and its pool at once, as a crash or an OOM kill would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@pytest.fixture
def start_worker(transactional_db: None, tmp_path: Path) -> Iterator[Any]:
    """Start real worker processes (extra environment as keywords); all stop after the test."""
    started: list[WorkerProcess] = []

    def start(**env: str) -> WorkerProcess:
        worker = WorkerProcess(tmp_path / f"worker-{len(started)}.log", subprocess_env(**env))
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def celery_worker_process(start_worker: Any) -> WorkerProcess:
    """One real worker process with the project's settings."""
    return start_worker()


class LocalSite:
    """Pages served over real HTTP on 127.0.0.1, for fetching tests (never another address)."""

    def __init__(self) -> None:
        self.routes: dict[str, Any] = {}
        self.hits: dict[str, int] = {}
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, content_type, data, headers or {})
        return self.url(path)


def _handler(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            site.hits[self.path] = site.hits.get(self.path, 0) + 1
            route = site.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if callable(route):
                route(self)
                return
            status, content_type, data, headers = route
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def loopback_server(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """A threaded HTTP server on 127.0.0.1, on a free port, already serving `handler`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def loopback_stop(server: ThreadingHTTPServer) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture
def local_site(settings: Any) -> Iterator[LocalSite]:
    site = LocalSite()
    site.server = loopback_server(_handler(site))
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    try:
        yield site
    finally:
        loopback_stop(site.server)
