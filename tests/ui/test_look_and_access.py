"""Accessible names on every control, and English/Spanish switched while the program runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QMenuBar,
    QWidget,
)

from cashier.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard
from tests.ui.flows import find_account, start_shift

Key = Qt.Key
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls a person can reach that have no accessible name."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.accessibleName():
            continue
        if widget.window().windowType() == Qt.WindowType.Popup:
            continue
        parent = widget.parentWidget()
        grandparent = parent.parentWidget() if parent else None
        if isinstance(parent, (*CONTROLS, QMenuBar)) or isinstance(grandparent, QComboBox):
            continue  # a part of a named control (clear button, header, popup list)
        found.append(f"{type(widget).__name__} in {type(parent).__name__}")
    return found


def test_every_control_of_every_screen_has_an_accessible_name(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    keys.press(Key.Key_F6)  # a tender dialog too
    keys.wait(lambda: window.payment.dialog is not None)
    dialog = window.payment.dialog
    assert dialog is not None
    assert unnamed_controls(window) == []
    assert unnamed_controls(dialog) == []


def test_spanish_at_runtime_keeps_the_sale(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    keys.press(Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    # Qt delivers the language change as an event: the screens retranslate a moment later.
    keys.wait(lambda: window.payment.tenders.buttons["cash"].text() == "F5  Efectivo")
    assert window.status.drawer.text() == "Caja: D1"
    assert window.payment.tenders.total.text() == "Total $60.00"
    assert len(window.payment.sale.lines) == 1
    keys.press(Key.Key_F6)
    keys.wait(lambda: window.payment.dialog is not None)
    dialog = window.payment.dialog
    assert dialog is not None
    names = [w.text() for w in dialog.findChildren(QAbstractButton)]
    assert "Aceptar pago (Ctrl+Enter)" in names
    keys.press(Key.Key_Escape)
    keys.wait(lambda: window.payment.dialog is None)
    keys.press(Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    keys.wait(lambda: window.payment.tenders.buttons["cash"].text() == "F5  Cash")
