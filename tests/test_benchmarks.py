"""The benchmarks keep working: ``python -m benchmarks --quick`` runs every registered
benchmark and prints its lines. Timings are never asserted (they belong to people reading
the table, and vary with the machine); the full run stays out of CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.registry import BENCHMARKS

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_quick_benchmarks_run_and_print_every_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--workdir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {line.split("|")[1].strip() for line in result.stdout.splitlines()
            if line.startswith("| ")}
    expected = {name for benchmark in BENCHMARKS for name in benchmark.lines}
    assert expected <= rows, f"missing lines {expected - rows}:\n{result.stdout}"


def test_every_benchmark_names_its_lines() -> None:
    names = [name for benchmark in BENCHMARKS for name in benchmark.lines]
    assert names and len(names) == len(set(names))
