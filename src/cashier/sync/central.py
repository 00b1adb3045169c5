"""Central's side: applying the terminals' pushed operations to the office ledger.

Every pushed operation runs through the same service functions a counter runs (the journal's
``PARSERS``), keeping its UUID, so central's receipts, sessions and entries are the terminals'
own and the office Daily Cash Report is computed the same way as a terminal's. A batch is one
transaction with a savepoint per operation, and the inbox row is stamped applied in that same
transaction, so each operation takes effect exactly once however often it was pushed.

A terminal's operations apply in its own order. One that central refuses (say, dated a day
the office already closed) stops that terminal's stream — its later operations would depend
on it — and the stop is recorded in ``sync_terminals`` for a supervisor; other terminals go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import exists, select, text
from sqlalchemy.orm import Session

from cashier.ledger.database import Database, joined
from cashier.ledger.journal.apply import parse
from cashier.ledger.journal.read import read_line
from cashier.ledger.rules.errors import Refused
from cashier.ledger.rules.values import now
from cashier.ledger.store.models import Operation, SyncInbox, SyncTerminal
from cashier.ledger.store.outbox import same_operation

BATCH = 500
APPLIER_LOCK = 727275  # one applier at a time, whichever machine runs it


@dataclass
class ApplyResult:
    applied: int = 0
    stopped: dict[str, str] = field(default_factory=dict)  # terminal → why it is stopped


def apply_pending(central: Database, *, batch: int = BATCH) -> ApplyResult:
    """Apply pushed operations until none are left that can apply."""
    total = ApplyResult()
    while True:
        result = apply_batch(central, batch=batch)
        total.applied += result.applied
        total.stopped.update(result.stopped)
        if result.applied == 0:
            return total


def apply_batch(central: Database, *, batch: int = BATCH) -> ApplyResult:
    result = ApplyResult()
    with central.write() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": APPLIER_LOCK})
        progress = {t.terminal: t for t in session.scalars(select(SyncTerminal))}
        stopped = {t for t, p in progress.items() if p.stopped_seq is not None}
        result.stopped = {t: progress[t].stopped_reason or "" for t in stopped}
        rows = session.scalars(select(SyncInbox).where(SyncInbox.applied_at.is_(None))
                               .order_by(SyncInbox.id).limit(batch)).all()
        with joined(session):
            for row in rows:
                if row.terminal in stopped:
                    continue
                mark = progress.get(row.terminal)
                if mark is None:
                    mark = progress[row.terminal] = SyncTerminal(terminal=row.terminal,
                                                                 applied_seq=0)
                    session.add(mark)
                reason = _apply_one(central, session, row)
                if reason is not None:
                    mark.stopped_seq, mark.stopped_reason = row.terminal_seq, reason
                    stopped.add(row.terminal)
                    result.stopped[row.terminal] = reason
                    continue
                at = now()
                row.applied_at = at
                mark.applied_seq, mark.applied_at = row.terminal_seq, at
                result.applied += 1
    return result


def _apply_one(central: Database, session: Session, row: SyncInbox) -> str | None:
    """Run one pushed operation; the reason it was refused, or None when it went through."""
    if session.scalar(select(exists().where(Operation.uuid == row.uuid))):
        return None  # written at central by another path (a journal load); never twice
    try:
        fields = read_line(row.body)
        action = parse(fields)
        # One savepoint around the whole operation: an action that writes twice is still
        # all-or-nothing when its second write is refused.
        with session.begin_nested(), same_operation(fields.optional_text("uuid") or row.uuid):
            action(central)
    except Refused as exc:
        return f"operation {row.terminal_seq} ({_op_name(row.body)}) refused ({exc.rule}): {exc}"
    return None


def _op_name(body: str) -> str:
    try:
        return str(read_line(body).op)
    except Refused:
        return "unreadable"


def resume(central: Database, terminal: str) -> bool:
    """Let a stopped terminal's operations apply again (after the cause was put right)."""
    with central.write() as session:
        mark = session.get(SyncTerminal, terminal)
        if mark is None or mark.stopped_seq is None:
            return False
        mark.stopped_seq = mark.stopped_reason = None
        return True


def terminals(central: Database) -> list[SyncTerminal]:
    with central.read() as session:
        rows = list(session.scalars(select(SyncTerminal).order_by(SyncTerminal.terminal)))
        session.expunge_all()
        return rows
