"""The desk's tests use the same desk users as the claims' workflow tests."""

from __future__ import annotations

from tests.claims.conftest import chief, editor, other_chief, other_editor

__all__ = ["chief", "editor", "other_chief", "other_editor"]
