"""A second person at the counter: a supervisor's override, a witness, an approver.

The second person proves who they are with their own id and PIN through ``users.sign_in``
(so their attempts count toward their own lockout, C14, and are audited). Whether that person
may approve this act (role, not the same person — C3, C5, C8) is the ledger's rule: the
service that receives their id refuses it with the rule's message.

With ``user`` the id is fixed and only the PIN is asked: the signed-in supervisor proving it
is still them before the supervisor console opens.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger.database import Database
from cashier.ledger.reference import users
from cashier.ledger.rules.errors import CashierError, UserLocked
from cashier.ui.widgets.keys import dialog_buttons
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import set_role


class ApprovalDialog(QDialog):
    """Id + PIN (+ an optional note). ``approved(user_id, note)`` once the PIN checks out;
    ``approver`` is then who it was (their name, for the screen that records them)."""

    approved = Signal(str, str)
    locked_out = Signal(str)  # the user id C14 has just locked (or found locked)

    def __init__(self, parent: QWidget, db: Database, title: str, prompt: str, *,
                 note_label: str = "", ok_text: str = "", user: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.approver: users.UserInfo | None = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        heading = QLabel(prompt)
        heading.setWordWrap(True)
        set_role(heading, "heading")
        self.user_box = QLineEdit()
        self.user_box.setAccessibleName(self.tr("Approver user id"))
        self.pin_box = QLineEdit()
        self.pin_box.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_box.setAccessibleName(self.tr("Approver PIN"))
        self.note_box = QLineEdit()
        self.note_box.setAccessibleName(note_label or self.tr("Note"))
        form = QFormLayout()
        form.addRow(self.tr("User id"), self.user_box)
        form.addRow(self.tr("PIN"), self.pin_box)
        if note_label:
            form.addRow(note_label, self.note_box)
        else:
            self.note_box.hide()
        self.notice = Notice(self)
        ok_text = ok_text or self.tr("Approve")
        buttons, _ok, _cancel = dialog_buttons(self, ok_text, ok_text, self.check)
        # Enter walks id -> PIN (-> note) and approves from the last field.
        self.user_box.returnPressed.connect(self.pin_box.setFocus)
        self.pin_box.returnPressed.connect(self.note_box.setFocus if note_label else self.check)
        self.note_box.returnPressed.connect(self.check)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        if user:
            self.user_box.setText(user)
            self.user_box.setReadOnly(True)
            self.pin_box.setFocus()
        else:
            self.user_box.setFocus()

    def check(self) -> None:
        user_id = self.user_box.text().strip()
        # Enter in the id box lands here too: move on instead of counting a blank PIN (C14).
        if not user_id:
            self.user_box.setFocus()
            return
        if not self.pin_box.text():
            self.pin_box.setFocus()
            return
        try:
            self.approver = users.sign_in(self.db, user_id, self.pin_box.text())
        except CashierError as exc:
            self.pin_box.clear()
            self.notice.refuse(exc)
            self.pin_box.setFocus()
            if isinstance(exc, UserLocked):
                self.locked_out.emit(user_id)
            return
        self.approved.emit(user_id, self.note_box.text().strip())
        self.accept()
