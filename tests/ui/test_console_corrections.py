"""Back-office corrections from the supervisor console, keyboard only: a returned check (F2),
a payment transferred to the right account (F3), a refund of a credit balance (F4). Each shows
the receipt or account and what it will do before the supervisor's PIN posts it; a refusal is
shown in the dialog and nothing is written. Yesterday's business is set up through the ledger
and yesterday is closed, so every correction posts today and names the original (C12)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cashier.ledger.database import Database
from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer.sessions import CloseCount, close_drawer, open_drawer
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import load_receipt, payment_entry
from cashier.ledger.rules.values import (
    AccountPayment,
    CashTender,
    CheckTender,
    Payment,
    Tender,
    business_date,
    now,
)
from cashier.ledger.store.models import CashMovement, Correction, DrawerSession, JournalEntry
from cashier.ledger.store.models import User as UserRow
from cashier.ui.main_window import MainWindow
from cashier.ui.supervisor.corrections import (
    CorrectionDialog,
    RefundDialog,
    ReturnedCheckDialog,
    TransferDialog,
)
from tests.conftest import FLOAT, PINS, approve_waiting
from tests.ui.conftest import Keyboard
from tests.ui.test_look_and_access import unnamed_controls
from tests.ui.test_supervisor_console import console, open_step

Key = Qt.Key
ROUTING = "111000025"


def yesterday(minute: int) -> dt.datetime:
    return (now() - dt.timedelta(days=1)).replace(hour=9, minute=minute, second=0,
                                                  microsecond=0)


def closed_yesterday(db: Database, account: str, cents: int, tender: Tender) -> str:
    """Yesterday ana took one payment on D1; the drawer was balanced and approved, the
    deposit made and the day closed. The receipt's number."""
    open_drawer(db, "D1", "ana", FLOAT, at=yesterday(0))
    number = post_payment(db, Payment("D1", "ana", (AccountPayment(account, cents),),
                                      (tender,), yesterday(5))).number
    checks = ((("1042", tender.amount),) if isinstance(tender, CheckTender) else ())
    cash = dict(FLOAT) if checks else {**FLOAT, "1.00": 20 + tender.amount // 100}
    close_drawer(db, "D1", "ana", CloseCount(cash=cash, checks=checks), at=yesterday(30))
    approve_waiting(db, "D1", "lee", at=yesterday(31))
    day = business_date(yesterday(0))
    make_deposit(db, day, "lee", "sam", "B-1", at=yesterday(40))
    close_day(db, day, "lee", at=yesterday(41))
    return number


def correction_dialog(window: MainWindow, keys: Keyboard, key: Qt.Key,
                      kind: type[CorrectionDialog]) -> CorrectionDialog:
    dialog = open_step(window, keys, key, kind)
    assert isinstance(dialog, kind)
    return dialog


def previewed(keys: Keyboard, dialog: CorrectionDialog) -> None:
    """The supervisor reads what it will do before going on."""
    keys.wait(lambda: dialog.entry.rowCount() > 0 or dialog.notice.is_refusal)


def your_pin(window: MainWindow, keys: Keyboard, user: str = "sam", pin: str = "") -> None:
    dialog = window.console.dialog
    assert isinstance(dialog, CorrectionDialog)
    keys.wait(lambda: dialog.approval is not None and dialog.approval.isVisible()
              and dialog.approval.user_box.text() == user)
    keys.enter(pin or PINS[user])


def entry_lines(db: Database, kind: str) -> tuple[JournalEntry, list[tuple[str, int]]]:
    with db.read() as s:
        entry = s.scalars(select(JournalEntry).where(JournalEntry.kind == kind)).one()
        postings = [(p.account, p.amount_cents) for p in entry.postings]
        s.expunge(entry)
        return entry, sorted(postings)


def today_exceptions(db: Database, kind: str) -> list[dict[str, str]]:
    report = daily_cash_report(db, business_date(now()))
    return [e for e in report["exceptions"] if e["kind"] == kind]


def nothing_corrected(db: Database) -> bool:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Correction)) == 0


def test_a_returned_check_is_shown_then_posted_with_the_supervisor_pin(
        window: MainWindow, keys: Keyboard) -> None:
    db = window.counter.db
    number = closed_yesterday(db, "1000002", 6000, CheckTender(6000, "1042", ROUTING))
    console(window, keys, rows=0)
    assert window.console.buttons["nsf"].text() == "Returned check (F2)"
    dialog = correction_dialog(window, keys, Key.Key_F2, ReturnedCheckDialog)
    assert unnamed_controls(dialog) == []
    keys.enter(number)  # the receipt and what returning its check does
    previewed(keys, dialog)
    assert "Check 1042, routing 111000025: $60.00" in dialog.subject.text()
    assert "with an NSF fee of $25.00" in dialog.effect.text()
    assert "owes $0.00 → $85.00" in dialog.effect.text()  # the water bill again, and the fee
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Correction)) == 0  # only a preview
    keys.enter()  # the fee stays the office's
    keys.type("returned NSF, bank notice 4471")
    keys.ctrl_enter()
    your_pin(window, keys)
    keys.wait(lambda: window.console.dialog is None)

    with db.read() as s:
        row = s.scalars(select(Correction)).one()
        original = payment_entry(s, load_receipt(s, number)).id
    assert (row.kind, row.account, row.amount_cents, row.fee_cents, row.by, row.reason) == (
        "nsf", "1000002", 6000, 2500, "sam", "returned NSF, bank notice 4471")
    assert row.business_date == business_date(now())  # yesterday stays as it was signed
    entry, postings = entry_lines(db, "nsf")
    assert entry.reverses_id == original
    assert postings == sorted([("503-1210", 6000), ("100-1240", 2500), ("100-1090", -6000),
                               ("100-4910", -2500)])
    assert today_exceptions(db, "nsf") == [{
        "kind": "nsf", "receipt": number, "account": "1000002", "amount": "60.00",
        "fee": "25.00", "who": "sam", "reason": "returned NSF, bank notice 4471",
        "at": row.at.isoformat()}]
    assert f"Returned check posted: receipt {number}" in window.console.notice.text()


def test_a_refused_correction_says_why_and_writes_nothing(
        window: MainWindow, keys: Keyboard) -> None:
    db = window.counter.db
    number = closed_yesterday(db, "1000002", 6000, CashTender(6000))
    console(window, keys, rows=0)
    dialog = correction_dialog(window, keys, Key.Key_F2, ReturnedCheckDialog)
    keys.enter(number)
    previewed(keys, dialog)
    assert (f"Refused (correction): receipt {number} was not paid by check"
            in dialog.notice.text())
    assert f"Receipt {number}" in dialog.subject.text()  # still shown: what was refused
    keys.enter()
    keys.type("returned")
    keys.ctrl_enter()  # the ledger refuses again: no PIN is asked
    keys.wait(lambda: not window.counter.workers.busy and dialog.notice.is_refusal)
    assert dialog.approval is None
    keys.press(Key.Key_Escape)
    keys.wait(lambda: window.console.dialog is None)
    assert nothing_corrected(db)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(JournalEntry)
                        .where(JournalEntry.kind == "nsf")) == 0


def test_ctrl_enter_posts_only_what_the_screen_showed(
        window: MainWindow, keys: Keyboard) -> None:
    """A receipt changed after its preview is shown first; a blank reason is refused."""
    db = window.counter.db
    number = closed_yesterday(db, "1000002", 6000, CheckTender(6000, "1042", ROUTING))
    console(window, keys, rows=0)
    dialog = correction_dialog(window, keys, Key.Key_F2, ReturnedCheckDialog)
    keys.enter("T01-999999")
    previewed(keys, dialog)
    assert "Refused (unknown_receipt)" in dialog.notice.text()
    keys.press(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back to the receipt box
    keys.press(Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.type(number)
    keys.ctrl_enter()  # not what the screen showed: the preview, no PIN yet
    keys.wait(lambda: "Ctrl+Enter asks your PIN" in dialog.notice.text())
    assert dialog.approval is None and "$60.00" in dialog.subject.text()
    keys.ctrl_enter()  # confirmed, but without a reason
    keys.wait(lambda: "needs a reason" in dialog.notice.text())
    assert dialog.approval is None and nothing_corrected(db)


def test_a_misapplied_payment_is_transferred(window: MainWindow, keys: Keyboard) -> None:
    db = window.counter.db
    number = closed_yesterday(db, "1000002", 6000, CashTender(6000))
    console(window, keys, rows=0)
    dialog = correction_dialog(window, keys, Key.Key_F3, TransferDialog)
    assert unnamed_controls(dialog) == []
    keys.enter(number)
    keys.enter("1000001")
    previewed(keys, dialog)
    text = dialog.effect.text()
    assert "$60.00 moves from account 1000002 to account 1000001" in text
    assert "Account 1000002 JOHN MILLER: owes $0.00 → $60.00" in text
    assert "Account 1000001 ANA RUIZ: owes $155.10 → $95.10" in text
    keys.type("keyed the neighbour's account")
    keys.ctrl_enter()
    your_pin(window, keys)
    keys.wait(lambda: window.console.dialog is None)

    with db.read() as s:
        row = s.scalars(select(Correction)).one()
    assert (row.kind, row.account, row.to_account, row.amount_cents, row.approver) == (
        "transfer", "1000002", "1000001", 6000, "sam")
    _, postings = entry_lines(db, "transfer")  # water 45.10 then sewer 14.90 on 1000001
    assert postings == [("503-1210", 1490), ("504-1210", -1490)]
    [exception] = today_exceptions(db, "transfer")
    assert (exception["receipt"], exception["to_account"], exception["approver"]) == (
        number, "1000001", "sam")


def test_a_cash_refund_is_paid_by_the_drawer_s_cashier_and_approved_by_the_supervisor(
        window: MainWindow, keys: Keyboard) -> None:
    db = window.counter.db
    closed_yesterday(db, "1000002", 10000, CashTender(10000))  # 40.00 left as credit
    open_drawer(db, "D1", "ana", FLOAT)  # ana works D1 today
    open_drawer(db, "D3", "sam", FLOAT)  # and sam runs D3 himself
    console(window, keys, rows=2)
    dialog = correction_dialog(window, keys, Key.Key_F4, RefundDialog)
    assert unnamed_controls(dialog) == []
    keys.enter("1000002")
    keys.wait(lambda: "credit $40.00" in dialog.subject.text())
    keys.enter("30.00")
    previewed(keys, dialog)
    assert "sends a check to JOHN MILLER, 45 ELM AVE" in dialog.effect.text()  # by default
    keys.enter("moved out, final bill paid")  # Enter lands on how it is paid
    keys.press(Key.Key_Down)  # cash from D1, paid out by ana
    keys.wait(lambda: "ana pays $30.00 in cash from drawer D1" in dialog.effect.text())
    keys.press(Key.Key_Down)  # cash from sam's own drawer: refused (C8)
    keys.wait(lambda: "Refused (C8): sam cannot approve a refund paid from their own drawer"
              in dialog.notice.text())
    keys.press(Key.Key_Up)
    keys.wait(lambda: "ana pays $30.00" in dialog.effect.text() and not dialog.notice.is_refusal)
    keys.ctrl_enter()
    your_pin(window, keys)  # the supervisor approves
    your_pin(window, keys, "ana")  # the cashier signs for the cash she hands over
    keys.wait(lambda: window.console.dialog is None)

    with db.read() as s:
        row = s.scalars(select(Correction)).one()
        d1 = s.scalars(select(DrawerSession).where(DrawerSession.drawer == "D1",
                                                   DrawerSession.status == "open")).one()
        movement = s.scalars(select(CashMovement).where(CashMovement.kind == "refund")).one()
    assert (row.kind, row.by, row.approver, row.amount_cents, row.session_id) == (
        "refund", "ana", "sam", 3000, d1.id)
    assert (movement.session_id, movement.amount_cents) == (d1.id, 3000)
    _, postings = entry_lines(db, "refund")
    assert postings == [("100-1010", -3000), ("100-2100", 3000)]
    [exception] = today_exceptions(db, "refund")
    assert (exception["drawer"], exception["method"], exception["who"],
            exception["approver"]) == ("D1", "cash", "ana", "sam")
    assert "paid out of drawer D1 by ana" in window.console.notice.text()


def test_five_wrong_pins_at_a_correction_lock_the_supervisor_out(
        window: MainWindow, keys: Keyboard, qtbot: QtBot) -> None:
    db = window.counter.db
    closed_yesterday(db, "1000002", 10000, CashTender(10000))
    console(window, keys, rows=0)
    dialog = correction_dialog(window, keys, Key.Key_F4, RefundDialog)
    keys.enter("1000002")
    keys.enter("40.00")
    previewed(keys, dialog)
    keys.enter("moved out")
    keys.ctrl_enter()  # by check
    with qtbot.waitSignal(window.console.locked_out):
        for _ in range(5):
            your_pin(window, keys, "sam", "0000")
    keys.wait(lambda: window.console.dialog is None)  # closed, nothing half-done
    assert nothing_corrected(db)
    with db.read() as s:
        assert s.get_one(UserRow, "sam").locked


def test_the_corrections_in_us_spanish(window: MainWindow, keys: Keyboard) -> None:
    closed_yesterday(window.counter.db, "1000002", 10000, CashTender(10000))
    console(window, keys, rows=0)
    keys.press(Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    keys.wait(lambda: window.console.buttons["nsf"].text() == "Cheque devuelto (F2)")
    assert "F4 Reembolsar crédito" in window.console.keys.text()
    dialog = correction_dialog(window, keys, Key.Key_F4, RefundDialog)
    keys.enter("1000002")
    keys.enter("40.00")
    previewed(keys, dialog)
    assert "pasa a reembolsos por pagar" in dialog.effect.text()
    assert dialog.ok_button.text() == "Reembolsar (Ctrl+Enter)"
    keys.press(Key.Key_Escape)
    keys.wait(lambda: window.console.dialog is None)
