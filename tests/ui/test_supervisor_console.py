"""The supervisor's end of day from the console: approve each close, the deposit made by two
supervisors (C11), the Daily Cash Report, closing the day (C12). The cashiers' shifts are set
up through the ledger; everything the supervisor does is keyboard only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from cashier.ledger.database import Database
from cashier.ledger.deposit import make_deposit
from cashier.ledger.models import BusinessDay, Deposit, DrawerSession
from cashier.ledger.payments import post_payment
from cashier.ledger.sessions import CloseCount, approve_close, close_drawer, open_drawer
from cashier.ledger.values import (
    AccountPayment,
    CashTender,
    CheckTender,
    ItemSale,
    Payment,
    business_date,
    now,
)
from cashier.ui.main_window import MainWindow
from cashier.ui.supervisor_dialogs import (
    ApproveCloseDialog,
    CloseDayDialog,
    DailyReportDialog,
    DepositDialog,
)
from tests.ui.conftest import Keyboard
from tests.ui.flows import FLOAT
from tests.ui.flows import open_drawer as count_float
from tests.ui.test_drawer_actions import approve
from tests.ui.test_look_and_access import unnamed_controls

Key = Qt.Key
Mod = Qt.KeyboardModifier
DAY_CASH = {"20.00": 13}  # the 200.00 float and a 60.00 cash payment
SHORT_CASH = {"20.00": 12, "10.00": 1, "5.00": 1, "1.00": 4}  # 259.00: a dollar short


def worked_shift(db: Database, cashier: str, drawer: str,
                 cash: dict[str, int] | None = DAY_CASH) -> None:
    """A shift: one cash and one check payment; closed on ``cash`` (None: left open)."""
    open_drawer(db, drawer, cashier, FLOAT)
    post_payment(db, Payment(drawer, cashier, (AccountPayment("1000002", 6000),),
                             (CashTender(6000),)))
    post_payment(db, Payment(drawer, cashier, (ItemSale("DOGA"),),
                             (CheckTender(2000, "1042", "111000025"),)))
    if cash is not None:
        close_drawer(db, drawer, cashier, CloseCount(cash=cash, checks=(("1042", 2000),)))


def cell(window: MainWindow, row: int, column: int) -> str:
    item = window.console.table.item(row, column)
    return item.text() if item else ""


def console(window: MainWindow, keys: Keyboard, user: str = "sam", rows: int = 1) -> None:
    keys.sign_in(user)
    keys.wait(lambda: window.stack.currentWidget() is window.console)
    keys.wait(lambda: window.console.table.rowCount() == rows)


def open_step(window: MainWindow, keys: Keyboard, key: Qt.Key, kind: type) -> object:
    keys.press(key)
    keys.wait(lambda: isinstance(window.console.dialog, kind))
    return window.console.dialog


def type_path(keys: Keyboard, path: Path) -> None:
    keys.press(Key.Key_A, Mod.ControlModifier)
    keys.type(str(path))


def test_supervisor_approves_a_shortage_with_a_note(window: MainWindow, keys: Keyboard) -> None:
    db = window.counter.db
    worked_shift(db, "ana", "D1", SHORT_CASH)
    console(window, keys)
    assert [cell(window, 0, c) for c in range(4)] == [
        "D1", "ana", "closed, waiting for approval", "-1.00"]
    dialog = open_step(window, keys, Key.Key_F6, ApproveCloseDialog)
    assert isinstance(dialog, ApproveCloseDialog)
    keys.ctrl_enter()  # no note on a shortage: refused
    assert "Refused (C3)" in dialog.notice.text() and "note" in dialog.notice.text()
    keys.type("a dollar short, counseled")
    keys.ctrl_enter()
    keys.wait(lambda: window.console.dialog is None)
    with db.read() as s:
        row = s.scalars(select(DrawerSession)).one()
    assert (row.approved_by, row.approval_note) == ("sam", "a dollar short, counseled")
    keys.wait(lambda: cell(window, 0, 7) == "sam")
    assert cell(window, 0, 2) == "closed"


def test_a_supervisor_cannot_approve_their_own_close(window: MainWindow, keys: Keyboard) -> None:
    db = window.counter.db
    worked_shift(db, "ana", "D1")
    worked_shift(db, "sam", "D3")
    console(window, keys, rows=2)
    keys.press(Key.Key_Down)  # sam's own session
    open_step(window, keys, Key.Key_F6, ApproveCloseDialog)
    keys.ctrl_enter()
    dialog = window.console.dialog
    assert isinstance(dialog, ApproveCloseDialog)
    assert "Refused (C3): sam cannot approve their own drawer close" in dialog.notice.text()
    with db.read() as s:
        assert [r.approved_by for r in s.scalars(select(DrawerSession))] == [None, None]


def test_deposit_by_two_supervisors_then_the_slip_and_the_report_pdf(
        window: MainWindow, keys: Keyboard, tmp_path: Path) -> None:
    db = window.counter.db
    worked_shift(db, "ana", "D1")
    approve_close(db, "D1", "lee")
    console(window, keys)
    assert unnamed_controls(window) == []
    dialog = open_step(window, keys, Key.Key_F7, DepositDialog)
    assert isinstance(dialog, DepositDialog)
    keys.wait(lambda: "Total $80.00" in dialog.preview.text())  # 60.00 cash, 20.00 check
    assert unnamed_controls(dialog) == []
    keys.enter("B-5521")  # the bag; Enter goes to the slip's file
    slip = tmp_path / "slips" / "slip.pdf"
    type_path(keys, slip)
    keys.ctrl_enter()
    approve(keys, "sam")  # the preparer cannot verify (C11)
    keys.wait(lambda: "Refused (C3)" in dialog.notice.text())
    keys.ctrl_enter()
    approve(keys, "lee")
    keys.wait(lambda: "Slip saved" in dialog.notice.text(), timeout=10_000)
    assert slip.read_bytes().startswith(b"%PDF")
    with db.read() as s:
        deposit = s.scalars(select(Deposit)).one()
    assert (deposit.bag, deposit.prepared_by, deposit.verified_by, deposit.cash_cents,
            deposit.checks_cents) == ("B-5521", "sam", "lee", 6000, 2000)
    keys.press(Key.Key_Escape)
    keys.wait(lambda: window.console.dialog is None)

    report = open_step(window, keys, Key.Key_F8, DailyReportDialog)
    assert isinstance(report, DailyReportDialog)
    keys.wait(lambda: report.checks.rowCount() > 0)
    results = {report.checks.item(r, 3).text() for r in range(report.checks.rowCount())}
    assert results == {"PASS"}
    assert "bag B-5521" in report.totals.text()
    pdf = tmp_path / "dcr.pdf"
    type_path(keys, pdf)
    keys.ctrl_enter()
    keys.wait(lambda: "Report saved" in report.notice.text(), timeout=10_000)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_supervisor_closes_the_business_day(window: MainWindow, keys: Keyboard) -> None:
    db = window.counter.db
    worked_shift(db, "ana", "D1")
    approve_close(db, "D1", "lee")
    make_deposit(db, business_date(now()), "lee", "sam", "B-1")
    console(window, keys)
    open_step(window, keys, Key.Key_F9, CloseDayDialog)
    keys.ctrl_enter()
    keys.wait(lambda: window.console.dialog is None)
    with db.read() as s:
        closed = s.scalars(select(BusinessDay)).one()
    assert closed.closed_by == "sam"
    keys.wait(lambda: window.console.day_state.text() == "Day closed")


def test_a_day_with_a_drawer_still_open_cannot_close(window: MainWindow, keys: Keyboard) -> None:
    db = window.counter.db
    worked_shift(db, "ana", "D1", cash=None)
    console(window, keys)
    assert cell(window, 0, 2) == "open"
    deposit = open_step(window, keys, Key.Key_F7, DepositDialog)
    assert isinstance(deposit, DepositDialog)
    keys.wait(lambda: "Refused (C11)" in deposit.notice.text())
    assert "D1 (ana, open)" in deposit.notice.text()
    keys.press(Key.Key_Escape)
    keys.wait(lambda: window.console.dialog is None)
    dialog = open_step(window, keys, Key.Key_F9, CloseDayDialog)
    assert isinstance(dialog, CloseDayDialog)
    keys.ctrl_enter()
    assert "cannot close: drawers not balanced: D1 (ana, open)" in dialog.notice.text()
    assert dialog.notice.text().startswith("Refused (")
    with db.read() as s:
        assert s.scalars(select(BusinessDay)).all() == []


def test_a_supervisor_moves_between_the_console_and_a_drawer(
        window: MainWindow, keys: Keyboard) -> None:
    console(window, keys, rows=0)  # nobody has worked yet
    keys.press(Key.Key_F10)  # drawer work: sam runs a drawer too (small office)
    count_float(window, keys)
    keys.wait(lambda: window.stack.currentWidget() is window.payment)
    keys.press(Key.Key_S, Mod.ControlModifier | Mod.ShiftModifier)
    keys.wait(lambda: window.stack.currentWidget() is window.console)
    keys.wait(lambda: window.console.table.rowCount() == 1)
    assert cell(window, 0, 1) == "sam"
    keys.press(Key.Key_F10)
    keys.wait(lambda: window.stack.currentWidget() is window.payment)


def test_a_cashier_has_no_console(window: MainWindow, keys: Keyboard) -> None:
    keys.sign_in("ana")
    keys.wait(lambda: window.stack.currentWidget() is window.open_drawer)
    assert not window.console_action.isEnabled()
    keys.press(Key.Key_S, Mod.ControlModifier | Mod.ShiftModifier)
    assert window.stack.currentWidget() is window.open_drawer
