"""Start of shift: count the float by denomination and open the drawer (C4, C5).

A count that differs from the assigned float goes to a supervisor override; the ledger
decides whether that person may approve it and records the override.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger.drawer import sessions
from cashier.ledger.reference import pick_lists
from cashier.ledger.rules.errors import CashierError, FloatMismatch
from cashier.ledger.rules.money import format_display
from cashier.ui.counter import Counter
from cashier.ui.drawer.count_grid import CountGrid
from cashier.ui.widgets.approval import ApprovalDialog
from cashier.ui.widgets.keys import on_submit, refocus
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import set_role


class OpenDrawerScreen(QWidget):
    opened = Signal(str)  # drawer code

    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.floats: dict[str, int] = {}
        self.title = QLabel()
        set_role(self.title, "title")
        self.drawer_label = QLabel()
        self.drawer_box = QComboBox()
        self.drawer_label.setBuddy(self.drawer_box)
        self.drawer_box.currentIndexChanged.connect(self._show_float)
        self.float_label = QLabel()
        set_role(self.float_label, "heading")
        self.grid = CountGrid(counter, self)
        self.open_button = QPushButton()
        self.open_button.setProperty("primary", True)
        self.open_button.clicked.connect(lambda: self.submit())
        self.notice = Notice(self)
        top = QHBoxLayout()
        top.addWidget(self.drawer_label)
        top.addWidget(self.drawer_box)
        top.addSpacing(24)
        top.addWidget(self.float_label)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.grid)
        layout.addWidget(self.notice)
        layout.addWidget(self.open_button)
        layout.addStretch(1)
        self.grid.done.connect(self.open_button.setFocus)
        on_submit(self, self.submit)
        self.dialog: ApprovalDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Open the drawer: count the float"))
        self.drawer_label.setText(self.tr("&Drawer"))
        self.drawer_box.setAccessibleName(self.tr("Drawer"))
        self.open_button.setText(self.tr("Open drawer (Ctrl+Enter)"))
        self.open_button.setAccessibleName(self.tr("Open drawer"))
        self.grid.retranslate()
        self._show_float()

    def start(self) -> None:
        """Offer this terminal's drawers that nobody has open."""
        self.drawer_box.clear()
        self.floats.clear()
        for info in pick_lists.drawers(self.counter.db, self.counter.terminal):
            if info.open_for is None:
                self.floats[info.code] = info.assigned_float
                self.drawer_box.addItem(info.code)
        self.grid.set_counts({})
        self.notice.clear_notice()
        if not self.floats:
            self.notice.note(self.tr("Every drawer of terminal %1 is open for someone else.")
                             .replace("%1", self.counter.terminal))
        self._show_float()
        self.grid.focus_first()

    def _show_float(self) -> None:
        code = self.drawer_box.currentText()
        if code in self.floats:
            self.float_label.setText(self.tr("Assigned float %1").replace(
                "%1", format_display(self.floats[code])))
        else:
            self.float_label.setText("")

    def submit(self, approver: str | None = None) -> None:
        drawer, user = self.drawer_box.currentText(), self.counter.user
        if not drawer or user is None:
            return
        try:
            sessions.open_drawer(self.counter.db, drawer, user.id, self.grid.counts(),
                                 approver=approver or None)
        except FloatMismatch as exc:
            self.notice.refuse(exc)
            self._ask_override(exc)
            return
        except CashierError as exc:
            self.notice.refuse(exc)
            return
        self.notice.clear_notice()
        self.opened.emit(drawer)

    def _ask_override(self, exc: FloatMismatch) -> None:
        self.dialog = ApprovalDialog(self, self.counter.db, self.tr("Supervisor override"),
                                     exc.message)
        self.dialog.approved.connect(lambda who, _note: self.submit(who))
        self.dialog.finished.connect(lambda _r: self._refocus())
        self.dialog.open()

    def _refocus(self) -> None:
        if self.isVisible():
            refocus(self)
            self.grid.focus_first()
