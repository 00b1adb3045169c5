"""The supervisor's end of day from the console: approve each close, the deposit made by two
supervisors (C11), the Daily Cash Report, closing the day (C12). The cashiers' shifts are set
up through the ledger; everything the supervisor does is keyboard only."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from cashier.cli.main import main
from cashier.ledger.database import Database
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer.sessions import CloseCount, close_drawer, open_drawer
from cashier.ledger.journal.export import export_day
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.rules.values import (
    AccountPayment,
    CashTender,
    CheckTender,
    ItemSale,
    Payment,
    business_date,
    now,
)
from cashier.ledger.store.models import (
    AuditEvent,
    BusinessDay,
    Deposit,
    DrawerSession,
    Operation,
    User,
)
from cashier.ui.main_window import MainWindow
from cashier.ui.supervisor.dialogs import (
    ApproveCloseDialog,
    CloseDayDialog,
    DailyReportDialog,
    DepositDialog,
)
from tests.conftest import PINS, approve_waiting
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


def console_pin(window: MainWindow, keys: Keyboard, pin: str = PINS["sam"]) -> None:
    """Ctrl+Shift+S asks the signed-in supervisor's PIN again; only the PIN is typed."""
    keys.wait(lambda: window.console_pin is not None and window.console_pin.isVisible())
    keys.enter(pin)


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
    assert [cell(window, 0, c) for c in (0, 1, 3, 4)] == [
        "D1", "ana", "closed, waiting for approval", "-1.00"]
    dialog = open_step(window, keys, Key.Key_F6, ApproveCloseDialog)
    assert isinstance(dialog, ApproveCloseDialog)
    assert dialog.approver.text() == "Sam (sam)"  # named on the form: who approves
    keys.ctrl_enter()  # no note on a shortage: refused
    assert "Refused (C7)" in dialog.notice.text() and "note" in dialog.notice.text()
    keys.type("a dollar short, counseled")
    keys.ctrl_enter()
    keys.wait(lambda: window.console.dialog is None)
    with db.read() as s:
        row = s.scalars(select(DrawerSession)).one()
    assert (row.approved_by, row.approval_note) == ("sam", "a dollar short, counseled")
    keys.wait(lambda: cell(window, 0, 8) == "sam")
    assert cell(window, 0, 3) == "closed"


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
    assert "Refused (C7): sam cannot approve their own drawer close" in dialog.notice.text()
    with db.read() as s:
        assert [r.approved_by for r in s.scalars(select(DrawerSession))] == [None, None]


def test_deposit_by_two_supervisors_then_the_slip_and_the_report_pdf(
        window: MainWindow, keys: Keyboard, tmp_path: Path) -> None:
    db = window.counter.db
    worked_shift(db, "ana", "D1")
    approve_waiting(db, "D1", "lee")
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
    keys.wait(lambda: "Refused (C11): sam cannot verify a deposit they prepared"
              in dialog.notice.text())
    keys.ctrl_enter()
    approve(keys, "lee")
    keys.wait(lambda: "Slip saved" in dialog.notice.text(), timeout=10_000)
    assert (dialog.preparer.text(), dialog.verifier.text()) == ("Sam (sam)", "Lee (lee)")
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
    results = {cell.text() for r in range(report.checks.rowCount())
               if (cell := report.checks.item(r, 3)) is not None}
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
    approve_waiting(db, "D1", "lee")
    make_deposit(db, business_date(now()), "lee", "sam", "B-1")
    console(window, keys)
    dialog = open_step(window, keys, Key.Key_F9, CloseDayDialog)
    assert isinstance(dialog, CloseDayDialog) and dialog.closer.text() == "Sam (sam)"
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
    assert cell(window, 0, 3) == "open"
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
    console_pin(window, keys)
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


def test_the_console_asks_the_supervisor_pin_again_before_it_opens(
        window: MainWindow, keys: Keyboard) -> None:
    console(window, keys, rows=0)  # straight from signing in: the PIN was just typed
    keys.press(Key.Key_F10)
    count_float(window, keys)
    keys.wait(lambda: window.stack.currentWidget() is window.payment)
    keys.press(Key.Key_S, Mod.ControlModifier | Mod.ShiftModifier)
    console_pin(window, keys, "0000")  # someone else at sam's drawer screen
    pin = window.console_pin
    assert pin is not None and pin.user_box.text() == "sam" and pin.user_box.isReadOnly()
    keys.wait(lambda: "Refused (C14): wrong PIN for sam" in pin.notice.text())
    assert window.stack.currentWidget() is window.payment
    keys.press(Key.Key_Escape)  # back to the drawer work, the keyboard where it was
    keys.wait(lambda: window.console_pin is None)
    assert window.stack.currentWidget() is window.payment
    keys.press(Key.Key_S, Mod.ControlModifier | Mod.ShiftModifier)
    console_pin(window, keys)
    keys.wait(lambda: window.stack.currentWidget() is window.console)
    with window.counter.db.read() as s:
        kinds = list(s.scalars(select(AuditEvent.kind).where(AuditEvent.actor == "sam")
                               .order_by(AuditEvent.seq)))
    assert kinds[-2:] == ["sign_in_failed", "sign_in"]


def test_five_wrong_pins_at_the_console_lock_the_supervisor_out(
        window: MainWindow, keys: Keyboard) -> None:
    console(window, keys, rows=0)
    keys.press(Key.Key_F10)
    count_float(window, keys)
    keys.wait(lambda: window.stack.currentWidget() is window.payment)
    keys.press(Key.Key_S, Mod.ControlModifier | Mod.ShiftModifier)
    for _ in range(5):
        console_pin(window, keys, "0000")
    keys.wait(lambda: window.stack.currentWidget() is window.sign_in)  # C14: screen locked
    assert window.counter.user is None
    with window.counter.db.read() as s:
        assert s.get_one(User, "sam").locked


def shift_start() -> dt.datetime:
    """Now, or 23:00 today when later: a ten-minute shift must end on the day it began."""
    at = now()
    return min(at, at.replace(hour=23, minute=0, second=0, microsecond=0))


def shift_on(db: Database, at: dt.datetime, cash: dict[str, int] = DAY_CASH) -> None:
    """ana works D1 for ten minutes from ``at`` and closes it; nobody approves it yet."""
    open_drawer(db, "D1", "ana", FLOAT, at=at)
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 6000),),
                             (CashTender(6000),), at + dt.timedelta(minutes=1)))
    close_drawer(db, "D1", "ana", CloseCount(cash=cash), at=at + dt.timedelta(minutes=10))


def waiting_sessions(db: Database) -> list[tuple[str, str | None]]:
    with db.read() as s:
        return [(row.business_date.isoformat(), row.approved_by)
                for row in s.scalars(select(DrawerSession).order_by(DrawerSession.opened_at))]


def opened_on(db: Database, day: str) -> str:
    with db.read() as s:
        row = s.scalars(select(DrawerSession).where(
            DrawerSession.business_date == dt.date.fromisoformat(day))).one()
        return row.opened_at.isoformat()


def test_approving_today_s_close_leaves_an_earlier_day_s_session_waiting(
        window: MainWindow, keys: Keyboard, tmp_path: Path) -> None:
    """D1's session of yesterday still waits; the supervisor selects today's row and exactly
    that session is approved, here and in a database rebuilt from the journal."""
    db = window.counter.db
    today = shift_start()
    yesterday = today - dt.timedelta(days=1)
    shift_on(db, yesterday, SHORT_CASH)  # a dollar short: the older one needs a note
    shift_on(db, today)
    console(window, keys)  # today's business date: one row, D1 of today
    assert cell(window, 0, 2) == today.strftime("%H:%M")
    dialog = open_step(window, keys, Key.Key_F6, ApproveCloseDialog)
    assert isinstance(dialog, ApproveCloseDialog)
    assert today.strftime("opened %Y-%m-%d %H:%M") in dialog.heading.text()
    keys.ctrl_enter()  # balanced: no note needed (the old rule would pick yesterday's, short)
    keys.wait(lambda: window.console.dialog is None)
    days = [business_date(yesterday).isoformat(), business_date(today).isoformat()]
    assert waiting_sessions(db) == [(days[0], None), (days[1], "sam")]
    with db.read() as s:
        line = json.loads(s.scalars(select(Operation.body)
                                    .where(Operation.op == "approve_close")).one())
    assert line["opened"] == opened_on(db, days[1])  # the journal names that session

    # The journal of both days, replayed into an empty database: the same session approved.
    journal = tmp_path / "two-days.jsonl"
    first = list(export_day(db, business_date(yesterday)))
    second = [text for text in export_day(db, business_date(today)) if '"uuid"' in text]
    journal.write_text("".join(text + "\n" for text in first + second), encoding="utf-8")
    replay_file(journal, tmp_path / "rebuilt.sqlite3")
    with Database.open(tmp_path / "rebuilt.sqlite3") as rebuilt:
        assert waiting_sessions(rebuilt) == waiting_sessions(db)


def test_the_command_line_approves_a_session_by_its_opening_time(
        office: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """``cashier drawer approve --opened`` or ``--session`` is the console's selection from a
    shell; naming no session is refused."""
    today = shift_start()
    yesterday = today - dt.timedelta(days=1)
    shift_on(office, yesterday)
    shift_on(office, today)
    lines: list[str] = []

    def approve_by_cli(*more: str) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(PINS["sam"] + "\n"))
        return main(["--db", str(db_path), "drawer", "approve", "D1", "--user", "sam", *more],
                     out=lines.append)

    assert approve_by_cli("--opened", today.replace(tzinfo=None).isoformat()) == 2  # no offset
    assert approve_by_cli("--opened", today.isoformat()) == 0
    days = [business_date(yesterday).isoformat(), business_date(today).isoformat()]
    assert waiting_sessions(office) == [(days[0], None), (days[1], "sam")]
    assert approve_by_cli("--opened", today.isoformat()) == 2  # approved already: none waits
    # No selector is refused, naming the sessions that wait (issue #19: never a guess).
    with office.read() as s:
        older = s.scalars(select(DrawerSession).where(
            DrawerSession.business_date == dt.date.fromisoformat(days[0]))).one().id
    capsys.readouterr()
    assert approve_by_cli() == 2
    assert f"drawer approve needs the session it approves: --session {older} (ana, opened " \
        in capsys.readouterr().err
    assert waiting_sessions(office) == [(days[0], None), (days[1], "sam")]
    assert approve_by_cli("--session", "x1") == 2
    assert approve_by_cli("--session", str(older)) == 0
    assert waiting_sessions(office) == [(days[0], "sam"), (days[1], "sam")]
