"""After a backup is restored: put back what central holds from this terminal since.

A restored terminal that has joined central may be behind it: what it pushed after the
backup was taken is in central's inbox but no longer in the file, and its next receipt
number may already be one central holds. ``cashier.ledger.backup.restore`` leaves a mark and
a trigger refusing new operations; ``recover`` reads those operations back from central's
inbox and replays them through the service layer, with their own UUIDs and receipt numbers,
then lifts the mark. Nothing is doubled: central's insert is idempotent on the UUID, the
replayed operations are marked sent, and the unsent ones from the backup go again and are
ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import sqlalchemy.exc
from sqlalchemy import Engine, select, update

from cashier.ledger.audit import trail as audit
from cashier.ledger.backup import restore
from cashier.ledger.backup.check import json_object
from cashier.ledger.backup.take import BackupError
from cashier.ledger.database import Database, joined
from cashier.ledger.journal import replay as journal_replay
from cashier.ledger.receipts.payments import receipt_number
from cashier.ledger.rules.errors import ReplayStopped
from cashier.ledger.rules.values import now
from cashier.ledger.store.models import Operation, SyncInbox, SyncState, Terminal
from cashier.sync import state

UUID_CHUNK = 10_000

# Replay refusals that mean "this file lacks reference data the lost part of the day had
# pulled" (an account added at central since the backup): pull once, then replay again.
MISSING_REFERENCE = frozenset({"unknown_account", "unknown_item", "unknown_service",
                               "unknown_gl_account", "unknown_user", "unknown_drawer"})


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
        terminal = session.get(SyncState, state.TERMINAL)
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
    pending = restore.pending_restore(db)
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
            cursor = session.get(SyncState, state.ACCOUNTS_CURSOR)
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
        restore.lift_guard(session)
        report = journal_replay.apply(db, planned)
        if lost:
            # Central has them (they were read from its inbox): they are not a backlog.
            session.execute(update(Operation).where(
                Operation.uuid.in_([op.uuid for op in lost])).values(sent_at=now()))
        if accounts_cursor is not None:
            state.put(session, state.ACCOUNTS_CURSOR, accounts_cursor)
        restore.drop_mark(session)
        audit.record(session, "config_change", "system", at=now(), subject="database",
                     detail={"recovered_from_central": len(lost)})
    return report
