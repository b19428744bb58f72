"""The public lookup as a matcher for the claim-retrieval scorer: the product's path, not the CLI's.

    DATABASE_URL=postgres://... python tools/endpoint_matcher.py --corpus VCLAIMS.jsonl \
        [--top K] QUERIES.jsonl

Takes the arguments `python -m claims.matching` takes, so the scorer kept with the data
(`score.py`) runs it the same way. The checked claims are stored once as published fact-checks
in a database of their own beside the one DATABASE_URL names (`<name>_eval_retrieval`): the
claim as the checker worded it is the claim, its sentence and its public wording, the check's
title the article's. Their sentence vectors are computed by the product's `claim_vectors_fill`.
Each query is then answered by `published_matches_for_text`, what GET /api/v1/claims/match
runs: the PostgreSQL index's candidates, then `compare` with the vectors, and only matches at or
above the suggest threshold (so a query may get fewer than K, or none).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.databases import bench_database_url  # noqa: E402 - after the path is set
from claims.matching.cli import InputError, read_corpus  # noqa: E402
from claims.matching.retrieval import CorpusEntry  # noqa: E402


def _digest(entries: list[CorpusEntry]) -> str:
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(f"{entry.id}\0{entry.claim}\0{entry.title}\0".encode())
    return digest.hexdigest()


def _ensure_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _load(entries: list[CorpusEntry]) -> None:
    """Store the corpus as published checks, claim pk n+1 for line n, unless it is there."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from claims import services
    from claims.models import Article, Claim

    call_command("migrate", verbosity=0)
    digest = _digest(entries)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS eval_corpus (digest text)")
        cursor.execute("SELECT digest FROM eval_corpus")
        stored = cursor.fetchone()
    if stored is None or stored[0] != digest:
        started = time.perf_counter()
        now = dt.datetime.now(dt.UTC)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE claims_article CASCADE")
            cursor.execute("DELETE FROM eval_corpus")
            Article.objects.bulk_create(
                [
                    Article(
                        pk=n + 1,
                        title=(entry.title or entry.claim)[:500],
                        raw_input=entry.claim,
                        clean_text=entry.claim,
                        content_hash=hashlib.sha256(f"{n}:{entry.claim}".encode()).hexdigest(),
                        extraction_status="succeeded",
                    )
                    for n, entry in enumerate(entries)
                ],
                batch_size=2000,
            )
            Claim.objects.bulk_create(
                [
                    Claim(
                        pk=n + 1,
                        article_id=n + 1,
                        start=0,
                        end=len(entry.claim),
                        sentence=entry.claim,
                        text=entry.claim[:1000],
                        published_text=entry.claim[:300],
                        kind="factual",
                        status="published",
                        verdict="false",
                        published_verdict="false",
                        published_at=now,
                    )
                    for n, entry in enumerate(entries)
                ],
                batch_size=2000,
            )
            cursor.execute("INSERT INTO eval_corpus VALUES (%s)", [digest])
        print(
            f"stored {len(entries):,} checks in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    started = time.perf_counter()
    filled = services.claim_vectors_fill()
    if filled:
        print(
            f"computed {filled:,} sentence vectors in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("queries")
    args = parser.parse_args(argv)
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        print("endpoint_matcher: needs DATABASE_URL=postgres://USER@HOST:5432/DB", file=sys.stderr)
        return 2
    url, name, admin_url = bench_database_url(base_url, "_eval_retrieval")
    _ensure_database(admin_url, name)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("FACTCHECK_VAR_DIR", str(REPO / "var" / "eval"))
    import json

    import django

    django.setup()
    from claims.services import published_matches_for_text

    try:
        with open(args.corpus, "rb") as stream:
            entries = read_corpus(stream, args.corpus)
    except (OSError, InputError) as error:
        print(f"endpoint_matcher: {error}", file=sys.stderr)
        return 2
    _load(entries)
    with open(args.queries, encoding="utf-8") as stream:
        for line in stream:
            if not line.strip():
                continue
            query = json.loads(line)
            found = published_matches_for_text(text=str(query.get("text") or ""), limit=args.top)
            matches = [
                {"id": entries[f.candidate.id - 1].id, "score": round(f.score, 4)} for f in found
            ]
            print(json.dumps({"id": query["id"], "matches": matches}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
