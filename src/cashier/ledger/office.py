"""Office-wide settings kept in the database: the office's name on reports, fund names, the
over/short tolerance of C7. Read with a default so an office that never set one still works."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.models import Setting
from cashier.ledger.money import Cents, parse_money

OFFICE_NAME = "office.name"
OVER_SHORT_TOLERANCE = "over_short.tolerance"
DEFAULTS = {OFFICE_NAME: "City customer service office", OVER_SHORT_TOLERANCE: "5.00"}


def get(session: Session, key: str) -> str:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return value if value is not None else DEFAULTS.get(key, "")


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def tolerance(session: Session) -> Cents:
    return parse_money(get(session, OVER_SHORT_TOLERANCE), what="over/short tolerance")


def fund_names(session: Session) -> dict[str, str]:
    """``{"503": "Water"}`` from the ``fund.503`` settings."""
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.like("fund.%")))
    return {key.removeprefix("fund."): value for key, value in rows}
