"""Posting a payment: one receipt, one balanced journal entry, one receipt number, one transaction.

``post_payment`` is the only way money enters the ledger; the Qt window, the CLI and journal
replay all call it. Every rule is checked inside the write transaction, and any refusal rolls
the whole receipt back, so a refused payment leaves no receipt number, charge or posting behind.

A payment is taken in two steps. Pricing reads what the rules need and decides everything: the
lines, the charges each pays, the change, the entry; it writes nothing, so most refusals happen
before the first write. Writing then puts the rows in, several per statement where it can, and
the receipt handed back is built from what was written rather than read back.

Both steps use Core statements built once, at import, on the session's connection, and on
SQLite run on the driver's own cursor (``statements.Statement``): ORM loads and flushes,
building a statement on every call, then SQLAlchemy's own work per statement were most of
the cost of a payment (docs/performance.md, "Payment posting").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Connection, Table, and_, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from cashier.ledger.accounts import arrangements
from cashier.ledger.accounts import status as service_status
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import require_open_session
from cashier.ledger.receipts.journal_form import payment_fields
from cashier.ledger.receipts.records import AppliedCharge, LineRecord, ReceiptRecord, TenderRecord
from cashier.ledger.reference import users
from cashier.ledger.rules.application import Application, OpenCharge, apply_payment
from cashier.ledger.rules.distribution import Split, parse_share, split_amount
from cashier.ledger.rules.errors import (
    InvalidLine,
    ReferenceRequired,
    Unbalanced,
    UnknownAccount,
    UnknownItem,
)
from cashier.ledger.rules.money import Cents, check_amount, format_money
from cashier.ledger.rules.routing import mask_account
from cashier.ledger.rules.tendering import change_due
from cashier.ledger.rules.values import (
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
from cashier.ledger.store.compiled import Statement
from cashier.ledger.store.gl import system_codes
from cashier.ledger.store.link_state import working_offline
from cashier.ledger.store.models import (
    Account,
    Arrangement,
    Base,
    Charge,
    ChargeApplication,
    Drawer,
    DrawerSession,
    Item,
    ItemSplit,
    JournalEntry,
    Posting,
    Receipt,
    ReceiptLine,
    ReceiptTender,
    Service,
    Terminal,
    User,
)
from cashier.ledger.store.outbox import record_op

MAX_QUANTITY = 9_999
MAX_REFERENCE = 60


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


USERS, DRAWERS, DRAWER_SESSIONS = _table(User), _table(Drawer), _table(DrawerSession)
ACCOUNTS, CHARGES, SERVICES = _table(Account), _table(Charge), _table(Service)
ITEMS, SPLITS, TERMINALS = _table(Item), _table(ItemSplit), _table(Terminal)
RECEIPTS, LINES, TENDERS = _table(Receipt), _table(ReceiptLine), _table(ReceiptTender)
APPLICATIONS, ENTRIES, POSTINGS = _table(ChargeApplication), _table(JournalEntry), _table(Posting)

# Built once and, on SQLite, compiled once: a statement built per call cost more than
# running it (~110 µs against ~25 µs through SQLAlchemy, ~5 µs on the cursor).
_CASHIER_AND_DRAWER = Statement(
    select(USERS.c.role, USERS.c.locked, USERS.c.active, DRAWERS.c.terminal,
           DRAWER_SESSIONS.c.id.label("session_id"),
           DRAWER_SESSIONS.c.cashier.label("session_cashier"))
    .select_from(USERS)
    .join(DRAWERS, DRAWERS.c.code == bindparam("drawer"))
    .outerjoin(DRAWER_SESSIONS, and_(DRAWER_SESSIONS.c.drawer == DRAWERS.c.code,
                                     DRAWER_SESSIONS.c.status == "open"))
    .where(USERS.c.id == bindparam("cashier"))
    .limit(1)
)
ARRANGEMENTS = _table(Arrangement)
# Whether a payment on the account has more to do than pay charges: a service status to
# watch (issue #9) or an arrangement's installments to pay first.
_WATCHED = (ACCOUNTS.c.service_status != "active") | (
    select(ARRANGEMENTS.c.id).where(ARRANGEMENTS.c.account_number == ACCOUNTS.c.number,
                                    ARRANGEMENTS.c.status == "active")
    .limit(1).scalar_subquery().is_not(None))
# The account, once per open charge (once with no charge when none is open).
_ACCOUNT_AND_OPEN_CHARGES = Statement(
    select(ACCOUNTS.c.name, ACCOUNTS.c.cash_only, _WATCHED.label("watched"),
           CHARGES.c.id, CHARGES.c.service,
           SERVICES.c.priority, CHARGES.c.bill_date,
           (CHARGES.c.amount_cents - CHARGES.c.paid_cents).label("open"), SERVICES.c.ar_gl)
    .select_from(ACCOUNTS)
    .outerjoin(CHARGES, and_(CHARGES.c.account_number == ACCOUNTS.c.number,
                             CHARGES.c.paid_cents < CHARGES.c.amount_cents))
    .outerjoin(SERVICES, SERVICES.c.code == CHARGES.c.service)
    .where(ACCOUNTS.c.number == bindparam("number"))
)
_ITEM = Statement(
    select(ITEMS.c.code, ITEMS.c.name, ITEMS.c.price_cents, ITEMS.c.reference_required,
           ITEMS.c.reference_label, ITEMS.c.allowed_tenders, ITEMS.c.active,
           SPLITS.c.account, SPLITS.c.amount_cents, SPLITS.c.share)
    .outerjoin(SPLITS, SPLITS.c.item_code == ITEMS.c.code)
    .where(ITEMS.c.code == bindparam("code"))
    .order_by(SPLITS.c.seq)
)
_NEXT_SEQ = Statement(
    update(TERMINALS).where(TERMINALS.c.code == bindparam("terminal"))
    .values(last_receipt_seq=TERMINALS.c.last_receipt_seq + 1)
    .returning(TERMINALS.c.last_receipt_seq)
)
_INSERT_RECEIPT = Statement(insert(RECEIPTS).returning(RECEIPTS.c.id))
_INSERT_LINE = Statement(insert(LINES).returning(LINES.c.id))
_INSERT_APPLICATIONS = Statement(insert(APPLICATIONS))
_INSERT_TENDERS = Statement(insert(TENDERS))
_INSERT_ENTRY = Statement(insert(ENTRIES).returning(ENTRIES.c.id))
_INSERT_POSTINGS = Statement(insert(POSTINGS))
# Added to what is paid, not set from what was read: the amounts are the rule's output, and
# the charges' CHECK keeps paid within the amount whatever happened in between.
_PAY_CHARGES = Statement(
    update(CHARGES).where(CHARGES.c.id == bindparam("charge"))
    .values(paid_cents=CHARGES.c.paid_cents + bindparam("paid"))
)
_ADD_CREDIT = Statement(
    update(ACCOUNTS).where(ACCOUNTS.c.number == bindparam("account"))
    .values(credit_cents=ACCOUNTS.c.credit_cents + bindparam("credit"))
)


@dataclass(frozen=True)
class _ItemRow:
    """A revenue item and its GL distribution, as the pricing of a line needs them."""

    code: str
    name: str
    price_cents: Cents | None
    reference_required: bool
    reference_label: str
    allowed_tenders: frozenset[str]
    active: bool
    splits: list[Split]


@dataclass(frozen=True)
class _PricedLine:
    """One line as it will be written and printed, and what it does to the books."""

    record: LineRecord
    applications: tuple[Application, ...]  # in the order they were applied
    credits: tuple[PostingLine, ...]
    watched: bool = False  # an account line whose status or arrangement the payment affects


@dataclass
class _PricedLines:
    """What the lines of a receipt come to, before the tenders are looked at."""

    lines: list[_PricedLine]
    total: Cents
    cash_only: bool
    allowed_tenders: frozenset[str] | None

    @property
    def credits(self) -> list[PostingLine]:
        return [credit for line in self.lines for credit in line.credits]


def receipt_number(terminal: str, seq: int) -> str:
    return f"{terminal}-{seq:06d}"


@audit.refusals_logged("payment", actor="payment.cashier")
def post_payment(db: Database, payment: Payment) -> ReceiptRecord:
    """Post ``payment``; return the completed receipt. Raises a ``Refused`` subclass on any rule."""
    at = payment.at or now()
    with db.write() as session:
        return take_payment(session, payment, at)


def take_payment(session: Session, payment: Payment, at: dt.datetime) -> ReceiptRecord:
    """The body of ``post_payment`` inside the caller's write transaction."""
    # The reads below go straight to the connection; they must see the caller's pending changes.
    session.flush()
    conn = session.connection()
    terminal, session_id = _open_drawer_of(session, conn, payment)
    return write_receipt(session, payment, at, terminal, session_id, op="payment")


def write_receipt(session: Session, payment: Payment, at: dt.datetime, terminal: str,
                  session_id: int | None, *, op: str | None) -> ReceiptRecord:
    """Price, number and write one receipt for ``payment`` on ``terminal``'s range, the
    cashier and drawer already checked by the caller; ``op`` names the journal op to record
    (None when the caller's own op covers the receipt, as a batch post does)."""
    conn = session.connection()
    if not payment.lines:
        raise InvalidLine("a receipt needs at least one line")
    codes = system_codes(session)
    priced = _price_lines(conn, payment, codes["unapplied_credit"])
    check_amount(priced.total, what="receipt total", allow_zero=False)
    change = change_due(priced.total, payment.tenders, cash_only=priced.cash_only,
                        allowed=priced.allowed_tenders)
    postings = merge_postings(_tender_debits(payment.tenders, change, codes) + priced.credits)
    if sum(p.amount for p in postings) != 0:
        raise Unbalanced(f"payment on drawer {payment.drawer} does not sum to zero")

    if payment.offline is None:
        payment = replace(payment, offline=working_offline(session))
    seq = _next_receipt_seq(session, conn, terminal)
    receipt = ReceiptRecord(
        number=receipt_number(terminal, seq), terminal=terminal, drawer=payment.drawer,
        cashier=payment.cashier, taken_at=at, business_date=business_date(at),
        total=priced.total, change=change, status="completed",
        lines=tuple(line.record for line in priced.lines),
        tenders=tuple(_tender_record(t) for t in payment.tenders),
    )
    # The closed-day refusal (C12) comes before the receipt's rows are written.
    if op is not None:
        record_op(session, op, at, payment_fields(payment, receipt.number))
    receipt_id = _INSERT_RECEIPT.scalar(conn, {**_receipt_row(receipt, seq, session_id),
                                               "offline": bool(payment.offline)})
    _write_lines(session, conn, receipt_id, priced.lines)
    _INSERT_TENDERS.run(conn, [_tender_row(receipt_id, n, t)
                               for n, t in enumerate(receipt.tenders, start=1)])
    entry_id = _INSERT_ENTRY.scalar(conn, {
        "posted_at": at, "business_date": receipt.business_date, "kind": "payment",
        "receipt_id": receipt_id, "session_id": session_id, "memo": f"receipt {receipt.number}",
    })
    _INSERT_POSTINGS.run(conn, [
        {"entry_id": entry_id, "account": p.account, "amount_cents": p.amount} for p in postings])
    watched = [line.record for line in priced.lines if line.watched]
    if watched:
        receipt = replace(receipt, notes=_account_notes(session, receipt, receipt_id, watched))
    return receipt


def _account_notes(session: Session, receipt: ReceiptRecord, receipt_id: int,
                   lines: list[LineRecord]) -> tuple[str, ...]:
    """Pay the arrangement's installments first and count the payment toward a disconnect or
    reconnect amount; what the receipt prints about it."""
    notes: list[str] = []
    for line in lines:
        arrangements.paid_toward(session, line.code, line.amount, receipt_id)
        notice = service_status.paid_toward(
            session, line.code, line.amount, receipt_id=receipt_id, receipt=receipt.number,
            at=receipt.taken_at, business_date=receipt.business_date)
        if notice is not None:
            notes.append(notice.describe())
        notes += account_status_notes(session, line.code, receipt.business_date)
    return tuple(notes)


def account_status_notes(session: Session, account: str, day: dt.date) -> list[str]:
    """The account's status and arrangement as a receipt prints them (nothing when active)."""
    row = session.get_one(Account, account, populate_existing=True)
    notes = []
    status = service_status.status_of(row)
    if status.status != service_status.ACTIVE:
        notes.append(f"ACCOUNT {account}: {status.describe()}")
    plan = arrangements.view(session, account)
    if plan is not None:
        notes.append(f"ACCOUNT {account}: {plan.describe(day)}")
    return notes


# --- pricing: reads and decides, writes nothing ------------------------------------------------


def _open_drawer_of(session: Session, conn: Connection, payment: Payment) -> tuple[str, int]:
    """The drawer's terminal and open session, when the cashier may take this payment: an
    active user allowed to run drawers and not locked out (C14), on a drawer whose open session
    is the cashier's own (C4).

    One plain row answers the usual case. Anything short of a plain yes goes to the owners of
    those rules, ``users.require_payment_taker`` and ``sessions.require_open_session``, which
    refuse in their own words (tests/ledger/receipts/test_posting_path.py checks the two agree)."""
    row = _CASHIER_AND_DRAWER.first(conn, {"cashier": payment.cashier,
                                           "drawer": payment.drawer})
    if (row is not None and row.active and not row.locked
            and row.role in users.PAYMENT_TAKERS
            and row.session_id is not None and row.session_cashier == payment.cashier):
        return row.terminal, row.session_id
    users.require_payment_taker(session, payment.cashier)
    require_open_session(session, payment.drawer, payment.cashier)
    raise AssertionError(f"{payment.cashier} on {payment.drawer}: refused by this module, "
                         "accepted by the rules it reads")


def _price_lines(conn: Connection, payment: Payment, unapplied_gl: str) -> _PricedLines:
    lines: list[_PricedLine] = []
    applied: dict[int, Cents] = {}  # charge id -> paid by earlier lines of this receipt
    cash_only = False
    allowed: frozenset[str] | None = None
    for seq, line in enumerate(payment.lines, start=1):
        if isinstance(line, AccountPayment):
            priced, account_cash_only = _account_line(conn, seq, line, unapplied_gl, applied)
            cash_only = cash_only or account_cash_only
        elif isinstance(line, ItemSale):
            priced, item = _item_line(conn, seq, line)
            allowed = item.allowed_tenders if allowed is None else allowed & item.allowed_tenders
        else:
            raise InvalidLine(f"line {seq} is neither an account payment nor an item")
        lines.append(priced)
    total = sum(line.record.amount for line in lines)
    return _PricedLines(lines, total, cash_only, allowed)


def _account_line(conn: Connection, seq: int, line: AccountPayment, unapplied_gl: str,
                  applied: dict[int, Cents]) -> tuple[_PricedLine, bool]:
    """An account payment, and whether the account takes cash only (C16).

    ``applied`` carries what earlier lines of the same receipt paid, so a second line on the
    same account applies to what the first one left open; it is updated here."""
    rows = _ACCOUNT_AND_OPEN_CHARGES.rows(conn, {"number": line.account})
    if not rows:
        raise UnknownAccount(f"line {seq}: account {line.account!r} does not exist")
    account = rows[0]
    amount = check_amount(line.amount, what=f"line {seq} payment on {line.account}",
                          allow_zero=False)
    # Plain rows rather than reference.open_charges' ORM objects, which the Core update of
    # the charges would leave stale in the session.
    charges = {r.id: OpenCharge(r.id, r.service, r.priority, r.bill_date, r.open, r.ar_gl)
               for r in rows if r.id is not None}
    still_open = [dataclasses.replace(c, open=c.open - applied[c.charge_id])
                  if c.charge_id in applied else c for c in charges.values()]
    applications, credit = apply_payment(amount, still_open)
    for application in applications:
        applied[application.charge_id] = applied.get(application.charge_id, 0) + application.amount
    credits = [PostingLine(a.ar_gl, -a.amount) for a in applications]
    if credit:
        credits.append(PostingLine(unapplied_gl, -credit))
    record = LineRecord(
        seq, "account", line.account, account.name, 1, amount, "", credit,
        tuple(AppliedCharge(charges[a.charge_id].service, charges[a.charge_id].bill_date,
                            a.amount) for a in applications),
    )
    return (_PricedLine(record, tuple(applications), tuple(credits), bool(account.watched)),
            bool(account.cash_only))


def _load_item(conn: Connection, code: str) -> _ItemRow | None:
    rows = _ITEM.rows(conn, {"code": code})
    if not rows:
        return None
    first = rows[0]
    return _ItemRow(
        first.code, first.name, first.price_cents, bool(first.reference_required),
        first.reference_label, frozenset(first.allowed_tenders.split(",")), bool(first.active),
        [Split(r.account, r.amount_cents, parse_share(r.share) if r.share is not None else None)
         for r in rows if r.account is not None],
    )


def _item_line(conn: Connection, seq: int, line: ItemSale) -> tuple[_PricedLine, _ItemRow]:
    item = _load_item(conn, line.item)
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
    record = LineRecord(seq, "item", item.code, item.name, line.quantity, amount, reference, 0, ())
    credits = tuple(PostingLine(account, -cents)
                    for account, cents in split_amount(amount, item.splits, line.quantity))
    return _PricedLine(record, (), credits), item


def _tender_record(tender: Tender) -> TenderRecord:
    if isinstance(tender, CheckTender):
        return TenderRecord(tender.type, tender.amount, tender.number, tender.routing,
                            mask_account(tender.bank_account))
    if isinstance(tender, MoneyOrderTender):
        return TenderRecord(tender.type, tender.amount, tender.number)
    if isinstance(tender, CardTender):
        return TenderRecord(tender.type, tender.amount, card_brand=tender.brand.strip().upper(),
                            card_last4=tender.last4, card_auth=tender.auth,
                            card_reference=tender.reference)
    return TenderRecord(tender.type, tender.amount)


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


# --- writing ------------------------------------------------------------------------------------


def _next_receipt_seq(session: Session, conn: Connection, terminal: str) -> int:
    """Take the terminal's next receipt number (C1). The write transaction holds the database's
    write lock until it ends, and a refusal rolls the number back with everything else, so the
    numbers stay gapless."""
    seq = _NEXT_SEQ.scalar(conn, {"terminal": terminal})
    _expire_loaded(session, Terminal, [terminal])
    return int(seq)


def _receipt_row(receipt: ReceiptRecord, seq: int, session_id: int | None) -> dict[str, Any]:
    return {
        "number": receipt.number, "terminal": receipt.terminal, "seq": seq,
        "drawer": receipt.drawer, "session_id": session_id, "cashier": receipt.cashier,
        "taken_at": receipt.taken_at, "business_date": receipt.business_date,
        "total_cents": receipt.total, "change_cents": receipt.change, "status": receipt.status,
    }


def _write_lines(session: Session, conn: Connection, receipt_id: int,
                 lines: list[_PricedLine]) -> None:
    """The lines, and for account lines the charges they pay and any credit they leave."""
    line_ids = {line.record.seq: _INSERT_LINE.scalar(conn, _line_row(receipt_id, line.record))
                for line in lines}
    applications: list[dict[str, Any]] = []
    for line in lines:
        r = line.record
        applications += [{"line_id": line_ids[r.seq], "charge_id": a.charge_id,
                          "amount_cents": a.amount} for a in line.applications]
        if r.credit:
            _ADD_CREDIT.run(conn, {"account": r.code, "credit": r.credit})
            _expire_loaded(session, Account, [r.code])
    if applications:
        _PAY_CHARGES.run(conn, [{"charge": a["charge_id"], "paid": a["amount_cents"]}
                                for a in applications])
        _expire_loaded(session, Charge, [a["charge_id"] for a in applications])
        _INSERT_APPLICATIONS.run(conn, applications)


def _line_row(receipt_id: int, line: LineRecord) -> dict[str, Any]:
    return {
        "receipt_id": receipt_id, "seq": line.seq, "kind": line.kind,
        "account_number": line.code if line.kind == "account" else None,
        "item_code": line.code if line.kind == "item" else None, "quantity": line.quantity,
        "amount_cents": line.amount, "credit_cents": line.credit, "reference": line.reference,
    }


def _tender_row(receipt_id: int, seq: int, tender: TenderRecord) -> dict[str, Any]:
    return {
        "receipt_id": receipt_id, "seq": seq, "type": tender.type, "amount_cents": tender.amount,
        "number": tender.number, "routing": tender.routing,
        "bank_account_mask": tender.bank_account_mask, "card_brand": tender.card_brand,
        "card_last4": tender.card_last4, "card_auth": tender.card_auth,
        "card_reference": tender.card_reference,
    }


def _expire_loaded(session: Session, model: type[Base], keys: Iterable[object]) -> None:
    """Core writes go past the session: an object it already holds for one of those rows (a
    caller's own transaction, or central applying a batch in one) must reload, or its next
    flush would write the old value back."""
    if not session.identity_map:  # post_payment's own session holds nothing
        return
    for key in keys:
        loaded = session.identity_map.get(identity_key(model, key))
        if loaded is not None:
            session.expire(loaded)

