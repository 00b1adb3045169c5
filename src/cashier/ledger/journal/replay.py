"""Rebuilding a database from an operations journal (SPEC §4).

Two passes: every line is read and checked first, so a corrupt file (bad JSON, unknown op,
wrong version, bad amounts) is refused before anything is written; then each operation runs
through the service layer in file order. The rebuild happens in a scratch file that becomes
the target only when every line went through, so a refused line leaves no half-built
database behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cashier.ledger.database import Database
from cashier.ledger.journal.apply import Action, parse
from cashier.ledger.journal.read import read_line
from cashier.ledger.rules.errors import CashierError, Refused, ReplayStopped
from cashier.ledger.store.outbox import same_operation


@dataclass(frozen=True)
class PlannedOp:
    line: int
    op: str
    uuid: str | None
    action: Action


@dataclass(frozen=True)
class ReplayReport:
    lines: int
    operations: dict[str, int]


def plan(lines: Iterable[str]) -> list[PlannedOp]:
    """Read and check every line; the first bad one stops it with its line number."""
    planned = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            fields = read_line(line)
            planned.append(PlannedOp(number, fields.op, fields.optional_text("uuid"),
                                     parse(fields)))
        except Refused as exc:
            raise ReplayStopped(number, exc.rule, exc.message) from None
    return planned


def decoded_lines(data: bytes) -> list[str]:
    """The file's lines as text. JSON Lines ends lines with LF (CRLF is taken too); every line
    must be UTF-8, and the first that is not is refused with its number and column."""
    lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.removesuffix(b"\r").decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ReplayStopped(number, "journal",
                                f"the line is not UTF-8 text (byte 0x{raw[exc.start]:02x} at "
                                f"column {exc.start + 1})") from None
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    return lines


def apply(db: Database, ops: Iterable[PlannedOp]) -> ReplayReport:
    """Run planned operations in order; the first refused one stops the replay."""
    counts: dict[str, int] = {}
    last = 0
    for op in ops:
        try:
            with same_operation(op.uuid):
                op.action(db)
        except Refused as exc:
            raise ReplayStopped(op.line, exc.rule, exc.message) from None
        counts[op.op] = counts.get(op.op, 0) + 1
        last = op.line
    return ReplayReport(last, counts)


def replay_file(source: Path, target: Path) -> ReplayReport:
    """Rebuild ``target`` (which must not exist yet) from the journal file ``source``."""
    if target.exists() and target.stat().st_size > 0:
        raise CashierError(f"{target} already exists; replay builds a new database")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise CashierError(f"cannot read journal {source}: {exc}") from None
    ops = plan(decoded_lines(data))
    scratch = target.with_name(target.name + ".replaying")
    _remove(scratch)
    try:
        with Database.open(scratch) as db:
            report = apply(db, ops)
            # A compact, self-contained copy with no WAL beside it, written only now that
            # every line went through. VACUUM cannot run inside SQLAlchemy's transaction.
            target.unlink(missing_ok=True)
            raw = db.engine.raw_connection()
            try:
                raw.driver_connection.execute("VACUUM INTO ?", (str(target),))  # type: ignore[union-attr]
            finally:
                raw.close()
    finally:
        _remove(scratch)
    return report


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
