"""System GL accounts (SPEC §3): created by the program; codes configurable in settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.store.compiled import Statement
from cashier.ledger.store.models import GLAccount, Setting


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
    # Back-office corrections: a returned check and its fee are owed by the customer (billed
    # to the account under the "nsf" service), the fee is revenue, and a credit refunded by
    # check waits in refunds payable until accounts payable mails it.
    SystemAccount("nsf_receivable", "100-1240", "Returned checks and fees receivable"),
    SystemAccount("nsf_fee", "100-4910", "Returned check (NSF) fees"),
    SystemAccount("refunds_payable", "100-2150", "Customer refunds payable"),
)


def _setting_key(key: str) -> str:
    return f"gl.{key}"


# Built once, as a plain statement: every payment reads it, and building it per call cost
# more than running it (docs/performance.md). A key range ("/" follows "."), which the
# primary key serves, where SQLite's case-blind LIKE would read every setting.
_SETTINGS = Setting.__table__
_GL_SETTINGS = Statement(
    select(_SETTINGS.c.key, _SETTINGS.c.value)
    .where(_SETTINGS.c.key > "gl.", _SETTINGS.c.key < "gl/"))


def system_codes(session: Session) -> dict[str, str]:
    """The GL code for each system account key, from settings or the SPEC default."""
    session.flush()  # a plain read does not autoflush
    rows: dict[str, str] = dict(_GL_SETTINGS.rows(session.connection()))
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
