"""Claims' sentence vectors for semantic matching: computed once, stored, read by matching.

A claim is encoded from what matching compares of it (its sentence, else its text). The vector
is stored with the model's name and a hash of that text, so an edited claim or a new model gets
a new vector the next time one is asked for, with nothing to invalidate. Encoding costs about
10 ms a claim on one core (`claims.matching.semantic`), so vectors are computed by the jobs that
match claims, in batches, and by `claim_vectors_fill` for claims stored before them; a reader's
lookup encodes only its own text and any candidate still without one, and stores nothing.

Off (every function returns nothing) when FACTCHECK_SEMANTIC_MATCHING is false or the semantic
extra is not installed: matching is then lexical, as before.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef

from claims.matching import semantic
from claims.models import Claim, ClaimVector

if TYPE_CHECKING:
    from claims.matching.semantic import Array

logger = logging.getLogger(__name__)

FILL_BATCH = 256
"""Claims encoded and written together by `claim_vectors_fill`."""


def semantic_on() -> bool:
    """Whether matching uses sentence vectors here (setting on, extra installed)."""
    return bool(settings.FACTCHECK_SEMANTIC_MATCHING) and semantic.available()


def vector_source(text: str, sentence: str) -> str:
    """The text a claim's vector is computed from: what matching compares of it."""
    return (sentence or text or "")[: semantic.MAX_SOURCE_CHARS]


def source_hash(source: str) -> str:
    return hashlib.blake2b(source.encode("utf-8", "replace"), digest_size=16).hexdigest()


_encoding: ThreadPoolExecutor | None = None


def query_vector_soon(text: str) -> Future[Array | None]:
    """`query_vector(text)`, computed on a thread of its own while the caller asks the database
    for candidates: numpy and the tokenizer let go of the interpreter lock, so the two overlap
    and a lookup waits for the longer of them rather than for both (about 20 ms of encoding)."""
    global _encoding
    if _encoding is None:  # made on first use: never before a worker process forks
        _encoding = ThreadPoolExecutor(max_workers=2, thread_name_prefix="encode")
    return _encoding.submit(query_vector, text)


def query_vector(text: str) -> Array | None:
    """The vector of a free text (a pasted post, an editor's query), or None when off."""
    if not semantic_on() or not text.strip():
        return None
    return _as_stored(semantic.encoder().encode([text])[0])


def claim_vectors(claims: Iterable[tuple[int, str, str]], *, store: bool) -> dict[int, Array]:
    """Vectors of (claim id, text, sentence) rows: stored ones, the rest encoded now.

    With `store`, the ones encoded now are written (a job's path); without, nothing is (a
    reader's lookup). Empty when semantic matching is off.
    """
    if not semantic_on():
        return {}
    wanted: dict[int, str] = {}
    for pk, text, sentence in claims:
        wanted[int(pk)] = vector_source(text, sentence)
    if not wanted:
        return {}
    found: dict[int, Array] = {}
    hashes = {pk: source_hash(source) for pk, source in wanted.items()}
    rows = ClaimVector.objects.filter(
        claim_id__in=list(wanted), model=semantic.MODEL_NAME
    ).values_list("claim_id", "source_hash", "vector")
    for pk, stored_hash, raw in rows:
        vector = semantic.from_bytes(raw)
        if vector is not None and stored_hash == hashes[pk]:
            found[pk] = vector
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        encoded = semantic.encoder().encode([wanted[pk] for pk in missing])
        for pk, vector in zip(missing, encoded, strict=True):
            found[pk] = _as_stored(vector)
        if store:
            _store({pk: (hashes[pk], found[pk]) for pk in missing})
    return found


def _as_stored(vector: Array) -> Array:
    """The vector as storing it keeps it (float16), so a score is the same whether its vectors
    were just computed or read back: matching an article again changes nothing."""
    stored = semantic.from_bytes(semantic.to_bytes(vector))
    assert stored is not None  # a vector of this model always has its size
    return stored


def _store(vectors: dict[int, tuple[str, Array]]) -> None:
    # An upsert in its own short transaction; a claim deleted meanwhile is skipped (its row would
    # break the foreign key).
    with transaction.atomic():
        alive = set(Claim.objects.filter(pk__in=list(vectors)).values_list("pk", flat=True))
        ClaimVector.objects.bulk_create(
            [
                ClaimVector(
                    claim_id=pk,
                    model=semantic.MODEL_NAME,
                    source_hash=digest,
                    vector=semantic.to_bytes(vector),
                )
                for pk, (digest, vector) in vectors.items()
                if pk in alive
            ],
            update_conflicts=True,
            unique_fields=["claim"],
            update_fields=["model", "source_hash", "vector", "updated_at"],
        )


def claim_vectors_fill(*, limit: int | None = None) -> int:
    """Compute and store the vectors claims lack, or hold only of another model.

    Published claims first, since readers' lookups search them, then the others. Returns how
    many were written; `limit` bounds one run (a beat task runs it again later). Only claims
    without a vector are read, so a run over a filled table costs one indexed query. A vector
    whose claim was edited since is not looked for here: `claim_vectors` sees its hash differ
    and computes it again when the claim is next compared.
    """
    if not semantic_on():
        return 0
    current = ClaimVector.objects.filter(claim=OuterRef("pk"), model=semantic.MODEL_NAME)
    done = 0
    for published in (True, False):
        missing = Claim.objects.filter(published_at__isnull=not published).exclude(Exists(current))
        while limit is None or done < limit:
            batch = FILL_BATCH if limit is None else min(FILL_BATCH, limit - done)
            # Each batch is stored before the next is read, so the query goes on past it.
            page = list(missing.order_by("pk").values_list("pk", "text", "sentence")[:batch])
            if not page:
                break
            claim_vectors(page, store=True)
            done += len(page)
    return done


def cosine(a: Array | None, b: Array | None) -> float | None:
    """The cosine of two unit vectors, or None when either is missing."""
    if a is None or b is None:
        return None
    return float(a @ b)
