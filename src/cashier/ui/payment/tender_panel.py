"""Tendering: a ten-key amount box, one function key per tender, and the totals in large type
(total, tendered, still due, and the change to hand back)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger.rules.errors import CashierError
from cashier.ledger.rules.money import Cents, check_amount, format_display, parse_money
from cashier.ui.payment.sale import Sale
from cashier.ui.widgets.keys import key_for
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import set_role

TENDER_KEYS = (("cash", "F5"), ("check", "F6"), ("money_order", "F7"), ("card", "F8"))


class TenderPanel(QWidget):
    tender = Signal(str, int)  # kind, amount in cents
    finish = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.due: Cents = 0
        self.shown_change: tuple[Cents, str] | None = None  # redrawn in a new language
        self.amount_label = QLabel()
        self.amount = QLineEdit()
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        set_role(self.amount, "total")
        self.amount_label.setBuddy(self.amount)
        self.buttons: dict[str, QPushButton] = {}
        keys = QGridLayout()
        for index, (kind, key) in enumerate(TENDER_KEYS):
            button = QPushButton()
            key_for(button, key)
            button.clicked.connect(lambda _c=False, k=kind: self.take(k))
            self.buttons[kind] = button
            keys.addWidget(button, index // 2, index % 2)
        self.finish_button = QPushButton()
        self.finish_button.setProperty("primary", True)
        key_for(self.finish_button, "F12")
        self.finish_button.clicked.connect(self.finish)
        self.total = QLabel()
        self.tendered = QLabel()
        self.remaining = QLabel()
        for label in (self.total, self.tendered, self.remaining):
            set_role(label, "total")
        self.change = QLabel()
        set_role(self.change, "change")
        self.change.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.notice = Notice(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.total)
        layout.addWidget(self.tendered)
        layout.addWidget(self.remaining)
        layout.addWidget(self.amount_label)
        layout.addWidget(self.amount)
        layout.addLayout(keys)
        layout.addWidget(self.notice)
        layout.addWidget(self.finish_button)
        layout.addWidget(self.change)
        layout.addStretch(1)
        self.amount.returnPressed.connect(lambda: self.take("cash"))
        self.retranslate()

    def retranslate(self) -> None:
        names = {"cash": self.tr("Cash"), "check": self.tr("Check"),
                 "money_order": self.tr("Money order"), "card": self.tr("Card")}
        for kind, key in TENDER_KEYS:
            self.buttons[kind].setText(f"{key}  {names[kind]}")
            self.buttons[kind].setAccessibleName(names[kind])
        self.amount_label.setText(self.tr("&Amount tendered (blank = amount due)"))
        self.amount.setAccessibleName(self.tr("Amount tendered"))
        self.finish_button.setText(self.tr("F12  Finish and print receipt"))
        self.finish_button.setAccessibleName(self.tr("Finish and print receipt"))
        self.change.setAccessibleName(self.tr("Change due"))
        if self.shown_change is not None:
            self.show_change(*self.shown_change)

    def focus(self) -> None:
        self.amount.setFocus()
        self.amount.selectAll()

    def show_sale(self, sale: Sale) -> None:
        self.due = sale.due
        self.total.setText(self.tr("Total %1").replace("%1", format_display(sale.total)))
        self.tendered.setText(self.tr("Tendered %1").replace("%1", format_display(sale.tendered)))
        self.remaining.setText(self.tr("Due %1").replace("%1", format_display(sale.due)))
        change = sale.change()
        if change is not None:
            self.show_change(change)
        elif not sale.empty:
            self.shown_change = None
            self.change.setText("")
        self.amount.setPlaceholderText(format_display(sale.due) if sale.due else "")

    def show_change(self, change: Cents, receipt: str = "") -> None:
        self.shown_change = (change, receipt)
        text = self.tr("Change %1").replace("%1", format_display(change))
        self.change.setText(f"{receipt}\n{text}" if receipt else text)
        self.change.setAccessibleDescription(self.change.text())

    def take(self, kind: str) -> None:
        text = self.amount.text().strip()
        try:
            what = self.tr("amount tendered")
            cents = parse_money(text, what=what, allow_zero=False) if text \
                else check_amount(self.due, what=what, allow_zero=False)
        except CashierError as exc:
            self.notice.refuse(exc)
            self.focus()
            return
        self.notice.clear_notice()
        self.amount.clear()
        self.tender.emit(kind, cents)
