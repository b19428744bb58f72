"""Public API speed against 100,000 claims in PostgreSQL, beside a trivial view (the ceiling).

Run by `make bench-api` with DATABASE_URL pointing at a PostgreSQL server (and REDIS_URL at a
Redis server for the response cache, as in production; without it the cache is the file cache).
It creates (once) a database `<name>_bench_api` on that server, fills it with bulk_create, and
starts gunicorn on 127.0.0.1 twice: once with the server-side response cache off (every request
reads the database and renders) and once with it on. Each run measures, on the same server, the
ceiling (a JSON view that touches nothing) and then the claim list (pages of 50, walking 20
cursor pages), a claim detail (200 different claims) and a filtered full-text search (24
combinations of verdict, check-worthiness and search word). Each connection cycles through its
endpoint's URLs from its own starting point, so no single URL is hammered.

The load comes from wrk when it is installed (Debian: `apt-get install wrk`), which costs the two
cores little; otherwise from Python worker processes holding one keep-alive connection each,
which take a good share of the CPU from the server (the ceiling, measured the same way in the
same run, keeps the ratios fair either way). Printed: requests/s, p50 and p99 per endpoint, and
each endpoint's rate as a share of its run's ceiling.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.databases import bench_database_url  # noqa: E402 - after the path is set

# Bump when populate() makes different rows: an older bench database is then made again.
DATA_VERSION = "bench-data-v2"
TOPICS = [
    "exports",
    "imports",
    "unemployment",
    "inflation",
    "tariffs",
    "wages",
    "housing",
    "crime",
    "emissions",
    "vaccinations",
    "pensions",
    "migration",
    "deficit",
    "energy",
    "farming",
    "schools",
    "hospitals",
    "broadband",
    "railways",
    "tourism",
]
VERDICTS = ["true", "mostly_true", "half_true", "misleading", "false", "unverifiable"]
LIST_PAGES = 20
DETAILS = 200
TARGET_SHARE = 0.40
TARGET_P99_MS = 100.0


def ensure_database(admin_url: str, url: str, name: str) -> None:
    """Create the bench database, or make it again when it holds rows of an older bench."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not _holds_current_data(url):
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _holds_current_data(url: str) -> bool:
    import psycopg

    with psycopg.connect(url) as conn:
        table = conn.execute("SELECT to_regclass('claims_article')").fetchone()
        if not table or table[0] is None:
            return True  # empty: migrate and populate will fill it
        marker = conn.execute(
            "SELECT 1 FROM claims_article WHERE content_hash = %s", [DATA_VERSION]
        ).fetchone()
        any_row = conn.execute("SELECT 1 FROM claims_article LIMIT 1").fetchone()
        return bool(marker) or not any_row


def populate(total: int) -> None:
    """Fill the bench database with `total` claims (80% published) unless it has them already."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from claims.models import Article, Claim

    call_command("migrate", verbosity=0)
    if Claim.objects.count() >= total:
        return
    started = time.perf_counter()
    with transaction.atomic():  # all or nothing: a failed run leaves no half-filled database
        _fill(total, timezone.now())
        Article.objects.create(title="bench marker", raw_input="", content_hash=DATA_VERSION)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give later
    print(f"generated {total:,} claims in {time.perf_counter() - started:.1f} s")


def _fill(total: int, now: dt.datetime) -> None:
    from claims.models import Article, Claim
    from sources.models import ClaimSource, Evidence, Source

    per_article = 10
    articles = Article.objects.bulk_create(
        Article(
            title=f"Article {n} on {TOPICS[n % len(TOPICS)]}",
            url=f"https://news.example.com/{n}",
            outlet=f"Outlet {n % 50}",
            published_on=dt.date(2020, 1, 1) + dt.timedelta(days=n % 1500),
            raw_input=f"text {n}",
            clean_text=f"text {n}",
            content_hash=f"{n:064x}",
        )
        for n in range(total // per_article)
    )
    sources = Source.objects.bulk_create(
        Source(url=f"https://stats.example.org/{n}", title=f"Bulletin {n}") for n in range(1000)
    )
    batch: list[Claim] = []
    for n in range(total):
        published = n % 5 != 0
        # Topics vary by claim, so a search word matches a twentieth of them, as real words do.
        topic = TOPICS[(n * 7 + n // 97) % len(TOPICS)]
        batch.append(
            Claim(
                article=articles[n // per_article],
                start=(n % per_article) * 100,
                end=(n % per_article) * 100 + 40,
                sentence=f"The minister said {topic} rose by {n % 97}% in {2000 + n % 24}.",
                text=f"{topic} rose by {n % 97}%",
                kind="statistical",
                normalized={"quantities": [{"value": n % 97, "unit": "percent"}]},
                speaker="Jane Minister" if n % 2 else "Ministry of Trade",
                checkworthiness=(n % 100) / 100,
                checkworthy=n % 100 >= 50,
                status="published" if published else "reviewed",
                verdict=VERDICTS[n % len(VERDICTS)],
                rationale=f"The statistics office reports a different figure for {topic}.",
                published_text=f"{topic.capitalize()} rose by {n % 97}%",
                published_at=now - dt.timedelta(minutes=n) if published else None,
            )
        )
        if len(batch) == 5000:
            _store(batch, sources, ClaimSource, Evidence)
            batch = []
    if batch:
        _store(batch, sources, ClaimSource, Evidence)


def _store(batch: list[Any], sources: list[Any], link_model: Any, evidence_model: Any) -> None:
    claim_model = type(batch[0])
    claims = claim_model.objects.bulk_create(batch)
    # History rows as the editors' saves would have left them: Last-Modified and the feed read them.
    claim_model.history.bulk_history_create(claims, default_change_reason="bench")
    links = link_model.objects.bulk_create(
        link_model(claim=c, source=sources[c.pk % len(sources)]) for c in claims
    )
    link_model.history.bulk_history_create(links)
    passages = evidence_model.objects.bulk_create(
        evidence_model(claim=c, source=sources[c.pk % len(sources)], passage=f"figure {c.pk}")
        for c in claims
    )
    evidence_model.history.bulk_history_create(passages)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def endpoint_paths(port: int) -> dict[str, list[str]]:
    """The URLs each endpoint is measured over: pages reached by following `next`, many ids."""
    from claims.models import Claim

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(path: str) -> Any:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        return json.loads(body)

    pages = ["/api/v1/claims/?page_size=50"]
    while len(pages) < LIST_PAGES:
        following = get(pages[-1])["next"]
        parts = urlsplit(following)
        pages.append(f"{parts.path}?{parts.query}")
    published = Claim.objects.filter(status="published").order_by("pk")
    step = max(1, published.count() // DETAILS)
    ids = list(published.values_list("pk", flat=True)[::step][:DETAILS])
    # Each search word matches a twentieth of the claims; verdict and check-worthiness narrow it.
    searches = [
        f"/api/v1/claims/?verdict={VERDICTS[i % len(VERDICTS)]}"
        f"&checkworthiness_min={0.3 if i % 2 else 0.5}&search={TOPICS[i % len(TOPICS)]}"
        for i in range(24)
    ]
    conn.close()
    return {
        "ceiling (trivial JSON view)": ["/bench/ceiling"],
        "claim list, page of 50": pages,
        "claim detail": [f"/api/v1/claims/{pk}/" for pk in ids],
        "filtered search": searches,
    }


# --- load generators ------------------------------------------------------------------------

_WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end
function init(args)
  n = offset
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function done(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %f %f %d\\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), summary.errors.status))
end
"""


def measure_wrk(port: int, paths: list[str], conns: int, seconds: float) -> tuple[float, ...]:
    with tempfile.TemporaryDirectory() as folder:
        script, listing = Path(folder) / "bench.lua", Path(folder) / "paths.txt"
        script.write_text(_WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        command = [
            "wrk",
            f"-t{min(2, conns)}",
            f"-c{conns}",
            f"-d{seconds:.0f}s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ]
        env = {**os.environ, "BENCH_PATHS": str(listing)}
        subprocess.run([*command[:3], "-d2s", *command[4:]], env=env, capture_output=True)
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    line = next(x for x in result.stdout.splitlines() if x.startswith("BENCH "))
    requests, duration_us, errors, p50_us, p99_us, _ = line.split()[1:]
    if int(errors):
        raise SystemExit(f"{paths[0]}: {errors} failed requests\n{result.stdout}")
    return int(requests) / (int(duration_us) / 1e6), float(p50_us) / 1000, float(p99_us) / 1000


def _fetch(port: int, path: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")


def _client(args: tuple[int, list[str], int, float]) -> list[float]:
    port, paths, offset, seconds = args
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    n = offset
    while time.perf_counter() < deadline:
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        latencies.append(time.perf_counter() - started)
    conn.close()
    return latencies


def measure_python(
    pool: Any, port: int, paths: list[str], conns: int, seconds: float
) -> tuple[float, ...]:
    pool.map(_client, [(port, paths, i * 7, 1.0) for i in range(conns)])  # warm up
    started = time.perf_counter()
    results = pool.map(_client, [(port, paths, i * 7, seconds) for i in range(conns)])
    elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000


# --- one run against one server ----------------------------------------------------------------


def start_server(options: argparse.Namespace, cache_seconds: int) -> tuple[Any, int]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "factcheck.wsgi:application",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "/dev/null",
            "--worker-class",
            "gthread",
        ],
        cwd=REPO,
        env={
            **os.environ,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(options.workers),
            "GUNICORN_THREADS": str(options.threads),
            "FACTCHECK_PUBLIC_CACHE_SECONDS": str(cache_seconds),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.2)
    return server, port


def run(options: argparse.Namespace, label: str, cache_seconds: int, use_wrk: bool) -> list[str]:
    """Measure every endpoint on a fresh server; lines that say whether the target is met."""
    server, port = start_server(options, cache_seconds)
    verdicts: list[str] = []
    try:
        endpoints = endpoint_paths(port)
        print(f"\n{label}")
        columns = ("URLs", "req/s", "p50 ms", "p99 ms")
        print(f"{'endpoint':32} " + " ".join(f"{c:>8}" for c in columns) + f" {'of ceiling':>10}")
        ceiling = None
        with multiprocessing.Pool(options.connections) as pool:
            for name, paths in endpoints.items():
                if cache_seconds:  # measure the steady state: every URL has been asked once
                    for path in paths:
                        _fetch(port, path)
                if use_wrk:
                    rate, p50, p99 = measure_wrk(port, paths, options.connections, options.seconds)
                else:
                    rate, p50, p99 = measure_python(
                        pool, port, paths, options.connections, options.seconds
                    )
                ceiling = ceiling or rate
                share = rate / ceiling
                print(f"{name:32} {len(paths):8} {rate:8.0f} {p50:8.1f} {p99:8.1f} {share:>10.0%}")
                if name.startswith("claim list"):
                    met = share >= TARGET_SHARE and p99 < TARGET_P99_MS
                    verdicts.append(
                        f"{label}: claim list at {share:.0%} of the ceiling, p99 {p99:.0f} ms:"
                        f" target {'MET' if met else 'not met'}"
                        f" (>= {TARGET_SHARE:.0%}, p99 < {TARGET_P99_MS:.0f} ms)"
                    )
    finally:
        server.terminate()
        server.wait(timeout=20)
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--generator", choices=["auto", "wrk", "python"], default="auto", help="load generator"
    )
    options = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench-api needs DATABASE_URL=postgres://USER@HOST:5432/DB")
    use_wrk = options.generator == "wrk" or (
        options.generator == "auto" and shutil.which("wrk") is not None
    )
    if use_wrk and not shutil.which("wrk"):
        raise SystemExit("--generator wrk: wrk is not installed (apt-get install wrk)")
    url, name, admin_url = bench_database_url(base_url, "_bench_api")
    ensure_database(admin_url, url, name)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.api_settings"
    os.environ["FACTCHECK_API_ANON_RATE"] = "off"  # measure the views, not the limiter
    os.environ.setdefault("FACTCHECK_VAR_DIR", str(REPO / "var" / "bench"))
    import django

    django.setup()
    from django.conf import settings

    from public.versioning import publication_version_renew

    populate(options.claims)
    publication_version_renew()  # nothing cached by an earlier run may be served
    cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(
        f"{options.claims:,} claims, gunicorn {options.workers} workers x {options.threads}"
        f" threads, {options.connections} connections, {options.seconds:.0f} s per endpoint,"
        f" {os.cpu_count()} CPUs shared with the load generator"
        f" ({'wrk' if use_wrk else 'Python processes; install wrk for less load'})"
    )
    verdicts = run(options, "UNCACHED: response cache off, every request renders", 0, use_wrk)
    verdicts += run(
        options,
        f"CACHED: server-side response cache on ({cache_backend}), after one request per URL",
        600,
        use_wrk,
    )
    print()
    for line in verdicts:
        print(line)


if __name__ == "__main__":
    main()
