"""Drawer sessions carried by a day's journal export (SPEC §4): the ``drawer_state`` op.

A day may begin with a drawer that was opened the day before and is still open (a late
shift, a session handed to a relief cashier this morning), or with yesterday's close still
waiting for its approval. Replaying that day alone needs the session as it stood when the
day began: who runs it, when it was opened, and what it should hold. The export carries that
as ``held`` — the session's expected amounts per tender at the day's start, less what the
receipts carried alongside it (voided today) bring back in — so that today's handoff, close
and over/short come out exactly as they did. The session keeps its own business date: it
counts in its own day's report, never in the replayed day's.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cashier.ledger.drawer.sessions import ENDED, open_session_of, opening_totals
from cashier.ledger.reference import users
from cashier.ledger.rules.denominations import normalize_count
from cashier.ledger.rules.drawer_math import TENDERS, SessionActivity, TenderTotals, expected
from cashier.ledger.rules.errors import DrawerBusy, SessionState, UnknownDrawer
from cashier.ledger.rules.money import Cents, format_money
from cashier.ledger.rules.values import business_date
from cashier.ledger.store.models import (
    CashMovement,
    Drawer,
    DrawerSession,
    Receipt,
    ReceiptTender,
)

STATES = ("open", *ENDED)


@dataclass(frozen=True)
class CarriedSession:
    drawer: str
    cashier: str
    opened_at: dt.datetime
    float_count: Mapping[str, int]
    assigned_float: Cents
    held: TenderTotals
    status: str = "open"
    float_approver: str | None = None
    closed_at: dt.datetime | None = None
    handed_to: str | None = None
    counted: TenderTotals | None = None
    expected: TenderTotals | None = None
    recounted: bool = False


def session_opened(session: Session, drawer: str, opened_at: dt.datetime) -> DrawerSession:
    """The session of ``drawer`` opened at ``opened_at`` (compared as instants)."""
    for row in session.scalars(select(DrawerSession).where(DrawerSession.drawer == drawer)
                               .order_by(DrawerSession.id)):
        if row.opened_at == opened_at:
            return row
    raise SessionState(f"drawer {drawer} has no session opened at {opened_at.isoformat()}")


def session_opened_at(session: Session, session_id: int) -> dt.datetime:
    return session.get_one(DrawerSession, session_id).opened_at


# --- the export side ---------------------------------------------------------------------------

def _day_text(column: Any) -> Any:
    return func.substr(column, 1, 10)  # ISO 8601 text: its first ten characters are its date


def sessions_to_carry(session: Session, day: dt.date) -> list[DrawerSession]:
    """Sessions of earlier days that were open, or ended and waiting for approval, when
    ``day`` began."""
    text = day.isoformat()
    rows = session.scalars(select(DrawerSession).where(
        DrawerSession.business_date < day,
        or_(DrawerSession.status == "open", DrawerSession.closed_at.is_(None),
            _day_text(DrawerSession.closed_at) >= text, DrawerSession.approved_at.is_(None),
            _day_text(DrawerSession.approved_at) >= text))
        .order_by(DrawerSession.id))
    return [r for r in rows if r.status == "open" or r.approved_at is None
            or business_date(r.approved_at) >= day or r.closed_at is None
            or business_date(r.closed_at) >= day]


def _held_at_start(session: Session, row: DrawerSession, day: dt.date,
                   carried: Collection[int]) -> TenderTotals:
    before = [r for r in session.scalars(select(Receipt).where(Receipt.session_id == row.id))
              if r.business_date < day and r.id not in carried]
    ids = [r.id for r in before]
    received = dict.fromkeys(TENDERS, 0)
    voided = dict.fromkeys(TENDERS, 0)
    voided_ids = {r.id for r in before if r.status == "void" and r.voided_at is not None
                  and business_date(r.voided_at) < day}
    for tender in session.scalars(select(ReceiptTender).where(ReceiptTender.receipt_id.in_(ids))):
        received[tender.type] += tender.amount_cents
        if tender.receipt_id in voided_ids:
            voided[tender.type] += tender.amount_cents
    moves = [m for m in session.scalars(select(CashMovement)
                                        .where(CashMovement.session_id == row.id))
             if business_date(m.at) < day]
    return expected(SessionActivity(
        opening=opening_totals(row), received=TenderTotals(**received),
        change_given=sum(r.change_cents for r in before),
        voided=TenderTotals(**voided),
        voided_change=sum(r.change_cents for r in before if r.id in voided_ids),
        drops=sum(m.amount_cents for m in moves if m.kind == "drop"),
        paid_outs=sum(m.amount_cents for m in moves if m.kind == "paid_out"),
        refunds=sum(m.amount_cents for m in moves if m.kind == "refund")))


def _money_map(totals: TenderTotals) -> dict[str, str]:
    return {t: format_money(totals.get(t)) for t in TENDERS}


def _columns(row: DrawerSession, prefix: str) -> TenderTotals:
    return TenderTotals(**{t: getattr(row, f"{prefix}_{t}_cents") or 0 for t in TENDERS})


def drawer_state_fields(session: Session, row: DrawerSession, day: dt.date,
                        carried: Collection[int]) -> dict[str, Any]:
    """The ``drawer_state`` line of ``row`` as ``day`` began; ``carried`` are the ids of the
    receipts the export carries as context (they bring their own tenders back in)."""
    count = json.loads(row.opening_count)
    float_count = count.get("cash", count) if isinstance(count, dict) else {}
    fields: dict[str, Any] = {
        "drawer": row.drawer, "cashier": row.cashier, "opened_at": row.opened_at.isoformat(),
        "float": float_count, "assigned_float": format_money(row.assigned_float_cents)}
    if row.float_approver:
        fields["approver"] = row.float_approver
    still_open = row.closed_at is None or business_date(row.closed_at) >= day
    if still_open:
        fields["status"] = "open"
        fields["held"] = _money_map(_held_at_start(session, row, day, carried))
        return fields
    assert row.closed_at is not None
    fields.update(status=row.status, closed_at=row.closed_at.isoformat(),
                  held=_money_map(opening_totals(row)),
                  counted=_money_map(_columns(row, "counted")),
                  expected=_money_map(_columns(row, "expected")), recounted=row.recounted)
    if row.handed_to:
        fields["handed_to"] = row.handed_to
    return fields


# --- the replay side ---------------------------------------------------------------------------

def carry_in_session(session: Session, carried: CarriedSession) -> DrawerSession:
    drawer = session.get(Drawer, carried.drawer)
    if drawer is None:
        raise UnknownDrawer(f"drawer {carried.drawer!r} does not exist")
    users.load_user(session, carried.cashier, what="cashier")
    if carried.status not in STATES:
        raise SessionState(f"drawer_state status {carried.status!r} is not one of "
                           f"{', '.join(STATES)}")
    if carried.status == "open":
        current = open_session_of(session, carried.drawer)
        if current is not None:
            raise DrawerBusy(f"drawer {carried.drawer} is already open for {current.cashier}")
    elif carried.closed_at is None or carried.counted is None or carried.expected is None:
        raise SessionState(f"an ended drawer_state of {carried.drawer} needs closed_at, "
                           "counted and expected")
    held = carried.held
    row = DrawerSession(
        drawer=carried.drawer, terminal=drawer.terminal, cashier=carried.cashier,
        opened_at=carried.opened_at, business_date=business_date(carried.opened_at),
        assigned_float_cents=carried.assigned_float, opening_cents=held.cash,
        opening_count=json.dumps(normalize_count(carried.float_count,
                                                 what="drawer_state float")),
        opening_check_cents=held.check, opening_money_order_cents=held.money_order,
        opening_card_cents=held.card, float_approver=carried.float_approver,
        status=carried.status, handed_to=carried.handed_to, closed_at=carried.closed_at,
        recounted=carried.recounted)
    for prefix, totals in (("counted", carried.counted), ("expected", carried.expected)):
        if totals is not None and carried.status != "open":
            for tender in TENDERS:
                setattr(row, f"{prefix}_{tender}_cents", totals.get(tender))
    session.add(row)
    session.flush()
    return row
