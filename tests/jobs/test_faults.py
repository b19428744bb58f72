"""Outages with real processes: every job reaches its final state, and exactly once.

A second Redis on a port of its own is the broker and cache of a real worker and beat, so the
test can stop it and start it again (it keeps nothing on disk: queued messages are lost, as in
a crash). PostgreSQL is made unreachable for the worker through a TCP proxy the test opens and
closes. Jobs are created the way editors create them, through the management commands.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from claims.models import Article
from sources.models import FetchStatus, RunStatus, Source, VerificationRun
from tests.conftest import (
    REPO,
    VENV_BIN,
    LocalSite,
    WorkerProcess,
    database_url_for_subprocess,
    require,
    subprocess_env,
    wait_until,
)
from tests.sources.pages import SUPPORTING
from tests.sources.test_sources import trade_claim

pytestmark = pytest.mark.worker

STORY = (
    "Harbour traffic rose by 12% in 2025, the port authority said on Monday. The port handled "
    "4.1 million containers, up from 3.6 million in 2024.\n"
)
# Quick rounds, so a lost job is found in seconds rather than minutes.
FAST = {
    "FACTCHECK_FETCH_ALLOWED_HOSTS": "127.0.0.1",
    "FACTCHECK_RECOVERY_INTERVAL": "2",
    "CELERY_HEARTBEAT_INTERVAL": "2",
    "FACTCHECK_LOST_JOB_SECONDS": "15",
    "FACTCHECK_RETRY_BACKOFF": "1",
    "FACTCHECK_TASK_RETRIES": "3",
}
SETTLE = 150.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """A Redis of the test's own, which keeps nothing on disk."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("redis-server")
        require(binary is not None, "needs redis-server: apt-get install redis-server")
        self.binary = str(binary)
        self.port = _free_port()
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = (self.folder / "redis.log").open("ab")
        where = ["--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder)]
        self.process = subprocess.Popen(
            [self.binary, *where, "--save", "", "--appendonly", "no"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )

        def answers() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    return conn.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        assert wait_until(answers, timeout=20), "the test's Redis did not start"

    def crash(self) -> None:
        """Gone at once, with everything it held (no persistence)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class TcpProxy:
    """Forwards a port of its own to PostgreSQL; closing it cuts every connection through it."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = _free_port()
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with _quiet():
                    end.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        """PostgreSQL becomes unreachable: connections are cut and new ones refused."""
        if self._listener is not None:
            with _quiet():  # wakes the thread blocked in accept(); close() alone would not
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            for end in self._open:
                with _quiet():
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self._open.clear()


class _quiet:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return exc[0] is not None and issubclass(exc[0], OSError)  # type: ignore[arg-type]


class BeatProcess:
    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.log = folder / "beat.log"
        schedule = f"--schedule={folder / 'celerybeat-schedule'}"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [str(VENV_BIN / "celery"), "-A", "factcheck", "beat", "--loglevel=INFO", schedule],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[dict[str, list[Any]]]:
    started: dict[str, list[Any]] = {"workers": [], "beats": [], "redis": []}
    yield started
    for worker in started["workers"]:
        worker.stop()
    for beat in started["beats"]:
        beat.stop()
    for redis in started["redis"]:
        redis.crash()


def _worker(processes: dict[str, list[Any]], env: dict[str, str], folder: Path) -> WorkerProcess:
    worker = WorkerProcess(folder / f"worker-{len(processes['workers'])}.log", env)
    processes["workers"].append(worker)
    return worker


def _beat(processes: dict[str, list[Any]], env: dict[str, str], folder: Path) -> BeatProcess:
    beat = BeatProcess(env, folder)
    processes["beats"].append(beat)
    return beat


def _command(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _jobs(env: dict[str, str], site: LocalSite, story: Path, count: int) -> tuple[list[int], int]:
    """Claims linked to fresh sources, and an article, all through the commands."""
    claims = []
    for n in range(count):
        claim = trade_claim()
        _command(env, "link_source", "--claim", str(claim.pk), site.add(f"/stats-{n}", SUPPORTING))
        claims.append(claim.pk)
    out = _command(env, "ingest", str(story), "--json").stdout
    article_id = int(re.search(r'"id": (\d+)', out).group(1))  # type: ignore[union-attr]
    return claims, article_id


def _settled(claims: list[int], article_id: int) -> bool:
    runs_done = all(
        VerificationRun.objects.filter(
            claim_id=pk, status__in=[RunStatus.SUCCEEDED, RunStatus.FAILED]
        ).exists()
        for pk in claims
    )
    article = Article.objects.get(pk=article_id)
    return (
        runs_done
        and article.extraction_status == Article.ExtractionStatus.SUCCEEDED
        and article.matching_status == Article.MatchingStatus.SUCCEEDED
    )


def _assert_each_done_once(claims: list[int], article_id: int, logs: str) -> None:
    for pk in claims:
        runs = list(VerificationRun.objects.filter(claim_id=pk))
        assert [run.status for run in runs] == [RunStatus.SUCCEEDED], [vars(r) for r in runs]
        assert runs[0].suggested_stance == "supports", runs[0].result
    for source in Source.objects.filter(claim_links__claim_id__in=claims):
        assert source.fetch_status == FetchStatus.FETCHED, (source.url, source.fetch_error)
        assert source.snapshots.count() == 1
        assert source.fetch_requested_at is None  # nothing owed any more
    article = Article.objects.get(pk=article_id)
    assert article.claims.count() > 0
    assert article.matching_done == article.matching_total
    # The extraction ran to its end once, whatever duplicates recovery sent.
    extractions = re.findall(r"claims\.extract_article\[[^\]]+\] succeeded[^\n]*'created'", logs)
    assert len(extractions) == 1, extractions


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    return path


def _own_redis(processes: dict[str, list[Any]], folder: Path) -> tuple[RedisServer, dict[str, str]]:
    """A Redis of the test's own as broker and cache, and the environment that uses it."""
    redis = RedisServer(folder)
    processes["redis"].append(redis)
    redis.start()
    env = subprocess_env(REDIS_URL=redis.url, **FAST)
    env.pop("CELERY_BROKER_URL", None)
    return redis, env


def _settle(claims: list[int], article_id: int, worker: WorkerProcess, *logs: Path) -> None:
    settled = wait_until(lambda: _settled(claims, article_id), timeout=SETTLE, interval=1)
    output = worker.output() + "".join(log.read_text(errors="replace") for log in logs)
    assert settled, output[-6000:]
    _assert_each_done_once(claims, article_id, worker.output())


def test_jobs_queued_while_the_broker_is_down_are_done_once_it_is_back(
    transactional_db: None,
    local_site: LocalSite,
    tmp_path: Path,
    processes: dict[str, list[Any]],
    story: Path,
) -> None:
    redis, env = _own_redis(processes, tmp_path)
    worker = _worker(processes, env, tmp_path)
    beat = _beat(processes, env, tmp_path)
    redis.crash()
    # Created while the broker is down: stored, and the commands say the work waits.
    claims, article_id = _jobs(env, local_site, story, count=3)
    assert "waiting for a worker" in Article.objects.get(pk=article_id).extraction_error
    redis.start()
    _settle(claims, article_id, worker, beat.log)


def test_jobs_whose_messages_a_broker_crash_lost_are_done_once(
    transactional_db: None,
    local_site: LocalSite,
    tmp_path: Path,
    processes: dict[str, list[Any]],
    story: Path,
) -> None:
    redis, env = _own_redis(processes, tmp_path)
    # Queued with no worker running: the messages wait in Redis, which then crashes.
    claims, article_id = _jobs(env, local_site, story, count=3)
    redis.crash()
    redis.start()
    worker = _worker(processes, env, tmp_path)
    beat = _beat(processes, env, tmp_path)
    _settle(claims, article_id, worker, beat.log)


def test_jobs_a_worker_takes_while_the_database_is_unreachable_are_retried_not_dropped(
    transactional_db: None,
    postgres: None,
    redis_url: str,
    local_site: LocalSite,
    tmp_path: Path,
    processes: dict[str, list[Any]],
    story: Path,
) -> None:
    settings_dict = connection.settings_dict
    port = int(settings_dict.get("PORT") or 5432)
    proxy = TcpProxy((settings_dict.get("HOST") or "127.0.0.1", port))
    proxy.start()
    direct = subprocess_env(**FAST)
    through_proxy = dict(direct)
    through_proxy["DATABASE_URL"] = database_url_for_subprocess().replace(
        f":{port}/", f":{proxy.port}/"
    )
    worker = _worker(processes, through_proxy, tmp_path)
    _beat(processes, through_proxy, tmp_path)
    proxy.stop()
    # The commands reach the database directly; the worker takes their messages meanwhile.
    claims, article_id = _jobs(direct, local_site, story, count=3)
    assert wait_until(lambda: "OperationalError" in worker.output(), timeout=60), worker.output()
    time.sleep(3)  # a few tries fail while the database stays away
    proxy.start()
    _settle(claims, article_id, worker)
