"""Back-office corrections by a supervisor: a returned (NSF) check, a payment transferred to
the account it was meant for, a refund of a credit balance.

Each is a supervisor's act with a reason, one transaction, one balanced journal entry, an
audit row and a journal op, and a line on the Daily Cash Report's exceptions. None of them
touches the receipt it corrects: it posts on the open business day of its own time and names
the original (C2, C12), so a closed day stays as it was signed. A receipt whose drawer session
is still open is voided and taken again instead; the two never meet on one receipt.

Transfers and refunds are here, with what all three share; returned checks are in
``returned_checks``; what they do to accounts, line by line, is in ``correction_books``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.drawer import cash_movements
from cashier.ledger.drawer.sessions import require_open_session
from cashier.ledger.receipts.correction_books import Changes, receipt_allocation
from cashier.ledger.receipts.records import load_receipt
from cashier.ledger.reference import office, users
from cashier.ledger.rules.errors import (
    ApprovalRequired,
    CreditShort,
    NotCorrectable,
    RefundOverLimit,
    SelfApproval,
    UnknownAccount,
)
from cashier.ledger.rules.money import Cents, check_amount, format_money
from cashier.ledger.rules.values import business_date, now
from cashier.ledger.store.gl import system_codes
from cashier.ledger.store.models import (
    Account,
    Correction,
    DrawerSession,
    JournalEntry,
    Receipt,
)
from cashier.ledger.store.outbox import record_op


@dataclass(frozen=True)
class CorrectionRecord:
    kind: str  # nsf | transfer | refund
    business_date: dt.date
    receipt: str | None
    account: str
    to_account: str | None
    amount: Cents
    fee: Cents
    by: str
    approver: str | None
    reason: str
    method: str | None  # a refund: "check" (accounts payable) or "cash" (from a drawer)
    drawer: str | None
    cash_only: bool  # the account refuses checks from now on (C16)
    entry_id: int | None


def require_reason(reason: str, act: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ApprovalRequired(f"{act} needs a reason", rule="correction")
    return reason


def correctable_receipt(session: Session, number: str, act: str) -> Receipt:
    """Receipt ``number`` if its payment still stands and its drawer has been counted."""
    receipt = load_receipt(session, number)
    if receipt.status == "void":
        raise NotCorrectable(f"receipt {number} is void; there is no payment to {act}")
    taken_in = session.get(DrawerSession, receipt.session_id) if receipt.session_id else None
    if taken_in is not None and taken_in.status == "open":
        raise NotCorrectable(f"receipt {number}'s drawer session is still open; void it and "
                             "take the payment again")
    if session.scalar(select(Correction.id).where(Correction.receipt_id == receipt.id,
                                                  Correction.kind == "nsf")) is not None:
        raise NotCorrectable(f"the check of receipt {number} was already returned (NSF); its "
                             "payment no longer stands")
    return receipt


def write_correction(session: Session, changes: Changes, entry: JournalEntry | None,
                     kind: str, at: dt.datetime, **fields: Any) -> Correction:
    """The correction row with its lines, written after its entry so it is never updated
    (the table is append-only)."""
    detail = fields.pop("detail", {})
    row = Correction(kind=kind, at=at, business_date=business_date(at),
                     entry_id=entry.id if entry else None,
                     detail=json.dumps(detail, sort_keys=True), **fields)
    row.lines = changes.lines
    session.add(row)
    session.flush()
    return row


def correction_record(session: Session, row: Correction, receipt: str | None,
                      drawer: str | None) -> CorrectionRecord:
    account = session.get_one(Account, row.account)
    return CorrectionRecord(
        row.kind, row.business_date, receipt, row.account, row.to_account, row.amount_cents,
        row.fee_cents, row.by, row.approver, row.reason, json.loads(row.detail).get("method"),
        drawer, account.cash_only, row.entry_id)


# --- transfers ---------------------------------------------------------------------------------


@audit.refusals_logged("transfer", actor="approver")
def transfer_payment(db: Database, number: str, *, to_account: str, approver: str,
                     reason: str, at: dt.datetime | None = None) -> CorrectionRecord:
    """Move receipt ``number``'s account payment to ``to_account``: the charges it paid are
    owed again and the amount is applied to the other account as a payment would be."""
    at = at or now()
    with db.write() as session:
        return _transfer(session, number, to_account=to_account, approver=approver,
                         reason=reason, at=at)


def _transfer(session: Session, number: str, *, to_account: str, approver: str, reason: str,
              at: dt.datetime) -> CorrectionRecord:
    act = f"transferring the payment of receipt {number}"
    users.require_supervisor(session, approver, acting_for=act)
    reason = require_reason(reason, act)
    receipt = correctable_receipt(session, number, "transfer")
    if session.get(Account, to_account) is None:
        raise UnknownAccount(f"account {to_account!r} does not exist")
    allocation = receipt_allocation(session, receipt)
    accounts = list(dict.fromkeys(part.account for part in allocation))
    if len(accounts) != 1:
        raise NotCorrectable(f"receipt {number} pays {len(accounts)} accounts; a transfer "
                             "moves a payment that is on one account")
    source = accounts[0]
    if source == to_account:
        raise NotCorrectable(f"receipt {number}'s payment is already on account {to_account}")
    record_op(session, "transfer", at, {"receipt": number, "to_account": to_account,
                                        "approver": approver, "reason": reason})
    amount = sum(part.amount for part in allocation)
    changes = Changes(session, system_codes(session))
    lost = changes.take_back(allocation, amount)
    if lost:
        raise CreditShort(f"{format_money(lost)} of the credit receipt {number} left on "
                          f"account {source} has been refunded; it cannot move")
    changes.apply(to_account, amount)
    changes.use_credit(source)
    # Between AR accounts only when the services differ; the same service nets to nothing.
    entry = changes.entry(at, business_date(at), "transfer",
                          f"transfer of receipt {number} of {receipt.business_date} from "
                          f"account {source} to {to_account}: {reason}",
                          receipt_id=receipt.id)
    row = write_correction(session, changes, entry, "transfer", at, receipt_id=receipt.id,
                           account=source, to_account=to_account, amount_cents=amount,
                           fee_cents=0, by=approver, approver=approver, reason=reason)
    audit.record(session, "transfer", approver, at=at, subject=f"receipt:{number}",
                 detail={"from": source, "to": to_account, "amount": format_money(amount),
                         "reason": reason})
    return correction_record(session, row, number, None)


# --- refunds -----------------------------------------------------------------------------------


@audit.refusals_logged("refund", actor="by", second="cashier")
def refund_credit(db: Database, account: str, amount: Cents, *, by: str, reason: str,
                  drawer: str | None = None, cashier: str | None = None,
                  at: dt.datetime | None = None) -> CorrectionRecord:
    """Refund ``amount`` of an account's credit balance: by check through accounts payable
    (a refund request), or in cash from ``cashier``'s open ``drawer`` up to the office's
    limit, approved by ``by``, a supervisor who is not that cashier."""
    at = at or now()
    with db.write() as session:
        return _refund(session, account, amount, by=by, reason=reason, drawer=drawer,
                       cashier=cashier, at=at)


def _refund(session: Session, number: str, amount: Cents, *, by: str, reason: str,
            drawer: str | None, cashier: str | None, at: dt.datetime) -> CorrectionRecord:
    act = f"refunding the credit of account {number}"
    users.require_supervisor(session, by, acting_for=act)
    reason = require_reason(reason, act)
    account = session.get(Account, number)
    if account is None:
        raise UnknownAccount(f"account {number!r} does not exist")
    check_amount(amount, what="refund", allow_zero=False)
    if amount > account.credit_cents:
        raise CreditShort(f"account {number} has a credit of "
                          f"{format_money(account.credit_cents)}, less than the "
                          f"{format_money(amount)} refund")
    row = None
    if drawer is not None or cashier is not None:
        row = _cash_refund_drawer(session, amount, by, drawer, cashier)
    fields: dict[str, Any] = {"account": number, "amount": format_money(amount), "by": by,
                              "reason": reason}
    if row is not None:
        fields.update(drawer=row.drawer, cashier=row.cashier)
    record_op(session, "refund", at, fields)

    codes = system_codes(session)
    changes = Changes(session, codes)
    changes.take_credit(number, amount)
    # By check the money waits in refunds payable for accounts payable; in cash it leaves
    # the drawer now.
    changes.post(codes["cash"] if row else codes["refunds_payable"], -amount)
    entry = changes.entry(at, business_date(at), "refund",
                          f"refund of credit on account {number}: {reason}",
                          session_id=row.id if row else None)
    assert entry is not None  # a refund of more than zero always posts
    detail = ({"method": "cash"} if row else
              {"method": "check", "payee": account.name, "address": account.address})
    correction = write_correction(session, changes, entry, "refund", at, account=number,
                                  amount_cents=amount, fee_cents=0,
                                  by=row.cashier if row else by,
                                  approver=by if row else None, reason=reason,
                                  session_id=row.id if row else None, detail=detail)
    if row is not None:
        cash_movements.refund_cash(session, row, amount, at, by, reason, entry.id)
        audit.record(session, "approval", by, at=at, subject=f"drawer:{row.drawer}",
                     detail={"act": "refund", "for": row.cashier})
    audit.record(session, "refund", correction.by, at=at, subject=f"account:{number}",
                 detail={"amount": format_money(amount), "reason": reason, **detail})
    return correction_record(session, correction, None, row.drawer if row else None)


def _cash_refund_drawer(session: Session, amount: Cents, by: str, drawer: str | None,
                        cashier: str | None) -> DrawerSession:
    if not drawer or not cashier:
        raise ApprovalRequired("a cash refund names both the drawer and the cashier who pays "
                               "it out", rule="C8")
    if cashier == by:
        raise SelfApproval(f"{by} cannot approve a refund paid from their own drawer",
                           rule="C8")
    limit = office.refund_cash_limit(session)
    if amount > limit:
        raise RefundOverLimit(f"a cash refund of {format_money(amount)} is over the limit of "
                              f"{format_money(limit)}; refund it by check")
    return require_open_session(session, drawer, cashier)
