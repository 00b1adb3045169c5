"""Keyboard plumbing shared by the screens: shortcuts, and getting focus back after a dialog.

The whole flow works without a mouse, so after every dialog the focus must land where the
cashier's next keystroke belongs, not nowhere.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDialog, QHBoxLayout, QPushButton, QWidget

SUBMIT_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def shortcut(parent: QWidget, keys: str, slot: Callable[[], object],
             context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut
             ) -> QShortcut:
    """A shortcut live while ``parent`` (a screen or dialog) is the one on show."""
    item = QShortcut(QKeySequence(keys), parent, context=context)
    item.activated.connect(slot)
    return item


def on_submit(parent: QWidget, slot: Callable[[], object]) -> None:
    """Ctrl+Enter (either Enter key) completes the screen or dialog."""
    for keys in SUBMIT_KEYS:
        shortcut(parent, keys, slot)


def refocus(widget: QWidget) -> None:
    """Put the keyboard back on ``widget`` once a dialog over its window has closed."""
    if widget.isVisible():
        widget.window().activateWindow()
        widget.setFocus()


def key_for(button: QAbstractButton, keys: str) -> QShortcut:
    """``keys`` clicks ``button`` while it is visible and enabled in the active window.

    Not ``setShortcut``: a button's ``setText`` replaces its shortcut with the text's
    mnemonic, so every retranslation would silently drop the function keys.
    """
    item = QShortcut(QKeySequence(keys), button, context=Qt.ShortcutContext.WindowShortcut)
    item.activated.connect(button.click)
    return item


def dialog_buttons(dialog: QDialog, ok_text: str, ok_name: str,
                   on_ok: Callable[[], object]) -> tuple[QHBoxLayout, QPushButton, QPushButton]:
    """OK and Cancel for a dialog, neither of them a *default* button.

    A QDialogButtonBox makes its OK the default, and then Enter in any field submits the
    whole dialog half-filled; here Enter moves between fields and only Ctrl+Enter submits.
    """
    ok = QPushButton(f"{ok_text} (Ctrl+Enter)")
    ok.setAccessibleName(ok_name)
    ok.setProperty("primary", True)
    cancel = QPushButton(QCoreApplication.translate("Dialog", "Cancel (Esc)"))
    cancel.setAccessibleName(QCoreApplication.translate("Dialog", "Cancel"))
    for button in (ok, cancel):
        button.setAutoDefault(False)
    ok.clicked.connect(on_ok)
    cancel.clicked.connect(dialog.reject)
    on_submit(dialog, on_ok)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row, ok, cancel
