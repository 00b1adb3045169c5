"""Account status at the counter (issue #9): a payment that reaches the amount required
stops a disconnect or orders a reconnect, once; arrangements take payments first and a
missed installment puts the account back to disconnect pending."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from cashier.ledger import books
from cashier.ledger.accounts import arrangements
from cashier.ledger.accounts import status as service_status
from cashier.ledger.accounts.status import ServiceStatus
from cashier.ledger.database import Database
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.journal.export import export_day
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import ReceiptRecord, get_receipt
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.errors import CashierError, InvalidReference
from cashier.ledger.rules.values import AccountPayment, CashTender, Payment
from cashier.ledger.store.models import ServiceNotice
from cashier.ledger.store.outbox import same_operation
from tests.conftest import AT, replayable

DAY = AT.date()


def at(minutes: int) -> dt.datetime:
    return AT + dt.timedelta(minutes=minutes)


def pay(db: Database, account: str, cents: int, minute: int, drawer: str = "D1",
        cashier: str = "ana") -> str:
    return take(db, account, cents, minute, drawer, cashier).number


def take(db: Database, account: str, cents: int, minute: int, drawer: str = "D1",
         cashier: str = "ana") -> ReceiptRecord:
    return post_payment(db, Payment(drawer, cashier, (AccountPayment(account, cents),),
                                    (CashTender(cents),), at(minute)))


def set_status(db: Database, account: str, status: str, date: dt.date | None,
               required: int | None) -> None:
    with db.write() as s:
        service_status.set_status(s, account, service_status.checked(status, date, required),
                                  cause="billing", at=at(-60))


def notices(db: Database) -> list[tuple[str, str, str, str | None]]:
    with db.read() as s:
        return [(n.account_number, n.kind, n.receipt_number,
                 n.withdrawn_at.isoformat() if n.withdrawn_at else None)
                for n in s.scalars(select(ServiceNotice).order_by(ServiceNotice.id))]


def test_a_payment_reaching_the_amount_stops_the_disconnect_once(db: Database) -> None:
    set_status(db, "1000001", "disconnect_pending", dt.date(2026, 11, 30), 10000)
    first = take(db, "1000001", 6000, 1)
    assert notices(db) == []
    view = books.account_view(db, "1000001")
    assert (view.status.status, view.status.paid, view.status.remaining) == (
        "disconnect_pending", 6000, 4000)
    assert any("DISCONNECT PENDING 2026-11-30: 40.00 more" in n
               for n in first.notes)
    second = pay(db, "1000001", 5000, 2)
    assert notices(db) == [("1000001", "cancel_disconnect", second, None)]
    assert books.account_view(db, "1000001").status == ServiceStatus()
    pay(db, "1000001", 5000, 3)  # paid again: the disconnect was already stopped
    assert len(notices(db)) == 1
    receipt = get_receipt(db, second)
    assert any(n.startswith("SERVICE NOTICE: CANCEL DISCONNECT account 1000001")
               for n in receipt.notes)
    report = daily_cash_report(db, DAY)
    assert [(n["kind"], n["account"], n["receipt"], n["paid"]) for n in
            report["service_notices"]] == [("cancel_disconnect", "1000001", second, "110.00")]


def test_a_retried_payment_raises_no_second_notice(db: Database) -> None:
    set_status(db, "1000002", "disconnected", dt.date(2026, 11, 20), 6000)
    op = str(uuid.uuid4())
    payment = Payment("D1", "ana", (AccountPayment("1000002", 6000),), (CashTender(6000),),
                      at(1))
    with same_operation(op):
        number = post_payment(db, payment).number
    # The same operation arriving again (a resend, a second apply) is refused whole.
    with same_operation(op), pytest.raises(CashierError):
        post_payment(db, payment)
    assert notices(db) == [("1000002", "reconnect", number, None)]


def test_a_void_withdraws_the_notice_and_puts_the_status_back(db: Database) -> None:
    set_status(db, "1000002", "disconnect_pending", dt.date(2026, 11, 30), 5000)
    pay(db, "1000002", 1000, 1)
    number = pay(db, "1000002", 4000, 2)
    void_receipt(db, number, cashier="ana", approver="sam", reason="wrong account", at=at(3))
    (row,) = notices(db)
    assert row[3] is not None  # withdrawn
    status = books.account_view(db, "1000002").status
    assert (status.status, status.paid, status.required) == ("disconnect_pending", 1000, 5000)
    again = pay(db, "1000002", 4000, 4)
    assert notices(db) == [("1000002", "cancel_disconnect", again, None)]


def test_status_is_checked_when_billing_sets_it() -> None:
    with pytest.raises(InvalidReference, match="date"):
        service_status.checked("disconnect_pending", None, 100)
    with pytest.raises(InvalidReference, match="not one of"):
        service_status.checked("shut_off", None, None)
    assert service_status.checked("final_billed", None, None).describe() == "FINAL-BILLED"


def test_an_arrangement_takes_payments_in_order_and_a_missed_one_breaks_it(
        db: Database) -> None:
    set_status(db, "1000001", "disconnect_pending", dt.date(2026, 11, 25), 15510)
    plan = [(dt.date(2026, 11, 20), 5000), (dt.date(2026, 12, 20), 5000),
            (dt.date(2027, 1, 20), 5510)]
    with pytest.raises(InvalidReference, match="not after"):
        arrangements.open_arrangement(db, "1000001", list(reversed(plan)), by="sam", at=at(0))
    arrangements.open_arrangement(db, "1000001", plan, by="sam", at=at(0))
    view = books.account_view(db, "1000001")
    assert view.status.status == "active"  # the arrangement stopped the disconnect
    assert view.arrangement is not None and view.arrangement.behind(DAY) == 5000
    receipt = take(db, "1000001", 7000, 1)
    plan_now = books.account_view(db, "1000001").arrangement
    assert plan_now is not None
    assert [i.paid for i in plan_now.installments] == [5000, 2000, 0]
    upcoming = plan_now.next_due()
    assert upcoming is not None and (upcoming.due, upcoming.open) == (dt.date(2026, 12, 20), 3000)
    assert any("ARRANGEMENT next 30.00 due 2026-12-20" in n for n in receipt.notes)
    # Nothing is missed on the 20th of December itself; the day after, the second is.
    later = dt.datetime(2026, 12, 21, 8, tzinfo=AT.tzinfo)
    assert arrangements.check_all(db, dt.date(2026, 12, 20), by="sam", at=later) == []
    broken = arrangements.check_all(db, dt.date(2026, 12, 21), by="sam", at=later)
    assert broken == [("1000001", ServiceStatus("disconnect_pending", dt.date(2026, 12, 28),
                                                8510))]
    assert books.account_view(db, "1000001").arrangement is None


def test_a_void_takes_the_installment_payment_back(db: Database) -> None:
    arrangements.open_arrangement(db, "1000002", [(dt.date(2026, 12, 1), 3000),
                                                  (dt.date(2027, 1, 1), 3000)],
                                  by="sam", at=at(0))
    number = pay(db, "1000002", 6000, 1)
    with db.read() as s:
        assert (arrangements.active(s, "1000002")) is None  # completed
    void_receipt(db, number, cashier="ana", approver="sam", reason="bounced", at=at(2))
    plan = books.account_view(db, "1000002").arrangement
    assert plan is not None and plan.remaining == 6000


def test_a_replayed_day_gives_the_same_notices_and_installments(db: Database,
                                                                tmp_path: Path) -> None:
    set_status(db, "1000001", "disconnect_pending", dt.date(2026, 11, 30), 10000)
    set_status(db, "1000003", "disconnected", dt.date(2026, 11, 1), 10000)
    arrangements.open_arrangement(db, "1000002", [(dt.date(2026, 12, 1), 3000),
                                                  (dt.date(2027, 1, 1), 3000)],
                                  by="sam", at=at(-30))
    pay(db, "1000001", 3000, 1)
    pay(db, "1000001", 7000, 2)
    pay(db, "1000002", 4000, 3)
    pay(db, "1000003", 4000, 4, drawer="D2", cashier="raj")
    path = tmp_path / "day.jsonl"
    path.write_text("".join(line + "\n" for line in export_day(db, DAY)))
    replay_file(path, tmp_path / "rebuilt.sqlite3")
    with Database.open(tmp_path / "rebuilt.sqlite3") as rebuilt:
        assert replayable(daily_cash_report(rebuilt, DAY)) == replayable(
            daily_cash_report(db, DAY))
        for number in ("1000001", "1000002", "1000003"):
            a, b = books.account_view(rebuilt, number), books.account_view(db, number)
            assert (a.status, a.arrangement) == (b.status, b.arrangement)
