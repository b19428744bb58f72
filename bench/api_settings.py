"""Settings for `make bench-api`: the project's, plus a trivial view to measure the ceiling."""

from __future__ import annotations

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "bench.api_urls"
