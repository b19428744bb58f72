"""The desk's pages at every article size the settings accept: time and peak memory per page.

Run by `make bench-desk`. It builds a throwaway embedded SQLite database in a temporary
directory (whatever DATABASE_URL says) and adds, one after another, articles with 10 claims,
1,000 claims and the largest accepted article: FACTCHECK_MAX_ARTICLE_CHARS characters with as
many claims as such an article yields (5,000 by default; the measured 4.9 MB article had 3,605).
Rows are written directly (bulk_create), not extracted, so that building takes seconds; every
fourth claim has a suggested match with an earlier published claim and every tenth repeats it.

After each article is added it requests, as a logged-in superuser through Django's test client,
the admin's own index page (the yardstick), the Articles list, the Claims list, that article's
page, one of its claims' pages and the article's delete confirmation (which counts the rows a
deletion takes with it instead of listing them). Each page is requested once to warm up, then
timed, then measured under tracemalloc: the peak of Python memory allocated during the request
(the web process's growth, less SQLite's own page cache). Time and memory are printed as a table.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
_TMP = tempfile.mkdtemp(prefix="bench-desk-")
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
os.environ.pop("DATABASE_URL", None)  # always the embedded database, in a directory of its own
os.environ["FACTCHECK_VAR_DIR"] = _TMP
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ.setdefault("CELERY_QUEUE", f"bench-{os.getpid()}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from claims.models import Article, Claim, ClaimMatch  # noqa: E402
from claims.services import content_hash  # noqa: E402

CLAIM_SENTENCE = (
    "In {year}, exports of item {n} rose by {pct}% to ${amount} million, officials said."
)
FILLER = (
    "The delegation met local traders at the harbour and spoke about the season ahead, "
    "the weather and the roads that connect the valley towns. "
)


def article_text(claims: int, chars: int) -> tuple[str, list[tuple[int, int, str]]]:
    """A text of about `chars` characters holding `claims` claim sentences, spread evenly."""
    gap = max(0, chars // max(claims, 1) - len(CLAIM_SENTENCE) - 2)
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    size = 0
    for n in range(claims):
        filler = (FILLER * (gap // len(FILLER) + 1))[:gap]
        sentence = CLAIM_SENTENCE.format(year=2000 + n % 25, n=n, pct=n % 90 + 1, amount=n * 3)
        part = filler + sentence + ("\n\n" if n % 3 == 2 else " ")
        start = size + len(filler)
        spans.append((start, start + len(sentence) - 1, sentence))
        parts.append(part)
        size += len(part)
    text = "".join(parts)
    if len(text) < chars:
        text += (FILLER * ((chars - len(text)) // len(FILLER) + 1))[: chars - len(text)]
    return text[:chars], spans


def article_add(title: str, claims: int, chars: int, earlier: Claim | None) -> Article:
    """An article with its claims, matches and duplicates, written directly."""
    text, spans = article_text(claims, chars)
    article = Article.objects.create(
        title=title,
        raw_input=text,
        clean_text=text,
        content_hash=content_hash(text),
        extraction_status="succeeded",
        extracted_at=timezone.now(),
    )
    Claim.objects.bulk_create(
        (
            Claim(
                article=article,
                start=start,
                end=end,
                sentence=sentence,
                text=sentence[:200],
                kind="statistical",
                checkworthiness=(n % 100) / 100,
                checkworthy=n % 2 == 0,
                normalized={"quantities": [{"text": "3%", "value": 3, "unit": "%"}], "dates": []},
                duplicate_of=earlier if earlier is not None and n % 10 == 9 else None,
                duplicate_link="auto" if earlier is not None and n % 10 == 9 else "",
            )
            for n, (start, end, sentence) in enumerate(spans)
        ),
        batch_size=500,
    )
    if earlier is not None:
        ClaimMatch.objects.bulk_create(
            (
                ClaimMatch(claim_id=pk, earlier=earlier, score=0.8)
                for pk in Claim.objects.filter(article=article)
                .order_by("start")
                .values_list("pk", flat=True)[::4]
            ),
            batch_size=500,
        )
    return article


def measure(client: Client, url: str) -> tuple[float, float, int, int]:
    """Seconds, peak MB under tracemalloc, queries, and response KB of one page."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    queries: list[str] = []

    def count(execute: Any, sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - started
    size = len(response.content)
    del response
    tracemalloc.start()
    tracemalloc.reset_peak()
    client.get(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 1e6, len(queries), size // 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--claims",
        default="10,1000,5000",
        help="claims of each article in turn; the last one has the largest accepted text",
    )
    parser.add_argument("--chars", type=int, default=settings.FACTCHECK_MAX_ARTICLE_CHARS)
    args = parser.parse_args()
    sizes = [int(n) for n in args.claims.split(",")]

    call_command("migrate", verbosity=0)
    admin = User.objects.create_superuser("bench", "bench@example.org", "bench")
    client = Client()
    client.force_login(admin)

    # The earlier claim every article's claims match or repeat: published, in an article of its own.
    first = article_add("Earlier", 1, 200, None)
    earlier = Claim.objects.get(article=first)
    Claim.objects.filter(pk=earlier.pk).update(
        status="published",
        verdict="false",
        rationale="r",
        published_at=timezone.now(),
        published_text=earlier.text,
    )
    earlier.refresh_from_db()

    print(
        f"database: {connection.vendor} in {_TMP} (removed after); peak: Python memory, tracemalloc"
    )
    header = f"{'article':>30}  {'page':<14} {'time ms':>9} {'peak MB':>9} {'queries':>8} {'KB':>7}"
    print(header)
    print("-" * len(header))
    for i, claims in enumerate(sizes):
        chars = args.chars if i == len(sizes) - 1 else max(1000, claims * 100)
        started = time.perf_counter()
        article = article_add(f"Article with {claims} claims", claims, chars, earlier)
        built = time.perf_counter() - started
        claim = Claim.objects.filter(article=article).order_by("start")[claims // 2]
        pages = [
            ("admin index", reverse("admin:index")),
            ("Articles list", reverse("admin:claims_article_changelist")),
            ("Claims list", reverse("admin:claims_claim_changelist")),
            ("article page", reverse("admin:claims_article_change", args=[article.pk])),
            ("claim page", reverse("admin:claims_claim_change", args=[claim.pk])),
            ("delete page", reverse("admin:claims_article_delete", args=[article.pk])),
        ]
        label = f"{claims:,} claims, {chars:,} chars"
        for name, url in pages:
            seconds, peak, queries, size = measure(client, url)
            print(
                f"{label:>30}  {name:<14} {seconds * 1000:9.0f} {peak:9.1f} {queries:8} {size:7}",
                flush=True,
            )
            label = ""
        print(f"{'':>30}  (built in {built:.1f} s)")


if __name__ == "__main__":
    main()
