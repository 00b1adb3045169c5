"""Mail and drop-box remittance batches (issue #9).

A batch is opened with the control count and total from the adding-machine tape, then
filled remittance by remittance: the stub (its scanline read by the stub scanner, or the
account keyed) and the check (amount keyed, MICR fills number and routing). A remittance that
cannot be taken — unknown account, bad routing number, a check on a cash-only account (C16),
a stub whose check digit fails — is set aside on the batch's exceptions list, with its check
amount, and nothing else in the batch is touched.

The batch balances when the remittances entered plus those set aside equal the tape's count
and total; only then does it post, in one transaction, as one receipt per remittance numbered
in the terminal's remittance range (``T01-M-000001``, gapless like the counter's, C1). Each
receipt is an ordinary payment (SPEC §3 application, one balanced entry debiting checks), so
the checks go to the day's deposit and the receipts into the Daily Cash Report. A posted
remittance is corrected like any other receipt, by NSF or transfer; it is never voided,
so a posted batch always equals its tape.

Ops: ``batch_open``, ``batch_item`` (a remittance entered, set aside or removed),
``batch_suspend``, ``batch_resume`` and ``batch_post``; replaying them rebuilds the batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.receipts.payments import write_receipt
from cashier.ledger.receipts.records import ReceiptRecord
from cashier.ledger.reference import users
from cashier.ledger.reference.catalog import remittance_range
from cashier.ledger.rules.errors import (
    CashOnlyAccount,
    InvalidAmount,
    InvalidReference,
    InvalidRouting,
    InvalidTender,
    Refused,
    UnknownAccount,
)
from cashier.ledger.rules.money import Cents, check_amount, format_money
from cashier.ledger.rules.routing import mask_account, validate_routing
from cashier.ledger.rules.values import AccountPayment, CheckTender, Payment, business_date, now
from cashier.ledger.store.models import (
    Account,
    Drawer,
    Receipt,
    RemittanceBatch,
    RemittanceException,
    RemittanceItem,
    Terminal,
)
from cashier.ledger.store.outbox import record_op

KINDS = ("mail", "drop_box")
MAX_ITEMS = 2_000
MAX_CHECK_NUMBER = 30
EXCEPTION_KINDS = ("unknown_account", "bad_routing", "cash_only", "bad_check_digit",
                   "bad_stub")


class BatchState(Refused):
    """The batch is not in a state that allows this: posted, suspended, or out of balance."""

    rule = "batch"


@dataclass(frozen=True)
class Stub:
    """A remittance stub as the scanner or the keyboard gave it: the account and the amount
    due, or why it could not be read (``error``, e.g. a bad check digit)."""

    text: str  # the scanline, or the account number as keyed
    account: str | None
    amount_due: Cents | None = None
    error: str | None = None


@dataclass(frozen=True)
class Check:
    amount: Cents
    number: str
    routing: str
    bank_account: str = ""


@dataclass(frozen=True)
class Entry:
    """One line of the batch: a remittance taken (``exception`` None) or set aside."""

    seq: int
    account: str
    name: str
    stub_amount: Cents | None
    check: Check
    status: str  # entered | removed | posted | set_aside
    exception: str | None = None  # the kind of exception
    message: str = ""
    receipt: str | None = None
    removed_reason: str | None = None

    @property
    def counts(self) -> bool:
        """Whether it is part of the batch's count and total against the tape."""
        return self.status != "removed"


@dataclass(frozen=True)
class BatchView:
    code: str
    terminal: str
    kind: str
    status: str
    opened_by: str
    opened_at: dt.datetime
    control_count: int
    control_total: Cents
    entries: tuple[Entry, ...]
    posted_by: str | None = None
    posted_at: dt.datetime | None = None

    @property
    def items(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.exception is None and e.counts)

    @property
    def exceptions(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.exception is not None)

    @property
    def entered_count(self) -> int:
        return sum(1 for e in self.entries if e.counts)

    @property
    def entered_total(self) -> Cents:
        return sum(e.check.amount for e in self.entries if e.counts)

    @property
    def count_difference(self) -> int:
        return self.entered_count - self.control_count

    @property
    def difference(self) -> Cents:
        return self.entered_total - self.control_total

    @property
    def balanced(self) -> bool:
        return self.count_difference == 0 and self.difference == 0

    @property
    def posted_total(self) -> Cents:
        return sum(e.check.amount for e in self.items)

    @property
    def set_aside_total(self) -> Cents:
        return sum(e.check.amount for e in self.exceptions)


@dataclass(frozen=True)
class PostResult:
    batch: BatchView
    receipts: tuple[ReceiptRecord, ...]


# --- reading ------------------------------------------------------------------------------------


def _load(session: Session, code: str) -> RemittanceBatch:
    row = session.scalar(select(RemittanceBatch).where(RemittanceBatch.code == code))
    if row is None:
        raise InvalidReference(f"no remittance batch {code!r}")
    return row


def _view(session: Session, row: RemittanceBatch) -> BatchView:
    names = dict(session.execute(
        select(Account.number, Account.name).join(
            RemittanceItem, RemittanceItem.account_number == Account.number)
        .where(RemittanceItem.batch_id == row.id)).all())
    receipts: dict[int, str] = {}
    items = list(session.scalars(select(RemittanceItem).where(RemittanceItem.batch_id == row.id)))
    if any(i.receipt_id for i in items):
        receipts = dict(session.execute(select(Receipt.id, Receipt.number).where(
            Receipt.id.in_([i.receipt_id for i in items if i.receipt_id]))).all())
    entries = [Entry(i.seq, i.account_number, names.get(i.account_number, ""),
                     i.stub_amount_cents,
                     Check(i.check_amount_cents, i.check_number, i.routing, i.bank_account_mask),
                     i.status, receipt=receipts.get(i.receipt_id or 0),
                     removed_reason=i.removed_reason) for i in items]
    entries += [Entry(x.seq, x.stub, "", None,
                      Check(x.check_amount_cents, x.check_number, x.routing),
                      "set_aside", exception=x.kind, message=x.message)
                for x in session.scalars(select(RemittanceException)
                                         .where(RemittanceException.batch_id == row.id))]
    entries.sort(key=lambda e: e.seq)
    return BatchView(row.code, row.terminal, row.kind, row.status, row.opened_by, row.opened_at,
                     row.control_count, row.control_cents, tuple(entries), row.posted_by,
                     row.posted_at)


def get_batch(db: Database, code: str) -> BatchView:
    with db.read() as session:
        return _view(session, _load(session, code))


def batches(session: Session, *, day: dt.date | None = None, unposted: bool = False
            ) -> list[BatchView]:
    """The batches opened or posted on ``day``, or every batch not yet posted."""
    query = select(RemittanceBatch).order_by(RemittanceBatch.id)
    if unposted:
        query = query.where(RemittanceBatch.status != "posted")
    if day is not None:
        query = query.where((RemittanceBatch.business_date == day)
                            | (RemittanceBatch.posted_date == day))
    return [_view(session, row) for row in session.scalars(query)]


def list_batches(db: Database, *, day: dt.date | None = None, unposted: bool = False
                 ) -> list[BatchView]:
    with db.read() as session:
        return batches(session, day=day, unposted=unposted)


def batch_row(batch: BatchView) -> dict[str, object]:
    """A batch as the Daily Cash Report's batch section shows it."""
    receipts = [e.receipt for e in batch.items if e.receipt]
    return {
        "batch": batch.code, "kind": batch.kind, "status": batch.status,
        "opened_by": batch.opened_by, "posted_by": batch.posted_by,
        "posted_at": batch.posted_at.isoformat() if batch.posted_at else None,
        "control_count": batch.control_count,
        "control_total": format_money(batch.control_total),
        "posted_count": len(batch.items), "posted_total": format_money(batch.posted_total),
        "set_aside_count": len(batch.exceptions),
        "set_aside_total": format_money(batch.set_aside_total),
        "first": receipts[0] if receipts else None, "last": receipts[-1] if receipts else None,
        "balanced": batch.balanced,
    }


def batch_exceptions(batches: list[BatchView]) -> list[dict[str, object]]:
    """Each remittance set aside, as a DCR exception (kind ``batch_exception``)."""
    return [{"kind": "batch_exception", "batch": b.code, "seq": e.seq, "stub": e.account,
             "amount": format_money(e.check.amount), "reason": f"{e.exception}: {e.message}",
             "who": b.opened_by, "at": b.opened_at.isoformat()}
            for b in batches for e in b.exceptions]


# --- writing ------------------------------------------------------------------------------------


def open_batch(db: Database, terminal: str, kind: str, control_count: int,
               control_total: Cents, *, by: str, at: dt.datetime | None = None) -> BatchView:
    """Open a batch against its tape: ``control_count`` remittances for ``control_total``."""
    at = at or now()
    if kind not in KINDS:
        raise InvalidReference(f"batch kind {kind!r} must be one of {', '.join(KINDS)}")
    if isinstance(control_count, bool) or not isinstance(control_count, int) \
            or not 1 <= control_count <= MAX_ITEMS:
        raise InvalidReference(f"control count {control_count!r} must be 1 to {MAX_ITEMS}")
    check_amount(control_total, what="control total", allow_zero=False, limit=None)
    with db.write() as session:
        users.require_payment_taker(session, by)
        if session.get(Terminal, terminal) is None:
            raise InvalidReference(f"terminal {terminal!r} does not exist")
        n = (session.scalar(select(func.count()).select_from(RemittanceBatch)
                            .where(RemittanceBatch.terminal == terminal)) or 0) + 1
        code = f"{terminal}-B{n:04d}"
        row = RemittanceBatch(code=code, terminal=terminal, kind=kind, opened_by=by,
                              opened_at=at, business_date=business_date(at),
                              control_count=control_count, control_cents=control_total,
                              status="open")
        session.add(row)
        audit.record(session, "batch", by, at=at, subject=f"batch:{code}",
                     detail={"act": "open", "kind": kind, "count": control_count,
                             "total": format_money(control_total)})
        record_op(session, "batch_open", at, {
            "batch": code, "terminal": terminal, "kind": kind, "by": by,
            "control_count": control_count, "control_total": format_money(control_total)})
        session.flush()
        return _view(session, row)


def _working(session: Session, code: str) -> RemittanceBatch:
    row = _load(session, code)
    if row.status == "posted":
        raise BatchState(f"batch {code} is posted; correct its receipts by NSF or transfer")
    if row.status == "suspended":
        raise BatchState(f"batch {code} is suspended; resume it first")
    return row


def _next_seq(session: Session, batch_id: int) -> int:
    items = session.scalar(select(func.max(RemittanceItem.seq))
                           .where(RemittanceItem.batch_id == batch_id)) or 0
    aside = session.scalar(select(func.max(RemittanceException.seq))
                           .where(RemittanceException.batch_id == batch_id)) or 0
    return max(items, aside) + 1


def _clean_check(check: Check) -> Check:
    amount = check_amount(check.amount, what="check amount", allow_zero=False)
    number = (check.number or "").strip()
    if not number or len(number) > MAX_CHECK_NUMBER or not number.isprintable():
        raise InvalidTender(f"check number {check.number!r} must be 1 to {MAX_CHECK_NUMBER} "
                            "printable characters")
    return Check(amount, number, (check.routing or "").strip(), check.bank_account)


def _exception_for(session: Session, stub: Stub, check: Check) -> tuple[str, str] | None:
    """Why this remittance is set aside, or None when it can be taken."""
    if stub.error is not None:
        kind = "bad_check_digit" if stub.error.startswith("bad check digit") else "bad_stub"
        return kind, stub.error
    assert stub.account is not None
    account = session.get(Account, stub.account)
    if account is None:
        return "unknown_account", f"account {stub.account!r} does not exist"
    try:
        validate_routing(check.routing)
    except InvalidRouting as exc:
        return "bad_routing", exc.message
    if account.cash_only:
        return "cash_only", (f"account {stub.account} is cash only (C16): the check is "
                             "returned to the customer")
    return None


def enter_item(db: Database, code: str, stub: Stub, check: Check, *, by: str,
               at: dt.datetime | None = None) -> Entry:
    """Enter one remittance. A remittance that cannot be taken is set aside with the reason
    and returned as such; only a malformed amount or check number is refused outright."""
    at = at or now()
    if stub.error is None and not (stub.account or "").strip():
        raise InvalidReference("a remittance needs the stub's account, or why it could not "
                               "be read")
    if stub.amount_due is not None:
        check_amount(stub.amount_due, what="stub amount due", limit=None)
    check = _clean_check(check)
    stub = Stub(stub.text.strip()[:60], (stub.account or "").strip() or None, stub.amount_due,
                stub.error)
    with db.write() as session:
        users.require_payment_taker(session, by)
        row = _working(session, code)
        seq = _next_seq(session, row.id)
        if seq > MAX_ITEMS:
            raise BatchState(f"batch {code} is full ({MAX_ITEMS} entries)")
        refusal = _exception_for(session, stub, check)
        check_fields = {"amount": format_money(check.amount), "number": check.number,
                        "routing": check.routing}
        if check.bank_account:
            check_fields["bank_account"] = mask_account(check.bank_account)
        fields: dict[str, object] = {"batch": code, "seq": seq, "by": by, "stub": stub.text,
                                     "check": check_fields}
        if stub.account is not None:
            fields["account"] = stub.account
        if stub.amount_due is not None:
            fields["stub_amount"] = format_money(stub.amount_due)
        if stub.error is not None:
            fields["stub_error"] = stub.error
        if refusal is not None:
            kind, message = refusal
            session.add(RemittanceException(
                batch_id=row.id, seq=seq, kind=kind, message=message, stub=stub.text,
                check_amount_cents=check.amount, check_number=check.number,
                routing=check.routing[:20], entered_by=by, entered_at=at))
            record_op(session, "batch_item", at, fields)
            return Entry(seq, stub.account or stub.text, "", stub.amount_due, check, "set_aside",
                         exception=kind, message=message)
        assert stub.account is not None
        name = session.get_one(Account, stub.account).name
        session.add(RemittanceItem(
            batch_id=row.id, seq=seq, account_number=stub.account,
            stub_amount_cents=stub.amount_due, check_amount_cents=check.amount,
            check_number=check.number, routing=check.routing,
            bank_account_mask=mask_account(check.bank_account), entered_by=by, entered_at=at,
            status="entered"))
        record_op(session, "batch_item", at, fields)
        return Entry(seq, stub.account, name, stub.amount_due, check, "entered")


def remove_item(db: Database, code: str, seq: int, *, by: str, reason: str,
                at: dt.datetime | None = None) -> BatchView:
    """Take a remittance keyed in error out of the batch (kept, marked removed)."""
    at = at or now()
    reason = (reason or "").strip()
    if not reason:
        raise InvalidReference("removing a remittance needs a reason")
    with db.write() as session:
        users.require_payment_taker(session, by)
        row = _working(session, code)
        item = session.scalar(select(RemittanceItem).where(
            RemittanceItem.batch_id == row.id, RemittanceItem.seq == seq))
        if item is None or item.status != "entered":
            raise InvalidReference(f"batch {code} has no entered remittance {seq}")
        item.status, item.removed_reason = "removed", reason
        record_op(session, "batch_item", at, {"batch": code, "seq": seq, "by": by,
                                              "remove": True, "reason": reason})
        session.flush()
        return _view(session, row)


def _set_status(db: Database, code: str, *, by: str, at: dt.datetime | None, to: str,
                op: str) -> BatchView:
    at = at or now()
    with db.write() as session:
        users.require_payment_taker(session, by)
        row = _load(session, code)
        want = "open" if to == "suspended" else "suspended"
        if row.status != want:
            raise BatchState(f"batch {code} is {row.status}, not {want}")
        row.status = to
        record_op(session, op, at, {"batch": code, "by": by})
        session.flush()
        return _view(session, row)


def suspend(db: Database, code: str, *, by: str, at: dt.datetime | None = None) -> BatchView:
    """Put an unbalanced batch aside; nothing entered is lost, and it resumes where it was."""
    return _set_status(db, code, by=by, at=at, to="suspended", op="batch_suspend")


def resume(db: Database, code: str, *, by: str, at: dt.datetime | None = None) -> BatchView:
    return _set_status(db, code, by=by, at=at, to="open", op="batch_resume")


def _desk(session: Session, terminal: str) -> str:
    """The terminal's remittance range (a terminal and drawer row of its own), made once."""
    code = remittance_range(terminal)
    if session.get(Terminal, code) is None:
        session.add(Terminal(code=code, last_receipt_seq=0))
        session.flush()
    if session.get(Drawer, code) is None:
        session.add(Drawer(code=code, terminal=code, float_cents=0))
        session.flush()
    return code


def post_batch(db: Database, code: str, *, by: str, at: dt.datetime | None = None
               ) -> PostResult:
    """Post a balanced batch: one receipt per remittance, all in one transaction."""
    at = at or now()
    with db.write() as session:
        users.require_payment_taker(session, by)
        row = _working(session, code)
        view = _view(session, row)
        if not view.balanced:
            raise BatchState(
                f"batch {code} is out of balance: entered {view.entered_count} for "
                f"{format_money(view.entered_total)} against the tape's {view.control_count} "
                f"for {format_money(view.control_total)} (difference {view.count_difference:+d}"
                f", {format_money(view.difference)})")
        if not view.items:
            raise BatchState(f"batch {code} has nothing to post: every remittance was set aside")
        desk = _desk(session, row.terminal)
        record_op(session, "batch_post", at, {"batch": code, "by": by})
        receipts = []
        items = {i.seq: i for i in session.scalars(select(RemittanceItem).where(
            RemittanceItem.batch_id == row.id, RemittanceItem.status == "entered"))}
        for entry in view.items:
            item = items[entry.seq]
            payment = Payment(desk, by, (AccountPayment(entry.account, entry.check.amount),),
                              (CheckTender(entry.check.amount, entry.check.number,
                                           entry.check.routing),), at, offline=None)
            try:
                receipt = write_receipt(session, payment, at, desk, None, op=None)
            except CashOnlyAccount as exc:
                raise BatchState(f"remittance {entry.seq} (account {entry.account}): "
                                 f"{exc.message}; remove it and set it aside") from None
            except (UnknownAccount, InvalidAmount, InvalidTender) as exc:
                raise BatchState(f"remittance {entry.seq}: {exc.message}") from None
            receipts.append(receipt)
            item.status = "posted"
        # The receipts' ids, all at once: the posting path hands back records, not rows.
        ids = dict(session.execute(select(Receipt.number, Receipt.id).where(
            Receipt.number.in_([r.number for r in receipts]))).all())
        for entry, receipt in zip(view.items, receipts, strict=True):
            items[entry.seq].receipt_id = ids[receipt.number]
        row.status, row.posted_by, row.posted_at = "posted", by, at
        row.posted_date = business_date(at)
        audit.record(session, "batch", by, at=at, subject=f"batch:{code}",
                     detail={"act": "post", "receipts": len(receipts),
                             "total": format_money(view.posted_total)})
        session.flush()
        return PostResult(_view(session, row), tuple(receipts))


def batch_checks(session: Session, day: dt.date) -> list[tuple[str, Cents, str]]:
    """The checks of the batches posted on ``day`` (number, amount, batch), for the deposit."""
    return [(number, amount, code) for number, amount, code in session.execute(
        select(RemittanceItem.check_number, RemittanceItem.check_amount_cents,
               RemittanceBatch.code)
        .join(RemittanceBatch, RemittanceBatch.id == RemittanceItem.batch_id)
        .where(RemittanceBatch.posted_date == day, RemittanceItem.status == "posted")
        .order_by(RemittanceBatch.id, RemittanceItem.seq))]
