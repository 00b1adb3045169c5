"""The child process of the crash harness (``test_crash.py``): it works a terminal database
through the real service functions until it is killed with SIGKILL.

Usage: ``python -m tests.safety.crash_child DB LOG SEED KIND N`` for one child, or
``python -m tests.safety.crash_child serve``: a fork server that imports the program once
and then, for each line ``DB LOG SEED KIND N`` on its standard input, forks a child that
does that, answering with the child's pid and then its exit status (as ``subprocess`` gives
it: ``-9`` for SIGKILL). Starting Python and importing the program takes most of a second;
forking takes a millisecond, so the harness can afford hundreds of kills. The child's
standard error goes to ``LOG.err``.

``KIND`` says where the child kills itself, at the ``N``-th such point:

- ``trace``: as SQLite starts the N-th statement (sqlite3 trace callback; BEGIN and COMMIT
  included), so mid-transaction or just before the commit;
- ``vm``: in SQLite's progress handler, every ``VM_STEPS`` virtual-machine instructions, so
  half-way through an INSERT or UPDATE;
- ``flush``: after the N-th ORM flush, with rows written but not committed;
- ``commit``: just before the N-th COMMIT is sent;
- ``in_commit``: from a second thread a random few hundred microseconds after the N-th COMMIT
  starts; Python lets go of the GIL inside ``sqlite3_step``, so this lands inside SQLite
  writing and syncing the WAL, or in whatever follows if the commit was quicker;
- ``returned``: after the N-th service call returned, before the child reports it (the
  committed-but-never-acknowledged case);
- ``syscall``: ``syscall_kill.c``, preloaded by the parent (its path in ``CRASH_SHIM``) and
  armed by the child, kills it at the N-th write, truncate or sync of the database's files:
  between two WAL frames, before the WAL is synced, during a checkpoint; half the time the
  fatal write is left half done (a torn page);
- ``external``: never; the parent kills the child after a random delay.

The child works in cycles of ``MAX_OPS`` operations, each ending with ``Database.dispose``
(whose last connection checkpoints the WAL into the file, another place to die), until it is
killed; after ``MAX_CYCLES`` it gives up and exits 0, which the parent reports as a round
that was never killed.

The log is the child's testimony, one line per fact, each written and fsync'd before the
child goes on: ``ready`` once the database is open; ``intent UUID OP`` before a service call
(the call writes its operation under that UUID, see ``operations.same_operation``);
``done UUID`` after the call returned, i.e. after its transaction committed;
``refused UUID RULE`` when the call refused, having written nothing.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import os
import random
import signal
import sqlite3
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event, func, select
from sqlalchemy.orm import Session

from cashier.ledger.database import Database
from cashier.ledger.drawer.cash_movements import drop, no_sale, paid_out
from cashier.ledger.drawer.sessions import (
    CloseCount,
    activity,
    approve_close,
    close_drawer,
    oldest_waiting,
    open_drawer,
)
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.drawer_math import expected
from cashier.ledger.rules.errors import Refused
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Payment,
)
from cashier.ledger.store.models import DrawerSession, Operation, Receipt
from cashier.ledger.store.outbox import same_operation

KINDS = ("trace", "vm", "flush", "commit", "in_commit", "returned", "syscall", "external")
VM_STEPS = 100
MAX_OPS = 80
MAX_CYCLES = 10
# Every operation is dated this business day, one second apart, so the Daily Cash Report of
# that one day covers everything the harness ever wrote.
DAY_START = dt.datetime(2026, 11, 23, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=-7)))
FLOAT = {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 20}  # the seeded drawers' 200.00
CASHIER_OF = {"D1": "ana", "D2": "raj", "D3": "sam"}
ROUTING = "111000025"


class Killer:
    """Counts the chosen kind of kill point and sends SIGKILL to this process at the N-th."""

    def __init__(self, kind: str, n: int, rng: random.Random) -> None:
        self.kind = kind
        self.n = n
        self.rng = rng
        self.seen = 0
        if kind == "flush":
            event.listen(Session, "after_flush", lambda *_: self.point("flush"))

    def point(self, kind: str) -> None:
        if kind != self.kind:
            return
        self.seen += 1
        if self.seen != self.n:
            return
        if kind == "in_commit":
            # A COMMIT here (WAL, synchronous=FULL) takes 0.2-0.5 ms: the kill lands inside
            # it (WAL frames written, not yet synced ...) or just after it.
            delay = self.rng.uniform(0.0, 0.0005)
            threading.Thread(target=_kill_after, args=(delay,), daemon=True).start()
        else:
            _kill_after(0.0)

    def install(self, db: Database) -> None:
        if self.kind in ("trace", "vm"):
            event.listen(db.engine, "connect", self._on_connect)
            # The pool may already hold the connection Database.open used; start afresh so
            # every connection carries the hooks.
            db.engine.dispose()
        elif self.kind in ("commit", "in_commit"):
            event.listen(db.engine, "commit", self._on_commit)

    def _on_commit(self, conn: Connection) -> None:
        # Reads end in a COMMIT too; only a write transaction's commit is a point worth dying at.
        if conn.get_execution_options().get("sqlite_begin") == "IMMEDIATE":
            self.point(self.kind)

    def _on_connect(self, dbapi_conn: sqlite3.Connection, _record: object) -> None:
        if self.kind == "trace":
            dbapi_conn.set_trace_callback(lambda _sql: self.point("trace"))
        else:
            def progress() -> int:
                self.point("vm")
                return 0  # go on: the kill, when it comes, is the only interruption

            dbapi_conn.set_progress_handler(progress, VM_STEPS)


def _kill_after(delay: float) -> None:
    if delay:
        time.sleep(delay)
    os.kill(os.getpid(), signal.SIGKILL)


class Testimony:
    """The child's log: append-only, each line on disk before the child moves on."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def say(self, *words: str) -> None:
        os.write(self.fd, (" ".join(words) + "\n").encode())
        os.fsync(self.fd)


@dataclass
class Drawers:
    """What the database says each drawer can do next."""

    open_session: dict[str, int]  # drawer -> open session id
    awaiting: list[str]  # drawers with a closed session no supervisor approved yet
    voidable: dict[str, list[str]]  # drawer -> completed receipts of its open session


def look(db: Database) -> Drawers:
    with db.read() as s:
        sessions = s.execute(select(DrawerSession.drawer, DrawerSession.id)
                             .where(DrawerSession.status == "open")).all()
        awaiting = s.scalars(select(DrawerSession.drawer).where(
            DrawerSession.status == "closed", DrawerSession.approved_by.is_(None))).all()
        voidable: dict[str, list[str]] = {}
        for drawer, session_id in sessions:
            voidable[drawer] = list(s.scalars(select(Receipt.number).where(
                Receipt.session_id == session_id, Receipt.status == "completed")))
        return Drawers({d: i for d, i in sessions}, list(awaiting), voidable)


def other_supervisor(cashier: str, rng: random.Random) -> str:
    return "lee" if cashier == "sam" else rng.choice(["sam", "lee"])


def a_payment(drawer: str, cashier: str, at: dt.datetime, rng: random.Random) -> Payment:
    shape = rng.randrange(5)
    if shape == 0:
        return Payment(drawer, cashier, (ItemSale("DOGA"),),
                       (CashTender(rng.choice([2000, 5000])),), at)
    if shape == 1:
        amount = rng.randrange(500, 9000)
        return Payment(drawer, cashier, (AccountPayment(rng.choice(["1000001", "1000002"]),
                                                        amount),),
                       (CheckTender(amount, str(rng.randrange(1000, 9999)), ROUTING),), at)
    if shape == 2:
        amount = rng.randrange(1000, 40000)
        return Payment(drawer, cashier, (ItemSale("BLDP", reference=f"P-{rng.randrange(999)}",
                                                  unit_amount=amount),),
                       (CardTender(amount, "VISA", "4242", f"A{rng.randrange(99999):05d}"),), at)
    if shape == 3:
        amount = rng.randrange(1000, 6000)
        return Payment(drawer, cashier, (ItemSale("PARK", reference=f"C-{rng.randrange(999)}",
                                                  unit_amount=amount),),
                       (CashTender(amount + rng.choice([0, 25, 1000])),), at)
    return Payment(drawer, cashier, (ItemSale("TRNS"), ItemSale("DOGA")),
                   (MoneyOrderTender(7500, str(rng.randrange(10**6))),), at)


def exact_count(db: Database, session_id: int, rng: random.Random) -> CloseCount:
    """What the drawer should hold, sometimes a little off so over/short gets posted too."""
    with db.read() as s:
        row = s.get_one(DrawerSession, session_id)
        owed = expected(activity(s, row))
    cash = owed.cash + rng.choice([0, 0, 0, -100, 37])
    cash = max(cash, 0)
    return CloseCount(cash={"1.00": cash // 100, "0.01": cash % 100},
                      checks=(("all", owed.check),) if owed.check else (),
                      money_orders=(("all", owed.money_order),) if owed.money_order else (),
                      card_batch=owed.card)


def next_step(db: Database, rng: random.Random, at: dt.datetime
              ) -> tuple[str, Callable[[], Any]]:
    """The next operation as (journal op name, call), chosen from what the drawers allow."""
    state = look(db)
    drawer = rng.choice(sorted(CASHIER_OF))
    cashier = CASHIER_OF[drawer]
    if drawer in state.awaiting:
        supervisor = other_supervisor(cashier, rng)
        return "approve_close", lambda: approve_close(
            db, drawer, supervisor, "crash harness", session=oldest_waiting(db, drawer, cashier),
            at=at)
    if drawer not in state.open_session:
        return "open_drawer", lambda: open_drawer(db, drawer, cashier, FLOAT, at=at)
    roll = rng.random()
    receipts = state.voidable.get(drawer, [])
    if roll < 0.5 or (roll < 0.6 and not receipts):
        payment = a_payment(drawer, cashier, at, rng)
        return "payment", lambda: post_payment(db, payment)
    if roll < 0.6:
        number = rng.choice(receipts)
        approver = other_supervisor(cashier, rng)
        return "void", lambda: void_receipt(db, number, cashier=cashier, approver=approver,
                                            reason="crash harness", at=at)
    if roll < 0.7:
        witness = "lee" if cashier != "lee" else "sam"
        return "drop", lambda: drop(db, drawer, cashier, witness, {"20.00": 1}, at=at)
    if roll < 0.8:
        return "no_sale", lambda: no_sale(db, drawer, cashier, "make change", at=at)
    if roll < 0.9:
        approver = other_supervisor(cashier, rng)
        amount = rng.randrange(100, 900)
        return "paid_out", lambda: paid_out(db, drawer, cashier, approver, amount, "101-5200",
                                            "postage", at=at)
    count = exact_count(db, state.open_session[drawer], rng)
    return "close_drawer", lambda: close_drawer(db, drawer, cashier, count, at=at)


def arm_shim(db_path: Path, n: int, torn: bool) -> None:
    shim = os.environ.get("CRASH_SHIM")
    if not shim or shim not in os.environ.get("LD_PRELOAD", ""):
        raise SystemExit("kill kind syscall needs syscall_kill.so in LD_PRELOAD and CRASH_SHIM")
    # dlopen of a preloaded library hands back the loaded copy, whose calls are the
    # process's write() and fdatasync().
    arm = ctypes.CDLL(shim).crash_arm
    arm.argtypes = [ctypes.c_long, ctypes.c_char_p, ctypes.c_int]
    arm(n, str(db_path.resolve()).encode(), int(torn))


def run(db_path: Path, log_path: Path, seed: int, kind: str, n: int) -> None:
    rng = random.Random(seed)
    log = Testimony(log_path)
    killer = Killer(kind, n, rng)
    if kind == "syscall":
        arm_shim(db_path, n, rng.random() < 0.5)
    for cycle in range(MAX_CYCLES):
        work(db_path, log, rng, killer, ready=cycle == 0)


def work(db_path: Path, log: Testimony, rng: random.Random, killer: Killer, *,
         ready: bool) -> None:
    db = Database.open(db_path, create=False)
    killer.install(db)
    with db.read() as s:
        done_before = s.scalar(select(func.count()).select_from(Operation)) or 0
    if ready:
        log.say("ready")
    for i in range(MAX_OPS):
        at = DAY_START + dt.timedelta(seconds=done_before + i)
        op, call = next_step(db, rng, at)
        ident = str(uuid.uuid4())
        log.say("intent", ident, op)
        try:
            with same_operation(ident):
                call()
        except Refused as exc:
            log.say("refused", ident, exc.rule.replace(" ", "_"))
            continue
        killer.point("returned")
        log.say("done", ident)
    db.dispose()


def run_args(args: list[str]) -> None:
    db_path, log_path, seed, kind, n = args
    if kind not in KINDS:
        raise SystemExit(f"unknown kill kind {kind!r}; one of {', '.join(KINDS)}")
    run(Path(db_path), Path(log_path), int(seed), kind, int(n))


def forked(args: list[str]) -> None:
    """The forked child: never returns into the server's loop."""
    status = 1
    try:
        err = os.open(f"{args[1]}.err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(err, 2)
        run_args(args)
        status = 0
    except SystemExit as exc:
        print(exc, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(status)  # the server's buffers and handlers are not this child's to run


def serve() -> int:
    while line := sys.stdin.readline():
        args = line.split()
        pid = os.fork()
        if pid == 0:
            forked(args)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)
    return 0


def main(argv: list[str]) -> int:
    if argv == ["serve"]:
        return serve()
    run_args(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
