"""Public API speed against 100,000 claims in PostgreSQL, beside a trivial view (the ceiling).

Run by `make bench-api` with DATABASE_URL pointing at a PostgreSQL server. It creates (once) a
database `<name>_bench_api` on that server, fills it with bulk_create, starts gunicorn on
127.0.0.1 and loads it from worker processes, each holding one keep-alive connection. Printed:
requests/s, p50 and p99 per endpoint, and each endpoint's rate as a share of the ceiling.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

ENDPOINTS = {
    "ceiling (trivial JSON view)": "/bench/ceiling",
    "claim list, page of 50": "/api/v1/claims/?page_size=50",
    "claim detail": "/api/v1/claims/{claim}/",
    "filtered search": "/api/v1/claims/?verdict=false&checkworthiness_min=0.5&search=exports",
}


def bench_database_url(url: str) -> tuple[str, str, str]:
    """The bench database's URL, its name, and a URL of the server's maintenance database."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_bench_api"
    return (
        urlunsplit(parts._replace(path="/" + name)),
        name,
        urlunsplit(parts._replace(path="/postgres")),
    )


def ensure_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def populate(total: int) -> int:
    """Fill the bench database with `total` claims (80% published) unless it has them already."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from claims.models import Article, Claim
    from sources.models import ClaimSource, Evidence, Source

    call_command("migrate", verbosity=0)
    if Claim.objects.count() >= total:
        return int(Claim.objects.order_by("-pk").values_list("pk", flat=True)[0])
    started = time.perf_counter()
    per_article = 10
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Article {n} on trade",
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
    verdicts = ["true", "mostly_true", "half_true", "misleading", "false", "unverifiable"]
    batch: list[Claim] = []
    for n in range(total):
        published = n % 5 != 0
        batch.append(
            Claim(
                article=articles[n // per_article],
                start=(n % per_article) * 100,
                end=(n % per_article) * 100 + 40,
                sentence=f"The minister said exports rose by {n % 97}% in {2000 + n % 24}.",
                text=f"exports rose by {n % 97}%",
                kind="statistical",
                normalized={"quantities": [{"value": n % 97, "unit": "percent"}]},
                speaker="Jane Minister" if n % 2 else "Ministry of Trade",
                checkworthiness=(n % 100) / 100,
                checkworthy=n % 100 >= 50,
                status="published" if published else "reviewed",
                verdict=verdicts[n % len(verdicts)],
                rationale="The statistics office reports a different figure.",
                published_at=now - dt.timedelta(minutes=n) if published else None,
            )
        )
        if len(batch) == 5000:
            _store(batch, sources, ClaimSource, Evidence)
            batch = []
    if batch:
        _store(batch, sources, ClaimSource, Evidence)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give later
    print(f"generated {total:,} claims in {time.perf_counter() - started:.1f} s")
    return int(Claim.objects.order_by("-pk").values_list("pk", flat=True)[0])


def _store(batch: list, sources: list, link_model: type, evidence_model: type) -> None:
    claims = type(batch[0]).objects.bulk_create(batch)
    link_model.objects.bulk_create(
        link_model(claim=c, source=sources[c.pk % len(sources)]) for c in claims
    )
    evidence_model.objects.bulk_create(
        evidence_model(claim=c, source=sources[c.pk % len(sources)], passage=f"figure {c.pk}")
        for c in claims
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _client(args: tuple[int, str, float]) -> list[float]:
    port, path, seconds = args
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
        latencies.append(time.perf_counter() - started)
    conn.close()
    return latencies


def measure(pool: multiprocessing.pool.Pool, port: int, path: str, conns: int, seconds: float):
    _client((port, path, 0.5))  # warm up caches and connections
    started = time.perf_counter()
    results = pool.map(_client, [(port, path, seconds)] * conns)
    elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=8)
    options = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench-api needs DATABASE_URL=postgres://USER@HOST:5432/DB")
    url, name, admin_url = bench_database_url(base_url)
    ensure_database(admin_url, name)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.api_settings"
    os.environ["FACTCHECK_API_ANON_RATE"] = "off"  # measure the views, not the limiter
    os.environ.setdefault("FACTCHECK_VAR_DIR", str(REPO / "var" / "bench"))
    import django

    django.setup()
    last_claim = populate(options.claims)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "factcheck.wsgi:application",
            "--access-logfile",
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
        },
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        print(
            f"{options.claims:,} claims, gunicorn {options.workers} workers x {options.threads}"
            f" threads, {options.connections} connections, {options.seconds:.0f} s each,"
            f" {os.cpu_count()} CPUs shared with the load generator"
        )
        print(f"{'endpoint':32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of ceiling':>10}")
        ceiling = None
        with multiprocessing.Pool(options.connections) as pool:
            for label, path in ENDPOINTS.items():
                path = path.format(claim=last_claim)
                rate, p50, p99 = measure(pool, port, path, options.connections, options.seconds)
                ceiling = ceiling or rate
                share = f"{rate / ceiling:.0%}"
                print(f"{label:32} {rate:8.0f} {p50:8.1f} {p99:8.1f} {share:>10}")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
