"""Loaded as a pytest plugin (`-p tests.testenv`) so it runs before Django reads its settings.

Each test run keeps its database file, broker folder and cache in a folder of its own under
var/test and uses its own queue, so a `make run` on the same machine, or a second test run,
neither sees its tasks nor shares its SQLite file. Worker processes started by tests inherit
these variables.
"""

from __future__ import annotations

import atexit
import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

if "FACTCHECK_VAR_DIR" not in os.environ:
    _run_dir = REPO / "var" / "test" / f"run-{os.getpid()}"
    os.environ["FACTCHECK_VAR_DIR"] = str(_run_dir)
    atexit.register(shutil.rmtree, _run_dir, ignore_errors=True)
os.environ.setdefault("CELERY_QUEUE", f"factcheck-test-{os.getpid()}")
# Users made by tests get a cheap password hash (see FACTCHECK_TEST_FAST_PASSWORDS in settings).
os.environ.setdefault("FACTCHECK_TEST_FAST_PASSWORDS", "true")
