"""Verification: check a claim against a source's text. A pure library: no Django, no I/O.

`verify(claim, snapshot_text)` runs every applicable verifier (`VERIFIERS`, by name) and returns
findings with the passage each rests on; `suggest(findings)` turns them into a suggested stance
and verdict for the editor.
"""

from __future__ import annotations

from sources.verification.model import ClaimToVerify, Finding, Stance, Suggestion, Verdict
from sources.verification.registry import VERIFIERS, Verifier, verify
from sources.verification.suggestion import suggest

__all__ = [
    "VERIFIERS",
    "ClaimToVerify",
    "Finding",
    "Stance",
    "Suggestion",
    "Verdict",
    "Verifier",
    "suggest",
    "verify",
]
