"""Loaded as a pytest plugin (`-p tests.testenv`) so it runs before Django reads its settings.

Tests keep their database file, broker folder and cache under var/test and use their own queue,
so a `make run` on the same machine neither sees their tasks nor steals them.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

os.environ.setdefault("FACTCHECK_VAR_DIR", str(REPO / "var" / "test"))
os.environ.setdefault("CELERY_QUEUE", "factcheck-test")
