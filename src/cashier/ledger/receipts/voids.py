"""Voiding a completed receipt (C1, C2, C3).

A void never deletes: the receipt keeps its number and is marked VOID, a reversing entry that
references the original is posted, and the utility charges it paid are reopened by exactly the
amounts it applied. It needs a reason and a supervisor who neither took the receipt nor is
voiding it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from cashier.ledger.accounts import arrangements
from cashier.ledger.accounts import status as service_status
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.receipts.records import (
    ReceiptRecord,
    load_receipt,
    payment_entry,
    receipt_record,
)
from cashier.ledger.reference import users
from cashier.ledger.reference.catalog import is_remittance_range
from cashier.ledger.rules.errors import (
    AlreadyVoided,
    ApprovalRequired,
    CreditAlreadyUsed,
    NotCorrectable,
    SelfApproval,
    SessionState,
)
from cashier.ledger.rules.money import format_money
from cashier.ledger.rules.values import now
from cashier.ledger.store.models import (
    Account,
    Charge,
    DrawerSession,
    JournalEntry,
    Posting,
    Receipt,
)
from cashier.ledger.store.outbox import record_op


@audit.refusals_logged("void", actor="cashier", second="approver")
def void_receipt(db: Database, number: str, *, cashier: str, approver: str, reason: str,
                 at: dt.datetime | None = None) -> ReceiptRecord:
    """Void receipt ``number`` as ``cashier`` with ``approver``'s approval and a ``reason``."""
    at = at or now()
    with db.write() as session:
        receipt = void_in_session(session, number, cashier=cashier, approver=approver,
                                  reason=reason, at=at)
        return receipt_record(session, receipt)


def void_in_session(session: Session, number: str, *, cashier: str, approver: str, reason: str,
                    at: dt.datetime) -> Receipt:
    receipt = load_receipt(session, number)
    if receipt.status == "void":
        raise AlreadyVoided(f"receipt {number} is already void")
    if receipt.session_id is None and is_remittance_range(receipt.drawer):
        # A posted remittance batch must go on equalling its tape.
        raise NotCorrectable(f"receipt {number} was posted from a remittance batch; correct "
                             "it with an NSF or a transfer, not a void")
    taken_in = session.get(DrawerSession, receipt.session_id) if receipt.session_id else None
    if taken_in is not None and taken_in.status != "open":
        # The drawer that took it has been counted; the money is no longer in it to hand back.
        raise SessionState(f"receipt {number}'s drawer session is closed; correct it from the "
                           "back office (transfer or refund) instead of a void")
    reason = (reason or "").strip()
    if not reason:
        raise ApprovalRequired(f"voiding {number} needs a reason")
    users.require_payment_taker(session, cashier)
    if not approver:
        raise ApprovalRequired(f"voiding {number} needs a supervisor's approval")
    if approver in (receipt.cashier, cashier):
        raise SelfApproval(
            f"{approver} cannot approve the void of {number}: the approver must be a supervisor "
            f"other than the cashier who took it ({receipt.cashier}) and the one voiding it"
        )
    users.require_supervisor(session, approver, acting_for=f"voiding {number}")

    _reopen_charges(session, receipt)
    account_lines = [(line.account_number, line.amount_cents) for line in receipt.lines
                     if line.account_number is not None]
    if account_lines:
        service_status.undo_for_void(session, receipt.id, account_lines, at)
        arrangements.undo_for_void(session, receipt.id)
    original = payment_entry(session, receipt)
    # Dated the receipt's own day, as the receipts, items and drawer figures count it: a
    # void is only possible while the session that took it is open, so that day is still
    # open too, and a void the morning after (an overnight drawer) nets against the day it
    # was taken instead of leaving that day's GL a receipt short of its receipts (issue #19).
    reversal = JournalEntry(posted_at=at, business_date=receipt.business_date, kind="void",
                            receipt_id=receipt.id, reverses_id=original.id,
                            session_id=receipt.session_id,
                            memo=f"void of receipt {number}: {reason}")
    reversal.postings = [Posting(account=p.account, amount_cents=-p.amount_cents)
                         for p in original.postings]
    session.add(reversal)

    receipt.status = "void"
    receipt.voided_at = at
    receipt.voided_by = cashier
    receipt.void_approver = approver
    receipt.void_reason = reason
    audit.record(session, "void", cashier, at=at, subject=f"receipt:{number}",
                 detail={"reason": reason, "approver": approver,
                         "amount": format_money(receipt.total_cents)})
    audit.record(session, "approval", approver, at=at, subject=f"receipt:{number}",
                 detail={"act": "void", "for": cashier})
    record_op(session, "void", at, {"receipt": number, "cashier": cashier, "approver": approver,
                                     "reason": reason})
    session.flush()
    return receipt


def _reopen_charges(session: Session, receipt: Receipt) -> None:
    for line in receipt.lines:
        for application in line.applications:
            session.get_one(Charge, application.charge_id).paid_cents -= application.amount_cents
        if line.credit_cents:
            account = session.get_one(Account, line.account_number)
            if account.credit_cents < line.credit_cents:
                raise CreditAlreadyUsed(
                    f"receipt {receipt.number} left a credit of {format_money(line.credit_cents)} "
                    f"on account {account.number} that has since been applied to new charges; "
                    "correct it with a transfer instead of a void"
                )
            account.credit_cents -= line.credit_cents
