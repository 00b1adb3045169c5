"""One line that tells the cashier what just happened: a refusal (rule and message, in red)
or a plain notice. Every screen has one where its eyes already are."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from cashier.devices.errors import DeviceError
from cashier.ledger.rules.errors import CashierError, Refused
from cashier.ui.widgets.theme import set_role


def describe(exc: BaseException) -> str:
    """The text a person reads for an error: the rule a refusal broke, then its message."""
    if isinstance(exc, Refused):
        label = QCoreApplication.translate("Notice", "Refused")
        return f"{label} ({exc.rule}): {exc.message}"
    if isinstance(exc, DeviceError | CashierError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


class Notice(QLabel):
    def __init__(self, parent: QWidget | None = None, name: str = "Message") -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(name)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clear_notice()

    def refuse(self, exc: BaseException) -> None:
        self.show_text(describe(exc), "refusal")

    def refuse_text(self, text: str) -> None:
        self.show_text(text, "refusal")

    def note(self, text: str) -> None:
        self.show_text(text, "notice")

    def show_text(self, text: str, role: str) -> None:
        set_role(self, role)
        self.setText(text)
        self.setAccessibleDescription(text)  # screen readers announce the change
        self.setVisible(True)

    def clear_notice(self) -> None:
        self.setText("")
        self.setVisible(False)

    @property
    def is_refusal(self) -> bool:
        return self.isVisible() and self.property("role") == "refusal"
