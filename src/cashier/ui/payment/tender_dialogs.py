"""Check and money-order details. The MICR reader fills a check's routing, account and
number on a worker; the fields are checked by the ledger's own ``check_tender_fields`` (ABA
routing, document numbers) before the tender joins the sale."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.devices.micr import MicrLine
from cashier.ledger.rules.errors import CashierError
from cashier.ledger.rules.money import Cents, format_display
from cashier.ledger.rules.tendering import check_tender_fields
from cashier.ledger.rules.values import CheckTender, MoneyOrderTender, Tender
from cashier.ui.counter import Counter
from cashier.ui.operation import Operation
from cashier.ui.widgets.keys import dialog_buttons, key_for
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import set_role


class TenderDialog(QDialog):
    """Base: a heading with the amount, a form, a notice, OK/Cancel. ``taken(tender)``."""

    taken = Signal(object)

    def __init__(self, parent: QWidget, title: str, amount: Cents,
                 build: Callable[[], Tender]) -> None:
        super().__init__(parent)
        self.amount = amount
        self.build = build  # each kind of tender reads its own fields
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        heading = QLabel(f"{title}: {format_display(amount)}")
        set_role(heading, "heading")
        self.form = QFormLayout()
        self.notice = Notice(self)
        buttons, _ok, _cancel = dialog_buttons(self, self.tr("Take tender"),
                                               self.tr("Take tender"), self.submit)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(heading)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.notice)
        self.layout_.addLayout(buttons)

    def field(self, label: str, name: str) -> QLineEdit:
        box = QLineEdit()
        box.setAccessibleName(name)
        self.form.addRow(label, box)
        # Enter walks down the form; Ctrl+Enter takes the tender from anywhere.
        box.returnPressed.connect(self.focusNextChild)
        return box

    def submit(self) -> None:
        try:
            tender = self.build()
            check_tender_fields(tender)
        except CashierError as exc:
            self.notice.refuse(exc)
            return
        self.taken.emit(tender)
        self.accept()


class CheckDialog(TenderDialog):
    def __init__(self, parent: QWidget, counter: Counter, amount: Cents) -> None:
        super().__init__(parent, self.tr("Check"), amount, self._check)
        self.counter = counter
        self.number = self.field(self.tr("Check &number"), self.tr("Check number"))
        self.routing = self.field(self.tr("&Routing (ABA)"), self.tr("Routing number"))
        self.account = self.field(self.tr("Bank &account"), self.tr("Bank account"))
        self.micr_button = QPushButton(self.tr("Read MICR (F4)"))
        self.micr_button.setAccessibleName(self.tr("Read MICR"))
        key_for(self.micr_button, "F4")
        self.micr_button.setAutoDefault(False)
        self.micr_button.clicked.connect(self.read_micr)
        self.layout_.insertWidget(1, self.micr_button)
        self.number.setFocus()

    def read_micr(self) -> None:
        # A failure shows in the notice: the cashier can still key the fields.
        Operation(self, self.counter.devices.micr_reader.read_check) \
            .busy(self.notice, self.tr("Insert the check in the MICR reader…"),
                  self.micr_button) \
            .success(self._read).run(self.counter.workers)

    def _read(self, line: object) -> None:
        assert isinstance(line, MicrLine)
        self.routing.setText(line.routing)
        self.account.setText(line.account_masked)
        if line.check_number:
            self.number.setText(line.check_number)
        self.notice.note(self.tr("Read from the MICR line."))

    def _check(self) -> Tender:
        return CheckTender(self.amount, self.number.text().strip(), self.routing.text().strip(),
                           self.account.text().strip())


class MoneyOrderDialog(TenderDialog):
    def __init__(self, parent: QWidget, amount: Cents) -> None:
        super().__init__(parent, self.tr("Money order"), amount, self._money_order)
        self.number = self.field(self.tr("Money order &number"), self.tr("Money order number"))
        self.number.setFocus()

    def _money_order(self) -> Tender:
        return MoneyOrderTender(self.amount, self.number.text().strip())
