"""Matching a large article's claims in batches, while other work shares the same worker.

Run by `make bench-match-batches`. It creates a throwaway database (a test database on the
configured DATABASE_URL, or SQLite), starts one real worker (concurrency 2, this machine's cores)
and imports, through the ingest service as editors do:

1. an earlier article of generated news sentences (bench/match_corpus.py), whose claims the
   large one is matched against;
2. the large article (about 1 MB by default), half of whose sentences repeat the earlier
   article's in other words;
3. once the large article's matching is under way, a short article: how long it takes from the
   start of its import to its extraction shows whether matching holds the workers (on SQLite
   also whether it holds the database's single write lock).

It prints the claims, the batches the matching took and the longest of them (from the worker's
log), the whole matching time, and the short article's wait. Before batching, the same matching
ran as one task and was killed at the 300 s soft time limit, holding a worker meanwhile.

4. all the while from the large article's import to the end of its matching, an editor logs in
   every half second from a process of its own, as from the web server (`Client.force_login`:
   a session row written and `last_login` updated, the writes of a real login without its
   password hash): how long each login waits, during the extraction and during the matching.
   On SQLite a job that holds the single write lock in long transactions makes these wait (39 s
   was seen on a 1 MB article); jobs that write in short transactions keep them well under a
   second.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("CELERY_QUEUE", f"bench-{os.getpid()}")
os.environ.setdefault("FACTCHECK_VAR_DIR", str(REPO / "var" / "bench"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from bench.match_corpus import SHAPES, render, reworded, statement, vocabulary  # noqa: E402
from claims.models import Article, Claim  # noqa: E402
from claims.services import article_ingest  # noqa: E402

_BATCH = re.compile(
    r"claims\.match_article_claims\[[^\]]+\] succeeded in ([0-9.]+)s: \{'article_id': (\d+)"
)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = f"{db['USER']}@" if db.get("USER") else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _texts(sentences: int, seed: int) -> tuple[str, str]:
    """An earlier article and a large one, half of whose sentences reword the earlier's."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    earlier, large = [], []
    for n in range(sentences):
        fact = statement(rng, vocab)
        shape = rng.choice(SHAPES)
        if n % 2 == 0:
            earlier.append(render(rng, fact, shape) + ".")
            large.append(reworded(rng, fact, shape) + ".")
        else:
            large.append(render(rng, fact, shape) + ".")

    def paragraphs(lines: list[str]) -> str:
        return "\n\n".join(" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4))

    return paragraphs(earlier), paragraphs(large)


def _wait(predicate: object, timeout: float, what: str) -> float:
    started = time.monotonic()
    while not predicate():  # type: ignore[operator]
        if time.monotonic() - started > timeout:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.2)
    return time.monotonic() - started


def _until(predicate: object, timeout: float) -> bool:
    """Wait for `predicate` for at most `timeout` seconds; whether it came true."""
    ends = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > ends:
            return False
        time.sleep(0.2)
    return True


def _matched(article_id: int) -> bool:
    status = Article.objects.values_list("matching_status", flat=True).get(pk=article_id)
    return bool(status == Article.MatchingStatus.SUCCEEDED)


def _extracted(article_id: int) -> bool:
    status = Article.objects.values_list("extraction_status", flat=True).get(pk=article_id)
    return bool(status in {Article.ExtractionStatus.SUCCEEDED, Article.ExtractionStatus.FAILED})


class LoginProbe:
    """An editor logging in every half second from a process of its own, as a web worker would.

    A thread of this process would also wait for the GIL while the bench imports an article
    (a regex over the whole text holds it): only the database's wait is to be measured.
    """

    def __init__(self, username: str, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--login-probe", username],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.samples: list[tuple[float, float, bool]] = []  # (started, seconds, failed)

    def stop(self) -> None:
        self.process.terminate()
        out, _ = self.process.communicate(timeout=60)
        for line in out.splitlines():
            started, seconds, failed = line.split()
            self.samples.append((float(started), float(seconds), failed == "1"))

    def between(self, start: float, end: float) -> list[tuple[float, bool]]:
        return [(s, f) for t, s, f in self.samples if start <= t < end]


def _login_probe(username: str, interval: float = 0.5) -> None:
    """Log in every `interval` seconds; print when (monotonic, system-wide), how long, failed."""
    import signal

    from django.contrib.auth import get_user_model
    from django.test import Client

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    user = get_user_model().objects.get(username=username)
    while True:
        time.sleep(interval)
        started = time.monotonic()
        failed = 0
        try:
            Client().force_login(user)
        except Exception:  # "database is locked" past the busy timeout
            failed = 1
        print(f"{started:.6f} {time.monotonic() - started:.6f} {failed}", flush=True)


def _login_figures(what: str, samples: list[tuple[float, bool]]) -> str:
    if not samples:
        return f"logins during {what + ':':<12} none measured"
    waits = sorted(s for s, _ in samples)
    p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
    failed = sum(f for _, f in samples)
    return (
        f"logins during {what + ':':<12} {len(waits):5,}"
        f"  p50 {statistics.median(waits) * 1000:7.0f} ms"
        f"  p99 {p99 * 1000:7.0f} ms  max {waits[-1] * 1000:7.0f} ms  failed {failed}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=1000, help="size of the large article")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument(
        "--matching-seconds",
        type=float,
        default=0,
        help="stop measuring after this much of the large article's matching (0: all of it)",
    )
    parser.add_argument("--login-probe", metavar="USERNAME", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.login_probe:
        _login_probe(args.login_probe)
        return

    earlier_text, large_text = "", ""
    sentences = 1000
    while len(large_text) < args.kb * 1000:
        sentences = int(sentences * 1.5)
        earlier_text, large_text = _texts(sentences, args.seed)
    large_text = large_text[: args.kb * 1000].rsplit("\n\n", 1)[0]

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    log = Path(tempfile.mkdtemp(prefix="bench-batches-")) / "worker.log"
    env = {**os.environ, "DATABASE_URL": _database_url()}
    probe: LoginProbe | None = None
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [str(Path(sys.executable).parent / "celery"), "-A", "factcheck", "worker",
             "--concurrency=2", "--loglevel=INFO", "--without-gossip", "--without-mingle",
             "-Q", settings.CELERY_TASK_DEFAULT_QUEUE],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        print(
            f"broker: {settings.CELERY_BROKER_URL.split('@')[-1]}  database: {connection.vendor}"
            f"  batch: {settings.FACTCHECK_MATCH_BATCH_SECONDS} s"
        )
        earlier = article_ingest(raw_input=earlier_text, title="Earlier").article
        _wait(lambda: _matched(earlier.pk), args.timeout, "the earlier article")
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_user("bench-editor", password="x", is_staff=True)
        probe = LoginProbe("bench-editor", env)
        import_started = time.monotonic()
        large = article_ingest(raw_input=large_text, title="Large").article
        _wait(lambda: _extracted(large.pk), args.timeout, "the large article's extraction")
        started = time.monotonic()
        _wait(
            lambda: Article.objects.filter(
                pk=large.pk, matching_status=Article.MatchingStatus.RUNNING
            ).exists(),
            args.timeout,
            "matching to start",
        )
        queued_at = time.monotonic()  # the import's own wait for the database counts too
        short = article_ingest(
            raw_input="Harbour traffic rose by 12% in 2025, the port authority said.",
            title="Short",
        ).article
        _wait(lambda: _extracted(short.pk), args.timeout, "the short article")
        short_wait = time.monotonic() - queued_at
        finished = _until(lambda: _matched(large.pk), args.matching_seconds or args.timeout)
        if not finished and not args.matching_seconds:
            raise SystemExit("timed out waiting for the large article's matching")
        matching_seconds = time.monotonic() - started
        ended = time.monotonic()
        probe.stop()
        large.refresh_from_db()
        claims = Claim.objects.filter(article=large).count()
        earlier_claims = Claim.objects.filter(article=earlier).count()
    finally:
        if probe is not None and probe.process.poll() is None:
            probe.process.kill()
        worker.terminate()
        worker.wait(timeout=60)
        connection.creation.destroy_test_db(old_name, verbosity=0)

    batches = [
        float(seconds)
        for seconds, article in _BATCH.findall(log.read_text(errors="replace"))
        if int(article) == large.pk
    ]
    print(f"large article:                {len(large_text) / 1e6:8.2f} MB, {claims:,} claims")
    print(f"earlier claims to match with: {earlier_claims:8,}")
    if finished:
        print(f"matching, start to end:       {matching_seconds:8.1f} s in {len(batches)} batches")
    else:
        print(f"matching, measured for:       {matching_seconds:8.1f} s, {len(batches)} batches")
    print(f"longest batch:                {max(batches, default=0):8.1f} s")
    print(f"short article imported meanwhile, extracted {short_wait:.1f} s after its import began")
    print(f"progress recorded: {large.matching_done:,} of {large.matching_total:,} claims")
    assert probe is not None
    print(_login_figures("extraction", probe.between(import_started, started)))
    print(_login_figures("matching", probe.between(started, ended)))
    print(f"worker log: {log}")


if __name__ == "__main__":
    main()
