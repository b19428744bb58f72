"""Evidence an editor files: a source's passage that bears on a claim, with who added it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from claims.locks import claim_lock_check
from claims.models import Claim
from claims.workflow import EDIT_PERMISSION, TransitionError, permission_require
from sources.models import Evidence, Source, SourceSnapshot, Stance, VerificationRun


class EvidenceError(ValueError):
    """Evidence that cannot be stored as given, with the reason in words."""


def _passage(text: str) -> str:
    # NUL is never meaningful in a quotation, and PostgreSQL refuses to store it.
    return (text or "").replace("\x00", "")


@transaction.atomic
def evidence_add(
    *,
    claim: Claim,
    source: Source,
    passage: str,
    added_by: User | None,
    stance: str = Stance.UNKNOWN,
    note: str = "",
    snapshot: SourceSnapshot | None = None,
    verification_run: VerificationRun | None = None,
) -> tuple[Evidence, bool]:
    """File an editor's evidence for a claim; the same passage of the same source is one row.

    Filing a passage a verifier found already makes that evidence the editor's. Raises
    PublishedLockError for a published claim, whose evidence readers see.
    """
    claim_lock_check(claim, "its evidence changes")
    passage = _passage(passage)
    existing = Evidence.objects.filter(claim=claim, source=source, passage=passage).first()
    if existing is None:
        evidence = Evidence(
            claim=claim,
            source=source,
            passage=passage,
            stance=stance if stance in Stance.values else Stance.UNKNOWN,
            note=note,
            snapshot=snapshot,
            verification_run=verification_run,
            origin=Evidence.Origin.EDITOR,
            added_by=added_by,
        )
        evidence._history_user = added_by  # type: ignore[attr-defined]
        try:
            with transaction.atomic():  # a savepoint: the same passage filed meanwhile is found
                evidence.save(force_insert=True)
        except IntegrityError:
            existing = Evidence.objects.filter(claim=claim, source=source, passage=passage).first()
            if existing is None:
                raise
        else:
            return evidence, True
    existing.stance = stance if stance in Stance.values else existing.stance
    existing.note = note or existing.note
    if existing.origin != Evidence.Origin.EDITOR:
        existing.origin = Evidence.Origin.EDITOR
        existing.added_by = added_by
    existing._history_user = added_by  # type: ignore[attr-defined]
    existing.save()
    return existing, False


def finding_accept(*, claim: Claim, run_id: int, index: int, by: User | None) -> Evidence:
    """File one finding of a verification run as the editor's evidence for the claim.

    Automatic evidence for the same passage becomes the editor's. Raises TransitionError when
    the user may not add evidence or the run has no such finding.
    """
    permission_require(by, EDIT_PERMISSION, "add evidence")
    run = VerificationRun.objects.filter(pk=run_id, claim=claim).first()
    findings = (run.result or {}).get("findings", []) if run is not None else []
    if not 0 <= index < len(findings):
        raise TransitionError(f"claim {claim.pk} has no such finding to accept")
    finding = findings[index]
    source = Source.objects.filter(pk=finding.get("source")).first()
    if source is None or not _passage(str(finding.get("passage") or "")).strip():
        raise TransitionError("this finding quotes no passage of a source")
    evidence, _ = evidence_add(
        claim=claim,
        source=source,
        passage=str(finding["passage"]),
        added_by=by,
        stance=str(finding.get("stance") or Stance.UNKNOWN),
        note=str(finding.get("explanation") or "")[:2000],
        snapshot=SourceSnapshot.objects.filter(pk=finding.get("snapshot"), source=source).first(),
        verification_run=run,
    )
    return evidence


def evidence_update(*, evidence: Evidence, by: User | None) -> Evidence:
    """Save an editor's changes to a piece of evidence (stance, passage, note).

    Raises EvidenceError when the passage becomes one that the claim has from that source, and
    PublishedLockError when the claim is published.
    """
    claim_lock_check(evidence.claim_id, "its evidence changes")
    evidence.passage = _passage(evidence.passage)
    if evidence.added_by_id is None:
        evidence.added_by = by
    evidence._history_user = by  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            evidence.save()
    except IntegrityError:
        raise EvidenceError(
            f"claim {evidence.claim_id} has this passage of {evidence.source} already"
        ) from None
    return evidence


def evidence_remove(*, evidence: Evidence, by: User | None) -> None:
    """Remove a piece of evidence; its history keeps who removed it and what it said.

    Raises PublishedLockError when the claim is published.
    """
    claim_lock_check(evidence.claim_id, "its evidence changes")
    evidence._history_user = by  # type: ignore[attr-defined]
    evidence.delete()
