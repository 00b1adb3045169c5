"""Signing in and the lock screen (C14): id and PIN, the ledger counts failures and locks the
user after five; an idle terminal locks itself and shows this screen again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger.reference import users
from cashier.ledger.rules.errors import CashierError
from cashier.ui.counter import Counter
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import set_role


class SignInScreen(QWidget):
    signed_in = Signal(object)  # UserInfo

    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.locked_for = ""  # the user whose session is locked, "" at first sign-in
        self.title = QLabel()
        set_role(self.title, "title")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.user_box = QLineEdit()
        self.pin_box = QLineEdit()
        self.pin_box.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton()
        self.button.setProperty("primary", True)
        self.notice = Notice(self)
        self.form = QFormLayout()
        self.user_label, self.pin_label = QLabel(), QLabel()
        self.user_label.setBuddy(self.user_box)
        self.pin_label.setBuddy(self.pin_box)
        self.form.addRow(self.user_label, self.user_box)
        self.form.addRow(self.pin_label, self.pin_box)
        box = QWidget()
        box.setMaximumWidth(560)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.hint)
        inner.addLayout(self.form)
        inner.addWidget(self.button)
        inner.addWidget(self.notice)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box)
        outer.addStretch(2)
        self.user_box.returnPressed.connect(self._next)
        self.pin_box.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        self.retranslate()

    def retranslate(self) -> None:
        if self.locked_for:
            self.title.setText(self.tr("Locked: %1").replace("%1", self.locked_for))
            self.hint.setText(self.tr(
                "Sign in again to go on. Another user may sign in; the sale in progress is "
                "kept for %1.").replace("%1", self.locked_for))
        else:
            self.title.setText(self.tr("Sign in"))
            self.hint.setText(self.tr("Your user id, Enter, then your PIN, Enter."))
        self.user_label.setText(self.tr("&User id"))
        self.pin_label.setText(self.tr("&PIN"))
        self.user_box.setAccessibleName(self.tr("User id"))
        self.pin_box.setAccessibleName(self.tr("PIN"))
        self.button.setText(self.tr("Sign in (Enter)"))
        self.button.setAccessibleName(self.tr("Sign in"))

    def start(self, locked_for: str = "") -> None:
        self.locked_for = locked_for
        self.user_box.setText(locked_for)
        self.pin_box.clear()
        self.notice.clear_notice()
        self.retranslate()
        (self.pin_box if locked_for else self.user_box).setFocus()

    def _next(self) -> None:
        if self.user_box.text().strip():
            self.pin_box.setFocus()

    def submit(self) -> None:
        user_id = self.user_box.text().strip()
        if not user_id:
            self.user_box.setFocus()
            return
        try:
            user = users.sign_in(self.counter.db, user_id, self.pin_box.text())
        except CashierError as exc:
            self.notice.refuse(exc)
            self.pin_box.clear()
            self.pin_box.setFocus()
            return
        self.pin_box.clear()
        self.signed_in.emit(user)


class IdleLock(QObject):
    """Fires ``idle`` after ``seconds`` without a key press or click anywhere in the program."""

    idle = Signal()
    _ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                           QEvent.Type.TouchBegin, QEvent.Type.Wheel})

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, seconds) * 1000)
        self.timer.timeout.connect(self.idle)

    def arm(self) -> None:
        self.timer.start()

    def disarm(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self._ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False
