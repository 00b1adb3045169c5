"""Putting a backup in place of the terminal database.

A restore never deletes: the current file and its ``-wal``/``-shm`` are renamed to
``<name>.replaced-<time>`` first. A restored terminal that has joined central may be behind
central: what it pushed after the backup was taken is at central but no longer in the file,
and its next receipt number may already be one central holds. So the restore leaves a mark
(and a trigger refusing any new operation) until ``cashier.sync.recover`` has read those
operations back from central's inbox and replayed them through the service layer, with their
own UUIDs and receipt numbers; central's tables are the sync package's, never read here.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.backup.check import PENDING_KEY, VerifyReport, json_object, verify
from cashier.ledger.backup.folder import HASH_CHUNK, STAMP
from cashier.ledger.backup.take import BackupError, fsync_dir
from cashier.ledger.database import Database
from cashier.ledger.rules.values import now
from cashier.ledger.store import key_values
from cashier.ledger.store.models import Operation, SyncState
from cashier.ledger.store.private_files import create_private

# The sync_state key the sync package writes on joining (cashier.sync.state.TERMINAL); the
# ledger may not import it. A terminal that never joined has nothing at central to recover.
TERMINAL_KEY = "terminal"

GUARD_TRIGGER = "backup_restore_pending"
GUARD_MESSAGE = ("restore: this terminal was restored from a backup; a supervisor runs "
                 "'cashier backup recover' before anything is posted")
_GUARD_SQL = (f"CREATE TRIGGER IF NOT EXISTS {GUARD_TRIGGER} BEFORE INSERT ON operations "
              "BEGIN SELECT RAISE(ABORT, '" + GUARD_MESSAGE.replace("'", "''") + "'); END")

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
        create_private(incoming)
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
            key_values.put(session, SyncState, PENDING_KEY, json.dumps(mark))
            # Belt and braces under the start-up check: whatever path a write takes, no new
            # operation (and so no receipt number) until recover() drops this in its own
            # transaction.
            session.execute(text(_GUARD_SQL))
        audit.record(session, "config_change", "system", at=now(), subject="database",
                     detail={"restored_from": backup.name,
                             "replaced": [p.name for p in replaced],
                             "waits_for_central": pending})
    return pending


def pending_restore(db: Database) -> dict[str, Any] | None:
    with db.read() as session:
        row = session.get(SyncState, PENDING_KEY)
        return None if row is None else json_object(row.value)


def lift_guard(session: Session) -> None:
    """Let operations be written again, in the recovery's own transaction (before it replays
    central's operations through the service layer)."""
    session.execute(text(f"DROP TRIGGER IF EXISTS {GUARD_TRIGGER}"))


def drop_mark(session: Session) -> None:
    """The recovery is complete: the start-up check no longer stops the terminal."""
    row = session.get(SyncState, PENDING_KEY)
    if row is not None:
        session.delete(row)
