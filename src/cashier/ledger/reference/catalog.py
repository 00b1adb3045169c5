"""Reference data: GL accounts, services, revenue items, customer accounts, terminals, drawers.

Each function checks its input and raises ``InvalidReference`` (or an ``Unknown*`` error) naming
what was wrong before anything is added; they run inside the caller's write transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.rules.application import OpenCharge, apply_payment
from cashier.ledger.rules.distribution import Split, check_distribution, parse_share
from cashier.ledger.rules.errors import (
    InvalidReference,
    UnknownAccount,
    UnknownGLAccount,
    UnknownService,
)
from cashier.ledger.rules.money import Cents, check_amount
from cashier.ledger.rules.values import TENDER_TYPES, business_date, now
from cashier.ledger.store.gl import system_codes
from cashier.ledger.store.models import (
    Account,
    Charge,
    Drawer,
    GLAccount,
    Item,
    ItemSplit,
    JournalEntry,
    Posting,
    Service,
    Terminal,
)

GL_CODE = re.compile(r"(?P<fund>[0-9]{3})-[0-9]{4}\Z")
CODE = re.compile(r"[A-Za-z0-9_-]{1,20}\Z")
ACCOUNT_NUMBER = re.compile(r"[0-9]{1,20}\Z")
TERMINAL_CODE = re.compile(r"[A-Z0-9]{1,10}\Z")


def remittance_range(terminal: str) -> str:
    """A terminal's remittance range (issue #9), used as its batch receipts' terminal and
    drawer. The dash keeps it apart from every real terminal and drawer code."""
    return f"{terminal}-M"


def is_remittance_range(code: str) -> bool:
    return code.endswith("-M") and TERMINAL_CODE.match(code[:-2]) is not None
MAX_PRIORITY = 1_000_000


def _code(value: str, what: str, pattern: re.Pattern[str] = CODE) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise InvalidReference(f"{what} {value!r} is not a valid code")
    return value


def reference_name(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise InvalidReference(f"{what} name {value!r} must be printable text, not blank")
    return value.strip()


def require_gl(session: Session, code: str) -> GLAccount:
    account = session.get(GLAccount, code)
    if account is None:
        raise UnknownGLAccount(f"GL account {code!r} does not exist")
    return account


def add_gl_account(session: Session, code: str, name: str, fund: str | None = None,
                   *, by: str = "system", at: dt.datetime | None = None) -> GLAccount:
    match = GL_CODE.match(code) if isinstance(code, str) else None
    if match is None:
        raise InvalidReference(f"GL account {code!r} must look like FUND-OBJECT, e.g. 503-1210")
    if fund is not None and fund != match["fund"]:
        raise InvalidReference(f"GL account {code} is in fund {match['fund']}, not {fund}")
    if session.get(GLAccount, code) is not None:
        raise InvalidReference(f"GL account {code} already exists")
    account = GLAccount(code=code, name=reference_name(name, "GL account"),
                        fund=match["fund"],
                        system=False)
    session.add(account)
    audit.record(session, "config_change", by, at=at or now(), subject=f"gl:{code}",
                 detail={"change": "add_gl_account", "name": account.name})
    return account


def add_service(session: Session, code: str, name: str, priority: int, ar_gl: str,
                *, by: str = "system", at: dt.datetime | None = None) -> Service:
    _code(code, "service code")
    # Bounded so that a journal line's huge number is refused here, not by SQLite's 64 bits.
    if isinstance(priority, bool) or not isinstance(priority, int) \
            or not 0 <= priority <= MAX_PRIORITY:
        raise InvalidReference(f"service priority {priority!r} must be a whole number from 0 "
                               f"to {MAX_PRIORITY}")
    require_gl(session, ar_gl)
    if session.get(Service, code) is not None:
        raise InvalidReference(f"service {code} already exists")
    service = Service(code=code, name=reference_name(name, "service"), priority=priority,
                      ar_gl=ar_gl)
    session.add(service)
    audit.record(session, "config_change", by, at=at or now(), subject=f"service:{code}",
                 detail={"change": "add_service", "ar_gl": ar_gl, "priority": priority})
    return service


@dataclass(frozen=True)
class SplitSpec:
    """An item's GL split as typed by an admin or read from the journal."""

    account: str
    share: str | None = None
    amount: Cents | None = None


def check_item(session: Session, code: str, price: Cents | None,
               splits: Sequence[SplitSpec], tenders: Sequence[str]) -> None:
    """An item's price, tenders and GL distribution as the rules want them (SPEC §3)."""
    _code(code, "item code")
    if price is not None:
        check_amount(price, what=f"price of {code}", allow_zero=False)
    unknown = [t for t in tenders if t not in TENDER_TYPES]
    if not tenders or unknown:
        raise InvalidReference(
            f"item {code} allowed tenders {list(tenders)!r} must be some of "
            f"{', '.join(TENDER_TYPES)}"
        )
    domain_splits = []
    for spec in splits:
        require_gl(session, spec.account)
        share = parse_share(spec.share) if spec.share is not None else None
        if spec.amount is not None:
            check_amount(spec.amount, what=f"GL amount on {spec.account}", allow_zero=False)
        domain_splits.append(Split(spec.account, spec.amount, share))
    check_distribution(domain_splits, price)


def item_name(name: str) -> str:
    return reference_name(name, "item")


def add_item(session: Session, code: str, name: str, *, price: Cents | None,
             splits: Sequence[SplitSpec], reference_required: bool = False,
             reference_label: str = "", allowed_tenders: Iterable[str] = TENDER_TYPES,
             by: str = "system", at: dt.datetime | None = None) -> Item:
    tenders = list(allowed_tenders)
    check_item(session, code, price, splits, tenders)
    if session.get(Item, code) is not None:
        raise InvalidReference(f"item {code} already exists")
    item = Item(code=code, name=item_name(name), price_cents=price,
                reference_required=reference_required, reference_label=reference_label,
                allowed_tenders=",".join(tenders), active=True)
    item.splits = [
        ItemSplit(seq=i, account=spec.account, amount_cents=spec.amount, share=spec.share)
        for i, spec in enumerate(splits, start=1)
    ]
    session.add(item)
    audit.record(session, "config_change", by, at=at or now(), subject=f"item:{code}",
                 detail={"change": "add_item", "price": price})
    return item


def item_splits(item: Item) -> list[Split]:
    return [
        Split(s.account, s.amount_cents, parse_share(s.share) if s.share is not None else None)
        for s in item.splits
    ]


@dataclass(frozen=True)
class ChargeSpec:
    service: str
    bill_date: dt.date
    amount: Cents


def add_account(session: Session, number: str, name: str, address: str, *,
                cash_only: bool = False, charges: Sequence[ChargeSpec] = (),
                at: dt.datetime | None = None) -> Account:
    _code(number, "account number", ACCOUNT_NUMBER)
    if session.get(Account, number) is not None:
        raise InvalidReference(f"account {number} already exists")
    account = Account(number=number, name=reference_name(name, "account"),
                      address=reference_name(address, "service address"),
                      cash_only=cash_only,
                      credit_cents=0)
    session.add(account)
    session.flush()
    add_charges(session, number, charges, at=at)
    return account


def add_charges(session: Session, number: str, charges: Sequence[ChargeSpec],
                *, at: dt.datetime | None = None) -> list[Charge]:
    """Bill new charges to an account; any credit balance is applied to them (SPEC §3)."""
    account = session.get(Account, number)
    if account is None:
        raise UnknownAccount(f"account {number!r} does not exist")
    rows = []
    for spec in charges:
        if session.get(Service, spec.service) is None:
            raise UnknownService(f"service {spec.service!r} on account {number} does not exist")
        check_amount(spec.amount, what=f"{spec.service} charge on {number}", allow_zero=False)
        rows.append(Charge(account_number=number, service=spec.service,
                           bill_date=spec.bill_date, amount_cents=spec.amount, paid_cents=0))
    session.add_all(rows)
    session.flush()
    if account.credit_cents > 0 and rows:
        apply_credit(session, account, at=at or now())
    return rows


def open_charges(session: Session, number: str) -> list[OpenCharge]:
    rows = session.execute(
        select(Charge, Service)
        .join(Service, Service.code == Charge.service)
        .where(Charge.account_number == number, Charge.paid_cents < Charge.amount_cents)
    )
    return [
        OpenCharge(c.id, c.service, s.priority, c.bill_date, c.open_cents, s.ar_gl)
        for c, s in rows
    ]


def apply_credit(session: Session, account: Account, *, at: dt.datetime) -> None:
    """Move an account's credit balance onto its open charges: debit 100-2100, credit AR."""
    applications, left = apply_payment(account.credit_cents, open_charges(session, account.number))
    if not applications:
        return
    used = account.credit_cents - left
    entry = JournalEntry(posted_at=at, business_date=business_date(at), kind="credit_applied",
                         memo=f"credit applied on account {account.number}")
    entry.postings.append(Posting(account=system_codes(session)["unapplied_credit"],
                                  amount_cents=used))
    for application in applications:
        session.get_one(Charge, application.charge_id).paid_cents += application.amount
        entry.postings.append(Posting(account=application.ar_gl, amount_cents=-application.amount))
    account.credit_cents = left
    session.add(entry)
    session.flush()


def add_terminal(session: Session, code: str) -> Terminal:
    _code(code, "terminal code", TERMINAL_CODE)
    existing = session.get(Terminal, code)
    if existing is not None:
        return existing
    terminal = Terminal(code=code, last_receipt_seq=0)
    session.add(terminal)
    session.flush()
    return terminal


def add_drawer(session: Session, code: str, terminal: str, float_cents: Cents,
               *, by: str = "system", at: dt.datetime | None = None) -> Drawer:
    _code(code, "drawer code", TERMINAL_CODE)
    check_amount(float_cents, what=f"float of drawer {code}")
    add_terminal(session, terminal)
    if session.get(Drawer, code) is not None:
        raise InvalidReference(f"drawer {code} already exists")
    drawer = Drawer(code=code, terminal=terminal, float_cents=float_cents)
    session.add(drawer)
    audit.record(session, "config_change", by, at=at or now(), subject=f"drawer:{code}",
                 detail={"change": "add_drawer", "terminal": terminal, "float": float_cents})
    return drawer
