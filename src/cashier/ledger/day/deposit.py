"""The bank deposit of a business day (SPEC §5, C11).

Made from balanced drawers only: every session of the day must be ended and approved. Cash is
what the closing counts found plus the drops in the safe, less the float each closed session
keeps for the next day; checks and money orders are the ones counted, each listed. The bag's
cash by denomination is that cash exactly: the floats are taken from the count, smallest
denominations first (``rules.denominations.split_float``), and stay in the safe. The
supervisor who prepared it and another who verified it sign together, and its journal entry
moves the money from the drawer and safe accounts to deposit in transit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import not_balanced
from cashier.ledger.reference import users
from cashier.ledger.remittance.batches import batch_checks
from cashier.ledger.rules.denominations import count_total, normalize_count, split_float
from cashier.ledger.rules.errors import (
    DepositRefused,
    InvalidAmount,
    InvalidReference,
    SelfApproval,
)
from cashier.ledger.rules.money import Cents, format_money, parse_money
from cashier.ledger.rules.values import now
from cashier.ledger.store.gl import system_codes
from cashier.ledger.store.models import CashMovement, Deposit, DrawerSession, JournalEntry, Posting
from cashier.ledger.store.outbox import record_op


@dataclass(frozen=True)
class Document:
    """A counted check or money order going to the bank."""

    number: str
    amount: Cents
    drawer: str


@dataclass(frozen=True)
class DepositPlan:
    business_date: dt.date
    sessions: tuple[int, ...]
    counted_cash: Cents  # the closing counts of the day's closed sessions
    drops: Cents  # cash dropped to the safe during the day
    floats_kept: Cents  # each closed session's assigned float, kept for the next day
    counted_by_denomination: dict[str, int]  # counted cash and drops together, before floats
    checks: tuple[Document, ...]
    money_orders: tuple[Document, ...]

    def split_cash(self) -> tuple[dict[str, int], dict[str, int]]:
        """The counted cash as (floats kept for the next day, what goes in the bag) by
        denomination: the floats of the smallest denominations first, the bag the rest
        (``rules.denominations.split_float``), so the bag holds exactly ``cash``. Refused
        (C11) when the counted cash cannot make the floats exactly. Cash less than the floats
        (a cash refund paid from the float) all stays behind: the bag holds no cash, and the
        deposit's cash is negative, the floats' shortfall, which the slip says in words."""
        if count_total(self.counted_by_denomination) <= self.floats_kept:
            return dict(self.counted_by_denomination), {}
        try:
            return split_float(self.counted_by_denomination, self.floats_kept,
                               what=f"the deposit of {self.business_date}")
        except InvalidAmount as exc:
            raise DepositRefused(exc.message) from None

    @property
    def cash(self) -> Cents:
        return self.counted_cash + self.drops - self.floats_kept

    @property
    def checks_total(self) -> Cents:
        return sum(d.amount for d in self.checks)

    @property
    def money_orders_total(self) -> Cents:
        return sum(d.amount for d in self.money_orders)

    @property
    def total(self) -> Cents:
        return self.cash + self.checks_total + self.money_orders_total


@dataclass(frozen=True)
class DepositRecord:
    plan: DepositPlan
    bag: str
    prepared_by: str
    verified_by: str
    at: dt.datetime


def plan_deposit(session: Session, day: dt.date) -> DepositPlan:
    """What the day's deposit holds; refused while any drawer of the day is not balanced."""
    rows = list(session.scalars(select(DrawerSession).where(DrawerSession.business_date == day)
                                .order_by(DrawerSession.id)))
    if not rows and not batch_checks(session, day):
        raise DepositRefused(f"no drawer was opened and no batch posted on {day}; there is "
                             "nothing to deposit")
    waiting = not_balanced(rows)
    if waiting:
        raise DepositRefused(f"the deposit is made from balanced drawers only; not yet "
                             f"balanced: {', '.join(waiting)}")
    return gather_deposit(session, rows, day)


def gather_deposit(session: Session, rows: list[DrawerSession], day: dt.date) -> DepositPlan:
    """The money of the given sessions that goes to the bank, balanced or not (the DCR shows
    what the deposit should be before it is made), and the checks of the remittance batches
    posted on ``day``."""
    denominations: Counter[str] = Counter()
    counted = floats = 0
    checks: list[Document] = []
    orders: list[Document] = []
    # A handed-off session's count went on into the relief session; only closes are counted,
    # so no drawer's money reaches the bag twice.
    for row in (r for r in rows if r.status == "closed"):
        count = json.loads(row.close_count or "{}")
        cash = normalize_count(count.get("cash", {}))
        denominations.update(cash)
        counted += count_total(cash)
        floats += row.assigned_float_cents
        checks += [Document(c["number"], _cents(c["amount"]), row.drawer)
                   for c in count.get("checks", [])]
        orders += [Document(m["number"], _cents(m["amount"]), row.drawer)
                   for m in count.get("money_orders", [])]
    drops = 0
    ids = [r.id for r in rows]
    for move in session.scalars(select(CashMovement).where(
            CashMovement.session_id.in_(ids), CashMovement.kind == "drop")):
        denominations.update(normalize_count(json.loads(move.count)))
        drops += move.amount_cents
    checks += [Document(number, amount, batch) for number, amount, batch
               in batch_checks(session, day)]
    return DepositPlan(day, tuple(ids), counted, drops, floats,
                       normalize_count(dict(denominations)), tuple(checks), tuple(orders))


def _cents(text: str) -> Cents:
    return parse_money(text, what="counted document amount", limit=None)


def deposit_preview(db: Database, day: dt.date) -> DepositPlan:
    with db.read() as session:
        return plan_deposit(session, day)


def _entry(session: Session, plan: DepositPlan, at: dt.datetime, bag: str) -> JournalEntry:
    codes = system_codes(session)
    entry = JournalEntry(posted_at=at, business_date=plan.business_date, kind="deposit",
                         memo=f"bank deposit of {plan.business_date}, bag {bag}")
    for key, cents in (("cash", plan.counted_cash - plan.floats_kept), ("safe", plan.drops),
                       ("check", plan.checks_total), ("money_order", plan.money_orders_total)):
        if cents:
            entry.postings.append(Posting(account=codes[key], amount_cents=-cents))
    entry.postings.append(Posting(account=codes["deposit_in_transit"], amount_cents=plan.total))
    session.add(entry)
    session.flush()
    return entry


@audit.refusals_logged("deposit", actor="prepared_by", second="verified_by")
def make_deposit(db: Database, day: dt.date, prepared_by: str, verified_by: str, bag: str, *,
                 at: dt.datetime | None = None) -> DepositRecord:
    """Record the day's deposit, signed by the supervisor who prepared it and the one who
    verified it (C11)."""
    at = at or now()
    bag = (bag or "").strip()
    if not bag:
        raise InvalidReference("the deposit needs its bag number")
    if prepared_by == verified_by:
        raise SelfApproval(f"{prepared_by} cannot verify a deposit they prepared", rule="C11")
    with db.write() as session:
        users.require_supervisor(session, prepared_by, acting_for="preparing the deposit")
        users.require_supervisor(session, verified_by, acting_for="verifying the deposit")
        existing = session.scalar(select(Deposit).where(Deposit.business_date == day))
        if existing is not None:
            raise DepositRefused(f"the deposit of {day} was already made (bag {existing.bag})")
        plan = plan_deposit(session, day)
        kept, bag_cash = plan.split_cash()  # before anything is written
        entry = _entry(session, plan, at, bag)
        detail = {
            # The bag's cash (the slip's denominations) and the floats left in the safe,
            # together the counted cash and drops.
            "cash_by_denomination": bag_cash,
            "floats_by_denomination": kept,
            "checks": [{"number": d.number, "amount": format_money(d.amount), "drawer": d.drawer}
                       for d in plan.checks],
            "money_orders": [{"number": d.number, "amount": format_money(d.amount),
                              "drawer": d.drawer} for d in plan.money_orders],
            "sessions": list(plan.sessions),
        }
        session.add(Deposit(
            business_date=day, bag=bag, prepared_by=prepared_by, verified_by=verified_by, at=at,
            counted_cash_cents=plan.counted_cash, drops_cents=plan.drops,
            floats_kept_cents=plan.floats_kept, cash_cents=plan.cash,
            checks_cents=plan.checks_total, check_count=len(plan.checks),
            money_orders_cents=plan.money_orders_total,
            money_order_count=len(plan.money_orders),
            detail=json.dumps(detail, sort_keys=True), entry_id=entry.id))
        audit.record(session, "approval", verified_by, at=at, subject=f"deposit:{day}",
                     detail={"act": "deposit", "prepared_by": prepared_by, "bag": bag,
                             "total": format_money(plan.total)})
        record_op(session, "deposit", at, {"date": day.isoformat(), "prepared_by": prepared_by,
                                           "verified_by": verified_by, "bag": bag})
        return DepositRecord(plan, bag, prepared_by, verified_by, at)
