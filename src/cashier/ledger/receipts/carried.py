"""Earlier receipts carried by a day's journal export as context (SPEC §4).

An export of one day must replay into an empty database, yet that day's NSF returns,
transfers and voids name receipts taken on earlier days. The export therefore carries each
such receipt in the context form of the ``payment`` op (``"context": true``): the receipt as
it was taken — its number, lines with exactly what they applied to which charge, tenders,
change and the postings of its entry — dated its own business day, so it counts in none of
the replayed day's figures. Replay writes it here as the record it is, not as a new sale: the
rules were checked when it was taken, and its own day is not being rebuilt. The terminal's
sequence is carried separately (the ``sequence`` op) and is not moved by a carried receipt.

The export side (``context_fields``) and the replay side (``carry_in_receipt``) are kept
together so the form has one definition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.drawer.carried import session_opened, session_opened_at
from cashier.ledger.receipts.journal_form import line_fields
from cashier.ledger.receipts.payments import receipt_number
from cashier.ledger.receipts.records import payment_entry
from cashier.ledger.reference.catalog import add_terminal, is_remittance_range
from cashier.ledger.rules.errors import BadJournalLine, ReceiptSequence, UnknownAccount
from cashier.ledger.rules.money import Cents, format_money
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Tender,
    business_date,
)
from cashier.ledger.store.models import (
    Account,
    Charge,
    ChargeApplication,
    Drawer,
    JournalEntry,
    Posting,
    Receipt,
    ReceiptLine,
    ReceiptTender,
    Terminal,
)


@dataclass(frozen=True)
class CarriedLine:
    line: AccountPayment | ItemSale
    amount: Cents  # the line's total as taken
    credit: Cents = 0  # what an account line left as the account's credit
    applied: tuple[tuple[str, dt.date, Cents], ...] = ()  # (service, bill date, amount)


@dataclass(frozen=True)
class CarriedReceipt:
    number: str
    drawer: str
    cashier: str
    at: dt.datetime
    lines: tuple[CarriedLine, ...]
    tenders: tuple[Tender, ...]
    change: Cents
    postings: tuple[tuple[str, Cents], ...]
    opened: dt.datetime | None = None  # the carried drawer session it was taken in
    offline: bool = False


# --- the export side ---------------------------------------------------------------------------

def _tender_form(t: ReceiptTender) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": t.type, "amount": format_money(t.amount_cents)}
    if t.type == "check":
        fields.update(number=t.number, routing=t.routing)
        if t.bank_account_mask:
            fields["bank_account"] = t.bank_account_mask
    elif t.type == "money_order":
        fields["number"] = t.number
    elif t.type == "card":
        fields.update(brand=t.card_brand or "", last4=t.card_last4 or "", auth=t.card_auth or "")
        if t.card_reference:
            fields["reference"] = t.card_reference
    return fields


def context_fields(session: Session, receipt: Receipt, *, in_carried_session: bool
                   ) -> dict[str, Any]:
    """The context form of ``payment`` for ``receipt`` as it was taken."""
    lines = []
    for row in receipt.lines:
        if row.kind == "account" and row.account_number is not None:
            fields = line_fields(AccountPayment(row.account_number, row.amount_cents))
            fields["applied"] = [
                {"service": charge.service, "bill_date": charge.bill_date.isoformat(),
                 "amount": format_money(a.amount_cents)}
                for a in row.applications
                for charge in [session.get_one(Charge, a.charge_id)]]
            fields["credit"] = format_money(row.credit_cents)
        else:
            # The unit amount always: a fixed price may have changed since it was taken.
            fields = line_fields(ItemSale(row.item_code or "", row.quantity, row.reference,
                                          row.amount_cents // max(row.quantity, 1)))
        lines.append(fields)
    body: dict[str, Any] = {
        "context": True, "at": receipt.taken_at.isoformat(), "receipt": receipt.number,
        "drawer": receipt.drawer, "cashier": receipt.cashier, "lines": lines,
        "tenders": [_tender_form(t) for t in receipt.tenders],
        "change": format_money(receipt.change_cents),
        "postings": [{"account": p.account, "amount": format_money(p.amount_cents)}
                     for p in payment_entry(session, receipt).postings],
    }
    if in_carried_session and receipt.session_id is not None:
        body["opened"] = session_opened_at(session, receipt.session_id).isoformat()
    if receipt.offline:
        body["offline"] = True
    return body


# --- the replay side ---------------------------------------------------------------------------

def _seq_of(number: str) -> tuple[str, int]:
    terminal, _, digits = number.rpartition("-")
    if not terminal or not digits.isdigit() or receipt_number(terminal, int(digits)) != number:
        raise BadJournalLine(f"payment field 'receipt' {number!r} is not a receipt number "
                             "like T01-000007")
    return terminal, int(digits)


def _charge_for(session: Session, account: str, service: str, bill_date: dt.date,
                cents: Cents) -> Charge:
    for charge in session.scalars(select(Charge).where(
            Charge.account_number == account, Charge.service == service,
            Charge.bill_date == bill_date).order_by(Charge.id)):
        if charge.open_cents >= cents:
            return charge
    raise UnknownAccount(f"account {account} has no open {service} charge of {bill_date} for "
                         f"{format_money(cents)} to carry receipt's application onto")


def _tender_row(seq: int, tender: Tender) -> ReceiptTender:
    row = ReceiptTender(seq=seq, type=tender.type, amount_cents=tender.amount)
    if isinstance(tender, CheckTender):
        row.number, row.routing, row.bank_account_mask = (tender.number, tender.routing,
                                                          tender.bank_account)
    elif isinstance(tender, MoneyOrderTender):
        row.number = tender.number
    elif isinstance(tender, CardTender):
        row.card_brand, row.card_last4 = tender.brand, tender.last4
        row.card_auth, row.card_reference = tender.auth, tender.reference or None
    return row


def carry_in_receipt(session: Session, carried: CarriedReceipt) -> Receipt:
    """Write ``carried`` as the completed receipt it was, on its own business day."""
    terminal, seq = _seq_of(carried.number)
    drawer = session.get(Drawer, carried.drawer)
    if drawer is None or drawer.terminal != terminal:
        raise ReceiptSequence(f"receipt {carried.number} was not taken on drawer "
                              f"{carried.drawer}'s terminal")
    if session.get(Terminal, terminal) is None and not is_remittance_range(terminal):
        add_terminal(session, terminal)
    if session.scalar(select(Receipt.id).where(Receipt.number == carried.number)) is not None:
        raise ReceiptSequence(f"receipt {carried.number} is already in this database")
    total = sum(line.amount for line in carried.lines)
    if sum(t.amount for t in carried.tenders) - carried.change != total:
        raise BadJournalLine(f"payment {carried.number}: tenders less change are not the "
                             "lines' total")
    if sum(cents for _, cents in carried.postings) != 0:
        raise BadJournalLine(f"payment {carried.number}: its postings do not sum to zero")
    session_id = None
    if carried.opened is not None:
        session_id = session_opened(session, carried.drawer, carried.opened).id
    day = business_date(carried.at)
    receipt = Receipt(number=carried.number, terminal=terminal, seq=seq,
                      drawer=carried.drawer, session_id=session_id, cashier=carried.cashier,
                      taken_at=carried.at, business_date=day, total_cents=total,
                      change_cents=carried.change, status="completed",
                      offline=carried.offline, carried=True)
    for n, c in enumerate(carried.lines, start=1):
        row = ReceiptLine(seq=n, kind="account" if isinstance(c.line, AccountPayment)
                          else "item", quantity=1, amount_cents=c.amount,
                          credit_cents=c.credit, reference="")
        if isinstance(c.line, AccountPayment):
            account = session.get(Account, c.line.account)
            if account is None:
                raise UnknownAccount(f"account {c.line.account!r} does not exist")
            row.account_number = account.number
            account.credit_cents += c.credit
            for service, bill_date, cents in c.applied:
                charge = _charge_for(session, account.number, service, bill_date, cents)
                charge.paid_cents += cents
                row.applications.append(ChargeApplication(charge_id=charge.id,
                                                          amount_cents=cents))
        else:
            row.item_code, row.quantity, row.reference = (c.line.item, c.line.quantity,
                                                          c.line.reference)
        receipt.lines.append(row)
    receipt.tenders = [_tender_row(n, t) for n, t in enumerate(carried.tenders, start=1)]
    session.add(receipt)
    session.flush()
    entry = JournalEntry(posted_at=carried.at, business_date=day, kind="payment",
                         receipt_id=receipt.id, session_id=session_id,
                         memo=f"receipt {carried.number}")
    entry.postings = [Posting(account=account, amount_cents=cents)
                      for account, cents in carried.postings]
    session.add(entry)
    session.flush()
    return receipt


def carry_sequence(session: Session, terminal: str, next_seq: int) -> None:
    """Terminal ``terminal``'s next receipt is number ``next_seq`` (the ``sequence`` op)."""
    row = session.get(Terminal, terminal)
    if row is None:
        if is_remittance_range(terminal):
            # A remittance range's own terminal and drawer rows, as its first batch makes them.
            session.add(Terminal(code=terminal, last_receipt_seq=0))
            session.flush()
            session.add(Drawer(code=terminal, terminal=terminal, float_cents=0))
            session.flush()
        else:
            add_terminal(session, terminal)
        row = session.get_one(Terminal, terminal)
    if row.last_receipt_seq >= next_seq:
        issued = receipt_number(terminal, row.last_receipt_seq)
        raise ReceiptSequence(f"terminal {terminal} has already issued {issued}; its sequence "
                              f"cannot go back to {receipt_number(terminal, next_seq)}")
    row.last_receipt_seq = next_seq - 1
    session.flush()
