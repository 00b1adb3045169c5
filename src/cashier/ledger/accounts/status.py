"""An account's service status at the counter, and the notices a payment raises (issue #9).

Billing sets the status: a disconnect pending on a date unless an amount is paid, a
disconnected service that an amount reconnects, or a final bill. The counter only watches
what is paid toward that amount; when a receipt brings it to the amount, the program writes a
service notice for the field dispatch desk (cancel the disconnect, or reconnect today), prints
it on the receipt and lists it in the Daily Cash Report, and the account is active again.

A notice is keyed by account, kind and status date, so a payment retried, replayed or applied
once more at central raises it once. A void of the receipt withdraws it and puts the status
back as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.rules.errors import InvalidReference
from cashier.ledger.rules.money import Cents, check_amount, format_money
from cashier.ledger.store.models import Account, AccountStatusChange, ServiceNotice

ACTIVE = "active"
DISCONNECT_PENDING = "disconnect_pending"
DISCONNECTED = "disconnected"
FINAL_BILLED = "final_billed"
STATUSES = (ACTIVE, DISCONNECT_PENDING, DISCONNECTED, FINAL_BILLED)
# The statuses a payment can end, and the order it sends to the field.
NOTICE_FOR = {DISCONNECT_PENDING: "cancel_disconnect", DISCONNECTED: "reconnect"}
NOTICE_TEXT = {"cancel_disconnect": "CANCEL DISCONNECT", "reconnect": "RECONNECT TODAY"}
LABEL = {ACTIVE: "Active", DISCONNECT_PENDING: "Disconnect pending",
         DISCONNECTED: "Disconnected", FINAL_BILLED: "Final-billed"}


@dataclass(frozen=True)
class ServiceStatus:
    status: str = ACTIVE
    date: dt.date | None = None  # disconnect date, or the date it was disconnected
    required: Cents | None = None  # to stop the disconnect, or to reconnect
    paid: Cents = 0  # paid toward ``required`` since the status was set

    @property
    def remaining(self) -> Cents:
        return max(0, (self.required or 0) - self.paid)

    def describe(self) -> str:
        """One line for the account panel and the receipt."""
        if self.status == DISCONNECT_PENDING:
            return (f"DISCONNECT PENDING {self.date}: {format_money(self.remaining)} "
                    "more stops it")
        if self.status == DISCONNECTED:
            return (f"DISCONNECTED {self.date}: {format_money(self.remaining)} more "
                    "reconnects it")
        if self.status == FINAL_BILLED:
            return "FINAL-BILLED"
        return "ACTIVE"


@dataclass(frozen=True)
class Notice:
    account: str
    kind: str
    receipt: str
    status_date: dt.date
    required: Cents
    paid: Cents

    def describe(self) -> str:
        return (f"SERVICE NOTICE: {NOTICE_TEXT[self.kind]} account {self.account} "
                f"({self.status_date}, {format_money(self.paid)} paid of "
                f"{format_money(self.required)}) - sent to field dispatch")


def checked(status: str, date: dt.date | None, required: Cents | None) -> ServiceStatus:
    """A status as billing gives it, refused when it does not make sense."""
    if status not in STATUSES:
        raise InvalidReference(f"service status {status!r} is not one of {', '.join(STATUSES)}")
    if status in NOTICE_FOR:
        if date is None or required is None:
            raise InvalidReference(f"a {status.replace('_', ' ')} account needs its date and "
                                   "the amount required")
        check_amount(required, what="amount required", allow_zero=False, limit=None)
        return ServiceStatus(status, date, required)
    if required is not None:
        raise InvalidReference(f"an amount required means nothing for a {status} account")
    return ServiceStatus(status, date if status == FINAL_BILLED else None, None)


def status_of(account: Account) -> ServiceStatus:
    return ServiceStatus(account.service_status, account.status_date,
                         account.status_required_cents, account.status_paid_cents)


def _log_change(session: Session, account: Account, cause: str, at: dt.datetime) -> None:
    session.add(AccountStatusChange(
        account_number=account.number, at=at, business_date=at.date(), cause=cause,
        prev_status=account.service_status, prev_date=account.status_date,
        prev_required_cents=account.status_required_cents,
        prev_paid_cents=account.status_paid_cents))


def set_status(session: Session, number: str, status: ServiceStatus, *, cause: str,
               at: dt.datetime) -> None:
    """A new status for an account (from billing, an arrangement); what was paid toward the
    old one no longer counts."""
    account = session.get(Account, number)
    if account is None:
        raise InvalidReference(f"account {number!r} does not exist")
    _log_change(session, account, cause, at)
    account.service_status = status.status
    account.status_date = status.date
    account.status_required_cents = status.required
    account.status_paid_cents = status.paid


def paid_toward(session: Session, number: str, amount: Cents, *, receipt_id: int,
                receipt: str, at: dt.datetime, business_date: dt.date) -> Notice | None:
    """A receipt paid ``amount`` on an account that is not active: count it toward the
    amount required, and raise the notice when it is reached."""
    account = session.get_one(Account, number, populate_existing=True)
    status = status_of(account)
    if status.status not in NOTICE_FOR or status.date is None or status.required is None:
        return None
    paid = status.paid + amount
    if paid < status.required:
        account.status_paid_cents = paid
        return None
    kind = NOTICE_FOR[status.status]
    existing = session.scalar(select(ServiceNotice.id).where(
        ServiceNotice.account_number == number, ServiceNotice.kind == kind,
        ServiceNotice.status_date == status.date, ServiceNotice.withdrawn_at.is_(None)))
    if existing is not None:  # the same episode already ended: nothing more to order
        return None
    withdrawn = session.scalar(select(ServiceNotice).where(
        ServiceNotice.account_number == number, ServiceNotice.kind == kind,
        ServiceNotice.status_date == status.date))
    if withdrawn is not None:
        # A voided payment had ended this episode; the order goes out again on this receipt.
        withdrawn.receipt_id, withdrawn.receipt_number = receipt_id, receipt
        withdrawn.at, withdrawn.business_date = at, business_date
        withdrawn.required_cents, withdrawn.paid_cents = status.required, paid
        withdrawn.prior_paid_cents, withdrawn.withdrawn_at = status.paid, None
    else:
        session.add(ServiceNotice(
            account_number=number, kind=kind, receipt_id=receipt_id, receipt_number=receipt,
            at=at, business_date=business_date, status_date=status.date,
            required_cents=status.required, paid_cents=paid, prior_paid_cents=status.paid))
    _log_change(session, account, "notice", at)
    account.service_status = ACTIVE
    account.status_date = None
    account.status_required_cents = None
    account.status_paid_cents = 0
    session.flush()
    return Notice(number, kind, receipt, status.date, status.required, paid)


def undo_for_void(session: Session, receipt_id: int, lines: list[tuple[str, Cents]],
                  at: dt.datetime) -> None:
    """A voided receipt's payments no longer count: a notice it raised is withdrawn and the
    account's status is what it was before; otherwise what it paid toward the amount
    required is taken off."""
    notices = {n.account_number: n for n in session.scalars(select(ServiceNotice).where(
        ServiceNotice.receipt_id == receipt_id, ServiceNotice.withdrawn_at.is_(None)))}
    for number, amount in lines:
        notice = notices.pop(number, None)
        if notice is not None:
            notice.withdrawn_at = at
            status = next(s for s, k in NOTICE_FOR.items() if k == notice.kind)
            restored = session.get_one(Account, number, populate_existing=True)
            _log_change(session, restored, "void", at)
            restored.service_status, restored.status_date = status, notice.status_date
            restored.status_required_cents = notice.required_cents
            restored.status_paid_cents = notice.prior_paid_cents
            continue
        account = session.get_one(Account, number, populate_existing=True)
        if account.service_status in NOTICE_FOR and account.status_paid_cents:
            account.status_paid_cents = max(0, account.status_paid_cents - amount)
    session.flush()


def notices_for_day(session: Session, day: dt.date) -> list[ServiceNotice]:
    return list(session.scalars(select(ServiceNotice).where(ServiceNotice.business_date == day)
                                .order_by(ServiceNotice.at, ServiceNotice.id)))


def notice_rows(session: Session, day: dt.date) -> list[dict[str, object]]:
    """The day's notices for the DCR and `cashier notices`, withdrawn ones marked."""
    names = dict(session.execute(
        select(Account.number, Account.name).join(
            ServiceNotice, ServiceNotice.account_number == Account.number)
        .where(ServiceNotice.business_date == day)).all())
    return [{"kind": n.kind, "order": NOTICE_TEXT[n.kind], "account": n.account_number,
             "name": names.get(n.account_number, ""), "receipt": n.receipt_number,
             "at": n.at.isoformat(), "status_date": n.status_date.isoformat(),
             "required": format_money(n.required_cents), "paid": format_money(n.paid_cents),
             "withdrawn": n.withdrawn_at.isoformat() if n.withdrawn_at else None}
            for n in notices_for_day(session, day)]


def receipt_notices(session: Session, receipt_id: int) -> list[Notice]:
    return [Notice(n.account_number, n.kind, n.receipt_number, n.status_date, n.required_cents,
                   n.paid_cents)
            for n in session.scalars(select(ServiceNotice).where(
                ServiceNotice.receipt_id == receipt_id, ServiceNotice.withdrawn_at.is_(None))
                .order_by(ServiceNotice.id))]
