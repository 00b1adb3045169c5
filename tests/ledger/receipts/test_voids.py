"""Voids (C1, C2, C3): reason, a different supervisor, a reversing entry, charges restored."""

from __future__ import annotations

import pytest

from cashier.ledger import books
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import ReceiptRecord, get_receipt
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference.catalog import ChargeSpec, add_charges
from cashier.ledger.rules.errors import (
    AlreadyVoided,
    ApprovalRequired,
    CreditAlreadyUsed,
    NotPermitted,
    SelfApproval,
    UnknownReceipt,
)
from cashier.ledger.rules.values import AccountPayment, CashTender, ItemSale, Payment
from tests.conftest import AT, DRAWER_OF


def take(db: Database, cashier: str = "ana") -> ReceiptRecord:
    return post_payment(db, Payment(DRAWER_OF[cashier], cashier, (AccountPayment("1000001", 10000),
                                                    ItemSale("DOGA")), (CashTender(12000),), AT))


def test_void_needs_a_different_supervisor(db: Database) -> None:
    receipt = take(db, cashier="sam")  # a supervisor running a drawer
    with pytest.raises(SelfApproval, match="C3"):
        void_receipt(db, receipt.number, cashier="sam", approver="sam", reason="wrong account")
    with pytest.raises(SelfApproval):
        void_receipt(db, receipt.number, cashier="lee", approver="lee", reason="wrong account")
    assert void_receipt(db, receipt.number, cashier="sam", approver="lee",
                        reason="wrong account").is_void


def test_void_approver_must_be_a_supervisor(db: Database) -> None:
    receipt = take(db)
    with pytest.raises(NotPermitted, match="needs a supervisor"):
        void_receipt(db, receipt.number, cashier="ana", approver="raj", reason="typo")


def test_void_needs_a_reason(db: Database) -> None:
    receipt = take(db)
    with pytest.raises(ApprovalRequired, match="needs a reason"):
        void_receipt(db, receipt.number, cashier="ana", approver="sam", reason="  ")


def test_void_posts_a_reversing_entry_referencing_the_original(db: Database) -> None:
    receipt = take(db)
    void_receipt(db, receipt.number, cashier="ana", approver="sam", reason="wrong account")
    original, reversal = books.entries_for_receipt(db, receipt.number)
    assert reversal.kind == "void"
    assert reversal.reverses == original.id
    assert dict(reversal.postings) == {a: -c for a, c in original.postings}
    assert original.balanced and reversal.balanced


def test_void_restores_the_accounts_charges_exactly(db: Database) -> None:
    before = books.account_view(db, "1000001")
    receipt = take(db)
    assert books.account_view(db, "1000001").charges != before.charges
    void_receipt(db, receipt.number, cashier="ana", approver="sam", reason="wrong account")
    assert books.account_view(db, "1000001").charges == before.charges


def test_voided_receipt_keeps_its_number_and_shows_void(db: Database) -> None:
    first = take(db)
    void_receipt(db, first.number, cashier="ana", approver="sam", reason="customer changed mind")
    second = take(db)
    assert second.number == "T01-000002"
    shown = get_receipt(db, first.number)
    assert shown.status == "void" and shown.void_approver == "sam"
    assert shown.void_reason == "customer changed mind"


def test_a_receipt_is_voided_only_once(db: Database) -> None:
    receipt = take(db)
    void_receipt(db, receipt.number, cashier="ana", approver="sam", reason="x")
    with pytest.raises(AlreadyVoided):
        void_receipt(db, receipt.number, cashier="ana", approver="sam", reason="x")


def test_unknown_receipt(db: Database) -> None:
    with pytest.raises(UnknownReceipt, match="T01-000099"):
        void_receipt(db, "T01-000099", cashier="ana", approver="sam", reason="x")


def test_void_removes_the_credit_it_created(db: Database) -> None:
    receipt = post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 10000),),
                                       (CashTender(10000),), AT))
    assert books.account_view(db, "1000002").credit == 4000
    void_receipt(db, receipt.number, cashier="ana", approver="sam", reason="wrong account")
    view = books.account_view(db, "1000002")
    assert view.credit == 0 and view.open_total == 6000


def test_void_refused_when_the_credit_was_already_applied(db: Database) -> None:
    receipt = post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 10000),),
                                       (CashTender(10000),), AT))
    import datetime as dt
    with db.write() as s:
        add_charges(s, "1000002", [ChargeSpec("water", dt.date(2026, 12, 15), 3000)], at=AT)
    assert books.account_view(db, "1000002").credit == 1000
    with pytest.raises(CreditAlreadyUsed):
        void_receipt(db, receipt.number, cashier="ana", approver="sam", reason="wrong account")


def test_void_and_approval_are_in_the_audit_trail(db: Database) -> None:
    from sqlalchemy import select

    from cashier.ledger.store.models import AuditEvent
    receipt = take(db)
    void_receipt(db, receipt.number, cashier="ana", approver="sam", reason="wrong account")
    with db.read() as s:
        kinds = [(e.kind, e.actor) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.subject == f"receipt:{receipt.number}"))]
    assert kinds == [("void", "ana"), ("approval", "sam")]
    assert audit.verify(db).ok
