"""Utility payments apply oldest bill date first, then by service priority (SPEC §3)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cashier.ledger.rules.application import OpenCharge, apply_payment

OCT, NOV = dt.date(2026, 10, 15), dt.date(2026, 11, 15)


def charge(cid: int, priority: int, day: dt.date, cents: int) -> OpenCharge:
    return OpenCharge(cid, f"svc{priority}", priority, day, cents, f"GL{priority}")


def test_oldest_bill_first_then_lower_priority() -> None:
    charges = [charge(1, 1, NOV, 5000), charge(2, 4, OCT, 3000), charge(3, 3, OCT, 2000)]
    applications, left = apply_payment(6000, charges)
    assert [(a.charge_id, a.amount) for a in applications] == [(3, 2000), (2, 3000), (1, 1000)]
    assert left == 0


def test_remainder_becomes_credit() -> None:
    applications, left = apply_payment(5000, [charge(1, 1, OCT, 1234)])
    assert [a.amount for a in applications] == [1234]
    assert left == 5000 - 1234


@given(
    amount=st.integers(min_value=1, max_value=10**7),
    opens=st.lists(st.integers(min_value=1, max_value=10**6), max_size=8),
)
def test_applied_plus_credit_is_the_payment(amount: int, opens: list[int]) -> None:
    charges = [charge(i, i % 5, OCT, c) for i, c in enumerate(opens)]
    applications, left = apply_payment(amount, charges)
    assert sum(a.amount for a in applications) + left == amount
    by_id = {c.charge_id: c.open for c in charges}
    assert all(0 < a.amount <= by_id[a.charge_id] for a in applications)
    assert left == 0 or sum(a.amount for a in applications) == sum(opens)
