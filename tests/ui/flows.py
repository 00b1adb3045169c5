"""Steps a cashier repeats in many tests, each done with the keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from cashier.ledger.store.models import Receipt
from cashier.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard

Key = Qt.Key
Mod = Qt.KeyboardModifier
FLOAT = {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 20}  # 200.00, the assigned float


def count_cash(window: MainWindow, keys: Keyboard, counts: dict[str, int],
               boxes: list[str]) -> None:
    """Type a count into a denomination grid: Enter walks down the denominations."""
    for key in boxes:
        keys.enter(str(counts[key]) if key in counts else "")


def open_drawer(window: MainWindow, keys: Keyboard, counts: dict[str, int] = FLOAT) -> None:
    keys.wait(lambda: window.stack.currentWidget() is window.open_drawer)
    count_cash(window, keys, counts, list(window.open_drawer.grid.boxes))
    keys.ctrl_enter()


def start_shift(window: MainWindow, keys: Keyboard, user: str = "ana") -> None:
    keys.sign_in(user)
    open_drawer(window, keys)
    keys.wait(lambda: window.stack.currentWidget() is window.payment)


def find_account(window: MainWindow, keys: Keyboard, text: str, amount: str = "") -> None:
    """F2, type, Enter on the first match; then the amount to pay (or the balance due)."""
    keys.press(Key.Key_F2)
    keys.type(text)
    keys.wait(lambda: window.payment.lookup.results.count() >= 1)
    keys.enter()
    keys.wait(lambda: window.payment.account.amount.isEnabled()
              and window.payment.account.amount.hasFocus())
    if amount:
        keys.press(Key.Key_A, Mod.ControlModifier)
        keys.type(amount)
    keys.enter()


def cash_payment(window: MainWindow, keys: Keyboard, account: str, amount: str,
                 cash: str) -> str:
    """A one-line cash payment; returns the receipt number."""
    find_account(window, keys, account, amount)
    keys.type(cash)
    keys.press(Key.Key_F5)
    keys.press(Key.Key_F12)
    keys.wait(lambda: window.payment.last_receipt is not None)
    assert window.payment.last_receipt is not None
    return window.payment.last_receipt.number


def receipt_numbers(window: MainWindow) -> list[str]:
    with window.counter.db.read() as s:
        return list(s.scalars(select(Receipt.number).order_by(Receipt.id)))
