"""Background jobs write in short transactions, so a big job never holds the database.

On SQLite a write transaction holds the single write lock from BEGIN to COMMIT: a job that
wrote a 1 MB article's claims or matches in long transactions kept an editor's login waiting
for 39 s. These tests count what each committed transaction of a job holds (tests/jobs/
transactions.py), with the chunk sizes lowered so that small articles need several chunks:
the time a login waits is measured by `make bench-match-batches`, not asserted here.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from claims import services as claim_services
from claims.models import Article, Claim, ClaimMatch
from claims.services import matches as matching_service
from jobs import chunks
from sources import services as source_services
from sources.models import ClaimSource, Evidence, RunStatus, Source, VerificationRun
from sources.services import verification as verification_service
from tests.builders import article_extracted_build, source_build
from tests.jobs.transactions import TransactionLog, transaction_log
from tests.sources.test_sources import trade_claim

pytestmark = pytest.mark.django_db(transaction=True)

PLACES = [
    "Kelmar", "Ostrava", "Tumbes", "Varna", "Qingdao", "Mersin", "Durban", "Bilbao", "Gdynia",
    "Callao", "Mombasa", "Chittagong", "Valparaiso", "Fremantle", "Tromso", "Haifa", "Aarhus",
    "Santos", "Recife", "Napier", "Lyttelton", "Esbjerg", "Klaipeda", "Constanta",
]  # fmt: skip

CLAIM = '"claims_claim"'
CANDIDATE_SEARCH = (" LIKE ", "to_tsvector", "similarity(")  # SQLite's scan, PostgreSQL's index


def _story(places: list[str], *, reworded: bool = False) -> str:
    if reworded:
        line = "Cargo through the port of {p} reached about {n} thousand tonnes in 2021."
    else:
        line = (
            "The port of {p} handled nearly {n} thousand tonnes of cargo in 2021, officials said."
        )
    return "\n\n".join(line.format(p=p, n=100 + 7 * i) for i, p in enumerate(places))


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunks, "WRITE_CHUNK", 5)
    monkeypatch.setattr(matching_service, "CLAIMS_PER_WRITE", 3)
    monkeypatch.setattr(verification_service, "EVIDENCE_PER_WRITE", 1)
    monkeypatch.setattr(verification_service, "RUNS_PER_WRITE", 2)


def _searches(log: TransactionLog) -> int:
    return sum(t.count(part) for t in log.transactions if t.atomic for part in CANDIDATE_SEARCH)


def test_extraction_writes_the_claims_a_chunk_per_transaction(small_chunks: None) -> None:
    article = claim_services.article_ingest(
        raw_input=_story(PLACES), queue_extraction=False
    ).article
    with transaction_log() as log:
        outcome = claim_services.article_extract(article_id=article.pk)
    claims = Claim.objects.filter(article=article).count()
    assert outcome.succeeded
    assert outcome.created == claims
    assert claims > 3 * chunks.WRITE_CHUNK
    assert log.most_rows("claims_claim") <= chunks.WRITE_CHUNK
    assert log.most_rows("claims_historicalclaim") <= chunks.WRITE_CHUNK
    assert len(log.writing_to("claims_claim")) >= math.ceil(claims / chunks.WRITE_CHUNK)
    # Besides the claims, a transaction holds a few statements (the check, the history).
    assert max(len(t.statements) for t in log.writing) <= 6


def test_on_sqlite_a_job_lets_other_writers_in_between_its_transactions(
    small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single write lock")
    pauses: list[float] = []
    monkeypatch.setattr(chunks.time, "sleep", pauses.append)
    article = claim_services.article_ingest(
        raw_input=_story(PLACES), queue_extraction=False
    ).article
    with transaction_log() as log:
        claim_services.article_extract(article_id=article.pk)
    atomic = [t for t in log.writing if t.atomic]
    # A pause before every write transaction but the first (the last one ends the job).
    assert len(pauses) == len(atomic) - 1 >= 4
    assert set(pauses) == {chunks.PAUSE_SECONDS}


def test_extracting_again_updates_and_removes_a_chunk_per_transaction(small_chunks: None) -> None:
    article = article_extracted_build(_story(PLACES))
    # The same places with other figures (updated), and half of them gone (removed).
    changed = _story(PLACES[:12]).replace("nearly", "almost")
    Article.objects.filter(pk=article.pk).update(raw_input=changed)
    with transaction_log() as log:
        outcome = claim_services.article_extract(article_id=article.pk)
    assert outcome.removed >= 2 * chunks.WRITE_CHUNK
    assert outcome.updated + outcome.created >= chunks.WRITE_CHUNK
    assert log.most_rows("claims_claim") <= chunks.WRITE_CHUNK
    assert log.most_rows("claims_historicalclaim") <= chunks.WRITE_CHUNK


def test_extraction_that_dies_half_way_is_finished_by_the_next_run(
    small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims.services import extraction as extraction_service

    article = claim_services.article_ingest(
        raw_input=_story(PLACES), queue_extraction=False
    ).article
    real = extraction_service.bulk_create_with_history
    calls = 0

    def dies_on_the_third_chunk(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("worker killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(extraction_service, "bulk_create_with_history", dies_on_the_third_chunk)
    with pytest.raises(RuntimeError):
        claim_services.article_extract(article_id=article.pk)
    assert Claim.objects.filter(article=article).count() == 2 * chunks.WRITE_CHUNK
    monkeypatch.setattr(extraction_service, "bulk_create_with_history", real)
    outcome = claim_services.article_extract(article_id=article.pk)
    assert outcome.succeeded
    fresh = article_extracted_build(_story(PLACES) + "\n\nOne more line.")
    expected = Claim.objects.filter(article=fresh).count()
    assert Claim.objects.filter(article=article).count() == expected


@pytest.fixture
def two_articles(settings: Any) -> tuple[Article, Article]:
    settings.FACTCHECK_MATCH_AUTO_THRESHOLD = 1.01  # suggestions only
    earlier = article_extracted_build(_story(PLACES[:10]), title="Earlier")
    later = claim_services.article_ingest(
        raw_input=_story(PLACES[:10], reworded=True), queue_extraction=False, title="Later"
    ).article
    claim_services.article_extract(article_id=later.pk)
    return earlier, later


def test_matching_looks_matches_up_outside_the_transactions_that_write_them(
    small_chunks: None, two_articles: tuple[Article, Article]
) -> None:
    earlier, later = two_articles
    with transaction_log() as log:
        outcome = claim_services.article_claims_match(article_id=later.pk)
    claims = Claim.objects.filter(article=later).count()
    assert outcome.claims == claims > 2 * matching_service.CLAIMS_PER_WRITE
    assert outcome.matches >= 5
    assert ClaimMatch.objects.filter(claim__article=later, earlier__article=earlier).count() >= 5
    assert _searches(log) == 0
    # One transaction per chunk of claims: their stale suggestions dropped (one statement a
    # claim), their matches upserted in one statement, the cursor moved on.
    writing = log.writing_to("claims_claimmatch")
    assert writing
    per_chunk = matching_service.CLAIMS_PER_WRITE
    assert max(t.count('DELETE FROM "claims_claimmatch"') for t in log.writing) <= per_chunk
    assert max(t.count('INSERT INTO "claims_claimmatch"') for t in log.writing) <= 1
    assert len(log.writing_to("claims_article")) >= math.ceil(claims / per_chunk)


def test_a_matching_batch_that_dies_goes_on_from_the_last_chunk_written(
    small_chunks: None, two_articles: tuple[Article, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, later = two_articles
    claim_services.article_matching_queue(article_id=later.pk, send=False)
    assert claim_services.article_matching_claim(article_id=later.pk)
    real = matching_service._pairs_store
    calls = 0

    def dies_on_the_second_chunk(found: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("worker killed")
        return real(found)

    monkeypatch.setattr(matching_service, "_pairs_store", dies_on_the_second_chunk)
    with pytest.raises(RuntimeError):
        claim_services.article_matching_batch(article_id=later.pk, seconds=float("inf"))
    after_first = Article.objects.get(pk=later.pk)
    first_chunk = list(
        Claim.objects.filter(article=later).order_by("pk").values_list("pk", flat=True)
    )[: matching_service.CLAIMS_PER_WRITE]
    assert after_first.matching_cursor == first_chunk[-1]
    assert after_first.matching_done == len(first_chunk)
    monkeypatch.setattr(matching_service, "_pairs_store", real)
    assert claim_services.article_matching_claim(article_id=later.pk, retrying=True)
    outcome = claim_services.article_matching_batch(article_id=later.pk, seconds=float("inf"))
    claims = Claim.objects.filter(article=later).count()
    assert outcome.claims == claims - len(first_chunk)
    finished = Article.objects.get(pk=later.pk)
    assert finished.matching_status == Article.MatchingStatus.SUCCEEDED
    assert finished.matching_done == finished.matching_total == claims
    stored = set(ClaimMatch.objects.values_list("claim_id", "earlier_id", "score"))
    claim_services.article_claims_match(article_id=later.pk)  # all again, from the first
    assert set(ClaimMatch.objects.values_list("claim_id", "earlier_id", "score")) == stored


def test_a_batch_whose_matching_was_started_again_stops_without_writing(
    small_chunks: None, two_articles: tuple[Article, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, later = two_articles
    claim_services.article_matching_queue(article_id=later.pk, send=False)
    assert claim_services.article_matching_claim(article_id=later.pk)
    real = matching_service._claim_pairs

    def started_again_meanwhile(claim: Claim) -> Any:
        claim_services.article_matching_queue(article_id=later.pk, send=False)
        return real(claim)

    monkeypatch.setattr(matching_service, "_claim_pairs", started_again_meanwhile)
    outcome = claim_services.article_matching_batch(article_id=later.pk, seconds=float("inf"))
    assert outcome.claims == 0
    assert not ClaimMatch.objects.exists()
    article = Article.objects.get(pk=later.pk)
    assert (article.matching_status, article.matching_cursor) == (
        Article.MatchingStatus.QUEUED,
        0,
    )


SUPPORTING_TEXT = (
    "Bilateral trade between Pakistan and Russia amounted to $790 million in 2020, according "
    "to the bureau's annual report."
)


def test_a_new_snapshot_queues_its_claims_verification_a_chunk_per_transaction(
    small_chunks: None,
) -> None:
    source = source_build()
    claims = [trade_claim() for _ in range(5)]
    for claim in claims:
        ClaimSource.objects.create(claim=claim, source=source)
    with transaction_log() as log:
        snapshot = source_services.source_upload(source=source, text=SUPPORTING_TEXT)
    assert snapshot is not None
    assert VerificationRun.objects.filter(status=RunStatus.QUEUED).count() == len(claims)
    assert log.most_rows("sources_verificationrun") <= verification_service.RUNS_PER_WRITE
    # The snapshot, its source's record and the first claims' runs commit together.
    first = log.writing_to("sources_sourcesnapshot")
    assert len(first) == 1
    assert first[0].rows["sources_verificationrun"] == verification_service.RUNS_PER_WRITE


def test_verification_files_evidence_a_chunk_per_transaction(small_chunks: None) -> None:
    claim = trade_claim()
    sources = [source_build() for _ in range(3)]
    for source in sources:
        ClaimSource.objects.create(claim=claim, source=source)
        source_services.source_upload(source=source, text=SUPPORTING_TEXT)
    run = VerificationRun.objects.get(claim=claim, status=RunStatus.QUEUED)
    assert source_services.verification_run_claim(run_id=run.pk)
    with transaction_log() as log:
        run = source_services.claim_verify(run_id=run.pk)
    assert run.status == RunStatus.SUCCEEDED
    assert Evidence.objects.filter(claim=claim).count() == len(sources)
    assert log.most_rows("sources_evidence") <= verification_service.EVIDENCE_PER_WRITE
    assert len(log.writing_to("sources_evidence")) == len(sources)
    assert set(run.snapshots.values_list("source_id", flat=True)) == {s.pk for s in sources}


def test_a_run_ended_meanwhile_is_not_recorded_as_succeeded(small_chunks: None) -> None:
    claim = trade_claim()
    source = source_build()
    ClaimSource.objects.create(claim=claim, source=source)
    source_services.source_upload(source=source, text=SUPPORTING_TEXT)
    run = VerificationRun.objects.get(claim=claim)
    assert source_services.verification_run_claim(run_id=run.pk)
    source_services.verification_run_fail(run_id=run.pk, message="lost")
    run = source_services.claim_verify(run_id=run.pk)
    assert (run.status, run.error) == (RunStatus.FAILED, "lost")


def test_the_embedded_database_lets_pages_write_while_jobs_do() -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite settings")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA busy_timeout")
        busy_ms = cursor.fetchone()[0]
    assert journal == "wal"  # readers never wait for the writer, nor it for them
    assert busy_ms >= 5_000  # a writer waits its turn for the lock instead of failing at once
    # BEGIN IMMEDIATE takes the write lock at the start: a transaction that read first cannot
    # fail half-way with "database is locked" when it comes to write.
    assert connection.transaction_mode == "IMMEDIATE"


def test_every_chunk_is_at_most_the_size_asked() -> None:
    assert [len(c) for c in chunks.chunked(range(12), 5)] == [5, 5, 2]
    assert list(chunks.chunked([], 5)) == []
    with pytest.raises(ValueError, match="at least one"):
        list(chunks.chunked([1], 0))


def test_sources_fetched_without_a_change_write_one_short_transaction(small_chunks: None) -> None:
    source = source_build()
    for claim in [trade_claim() for _ in range(3)]:
        ClaimSource.objects.create(claim=claim, source=source)
    source_services.source_upload(source=source, text=SUPPORTING_TEXT)
    with transaction_log() as log:
        assert source_services.source_upload(source=source, text=SUPPORTING_TEXT) is None
    assert len([t for t in log.writing if t.atomic]) == 1
    assert Source.objects.get(pk=source.pk).snapshots.count() == 1
