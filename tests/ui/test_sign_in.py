"""Signing in, lockout (C14), the idle lock and switching user without losing the sale."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cashier.ledger.reference.users import get_user
from cashier.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard
from tests.ui.flows import find_account, start_shift

Key = Qt.Key


def test_five_wrong_pins_lock_the_user(window: MainWindow, keys: Keyboard) -> None:
    keys.enter("ana")
    for _ in range(4):
        keys.enter("0000")
        assert "Refused (C14)" in window.sign_in.notice.text()
    keys.enter("0000")
    assert "locked" in window.sign_in.notice.text()
    keys.enter("482193")  # the right PIN no longer helps
    assert "locked out" in window.sign_in.notice.text()
    assert get_user(window.counter.db, "ana").locked
    assert window.stack.currentWidget() is window.sign_in


def test_idle_terminal_locks_and_another_user_cannot_see_the_sale(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    window.idle.timer.setInterval(50)  # the configured idle time, shortened for the test
    window.idle.arm()
    keys.wait(lambda: window.stack.currentWidget() is window.sign_in)
    assert window.sign_in.title.text() == "Locked: ana"
    assert window.counter.user is None
    keys.press(Key.Key_U, Qt.KeyboardModifier.AltModifier)  # the user id box (&User id)
    keys.press(Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.sign_in("raj")  # raj switches in: his own (empty) sale, no drawer here
    keys.wait(lambda: window.stack.currentWidget() is window.open_drawer)
    assert window.payment.sale.empty
    keys.press(Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    keys.wait(lambda: window.stack.currentWidget() is window.sign_in)
    keys.press(Key.Key_U, Qt.KeyboardModifier.AltModifier)
    keys.press(Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.sign_in("ana")
    keys.wait(lambda: window.stack.currentWidget() is window.payment)
    assert [line.amount for line in window.payment.sale.lines] == [6000]  # as she left it


def test_idle_lock_closes_an_open_drawer_dialog(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    keys.press(Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    keys.wait(lambda: window.drawer_actions.dialog is not None)
    window.idle.timer.setInterval(50)
    window.idle.arm()
    keys.wait(lambda: window.stack.currentWidget() is window.sign_in)
    assert window.drawer_actions.dialog is None
