"""An account's service status and arrangement as they stood when a day began, for a journal
export that must replay to the same notices and installments (SPEC §4: an export is
self-contained).

The status log keeps the status each change replaced; the first change on or after the day
gives the status at its start, and what was paid toward it then is what the log says less the
day's own receipts before that change. With no change since, it is today's status less the
receipts since the day began.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.accounts.status import ACTIVE, NOTICE_FOR
from cashier.ledger.rules.money import Cents, format_money
from cashier.ledger.rules.values import business_date
from cashier.ledger.store.models import (
    Account,
    AccountStatusChange,
    Arrangement,
    ArrangementInstallment,
    ArrangementPayment,
    Receipt,
    ReceiptLine,
)
from cashier.ledger.store.outbox import VERSION, op_line


def _paid_since(session: Session, account: str, day: dt.date,
                before: dt.datetime | None) -> Cents:
    rows = session.execute(
        select(Receipt.taken_at, ReceiptLine.amount_cents)
        .join(ReceiptLine, ReceiptLine.receipt_id == Receipt.id)
        .where(ReceiptLine.account_number == account, Receipt.business_date >= day,
               Receipt.status == "completed")).all()
    return sum(cents for taken_at, cents in rows if before is None or taken_at < before)


def status_at_start(session: Session, account: Account, day: dt.date) -> dict[str, Any]:
    """The ``account`` line's status fields as ``day`` began (none for a plain active one)."""
    change = session.scalar(select(AccountStatusChange).where(
        AccountStatusChange.account_number == account.number,
        AccountStatusChange.business_date >= day,
        # Billing's own changes are reference data, not ops of the day: the account line
        # gives the status billing set; only what the day's ops did is taken back.
        AccountStatusChange.cause != "billing").order_by(AccountStatusChange.id).limit(1))
    if change is not None:
        status, date = change.prev_status, change.prev_date
        required, paid, cutoff = change.prev_required_cents, change.prev_paid_cents, change.at
    else:
        status, date = account.service_status, account.status_date
        required, paid, cutoff = account.status_required_cents, account.status_paid_cents, None
    if status == ACTIVE:
        return {}
    fields: dict[str, Any] = {"status": status}
    if date is not None:
        fields["status_date"] = date.isoformat()
    if required is not None:
        fields["required"] = format_money(required)
    if status in NOTICE_FOR:
        paid -= _paid_since(session, account.number, day, cutoff)
        if paid > 0:
            fields["status_paid"] = format_money(paid)
    return fields


def arrangements_at_start(session: Session, numbers: Iterable[str], day: dt.date
                          ) -> Iterator[str]:
    """An ``arrangement`` open line for each arrangement opened before ``day`` that was still
    running when it began, with what its installments had been paid by then."""
    numbers = list(numbers)
    if not numbers:
        return
    paid_since: dict[int, Cents] = {}  # several receipts can pay one installment
    for installment_id, cents in session.execute(
            select(ArrangementPayment.installment_id, ArrangementPayment.amount_cents)
            .join(Receipt, Receipt.id == ArrangementPayment.receipt_id)
            .join(ArrangementInstallment,
                  ArrangementInstallment.id == ArrangementPayment.installment_id)
            .join(Arrangement, Arrangement.id == ArrangementInstallment.arrangement_id)
            .where(Arrangement.account_number.in_(numbers), Receipt.business_date >= day)):
        paid_since[installment_id] = paid_since.get(installment_id, 0) + cents
    for row in session.scalars(select(Arrangement).where(
            Arrangement.account_number.in_(numbers), Arrangement.business_date < day)
            .order_by(Arrangement.id)):
        touched = any(i.id in paid_since for i in row.installments)
        broken_since = row.broken_at is not None and business_date(row.broken_at) >= day
        if row.status != "active" and not touched and not broken_since:
            continue
        yield op_line({"v": VERSION, "op": "arrangement", "at": row.opened_at.isoformat(),
                       "action": "open", "account": row.account_number, "by": row.opened_by,
                       "installments": [
                           {"due": i.due_date.isoformat(), "amount": format_money(i.amount_cents),
                            "paid": format_money(i.paid_cents - paid_since.get(i.id, 0))}
                           for i in row.installments]})
