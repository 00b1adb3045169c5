"""Voids, no-sales, drops, paid-outs and the blind close, from the Drawer menu's keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from cashier.ledger.receipts.records import get_receipt
from cashier.ledger.store.models import AuditEvent, CashMovement, DrawerSession
from cashier.ui.drawer.close_dialog import CloseDialog
from cashier.ui.main_window import MainWindow
from cashier.ui.widgets.form_dialog import FormDialog
from tests.conftest import PINS
from tests.ui.conftest import Keyboard
from tests.ui.flows import cash_payment, count_cash, start_shift

Key = Qt.Key
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def drawer_key(keys: Keyboard, key: Qt.Key) -> None:
    keys.press(key, CTRL_SHIFT)


def approve(keys: Keyboard, user: str, note: str | None = None) -> None:
    """The second person types their id and PIN (and a note, where asked) and approves."""
    keys.enter(user)
    keys.enter(PINS[user])
    if note is not None:
        keys.enter(note)


def test_void_needs_a_supervisor_other_than_the_cashier(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    number = cash_payment(window, keys, "1000002", "60.00", "60.00")
    drawer_key(keys, Key.Key_V)
    keys.wait(lambda: window.drawer_actions.dialog is not None)
    keys.enter()  # the newest receipt is selected: Enter goes to the reason
    keys.type("wrong account")
    keys.ctrl_enter()
    approve(keys, "ana")  # the cashier cannot approve her own void (C3)
    dialog = window.drawer_actions.dialog
    assert isinstance(dialog, FormDialog)
    keys.wait(lambda: "Refused (C3)" in dialog.notice.text())
    assert get_receipt(window.counter.db, number).status == "completed"
    keys.ctrl_enter()
    approve(keys, "sam")
    keys.wait(lambda: window.drawer_actions.dialog is None)
    receipt = get_receipt(window.counter.db, number)
    assert (receipt.status, receipt.void_approver, receipt.void_reason) == (
        "void", "sam", "wrong account")
    keys.wait(lambda: "printed" in window.status.trouble.text())


def test_no_sale_is_logged_with_its_reason_and_kicks_the_drawer(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    drawer_key(keys, Key.Key_O)
    keys.wait(lambda: window.drawer_actions.dialog is not None)
    keys.ctrl_enter()  # no reason: refused (C9)
    dialog = window.drawer_actions.dialog
    assert isinstance(dialog, FormDialog) and "C9" in dialog.notice.text()
    keys.type("make change")
    keys.ctrl_enter()
    keys.wait(lambda: window.drawer_actions.dialog is None)
    keys.wait(lambda: len(events(window)) == 2)  # the kick runs on a worker
    assert events(window) == [("no_sale", "ana", '{"reason":"make change"}'),
                              ("drawer_kick", "ana", '{"error":"","ok":true,'
                                                     '"reason":"no sale: make change"}')]


def events(window: MainWindow) -> list[tuple[str, str, str]]:
    with window.counter.db.read() as s:
        return [(e.kind, e.actor, e.detail) for e in s.scalars(select(AuditEvent).where(
            AuditEvent.kind.in_(["no_sale", "drawer_kick"])).order_by(AuditEvent.seq))]


def test_drop_is_counted_and_witnessed(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    drawer_key(keys, Key.Key_D)
    keys.wait(lambda: window.drawer_actions.dialog is not None)
    count_cash(window, keys, {"20.00": 3}, ["100.00", "50.00", "20.00"])
    keys.ctrl_enter()
    approve(keys, "raj")
    keys.wait(lambda: window.drawer_actions.dialog is None)
    with window.counter.db.read() as s:
        move = s.scalars(select(CashMovement)).one()
    assert (move.kind, move.amount_cents, move.second_user) == ("drop", 6000, "raj")


def test_paid_out_is_approved_by_a_supervisor(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    drawer_key(keys, Key.Key_P)
    keys.wait(lambda: window.drawer_actions.dialog is not None)
    keys.enter("12.00")
    keys.press(Key.Key_Tab)  # the GL account list keeps its first account
    keys.type("postage due")
    keys.ctrl_enter()
    approve(keys, "lee")
    keys.wait(lambda: window.drawer_actions.dialog is None)
    with window.counter.db.read() as s:
        move = s.scalars(select(CashMovement)).one()
    assert (move.kind, move.amount_cents, move.second_user, move.reason) == (
        "paid_out", 1200, "lee", "postage due")


def test_blind_close_with_a_shortage_needs_a_supervisor_note(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    cash_payment(window, keys, "1000002", "45.10", "50.00")  # expected cash 245.10
    drawer_key(keys, Key.Key_C)
    keys.wait(lambda: isinstance(window.drawer_actions.dialog, CloseDialog))
    dialog = window.drawer_actions.dialog
    assert isinstance(dialog, CloseDialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "245.10" not in shown  # blind: nothing expected on screen before the count (C6)
    count_cash(window, keys, {"20.00": 12, "5.00": 1}, list(dialog.grid.boxes))  # 245.00
    keys.ctrl_enter()
    keys.wait(lambda: dialog.pages.currentIndex() == 1)
    cells = [[cell.text() if (cell := dialog.outcome.item(r, c)) else "" for c in range(3)]
             for r in range(4)]
    assert cells[0] == ["245.00", "245.10", "-0.10"]
    keys.ctrl_enter()
    approve(keys, "sam", "")  # no note on a shortage: refused (C7)
    keys.wait(lambda: "note" in dialog.notice.text())
    keys.ctrl_enter()
    approve(keys, "sam", "counted twice, 10 cents short")
    keys.wait(lambda: window.drawer_actions.dialog is None)
    with window.counter.db.read() as s:
        row = s.scalars(select(DrawerSession)).one()
    assert (row.status, row.counted_cash_cents, row.expected_cash_cents, row.approved_by) == (
        "closed", 24500, 24510, "sam")
    keys.wait(lambda: window.stack.currentWidget() is window.open_drawer)
