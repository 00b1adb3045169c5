"""Daily Cash Report exceptions that come from working offline (SPEC §5, §7).

* ``offline``: a receipt taken while the terminal could not reach central — its customer's
  balance was the terminal's last known one.
* ``possible_duplicate``: the same account paid the same amount twice within ten minutes.
  Two terminals that were apart can both take a customer's payment; both stand (the money
  was taken), and central, which sees every terminal, lists the pair for a supervisor to
  look at (a refund or transfer is then a correction, not an edit).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.rules.money import format_money
from cashier.ledger.store.models import Receipt, ReceiptLine

DUPLICATE_WINDOW = dt.timedelta(minutes=10)


def offline_receipts(session: Session, day: dt.date) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Receipt.number, Receipt.drawer, Receipt.total_cents, Receipt.cashier,
               Receipt.taken_at)
        .where(Receipt.business_date == day, Receipt.offline.is_(True))
        .order_by(Receipt.terminal, Receipt.seq)).all()
    return [{"kind": "offline", "receipt": number, "drawer": drawer,
             "amount": format_money(total), "who": cashier, "at": at.isoformat(),
             "reason": "taken while central was unreachable"}
            for number, drawer, total, cashier, at in rows]


def possible_duplicates(session: Session, day: dt.date) -> list[dict[str, Any]]:
    # What each completed receipt paid on each account; only (account, amount) pairs paid
    # more than once that day come back to Python to have their times compared: fetching
    # every payment of a 20,000-receipt day for that was a third of the report's time.
    paid = (
        select(ReceiptLine.account_number.label("account"),
               func.sum(ReceiptLine.amount_cents).label("amount"),
               ReceiptLine.receipt_id)
        .join(Receipt, Receipt.id == ReceiptLine.receipt_id)
        .where(Receipt.business_date == day, Receipt.status == "completed",
               ReceiptLine.account_number.is_not(None))
        .group_by(ReceiptLine.account_number, ReceiptLine.receipt_id)
    ).subquery()
    counted = select(paid, func.count().over(partition_by=(paid.c.account, paid.c.amount))
                     .label("times")).subquery()
    rows = session.execute(
        select(counted.c.account, counted.c.amount, Receipt.number, Receipt.terminal,
               Receipt.drawer, Receipt.cashier, Receipt.taken_at)
        .join(Receipt, Receipt.id == counted.c.receipt_id)
        .where(counted.c.times > 1)).all()
    payments: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for row in rows:
        payments[(str(row[0]), int(row[1]))].append(row)
    found: list[dict[str, Any]] = []
    for (account, amount), group in payments.items():
        group.sort(key=lambda r: (r.taken_at, r.number))
        for earlier, later in pairwise(group):
            if later.taken_at - earlier.taken_at <= DUPLICATE_WINDOW:
                found.append({
                    "kind": "possible_duplicate", "receipt": later.number,
                    "drawer": later.drawer, "amount": format_money(amount),
                    "who": later.cashier, "at": later.taken_at.isoformat(),
                    "reason": f"account {account} paid the same amount on {earlier.number} "
                              f"({earlier.terminal}) at {earlier.taken_at:%H:%M}"})
    return found
