"""The verifiers by name, and running every one that applies to a claim."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from sources.verification.dates import NAME as DATES
from sources.verification.dates import verify_dates
from sources.verification.model import ClaimToVerify, Finding
from sources.verification.quantities import NAME as QUANTITIES
from sources.verification.quantities import verify_quantities
from sources.verification.quotes import NAME as QUOTES
from sources.verification.quotes import verify_quotes
from sources.verification.relevance import NAME as RELEVANCE
from sources.verification.relevance import verify_relevance

Verifier = Callable[[ClaimToVerify, str], list[Finding]]

# Each verifier returns [] when it does not apply to the claim, so the Django side can run them
# all by name and record one run for each that had something to say.
VERIFIERS: Mapping[str, Verifier] = MappingProxyType(
    {
        RELEVANCE: verify_relevance,
        QUANTITIES: verify_quantities,
        DATES: verify_dates,
        QUOTES: verify_quotes,
    }
)


def verify(claim: ClaimToVerify, snapshot_text: str) -> list[Finding]:
    """Every applicable verifier's findings on the claim against one source text."""
    findings: list[Finding] = []
    for verifier in VERIFIERS.values():
        findings.extend(verifier(claim, snapshot_text))
    return findings
