"""Helpers for the sync tests: a cashier's payments on a terminal, and the totals compared
between terminals and central."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from cashier.ledger.database import Database
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.rules.values import AccountPayment, CashTender, CheckTender, ItemSale, Payment
from cashier.ledger.store.models import Receipt, ReceiptTender
from tests.conftest import AT

ROUTING = "111000025"


def at(minutes: int) -> dt.datetime:
    return AT + dt.timedelta(minutes=minutes)


def pay_account(db: Database, drawer: str, cashier: str, account: str, cents: int,
                minute: int) -> str:
    receipt = post_payment(db, Payment(drawer, cashier, (AccountPayment(account, cents),),
                                       (CashTender(cents),), at(minute)))
    return receipt.number


def sell_dog_license(db: Database, drawer: str, cashier: str, minute: int,
                     check: str | None = None) -> str:
    tender = CheckTender(2000, check, ROUTING) if check else CashTender(2000)
    receipt = post_payment(db, Payment(drawer, cashier, (ItemSale("DOGA", reference="T"),),
                                       (tender,), at(minute)))
    return receipt.number


def receipts(db: Database) -> dict[str, tuple[int, str, bool]]:
    """Receipt number → (total, status, taken offline)."""
    with db.read() as s:
        return {n: (t, st, off) for n, t, st, off in s.execute(
            select(Receipt.number, Receipt.total_cents, Receipt.status, Receipt.offline))}


def tendered(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.coalesce(func.sum(ReceiptTender.amount_cents), 0))) or 0
