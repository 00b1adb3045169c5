"""System GL accounts (SPEC §3): created by the program; codes configurable in settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.models import GLAccount, Setting


@dataclass(frozen=True)
class SystemAccount:
    key: str
    default_code: str
    name: str


SYSTEM_ACCOUNTS = (
    SystemAccount("cash", "100-1010", "Cash in drawer"),
    SystemAccount("check", "100-1020", "Checks in drawer"),
    SystemAccount("money_order", "100-1025", "Money orders in drawer"),
    SystemAccount("card", "100-1030", "Card receivable"),
    SystemAccount("safe", "100-1015", "Cash drops in safe"),
    SystemAccount("deposit_in_transit", "100-1090", "Deposit in transit"),
    SystemAccount("unapplied_credit", "100-2100", "Unapplied customer credits"),
    SystemAccount("over_short", "100-5990", "Cash over/short"),
)


def _setting_key(key: str) -> str:
    return f"gl.{key}"


def system_codes(session: Session) -> dict[str, str]:
    """The GL code for each system account key, from settings or the SPEC default."""
    rows = dict(
        session.execute(
            select(Setting.key, Setting.value).where(Setting.key.like("gl.%"))
        ).all()
    )
    return {a.key: rows.get(_setting_key(a.key), a.default_code) for a in SYSTEM_ACCOUNTS}


def ensure_system_accounts(session: Session) -> None:
    """Create any missing system GL account (their fund is the part before the dash)."""
    codes = system_codes(session)
    existing = set(
        session.scalars(select(GLAccount.code).where(GLAccount.code.in_(codes.values())))
    )
    for account in SYSTEM_ACCOUNTS:
        code = codes[account.key]
        if code not in existing:
            session.add(GLAccount(code=code, name=account.name, fund=code.split("-")[0],
                                  system=True))
    session.flush()
