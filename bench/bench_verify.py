"""Verifications per second through a real Celery worker, beside a no-op task on the same broker.

Run by `make bench-verify`. It creates a throwaway database (a test database on the configured
DATABASE_URL, or SQLite), serves source pages from a local HTTP server on 127.0.0.1, starts one
real worker process (concurrency 2, this machine's cores) and measures, in the same run:

- the rate of a no-op task (factcheck.ping) round-tripping through the broker: the ceiling;
- the rate of claim verifications (sources.verify_claim over claims with a fetched source);
- the time to verify one claim against a 1 MB source, in process (verifiers plus the writes).

Use REDIS_URL (and DATABASE_URL) to measure the production set-up; without them it measures the
embedded defaults (filesystem broker, SQLite), and says so.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("CELERY_QUEUE", f"bench-{os.getpid()}")
os.environ.setdefault("FACTCHECK_VAR_DIR", str(REPO / "var" / "bench"))
os.environ["FACTCHECK_FETCH_ALLOWED_HOSTS"] = "127.0.0.1"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from claims import normalized_codec  # noqa: E402
from claims.models import Article, Claim  # noqa: E402
from claims.services import content_hash  # noqa: E402
from factcheck.tasks import ping  # noqa: E402
from sources import services  # noqa: E402
from sources.models import ClaimSource, RunStatus, Source, VerificationRun  # noqa: E402

SENTENCE = (
    "Bilateral trade between Pakistan and Russia reached nearly $800 million last year, "
    "the ministry said."
)
PAGE = (
    "<html><body><article><h1>Trade statistics</h1>"
    + "<p>The bureau publishes yearly figures on trade with partner countries, by sector.</p>" * 40
    + "<p>Bilateral trade between Pakistan and Russia amounted to $790 million in 2020, "
    "according to the bureau's annual report.</p>"
    + "<p>Exports of textiles made up the largest share; machinery imports grew.</p>" * 40
    + "</article></body></html>"
)
FILLER = (
    "The regional council discussed road maintenance, school meals and the library budget, "
    "and heard from residents about parking near the market square. "
)


class _Pages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = f"{db['USER']}@" if db.get("USER") else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _claim(n: int, sources: int) -> Claim:
    text = f"{SENTENCE}\n\nReport {n}."
    article = Article.objects.create(
        raw_input=text, clean_text=text, content_hash=content_hash(text), published_on="2021-04-06"
    )
    start = SENTENCE.index("nearly")
    claim = Claim.objects.create(
        article=article,
        start=start,
        end=start + len("nearly $800 million"),
        sentence=SENTENCE,
        text="$800 million bilateral trade between Pakistan and Russia",
        kind="statistical",
        checkworthiness=0.9,
        normalized=normalized_codec.encode(
            normalized_codec.NormalizedValues(
                quantities=(
                    normalized_codec.StoredQuantity(
                        text="nearly $800 million",
                        value=800_000_000,
                        unit="USD",
                        approximate=True,
                        qualifier="nearly",
                    ),
                ),
                dates=(normalized_codec.StoredDate(text="last year", value="2020"),),
            )
        ),
    )
    source = Source.objects.get(pk=(n % sources) + 1)
    ClaimSource.objects.create(claim=claim, source=source)
    return claim


def _wait(predicate: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the worker")
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--pings", type=int, default=1000)
    parser.add_argument("--sources", type=int, default=20)
    args = parser.parse_args()

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    env = {**os.environ, "DATABASE_URL": _database_url()}
    worker = subprocess.Popen(
        [str(Path(sys.executable).parent / "celery"), "-A", "factcheck", "worker",
         "--concurrency=2", "--loglevel=WARNING", "--without-gossip", "--without-mingle",
         "-Q", settings.CELERY_TASK_DEFAULT_QUEUE],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        print(f"broker: {settings.CELERY_BROKER_URL.split('@')[-1]}  database: {connection.vendor}")
        ping.delay().get(timeout=60)  # the worker is up

        started = time.perf_counter()
        results = [ping.delay() for _ in range(args.pings)]
        for result in results:
            result.get(timeout=120)
        ping_rate = args.pings / (time.perf_counter() - started)

        for n in range(args.sources):  # fetched once through the real fetcher
            source, _ = services.source_add(url=f"{base}/source/{n}")
            services.source_fetch(source_id=source.pk)
        claims = [_claim(n, args.sources) for n in range(args.claims)]
        VerificationRun.objects.all().delete()
        started = time.perf_counter()
        for claim in claims:
            services.claim_verification_queue(claim=claim)
        done = {RunStatus.SUCCEEDED, RunStatus.FAILED}
        _wait(lambda: VerificationRun.objects.filter(status__in=done).count() >= args.claims, 600)
        verify_rate = args.claims / (time.perf_counter() - started)
        failed = VerificationRun.objects.filter(status=RunStatus.FAILED).count()
        supported = VerificationRun.objects.filter(suggested_stance="supports").count()

        big = "".join(FILLER for _ in range(1_000_000 // len(FILLER)))
        big = big[: len(big) // 2] + PAGE[PAGE.index("Bilateral") :][:160] + big[len(big) // 2 :]
        source = Source.objects.create(url=f"{base}/big")
        services.source_upload(source=source, text=big)
        one = claims[0]
        ClaimSource.objects.filter(claim=one).delete()
        ClaimSource.objects.create(claim=one, source=source)
        timings = []
        for _ in range(5):
            run = VerificationRun.objects.create(claim=one, verifier="bench")
            services.verification_run_claim(run_id=run.pk)
            t0 = time.perf_counter()
            services.claim_verify(run_id=run.pk)
            timings.append(time.perf_counter() - t0)
        first_ms, one_mb_ms = 1000 * timings[0], 1000 * statistics.median(timings[1:])
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        server.shutdown()
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"no-op task (ping) round trips:     {ping_rate:8.1f} /s  ({args.pings} tasks)")
    print(
        f"claim verifications:               {verify_rate:8.1f} /s  ({args.claims} claims, "
        f"{supported} supported, {failed} failed)"
    )
    print(f"verifications / no-op ratio:       {verify_rate / ping_rate:8.2f}")
    print(
        f"one claim against a 1 MB source:   {first_ms:8.1f} ms first, {one_mb_ms:.1f} ms again  "
        f"({first_ms / 10:.1f} ms per 100 KB; target under 50)"
    )


if __name__ == "__main__":
    main()
