"""The shape every drawer action shares: a heading, a form, a refusal line, Ctrl+Enter to go
on and Esc to back out, and, where a control asks for one, a second person's approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger.rules.errors import CashierError
from cashier.ui.counter import Counter
from cashier.ui.widgets.approval import ApprovalDialog
from cashier.ui.widgets.keys import dialog_buttons, refocus
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import set_role

T = TypeVar("T")


class FormDialog(QDialog):
    def __init__(self, parent: QWidget, counter: Counter, title: str, heading: str,
                 submit_text: str) -> None:
        super().__init__(parent)
        self.counter = counter
        self.setModal(True)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        set_role(self.heading, "heading")
        self.form = QFormLayout()
        self.notice = Notice(self)
        buttons, self.ok_button, self.cancel_button = dialog_buttons(
            self, submit_text, submit_text, lambda: self.submit())
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.heading)
        self.body.addLayout(self.form)
        self.body.addWidget(self.notice)
        self.body.addLayout(buttons)
        self.approval: ApprovalDialog | None = None

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            # A refusal or a preview that arrives after the dialog opened adds wrapped lines;
            # Qt would squeeze the form's rows to make room instead of growing the dialog.
            wanted = self.size().expandedTo(self.sizeHint())
            if wanted != self.size():
                self.resize(wanted)
        return handled

    def field(self, label: str, name: str) -> QLineEdit:
        box = QLineEdit()
        box.setAccessibleName(name)
        self.form.addRow(label, box)
        box.returnPressed.connect(self.focusNextChild)
        return box

    def person(self, label: str, who: str) -> QLabel:
        """A form row naming who an act is recorded under (the approver, the preparer)."""
        name = QLabel(who)
        name.setAccessibleName(label)
        name.setWordWrap(True)
        self.form.addRow(label, name)
        return name

    def submit(self) -> None:
        """Ctrl+Enter: subclasses check their form and call the service (or ask approval)."""

    def second_person(self, title: str, prompt: str, then: Callable[[str, str], None], *,
                      note_label: str = "", ok_text: str = "") -> ApprovalDialog:
        """Ask a second person's id and PIN; ``then(user_id, note)`` once it checks out."""
        self.approval = ApprovalDialog(self, self.counter.db, title, prompt, note_label=note_label,
                                       ok_text=ok_text)
        self.approval.approved.connect(then)
        self.approval.finished.connect(lambda _r: refocus(self.ok_button) if self.isVisible()
                                       else None)
        self.approval.open()
        return self.approval

    def attempt(self, act: Callable[[], T]) -> tuple[bool, T | None]:
        """Run one service call; a refusal is shown here and the dialog stays open."""
        try:
            return True, act()
        except CashierError as exc:
            self.notice.refuse(exc)
            return False, None
