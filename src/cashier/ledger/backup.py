"""Backups of the terminal database, their verification, restore, and the start-up check.

A backup is SQLite's online backup of the live database (readers and writers go on: the copy
reads one WAL snapshot) into ``<db dir>/backups/<stem>-YYYYMMDDTHHMMSS[-reason].sqlite3``.
It is written under a hidden temporary name, switched to a single self-contained file
(rollback journal, no WAL beside it), fsync'd, checked with ``quick_check`` and only then
renamed into place, with a JSON manifest beside it holding its SHA-256. So a file with a
backup's name is whole, and a later flipped byte is found by its checksum. A copy that fails
its check is never kept and never pushes a good generation out.

The start-up check (``check_database``) must cost next to nothing on a million-account file:
it reads the 100-byte header (is this SQLite, is the file as long as the header says) and
the schema. Only when that looks wrong does it run ``quick_check(1)`` to say what is wrong;
a full ``integrity_check`` runs on ``cashier backup verify`` and before every restore.

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

import datetime as dt
import hashlib
import json
import os
import re
import shlex
import sqlite3
import threading
import tomllib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Engine, create_engine, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from cashier.ledger import audit, journal_replay
from cashier.ledger.database import Database, joined
from cashier.ledger.errors import CashierError, ReplayStopped
from cashier.ledger.models import Operation, SyncInbox, SyncState, Terminal
from cashier.ledger.payments import receipt_number
from cashier.ledger.values import now

BACKUP_DIR = "backups"
DEFAULT_GENERATIONS = 10
DEFAULT_INTERVAL_MINUTES = 60
MAX_INTERVAL_MINUTES = 7 * 24 * 60  # a week; a Qt timer counts milliseconds in 32 bits
BUSY_TIMEOUT_S = 10.0
HASH_CHUNK = 1 << 20
UUID_CHUNK = 10_000
STALE_PARTIAL_S = 3600  # a temporary copy this old was left by a crash, not by a backup running

SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGIC = (0x377F0682, 0x377F0683)

# sync_state keys the sync package owns (cashier.sync.state); the ledger may not import it.
TERMINAL_KEY = "terminal"
ACCOUNTS_CURSOR_KEY = "accounts_cursor"
PENDING_KEY = "restore_pending"
GUARD_TRIGGER = "backup_restore_pending"
GUARD_MESSAGE = ("restore: this terminal was restored from a backup; a supervisor runs "
                 "'cashier backup recover' before anything is posted")
_GUARD_SQL = (f"CREATE TRIGGER IF NOT EXISTS {GUARD_TRIGGER} BEFORE INSERT ON operations "
              "BEGIN SELECT RAISE(ABORT, '" + GUARD_MESSAGE.replace("'", "''") + "'); END")

# Replay refusals that mean "this file lacks reference data the lost part of the day had
# pulled" (an account added at central since the backup): pull once, then replay again.
MISSING_REFERENCE = frozenset({"unknown_account", "unknown_item", "unknown_service",
                               "unknown_gl_account", "unknown_user", "unknown_drawer"})

_NAME = re.compile(r"-(\d{8}T\d{6})(?:-(\d+))?(?:-([a-z][a-z_]*))?\.sqlite3$")
_REASON = re.compile(r"[a-z][a-z_]*")
_STAMP = "%Y%m%dT%H%M%S"
_DAMAGE = re.compile(r"malformed|not a database|corrupt", re.IGNORECASE)
# A header whose page count is more than the file holds: truncated, unless a crash in the
# middle of a checkpoint left the count ahead of the file, which quick_check tells apart.
_SHORTER_THAN_HEADER = "the file is truncated: its header"
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


class DatabaseDamaged(CashierError):
    """The terminal database is corrupt or truncated; the message names the way back."""

    def __init__(self, path: Path, problem: str, latest: BackupInfo | None, *,
                 found_by: str = "is damaged and was not opened") -> None:
        super().__init__(damaged_message(path, problem, latest, found_by=found_by))
        self.path = path
        self.problem = problem
        self.latest = latest


class RestorePending(CashierError):
    """The database was restored and central's later operations are not replayed yet."""


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


# -- the backups of a database ----------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # local time, from the name
    number: int  # 2, 3 … for a second backup in the same second
    reason: str
    manifest: dict[str, Any] | None

    @property
    def name(self) -> str:
        return self.path.name

    def last_receipts(self) -> str:
        receipts = (self.manifest or {}).get("receipts") or {}
        return ", ".join(receipt_number(t, int(n)) for t, n in sorted(receipts.items())) \
            or "no receipts"

    def saved(self) -> str:
        """What the workstation's status bar says once it is written."""
        return f"Backup saved: {self.name} (last receipt: {self.last_receipts()})"

    def summary(self) -> str:
        size = self.path.stat().st_size if self.path.exists() else 0
        return (f"{self.name}  {self.taken_at:%Y-%m-%d %H:%M:%S}  {self.reason or '-'}  "
                f"{size / 1e6:.1f} MB  last receipt: {self.last_receipts()}")


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIR


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def backups(db_path: Path) -> list[BackupInfo]:
    """The backups of ``db_path``, oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    found = []
    for path in folder.iterdir():
        if not path.name.startswith(stem + "-"):
            continue
        match = _NAME.fullmatch(path.name[len(stem):])
        if match is None:
            continue
        stamp, number, reason = match.groups()
        try:
            taken = dt.datetime.strptime(stamp, _STAMP)
        except ValueError:
            continue  # digits that are no time: not a name this program gave
        found.append(BackupInfo(path, taken, int(number or 1), reason or "",
                                _read_manifest(path)))
    return sorted(found, key=lambda b: (b.taken_at, b.number))


def _read_manifest(backup: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


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
        facts = _copy_live(db, partial)
        problems = facts.pop("quick_check")
        if problems != ["ok"]:
            raise DatabaseDamaged(path, "a copy of it fails SQLite's quick_check ("
                                  + "; ".join(problems[:3]) + ")", latest_good(path),
                                  found_by=_FOUND_BY_BACKUP)
        _fsync(partial)
        digest, size = _sha256(partial)
        final = folder / name
        os.replace(partial, final)
        manifest = {"file": name, "database": str(path), "taken_at": taken.isoformat(),
                    "reason": reason, "bytes": size, "sha256": digest, **facts}
        _write_atomically(manifest_path(final), json.dumps(manifest, indent=1) + "\n")
        _fsync_dir(folder)
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
    stamp = taken.strftime(_STAMP)
    # After the last one of this second, never in a gap pruning left: names sort by age.
    number = 1 + max((b.number for b in backups(path) if b.taken_at.strftime(_STAMP) == stamp),
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


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)  # Windows flushes only a handle opened for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
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
        with partial.open("w", encoding="utf-8") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


# -- checking a file --------------------------------------------------------------------------


def header_problem(path: Path) -> str | None:
    """What the file's size and 100-byte header say is wrong with it, or None. Reads 100
    bytes: cheap enough for every start."""
    size = path.stat().st_size
    if size == 0:
        return "the file is empty (0 bytes)"
    if size < 100:
        return f"the file is truncated ({size} bytes, shorter than a SQLite header)"
    with path.open("rb") as f:
        head = f.read(100)
    if head[:16] != SQLITE_MAGIC:
        return "the file is not a SQLite database (its first bytes are not a SQLite header)"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"its header is damaged (page size {page_size})"
    if size % page_size:
        return (f"the file is truncated: {size} bytes is not a whole number of "
                f"{page_size}-byte pages")
    pages = int.from_bytes(head[28:32], "big")
    # The header's page count is trustworthy only when it was written with the change
    # counter it is stamped with (SQLite file format, offsets 24 and 92).
    if pages and head[24:28] == head[92:96] and pages * page_size > size:
        return (f"{_SHORTER_THAN_HEADER} counts {pages} pages ({pages * page_size} bytes) "
                f"but the file has {size} bytes")
    return None


def _wal_problem(path: Path) -> str | None:
    wal = Path(f"{path}-wal")
    try:
        size = wal.stat().st_size
    except OSError:
        return None
    if size == 0:
        return None
    with wal.open("rb") as f:
        head = f.read(32)
    if len(head) < 32 or int.from_bytes(head[:4], "big") not in WAL_MAGIC:
        return f"its write-ahead log {wal.name} is damaged (its header is not a WAL header)"
    return None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_S, isolation_level=None,
                           check_same_thread=False)
    conn.execute("PRAGMA query_only = 1")
    return conn


def quick_problem(path: Path) -> str | None:
    """The start-up check: header and size, then open and read the schema; ``quick_check(1)``
    only when one of those fails, to confirm it and say what SQLite found."""
    suspect = header_problem(path) or _wal_problem(path)
    if suspect is not None and not suspect.startswith(_SHORTER_THAN_HEADER):
        return suspect  # certain without SQLite's word: not SQLite at all, or cut mid-page
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        return f"SQLite cannot open it ({exc})"
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if suspect is None:
                return None
        except sqlite3.DatabaseError as exc:
            if "unable to open" in str(exc):
                return None  # permissions or a read-only folder, not damage: open says which
            found_by_sqlite = f"SQLite cannot read its schema ({exc})"
            suspect = f"{suspect}; {found_by_sqlite}" if suspect else found_by_sqlite
        # The cheap look failed: let SQLite confirm it, and name the damage if it can.
        try:
            found = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
        except sqlite3.DatabaseError as exc:
            return f"{suspect}; quick_check: {exc}"
        if found == ["ok"] and suspect.startswith(_SHORTER_THAN_HEADER):
            return None  # the header's count was stale and every page is there after all
        return f"{suspect}; quick_check: {found[0] if found else 'no answer'}"
    finally:
        conn.close()


@dataclass(frozen=True)
class VerifyReport:
    path: Path
    problems: tuple[str, ...]
    facts: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        head = f"{self.path}: {'OK' if self.ok else 'DAMAGED'}"
        lines = [head, *(f"  ok: {f}" for f in self.facts),
                 *(f"  PROBLEM: {p}" for p in self.problems)]
        return "\n".join(lines)


def verify(path: Path) -> VerifyReport:
    """Everything that can be checked about a backup (or the live database) without writing:
    its checksum against the manifest, SQLite's full ``integrity_check``, and the ledger's
    cheap invariants: every journal entry sums to zero (C2), receipt numbers are gapless per
    terminal (C1), the audit chain verifies (C15)."""
    path = Path(path)
    if not path.is_file():
        return VerifyReport(path, (f"there is no file {path}",))
    problems: list[str] = []
    facts: list[str] = []
    manifest = _read_manifest(path)
    if manifest is not None:
        digest, size = _sha256(path)
        if digest != manifest.get("sha256") or size != manifest.get("bytes"):
            problems.append(f"its checksum differs from the one written when the backup was "
                            f"taken ({size} bytes now, {manifest.get('bytes')} then): the "
                            "file changed since")
        else:
            facts.append("checksum matches the backup's manifest")
    header = header_problem(path) or _wal_problem(path)
    if header is not None:
        return VerifyReport(path, (*problems, header), tuple(facts))
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as exc:
        return VerifyReport(path, (*problems, f"SQLite cannot open it ({exc})"), tuple(facts))
    try:
        try:
            found = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
        except sqlite3.DatabaseError as exc:  # damage so bad the check itself cannot go on
            found = [str(exc)]
        if found != ["ok"]:
            problems += [f"integrity_check: {line}" for line in found[:5]]
            return VerifyReport(path, tuple(problems), tuple(facts))
        facts.append("SQLite integrity_check ok")
        _ledger_invariants(conn, problems, facts)
    except sqlite3.DatabaseError as exc:
        problems.append(f"SQLite cannot read it ({exc})")
    finally:
        conn.close()
    if not problems:
        chain = _audit_chain(path)
        if chain.ok:
            facts.append(f"audit trail: {chain.rows} rows, chain verifies (C15)")
        else:
            problems.append(f"audit trail broken at row {chain.first_broken}: {chain.reason}")
    return VerifyReport(path, tuple(problems), tuple(facts))


def _ledger_invariants(conn: sqlite3.Connection, problems: list[str], facts: list[str]) -> None:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone() \
            is None:
        problems.append("it is not a cashier database (no schema version)")
        return
    unbalanced = conn.execute("SELECT entry_id, sum(amount_cents) FROM postings "
                              "GROUP BY entry_id HAVING sum(amount_cents) <> 0 "
                              "ORDER BY entry_id LIMIT 5").fetchall()
    entries = conn.execute("SELECT count(*) FROM journal_entries").fetchone()[0]
    if unbalanced:
        problems.append("journal entries that do not sum to zero (C2): "
                        + ", ".join(f"#{e} ({s:+d} cents)" for e, s in unbalanced))
    else:
        facts.append(f"{entries} journal entries, each sums to zero (C2)")
    for terminal, count, low, high, last in conn.execute(
            "SELECT r.terminal, count(*), min(r.seq), max(r.seq), t.last_receipt_seq "
            "FROM receipts r LEFT JOIN terminals t ON t.code = r.terminal "
            "GROUP BY r.terminal ORDER BY r.terminal"):
        if high - low + 1 != count or (last is not None and last != high):
            problems.append(f"receipt numbers of {terminal} are not gapless (C1): {count} "
                            f"receipts from {receipt_number(terminal, low)} to "
                            f"{receipt_number(terminal, high)}, numbering at "
                            f"{receipt_number(terminal, last or 0)}")
        else:
            facts.append(f"receipts {receipt_number(terminal, low)} to "
                         f"{receipt_number(terminal, high)}, gapless (C1)")
    ops, unsent = conn.execute("SELECT count(*), count(*) - count(sent_at) "
                               "FROM operations").fetchone()
    facts.append(f"{ops} operations, {unsent} not yet sent to central")


def _audit_chain(path: Path) -> audit.ChainReport:
    engine = create_engine("sqlite://", creator=lambda: _connect_read_only(path),
                           poolclass=NullPool)
    try:
        return audit.verify(Database(engine, path))
    finally:
        engine.dispose()


def _quickly_good(backup: BackupInfo) -> bool:
    """A backup that still is what was written (checksum), or, without a manifest, one that
    SQLite's quick_check accepts."""
    try:
        if backup.manifest is not None:
            digest, size = _sha256(backup.path)
            return digest == backup.manifest.get("sha256") and size == backup.manifest.get(
                "bytes")
        if quick_problem(backup.path) is not None:
            return False
        conn = _connect_read_only(backup.path)
        try:
            return [r[0] for r in conn.execute("PRAGMA quick_check(1)")] == ["ok"]
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def latest_good(db_path: Path) -> BackupInfo | None:
    """The newest backup of ``db_path`` that is still whole (by checksum)."""
    for backup in reversed(backups(db_path)):
        if _quickly_good(backup):
            return backup
    return None


def restore_command(path: Path, backup: Path) -> str:
    return f"cashier --db {shlex.quote(str(path))} backup restore {shlex.quote(str(backup))}"


def damaged_message(path: Path, problem: str, latest: BackupInfo | None, *,
                    found_by: str = "is damaged and was not opened") -> str:
    lines = [f"The terminal database {path} {found_by}: {problem}."]
    if latest is None:
        lines += [f"No good backup of it was found in {backup_dir(path)}.",
                  "Do not delete or overwrite the file; a supervisor calls for support. "
                  "Operations already sent to central are safe there."]
    else:
        lines += [f"The latest good backup is {latest.path} (taken "
                  f"{latest.taken_at:%Y-%m-%d %H:%M:%S}, last receipt: "
                  f"{latest.last_receipts()}).",
                  "A supervisor closes the workstation and runs:",
                  f"    {restore_command(path, latest.path)}",
                  f"The damaged file is kept beside it as {Path(path).name}.replaced-<time>; "
                  "nothing is deleted."]
    return "\n".join(lines)


def check_database(path: Path, *, allow_pending: bool = False) -> None:
    """The start-up check: raise DatabaseDamaged (naming the latest good backup and the exact
    restore command) when ``path`` is corrupt or truncated, and RestorePending when it was
    restored and is waiting for ``recover``. A missing file is a new database, unless it
    has backups: then it was lost, and a new empty ledger must not quietly take its place."""
    path = Path(path).absolute()  # the command in the message must work from any folder
    if not path.exists():
        if backups(path):
            raise DatabaseDamaged(path, "its backups are there but the file is gone",
                                  latest_good(path), found_by="is missing")
        return
    try:
        if path.stat().st_size == 0 and not backups(path):
            return  # a database being created (nothing was ever backed up from it)
        problem = quick_problem(path)
    except OSError:
        return  # unreadable rather than damaged: Database.open reports it in its own words
    if problem is not None:
        raise DatabaseDamaged(path, problem, latest_good(path))
    if not allow_pending:
        pending = _pending_in_file(path)
        if pending is not None:
            raise RestorePending(pending_message(path, pending))


def _pending_in_file(path: Path) -> dict[str, Any] | None:
    conn = _connect_read_only(path)
    try:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?",
                           (PENDING_KEY,)).fetchone()
    except sqlite3.OperationalError:
        return None  # a database from before sync (no sync_state): never restored-and-joined
    finally:
        conn.close()
    return _loads(row[0]) if row else None


def _loads(value: str) -> dict[str, Any]:
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def pending_message(path: Path, pending: dict[str, Any]) -> str:
    return "\n".join([
        f"{path} was restored from the backup {pending.get('backup', '?')} on "
        f"{pending.get('restored_at', '?')}. Operations this terminal sent to central after "
        "that backup are not in the file yet, and a new receipt could reuse a number central "
        "already holds, so nothing is posted until they are put back.",
        "A supervisor runs, with central reachable and an office login:",
        f"    cashier --db {shlex.quote(str(path))} backup recover --central <office URL>",
        "(or sets CASHIER_OFFICE_URL and leaves out --central).",
    ])


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
    stamp = now().strftime(_STAMP)
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
    _fsync_dir(db_path.parent)
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
        return None if row is None else _loads(row.value)


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
    receipts = tuple(r for r in (_loads(op.body).get("receipt") for op in lost
                                 if _loads(op.body).get("op") == "payment") if r)
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
