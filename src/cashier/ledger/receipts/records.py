"""Receipts as immutable records for the screen, the printer and the reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.accounts.status import receipt_notices
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.reference import users
from cashier.ledger.rules.errors import UnknownReceipt
from cashier.ledger.rules.money import Cents, format_money
from cashier.ledger.rules.values import now
from cashier.ledger.store.models import (
    Account,
    Charge,
    ChargeApplication,
    Correction,
    DrawerSession,
    Item,
    JournalEntry,
    Receipt,
    ReceiptLine,
)
from cashier.ledger.store.outbox import record_op


@dataclass(frozen=True)
class AppliedCharge:
    service: str
    bill_date: dt.date
    amount: Cents


@dataclass(frozen=True)
class LineRecord:
    seq: int
    kind: str  # "account" or "item"
    code: str  # account number or item code
    description: str  # customer name or item name
    quantity: int
    amount: Cents
    reference: str
    credit: Cents
    applied: tuple[AppliedCharge, ...]


@dataclass(frozen=True)
class TenderRecord:
    type: str
    amount: Cents
    number: str = ""
    routing: str = ""
    bank_account_mask: str = ""
    card_brand: str | None = None
    card_last4: str | None = None
    card_auth: str | None = None
    card_reference: str | None = None


@dataclass(frozen=True)
class ReceiptRecord:
    number: str
    terminal: str
    drawer: str
    cashier: str
    taken_at: dt.datetime
    business_date: dt.date
    total: Cents
    change: Cents
    status: str
    lines: tuple[LineRecord, ...]
    tenders: tuple[TenderRecord, ...]
    voided_at: dt.datetime | None = None
    voided_by: str | None = None
    void_approver: str | None = None
    void_reason: str | None = None
    notes: tuple[str, ...] = ()  # corrections since (returned check, transfer), shown with it

    @property
    def tendered(self) -> Cents:
        return sum(t.amount for t in self.tenders)

    @property
    def is_void(self) -> bool:
        return self.status == "void"


def _line_record(session: Session, line: ReceiptLine) -> LineRecord:
    if line.kind == "account":
        account = session.get_one(Account, line.account_number)
        code, description = account.number, account.name
    else:
        item = session.get_one(Item, line.item_code)
        code, description = item.code, item.name
    applied = tuple(
        AppliedCharge(charge.service, charge.bill_date, app.amount_cents)
        for app, charge in session.execute(
            select(ChargeApplication, Charge)
            .join(Charge, Charge.id == ChargeApplication.charge_id)
            .where(ChargeApplication.line_id == line.id)
            .order_by(ChargeApplication.id)
        )
    )
    return LineRecord(line.seq, line.kind, code, description, line.quantity, line.amount_cents,
                      line.reference, line.credit_cents, applied)


def _note(c: Correction) -> str:
    amount = format_money(c.amount_cents)
    if c.kind == "nsf":
        return (f"CHECK RETURNED (NSF) {c.business_date}: {amount} charged back to account "
                f"{c.account}, fee {format_money(c.fee_cents)}; {c.by}: {c.reason}")
    return (f"PAYMENT TRANSFERRED {c.business_date}: {amount} from account {c.account} to "
            f"{c.to_account}; {c.by}: {c.reason}")


def receipt_notes(session: Session, receipt_id: int) -> tuple[str, ...]:
    """What back-office corrections did to a receipt since it was taken, shown and reprinted
    with it; the receipt row itself never changes (C1, C12)."""
    notices = tuple(n.describe() for n in receipt_notices(session, receipt_id))
    return notices + tuple(_note(c) for c in session.scalars(
        select(Correction).where(Correction.receipt_id == receipt_id).order_by(Correction.id)))


def receipt_record(session: Session, receipt: Receipt) -> ReceiptRecord:
    return ReceiptRecord(
        number=receipt.number, terminal=receipt.terminal, drawer=receipt.drawer,
        cashier=receipt.cashier, taken_at=receipt.taken_at, business_date=receipt.business_date,
        total=receipt.total_cents, change=receipt.change_cents, status=receipt.status,
        lines=tuple(_line_record(session, line) for line in receipt.lines),
        tenders=tuple(
            TenderRecord(t.type, t.amount_cents, t.number, t.routing, t.bank_account_mask,
                         t.card_brand, t.card_last4, t.card_auth, t.card_reference)
            for t in receipt.tenders
        ),
        voided_at=receipt.voided_at, voided_by=receipt.voided_by,
        void_approver=receipt.void_approver, void_reason=receipt.void_reason,
        notes=receipt_notes(session, receipt.id),
    )


def load_receipt(session: Session, number: str) -> Receipt:
    receipt = session.scalar(select(Receipt).where(Receipt.number == number))
    if receipt is None:
        raise UnknownReceipt(f"no receipt {number!r}")
    return receipt


def get_receipt(db: Database, number: str) -> ReceiptRecord:
    with db.read() as session:
        return receipt_record(session, load_receipt(session, number))


def payment_entry(session: Session, receipt: Receipt) -> JournalEntry:
    return session.scalars(
        select(JournalEntry).where(JournalEntry.receipt_id == receipt.id,
                                   JournalEntry.kind == "payment")
    ).one()


def receipts_for_day(db: Database, day: dt.date, terminal: str | None = None
                     ) -> list[ReceiptRecord]:
    with db.read() as session:
        query = select(Receipt).where(Receipt.business_date == day).order_by(
            Receipt.terminal, Receipt.seq)
        if terminal is not None:
            query = query.where(Receipt.terminal == terminal)
        return [receipt_record(session, r) for r in session.scalars(query)]


@audit.refusals_logged("reprint", actor="user")
def reprint(db: Database, number: str, user: str, *, at: dt.datetime | None = None
            ) -> ReceiptRecord:
    """A copy of a receipt (C10): printed marked COPY by the caller, and logged here in the
    audit trail and the journal so the Daily Cash Report lists every reprint."""
    at = at or now()
    with db.write() as session:
        users.require_payment_taker(session, user)
        receipt = load_receipt(session, number)
        audit.record(session, "reprint", user, at=at, subject=f"receipt:{number}",
                     detail={"status": receipt.status})
        record_op(session, "reprint", at, {"receipt": number, "by": user})
        return receipt_record(session, receipt)


@dataclass(frozen=True)
class ReceiptRow:
    number: str
    taken_at: dt.datetime
    cashier: str
    total: Cents
    status: str


def session_receipts(db: Database, drawer: str) -> list[ReceiptRow]:
    """Receipts of the drawer's open session, newest first: what a void can pick from."""
    with db.read() as session:
        current = session.scalar(select(DrawerSession.id).where(
            DrawerSession.drawer == drawer, DrawerSession.status == "open"))
        if current is None:
            return []
        rows = session.scalars(select(Receipt).where(Receipt.session_id == current)
                               .order_by(Receipt.id.desc()))
        return [ReceiptRow(r.number, r.taken_at, r.cashier, r.total_cents, r.status)
                for r in rows]
