"""Utility payment application (SPEC §3): oldest bill date first, then service priority.

Pure functions over plain records, so the rule is tested without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cashier.ledger.rules.money import Cents


@dataclass(frozen=True)
class OpenCharge:
    charge_id: int
    service: str
    priority: int
    bill_date: dt.date
    open: Cents
    ar_gl: str


@dataclass(frozen=True)
class Application:
    charge_id: int
    ar_gl: str
    amount: Cents


def application_order(charges: list[OpenCharge]) -> list[OpenCharge]:
    """Oldest bill date first; within a bill date, lower service priority first."""
    return sorted(charges, key=lambda c: (c.bill_date, c.priority, c.charge_id))


def apply_payment(amount: Cents, charges: list[OpenCharge]) -> tuple[list[Application], Cents]:
    """Apply ``amount`` to ``charges``; return the applications and the unapplied remainder."""
    applications: list[Application] = []
    left = amount
    for charge in application_order(charges):
        if left <= 0:
            break
        if charge.open <= 0:
            continue
        take = min(left, charge.open)
        applications.append(Application(charge.charge_id, charge.ar_gl, take))
        left -= take
    return applications, left
