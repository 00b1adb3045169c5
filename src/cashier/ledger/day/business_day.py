"""Closing a business day (C12).

A day closes only when every drawer session of it is closed and approved and its deposit is
made and verified. From then on nothing dated that day changes: every change is refused in
``operations.record_op`` and, underneath, the database refuses journal entries and receipts
dated a closed day. Corrections are made on an open day and refer to the original.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import not_balanced
from cashier.ledger.reference import users
from cashier.ledger.rules.errors import DayClosed, DepositRefused, SessionState
from cashier.ledger.rules.values import now
from cashier.ledger.store.models import BusinessDay, Deposit, DrawerSession
from cashier.ledger.store.outbox import record_op


@audit.refusals_logged("close_day", actor="supervisor")
def close_day(db: Database, day: dt.date, supervisor: str, *,
              at: dt.datetime | None = None) -> BusinessDay:
    at = at or now()
    with db.write() as session:
        users.require_supervisor(session, supervisor, acting_for="closing the business day")
        closed = session.get(BusinessDay, day)
        if closed is not None:
            raise DayClosed(f"business day {day} is already closed by {closed.closed_by}")
        rows = list(session.scalars(select(DrawerSession)
                                    .where(DrawerSession.business_date == day)))
        waiting = not_balanced(rows)
        if waiting:
            raise SessionState(f"business day {day} cannot close: drawers not balanced: "
                               f"{', '.join(waiting)}")
        if rows and session.scalar(select(Deposit.id).where(Deposit.business_date == day)) \
                is None:
            raise DepositRefused(f"business day {day} cannot close before its deposit is "
                                 "made and verified")
        # The op first: once the day is marked closed, nothing dated it is written, this
        # line included when the close happens on the day itself.
        record_op(session, "close_day", at, {"date": day.isoformat(), "supervisor": supervisor})
        row = BusinessDay(business_date=day, closed_by=supervisor, closed_at=at)
        session.add(row)
        audit.record(session, "approval", supervisor, at=at, subject=f"day:{day}",
                     detail={"act": "close_day"})
        session.flush()
        return row

