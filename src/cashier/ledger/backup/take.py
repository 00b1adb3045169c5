"""Taking a backup of the terminal database while it stays in use, and keeping the newest
N of them.

A backup is SQLite's online backup of the live database (readers and writers go on: the copy
reads one WAL snapshot) into ``<db dir>/backups/<stem>-YYYYMMDDTHHMMSS[-reason].sqlite3``.
It is written under a hidden temporary name, switched to a single self-contained file
(rollback journal, no WAL beside it), fsync'd, checked with ``quick_check`` and only then
renamed into place, with a JSON manifest beside it holding its SHA-256. So a file with a
backup's name is whole, and a later flipped byte is found by its checksum. A copy that fails
its check is never kept and never pushes a good generation out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import threading
import tomllib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from sqlalchemy import text

from cashier.ledger.backup.check import BUSY_TIMEOUT_S, DatabaseDamaged, latest_good
from cashier.ledger.backup.folder import (
    STAMP,
    BackupInfo,
    backup_dir,
    backups,
    checksum,
    manifest_path,
)
from cashier.ledger.database import Database
from cashier.ledger.rules.errors import CashierError
from cashier.ledger.rules.values import now
from cashier.ledger.store.private_files import create_private

DEFAULT_GENERATIONS = 10
DEFAULT_INTERVAL_MINUTES = 60
MAX_INTERVAL_MINUTES = 7 * 24 * 60  # a week; a Qt timer counts milliseconds in 32 bits
STALE_PARTIAL_S = 3600  # a temporary copy this old was left by a crash, not by a backup running

_REASON = re.compile(r"[a-z][a-z_]*")
_DAMAGE = re.compile(r"malformed|not a database|corrupt", re.IGNORECASE)
_FOUND_BY_BACKUP = "is damaged (found while backing it up; no damaged copy was kept)"
# One backup at a time per process: the close and the schedule may both start one.
_TAKING = threading.Lock()

# Cheap to read, and changes whenever anything worth a new backup does: an operation, an
# audit row (sign-ins, reprints), or reference data pulled from central.
_FINGERPRINT = """
SELECT (SELECT coalesce(max(seq), 0) FROM operations),
       (SELECT coalesce(max(last_seq), 0) FROM audit_head),
       (SELECT coalesce(group_concat(key || '=' || value), '') FROM sync_state
        WHERE key IN ('catalog_cursor', 'accounts_cursor'))
"""


class BackupError(CashierError):
    """A backup, verification, restore or recovery that could not be done."""


# -- settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupSettings:
    """The settings file's ``[backup]`` table."""

    interval_minutes: int = DEFAULT_INTERVAL_MINUTES  # 0: no scheduled backups
    generations: int = DEFAULT_GENERATIONS


def load_settings(path: Path) -> BackupSettings:
    """``[backup]`` of the settings TOML at ``path`` (defaults when the file is absent)."""
    if not path.exists():
        return BackupSettings()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("backup", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BackupError(f"settings {path}: {exc}") from None
    if not isinstance(table, dict):
        raise BackupError(f"settings {path}: [backup] must be a table")
    unknown = set(table) - {"interval_minutes", "generations"}
    if unknown:  # a misspelt key silently ignored is a backup that never happens
        raise BackupError(f"settings {path}: [backup] has unknown key(s) {sorted(unknown)}")
    values = BackupSettings()
    interval = table.get("interval_minutes", values.interval_minutes)
    generations = table.get("generations", values.generations)
    for name, value, least, most in (("interval_minutes", interval, 0, MAX_INTERVAL_MINUTES),
                                     ("generations", generations, 1, 10_000)):
        if not isinstance(value, int) or isinstance(value, bool) or not least <= value <= most:
            raise BackupError(f"settings {path}: [backup] {name} must be a whole number "
                              f"from {least} to {most}")
    return BackupSettings(interval_minutes=interval, generations=generations)


# -- keeping N generations --------------------------------------------------------------------


def prune(db_path: Path, generations: int) -> list[Path]:
    """Delete all but the newest ``generations`` backups; returns what was deleted."""
    if generations < 1:
        raise BackupError("at least one backup generation is kept")
    gone = []
    for old in backups(db_path)[:-generations]:
        manifest_path(old.path).unlink(missing_ok=True)
        old.path.unlink(missing_ok=True)
        gone.append(old.path)
    return gone


# -- taking a backup --------------------------------------------------------------------------


def take_backup(db: Database, *, reason: str = "manual",
                generations: int = DEFAULT_GENERATIONS,
                skip_unchanged: bool = False) -> BackupInfo | None:
    """Back up ``db`` while it stays in use; None when ``skip_unchanged`` and nothing changed
    since the newest backup. Any failure is a BackupError (or DatabaseDamaged when the copy
    shows the live database itself is damaged); nothing half-written is left with a backup's
    name, and no older generation is removed unless the new one is good."""
    if db.path is None:
        raise BackupError("only a terminal's SQLite database is backed up")
    if not _REASON.fullmatch(reason):
        raise BackupError(f"backup reason {reason!r} must be lower-case letters")
    if generations < 1:
        raise BackupError("at least one backup generation is kept")
    path = Path(db.path)
    with _TAKING:
        try:
            if skip_unchanged:
                newest = next(reversed(backups(path)), None)
                with db.read() as session:
                    live = list(session.execute(text(_FINGERPRINT)).one())
                if newest is not None and (newest.manifest or {}).get("fingerprint") == live:
                    return None
            info = _take(db, path, reason)
            prune(path, generations)
            return info
        except sqlite3.DatabaseError as exc:
            if _DAMAGE.search(str(exc)):  # the live file could not even be read to copy it
                raise DatabaseDamaged(path, f"SQLite could not copy it ({exc})",
                                      latest_good(path), found_by=_FOUND_BY_BACKUP) from None
            raise BackupError(f"backup of {path} failed: {exc}") from None
        except (OSError, sqlalchemy.exc.SQLAlchemyError) as exc:
            raise BackupError(f"backup of {path} failed: {exc}") from None


def _take(db: Database, path: Path, reason: str) -> BackupInfo:
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(folder)
    taken = now()
    name, number = _free_name(path, taken, reason)
    partial = folder / f".{name}.partial-{uuid.uuid4().hex[:8]}"
    try:
        create_private(partial)  # a backup holds the whole ledger (SPEC §11)
        facts = _copy_live(db, partial)
        problems = facts.pop("quick_check")
        if problems != ["ok"]:
            raise DatabaseDamaged(path, "a copy of it fails SQLite's quick_check ("
                                  + "; ".join(problems[:3]) + ")", latest_good(path),
                                  found_by=_FOUND_BY_BACKUP)
        _fsync(partial)
        digest, size = checksum(partial)
        final = folder / name
        os.replace(partial, final)
        manifest = {"file": name, "database": str(path), "taken_at": taken.isoformat(),
                    "reason": reason, "bytes": size, "sha256": digest, **facts}
        _write_atomically(manifest_path(final), json.dumps(manifest, indent=1) + "\n")
        fsync_dir(folder)
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(final, taken.replace(tzinfo=None, microsecond=0), number, reason,
                      manifest)


def _copy_live(db: Database, target: Path) -> dict[str, Any]:
    """SQLite's online backup of ``db`` into ``target``; what the copy holds, as read from the
    copy itself (so the manifest describes exactly this snapshot)."""
    raw = db.engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        dest = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_S)
        try:
            # pages=-1: the whole copy in one step, inside one read snapshot of the WAL, so a
            # payment committed meanwhile never makes the copy start over.
            source.backup(dest, pages=-1)
            # One self-contained file: it can be copied, mailed or checked on its own.
            dest.execute("PRAGMA journal_mode = DELETE")
            facts = _facts(dest)
            facts["quick_check"] = [row[0] for row in dest.execute("PRAGMA quick_check(20)")]
        finally:
            dest.close()
    finally:
        raw.close()
    return facts


def _facts(conn: sqlite3.Connection) -> dict[str, Any]:
    ops, audit_rows, cursors = conn.execute(_FINGERPRINT).fetchone()
    receipts = dict(conn.execute("SELECT terminal, max(seq) FROM receipts GROUP BY terminal"))
    unsent = conn.execute("SELECT count(*) FROM operations WHERE sent_at IS NULL").fetchone()[0]
    return {"fingerprint": [ops, audit_rows, cursors], "operations": ops, "unsent": unsent,
            "audit_rows": audit_rows, "receipts": receipts}


def _free_name(path: Path, taken: dt.datetime, reason: str) -> tuple[str, int]:
    stamp = taken.strftime(STAMP)
    # After the last one of this second, never in a gap pruning left: names sort by age.
    number = 1 + max((b.number for b in backups(path) if b.taken_at.strftime(STAMP) == stamp),
                     default=0)
    middle = stamp if number == 1 else f"{stamp}-{number}"
    return f"{path.stem}-{middle}-{reason}.sqlite3", number


def _remove_stale_partials(folder: Path) -> None:
    cutoff = now().timestamp() - STALE_PARTIAL_S
    for partial in folder.glob(".*.partial-*"):
        try:
            if partial.stat().st_mtime < cutoff:
                partial.unlink()
        except OSError:
            pass  # another process's copy, or already gone: not ours to worry about


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)  # Windows flushes only a handle opened for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    # A rename is durable only once its directory is; Windows has no directory handle to sync.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(path: Path, content: str) -> None:
    partial = path.with_name(f".{path.name}.partial-{uuid.uuid4().hex[:8]}")
    try:
        create_private(partial)
        with partial.open("w", encoding="utf-8") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
