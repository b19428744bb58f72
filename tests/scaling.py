"""Guards against slow inputs without a bound in seconds: how the time grows from n to 4n.

A bound in seconds flakes on a loaded machine (a 10 s one did, on a clean clone). The ratio of
two runs in the same process, measured side by side under the same load, does not, and it still
tells work that grows linearly (4n takes about 4x) from quadratic work (16x) or backtracking.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# 4n over n: 4 for linear work, 16 for quadratic; the margin is wide for noise.
LINEAR = 12.0
# Below this a timing is the clock's and the interpreter's noise, not the work's.
_FLOOR_SECONDS = 0.02
_TRIES = 3


def _seconds(run: Callable[[T], object], value: T) -> float:
    started = time.perf_counter()
    run(value)
    return time.perf_counter() - started


def growth(make: Callable[[int], T], run: Callable[[T], object], n: int) -> float:
    """How many times longer `run(make(4 * n))` takes than `run(make(n))`.

    Each size is timed in turn, best of up to three tries: a try is repeated only while the
    ratio looks too high, so a moment of load on the machine is not taken for slow work.
    """
    small, large = make(n), make(4 * n)
    run(make(max(1, n // 16)))  # first use pays for imports, compiled patterns and caches
    best_small = best_large = float("inf")
    ratio = float("inf")
    for _ in range(_TRIES):
        best_small = min(best_small, _seconds(run, small))
        best_large = min(best_large, _seconds(run, large))
        ratio = max(best_large, _FLOOR_SECONDS) / max(best_small, _FLOOR_SECONDS)
        if ratio < LINEAR:
            break
    return ratio
