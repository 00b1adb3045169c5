"""The Daily Cash Report of the benchmark day (SPEC §8: JSON ≤ 0.5 s, PDF ≤ 3 s for a day of
20,000 receipts), each from the database to the finished document, as ``cashier report
daily --json`` / ``--pdf`` make it.

There is no baseline to compare with: the targets are absolute. Every balancing identity
of the report must pass, or the figure would be that of a wrong report.
"""

from __future__ import annotations

import io
import json
import statistics
from collections.abc import Callable

from benchmarks.data import DAY, Datasets
from benchmarks.measure import Line, py_heap_peak, timed
from cashier.ledger.database import Database
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.reports.daily_cash_pdf import render_daily_cash_report

LINES = ("DCR JSON", "DCR PDF")
TARGET_MS = {"DCR JSON": 500.0, "DCR PDF": 3000.0}  # SPEC §8
RUNS = 5  # each is a whole report; the median is the figure


def bench_dcr(data: Datasets) -> list[Line]:
    with Database.open(data.day()) as db:
        report = daily_cash_report(db, DAY)
        broken = [i["name"] for i in report["identities"] if not i["passed"]]
        if broken or report["status"] != "closed":
            raise AssertionError(f"the benchmark day's report does not balance: {broken}")

        def as_json() -> str:
            return json.dumps(daily_cash_report(db, DAY), ensure_ascii=False)

        def as_pdf() -> bytes:
            out = io.BytesIO()
            render_daily_cash_report(daily_cash_report(db, DAY), out)
            return out.getvalue()

        return [_line(name, make) for name, make in zip(LINES, (as_json, as_pdf), strict=True)]


def _line(name: str, make: Callable[[], object]) -> Line:
    make()  # warm: imports, fonts, SQLite's page cache
    took_ms = statistics.median(timed(make)[0] for _ in range(RUNS)) / 1e6
    return Line(name, took_ms, target_ms=TARGET_MS[name], peak_bytes=py_heap_peak(make))
