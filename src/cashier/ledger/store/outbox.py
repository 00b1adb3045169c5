"""Writing the operations journal (SPEC §4): each state change as one versioned JSON line.

The line is written by the same service function, in the same transaction, as the change it
describes, so the journal and the ledger can never disagree; it doubles as the sync outbox.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cashier.ledger.rules.card_data import refuse_card_data
from cashier.ledger.rules.errors import DayClosed, DuplicateOperation
from cashier.ledger.rules.values import business_date
from cashier.ledger.store import guards
from cashier.ledger.store.compiled import Statement
from cashier.ledger.store.models import BusinessDay, Operation

VERSION = 1

# Replay (and central, applying a terminal's operations) runs the ordinary service functions;
# this lets the rebuilt journal keep each operation's original UUID without widening every
# service signature, so a replayed operation is recognised as the same one, never a new one.
_replaying: ContextVar[str | None] = ContextVar("replaying", default=None)
# Set for the same span even when the replayed line carries no UUID: a refusal met while
# replaying is the original's, so nothing (not even its audit row, see audit.refusals_logged)
# may be written for it.
_in_replay: ContextVar[bool] = ContextVar("in_replay", default=False)

# Plain statements built once, run on SQLite's cursor: every change writes one operation,
# and loading the day and flushing this one row through the ORM cost a third of a payment
# (docs/performance.md).
_BUSINESS_DAYS, _OPERATIONS = cast(Table, BusinessDay.__table__), cast(Table, Operation.__table__)
_CLOSED_BY = Statement(select(_BUSINESS_DAYS.c.closed_by).where(
    _BUSINESS_DAYS.c.business_date == bindparam("day")))
_APPEND = Statement(insert(_OPERATIONS))


@contextmanager
def same_operation(op_uuid: str | None) -> Iterator[None]:
    token, replay = _replaying.set(op_uuid), _in_replay.set(True)
    try:
        yield
    finally:
        _in_replay.reset(replay)
        _replaying.reset(token)


def replaying() -> bool:
    """True while an operation from a journal or a terminal's outbox is being applied."""
    return _in_replay.get()


def op_line(body: dict[str, Any]) -> str:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)


def record_op(session: Session, op: str, at: dt.datetime, fields: dict[str, Any],
              *, op_uuid: str | None = None) -> None:
    """Append operation ``op`` with ``fields`` (already in journal form: decimal strings).

    Every change passes through here inside its own transaction, so this is where a change
    dated a closed business day is refused (C12), and one carrying a card number in any of
    its texts (C13), or one made while a guard trigger is missing (SPEC §11), and the whole
    change with it.
    """
    guards.refuse_if_missing(session.info.get("missing_guards", ()))
    refuse_card_data(op, fields)
    day = business_date(at)
    session.flush()  # a plain read does not autoflush; a day closed in this session counts
    conn = session.connection()
    closed = _CLOSED_BY.first(conn, {"day": day})
    if closed is not None and closed.closed_by is not None:
        raise DayClosed(f"business day {day} was closed by {closed.closed_by}; make the "
                        "correction on an open day, referring to the original")
    ident = op_uuid or _replaying.get() or str(uuid.uuid4())
    body: dict[str, Any] = {"v": VERSION, "op": op, "uuid": ident, "at": at.isoformat()}
    body.update(fields)
    try:
        _APPEND.run(conn, {"uuid": ident, "op": op, "at": at, "business_date": day,
                           "body": op_line(body)})
    except IntegrityError as exc:
        if "uuid" not in str(exc.orig):
            raise  # another guard (a trigger) refused it, in its own words
        # The same operation, resent or applied again: the caller's transaction rolls back
        # whole, so it takes effect exactly once.
        raise DuplicateOperation(f"operation {ident} ({op}) was already recorded; it takes "
                                 "effect only once") from None
