"""The DCR's possible duplicates (SPEC §5, §7): the same account paid the same amount twice
within ten minutes, on any terminal; a voided receipt and a different amount do not count,
and two lines of one receipt on one account are one payment."""

from __future__ import annotations

import datetime as dt

from cashier.ledger.database import Database
from cashier.ledger.day.offline_exceptions import possible_duplicates
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.values import AccountPayment, CashTender, Payment
from tests.conftest import AT


def _pay(db: Database, drawer: str, cashier: str, minutes: int, *amounts: int,
         account: str = "1000002") -> str:
    lines = tuple(AccountPayment(account, amount) for amount in amounts)
    return post_payment(db, Payment(drawer, cashier, lines, (CashTender(sum(amounts)),),
                                    AT + dt.timedelta(minutes=minutes))).number


def test_the_same_amount_twice_within_ten_minutes_is_flagged_once(db: Database) -> None:
    first = _pay(db, "D1", "ana", 0, 5000)
    second = _pay(db, "D2", "raj", 6, 5000)
    _pay(db, "D1", "ana", 17, 5000)  # 11 minutes after the second: not flagged
    _pay(db, "D1", "ana", 1, 100, account="1000001")
    _pay(db, "D2", "raj", 2, 200, account="1000001")  # another amount
    split = _pay(db, "D1", "ana", 3, 60, 40, account="1000001")  # one payment of 100
    voided = _pay(db, "D2", "raj", 4, 5000)
    void_receipt(db, voided, cashier="raj", approver="sam", reason="keyed twice",
                 at=AT + dt.timedelta(minutes=5))

    with db.read() as session:
        found = possible_duplicates(session, AT.date())
    assert sorted((f["receipt"], f["amount"]) for f in found) == sorted(
        [(second, "50.00"), (split, "1.00")])
    [water] = [f for f in found if f["receipt"] == second]
    assert first in water["reason"] and "account 1000002" in water["reason"]
