"""Storage faults (issue #11): a full disk, a read-only database and a database another
program holds each give a clear error naming what is wrong, from the service functions and
from ``cashier pay``, and lose nothing already posted; two program instances on one file
wait for each other and never share a receipt number.
"""

from __future__ import annotations

import ctypes
import io
import multiprocessing
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from cashier.cli.main import main
from cashier.ledger import database
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.receipts.payments import post_payment, take_payment
from cashier.ledger.receipts.records import ReceiptRecord
from cashier.ledger.rules.errors import DatabaseLocked, DiskFull, ReadOnlyDatabase
from cashier.ledger.rules.values import CashTender, ItemSale, Payment
from tests.conftest import AT, PINS
from tests.safety.conftest import ledger_problems, snapshot

PAY = ["pay", "--drawer", "D1", "--cashier", "ana", "--item", "DOGA", "--tender", "cash=20.00"]
SHORT_TIMEOUT_MS = 300


def dog_license(drawer: str = "D1", cashier: str = "ana") -> Payment:
    return Payment(drawer, cashier, (ItemSale("DOGA"),), (CashTender(2000),), AT)


def cashier_pay(path: Path, monkeypatch: pytest.MonkeyPatch,
                capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``cashier pay`` run in this process, with ana's PIN on standard input: (status, what it
    printed on standard error)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(PINS["ana"] + "\n"))
    capsys.readouterr()
    status = main(["--db", str(path), *PAY], out=lambda _line: None)
    return status, capsys.readouterr().err


def assert_clear(err: str, *words: str) -> None:
    assert "Traceback" not in err and "sqlalchemy" not in err.lower(), err
    assert err.startswith("error: "), err
    for word in words:
        assert word in err, err


# --- a full disk -------------------------------------------------------------------------------


def cap_file_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection the program opens from now on may not grow the file past its size
    then: SQLite answers a write that needs one more page exactly as when the disk is full
    (SQLITE_FULL, "database or disk is full")."""
    connect = database._on_sqlite_connect

    def capped(dbapi_conn: sqlite3.Connection, record: object) -> None:
        connect(dbapi_conn, record)
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(database, "_on_sqlite_connect", capped)


def test_a_full_disk_refuses_the_payment_and_keeps_everything_posted(
        busy_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cap_file_size(monkeypatch)
    posted: list[str] = []
    with Database.open(busy_file, create=False) as db:
        for _ in range(500):  # the free space left in the file's pages goes first
            before = snapshot(busy_file)
            try:
                posted.append(post_payment(db, dog_license()).number)
            except DiskFull as exc:
                refused = exc
                break
        else:
            pytest.fail("the capped file never filled up")
    assert "is full" in str(refused) and "not saved" in str(refused)
    assert str(busy_file) in str(refused)
    assert snapshot(busy_file) == before
    assert ledger_problems(busy_file) == []
    monkeypatch.undo()
    # The refused payment took no receipt number: the next one follows on.
    with Database.open(busy_file, create=False) as db:
        assert post_payment(db, dog_license()).number == f"T01-{3 + len(posted) + 1:06d}"


def test_cashier_pay_on_a_full_disk_says_so_and_changes_nothing(
        busy_file: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    cap_file_size(monkeypatch)
    with Database.open(busy_file, create=False) as db:
        # Fill every page the command would write to: receipts and the rest, and the audit
        # trail its sign-in writes to.
        with pytest.raises(DiskFull):  # noqa: PT012
            for _ in range(500):
                post_payment(db, dog_license())
        with pytest.raises(DiskFull):  # noqa: PT012
            for _ in range(500):
                audit.log(db, "sign_out", "ana")
    before = snapshot(busy_file)
    status, err = cashier_pay(busy_file, monkeypatch, capsys)
    assert status == 1
    assert_clear(err, str(busy_file), "is full")
    assert snapshot(busy_file) == before


# --- a read-only database --------------------------------------------------------------------


CAP_DAC_OVERRIDE = 1
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


@contextmanager
def file_modes_honoured() -> Iterator[None]:
    """Make this thread subject to file permissions even as root.

    Root writes a file whatever its mode (CAP_DAC_OVERRIDE), so ``chmod`` alone proves nothing
    there. Capabilities are per thread on Linux: this drops the one from this thread's
    effective set (it stays permitted) and raises it again on the way out. SQLite opens and
    writes its files on the calling thread, so the program sees what a clerk's account sees.
    """
    if os.geteuid() != 0:
        yield
        return
    if not sys.platform.startswith("linux"):
        pytest.skip("running as root off Linux: chmod does not stop root writing")
    libc = ctypes.CDLL(None, use_errno=True)
    data = (_CapData * 2)()
    if libc.capget(ctypes.byref(_CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)), data) != 0:
        pytest.skip("running as root and capget failed: chmod does not stop root writing")
    saved = data[0].effective
    data[0].effective = saved & ~(1 << CAP_DAC_OVERRIDE)
    if libc.capset(ctypes.byref(_CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)), data) != 0:
        pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE (errno "
                    f"{ctypes.get_errno()}): chmod does not stop root writing")
    try:
        yield
    finally:
        data[0].effective = saved
        assert libc.capset(ctypes.byref(_CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)), data) == 0


def sqlite_files(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


@contextmanager
def read_only(path: Path, *, folder: bool = False) -> Iterator[None]:
    """The database file (or, with ``folder``, the folder it is in) made read-only."""
    target = path.parent if folder else path
    mode = target.stat().st_mode & 0o777
    target.chmod(0o555 if folder else 0o444)
    try:
        with file_modes_honoured():
            yield
    finally:
        target.chmod(mode)
        # SQLite creates -wal and -shm with the database file's mode: give them theirs back.
        for extra in sqlite_files(path):
            extra.chmod(0o644)


@pytest.mark.parametrize("folder", [False, True], ids=["file", "folder"])
def test_a_read_only_database_refuses_the_payment_clearly(busy_file: Path, folder: bool) -> None:
    before = snapshot(busy_file)
    with read_only(busy_file, folder=folder), pytest.raises(ReadOnlyDatabase) as refused, \
            Database.open(busy_file, create=False) as db:
        post_payment(db, dog_license())
    message = str(refused.value)
    assert isinstance(refused.value, ReadOnlyDatabase)
    assert str(busy_file) in message and "read-only" in message and "not saved" in message
    assert snapshot(busy_file) == before
    assert ledger_problems(busy_file) == []


def test_cashier_pay_on_a_read_only_database_says_so(
        busy_file: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(busy_file)
    with read_only(busy_file):
        status, err = cashier_pay(busy_file, monkeypatch, capsys)
    assert status == 1
    assert_clear(err, str(busy_file), "read-only")
    assert snapshot(busy_file) == before


# --- a locked database, and a second program instance ------------------------------------------


@contextmanager
def held_exclusively(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the database's write lock (BEGIN EXCLUSIVE) until the block
    ends; it writes nothing."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        try:
            yield other
        finally:
            other.execute("ROLLBACK")


def test_a_locked_database_refuses_after_the_busy_timeout(
        busy_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", SHORT_TIMEOUT_MS)
    before = snapshot(busy_file)
    with Database.open(busy_file, create=False) as db, held_exclusively(busy_file):
        started = time.monotonic()
        with pytest.raises(DatabaseLocked, match="is locked: another program") as refused:
            post_payment(db, dog_license())
        waited = time.monotonic() - started
    assert waited >= SHORT_TIMEOUT_MS / 1000 * 0.9  # it waited for the lock before giving up
    assert str(busy_file) in str(refused.value) and "not saved" in str(refused.value)
    assert snapshot(busy_file) == before
    with Database.open(busy_file, create=False) as db:
        assert post_payment(db, dog_license()).number == "T01-000004"


def test_cashier_pay_on_a_locked_database_says_so(
        busy_file: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", SHORT_TIMEOUT_MS)
    before = snapshot(busy_file)
    with held_exclusively(busy_file):
        status, err = cashier_pay(busy_file, monkeypatch, capsys)
    assert status == 1
    assert_clear(err, str(busy_file), "is locked")
    assert snapshot(busy_file) == before


def test_a_writer_waits_for_the_lock_and_then_posts(busy_file: Path) -> None:
    """Within the busy timeout a held lock only delays the payment."""
    other = sqlite3.connect(busy_file, isolation_level=None, check_same_thread=False)
    try:
        with Database.open(busy_file, create=False) as db:
            other.execute("BEGIN EXCLUSIVE")
            threading.Timer(0.3, other.execute, ["ROLLBACK"]).start()
            started = time.monotonic()
            assert post_payment(db, dog_license()).number == "T01-000004"
            waited = time.monotonic() - started
    finally:
        other.close()
    assert waited >= 0.25
    assert ledger_problems(busy_file) == []


def test_a_second_instance_mid_payment_makes_the_other_wait_or_refuse(
        busy_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two program instances on one file: while one is inside a write, the other cannot
    start one; it is refused after the busy timeout with nothing written, or waits and then
    takes the next number."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", SHORT_TIMEOUT_MS)
    first = Database.open(busy_file, create=False)
    second = Database.open(busy_file, create=False)
    try:
        with first.write() as session:
            mine = take_payment(session, dog_license(), AT)
            with pytest.raises(DatabaseLocked):
                post_payment(second, dog_license("D2", "raj"))
        waiting: list[ReceiptRecord] = []
        with first.write() as session:
            later = take_payment(session, dog_license(), AT)
            thread = threading.Thread(
                target=lambda: waiting.append(post_payment(second, dog_license())))
            monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 10_000)
            second.dispose()  # new connections take the long timeout
            thread.start()
            time.sleep(0.2)
            assert waiting == []  # still waiting on the first instance's transaction
        thread.join(10)
    finally:
        first.dispose()
        second.dispose()
    assert (mine.number, later.number) == ("T01-000004", "T01-000005")
    assert [r.number for r in waiting] == ["T01-000006"]
    assert ledger_problems(busy_file) == []


PER_PROCESS = 25
Outcome = tuple[list[str], list[str], str]  # numbers taken, refusals, anything else raised


def post_many(path: Path, drawer: str, cashier: str, start: Barrier, results: Queue[Outcome]
              ) -> None:
    """One program instance: open the file, wait for the others, post dog licenses."""
    numbers: list[str] = []
    refused: list[str] = []
    error = ""
    try:
        with Database.open(path, create=False) as db:
            with suppress(threading.BrokenBarrierError):  # another was refused: go anyway
                start.wait(60)
            for _ in range(PER_PROCESS):
                try:
                    numbers.append(post_payment(db, dog_license(drawer, cashier)).number)
                except DatabaseLocked as exc:
                    refused.append(str(exc))
    except DatabaseLocked as exc:
        # SQLite's busy wait is not a queue: on a starved machine an instance can wait out
        # the whole timeout, even to open. A clean refusal is allowed; a mix-up is not.
        refused.append(str(exc))
        start.abort()
    except Exception as exc:  # reported, so the test fails with it instead of timing out
        error = repr(exc)
    finally:
        results.put((numbers, refused, error))


def test_concurrent_program_instances_never_share_a_receipt_number(busy_file: Path) -> None:
    # Two instances on the same drawer (so the same terminal's counter) and one on another.
    who = [("D1", "ana"), ("D1", "ana"), ("D2", "raj")]
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(len(who) + 1)
    results: Queue[Outcome] = ctx.Queue()
    workers = [ctx.Process(target=post_many, args=(busy_file, d, c, start, results))
               for d, c in who]
    for w in workers:
        w.start()
    with suppress(threading.BrokenBarrierError):
        start.wait(60)  # broken when an instance was refused before it opened: it says so
    got = [results.get(timeout=180) for _ in workers]
    for w in workers:
        w.join(30)
    assert [error for _, _, error in got if error] == []
    numbers = [n for posted, _, _ in got for n in posted]
    assert numbers, "no instance posted anything"
    assert len(numbers) == len(set(numbers)), "a receipt number was used twice"
    for refusal in (r for _, refused, _ in got for r in refused):
        assert "is locked" in refusal and "not saved" in refusal
    t01 = sorted(n for n in numbers if n.startswith("T01-"))
    assert t01 == [f"T01-{i:06d}" for i in range(4, 4 + len(t01))]
    with closing(sqlite3.connect(busy_file)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM receipts").fetchone()[0] == 3 + len(numbers)
    assert ledger_problems(busy_file) == []
