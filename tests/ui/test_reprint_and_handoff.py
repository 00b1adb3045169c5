"""Reprints marked COPY and logged (C10); the relief handoff both cashiers sign (C4)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from cashier.devices.printer.escpos_bytes import decode_job
from cashier.devices.printer.receipt_printer import SimulatedPrinter
from cashier.ledger.store.models import AuditEvent, DrawerSession, JournalEntry
from cashier.ui.drawer.close_dialog import CloseDialog
from cashier.ui.drawer.dialogs import ReprintDialog
from cashier.ui.drawer.handoff_dialog import HandoffDialog
from cashier.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard
from tests.ui.flows import cash_payment, count_cash, find_account, start_shift
from tests.ui.test_drawer_actions import approve, drawer_key
from tests.ui.test_look_and_access import unnamed_controls

Key = Qt.Key


def printed_lines(window: MainWindow) -> list[str]:
    printer = window.counter.devices.printer
    assert isinstance(printer, SimulatedPrinter)
    return list(decode_job(printer.output).lines)


def test_a_reprint_is_logged_and_printed_marked_copy(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    number = cash_payment(window, keys, "1000002", "60.00", "60.00")
    keys.wait(lambda: "printed" in window.status.trouble.text())
    assert not any("COPY" in line for line in printed_lines(window))
    drawer_key(keys, Key.Key_R)
    keys.wait(lambda: isinstance(window.drawer_actions.dialog, ReprintDialog))
    keys.enter()  # the newest receipt is selected: Enter reprints it
    keys.wait(lambda: window.drawer_actions.dialog is None)
    with window.counter.db.read() as s:
        logged = [(e.kind, e.actor, e.subject) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.kind == "reprint"))]
    assert logged == [("reprint", "ana", f"receipt:{number}")]
    keys.wait(lambda: any("COPY" in line for line in printed_lines(window)))
    lines = printed_lines(window)
    assert sum(number in line for line in lines) >= 2  # the original and the copy
    assert any("City customer service office" in line for line in lines)  # office header


def sessions(window: MainWindow) -> list[tuple[str, str, str, str | None, int]]:
    with window.counter.db.read() as s:
        return [(r.drawer, r.cashier, r.status, r.handed_to, r.opening_cents)
                for r in s.scalars(select(DrawerSession).order_by(DrawerSession.id))]


def entry_kinds(window: MainWindow) -> list[str]:
    with window.counter.db.read() as s:
        return list(s.scalars(select(JournalEntry.kind).order_by(JournalEntry.id)))


def test_relief_handoff_signed_by_both_goes_on_as_the_relief_cashier(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    cash_payment(window, keys, "1000002", "45.10", "50.00")  # expected cash 245.10
    before = entry_kinds(window)
    drawer_key(keys, Key.Key_H)
    keys.wait(lambda: isinstance(window.drawer_actions.dialog, HandoffDialog))
    dialog = window.drawer_actions.dialog
    assert isinstance(dialog, HandoffDialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "245.10" not in shown  # blind: nothing expected on screen before the count (C6)
    assert unnamed_controls(dialog) == []
    count_cash(window, keys, {"20.00": 12, "5.00": 1}, list(dialog.grid.boxes))  # 245.00
    keys.ctrl_enter()
    assert dialog.approval is not None and unnamed_controls(dialog.approval) == []
    approve(keys, "ana")  # the outgoing cashier cannot sign as her own relief
    keys.wait(lambda: "Refused (C4): ana cannot hand drawer D1 to themselves"
              in dialog.notice.text())
    assert sessions(window) == [("D1", "ana", "open", None, 20000)]
    keys.ctrl_enter()
    approve(keys, "raj")
    keys.wait(lambda: dialog.pages.currentIndex() == 1)
    cells = [[cell.text() if (cell := dialog.outcome.item(r, c)) else "" for c in range(3)]
             for r in range(4)]
    assert cells[0] == ["245.00", "245.10", "-0.10"]  # shown only now, after both signed
    keys.ctrl_enter()  # continue as raj
    keys.wait(lambda: window.stack.currentWidget() is window.payment)
    assert window.counter.user is not None and window.counter.user.id == "raj"
    assert window.counter.drawer == "D1"
    assert window.status.cashier.text().endswith("(raj)")
    assert sessions(window) == [("D1", "ana", "handed_off", "raj", 20000),
                                ("D1", "raj", "open", None, 24500)]
    assert entry_kinds(window) == [*before, "over_short"]  # the GL moves only for the 0.10


def test_no_handoff_while_a_sale_is_in_progress(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    drawer_key(keys, Key.Key_H)
    assert window.drawer_actions.dialog is None
    assert "Ctrl+N" in window.payment.notice.text()
    assert len(window.payment.sale.lines) == 1


def test_after_a_handoff_the_close_dialog_approves_the_relief_session_it_counted(
        window: MainWindow, keys: Keyboard) -> None:
    """Issue #19 item 1: ana hands over an exact drawer; raj closes it 0.10 short and a
    supervisor approves in the close dialog. Raj's session is approved, not ana's handoff
    (the oldest waiting on D1), which still waits for its own approval."""
    start_shift(window, keys)
    cash_payment(window, keys, "1000002", "45.10", "50.00")  # expected cash 245.10
    drawer_key(keys, Key.Key_H)
    keys.wait(lambda: isinstance(window.drawer_actions.dialog, HandoffDialog))
    handing = window.drawer_actions.dialog
    assert isinstance(handing, HandoffDialog)
    exact = {"20.00": 12, "5.00": 1, "0.10": 1}  # 245.10
    count_cash(window, keys, exact, list(handing.grid.boxes))
    keys.ctrl_enter()
    approve(keys, "raj")
    keys.wait(lambda: handing.pages.currentIndex() == 1)
    keys.ctrl_enter()  # continue as raj
    keys.wait(lambda: window.stack.currentWidget() is window.payment)
    drawer_key(keys, Key.Key_C)
    keys.wait(lambda: isinstance(window.drawer_actions.dialog, CloseDialog))
    closing = window.drawer_actions.dialog
    assert isinstance(closing, CloseDialog)
    count_cash(window, keys, {"20.00": 12, "5.00": 1}, list(closing.grid.boxes))  # 245.00
    keys.ctrl_enter()
    keys.wait(lambda: closing.pages.currentIndex() == 1)
    keys.ctrl_enter()
    approve(keys, "sam", "raj 10 cents short, counted twice")
    keys.wait(lambda: window.drawer_actions.dialog is None)
    with window.counter.db.read() as s:
        rows = [(r.cashier, r.status, (r.counted_cash_cents or 0) - (r.expected_cash_cents or 0),
                 r.approved_by, r.approval_note)
                for r in s.scalars(select(DrawerSession).order_by(DrawerSession.id))]
    assert rows == [("ana", "handed_off", 0, None, None),
                    ("raj", "closed", -10, "sam", "raj 10 cents short, counted twice")]
