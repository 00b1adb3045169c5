"""The customer's account as the counter sees it: name, service address, status, cash-only
flag, open charges by service and bill date, credit, last payments, and the amount to pay."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger import books
from cashier.ledger.books import AccountView
from cashier.ledger.rules.errors import CashierError
from cashier.ledger.rules.money import Cents, format_display, format_money, parse_money
from cashier.ledger.rules.values import AccountPayment, business_date, now
from cashier.ui.counter import Counter
from cashier.ui.operation import Operation
from cashier.ui.payment.sale import CartLine
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import reading_table, set_role


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c == len(row) - 1 or (text[:1].isdigit() and "." in text):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class AccountPanel(QWidget):
    add_line = Signal(object)  # CartLine

    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.view: AccountView | None = None
        self._wanted = ""  # the account last asked for; a slower earlier answer is dropped
        self._stub_amount: Cents | None = None
        self.name = QLabel()
        set_role(self.name, "heading")
        self.name.setAccessibleName("Account name")
        self.address = QLabel()
        self.address.setAccessibleName("Service address")
        self.status = QLabel()
        self.status.setAccessibleName("Account status")
        self.cash_only = QLabel()
        set_role(self.cash_only, "badge")
        self.cash_only.setAccessibleName("Cash only")
        self.cash_only.hide()
        # Disconnect pending, disconnected, final bill, arrangement: what the payment is for.
        self.service = QLabel()
        set_role(self.service, "badge")
        self.service.setAccessibleName("Service status")
        self.service.setWordWrap(True)
        self.service.hide()
        self.charges = reading_table(4, "Open charges")
        self.payments = reading_table(4, "Last payments")
        self.pay_label = QLabel()
        self.amount = QLineEdit()
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.pay_label.setBuddy(self.amount)
        self.notice = Notice(self)
        heading = QHBoxLayout()
        heading.addWidget(self.name, 1)
        heading.addWidget(self.cash_only)
        pay = QHBoxLayout()
        pay.addWidget(self.pay_label)
        pay.addWidget(self.amount)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.address)
        layout.addWidget(self.status)
        layout.addWidget(self.service)
        layout.addWidget(self.charges, 2)
        layout.addWidget(self.payments, 1)
        layout.addLayout(pay)
        layout.addWidget(self.notice)
        self.amount.returnPressed.connect(self._add)
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        self.charges.setHorizontalHeaderLabels(
            [self.tr("Service"), self.tr("Bill date"), self.tr("Billed"), self.tr("Open")])
        self.payments.setHorizontalHeaderLabels(
            [self.tr("Receipt"), self.tr("Date"), self.tr("Status"), self.tr("Amount")])
        self.cash_only.setText(self.tr("CASH ONLY"))
        self.pay_label.setText(self.tr("&Pay on account (Enter adds to cart)"))
        self.amount.setAccessibleName(self.tr("Amount to pay on account"))
        if self.view is None and not self._wanted:
            self.name.setText(self.tr("No account selected"))
        self._show_status()

    def clear(self) -> None:
        self.view = None
        self._wanted = ""
        self.name.setText(self.tr("No account selected"))
        self.address.setText("")
        self.status.setText("")
        self.cash_only.hide()
        self.service.hide()
        self.charges.setRowCount(0)
        self.payments.setRowCount(0)
        self.amount.clear()
        self.amount.setEnabled(False)
        self.notice.clear_notice()

    def load(self, number: str, amount_due: Cents | None = None) -> None:
        """Show ``number``; a scanned stub's ``amount_due`` fills the amount to pay."""
        self._wanted = number
        self._stub_amount = amount_due
        self.name.setText(self.tr("Loading %1…").replace("%1", number))
        db = self.counter.db
        Operation(self, lambda: books.account_view(db, number)) \
            .success(self._loaded).failure(self._failed).run(self.counter.workers)

    def _failed(self, exc: BaseException) -> None:
        self.clear()
        self.notice.refuse(exc)

    def _loaded(self, view: object) -> None:
        assert isinstance(view, AccountView)
        if view.number != self._wanted:
            return
        self.view = view
        self.name.setText(f"{view.name}  ·  {view.number}")
        self.address.setText(view.address)
        self.cash_only.setVisible(view.cash_only)
        _fill(self.charges, [(c.service_name, c.bill_date.isoformat(), format_money(c.amount),
                              format_money(c.open)) for c in view.charges if c.open])
        _fill(self.payments, [(p.receipt, p.taken_at.date().isoformat(), p.status.upper(),
                               format_money(p.amount)) for p in view.recent_payments])
        self._show_status()
        due = self._stub_amount if self._stub_amount is not None else max(view.balance, 0)
        self.amount.setEnabled(True)
        self.amount.setText(format_money(due) if due else "")
        self.amount.setFocus()
        self.amount.selectAll()

    def _show_status(self) -> None:
        view = self.view
        if view is None:
            return
        parts = [self.tr("Open charges %1").replace("%1", format_display(view.open_total))]
        if view.credit:
            parts.append(self.tr("Credit %1").replace("%1", format_display(view.credit)))
        parts.append(self.tr("Balance due %1").replace("%1", format_display(view.balance))
                     if view.balance > 0 else self.tr("Paid up"))
        self.status.setText("   ·   ".join(parts))
        service = self._service_text(view)
        self.service.setText(service)
        self.service.setVisible(bool(service))

    def _service_text(self, view: AccountView) -> str:
        lines = []
        status = view.status
        remaining = format_display(status.remaining)
        if status.status == "disconnect_pending":
            lines.append(self.tr("DISCONNECT PENDING %1: %2 more stops it")
                         .replace("%1", str(status.date)).replace("%2", remaining))
        elif status.status == "disconnected":
            lines.append(self.tr("DISCONNECTED since %1: %2 more reconnects today")
                         .replace("%1", str(status.date)).replace("%2", remaining))
        elif status.status == "final_billed":
            lines.append(self.tr("FINAL-BILLED"))
        plan = view.arrangement
        if plan is not None:
            upcoming = plan.next_due()
            if upcoming is not None:
                lines.append(self.tr("Arrangement: next %1 due %2, %3 left")
                             .replace("%1", format_display(upcoming.open))
                             .replace("%2", str(upcoming.due))
                             .replace("%3", format_display(plan.remaining)))
            behind = plan.behind(business_date(now()))
            if behind:
                lines.append(self.tr("Arrangement BEHIND by %1")
                             .replace("%1", format_display(behind)))
        return "\n".join(lines)

    def _add(self) -> None:
        if self.view is None:
            return
        try:
            cents = parse_money(self.amount.text(), what=self.tr("payment amount"),
                                allow_zero=False)
        except CashierError as exc:
            self.notice.refuse(exc)
            return
        self.notice.clear_notice()
        self.add_line.emit(CartLine(AccountPayment(self.view.number, cents),
                                    f"{self.view.name} ({self.view.number})", cents))
