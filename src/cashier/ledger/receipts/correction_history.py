"""Corrections as history: what they changed on or after a day, so a journal export can
rebuild an account as the day began, and each account's returned checks, which the
cash-only rule (C16) counts over twelve months and a journal carries with the account.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.rules.money import Cents
from cashier.ledger.store.models import Correction, CorrectionLine, ReturnedCheck


@dataclass
class AccountChanges:
    """What corrections on or after a day did to some accounts, to rebuild how they stood
    when the day began."""

    paid: dict[int, Cents] = field(default_factory=lambda: defaultdict(int))
    credit: dict[str, Cents] = field(default_factory=lambda: defaultdict(int))
    billed: set[int] = field(default_factory=set)
    made_cash_only: set[str] = field(default_factory=set)


def changes_since(session: Session, day: dt.date, numbers: list[str]) -> AccountChanges:
    out = AccountChanges()
    rows = session.execute(
        select(CorrectionLine.kind, CorrectionLine.account, CorrectionLine.charge_id,
               CorrectionLine.amount_cents)
        .join(Correction, Correction.id == CorrectionLine.correction_id)
        .where(Correction.business_date >= day, CorrectionLine.account.in_(numbers)))
    for kind, account, charge_id, cents in rows:
        if kind == "billed" and charge_id is not None:
            out.billed.add(charge_id)
        if kind in ("paid", "credit_used") and charge_id is not None:
            out.paid[charge_id] += cents
        if kind == "credit":
            out.credit[account] += cents
        elif kind == "credit_used":
            out.credit[account] -= cents
    out.made_cash_only = set(session.scalars(select(ReturnedCheck.account).where(
        ReturnedCheck.business_date >= day, ReturnedCheck.made_cash_only.is_(True),
        ReturnedCheck.account.in_(numbers))))
    return out


def corrected_accounts(session: Session, first: dt.date, last: dt.date) -> set[str]:
    """Every account a correction dated ``first`` to ``last`` touched."""
    in_range = Correction.business_date.between(first, last)
    numbers = set(session.scalars(select(CorrectionLine.account).join(
        Correction, Correction.id == CorrectionLine.correction_id).where(in_range)))
    numbers |= set(session.scalars(select(Correction.account).where(in_range)))
    numbers |= {n for n in session.scalars(select(Correction.to_account).where(in_range)) if n}
    return numbers


def year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def returned_checks_before(session: Session, number: str, day: dt.date) -> list[dict[str, str]]:
    """An account's returned checks in the twelve months before ``day`` (C16 counts them)."""
    rows = session.execute(
        select(ReturnedCheck.business_date, ReturnedCheck.receipt)
        .where(ReturnedCheck.account == number, ReturnedCheck.business_date < day,
               ReturnedCheck.business_date > year_before(day))
        .order_by(ReturnedCheck.business_date, ReturnedCheck.id))
    return [{"date": d.isoformat(), "receipt": r} for d, r in rows]


def carry_in_returned_checks(session: Session, number: str,
                             history: list[tuple[dt.date, str]]) -> None:
    """An account's earlier returned checks, read with it from another database's journal."""
    for day, receipt in history:
        session.add(ReturnedCheck(account=number, business_date=day, receipt=receipt,
                                  correction_id=None, made_cash_only=False))


def returned_checks_within_year(session: Session, number: str, day: dt.date) -> int:
    """How many checks of the account came back in the twelve months up to ``day``."""
    return session.scalar(select(func.count()).select_from(ReturnedCheck).where(
        ReturnedCheck.account == number, ReturnedCheck.business_date <= day,
        ReturnedCheck.business_date > year_before(day))) or 0
