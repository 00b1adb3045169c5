"""Crash safety (issue #11): a terminal killed with SIGKILL at any moment, inside a transaction
or inside its commit, leaves a database that is whole and holds every operation it had
acknowledged.

A child process (``crash_child.py``, forked by a server that imported the program once)
posts payments, voids, drops, no-sales, paid-outs and drawer opens, closes and approvals
through the ordinary service functions on a real SQLite file opened with ``Database.open``,
and is killed: by itself at the N-th kill point of one kind (SQLite statement, VM
instructions, ORM flush, just before COMMIT, during COMMIT from a second thread, after a call
returned but before it was reported), at the N-th write or sync SQLite makes on the files
(``syscall_kill.c``, preloaded; needs a C compiler, else those rounds become ``external``
ones), or by this process after a random delay. After each kill the file is reopened and
checked (``conftest.ledger_problems``) and matched against the child's testimony; the next
round carries on on the recovered file.

How many kills: ``CASHIER_FAULT_KILLS`` (default ``DEFAULT_KILLS``, a few dozen, for the
ordinary suite). The full run is::

    CASHIER_FAULT_KILLS=200 .venv/bin/pytest -s tests/safety/test_crash.py

``CASHIER_FAULT_SEED`` replays a run; the seed is in every failure and in the one-line
summary (kills survived by kind, operations committed, acknowledged, rolled back), which
``-s`` shows.
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cashier.ledger.database import Database
from tests.conftest import seed_office
from tests.safety import crash_child
from tests.safety.conftest import ledger_problems

DEFAULT_KILLS = 40
KILLS_ENV = "CASHIER_FAULT_KILLS"
SEED_ENV = "CASHIER_FAULT_SEED"
REPO = Path(__file__).resolve().parents[2]
# How far out the N-th kill point is drawn for each kind: about eight operations' worth
# (calibrated: ~26 statements, ~10 progress callbacks, ~1.5 flushes, one commit per
# operation), so a round dies early or late in a transaction within a second, and the
# database keeps growing from round to round.
POINTS = {"trace": 200, "vm": 80, "flush": 12, "commit": 8, "in_commit": 8, "returned": 8,
          # ~33 writes and syncs per operation: the whole first cycle of MAX_OPS, its
          # automatic checkpoint and the checkpoint when it closes.
          "syscall": 2700}
EXTERNAL_DELAY_S = 0.06
CHILD_TIMEOUT_S = 60.0

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")]


@dataclass
class ChildReport:
    """What the child said before it died."""

    ready: bool = False
    intents: list[tuple[str, str]] = field(default_factory=list)  # (uuid, op)
    done: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, path: Path) -> ChildReport:
        said = cls()
        text = path.read_text() if path.exists() else ""
        # A line cut short by the kill is no testimony; only whole lines count.
        for line in text.split("\n")[:-1]:
            words = line.split()
            if words == ["ready"]:
                said.ready = True
            elif words[0] == "intent":
                said.intents.append((words[1], words[2]))
            elif words[0] == "done":
                said.done.add(words[1])
            elif words[0] == "refused":
                said.refused.add(words[1])
        return said

    @property
    def in_flight(self) -> str | None:
        """The call the child was inside when it died, if any: it may or may not have
        committed, and either is correct."""
        if not self.intents:
            return None
        last = self.intents[-1][0]
        return None if last in self.done or last in self.refused else last


@dataclass
class Tally:
    rounds: int = 0
    killed: Counter[str] = field(default_factory=Counter)
    committed: int = 0  # operations the children left in the database
    acknowledged: int = 0  # of those, reported done by the child before it died
    unacknowledged: int = 0  # committed by the call the child died in, never reported
    rolled_back: int = 0  # the call the child died in, not committed: correctly absent
    refused: int = 0
    ops: Counter[str] = field(default_factory=Counter)

    def line(self, seed: int, seconds: float, receipts: int) -> str:
        kinds = ", ".join(f"{k} {self.killed[k]}" for k in crash_child.KINDS)
        made = ", ".join(f"{op} {n}" for op, n in sorted(self.ops.items()))
        return (f"crash safety: {sum(self.killed.values())}/{self.rounds} SIGKILLs survived "
                f"({kinds}); {self.committed} operations committed ({self.acknowledged} "
                f"acknowledged + {self.unacknowledged} committed unacknowledged; "
                f"{self.rolled_back} in-flight rolled back; {self.refused} refused) [{made}]; "
                f"{receipts} receipts; 0 lost, 0 half-written; seed {seed}; {seconds:.1f} s")


def kill_count() -> int:
    return int(os.environ.get(KILLS_ENV, DEFAULT_KILLS))


def op_uuids(path: Path) -> dict[str, str]:
    with closing(sqlite3.connect(path)) as conn:
        return dict(conn.execute("SELECT uuid, op FROM operations").fetchall())


@pytest.fixture(scope="module")
def syscall_shim(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """``syscall_kill.c`` built for LD_PRELOAD, or None where there is no C compiler."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or not sys.platform.startswith("linux"):
        return None
    out = tmp_path_factory.mktemp("shim") / "syscall_kill.so"
    subprocess.run([cc, "-shared", "-fPIC", "-O2", "-Wall", "-Werror", "-o", str(out),
                    str(Path(__file__).with_name("syscall_kill.c")), "-ldl"], check=True)
    return out


class ForkServer:
    """``crash_child serve``: one Python that imported the program, forking a child a round."""

    def __init__(self, shim: Path | None) -> None:
        env = dict(os.environ)
        if shim is not None:
            env.update(LD_PRELOAD=str(shim), CRASH_SHIM=str(shim))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.safety.crash_child", "serve"], cwd=REPO, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.requests, self.answers = self.process.stdin, self.process.stdout

    def answer(self, timeout: float) -> int | None:
        """The server's next line as a number, or None if it has not come within ``timeout``."""
        ready, _, _ = select.select([self.answers], [], [], timeout)
        if not ready:
            return None
        line = self.answers.readline()
        if not line:
            pytest.fail(f"the fork server ended (status {self.process.wait(5)})")
        return int(line)

    def run(self, path: Path, log: Path, seed: int, kind: str, point: int,
            rng: random.Random) -> int:
        """One child: its exit status, ``-9`` when it was killed."""
        self.requests.write(f"{path} {log} {seed} {kind} {point}\n")
        self.requests.flush()
        pid = self.answer(CHILD_TIMEOUT_S)
        assert pid is not None, "the fork server did not answer"
        if kind == "external":
            status = self.kill_when_ready(pid, log, rng)
            if status is not None:
                return status
        status = self.answer(CHILD_TIMEOUT_S)
        if status is None:
            os.kill(pid, signal.SIGKILL)
            pytest.fail(f"the child working {path} hung for {CHILD_TIMEOUT_S} s")
        return status

    def kill_when_ready(self, pid: int, log: Path, rng: random.Random) -> int | None:
        deadline = time.monotonic() + CHILD_TIMEOUT_S
        while not ChildReport.read(log).ready and time.monotonic() < deadline:
            status = self.answer(0.005)  # it ended without ever being ready
            if status is not None:
                return status
        time.sleep(rng.uniform(0.0, EXTERNAL_DELAY_S))
        with suppress(ProcessLookupError):  # already ended; its status will say how
            os.kill(pid, signal.SIGKILL)
        return None

    def close(self) -> None:
        self.requests.close()
        self.process.wait(30)
        self.answers.close()


@pytest.fixture(scope="module")
def fork_server(syscall_shim: Path | None) -> Iterator[ForkServer]:
    server = ForkServer(syscall_shim)
    yield server
    server.close()


def test_sigkill_at_random_points_loses_nothing_committed(
        tmp_path: Path, fork_server: ForkServer, syscall_shim: Path | None) -> None:
    rounds = kill_count()
    seed = int(os.environ.get(SEED_ENV) or random.randrange(2**32))
    rng = random.Random(seed)
    path = tmp_path / "terminal.sqlite3"
    with Database.open(path) as db:
        seed_office(db)
    known = op_uuids(path)
    tally = Tally()
    started = time.monotonic()
    for n in range(rounds):
        kind = crash_child.KINDS[n % len(crash_child.KINDS)]
        if kind == "syscall" and syscall_shim is None:
            kind = "external"
        point = rng.randint(1, POINTS.get(kind, 1))
        log = tmp_path / f"round-{n:03d}.log"
        where = f"round {n} (kill {kind} at {point}; {SEED_ENV}={seed})"
        status = fork_server.run(path, log, rng.randrange(2**32), kind, point, rng)
        err = Path(f"{log}.err")
        assert status == -signal.SIGKILL, (
            f"{where}: the child was not killed but ended with {status}:\n"
            + (err.read_text(errors="replace") if err.exists() else ""))
        tally.rounds += 1
        tally.killed[kind] += 1

        problems = ledger_problems(path)
        assert problems == [], f"{where}: " + "\n".join(problems)

        said = ChildReport.read(log)
        now = op_uuids(path)
        lost_old = known.keys() - now.keys()
        assert not lost_old, f"{where}: operations of earlier rounds vanished: {lost_old}"
        new = now.keys() - known.keys()
        missing = said.done - new
        assert not missing, f"{where}: acknowledged operations are not in the database: " \
            f"{missing}"
        unreported = new - said.done
        assert unreported <= {said.in_flight}, (
            f"{where}: operations nobody acknowledged or was writing: {unreported}")
        assert not (said.refused & now.keys()), f"{where}: a refused operation was written"

        tally.committed += len(new)
        tally.acknowledged += len(said.done)
        tally.unacknowledged += len(unreported)
        tally.rolled_back += said.in_flight is not None and said.in_flight not in new
        tally.refused += len(said.refused)
        tally.ops.update(now[u] for u in new)
        known = now

    with closing(sqlite3.connect(path)) as conn:
        receipts = int(conn.execute("SELECT COUNT(*) FROM receipts").fetchone()[0])
    print("\n" + tally.line(seed, time.monotonic() - started, receipts))
    assert tally.committed > 0
