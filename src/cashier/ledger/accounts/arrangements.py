"""Payment arrangements: an account's arrears paid by installments (issue #9).

A supervisor opens an arrangement with its due dates and amounts; it stops a pending
disconnect. Every payment on the account goes to the installments first, oldest due date
first (the GL side is unchanged: the arrears are the account's oldest charges, which SPEC §3
pays first anyway). An installment still short after its due date breaks the arrangement,
and the account is disconnect pending again for what is left of it.

Each change is an ``arrangement`` journal op: ``"action": "open"`` with the installments, or
``"action": "break"``. Payments and voids need no op of their own: replaying the receipt
applies it to the installments the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.accounts import status as service_status
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.reference import office, users
from cashier.ledger.rules.errors import InvalidReference, UnknownAccount
from cashier.ledger.rules.money import Cents, check_amount, format_money
from cashier.ledger.rules.values import business_date, now
from cashier.ledger.store.models import (
    Account,
    Arrangement,
    ArrangementInstallment,
    ArrangementPayment,
)
from cashier.ledger.store.outbox import record_op

GRACE_DAYS = "arrangement.grace_days"
MAX_INSTALLMENTS = 60


@dataclass(frozen=True)
class Installment:
    due: dt.date
    amount: Cents
    paid: Cents = 0

    @property
    def open(self) -> Cents:
        return self.amount - self.paid


@dataclass(frozen=True)
class ArrangementView:
    """What the account panel shows: the next installment and whether the account is behind."""

    account: str
    status: str
    installments: tuple[Installment, ...]

    @property
    def remaining(self) -> Cents:
        return sum(i.open for i in self.installments)

    def next_due(self) -> Installment | None:
        return next((i for i in self.installments if i.open > 0), None)

    def behind(self, today: dt.date) -> Cents:
        """What is past due: installments due before ``today`` and not paid."""
        return sum(i.open for i in self.installments if i.due < today)

    def describe(self, today: dt.date) -> str:
        upcoming = self.next_due()
        if upcoming is None:
            return "ARRANGEMENT paid in full"
        text = (f"ARRANGEMENT next {format_money(upcoming.open)} due {upcoming.due}, "
                f"{format_money(self.remaining)} left")
        late = self.behind(today)
        return text + (f"; BEHIND {format_money(late)}" if late else "")


def active(session: Session, account: str) -> Arrangement | None:
    return session.scalar(select(Arrangement).where(Arrangement.account_number == account,
                                                    Arrangement.status == "active"))


def view(session: Session, account: str) -> ArrangementView | None:
    row = active(session, account)
    if row is None:
        return None
    return ArrangementView(account, row.status, tuple(
        Installment(i.due_date, i.amount_cents, i.paid_cents) for i in row.installments))


def checked_installments(plan: list[tuple[dt.date, Cents]]) -> list[tuple[dt.date, Cents]]:
    if not plan:
        raise InvalidReference("an arrangement needs at least one installment")
    if len(plan) > MAX_INSTALLMENTS:
        raise InvalidReference(f"an arrangement has at most {MAX_INSTALLMENTS} installments")
    for n, (due, amount) in enumerate(plan, start=1):
        check_amount(amount, what=f"installment {n}", allow_zero=False)
        if n > 1 and due <= plan[n - 2][0]:
            raise InvalidReference(f"installment {n} is due {due}, not after installment "
                                   f"{n - 1} ({plan[n - 2][0]})")
    return plan


def open_arrangement(db: Database, account: str, plan: list[tuple[dt.date, Cents]], *,
                     by: str, at: dt.datetime | None = None) -> ArrangementView:
    """Open an installment arrangement on ``account``; a pending disconnect stops."""
    at = at or now()
    plan = checked_installments(plan)
    with db.write() as session:
        users.require_supervisor(session, by, acting_for="opening a payment arrangement")
        row = session.get(Account, account)
        if row is None:
            raise UnknownAccount(f"account {account!r} does not exist")
        if active(session, account) is not None:
            raise InvalidReference(f"account {account} already has an active arrangement")
        arrangement = Arrangement(account_number=account, opened_at=at,
                                  business_date=business_date(at), opened_by=by,
                                  status="active", total_cents=sum(a for _, a in plan))
        arrangement.installments = [
            ArrangementInstallment(seq=n, due_date=due, amount_cents=amount, paid_cents=0)
            for n, (due, amount) in enumerate(plan, start=1)]
        session.add(arrangement)
        if row.service_status == service_status.DISCONNECT_PENDING:
            service_status.set_status(session, account, service_status.ServiceStatus(),
                                      cause="arrangement", at=at)
        audit.record(session, "arrangement", by, at=at, subject=f"account:{account}",
                     detail={"act": "open", "total": format_money(arrangement.total_cents),
                             "installments": len(plan)})
        record_op(session, "arrangement", at, {
            "action": "open", "account": account, "by": by,
            "installments": [{"due": due.isoformat(), "amount": format_money(amount)}
                             for due, amount in plan]})
        session.flush()
        result = view(session, account)
        assert result is not None
        return result


def paid_toward(session: Session, account: str, amount: Cents, receipt_id: int) -> None:
    """A receipt paid ``amount`` on ``account``: it goes to the installments first."""
    row = active(session, account)
    if row is None:
        return
    left = amount
    for installment in row.installments:
        if left <= 0:
            break
        take = min(left, installment.amount_cents - installment.paid_cents)
        if take <= 0:
            continue
        installment.paid_cents += take
        left -= take
        session.add(ArrangementPayment(receipt_id=receipt_id, installment_id=installment.id,
                                       amount_cents=take))
    if all(i.paid_cents >= i.amount_cents for i in row.installments):
        row.status = "completed"
    session.flush()


def undo_for_void(session: Session, receipt_id: int) -> None:
    """A voided receipt's installment payments are taken back (a negative row each)."""
    rows = session.execute(
        select(ArrangementPayment.installment_id, ArrangementPayment.amount_cents)
        .where(ArrangementPayment.receipt_id == receipt_id)).all()
    net: dict[int, Cents] = {}
    for installment_id, cents in rows:
        net[installment_id] = net.get(installment_id, 0) + cents
    for installment_id, cents in net.items():
        if cents <= 0:
            continue
        installment = session.get_one(ArrangementInstallment, installment_id)
        installment.paid_cents -= cents
        session.add(ArrangementPayment(receipt_id=receipt_id, installment_id=installment_id,
                                       amount_cents=-cents))
        arrangement = session.get_one(Arrangement, installment.arrangement_id)
        if arrangement.status == "completed":
            arrangement.status = "active"
    session.flush()


def carry_in_paid(session: Session, account: str, paid: list[Cents]) -> None:
    """What was paid on the installments before an exported range began (reference data,
    like an account's open charges)."""
    row = active(session, account)
    if row is None or len(paid) != len(row.installments):
        raise InvalidReference(f"account {account}: the arrangement's paid amounts do not "
                               "match its installments")
    for installment, cents in zip(row.installments, paid, strict=True):
        if cents > installment.amount_cents:
            raise InvalidReference(f"account {account}: installment {installment.seq} paid "
                                   f"{format_money(cents)} is more than its amount")
        installment.paid_cents = cents
    if all(i.paid_cents >= i.amount_cents for i in row.installments):
        row.status = "completed"


def grace_days(session: Session) -> int:
    text = office.get(session, GRACE_DAYS) or "7"
    if not text.isdigit():
        raise InvalidReference(f"setting {GRACE_DAYS} {text!r} must be a whole number of days")
    return int(text)


def missed(session: Session, day: dt.date) -> list[str]:
    """Accounts whose active arrangement has an installment due before ``day`` still short."""
    out = []
    for row in session.scalars(select(Arrangement).where(Arrangement.status == "active")
                               .order_by(Arrangement.account_number)):
        if any(i.due_date < day and i.paid_cents < i.amount_cents for i in row.installments):
            out.append(row.account_number)
    return out


def break_arrangement(db: Database, account: str, day: dt.date, *, by: str,
                      at: dt.datetime | None = None) -> service_status.ServiceStatus:
    """Break ``account``'s arrangement for an installment missed before ``day``: the account
    is disconnect pending again, after the office's grace days, for what the arrangement
    still owed."""
    at = at or now()
    with db.write() as session:
        users.require_supervisor(session, by, acting_for="breaking a payment arrangement")
        row = active(session, account)
        if row is None:
            raise InvalidReference(f"account {account} has no active arrangement")
        late = [i for i in row.installments if i.due_date < day and i.paid_cents < i.amount_cents]
        if not late:
            raise InvalidReference(f"account {account} has no installment missed before {day}")
        remaining = sum(i.amount_cents - i.paid_cents for i in row.installments)
        row.status, row.broken_at = "broken", at
        status = service_status.ServiceStatus(
            service_status.DISCONNECT_PENDING, day + dt.timedelta(days=grace_days(session)),
            remaining)
        service_status.set_status(session, account, status, cause="arrangement", at=at)
        audit.record(session, "arrangement", by, at=at, subject=f"account:{account}",
                     detail={"act": "break", "missed": late[0].due_date.isoformat(),
                             "required": format_money(remaining)})
        record_op(session, "arrangement", at, {"action": "break", "account": account, "by": by,
                                               "date": day.isoformat()})
        return status


def check_all(db: Database, day: dt.date, *, by: str, at: dt.datetime | None = None
              ) -> list[tuple[str, service_status.ServiceStatus]]:
    """Break every arrangement with an installment missed before ``day``."""
    with db.read() as session:
        accounts = missed(session, day)
    return [(account, break_arrangement(db, account, day, by=by, at=at)) for account in accounts]
