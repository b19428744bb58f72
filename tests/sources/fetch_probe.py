"""Fetch one URL in a process of its own and report how it ended and what it cost.

Run by tests/sources/test_hostile_servers.py as `python -m tests.sources.fetch_probe URL
[--total S] [--max-bytes N]`; prints one JSON line: the outcome (the FetchError class and its
message, or the text's length and start), the fetch's own duration, and the growth of the
process's peak resident memory during the fetch, which is what a worker child would see.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import fetching


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--warm-up", required=True, help="a small page fetched first")
    parser.add_argument("--total", type=float, default=3.0)
    parser.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024)
    args = parser.parse_args()
    policy = fetching.FetchPolicy(
        allowed_hosts=frozenset({"127.0.0.1"}),
        total_timeout=args.total,
        read_timeout=args.total,
        connect_timeout=args.total,
        max_bytes=args.max_bytes,
    )
    # Lazy imports and first-use buffers are paid before measuring.
    fetching.fetch(args.warm_up, policy=policy)
    start_kb = _status_kb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current RSS
    started = time.monotonic()
    outcome: dict[str, object]
    try:
        document = fetching.fetch(args.url, policy=policy)
        outcome = {"error": None, "length": len(document.text), "text": document.text[:200]}
    except fetching.FetchError as exc:
        outcome = {"error": type(exc).__name__, "message": str(exc)}
    except Exception as exc:  # what the tests must never see: reported, not raised
        outcome = {"error": f"unexpected {type(exc).__name__}", "message": str(exc)}
    elapsed = time.monotonic() - started
    peak_kb = _status_kb("VmHWM")
    print(
        json.dumps({**outcome, "seconds": elapsed, "peak_growth_mb": (peak_kb - start_kb) / 1024})
    )


if __name__ == "__main__":
    main()
