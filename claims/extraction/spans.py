"""Overlap look-ups over sorted spans in logarithmic time (documents can hold many mentions)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class SpanIndex:
    """Non-overlapping (start, end) spans; answers "does [s, e) overlap one of them?"."""

    __slots__ = ("_ends", "_spans", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._spans = merged
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._ends, start)
        return i < len(self._spans) and self._starts[i] < end

    def containing(self, start: int, end: int) -> int | None:
        """Index of the span that holds [start, end) entirely, if any."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] >= end:
            return i
        return None

    def __bool__(self) -> bool:
        return bool(self._spans)


def first_at_or_after(values: list[int], value: int) -> int:
    return bisect_left(values, value)
