"""Putting a backup in place of the terminal database, and then putting back what central
holds from this terminal after that backup was taken.

A restore never deletes: the current file and its ``-wal``/``-shm`` are renamed to
``<name>.replaced-<time>`` first. A restored terminal that has joined central may be behind
central: what it pushed after the backup was taken is at central but no longer in the file,
and its next receipt number may already be one central holds. So the restore leaves a mark
(and a trigger refusing any new operation) until ``recover`` has read those operations back
from central's inbox and replayed them through the service layer, with their own UUIDs and
receipt numbers. Nothing is doubled: central's insert is idempotent on the UUID, the replayed
operations are marked sent, and the unsent ones from the backup go again and are ignored.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.backup.check import PENDING_KEY, VerifyReport, json_object, verify
from cashier.ledger.backup.folder import HASH_CHUNK, STAMP
from cashier.ledger.backup.take import BackupError, fsync_dir
from cashier.ledger.database import Database, joined
from cashier.ledger.journal import replay as journal_replay
from cashier.ledger.receipts.payments import receipt_number
from cashier.ledger.rules.errors import ReplayStopped
from cashier.ledger.rules.values import now
from cashier.ledger.store.models import Operation, SyncInbox, SyncState, Terminal

UUID_CHUNK = 10_000

# sync_state keys the sync package owns (cashier.sync.state); the ledger may not import it.
TERMINAL_KEY = "terminal"
ACCOUNTS_CURSOR_KEY = "accounts_cursor"

GUARD_TRIGGER = "backup_restore_pending"
GUARD_MESSAGE = ("restore: this terminal was restored from a backup; a supervisor runs "
                 "'cashier backup recover' before anything is posted")
_GUARD_SQL = (f"CREATE TRIGGER IF NOT EXISTS {GUARD_TRIGGER} BEFORE INSERT ON operations "
              "BEGIN SELECT RAISE(ABORT, '" + GUARD_MESSAGE.replace("'", "''") + "'); END")

# Replay refusals that mean "this file lacks reference data the lost part of the day had
# pulled" (an account added at central since the backup): pull once, then replay again.
MISSING_REFERENCE = frozenset({"unknown_account", "unknown_item", "unknown_service",
                               "unknown_gl_account", "unknown_user", "unknown_drawer"})


# -- restore ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    backup: Path
    replaced: tuple[Path, ...]  # the files moved aside (never deleted)
    report: VerifyReport
    pending: bool  # joined central: recover() must run before anything is posted


def restore(backup: Path, db_path: Path) -> RestoreResult:
    """Put ``backup`` in place of ``db_path`` after verifying it; the current file and its
    WAL are moved aside, not deleted. The workstation must be closed."""
    backup, db_path = Path(backup), Path(db_path)
    if backup.resolve() == db_path.resolve():
        raise BackupError(f"{backup} is the database itself, not a backup of it")
    report = verify(backup)
    if not report.ok:
        raise BackupError(f"{backup} did not verify, nothing was restored:\n{report.text()}")
    _refuse_if_in_use(db_path)
    stamp = now().strftime(STAMP)
    moved: list[tuple[Path, Path]] = []
    for suffix in ("", "-wal", "-shm", "-journal"):
        current = Path(f"{db_path}{suffix}")
        if current.exists():
            # "<name>.replaced-<time>-wal" beside "<name>.replaced-<time>": SQLite opens the
            # pair together, so what was replaced can still be read as it was.
            aside = current.with_name(f"{db_path.name}.replaced-{stamp}{suffix}")
            os.replace(current, aside)
            moved.append((current, aside))
    replaced = [aside for _, aside in moved]
    incoming = db_path.with_name(f".{db_path.name}.restoring-{uuid.uuid4().hex[:8]}")
    try:
        with backup.open("rb") as src, incoming.open("wb") as dst:
            while chunk := src.read(HASH_CHUNK):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(incoming, db_path)
    except OSError as exc:
        # A full disk must not leave the counter with no database at all: put back what was.
        for current, aside in moved:
            os.replace(aside, current)
        raise BackupError(f"{backup} could not be copied in ({exc}); {db_path} was left as "
                          "it was") from None
    finally:
        incoming.unlink(missing_ok=True)
    fsync_dir(db_path.parent)
    with Database.open(db_path, create=False) as db:
        pending = _mark_restored(db, backup, replaced)
    return RestoreResult(db_path, backup, tuple(replaced), report, pending)


def _refuse_if_in_use(db_path: Path) -> None:
    """Moving a file another program has open would send that program's next payment into
    the replaced file, so an open database is refused."""
    if not db_path.exists():
        return
    try:
        conn = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        # An exclusive lock is granted only when no other connection has the file open
        # (WAL readers hold a shared lock on it for as long as they are connected).
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BackupError(f"{db_path} is in use (the workstation or another cashier "
                              "command has it open); close it, then restore") from None
    except sqlite3.DatabaseError:
        pass  # damaged beyond locking: nothing can be using it successfully either
    finally:
        conn.close()


def _mark_restored(db: Database, backup: Path, replaced: Sequence[Path]) -> bool:
    with db.write() as session:
        terminal = session.get(SyncState, TERMINAL_KEY)
        pending = terminal is not None
        if pending:
            ops = session.scalar(select(Operation.seq).order_by(Operation.seq.desc()).limit(1))
            mark = {"backup": backup.name, "restored_at": now().isoformat(timespec="seconds"),
                    "operations": ops or 0, "terminal": terminal.value if terminal else ""}
            _put(session, PENDING_KEY, json.dumps(mark))
            # Belt and braces under the start-up check: whatever path a write takes, no new
            # operation (and so no receipt number) until recover() drops this in its own
            # transaction.
            session.execute(text(_GUARD_SQL))
        audit.record(session, "config_change", "system", at=now(), subject="database",
                     detail={"restored_from": backup.name,
                             "replaced": [p.name for p in replaced],
                             "waits_for_central": pending})
    return pending


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def pending_restore(db: Database) -> dict[str, Any] | None:
    with db.read() as session:
        row = session.get(SyncState, PENDING_KEY)
        return None if row is None else json_object(row.value)


# -- after a restore: central's operations back into the file ---------------------------------


@dataclass(frozen=True)
class LostOperation:
    uuid: str
    terminal_seq: int
    body: str


@dataclass(frozen=True)
class RecoverResult:
    replayed: int
    receipts: tuple[str, ...]  # receipt numbers taken back from central
    next_receipt: str
    aligned: bool  # the file's operation numbers are central's again
    pulled_first: bool = False  # reference data had to be pulled before the replay
    counts: dict[str, int] = field(default_factory=dict)


Pull = Callable[[Database, Engine, str], object]


def lost_operations(db: Database, central: Engine) -> list[LostOperation]:
    """This terminal's operations that central holds but the file does not, in the order
    they were written. Needs a login that may read central's inbox (office or owner)."""
    with db.read() as session:
        terminal = session.get(SyncState, TERMINAL_KEY)
        top = session.scalar(select(Operation.seq).order_by(Operation.seq.desc()).limit(1)) or 0
    if terminal is None:
        return []
    query = (select(SyncInbox.uuid, SyncInbox.terminal_seq, SyncInbox.body)
             .where(SyncInbox.terminal == terminal.value, SyncInbox.terminal_seq > top)
             .order_by(SyncInbox.id))
    try:
        with central.connect() as conn:
            rows = conn.execute(query).all()
    except sqlalchemy.exc.ProgrammingError as exc:
        raise BackupError(
            f"central refused to list this terminal's operations ({_first_line(exc)}). A "
            "terminal's own login may not read central's inbox: use an office login "
            "(--central URL, or CASHIER_OFFICE_URL)") from None
    except sqlalchemy.exc.DBAPIError as exc:
        raise BackupError(f"central could not be reached: {_first_line(exc)}") from None
    known: set[str] = set()
    with db.read() as session:
        for start in range(0, len(rows), UUID_CHUNK):  # under SQLite's bound-variable limit
            known.update(session.scalars(select(Operation.uuid).where(
                Operation.uuid.in_([r.uuid for r in rows[start:start + UUID_CHUNK]]))))
    return [LostOperation(u, s, b) for u, s, b in rows if u not in known]


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def recover(db: Database, central: Engine, *, pull: Pull | None = None) -> RecoverResult:
    """Replay the operations central holds from this terminal after the restored backup,
    then allow posting again. All or nothing: a refused replay leaves the file as it was,
    still refusing new operations.

    ``pull`` (``cashier.sync.pull.pull``) is used only when an operation needs reference data
    the backup lacks; the accounts cursor is then set back, so that the next sync takes
    central's balances again over this replay's."""
    pending = pending_restore(db)
    if pending is None:
        raise BackupError("this database is not waiting for a recovery")
    lost = lost_operations(db, central)
    try:
        planned = journal_replay.plan(op.body for op in lost)
    except ReplayStopped as exc:
        raise BackupError(f"central's operation {lost[exc.line - 1].terminal_seq} cannot be "
                          f"read: {exc}") from None
    pulled = False
    try:
        report = _replay(db, lost, planned, accounts_cursor=None)
    except ReplayStopped as exc:
        if pull is None or exc.rule not in MISSING_REFERENCE:
            raise _stopped(lost, exc) from None
        with db.read() as session:
            cursor = session.get(SyncState, ACCOUNTS_CURSOR_KEY)
        terminal = str(pending.get("terminal") or "")
        pull(db, central, terminal)
        pulled = True
        try:
            report = _replay(db, lost, planned,
                             accounts_cursor=cursor.value if cursor else "0")
        except ReplayStopped as again:
            raise _stopped(lost, again) from None
    with db.read() as session:
        top = session.scalar(select(Operation.seq).order_by(Operation.seq.desc()).limit(1)) or 0
        terminal_code = str(pending.get("terminal") or "")
        last = session.scalar(select(Terminal.last_receipt_seq)
                              .where(Terminal.code == terminal_code)) or 0
    receipts = tuple(r for r in (json_object(op.body).get("receipt") for op in lost
                                 if json_object(op.body).get("op") == "payment") if r)
    aligned = not lost or top == lost[-1].terminal_seq
    return RecoverResult(len(lost), receipts, receipt_number(terminal_code, last + 1),
                         aligned, pulled, dict(report.operations))


def _stopped(lost: Sequence[LostOperation], exc: ReplayStopped) -> BackupError:
    seq = lost[exc.line - 1].terminal_seq if 0 < exc.line <= len(lost) else "?"
    return BackupError(f"central's operation {seq} of this terminal could not be replayed "
                       f"({exc.rule}): {exc.message}. Nothing was changed; the terminal still "
                       "refuses new operations")


def _replay(db: Database, lost: Sequence[LostOperation],
            planned: Sequence[journal_replay.PlannedOp],
            accounts_cursor: str | None) -> journal_replay.ReplayReport:
    with db.write() as session, joined(session):
        session.execute(text(f"DROP TRIGGER IF EXISTS {GUARD_TRIGGER}"))
        report = journal_replay.apply(db, planned)
        if lost:
            # Central has them (they were read from its inbox): they are not a backlog.
            session.execute(update(Operation).where(
                Operation.uuid.in_([op.uuid for op in lost])).values(sent_at=now()))
        if accounts_cursor is not None:
            _put(session, ACCOUNTS_CURSOR_KEY, accounts_cursor)
        row = session.get(SyncState, PENDING_KEY)
        if row is not None:
            session.delete(row)
        audit.record(session, "config_change", "system", at=now(), subject="database",
                     detail={"recovered_from_central": len(lost)})
    return report
