"""Back-office corrections: a returned (NSF) check, a payment transferred to the right
account, a refund of a credit balance. Each is a supervisor's act with a reason, balanced
entries that name the original, an exception on the Daily Cash Report, and a journal op that
replays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cashier.devices.printer.escpos_bytes import decode_job
from cashier.devices.printer.receipt import ReceiptDocument, render_receipt
from cashier.ledger import books
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer.cash_movements import drop
from cashier.ledger.drawer.sessions import (
    CloseCount,
    activity,
    close_drawer,
    open_drawer,
    session_summary,
)
from cashier.ledger.journal.export import export_day, export_days
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.receipts.correction_history import carry_in_returned_checks
from cashier.ledger.receipts.corrections import refund_credit, transfer_payment
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import get_receipt
from cashier.ledger.receipts.returned_checks import post_nsf
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference import office
from cashier.ledger.rules.drawer_math import expected
from cashier.ledger.rules.errors import (
    ApprovalRequired,
    CashOnlyAccount,
    CashShort,
    CreditShort,
    DayClosed,
    NotCorrectable,
    NotPermitted,
    RefundOverLimit,
    SelfApproval,
)
from cashier.ledger.rules.values import (
    AccountPayment,
    CashTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Payment,
)
from cashier.ledger.store.models import Correction, DrawerSession
from tests.conftest import AT, FLOAT, approve_waiting, replayable

ROUTING = "111000025"
DAY = AT.date()
NEXT_DAY = DAY + dt.timedelta(days=1)
APPROVER = {"ana": "sam", "raj": "sam", "sam": "lee", "lee": "sam"}
# Charges of the conftest office: 1000001 owes water 45.10 and sewer 30.00 (billed
# 2026-10-15) and electric 80.00 (2026-11-15); 1000002 water 60.00; 1000003 water 100.00.
OWED_1000001 = 4510 + 3000 + 8000


def at(minute: int, day: int = 0) -> dt.datetime:
    return AT + dt.timedelta(days=day, minutes=minute)


def by_check(db: Database, account: str, amount: int, number: str, minute: int,
             drawer: str = "D1", cashier: str = "ana", day: int = 0) -> str:
    return post_payment(db, Payment(drawer, cashier, (AccountPayment(account, amount),),
                                    (CheckTender(amount, number, ROUTING),),
                                    at(minute, day))).number


def cash_count(cents: int) -> dict[str, int]:
    return {"1.00": cents // 100, "0.01": cents % 100} if cents else {}


def balance_drawers(db: Database, minute: int, day: int = 0) -> None:
    """Count every open drawer exactly as expected and have a supervisor approve it."""
    with db.read() as s:
        rows = list(s.scalars(select(DrawerSession).where(DrawerSession.status == "open")))
        plans = [(r.drawer, r.cashier, expected(activity(s, r))) for r in rows]
    for drawer, cashier, exp in plans:
        count = CloseCount(cash_count(exp.cash),
                           checks=(("all", exp.check),) if exp.check else (),
                           money_orders=(("all", exp.money_order),) if exp.money_order else (),
                           card_batch=exp.card)
        close_drawer(db, drawer, cashier, count, at=at(minute, day))
        approve_waiting(db, drawer, APPROVER[cashier], at=at(minute + 1, day))


def end_day(db: Database, minute: int = 400, day: int = 0, *, close: bool = False) -> None:
    balance_drawers(db, minute, day)
    make_deposit(db, DAY + dt.timedelta(days=day), "sam", "lee", f"B-{day}",
                 at=at(minute + 5, day))
    if close:
        close_day(db, DAY + dt.timedelta(days=day), "sam", at=at(minute + 6, day))


def assert_books_hold(db: Database, *days: dt.date) -> None:
    assert all(e.balanced for e in books.all_entries(db))
    assert sum(books.gl_balances(db).values()) == 0
    for day in days:
        failed = [i for i in daily_cash_report(db, day)["identities"] if not i["passed"]]
        assert failed == []
    assert audit.verify(db).ok


def charges(db: Database, number: str) -> list[tuple[str, int, int]]:
    return [(c.service, c.amount, c.open) for c in books.account_view(db, number).charges]


@pytest.fixture
def paid_by_check(db: Database) -> Database:
    """ana takes 1000001's whole bill (155.10) by check, T01-000001; the day is balanced and
    deposited."""
    by_check(db, "1000001", OWED_1000001, "1001", 5)
    end_day(db)
    return db


# --- returned checks (NSF) ----------------------------------------------------------------------


def test_nsf_restores_exactly_the_charges_the_check_paid_and_bills_the_fee(
        paid_by_check: Database) -> None:
    db = paid_by_check
    assert books.account_view(db, "1000001").open_total == 0
    post_nsf(db, "T01-000001", by="sam", reason="returned NSF by the bank", at=at(600))
    assert charges(db, "1000001") == [("water", 4510, 4510), ("sewer", 3000, 3000),
                                      ("electric", 8000, 8000), ("nsf", 2500, 2500)]
    assert books.account_view(db, "1000001").credit == 0


def test_nsf_posts_a_reversing_entry_that_names_the_original(paid_by_check: Database) -> None:
    db = paid_by_check
    post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(600))
    payment, nsf = books.entries_for_receipt(db, "T01-000001")
    assert nsf.kind == "nsf" and nsf.reverses == payment.id
    assert "T01-000001" in nsf.memo and nsf.balanced
    # The bank took the check back out of deposit in transit; the customer owes it again.
    assert dict(nsf.postings) == {"503-1210": 4510, "504-1210": 3000, "501-1210": 8000,
                                  "100-1240": 2500, "100-1090": -OWED_1000001,
                                  "100-4910": -2500}
    assert books.gl_balances(db)["100-1090"] == 0  # the deposit and the return cancel
    assert_books_hold(db, DAY)


def test_the_fee_is_the_office_setting(paid_by_check: Database) -> None:
    db = paid_by_check
    with db.write() as s:
        office.put(s, office.NSF_FEE, "30.00")
    assert post_nsf(db, "T01-000001", by="lee", reason="NSF", at=at(600)).fee == 3000
    assert charges(db, "1000001")[-1] == ("nsf", 3000, 3000)


def test_a_waived_fee_bills_nothing(paid_by_check: Database) -> None:
    post_nsf(paid_by_check, "T01-000001", by="sam", reason="bank error", fee=0, at=at(600))
    assert [c[0] for c in charges(paid_by_check, "1000001")] == ["water", "sewer", "electric"]


def test_a_second_returned_check_in_12_months_makes_the_account_cash_only(
        db: Database) -> None:
    by_check(db, "1000001", 4510, "1001", 5)
    by_check(db, "1000001", 3000, "1002", 6)
    end_day(db)
    first = post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(600))
    assert not first.cash_only
    second = post_nsf(db, "T01-000002", by="sam", reason="NSF", at=at(601))
    assert second.cash_only and books.account_view(db, "1000001").cash_only
    # C16: the next day a check on the account is refused; a money order is still taken.
    open_drawer(db, "D1", "ana", FLOAT, at=at(0, 1))
    with pytest.raises(CashOnlyAccount):
        by_check(db, "1000001", 4510, "1003", 5, day=1)
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000001", 4510),),
                             (MoneyOrderTender(4510, "MO-1"),), at(6, 1)))


@pytest.mark.parametrize(("days_ago", "cash_only"), [(366, False), (300, True)])
def test_only_returned_checks_of_the_last_12_months_count(paid_by_check: Database,
                                                          days_ago: int, cash_only: bool) -> None:
    db = paid_by_check
    with db.write() as s:
        carry_in_returned_checks(s, "1000001",
                                 [(DAY - dt.timedelta(days=days_ago), "T09-000001")])
    assert post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(600)).cash_only \
        is cash_only


def test_the_office_sets_how_many_returned_checks_make_an_account_cash_only(
        paid_by_check: Database) -> None:
    db = paid_by_check
    with db.write() as s:
        office.put(s, office.NSF_CASH_ONLY_AFTER, "1")
    assert post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(600)).cash_only


def test_a_cashier_cannot_post_a_returned_check(paid_by_check: Database) -> None:
    with pytest.raises(NotPermitted):
        post_nsf(paid_by_check, "T01-000001", by="ana", reason="NSF", at=at(600))
    assert books.account_view(paid_by_check, "1000001").open_total == 0


def test_a_returned_check_needs_a_reason(paid_by_check: Database) -> None:
    with pytest.raises(ApprovalRequired, match="reason"):
        post_nsf(paid_by_check, "T01-000001", by="sam", reason="  ", at=at(600))


def test_only_a_standing_check_payment_can_be_returned(db: Database) -> None:
    by_check(db, "1000002", 6000, "2001", 5)
    void_receipt(db, "T01-000001", cashier="ana", approver="sam", reason="wrong account",
                 at=at(6))
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 6000),),
                             (CashTender(6000),), at(7)))
    end_day(db)
    with pytest.raises(NotCorrectable, match="void"):
        post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(600))
    with pytest.raises(NotCorrectable, match="not paid by check"):
        post_nsf(db, "T01-000002", by="sam", reason="NSF", at=at(600))


def test_a_check_is_returned_once(paid_by_check: Database) -> None:
    post_nsf(paid_by_check, "T01-000001", by="sam", reason="NSF", at=at(600))
    with pytest.raises(NotCorrectable, match="already returned"):
        post_nsf(paid_by_check, "T01-000001", by="lee", reason="NSF again", at=at(601))


def test_a_check_comes_back_only_after_the_drawer_closed_and_the_deposit(
        db: Database) -> None:
    by_check(db, "1000001", 4510, "1001", 5)
    with pytest.raises(NotCorrectable, match="void it"):
        post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(10))
    balance_drawers(db, 400)
    with pytest.raises(NotCorrectable, match="deposited"):
        post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(410))


def test_nsf_after_the_day_is_closed_posts_to_the_next_day(paid_by_check: Database) -> None:
    db = paid_by_check
    close_day(db, DAY, "sam", at=at(410))
    before = daily_cash_report(db, DAY)
    with pytest.raises(DayClosed):
        post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(420))
    record = post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(60, 1))
    assert record.business_date == NEXT_DAY
    nsf = books.entries_for_receipt(db, "T01-000001")[-1]
    assert nsf.business_date == NEXT_DAY and "of 2026-11-23" in nsf.memo
    assert daily_cash_report(db, DAY) == before  # the closed day is as it was signed
    exceptions = daily_cash_report(db, NEXT_DAY)["exceptions"]
    assert [(e["kind"], e["receipt"], e["amount"], e["fee"], e["who"]) for e in exceptions] \
        == [("nsf", "T01-000001", "155.10", "25.00", "sam")]
    assert "CHECK RETURNED (NSF) 2026-11-24" in get_receipt(db, "T01-000001").notes[0]


def test_a_reprint_carries_the_correction_whole(paid_by_check: Database) -> None:
    post_nsf(paid_by_check, "T01-000001", by="sam", reason="returned NSF, bank notice 4471",
             at=at(600))
    record = get_receipt(paid_by_check, "T01-000001")
    document = ReceiptDocument(record.number, record.taken_at, record.cashier, record.terminal,
                               footer=record.notes, copy=True)
    text = " ".join(decode_job(render_receipt(document, 42, "default")).lines)
    assert "CHECK RETURNED (NSF)" in text and "bank notice 4471" in text


def test_a_check_that_also_paid_an_item_is_owed_in_full(db: Database) -> None:
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 6000), ItemSale("DOGA")),
                             (CheckTender(8000, "2001", ROUTING),), at(5)))
    end_day(db)
    post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(600))
    # The dog license stays issued; its 20.00 is billed with the fee as returned-check charges.
    assert charges(db, "1000002") == [("water", 6000, 6000), ("nsf", 2000, 2000),
                                      ("nsf", 2500, 2500)]
    assert_books_hold(db, DAY)


def test_a_returned_check_of_a_part_cash_payment_reopens_what_was_paid_last(
        db: Database) -> None:
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000001", OWED_1000001),),
                             (CashTender(5510), CheckTender(10000, "1001", ROUTING)), at(5)))
    end_day(db)
    post_nsf(db, "T01-000001", by="sam", reason="NSF", fee=0, at=at(600))
    # 100.00 comes back: electric (billed last) 80.00, then 20.00 of the sewer charge.
    assert charges(db, "1000001") == [("water", 4510, 0), ("sewer", 3000, 2000),
                                      ("electric", 8000, 8000)]
    assert_books_hold(db, DAY)


def test_an_nsf_takes_back_the_credit_its_payment_left(db: Database) -> None:
    by_check(db, "1000002", 10000, "2001", 5)
    end_day(db)
    assert books.account_view(db, "1000002").credit == 4000
    post_nsf(db, "T01-000001", by="sam", reason="NSF", fee=0, at=at(600))
    view = books.account_view(db, "1000002")
    assert (view.credit, view.open_total) == (0, 6000)
    assert_books_hold(db, DAY)


# --- transfers -----------------------------------------------------------------------------------


def test_a_transfer_leaves_both_accounts_right_and_annotates_the_receipt(db: Database) -> None:
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 6000),),
                             (CashTender(6000),), at(5)))
    balance_drawers(db, 400)
    record = transfer_payment(db, "T01-000001", to_account="1000001", approver="sam",
                              reason="keyed the neighbour's account", at=at(500))
    assert (record.account, record.to_account, record.amount) == ("1000002", "1000001", 6000)
    assert charges(db, "1000002") == [("water", 6000, 6000)]
    # Applied as a payment would be: oldest bill first, water before sewer (priority).
    assert charges(db, "1000001") == [("water", 4510, 0), ("sewer", 3000, 1510),
                                      ("electric", 8000, 8000)]
    transfer = books.entries_for_receipt(db, "T01-000001")[-1]
    assert transfer.kind == "transfer" and transfer.balanced
    assert dict(transfer.postings) == {"503-1210": 1490, "504-1210": -1490}
    notes = get_receipt(db, "T01-000001").notes
    assert notes == ("PAYMENT TRANSFERRED 2026-11-23: 60.00 from account 1000002 to 1000001; "
                     "sam: keyed the neighbour's account",)
    exceptions = [e for e in daily_cash_report(db, DAY)["exceptions"] if e["kind"] == "transfer"]
    assert [(e["receipt"], e["account"], e["to_account"], e["who"]) for e in exceptions] == [
        ("T01-000001", "1000002", "1000001", "sam")]
    assert_books_hold(db, DAY)


def test_a_transfer_within_one_service_moves_no_gl_money(db: Database) -> None:
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 6000),),
                             (CashTender(6000),), at(5)))
    balance_drawers(db, 400)
    transfer_payment(db, "T01-000001", to_account="1000003", approver="lee", reason="wrong",
                     at=at(500))
    assert charges(db, "1000003") == [("water", 10000, 4000)]
    assert charges(db, "1000002") == [("water", 6000, 6000)]
    assert [e.kind for e in books.entries_for_receipt(db, "T01-000001")] == ["payment"]
    with db.read() as s:
        assert s.scalars(select(Correction.entry_id)).one() is None


def test_a_returned_check_after_a_transfer_reopens_the_new_accounts_charges(
        db: Database) -> None:
    by_check(db, "1000002", 6000, "2001", 5)
    end_day(db)
    transfer_payment(db, "T01-000001", to_account="1000001", approver="sam", reason="wrong",
                     at=at(500))
    post_nsf(db, "T01-000001", by="lee", reason="NSF", fee=0, at=at(600))
    assert charges(db, "1000001") == [("water", 4510, 4510), ("sewer", 3000, 3000),
                                      ("electric", 8000, 8000)]
    assert charges(db, "1000002") == [("water", 6000, 6000)]
    assert_books_hold(db, DAY)


def test_a_transfer_needs_a_supervisor_a_reason_and_another_account(db: Database) -> None:
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 6000),),
                             (CashTender(6000),), at(5)))
    with pytest.raises(NotCorrectable, match="void it"):
        transfer_payment(db, "T01-000001", to_account="1000001", approver="sam",
                         reason="wrong", at=at(10))
    balance_drawers(db, 400)
    with pytest.raises(NotPermitted):
        transfer_payment(db, "T01-000001", to_account="1000001", approver="raj",
                         reason="wrong", at=at(500))
    with pytest.raises(ApprovalRequired):
        transfer_payment(db, "T01-000001", to_account="1000001", approver="sam", reason="",
                         at=at(500))
    with pytest.raises(NotCorrectable, match="already on account"):
        transfer_payment(db, "T01-000001", to_account="1000002", approver="sam",
                         reason="wrong", at=at(500))
    assert charges(db, "1000002") == [("water", 6000, 0)]


# --- refunds -------------------------------------------------------------------------------------


@pytest.fixture
def in_credit(db: Database) -> Database:
    """1000002 paid 100.00 cash on a 60.00 bill: a 40.00 credit."""
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 10000),),
                             (CashTender(10000),), at(5)))
    assert books.account_view(db, "1000002").credit == 4000
    return db


def test_a_refund_by_check_goes_to_accounts_payable(in_credit: Database) -> None:
    record = refund_credit(in_credit, "1000002", 4000, by="sam", reason="moved away",
                           at=at(30))
    assert record.method == "check" and books.account_view(in_credit, "1000002").credit == 0
    assert books.gl_balances(in_credit)["100-2150"] == -4000
    assert books.gl_balances(in_credit)["100-2100"] == 0
    refund = [e for e in daily_cash_report(in_credit, DAY)["exceptions"]
              if e["kind"] == "refund"]
    assert [(r["account"], r["amount"], r["method"], r["who"]) for r in refund] == [
        ("1000002", "40.00", "check", "sam")]


def test_a_cash_refund_lowers_the_drawers_expected_cash_and_the_close_balances(
        in_credit: Database) -> None:
    db = in_credit
    record = refund_credit(db, "1000002", 3000, by="sam", reason="overpaid", drawer="D1",
                           cashier="ana", at=at(30))
    assert (record.method, record.by, record.approver, record.drawer) == (
        "cash", "ana", "sam", "D1")
    assert books.account_view(db, "1000002").credit == 1000
    # 200.00 float + 100.00 taken − 30.00 handed back.
    closed = close_drawer(db, "D1", "ana", CloseCount(cash_count(27000)), at=at(400))
    assert closed.expected is not None and closed.expected.cash == 27000
    assert closed.over_short is not None and not closed.over_short.nonzero
    assert dict(closed.movements) == {"refund": 3000}
    balance_drawers(db, 401)
    approve_waiting(db, "D1", "sam", at=at(402))
    make_deposit(db, DAY, "sam", "lee", "B-1", at=at(410))
    report = daily_cash_report(db, DAY)
    d1 = next(s for s in report["sessions"] if s["drawer"] == "D1")
    assert (d1["refunds"], d1["expected"]["cash"]) == ("30.00", "270.00")
    refund = next(e for e in report["exceptions"] if e["kind"] == "refund")
    assert (refund["drawer"], refund["who"], refund["approver"]) == ("D1", "ana", "sam")
    assert_books_hold(db, DAY)


def test_a_cash_refund_over_the_limit_is_refused(in_credit: Database) -> None:
    with in_credit.write() as s:
        office.put(s, office.REFUND_CASH_LIMIT, "25.00")
    with pytest.raises(RefundOverLimit):
        refund_credit(in_credit, "1000002", 3000, by="sam", reason="overpaid", drawer="D1",
                      cashier="ana", at=at(30))
    assert session_summary(in_credit, "D1").movements == ()
    assert books.account_view(in_credit, "1000002").credit == 4000


def test_a_cash_refund_needs_a_supervisor_who_is_not_the_cashier(in_credit: Database) -> None:
    with pytest.raises(SelfApproval):
        refund_credit(in_credit, "1000002", 1000, by="sam", reason="overpaid", drawer="D3",
                      cashier="sam", at=at(30))
    with pytest.raises(NotPermitted):
        refund_credit(in_credit, "1000002", 1000, by="raj", reason="overpaid", drawer="D1",
                      cashier="ana", at=at(30))
    with pytest.raises(ApprovalRequired):
        refund_credit(in_credit, "1000002", 1000, by="sam", reason="", drawer="D1",
                      cashier="ana", at=at(30))


def test_a_refund_is_never_more_than_the_credit_or_the_drawer_holds(
        in_credit: Database) -> None:
    with pytest.raises(CreditShort):
        refund_credit(in_credit, "1000002", 4001, by="sam", reason="overpaid", at=at(30))
    # raj's drawer holds only its 200.00 float; a 40.00 refund is fine, but not after a drop.
    with in_credit.write() as s:
        office.put(s, office.REFUND_CASH_LIMIT, "500.00")
    drop(in_credit, "D2", "raj", "sam", {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 1},
         at=at(20))
    with pytest.raises(CashShort):
        refund_credit(in_credit, "1000002", 4000, by="sam", reason="overpaid", drawer="D2",
                      cashier="raj", at=at(30))


# --- the journal ---------------------------------------------------------------------------------


def two_days_of_corrections(db: Database) -> None:
    """Day 1: check payments, an overpayment, the close and deposit. Day 2: two returned
    checks (the account turns cash-only), a transfer, a refund by check and one in cash."""
    by_check(db, "1000001", 4510, "1001", 5)
    by_check(db, "1000001", 3000, "1002", 6)
    by_check(db, "1000002", 6000, "2001", 7, drawer="D2", cashier="raj")
    post_payment(db, Payment("D3", "sam", (AccountPayment("1000003", 15000),),
                             (CashTender(15000),), at(8)))
    end_day(db, close=True)
    open_drawer(db, "D1", "ana", FLOAT, at=at(0, 1))
    post_nsf(db, "T01-000001", by="sam", reason="NSF", at=at(10, 1))
    post_nsf(db, "T01-000002", by="lee", reason="account closed", fee=0, at=at(11, 1))
    transfer_payment(db, "T02-000001", to_account="1000001", approver="sam",
                     reason="paid on the wrong account", at=at(12, 1))
    refund_credit(db, "1000003", 3000, by="sam", reason="overpaid", at=at(13, 1))
    refund_credit(db, "1000003", 2000, by="sam", reason="overpaid", drawer="D1",
                  cashier="ana", at=at(14, 1))
    end_day(db, day=1)


def snapshot(db: Database) -> dict[str, Any]:
    accounts = {n: books.account_view(db, n) for n in ("1000001", "1000002", "1000003")}
    return {"accounts": {n: (v.charges, v.credit, v.cash_only) for n, v in accounts.items()},
            "balances": books.gl_balances(db),
            "receipts": [get_receipt(db, n) for n in ("T01-000001", "T01-000002",
                                                       "T02-000001", "T03-000001")],
            "reports": [replayable(daily_cash_report(db, day))
                        for day in (DAY, NEXT_DAY)]}


def test_export_and_replay_with_corrections_gives_the_same_books(office: Database,
                                                                 tmp_path: Path) -> None:
    for cashier, drawer in (("ana", "D1"), ("raj", "D2"), ("sam", "D3")):
        open_drawer(office, drawer, cashier, FLOAT, at=AT)
    two_days_of_corrections(office)
    assert books.account_view(office, "1000001").cash_only
    assert_books_hold(office, DAY, NEXT_DAY)
    journal = tmp_path / "days.jsonl"
    journal.write_text("".join(f"{line}\n" for line in export_days(office, DAY, NEXT_DAY)))
    report = replay_file(journal, tmp_path / "rebuilt.sqlite3")
    assert (report.operations["nsf"], report.operations["transfer"],
            report.operations["refund"]) == (2, 1, 2)
    with Database.open(tmp_path / "rebuilt.sqlite3") as rebuilt:
        assert snapshot(rebuilt) == snapshot(office)
        assert_books_hold(rebuilt, DAY, NEXT_DAY)


def test_an_earlier_day_exports_as_it_was_before_its_corrections(office: Database,
                                                                 tmp_path: Path) -> None:
    for cashier, drawer in (("ana", "D1"), ("raj", "D2"), ("sam", "D3")):
        open_drawer(office, drawer, cashier, FLOAT, at=AT)
    two_days_of_corrections(office)
    journal = tmp_path / "day1.jsonl"
    journal.write_text("".join(f"{line}\n" for line in export_day(office, DAY)))
    replay_file(journal, tmp_path / "day1.sqlite3")
    with Database.open(tmp_path / "day1.sqlite3") as rebuilt:
        assert replayable(daily_cash_report(rebuilt, DAY)) == replayable(
            daily_cash_report(office, DAY))
        assert not books.account_view(rebuilt, "1000001").cash_only
        assert charges(rebuilt, "1000001") == [("water", 4510, 0), ("sewer", 3000, 0),
                                               ("electric", 8000, 8000)]
