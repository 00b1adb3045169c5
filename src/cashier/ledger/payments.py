"""Posting a payment: one receipt, one balanced journal entry, one receipt number, one transaction.

``post_payment`` is the only way money enters the ledger; the Qt window, the CLI and journal
replay all call it. Every rule is checked inside the write transaction, and any refusal rolls
the whole receipt back, so a refused payment leaves no receipt number, charge or posting behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cashier.ledger import users
from cashier.ledger.application import apply_payment
from cashier.ledger.database import Database
from cashier.ledger.distribution import split_amount
from cashier.ledger.errors import (
    InvalidLine,
    ReferenceRequired,
    Unbalanced,
    UnknownAccount,
    UnknownItem,
)
from cashier.ledger.gl import system_codes
from cashier.ledger.journal_form import payment_fields
from cashier.ledger.models import (
    Account,
    Charge,
    ChargeApplication,
    Drawer,
    Item,
    JournalEntry,
    Posting,
    Receipt,
    ReceiptLine,
    ReceiptTender,
    Terminal,
)
from cashier.ledger.money import Cents, check_amount, format_money
from cashier.ledger.operations import record_op
from cashier.ledger.receipts import ReceiptRecord, receipt_record
from cashier.ledger.reference import item_splits, open_charges
from cashier.ledger.routing import mask_account
from cashier.ledger.sessions import require_open_session
from cashier.ledger.tendering import change_due
from cashier.ledger.values import (
    AccountPayment,
    CardTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Payment,
    PostingLine,
    Tender,
    business_date,
    now,
)

MAX_QUANTITY = 9_999
MAX_REFERENCE = 60


@dataclass
class _PricedLines:
    """What the lines of a receipt come to, before the tenders are looked at."""

    rows: list[ReceiptLine]
    credits: list[PostingLine]
    total: Cents
    cash_only: bool
    allowed_tenders: frozenset[str] | None


def receipt_number(terminal: str, seq: int) -> str:
    return f"{terminal}-{seq:06d}"


def post_payment(db: Database, payment: Payment) -> ReceiptRecord:
    """Post ``payment``; return the completed receipt. Raises a ``Refused`` subclass on any rule."""
    at = payment.at or now()
    with db.write() as session:
        receipt = take_payment(session, payment, at)
        return receipt_record(session, receipt)


def take_payment(session: Session, payment: Payment, at: dt.datetime) -> Receipt:
    """The body of ``post_payment`` inside the caller's write transaction."""
    users.require_payment_taker(session, payment.cashier)
    drawer_session = require_open_session(session, payment.drawer, payment.cashier)
    drawer = session.get_one(Drawer, payment.drawer)
    if not payment.lines:
        raise InvalidLine("a receipt needs at least one line")
    codes = system_codes(session)
    priced = _price_lines(session, payment, codes["unapplied_credit"])
    check_amount(priced.total, what="receipt total", allow_zero=False)
    change = change_due(priced.total, payment.tenders, cash_only=priced.cash_only,
                        allowed=priced.allowed_tenders)

    terminal = session.get_one(Terminal, drawer.terminal)
    terminal.last_receipt_seq += 1
    receipt = Receipt(
        number=receipt_number(terminal.code, terminal.last_receipt_seq),
        terminal=terminal.code, seq=terminal.last_receipt_seq, drawer=drawer.code,
        session_id=drawer_session.id,
        cashier=payment.cashier, taken_at=at, business_date=business_date(at),
        total_cents=priced.total, change_cents=change, status="completed",
    )
    receipt.lines = priced.rows
    receipt.tenders = [_tender_row(i, t) for i, t in enumerate(payment.tenders, start=1)]
    session.add(receipt)
    session.flush()

    debits = _tender_debits(payment.tenders, change, codes)
    entry = JournalEntry(posted_at=at, business_date=receipt.business_date, kind="payment",
                         receipt_id=receipt.id, session_id=drawer_session.id,
                         memo=f"receipt {receipt.number}")
    entry.postings = [Posting(account=p.account, amount_cents=p.amount)
                      for p in merge_postings(debits + priced.credits)]
    if sum(p.amount_cents for p in entry.postings) != 0:
        raise Unbalanced(f"receipt {receipt.number} entry does not sum to zero")
    session.add(entry)
    record_op(session, "payment", at, payment_fields(payment, receipt.number))
    session.flush()
    return receipt


def _price_lines(session: Session, payment: Payment, unapplied_gl: str) -> _PricedLines:
    rows: list[ReceiptLine] = []
    credits: list[PostingLine] = []
    cash_only = False
    allowed: frozenset[str] | None = None
    for seq, line in enumerate(payment.lines, start=1):
        if isinstance(line, AccountPayment):
            row, line_credits, account = _account_line(session, seq, line, unapplied_gl)
            cash_only = cash_only or account.cash_only
        elif isinstance(line, ItemSale):
            row, line_credits, item = _item_line(session, seq, line)
            item_tenders = frozenset(item.allowed_tenders.split(","))
            allowed = item_tenders if allowed is None else allowed & item_tenders
        else:
            raise InvalidLine(f"line {seq} is neither an account payment nor an item")
        rows.append(row)
        credits.extend(line_credits)
    total = sum(row.amount_cents for row in rows)
    return _PricedLines(rows, credits, total, cash_only, allowed)


def _account_line(session: Session, seq: int, line: AccountPayment,
                  unapplied_gl: str) -> tuple[ReceiptLine, list[PostingLine], Account]:
    account = session.get(Account, line.account)
    if account is None:
        raise UnknownAccount(f"line {seq}: account {line.account!r} does not exist")
    amount = check_amount(line.amount, what=f"line {seq} payment on {line.account}",
                          allow_zero=False)
    # Charges are updated as each line is priced, so a second line on the same account
    # applies to what the first one left open.
    applications, credit = apply_payment(amount, open_charges(session, account.number))
    row = ReceiptLine(seq=seq, kind="account", account_number=account.number, quantity=1,
                      amount_cents=amount, credit_cents=credit, reference="")
    credits = []
    for application in applications:
        session.get_one(Charge, application.charge_id).paid_cents += application.amount
        row.applications.append(ChargeApplication(charge_id=application.charge_id,
                                                  amount_cents=application.amount))
        credits.append(PostingLine(application.ar_gl, -application.amount))
    if credit:
        account.credit_cents += credit
        credits.append(PostingLine(unapplied_gl, -credit))
    session.flush()
    return row, credits, account


def _item_line(session: Session, seq: int,
               line: ItemSale) -> tuple[ReceiptLine, list[PostingLine], Item]:
    item = session.get(Item, line.item)
    if item is None or not item.active:
        raise UnknownItem(f"line {seq}: item {line.item!r} does not exist")
    if isinstance(line.quantity, bool) or not isinstance(line.quantity, int) \
            or not 1 <= line.quantity <= MAX_QUANTITY:
        raise InvalidLine(f"line {seq}: quantity {line.quantity!r} must be 1 to {MAX_QUANTITY}")
    reference = (line.reference or "").strip()
    if item.reference_required and not reference:
        label = item.reference_label or "reference"
        raise ReferenceRequired(f"line {seq}: {item.name} needs a {label}")
    if len(reference) > MAX_REFERENCE or not reference.isprintable():
        raise InvalidLine(f"line {seq}: reference must be printable, at most {MAX_REFERENCE}")
    if item.price_cents is None:
        if line.unit_amount is None:
            raise InvalidLine(f"line {seq}: {item.name} has no fixed price; key the amount")
        unit = check_amount(line.unit_amount, what=f"line {seq} amount", allow_zero=False)
    else:
        if line.unit_amount is not None and line.unit_amount != item.price_cents:
            raise InvalidLine(
                f"line {seq}: {item.name} has the fixed price {format_money(item.price_cents)}, "
                f"not {format_money(line.unit_amount)}"
            )
        unit = item.price_cents
    amount = check_amount(unit * line.quantity, what=f"line {seq} amount", allow_zero=False)
    row = ReceiptLine(seq=seq, kind="item", item_code=item.code, quantity=line.quantity,
                      amount_cents=amount, credit_cents=0, reference=reference)
    credits = [PostingLine(account, -cents)
               for account, cents in split_amount(amount, item_splits(item), line.quantity)]
    return row, credits, item


def _tender_row(seq: int, tender: Tender) -> ReceiptTender:
    row = ReceiptTender(seq=seq, type=tender.type, amount_cents=tender.amount, number="",
                        routing="", bank_account_mask="")
    if isinstance(tender, CheckTender):
        row.number = tender.number
        row.routing = tender.routing
        row.bank_account_mask = mask_account(tender.bank_account)
    elif isinstance(tender, MoneyOrderTender):
        row.number = tender.number
    elif isinstance(tender, CardTender):
        row.card_brand = tender.brand.strip().upper()
        row.card_last4 = tender.last4
        row.card_auth = tender.auth
        row.card_reference = tender.reference
    return row


def _tender_debits(tenders: tuple[Tender, ...], change: Cents,
                   codes: dict[str, str]) -> list[PostingLine]:
    """Debit each tender's drawer account; cash is net of the change handed back."""
    debits = [PostingLine(codes[t.type], t.amount) for t in tenders]
    if change:
        debits.append(PostingLine(codes["cash"], -change))
    return debits


def merge_postings(postings: list[PostingLine]) -> list[PostingLine]:
    """One posting per account, debits first, so an entry reads like a voucher."""
    totals: dict[str, Cents] = {}
    for posting in postings:
        totals[posting.account] = totals.get(posting.account, 0) + posting.amount
    merged = [PostingLine(a, c) for a, c in totals.items() if c]
    return sorted(merged, key=lambda p: p.amount < 0)
