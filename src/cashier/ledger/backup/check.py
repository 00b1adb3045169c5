"""Whether a terminal database or one of its backups is whole, and whether the counter may
open the database.

The start-up check (``check_database``) must cost next to nothing on a million-account file:
it reads the 100-byte header (is this SQLite, is the file as long as the header says) and
the schema. Only when that looks wrong does it run ``quick_check(1)`` to say what is wrong;
a full ``integrity_check`` runs on ``cashier backup verify`` and before every restore. A file
that is whole but was restored and still waits for its recovery from central is refused too,
so the mark that a restore leaves is read here.
"""

from __future__ import annotations

import json
import shlex
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from cashier.ledger.audit import trail as audit
from cashier.ledger.backup.folder import (
    BackupInfo,
    backup_dir,
    backups,
    checksum,
    read_manifest,
)
from cashier.ledger.database import Database
from cashier.ledger.receipts.payments import receipt_number
from cashier.ledger.rules.errors import CashierError

BUSY_TIMEOUT_S = 10.0

SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGIC = (0x377F0682, 0x377F0683)

# The mark a restore leaves in sync_state; backup_restore writes and clears it.
PENDING_KEY = "restore_pending"

# A header whose page count is more than the file holds: truncated, unless a crash in the
# middle of a checkpoint left the count ahead of the file, which quick_check tells apart.
_SHORTER_THAN_HEADER = "the file is truncated: its header"


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
    manifest = read_manifest(path)
    if manifest is not None:
        digest, size = checksum(path)
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
        if chain.first_broken is not None:
            problems.append(f"audit trail broken at row {chain.first_broken}: {chain.reason}")
        if chain.missing_guards:
            problems.append("guard triggers missing (dropped outside the program): "
                            + ", ".join(chain.missing_guards))
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
            digest, size = checksum(backup.path)
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
    return json_object(row[0]) if row else None


def json_object(value: str) -> dict[str, Any]:
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
