"""Entry point for `python -m claims.extraction`."""

from __future__ import annotations

import sys

from claims.extraction.cli import main

sys.exit(main())
