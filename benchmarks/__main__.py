"""``python -m benchmarks [--quick] [--workdir DIR] [--only NAME …]``: the SPEC §8 targets.

Builds (or reuses) the datasets, runs every registered benchmark and prints one table:
target, baseline measured in the same run, our figure, ratio, pass/fail, peak memory.
``--quick`` uses small sizes so CI can run it in seconds; its timings mean little, it only
keeps the benchmarks working. The exit status is 0 when every benchmark ran, whatever the
figures: timings are for people to read, not for tests to assert.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks.data import FULL, QUICK, Datasets
from benchmarks.measure import Line, table
from benchmarks.registry import BENCHMARKS


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{model}, {os.cpu_count()} CPUs; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes (CI): checks the benchmarks run, not the targets")
    parser.add_argument("--workdir", type=Path,
                        help="where datasets are cached (default: a folder in the temp dir)")
    parser.add_argument("--only", nargs="+", choices=[b.name for b in BENCHMARKS],
                        help="run only these benchmarks")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    sizes = QUICK if args.quick else FULL
    mode = "quick" if args.quick else "full"
    workdir = args.workdir or Path(tempfile.gettempdir()) / "cashier-benchmarks" / mode
    data = Datasets(sizes, cache=workdir / "cache", scratch=workdir / "scratch")
    started = time.perf_counter()
    print(f"cashier benchmarks ({mode}): {machine()}")
    print(f"sizes: {sizes}")
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    lines: list[Line] = []
    failed: list[str] = []
    try:
        # Built first, so that build times never land inside a measurement; building the
        # day is a check of its own (every drawer of it must balance to the cent).
        data.accounts()
        data.day()
        for line in data.summary():
            print(f"dataset {line}")
        for benchmark in chosen:
            print(f"running {benchmark.name} …", flush=True)
            try:
                lines += benchmark.run(data)
            except Exception:  # report every broken benchmark, then fail the run
                traceback.print_exc()
                failed.append(benchmark.name)
    finally:
        shutil.rmtree(data.scratch, ignore_errors=True)
    print()
    print(table(lines))
    print()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"process peak RSS {peak_rss / 1024:.0f} MiB; "
          f"total {time.perf_counter() - started:.0f} s")
    if failed:
        print(f"benchmarks that failed to run: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
