"""Every benchmark ``python -m benchmarks`` runs, in table order.

A benchmark is a function from the run's datasets to lines of the table. Adding one is one
entry here; ``tests/test_benchmarks.py`` then checks, in the quick run, that its lines appear.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import dcr, gui, lookup, pins, posting, sync
from benchmarks.data import Datasets
from benchmarks.measure import Line


@dataclass(frozen=True)
class Benchmark:
    name: str  # for --only
    run: Callable[[Datasets], list[Line]]
    lines: tuple[str, ...]  # the table lines it produces


BENCHMARKS: list[Benchmark] = [
    Benchmark("posting", posting.bench_posting, posting.LINES),
    Benchmark("lookup", lookup.bench_lookup, lookup.LINES),
    Benchmark("dcr", dcr.bench_dcr, dcr.LINES),
    Benchmark("sync", sync.bench_sync, sync.LINES),
    Benchmark("gui", gui.bench_gui, gui.LINES),
    Benchmark("pins", pins.bench_pins, pins.LINES),
]
