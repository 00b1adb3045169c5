"""Timers, percentiles, peak memory, and the one line of the results table each figure makes."""

from __future__ import annotations

import math
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[int, T]:
    """Nanoseconds one call of ``fn`` takes (perf_counter_ns: monotonic, finest available),
    and what it returned."""
    started = time.perf_counter_ns()
    result = fn()
    return time.perf_counter_ns() - started, result


def percentile(samples_ns: Sequence[int], q: float) -> float:
    """The ``q``-th percentile by nearest rank, in milliseconds (no interpolation between two
    real timings, so p99 of 100 samples is the slowest but one, a figure that happened)."""
    if not samples_ns:
        raise ValueError("no samples")
    ordered = sorted(samples_ns)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1] / 1e6


def py_heap_peak(fn: Callable[[], object]) -> int:
    """Peak bytes of Python allocations during one call of ``fn``.

    Run apart from the timed calls: tracemalloc slows every allocation several times over.
    SQLite's own memory (page cache) is not counted; the footer gives the process peak RSS.
    """
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@dataclass(frozen=True)
class Line:
    """One row of the results table. ``target_ms`` or ``target_ratio`` decides pass/fail;
    a line with neither is shown for information. A line whose figure could not be taken on
    this machine (no PostgreSQL, say) carries the reason in ``skipped`` instead."""

    what: str
    ours_ms: float
    baseline_ms: float | None = None
    target_ms: float | None = None  # ours must be at most this
    target_ratio: float | None = None  # ours / baseline must be at most this
    floor_ratio: float | None = None  # ours / baseline must be at least this (a cost to impose)
    peak_bytes: int | None = None
    target_text: str = ""
    skipped: str = ""  # why there is no figure; ``ours_ms`` is then meaningless

    @classmethod
    def skip(cls, what: str, reason: str, *, target_ms: float | None = None,
             target_ratio: float | None = None) -> Line:
        return cls(what, 0.0, target_ms=target_ms, target_ratio=target_ratio, skipped=reason)

    @property
    def ratio(self) -> float | None:
        if self.baseline_ms is None or self.baseline_ms == 0:
            return None
        return self.ours_ms / self.baseline_ms

    @property
    def passed(self) -> bool | None:
        if self.skipped:
            return None
        if self.target_ms is not None:
            return self.ours_ms <= self.target_ms
        if self.target_ratio is not None and self.ratio is not None:
            return self.ratio <= self.target_ratio
        if self.floor_ratio is not None and self.ratio is not None:
            return self.ratio >= self.floor_ratio
        return None

    @property
    def target(self) -> str:
        if self.target_text:
            return self.target_text
        if self.target_ms is not None:
            return f"≤ {self.target_ms:g} ms"
        if self.target_ratio is not None:
            return f"≤ {self.target_ratio:g}× baseline"
        return "(info)"


HEADERS = ("benchmark", "target", "baseline", "ours", "ratio", "result", "peak py heap")


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} ms"


def _bytes(value: int | None) -> str:
    if value is None:
        return "—"
    return f"{value / 2**10:.0f} KiB" if value < 2**20 else f"{value / 2**20:.1f} MiB"


def cells(line: Line) -> tuple[str, ...]:
    if line.skipped:
        return (line.what, line.target, "—", "—", "—", f"skipped: {line.skipped}", "—")
    ratio = line.ratio
    result = {True: "pass", False: "FAIL", None: "—"}[line.passed]
    return (line.what, line.target, _ms(line.baseline_ms), _ms(line.ours_ms),
            "—" if ratio is None else f"{ratio:.2f}×", result, _bytes(line.peak_bytes))


def table(lines: Sequence[Line]) -> str:
    """A Markdown table, so the same text reads in a terminal and in docs/performance.md."""
    rows = [HEADERS, *(cells(line) for line in lines)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]

    def render(row: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(rows[0]), rule, *(render(r) for r in rows[1:])])
