"""Writing a business day's (or a range of days') operations journal (SPEC §4) as
self-contained JSON Lines.

The export begins with the reference data the day's operations need — office settings, GL
accounts, services, items, users (with ``pin_hash``, never a PIN), drawers, and every account
the day touched as it stood when the day began — then the day's operations exactly as they
were recorded, in the order they were taken. Replaying it into an empty database rebuilds the day.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.accounts.history import arrangements_at_start, status_at_start
from cashier.ledger.database import Database
from cashier.ledger.drawer.carried import drawer_state_fields, sessions_to_carry
from cashier.ledger.receipts.carried import context_fields
from cashier.ledger.receipts.correction_history import (
    changes_since,
    corrected_accounts,
    returned_checks_before,
)
from cashier.ledger.receipts.payments import receipt_number
from cashier.ledger.reference.catalog import is_remittance_range
from cashier.ledger.rules.money import Cents, format_money
from cashier.ledger.rules.values import business_date
from cashier.ledger.store.models import (
    Account,
    Charge,
    Drawer,
    GLAccount,
    Item,
    Operation,
    Receipt,
    ReceiptLine,
    Service,
    Setting,
    User,
)
from cashier.ledger.store.outbox import VERSION, op_line


def _line(op: str, **fields: Any) -> str:
    return op_line({"v": VERSION, "op": op, **fields})


def _reference(session: Session) -> Iterator[str]:
    for key, value in session.execute(select(Setting.key, Setting.value).order_by(Setting.key)):
        yield _line("setting", key=key, value=value)
    for gl in session.scalars(select(GLAccount).where(GLAccount.system.is_(False))
                              .order_by(GLAccount.code)):
        yield _line("gl_account", code=gl.code, name=gl.name, fund=gl.fund)
    for service in session.scalars(select(Service).order_by(Service.code)):
        yield _line("service", code=service.code, name=service.name, priority=service.priority,
                    gl=service.ar_gl)
    for item in session.scalars(select(Item).order_by(Item.code)):
        splits = [{"account": s.account, "share": s.share} if s.share is not None
                  else {"account": s.account, "amount": format_money(s.amount_cents or 0)}
                  for s in item.splits]
        yield _line("item", code=item.code, name=item.name,
                    price=None if item.price_cents is None else format_money(item.price_cents),
                    gl=splits, reference_required=item.reference_required,
                    reference_label=item.reference_label,
                    tenders=item.allowed_tenders.split(","))
    for user in session.scalars(select(User).order_by(User.id)):
        yield _line("user", id=user.id, name=user.name, role=user.role, pin_hash=user.pin_hash)
    for drawer in session.scalars(select(Drawer).order_by(Drawer.code)):
        if is_remittance_range(drawer.code):
            continue  # a remittance range: its first batch post makes it again
        yield _line("drawer", code=drawer.code, terminal=drawer.terminal,
                    float=format_money(drawer.float_cents))


def _accounts_used(bodies: list[dict[str, Any]]) -> list[str]:
    numbers: set[str] = set()
    for body in bodies:
        if isinstance(body.get("account"), str):  # batch_item, arrangement
            numbers.add(body["account"])
        for line in body.get("lines", ()):
            if isinstance(line, dict) and isinstance(line.get("account"), str):
                numbers.add(line["account"])
    return sorted(numbers)


def _in_effect_since(receipt: Receipt, day: dt.date) -> bool:
    """A receipt of ``day`` or later that still stands: undo it to see ``day``'s start."""
    return receipt.business_date >= day and receipt.status == "completed"


def _undone_before(receipt: Receipt, day: dt.date) -> bool:
    """A receipt from before ``day`` voided since: it still stood when ``day`` began."""
    return (receipt.business_date < day and receipt.status == "void"
            and receipt.voided_at is not None and business_date(receipt.voided_at) >= day)


def _accounts(session: Session, numbers: list[str], day: dt.date,
              context: Collection[int] = ()) -> Iterator[str]:
    """Each account as it stood when ``day`` began: what the receipts and corrections since
    then applied is added back to its charges and taken off its credit, and the charges they
    billed are left out. What the ``context`` receipts applied is added back too: replaying
    them (carried.py) applies it again."""
    if not numbers:
        return
    corrected = changes_since(session, day, numbers)
    paid_since: dict[int, Cents] = defaultdict(int)
    credit_since: dict[str, Cents] = defaultdict(int)
    rows = session.execute(
        select(Receipt, ReceiptLine)
        .join(ReceiptLine, ReceiptLine.receipt_id == Receipt.id)
        .where(ReceiptLine.account_number.in_(numbers)))
    for receipt, line in rows:
        sign = 1 if _in_effect_since(receipt, day) else -1 if _undone_before(receipt, day) else 0
        sign += receipt.id in context
        if not sign:
            continue
        assert line.account_number is not None
        credit_since[line.account_number] += sign * line.credit_cents
        for application in line.applications:
            paid_since[application.charge_id] += sign * application.amount_cents
    charges: dict[str, list[Charge]] = defaultdict(list)
    for charge in session.scalars(select(Charge).where(Charge.account_number.in_(numbers))
                                  .order_by(Charge.id)):
        charges[charge.account_number].append(charge)
    for account in session.scalars(select(Account).where(Account.number.in_(numbers))
                                   .order_by(Account.number)):
        open_at_start = []
        for charge in charges[account.number]:
            if charge.id in corrected.billed:
                continue
            still_open = charge.open_cents + paid_since[charge.id] + corrected.paid[charge.id]
            if still_open > 0:
                open_at_start.append({"service": charge.service,
                                      "bill_date": charge.bill_date.isoformat(),
                                      "amount": format_money(still_open)})
        cash_only = account.cash_only and account.number not in corrected.made_cash_only
        fields: dict[str, Any] = {"number": account.number, "name": account.name,
                                  "address": account.address, "cash_only": cash_only,
                                  "charges": open_at_start}
        credit = (account.credit_cents - credit_since[account.number]
                  - corrected.credit[account.number])
        if credit:
            fields["credit"] = format_money(credit)
        returned = returned_checks_before(session, account.number, day)
        if returned:
            fields["returned_checks"] = returned
        fields.update(status_at_start(session, account, day))
        yield _line("account", **fields)
    yield from arrangements_at_start(session, numbers, day)


def export_day(db: Database, day: dt.date) -> Iterator[str]:
    """The JSON lines of business day ``day``: reference data first, then its operations."""
    return export_days(db, day, day)


def export_days(db: Database, first: dt.date, last: dt.date) -> Iterator[str]:
    """The JSON lines of the business days ``first`` to ``last``: reference data and the
    accounts as ``first`` began, then the operations of every day in order. A correction
    (NSF, transfer) names a receipt of its own or an earlier day: the range must begin on
    or before that receipt's day for the export to replay."""
    with db.read() as session:
        ops = session.scalars(select(Operation.body)
                              .where(Operation.business_date.between(first, last))
                              .order_by(Operation.seq)).all()
        bodies = [json.loads(body) for body in ops]
        context = _context_receipts(session, bodies, first)
        numbers = (set(_accounts_used(bodies)) | corrected_accounts(session, first, last)
                   | {line.account_number for r in context for line in r.lines
                      if line.account_number is not None})
        carried_sessions = sessions_to_carry(session, first)
        context_ids = {r.id for r in context}
        yield from _reference(session)
        yield from _sequences(session, first, last)
        yield from _accounts(session, sorted(numbers), first, context_ids)
        for row in carried_sessions:
            yield _line("drawer_state", **drawer_state_fields(session, row, first, context_ids))
        in_carried = {row.id for row in carried_sessions}
        for receipt in context:
            yield _line("payment", **context_fields(
                session, receipt, in_carried_session=receipt.session_id in in_carried))
        yield from ops


# The operations that name a receipt of their own or an earlier day.
_NAMING_A_RECEIPT = ("void", "nsf", "transfer", "reprint")


def _context_receipts(session: Session, bodies: list[dict[str, Any]],
                      first: dt.date) -> list[Receipt]:
    """The receipts from before ``first`` that the exported operations name (SPEC §4): they
    travel as context, so the export replays alone."""
    named = {b["receipt"] for b in bodies
             if b.get("op") in _NAMING_A_RECEIPT and isinstance(b.get("receipt"), str)}
    if not named:
        return []
    return list(session.scalars(select(Receipt).where(Receipt.number.in_(named),
                                                      Receipt.business_date < first)
                                .order_by(Receipt.taken_at, Receipt.id)))


def _sequences(session: Session, first: dt.date, last: dt.date) -> Iterator[str]:
    """Where the receipt sequence of each terminal that takes receipts in the range stood
    when ``first`` began (C1): its next number, the range's first receipt there, so that
    receipt replays as the number it was. Receipts carried as context do not count: they
    are not the range's."""
    rows = session.execute(select(Receipt.terminal, func.min(Receipt.seq))
                           .where(Receipt.business_date.between(first, last),
                                  Receipt.carried.is_(False))
                           .group_by(Receipt.terminal).order_by(Receipt.terminal))
    for terminal, next_seq in rows:
        if int(next_seq) > 1:  # a terminal's first receipt ever needs no sequence line
            yield _line("sequence", terminal=terminal,
                        next_receipt=receipt_number(terminal, int(next_seq)))

