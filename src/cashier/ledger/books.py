"""Reading the books: journal entries, GL balances, a customer account as the counter sees it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.accounts import arrangements, lookup
from cashier.ledger.accounts.arrangements import ArrangementView
from cashier.ledger.accounts.status import ServiceStatus, status_of
from cashier.ledger.database import Database
from cashier.ledger.receipts.records import load_receipt
from cashier.ledger.rules.errors import UnknownAccount
from cashier.ledger.rules.money import Cents
from cashier.ledger.store.models import (
    Account,
    Charge,
    JournalEntry,
    Posting,
    Receipt,
    ReceiptLine,
    Service,
)


@dataclass(frozen=True)
class EntryRecord:
    id: int
    kind: str
    business_date: dt.date
    posted_at: dt.datetime
    memo: str
    reverses: int | None
    postings: tuple[tuple[str, Cents], ...]

    @property
    def balanced(self) -> bool:
        return sum(amount for _, amount in self.postings) == 0


def _entry_record(entry: JournalEntry) -> EntryRecord:
    return EntryRecord(entry.id, entry.kind, entry.business_date, entry.posted_at, entry.memo,
                       entry.reverses_id,
                       tuple((p.account, p.amount_cents) for p in entry.postings))


def entries_for_receipt(db: Database, number: str) -> list[EntryRecord]:
    with db.read() as session:
        receipt = load_receipt(session, number)
        entries = session.scalars(select(JournalEntry).where(JournalEntry.receipt_id == receipt.id)
                                  .order_by(JournalEntry.id))
        return [_entry_record(e) for e in entries]


def all_entries(db: Database) -> list[EntryRecord]:
    with db.read() as session:
        return [_entry_record(e) for e in session.scalars(select(JournalEntry)
                                                          .order_by(JournalEntry.id))]


def gl_balances(db: Database) -> dict[str, Cents]:
    """Net balance of every GL account with postings (debits positive)."""
    with db.read() as session:
        rows = session.execute(select(Posting.account, func.sum(Posting.amount_cents))
                               .group_by(Posting.account).order_by(Posting.account))
        return {account: int(total) for account, total in rows}


@dataclass(frozen=True)
class ChargeView:
    service: str
    service_name: str
    bill_date: dt.date
    amount: Cents
    open: Cents


@dataclass(frozen=True)
class PaymentView:
    receipt: str
    taken_at: dt.datetime
    amount: Cents
    status: str


@dataclass(frozen=True)
class AccountView:
    number: str
    name: str
    address: str
    cash_only: bool
    credit: Cents
    charges: tuple[ChargeView, ...]
    recent_payments: tuple[PaymentView, ...]
    status: ServiceStatus = field(default_factory=ServiceStatus)
    arrangement: ArrangementView | None = None

    @property
    def open_total(self) -> Cents:
        return sum(c.open for c in self.charges)

    @property
    def balance(self) -> Cents:
        """What the customer owes: open charges less any credit (negative = credit balance)."""
        return self.open_total - self.credit


def account_view(db: Database, number: str, *, payments: int = 5) -> AccountView:
    with db.read() as session:
        return load_account_view(session, number, payments=payments)


def load_account_view(session: Session, number: str, *, payments: int = 5) -> AccountView:
    account = session.get(Account, number)
    if account is None:
        raise UnknownAccount(f"account {number!r} does not exist")
    charges = tuple(
        ChargeView(c.service, name, c.bill_date, c.amount_cents, c.open_cents)
        for c, name in session.execute(
            select(Charge, Service.name).join(Service, Service.code == Charge.service)
            .where(Charge.account_number == number)
            .order_by(Charge.bill_date, Service.priority, Charge.id)
        )
    )
    recent = tuple(
        PaymentView(r.number, r.taken_at, amount, r.status)
        for r, amount in session.execute(
            select(Receipt, ReceiptLine.amount_cents)
            .join(ReceiptLine, ReceiptLine.receipt_id == Receipt.id)
            .where(ReceiptLine.account_number == number)
            .order_by(Receipt.id.desc()).limit(payments)
        )
    )
    return AccountView(account.number, account.name, account.address, account.cash_only,
                       account.credit_cents, charges, recent, status_of(account),
                       arrangements.view(session, number))


@dataclass(frozen=True)
class AccountMatch:
    number: str
    name: str
    address: str


def find_accounts(db: Database, text: str, *, limit: int = 20) -> list[AccountMatch]:
    """Accounts whose number starts with ``text`` (one all-digit word), or whose name or
    address has every word; the first ``limit`` by account number.

    Bound parameters only; LIKE wildcards and full-text query syntax in the text are taken
    literally, so a search string can never change the query (``lookup`` has the details).
    """
    with db.read() as session:
        return [AccountMatch(*row) for row in lookup.search(session, text, limit=limit)]
