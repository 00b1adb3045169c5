"""Each journal op (SPEC §4) as a call into the ordinary service layer.

``parse(fields)`` checks a line completely and returns an ``Action``; running the action calls
the same function the counter or the CLI would (``post_payment``, ``void_receipt``,
``close_drawer`` …), so a replayed day passes every control a live day did. There are no
shortcut writes here: a line the service refuses is refused on replay too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from cashier.ledger.accounts import arrangements
from cashier.ledger.accounts import status as service_status
from cashier.ledger.database import Database
from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer import carried as drawer_carried
from cashier.ledger.drawer import cash_movements, sessions
from cashier.ledger.journal import keys
from cashier.ledger.journal.read import Fields
from cashier.ledger.receipts import carried, corrections, returned_checks
from cashier.ledger.receipts.correction_history import carry_in_returned_checks
from cashier.ledger.receipts.payments import post_payment, receipt_number
from cashier.ledger.receipts.records import reprint
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference import administration, office
from cashier.ledger.reference.catalog import ChargeSpec, SplitSpec
from cashier.ledger.reference.declarations import (
    declare_account,
    declare_drawer,
    declare_gl_account,
    declare_item,
    declare_service,
    declare_user,
)
from cashier.ledger.remittance import batches as remittance
from cashier.ledger.rules.drawer_math import TENDERS, TenderTotals
from cashier.ledger.rules.errors import BadJournalLine, ReceiptSequence, UnknownDrawer
from cashier.ledger.rules.money import parse_money
from cashier.ledger.rules.values import (
    TENDER_TYPES,
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    Line,
    MoneyOrderTender,
    Payment,
    Tender,
)
from cashier.ledger.store.models import Account, Drawer, Terminal

Action = Callable[[Database], object]


# --- reference data ------------------------------------------------------------------------

def _setting(f: Fields) -> Action:
    key, value = f.text("key"), f.text("value")

    def run(db: Database) -> None:
        with db.write() as s:
            office.put(s, key, value)
    return run


def _gl_account(f: Fields) -> Action:
    code, name, fund = f.text("code"), f.text("name"), f.optional_text("fund")

    def run(db: Database) -> None:
        with db.write() as s:
            declare_gl_account(s, code, name, fund)
    return run


def _service(f: Fields) -> Action:
    code, name, priority, gl = f.text("code"), f.text("name"), f.whole("priority"), f.text("gl")

    def run(db: Database) -> None:
        with db.write() as s:
            declare_service(s, code, name, priority, gl)
    return run


def _split(f: Fields) -> SplitSpec:
    share = f.optional_text("share")
    amount = f.optional_money("amount")
    if (share is None) == (amount is None):
        raise BadJournalLine(f"{f.op} needs either a 'share' or an 'amount'")
    return SplitSpec(f.text("account"), share=share, amount=amount)


def _item(f: Fields) -> Action:
    code, name = f.text("code"), f.text("name")
    price = f.optional_money("price")
    splits = [_split(g) for g in f.objects("gl", keys=keys.SPLIT)]
    reference_required = f.flag("reference_required")
    label = f.text("reference_label", default="")
    tenders = f.strings("tenders") if "tenders" in f.body else list(TENDER_TYPES)

    def run(db: Database) -> None:
        with db.write() as s:
            declare_item(s, code, name, price=price, splits=splits,
                         reference_required=reference_required, reference_label=label,
                         allowed_tenders=tenders)
    return run


def _account(f: Fields) -> Action:
    number, name, address = f.text("number"), f.text("name"), f.text("address")
    cash_only = f.flag("cash_only")
    charges = [ChargeSpec(c.text("service"), c.date("bill_date"), c.money("amount", limit=None))
               for c in f.objects("charges", default=[], keys=keys.CHARGE)]
    credit = f.money("credit", limit=None) if "credit" in f.body else 0
    returned = [(r.date("date"), r.text("receipt"))
                for r in f.objects("returned_checks", default=[],
                                   keys=keys.RETURNED_CHECK)]
    status = service_status.checked(
        f.text("status", default=service_status.ACTIVE),
        f.date("status_date") if f.body.get("status_date") is not None else None,
        f.money("required", limit=None, allow_zero=False)
        if f.body.get("required") is not None else None)
    status_paid = f.money("status_paid", limit=None) if "status_paid" in f.body else 0
    # Reference data carries no time: the status is logged as set long before any day.
    status_at = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

    def run(db: Database) -> None:
        with db.write() as s:
            if declare_account(s, number, name, address, cash_only=cash_only,
                               charges=charges, credit=credit) != "added":
                # What it carries beyond its attributes was checked or taken when it was
                # added; an account already there keeps its own history and status.
                return
            # Earlier returned checks still count toward the cash-only rule (C16).
            carry_in_returned_checks(s, number, returned)
            if credit:
                # A credit balance carried in from before the exported day, like the open
                # charges: reference data, so no journal entry of this day creates it.
                s.get_one(Account, number).credit_cents = credit
            if status.status != service_status.ACTIVE:
                service_status.set_status(s, number, dataclasses.replace(
                    status, paid=status_paid), cause="billing", at=status_at)
    return run


def _user(f: Fields) -> Action:
    ident, name, role = f.text("id"), f.text("name"), f.text("role")
    pin, pin_hash = f.optional_text("pin"), f.optional_text("pin_hash")

    def run(db: Database) -> None:
        with db.write() as s:
            declare_user(s, ident, name, role, pin=pin, pin_hash=pin_hash)
    return run


def _user_role(f: Fields) -> Action:
    user, role, by, at = f.text("user"), f.text("role"), f.text("by"), f.at()
    return lambda db: administration.change_role(db, user, role, by=by, at=at)


def _user_active(f: Fields) -> Action:
    user, active, by, at = f.text("user"), f.flag("active"), f.text("by"), f.at()
    return lambda db: administration.set_active(db, user, active, by=by, at=at)


def _pin_reset(f: Fields) -> Action:
    user, by, at = f.text("user"), f.text("by"), f.at()
    pin, pin_hash = f.optional_text("pin"), f.optional_text("pin_hash")
    return lambda db: administration.reset_pin(db, user, by=by, pin=pin, pin_hash=pin_hash,
                                               at=at)


def _pin_change(f: Fields) -> Action:
    user, pin_hash, at = f.text("user"), f.text("pin_hash"), f.at()
    return lambda db: administration.replay_pin_change(db, user, pin_hash, at=at)


def _drawer(f: Fields) -> Action:
    code, terminal, float_cents = f.text("code"), f.text("terminal"), f.money("float")

    def run(db: Database) -> None:
        with db.write() as s:
            declare_drawer(s, code, terminal, float_cents)
    return run


# --- payments --------------------------------------------------------------------------------

def _line(f: Fields, *, context: bool = False) -> Line:
    if "account" in f.body:
        f.only(keys.ACCOUNT_LINE_CONTEXT if context else keys.ACCOUNT_LINE)
        return AccountPayment(f.text("account"), f.money("amount"))
    if "item" in f.body:
        f.only(keys.ITEM_LINE)
        return ItemSale(f.text("item"), f.whole("quantity", default=1),
                        f.text("reference", default=""), f.optional_money("amount"))
    raise BadJournalLine(f"{f.op} is neither an 'account' nor an 'item' line")


def _tender(f: Fields) -> Tender:
    kind = f.text("type")
    f.only(keys.TENDERS.get(kind, keys.TENDERS["cash"] | {"type"}))
    amount = f.money("amount")
    if kind == "cash":
        return CashTender(amount)
    if kind == "check":
        return CheckTender(amount, f.text("number"), f.text("routing"),
                           f.text("bank_account", default=""))
    if kind == "money_order":
        return MoneyOrderTender(amount, f.text("number"))
    if kind == "card":
        return CardTender(amount, f.text("brand"), f.text("last4"), f.text("auth"),
                          f.text("reference", default=""))
    raise BadJournalLine(f"{f.op} type {kind!r} is not cash, check, money_order or card")


def _check_receipt_number(db: Database, drawer: str, expected: str) -> None:
    with db.read() as s:
        box = s.get(Drawer, drawer)
        if box is None:
            raise UnknownDrawer(f"drawer {drawer!r} does not exist")
        seq = s.scalar(select(Terminal.last_receipt_seq).where(Terminal.code == box.terminal))
        number = receipt_number(box.terminal, (seq or 0) + 1)
    if number != expected:
        raise ReceiptSequence(f"the journal says receipt {expected} but the next receipt of "
                              f"terminal {box.terminal} is {number}; a line is missing or out "
                              "of order")


def _totals(f: Fields, key: str) -> TenderTotals:
    raw = f.raw(key)
    if not isinstance(raw, dict):
        raise BadJournalLine(f"{f.op} field {key!r} must map each tender to an amount")
    per = Fields(f"{f.op}.{key}", raw).only(keys.TENDER_TOTALS)
    return TenderTotals(**{t: parse_money(per.raw(t), what=f"{f.op}.{key} {t!r}",
                                          limit=None, allow_negative=True) for t in TENDERS})


def _sequence(f: Fields) -> Action:
    terminal, number = f.text("terminal"), f.text("next_receipt")
    prefix, _, digits = number.rpartition("-")
    if prefix != terminal or not digits.isdigit() or len(digits) != 6 or int(digits) < 1:
        raise BadJournalLine(f"sequence field 'next_receipt' {number!r} must be a receipt "
                             f"number of terminal {terminal}, like {terminal}-000001")

    def run(db: Database) -> None:
        with db.write() as s:
            carried.carry_sequence(s, terminal, int(digits))
    return run


def _drawer_state(f: Fields) -> Action:
    status = f.text("status", default="open")
    ended = status != "open"
    closed_at = Fields(f"{f.op} field 'closed_at'", {"at": f.text("closed_at")}).at() \
        if ended else None
    state = drawer_carried.CarriedSession(
        drawer=f.text("drawer"), cashier=f.text("cashier"),
        opened_at=Fields(f"{f.op} field 'opened_at'", {"at": f.text("opened_at")}).at(),
        float_count=f.count("float"), assigned_float=f.money("assigned_float"),
        held=_totals(f, "held"), status=status, float_approver=f.optional_text("approver"),
        closed_at=closed_at, handed_to=f.optional_text("handed_to"),
        counted=_totals(f, "counted") if ended else None,
        expected=_totals(f, "expected") if ended else None,
        recounted=f.flag("recounted"))

    def run(db: Database) -> None:
        with db.write() as s:
            drawer_carried.carry_in_session(s, state)
    return run


def _carried_line(f: Fields) -> carried.CarriedLine:
    line = _line(f, context=True)
    if isinstance(line, AccountPayment):
        applied = tuple((a.text("service"), a.date("bill_date"),
                         a.money("amount", limit=None, allow_zero=False))
                        for a in f.objects("applied", default=[], keys=keys.APPLIED))
        return carried.CarriedLine(line, line.amount, f.money("credit", limit=None)
                                   if "credit" in f.body else 0, applied)
    if line.unit_amount is None:
        raise BadJournalLine(f"{f.op} of a context payment needs the item's unit 'amount'")
    return carried.CarriedLine(line, line.unit_amount * line.quantity)


def _context_payment(f: Fields) -> Action:
    opened = f.optional_text("opened")
    receipt = carried.CarriedReceipt(
        number=f.text("receipt"), drawer=f.text("drawer"), cashier=f.text("cashier"),
        at=f.at(), lines=tuple(_carried_line(g) for g in f.objects("lines")),
        tenders=tuple(_tender(g) for g in f.objects("tenders")),
        change=f.money("change", limit=None) if "change" in f.body else 0,
        postings=tuple((p.text("account"), p.money("amount", limit=None,
                                                  allow_negative=True))
                       for p in f.objects("postings", keys=keys.POSTING)),
        opened=Fields(f"{f.op} field 'opened'", {"at": opened}).at() if opened else None,
        offline=f.flag("offline"))

    def run(db: Database) -> None:
        with db.write() as s:
            carried.carry_in_receipt(s, receipt)
    return run


def _payment(f: Fields) -> Action:
    if f.flag("context"):
        return _context_payment(f)
    # What only a receipt carried as context says, the counter never does.
    f.only(keys.OPERATIONS["payment"] - {"change", "postings", "opened"} | keys.ENVELOPE)
    # "offline" is the terminal's fact about the receipt, never the replaying database's.
    payment = Payment(f.text("drawer"), f.text("cashier"),
                      tuple(_line(g) for g in f.objects("lines")),
                      tuple(_tender(g) for g in f.objects("tenders")), f.at(),
                      offline=f.flag("offline"))
    receipt = f.optional_text("receipt")

    def run(db: Database) -> None:
        if receipt is not None:
            _check_receipt_number(db, payment.drawer, receipt)
        post_payment(db, payment)
    return run


def _void(f: Fields) -> Action:
    number, cashier, approver = f.text("receipt"), f.text("cashier"), f.text("approver")
    reason, at = f.text("reason"), f.at()
    return lambda db: void_receipt(db, number, cashier=cashier, approver=approver,
                                   reason=reason, at=at)


# --- back-office corrections ---------------------------------------------------------------

def _nsf(f: Fields) -> Action:
    number, by, reason, at = f.text("receipt"), f.text("by"), f.text("reason"), f.at()
    fee = f.optional_money("fee")
    return lambda db: returned_checks.post_nsf(db, number, by=by, reason=reason, fee=fee,
                                               at=at)


def _transfer(f: Fields) -> Action:
    number, to_account, approver = f.text("receipt"), f.text("to_account"), f.text("approver")
    reason, at = f.text("reason"), f.at()
    return lambda db: corrections.transfer_payment(db, number, to_account=to_account,
                                                   approver=approver, reason=reason, at=at)


def _refund(f: Fields) -> Action:
    account, amount, by = f.text("account"), f.money("amount"), f.text("by")
    reason, at = f.text("reason"), f.at()
    drawer, cashier = f.optional_text("drawer"), f.optional_text("cashier")
    return lambda db: corrections.refund_credit(db, account, amount, by=by, reason=reason,
                                                drawer=drawer, cashier=cashier, at=at)


# --- account status and remittance batches (issue #9) -----------------------------------------

def _arrangement(f: Fields) -> Action:
    action, account, by, at = f.text("action"), f.text("account"), f.text("by"), f.at()
    if action == "break":
        day = f.date("date")
        return lambda db: arrangements.break_arrangement(db, account, day, by=by, at=at)
    if action != "open":
        raise BadJournalLine(f"{f.op} action {action!r} is not 'open' or 'break'")
    rows = f.objects("installments", keys=keys.INSTALLMENT)
    plan = [(r.date("due"), r.money("amount", allow_zero=False)) for r in rows]
    # "paid" is carried in by an export that begins after the arrangement was opened.
    paid = [r.money("paid", limit=None) if "paid" in r.body else 0 for r in rows]

    def run(db: Database) -> None:
        arrangements.open_arrangement(db, account, plan, by=by, at=at)
        if any(paid):
            with db.write() as s:
                arrangements.carry_in_paid(s, account, paid)
    return run


def _batch_open(f: Fields) -> Action:
    code, terminal, kind, by = f.text("batch"), f.text("terminal"), f.text("kind"), f.text("by")
    count, total, at = f.whole("control_count"), f.money("control_total", limit=None), f.at()

    def run(db: Database) -> None:
        opened = remittance.open_batch(db, terminal, kind, count, total, by=by, at=at)
        if opened.code != code:
            raise ReceiptSequence(f"the journal says batch {code} but the next batch of "
                                  f"terminal {terminal} is {opened.code}")
    return run


def _batch_item(f: Fields) -> Action:
    code, seq, by, at = f.text("batch"), f.whole("seq"), f.text("by"), f.at()
    if f.flag("remove"):
        reason = f.text("reason")
        return lambda db: remittance.remove_item(db, code, seq, by=by, reason=reason, at=at)
    c = f.nested("check", keys.BATCH_CHECK)
    check = remittance.Check(c.money("amount", allow_zero=False), c.text("number"),
                             c.text("routing", default=""), c.text("bank_account", default=""))
    stub = remittance.Stub(f.text("stub", default=""), f.optional_text("account"),
                           f.optional_money("stub_amount"), f.optional_text("stub_error"))

    def run(db: Database) -> None:
        entry = remittance.enter_item(db, code, stub, check, by=by, at=at)
        if entry.seq != seq:
            raise ReceiptSequence(f"the journal says remittance {seq} of batch {code} but it "
                                  f"was entered as {entry.seq}")
    return run


def _batch_state(f: Fields) -> Action:
    code, by, at = f.text("batch"), f.text("by"), f.at()
    if f.op == "batch_suspend":
        return lambda db: remittance.suspend(db, code, by=by, at=at)
    if f.op == "batch_resume":
        return lambda db: remittance.resume(db, code, by=by, at=at)
    return lambda db: remittance.post_batch(db, code, by=by, at=at)


# --- drawers ---------------------------------------------------------------------------------

def _open_drawer(f: Fields) -> Action:
    drawer, cashier, count, at = f.text("drawer"), f.text("cashier"), f.count("float"), f.at()
    approver = f.optional_text("approver")
    return lambda db: sessions.open_drawer(db, drawer, cashier, count, approver=approver, at=at)


def _no_sale(f: Fields) -> Action:
    drawer, cashier, reason, at = f.text("drawer"), f.text("cashier"), f.text("reason"), f.at()
    return lambda db: cash_movements.no_sale(db, drawer, cashier, reason, at=at)


def _drop(f: Fields) -> Action:
    drawer, cashier, witness = f.text("drawer"), f.text("cashier"), f.text("witness")
    cash, at = f.count("cash"), f.at()
    return lambda db: cash_movements.drop(db, drawer, cashier, witness, cash, at=at)


def _paid_out(f: Fields) -> Action:
    drawer, cashier, approver = f.text("drawer"), f.text("cashier"), f.text("approver")
    amount, gl, reason, at = f.money("amount"), f.text("gl"), f.text("reason"), f.at()
    return lambda db: cash_movements.paid_out(db, drawer, cashier, approver, amount, gl,
                                              reason, at=at)


def _count(f: Fields, *, card: bool) -> sessions.CloseCount:
    return sessions.CloseCount(
        cash=f.count("cash"), checks=f.documents("checks"),
        money_orders=f.documents("money_orders"),
        card_batch=f.money("card_batch", limit=None) if card else 0)


def _handoff(f: Fields) -> Action:
    drawer, outgoing, incoming, at = f.text("drawer"), f.text("from"), f.text("to"), f.at()
    count = _count(f, card=False)
    return lambda db: sessions.handoff(db, drawer, outgoing, incoming, count, at=at)


def _close_drawer(f: Fields) -> Action:
    drawer, cashier, at = f.text("drawer"), f.text("cashier"), f.at()
    count = _count(f, card=True)
    if f.flag("recount"):
        return lambda db: sessions.recount(db, drawer, cashier, count, at=at)
    return lambda db: sessions.close_drawer(db, drawer, cashier, count, at=at)


def _approve_close(f: Fields) -> Action:
    drawer, supervisor, at = f.text("drawer"), f.text("supervisor"), f.at()
    note, cashier = f.text("note", default=""), f.optional_text("cashier")
    # "opened" names the session exactly, with its cashier; read like "at", so a time without
    # an offset is refused before anything is written. Lines written before it existed
    # approved the oldest waiting session (of "cashier"), and replay approves that one.
    opened = f.optional_text("opened")
    opened_at = Fields(f"{f.op} field 'opened'", {"at": opened}).at() if opened else None

    def run(db: Database) -> object:
        which: int | sessions.SessionKey = (
            sessions.SessionKey(opened_at, cashier) if opened_at is not None
            else sessions.oldest_waiting(db, drawer, cashier))
        return sessions.approve_close(db, drawer, supervisor, note, session=which, at=at)
    return run


# --- end of day --------------------------------------------------------------------------------

def _reprint(f: Fields) -> Action:
    number, by, at = f.text("receipt"), f.text("by"), f.at()
    return lambda db: reprint(db, number, by, at=at)


def _deposit(f: Fields) -> Action:
    day, prepared, verified = f.date("date"), f.text("prepared_by"), f.text("verified_by")
    bag, at = f.text("bag"), f.at()
    return lambda db: make_deposit(db, day, prepared, verified, bag, at=at)


def _close_day(f: Fields) -> Action:
    day, supervisor, at = f.date("date"), f.text("supervisor"), f.at()
    return lambda db: close_day(db, day, supervisor, at=at)


PARSERS: dict[str, Callable[[Fields], Action]] = {
    "setting": _setting,
    "gl_account": _gl_account,
    "service": _service,
    "item": _item,
    "account": _account,
    "user": _user,
    "drawer": _drawer,
    "user_role": _user_role,
    "user_active": _user_active,
    "pin_reset": _pin_reset,
    "pin_change": _pin_change,
    "open_drawer": _open_drawer,
    "sequence": _sequence,
    "drawer_state": _drawer_state,
    "payment": _payment,
    "void": _void,
    "nsf": _nsf,
    "transfer": _transfer,
    "refund": _refund,
    "arrangement": _arrangement,
    "batch_open": _batch_open,
    "batch_item": _batch_item,
    "batch_suspend": _batch_state,
    "batch_resume": _batch_state,
    "batch_post": _batch_state,
    "no_sale": _no_sale,
    "drop": _drop,
    "paid_out": _paid_out,
    "handoff": _handoff,
    "close_drawer": _close_drawer,
    "approve_close": _approve_close,
    "reprint": _reprint,
    "deposit": _deposit,
    "close_day": _close_day,
}


def parse(fields: Fields) -> Action:
    parser = PARSERS.get(fields.op)
    if parser is None:
        raise BadJournalLine(f"unknown op {fields.op!r}")
    fields.only(keys.ENVELOPE | keys.OPERATIONS[fields.op])
    return parser(fields)
