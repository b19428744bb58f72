"""docker-compose.yml describes a stack whose commands really start on this machine.

No Docker engine runs here, so each service's own command (web, worker, beat, migrate) is started
as a process against the local PostgreSQL and Redis, the way the containers would run it. The
file's syntax is checked against the Compose specification by `make compose-check` (dclint).
"""

from __future__ import annotations

import shlex
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, subprocess_env, wait_until

pytestmark = pytest.mark.worker

COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]


def test_the_stack_has_every_service_with_health_checks_and_start_order() -> None:
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= set(SERVICES)
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in SERVICES[name], name
    for name in ("web", "worker", "beat"):
        depends = SERVICES[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        environment = SERVICES[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _command(service: str) -> list[str]:
    command = SERVICES[service]["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


@pytest.fixture
def compose_env(postgres: None, redis_url: str, transactional_db: None) -> dict[str, str]:
    return subprocess_env(
        REDIS_URL=redis_url,
        SECRET_KEY="compose-test-secret-key-not-for-production",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        GUNICORN_BIND=f"127.0.0.1:{_free_port()}",
        GUNICORN_WORKERS="1",
        HOSTNAME=socket.gethostname(),
    )


class Started:
    def __init__(self, service: str, env: dict[str, str], tmp: Path) -> None:
        self.log = tmp / f"{service}.log"
        argv = _command(service)
        if service == "beat":  # the container's schedule path is /app/var
            argv = [a for a in argv if not a.startswith("--schedule")]
            argv.append(f"--schedule={tmp / 'celerybeat-schedule'}")
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def start(compose_env: dict[str, str], tmp_path: Path) -> Iterator[Any]:
    started: list[Started] = []

    def run(service: str) -> Started:
        process = Started(service, compose_env, tmp_path)
        started.append(process)
        return process

    yield run
    for process in started:
        process.stop()


def test_the_migrate_command_runs(compose_env: dict[str, str]) -> None:
    result = subprocess.run(
        _command("migrate"),
        cwd=REPO,
        env=compose_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_web_command_serves_healthz(start: Any, compose_env: dict[str, str]) -> None:
    web = start("web")
    url = f"http://{compose_env['GUNICORN_BIND']}/healthz"

    def answers() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return bool(response.status == 200)
        except OSError:
            return web.process.poll() is not None

    assert wait_until(answers, timeout=60), web.output()
    assert web.process.poll() is None, web.output()
    with urllib.request.urlopen(url, timeout=5) as response:
        assert b'"status": "ok"' in response.read()


def test_the_worker_command_answers_its_compose_healthcheck(
    start: Any, compose_env: dict[str, str]
) -> None:
    worker = start("worker")
    assert wait_until(
        lambda: "ready." in worker.output() or worker.process.poll() is not None, timeout=60
    ), worker.output()
    assert worker.process.poll() is None, worker.output()
    check = SERVICES["worker"]["healthcheck"]["test"]
    assert check[0] == "CMD-SHELL"
    shell = check[1].replace("$$", "$")  # compose's escape for a literal $
    result = subprocess.run(
        ["sh", "-c", shell],
        cwd=REPO,
        env=compose_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pong" in result.stdout


def test_the_beat_command_starts(start: Any) -> None:
    beat = start("beat")
    assert wait_until(
        lambda: "beat: Starting" in beat.output() or beat.process.poll() is not None, timeout=60
    ), beat.output()
    assert beat.process.poll() is None, beat.output()
