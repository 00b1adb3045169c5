"""What a copied database's PIN hashes cost an attacker, and what they cost the cashier (issue
#22, item 5; SPEC §11).

The search line: the CPU time one argon2id check takes (process time, so every lane of its
parallelism counts) times half the six-digit PIN space, against 12 CPU-hours; the baseline
column is those 12 hours, so the ratio is the search's multiple of them (the target: at least
1×). The sign-in line is ``users.sign_in`` as the counter calls it, on a real database file,
against half a second.
"""

from __future__ import annotations

import time

from benchmarks.data import Datasets
from benchmarks.measure import Line, percentile, timed
from cashier.ledger.database import Database
from cashier.ledger.reference import users
from cashier.ledger.store.models import User

LINES = ("PIN search, 6 digits", "PIN sign-in p50")
SEARCH_TARGET_MS = 12 * 3600 * 1000.0  # 12 CPU-hours
SIGN_IN_TARGET_MS = 500.0
SPACE = 10**6  # six ASCII digits, the shortest PIN the policy allows
ROUNDS = 5
PIN = "482193"


def cpu_ms_per_check(stored: str) -> float:
    samples = []
    for _ in range(ROUNDS):
        started = time.process_time_ns()
        users.pin_matches("000000", stored)  # a wrong guess costs what a right one does
        samples.append(time.process_time_ns() - started)
    return sorted(samples)[len(samples) // 2] / 1e6


def bench_pins(data: Datasets) -> list[Line]:
    stored = users.hash_pin(PIN)
    search_ms = cpu_ms_per_check(stored) * SPACE / 2
    with Database.open(data.scratch / "pins.sqlite3") as db:
        with db.write() as session:
            if session.get(User, "pinbench") is None:
                users.add_user(session, "pinbench", "PIN bench", "cashier", pin=PIN)
        signs = [timed(lambda: users.sign_in(db, "pinbench", PIN))[0] for _ in range(ROUNDS)]
    return [
        Line("PIN search, 6 digits", search_ms, baseline_ms=SEARCH_TARGET_MS,
             floor_ratio=1.0, target_text="≥ 12 CPU-hours"),
        Line("PIN sign-in p50", percentile(signs, 50), target_ms=SIGN_IN_TARGET_MS),
    ]
