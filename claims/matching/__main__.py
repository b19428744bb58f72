"""Entry point for `python -m claims.matching`."""

from __future__ import annotations

import sys

from claims.matching.cli import main

sys.exit(main())
