"""Drawer actions during the shift: void (C3), reprint (C10), no-sale (C9), drop and
paid-out (C8).

Each dialog gathers what the service needs and, where the control asks for a second person,
their id and PIN; the service decides and refuses with the rule's message, shown in place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget

from cashier.ledger.drawer import cash_movements
from cashier.ledger.receipts import records as receipts
from cashier.ledger.receipts.records import session_receipts
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference import pick_lists
from cashier.ledger.rules.errors import CashierError, InvalidLine
from cashier.ledger.rules.money import format_display, parse_money
from cashier.ui.counter import Counter
from cashier.ui.drawer.count_grid import CountGrid
from cashier.ui.widgets.form_dialog import FormDialog


def receipt_list(counter: Counter, name: str) -> QListWidget:
    """The receipts of the drawer's open session, newest first and selected."""
    listing = QListWidget()
    listing.setAccessibleName(name)
    assert counter.drawer is not None
    for row in session_receipts(counter.db, counter.drawer):
        item = QListWidgetItem(f"{row.number}   {row.taken_at:%H:%M}   "
                               f"{format_display(row.total)}   {row.status.upper()}")
        item.setData(Qt.ItemDataRole.UserRole, row.number)
        listing.addItem(item)
    listing.setCurrentRow(0)
    return listing


class VoidDialog(FormDialog):
    voided = Signal(object)  # ReceiptRecord

    def __init__(self, parent: QWidget, counter: Counter) -> None:
        super().__init__(parent, counter, self.tr("Void a receipt"),
                         self.tr("Pick the receipt, give the reason; a supervisor who did not "
                                 "take it approves."), self.tr("Void"))
        self.receipts = receipt_list(counter, self.tr("Receipts of this drawer"))
        self.form.addRow(self.tr("&Receipt"), self.receipts)
        self.reason = self.field(self.tr("R&eason"), self.tr("Void reason"))
        self.receipts.itemActivated.connect(lambda _i: self.reason.setFocus())
        self.receipts.setFocus()

    def submit(self) -> None:
        item = self.receipts.currentItem()
        if self.receipts.count() == 0:
            self.notice.refuse_text(self.tr("There is no receipt to void in this drawer."))
            return
        if not self.reason.text().strip():
            self.notice.refuse(InvalidLine(self.tr("a void needs a reason (C3)")))
            self.reason.setFocus()
            return
        number = str(item.data(Qt.ItemDataRole.UserRole))
        self.second_person(self.tr("Supervisor approval"),
                           self.tr("Void %1: a supervisor who did not take it approves.")
                           .replace("%1", number), lambda who, _n: self._void(number, who))

    def _void(self, number: str, approver: str) -> None:
        user = self.counter.user_id
        ok, record = self.attempt(lambda: void_receipt(
            self.counter.db, number, cashier=user, approver=approver,
            reason=self.reason.text().strip()))
        if ok:
            self.voided.emit(record)
            self.accept()


class ReprintDialog(FormDialog):
    reprinted = Signal(object)  # ReceiptRecord, to print marked COPY

    def __init__(self, parent: QWidget, counter: Counter) -> None:
        super().__init__(parent, counter, self.tr("Reprint a receipt"),
                         self.tr("Pick the receipt: the copy is printed marked COPY and the "
                                 "reprint is logged (C10)."), self.tr("Reprint"))
        self.receipts = receipt_list(counter, self.tr("Receipts of this drawer"))
        self.form.addRow(self.tr("&Receipt"), self.receipts)
        self.receipts.itemActivated.connect(lambda _i: self.submit())
        self.receipts.setFocus()

    def submit(self) -> None:
        if self.receipts.count() == 0:
            self.notice.refuse_text(self.tr("There is no receipt to reprint in this drawer."))
            return
        number = str(self.receipts.currentItem().data(Qt.ItemDataRole.UserRole))
        ok, record = self.attempt(lambda: receipts.reprint(self.counter.db, number,
                                                           self.counter.user_id))
        if ok:
            self.reprinted.emit(record)
            self.accept()


class NoSaleDialog(FormDialog):
    completed = Signal(str)  # reason: the drawer is kicked after the no-sale is logged

    def __init__(self, parent: QWidget, counter: Counter) -> None:
        super().__init__(parent, counter, self.tr("No sale"),
                         self.tr("Open the drawer without a sale: the reason is logged (C9)."),
                         self.tr("Open drawer"))
        self.reason = self.field(self.tr("&Reason"), self.tr("No-sale reason"))
        self.reason.setFocus()

    def submit(self) -> None:
        reason = self.reason.text()
        drawer = self.counter.drawer or ""
        ok, _ = self.attempt(lambda: cash_movements.no_sale(self.counter.db, drawer,
                                                            self.counter.user_id, reason))
        if ok:
            self.completed.emit(reason.strip())
            self.accept()


class DropDialog(FormDialog):
    completed = Signal(int)  # amount dropped

    def __init__(self, parent: QWidget, counter: Counter) -> None:
        super().__init__(parent, counter, self.tr("Cash drop"),
                         self.tr("Count the cash going to the safe; a second person witnesses "
                                 "(C8)."), self.tr("Drop"))
        self.grid = CountGrid(counter, self, sorter=False)
        self.body.insertWidget(1, self.grid)
        self.grid.done.connect(self.ok_button.setFocus)
        self.grid.focus_first()

    def submit(self) -> None:
        self.second_person(self.tr("Witness"),
                           self.tr("Drop of %1: the witness counts it too.").replace(
                               "%1", format_display(self.grid.total_cents())), self._drop)

    def _drop(self, witness: str, _note: str) -> None:
        drawer, user = self.counter.drawer or "", self.counter.user_id
        ok, amount = self.attempt(lambda: cash_movements.drop(self.counter.db, drawer, user,
                                                              witness, self.grid.counts()))
        if ok:
            self.completed.emit(amount)
            self.accept()


class PaidOutDialog(FormDialog):
    completed = Signal(int)

    def __init__(self, parent: QWidget, counter: Counter) -> None:
        super().__init__(parent, counter, self.tr("Paid-out"),
                         self.tr("Cash paid out of the drawer, approved by a supervisor (C8)."),
                         self.tr("Pay out"))
        self.amount = self.field(self.tr("&Amount"), self.tr("Paid-out amount"))
        self.account = QComboBox()
        self.account.setAccessibleName(self.tr("GL account"))
        for code, name in pick_lists.paid_out_accounts(counter.db):
            self.account.addItem(f"{code}  {name}", code)
        self.form.addRow(self.tr("&GL account"), self.account)
        self.reason = self.field(self.tr("&Reason"), self.tr("Paid-out reason"))
        self.amount.setFocus()

    def submit(self) -> None:
        try:
            cents = parse_money(self.amount.text(), what=self.tr("paid-out amount"),
                                allow_zero=False)
        except CashierError as exc:
            self.notice.refuse(exc)
            return
        self.second_person(self.tr("Supervisor approval"),
                           self.tr("Paid-out of %1: a supervisor approves.").replace(
                               "%1", format_display(cents)),
                           lambda who, _n: self._pay(cents, who))

    def _pay(self, cents: int, approver: str) -> None:
        drawer, user = self.counter.drawer or "", self.counter.user_id
        gl = str(self.account.currentData())
        ok, paid = self.attempt(lambda: cash_movements.paid_out(
            self.counter.db, drawer, user, approver, cents, gl, self.reason.text()))
        if ok:
            self.completed.emit(paid)
            self.accept()
