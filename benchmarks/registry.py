"""Every benchmark ``python -m benchmarks`` runs, in table order.

A benchmark is a function from the run's datasets to lines of the table. Adding one is one
entry here; ``tests/test_benchmarks.py`` then checks, in the quick run, that its lines appear.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import dcr, lookup, posting
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
    # Extension points of issue #8, each an entry here once its subject exists:
    # - "sync": push ``Sizes.operations`` operations (the first ones of ``data.day()``'s
    #   journal) to PostgreSQL, ≤ 3× a raw psycopg COPY of the same rows. Waits for
    #   ``cashier.sync``.
    # - "gui": start to a usable window ≤ 1.5 s, one keyboard-only cash payment ≤ 150 ms of
    #   program time. Waits for the workstation (``cashier.ui``).
]
