"""Office-wide settings kept in the database: the office's name on reports, fund names, the
over/short tolerance of C7, the NSF fee, how many returned checks make an account cash-only
(C16) and the cash refund limit. Read with a default so an office that never set one still
works."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.rules.errors import InvalidReference
from cashier.ledger.rules.money import Cents, parse_money
from cashier.ledger.store import key_values
from cashier.ledger.store.models import Setting

OFFICE_NAME = "office.name"
OVER_SHORT_TOLERANCE = "over_short.tolerance"
NSF_FEE = "nsf.fee"
NSF_CASH_ONLY_AFTER = "nsf.cash_only_after"  # returned checks within 12 months (C16)
REFUND_CASH_LIMIT = "refund.cash_limit"  # the most a drawer refunds in cash
PIN_MIN_LENGTH = "pin.min_length"  # SPEC §11: six at least; an office may ask for more
DEFAULTS = {OFFICE_NAME: "City customer service office", OVER_SHORT_TOLERANCE: "5.00",
            NSF_FEE: "25.00", NSF_CASH_ONLY_AFTER: "2", REFUND_CASH_LIMIT: "50.00",
            PIN_MIN_LENGTH: "6"}


def get(session: Session, key: str) -> str:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return value if value is not None else DEFAULTS.get(key, "")


def put(session: Session, key: str, value: str) -> None:
    key_values.put(session, Setting, key, value)


def tolerance(session: Session) -> Cents:
    return parse_money(get(session, OVER_SHORT_TOLERANCE), what="over/short tolerance")


def nsf_fee(session: Session) -> Cents:
    return parse_money(get(session, NSF_FEE), what="NSF fee setting")


def nsf_cash_only_after(session: Session) -> int:
    text = get(session, NSF_CASH_ONLY_AFTER)
    if not text.isdigit() or int(text) < 1:
        raise InvalidReference(f"setting {NSF_CASH_ONLY_AFTER} {text!r} must be a whole "
                               "number of returned checks, 1 or more")
    return int(text)


def refund_cash_limit(session: Session) -> Cents:
    return parse_money(get(session, REFUND_CASH_LIMIT), what="cash refund limit setting")


def fund_names(session: Session) -> dict[str, str]:
    """``{"503": "Water"}`` from the ``fund.503`` settings."""
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.like("fund.%")))
    return {key.removeprefix("fund."): value for key, value in rows}
