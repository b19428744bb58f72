"""Claim matching speed and recall against 1,000,000 claims in PostgreSQL, beside a sequential scan.

Run by `make bench-match` with DATABASE_URL pointing at a PostgreSQL server. It creates (once) a
database `<name>_bench_match` on that server, migrates it up to the claims table, fills it with
COPY, then migrates the rest (which builds the matching index over the filled table). A filled
database is reused.

How the claims are generated: each claim is a statement drawn from a structured record (a measure,
a place, a direction, a quantity, a period and often a speaker) rendered through one of many
sentence shapes (20). Measures come from 133 commodities and 81 topics crossed with 35 qualifiers
(4,142 in all); places from 134 countries and ~3,900 made-up provinces and towns; speakers from
26 office titles, alone or with one of ~17,000 made-up surnames; quantities in many formats
(7.2%, $800 million, $0.8bn, 12,400 people, 3.1 million tonnes) and periods from 1990 to 2025.
Made-up names are built from syllables, so the vocabulary has a long tail of rare words as news
text does, and no two shapes share most of their trigrams. Each claim is a whole sentence, stored
as both its text and its sentence; 20% are published.

Recall: 50 query claims each have a planted earlier claim that says the same thing in other words
(another sentence shape, a synonym for the verb, the amount in another format, often without
the measure's qualifier or the province's country, sometimes with another speaker or source)
among the million rows, next to unrelated rows about the same measure and place with other
figures. The timed lookups cycle through those 50 and 400 fresh claims from the same generator.
Printed: p50, p99 and mean time per lookup for the indexed path (candidates, plus scoring with
`claims.matching` when it is importable, as the service does) and for the same candidate query
run as a sequential scan (index scans turned off), then the share of planted claims found at
ranks 1, 10 and 50, by the candidates' own order and after scoring.

With semantic matching on (the semantic extra installed, as `make venv` does), every lookup also
encodes its query with the model and compares it with the candidates' stored vectors, as the
service does, and a second table times the public lookup (`published_matches_for_text`, what
GET /api/v1/claims/match runs). Vectors: encoding a million claims with the model takes about
three hours on two cores, longer than a benchmark should, so the fill encodes (once) with the
product's own `claim_vectors` every claim the timed lookups can reach (each query's candidates,
any and published only) and gives every other claim a copy of one of those vectors, so that the
vector table has its full size (1,000,000 rows). A copy carries the hash of the text it was made
from, not of its claim's: were such a claim ever a candidate, the service would see its vector
as stale and encode the claim then, which the timings would show.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.databases import bench_database_url  # noqa: E402 - after the path is set
from bench.match_corpus import (  # noqa: E402 - after the path is set
    SHAPES,
    Statement,
    normalized,
    render,
    reworded,
    statement,
    vocabulary,
)

SEED = 20261128
QUERIES = 50
CLAIMS_PER_ARTICLE = 10


def ensure_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


@dataclass
class Planted:
    claim_id: int
    query: str
    query_normalized: dict[str, Any]
    original: str


def _copy_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ")


def populate(total: int, url: str) -> tuple[list[Planted], list[str]]:
    """Fill the database with `total` claims unless it has them; the planted queries and others."""
    import psycopg
    from django.core.management import call_command
    from django.db import connection

    from claims.models import Claim

    rng = random.Random(SEED)
    vocab = vocabulary(rng)
    plants: list[tuple[int, Statement, str]] = []  # (row number, statement, shape)
    plant_rows = sorted(rng.sample(range(total), QUERIES))
    plant_set = set(plant_rows)
    if "claims_claim" not in connection.introspection.table_names():
        call_command("migrate", "claims", "0003", verbosity=0)
    filled = Claim.objects.count() >= total
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    verdicts = ["true", "mostly_true", "half_true", "misleading", "false", "unverifiable"]
    kinds = ["statistical", "comparison", "temporal", "factual"]
    articles = total // CLAIMS_PER_ARTICLE + 1
    if not filled:
        conn = psycopg.connect(url, autocommit=True)
        with conn.cursor() as cur:
            cur.execute("TRUNCATE claims_article CASCADE")
            cur.execute("DROP TABLE IF EXISTS bench_match_planted")
            with cur.copy(
                "COPY claims_article (id, title, url, outlet, author, published_on, language,"
                " raw_input, input_format, clean_text, content_hash, extraction_status,"
                " extraction_error, created_at, updated_at) FROM STDIN"
            ) as copy:
                for n in range(1, articles + 1):
                    day = dt.date(2015, 1, 1) + dt.timedelta(days=n % 4000)
                    copy.write_row(
                        (
                            n,
                            f"Article {n}",
                            "",
                            f"Outlet {n % 300}",
                            "",
                            day,
                            "en",
                            "-",
                            "text",
                            "-",
                            f"{n:064x}",
                            "succeeded",
                            "",
                            now,
                            now,
                        )
                    )
            buffer = io.StringIO()
            columns = (
                'id, article_id, start, "end", sentence, text, kind, normalized, speaker,'
                " checkworthiness, checkworthy, status, verdict, rationale, published_at,"
                " published_verdict, correction_note, dismissal_reason, fingerprint,"
                " created_at, updated_at"
            )
            for n in range(total):
                s = statement(rng, vocab)
                shape = rng.choice(SHAPES)
                text = render(rng, s, shape)
                if n in plant_set:
                    plants.append((n + 1, s, shape))
                published = n % 5 == 0
                status = (
                    "published"
                    if published
                    else rng.choice(("new", "new", "in_review", "reviewed"))
                )
                verdict = verdicts[n % len(verdicts)] if published or status == "reviewed" else ""
                row = (
                    str(n + 1),
                    str(n // CLAIMS_PER_ARTICLE + 1),
                    str((n % 10) * 200),
                    str((n % 10) * 200 + len(text)),
                    _copy_text(text),
                    _copy_text(text),
                    kinds[n % 4],
                    _copy_text(json.dumps(normalized(s))),
                    "",
                    "0.8",
                    "t",
                    status,
                    verdict,
                    "",
                    (now - dt.timedelta(minutes=n)).isoformat() if published else "\\N",
                    verdict if published else "",
                    "",
                    "",
                    "",
                    now.isoformat(),
                    now.isoformat(),
                )
                buffer.write("\t".join(row) + "\n")
                if n % 50_000 == 49_999 or n == total - 1:
                    with cur.copy(f"COPY claims_claim ({columns}) FROM STDIN") as copy:
                        copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            for table in ("claims_article", "claims_claim"):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT max(id) FROM {table}))"
                )
        conn.close()
        print(f"generated {total:,} claims with COPY in {time.perf_counter() - started:.1f} s")
    indexed = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        if not filled:
            cursor.execute("VACUUM ANALYZE claims_claim")
    if not filled:
        print(f"migrated (building the matching index) in {time.perf_counter() - indexed:.1f} s")
    with connection.cursor() as cursor:
        if not filled:
            query_rng = random.Random(SEED + 1)
            cursor.execute(
                "CREATE TABLE bench_match_planted (claim_id bigint PRIMARY KEY, query text,"
                " query_normalized jsonb)"
            )
            for row, s, shape in plants:
                cursor.execute(
                    "INSERT INTO bench_match_planted VALUES (%s, %s, %s)",
                    [row, reworded(query_rng, s, shape), json.dumps(normalized(s))],
                )
        cursor.execute(
            "SELECT p.claim_id, p.query, p.query_normalized, c.text FROM bench_match_planted p"
            " JOIN claims_claim c ON c.id = p.claim_id ORDER BY p.claim_id"
        )
        planted = [
            Planted(claim_id=row[0], query=row[1], query_normalized=_json(row[2]), original=row[3])
            for row in cursor.fetchall()
        ]
    query_rng = random.Random(SEED + 2)
    others = [
        render(query_rng, statement(query_rng, vocab), query_rng.choice(SHAPES)) for _ in range(400)
    ]
    return planted, others


def _json(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else json.loads(value)


# --- measuring ------------------------------------------------------------------------------


def _matching() -> Any:
    try:
        import claims.matching as matching
    except ImportError:
        return None
    return matching


def lookup(text: str, normalized_: dict[str, Any] | None, matching: Any) -> list[int]:
    """One full lookup as the service does it: candidates, then scored when scoring exists.

    With semantic matching on, the query is encoded (on a thread, while the index is asked, as
    the public lookup does) and each candidate's stored vector read (`claims.services.vectors`),
    and their cosine joins `compare`.
    """
    from claims.match_candidates import match_candidates
    from claims.services import vectors

    encoding = vectors.query_vector_soon(text) if matching is not None else None
    candidates = match_candidates(text, limit=50)
    if matching is None or encoding is None:
        return [c.id for c in candidates]
    if normalized_ is None:
        query = matching.features_from_text(text)
    else:
        query = matching.features_from_claim(text, normalized_)
    mine = encoding.result()
    theirs = (
        vectors.claim_vectors(((c.id, c.text, c.sentence) for c in candidates), store=False)
        if mine is not None
        else {}
    )
    scored = [
        (
            matching.compare(
                query,
                matching.features_from_claim(c.text, c.normalized),
                semantic=vectors.cosine(mine, theirs.get(c.id)),
            ).score,
            c.id,
        )
        for c in candidates
    ]
    scored.sort(key=lambda pair: (-pair[0], -pair[1]))
    return [claim_id for _, claim_id in scored]


def ensure_vectors(total: int, queries: list[str], url: str) -> None:
    """Give every claim a vector row: real ones for what the lookups reach, copies for the rest."""
    import psycopg
    from django.db import connection

    from claims.match_candidates import match_candidates
    from claims.matching import semantic
    from claims.models import Claim
    from claims.services import vectors

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_claimvector")
        (have,) = cursor.fetchone()
    if have >= total:
        return
    started = time.perf_counter()
    reached: set[int] = set()
    for text in queries:
        for published_only in (False, True):
            found = match_candidates(text, limit=50, published_only=published_only)
            reached.update(c.id for c in found)
    rows = list(Claim.objects.filter(pk__in=reached).values_list("pk", "text", "sentence"))
    for start in range(0, len(rows), 512):
        vectors.claim_vectors(rows[start : start + 512], store=True)
    print(
        f"vectors of the {len(rows):,} claims the lookups reach ({semantic.MODEL_NAME}, computed"
        f" where missing) ready in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT claim_id, source_hash, vector FROM claims_claimvector ORDER BY claim_id"
        )
        pool = [(row[1], bytes(row[2])) for row in cursor.fetchall()]
    now = dt.datetime.now(dt.UTC).isoformat()
    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cur:
        # Read first: a connection in COPY runs nothing else.
        rest = cur.execute(
            "SELECT id FROM claims_claim c WHERE NOT EXISTS"
            " (SELECT 1 FROM claims_claimvector v WHERE v.claim_id = c.id) ORDER BY id"
        ).fetchall()
        with cur.copy(
            "COPY claims_claimvector (claim_id, model, source_hash, vector, updated_at) FROM STDIN"
        ) as copy:
            for n, (pk,) in enumerate(rest):
                digest, raw = pool[n % len(pool)]
                copy.write_row((pk, semantic.MODEL_NAME, digest, raw, now))
        cur.execute("VACUUM ANALYZE claims_claimvector")
    print(f"copied vectors to the other claims in {time.perf_counter() - started:.1f} s")


def lookup_seqscan(text: str) -> list[int]:
    """The same candidate query with PostgreSQL told not to use any index on the table."""
    from django.db import connection, transaction

    from claims.match_candidates import match_candidates

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        return [c.id for c in match_candidates(text, limit=50)]


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{statistics.median(ordered) * 1000:9.1f} {p99 * 1000:9.1f}"
        f" {statistics.fmean(ordered) * 1000:9.1f} {len(ordered):6d}"
    )


def recall(planted: list[Planted], ranked: dict[int, list[int]]) -> str:
    found = {k: sum(p.claim_id in ranked[p.claim_id][:k] for p in planted) for k in (1, 10, 50)}
    return "  ".join(f"@{k} {n}/{len(planted)}" for k, n in found.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=400, help="indexed lookups timed")
    parser.add_argument("--seqscan-lookups", type=int, default=20)
    options = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench-match needs DATABASE_URL=postgres://USER@HOST:5432/DB")
    url, name, admin_url = bench_database_url(base_url, "_bench_match")
    ensure_database(admin_url, name)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("FACTCHECK_VAR_DIR", str(REPO / "var" / "bench"))
    import django

    django.setup()
    planted, others = populate(options.claims, url)
    from claims.match_candidates import match_candidates
    from claims.services import published_matches_for_text, semantic_on

    matching = _matching()
    scoring = "candidates + claims.matching.compare" if matching else "candidates only"
    queries = [(p.query, p.query_normalized) for p in planted] + [(t, None) for t in others]
    semantic = semantic_on()
    if semantic:
        from claims.matching import semantic as model

        loading = time.perf_counter()
        model.encoder()
        scoring += f" with sentence vectors ({model.MODEL_NAME}, loaded in"
        scoring += f" {time.perf_counter() - loading:.1f} s)"
        ensure_vectors(options.claims, [text for text, _ in queries], url)
    print(f"{options.claims:,} claims in {name}; {len(planted)} planted rewordings; {scoring}")

    for text, norm in queries[:100]:  # warm up caches, connections and the planner's stats
        lookup(text, norm, matching)

    indexed: list[float] = []
    for i in range(options.lookups):
        text, norm = queries[i % len(queries)]
        started = time.perf_counter()
        lookup(text, norm, matching)
        indexed.append(time.perf_counter() - started)

    published: list[float] = []
    for i in range(options.lookups):
        text, _ = queries[i % len(queries)]
        started = time.perf_counter()
        match_candidates(text, limit=50, published_only=True)
        published.append(time.perf_counter() - started)

    public: list[float] = []
    for i in range(options.lookups):
        text, _ = queries[i % len(queries)]
        started = time.perf_counter()
        published_matches_for_text(text=text)
        public.append(time.perf_counter() - started)

    retrieved = {p.claim_id: lookup(p.query, None, None) for p in planted}
    scored = {p.claim_id: lookup(p.query, p.query_normalized, matching) for p in planted}

    seqscan: list[float] = []
    lookup_seqscan(queries[0][0])
    for i in range(options.seqscan_lookups):
        text, _ = queries[(i * 7) % len(queries)]
        started = time.perf_counter()
        lookup_seqscan(text)
        seqscan.append(time.perf_counter() - started)

    print(f"{'per lookup':40} {'p50 ms':>9} {'p99 ms':>9} {'mean ms':>9} {'n':>6}")
    label = "indexed (" + ("+ compare" if matching else "candidates")
    label += ", vectors)" if semantic else ")"
    print(f"{label:40} " + percentiles(indexed))
    print(f"{'candidates, published only':40} " + percentiles(published))
    print(f"{'public lookup (published_matches_for_text)':40} " + percentiles(public))
    print(f"{'same query as a sequential scan':40} " + percentiles(seqscan))
    print(
        f"recall of the planted rewording, candidates by similarity: {recall(planted, retrieved)}"
    )
    if matching:
        print(
            f"recall of the planted rewording, after compare():         {recall(planted, scored)}"
        )
    misses = [p for p in planted if p.claim_id not in retrieved[p.claim_id]]
    for p in misses[:5]:
        print(f"  missed: {p.query!r}\n    planted: {p.original!r}")


if __name__ == "__main__":
    main()
