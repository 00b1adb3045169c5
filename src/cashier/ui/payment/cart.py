"""The cart: revenue items keyed by code (with completion), the lines of the sale and the
tenders taken so far."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger.reference.pick_lists import ItemInfo, items
from cashier.ledger.rules.errors import CashierError, InvalidLine, UnknownItem
from cashier.ledger.rules.money import format_money, parse_money
from cashier.ledger.rules.values import ItemSale
from cashier.services.receipt_printing import tender_detail
from cashier.ui.counter import Counter
from cashier.ui.payment.sale import CartLine, Sale
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import reading_table, set_role


def _row(table: QTableWidget, values: tuple[str, ...]) -> None:
    row = table.rowCount()
    table.insertRow(row)
    for column, text in enumerate(values):
        item = QTableWidgetItem(text)
        if column == len(values) - 1:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, column, item)


class ItemEntry(QWidget):
    """Code (completion on code or name), quantity, keyed price and reference; Enter adds."""

    add_line = Signal(object)  # CartLine

    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.catalog: dict[str, ItemInfo] = {}
        self.item: ItemInfo | None = None
        self.code = QLineEdit()
        self.quantity = QLineEdit("1")
        self.quantity.setValidator(QIntValidator(1, 9999, self.quantity))
        self.quantity.setMaximumWidth(80)
        self.price = QLineEdit()
        self.reference = QLineEdit()
        self.labels = [QLabel() for _ in range(4)]
        self.described = QLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (label, box) in enumerate(zip(
                self.labels, (self.code, self.quantity, self.price, self.reference),
                strict=True)):
            label.setBuddy(box)
            grid.addWidget(label, 0, column)
            grid.addWidget(box, 1, column)
        grid.addWidget(self.described, 2, 0, 1, 4)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 2)
        self.completer = QCompleter(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.code.setCompleter(self.completer)
        self.code.returnPressed.connect(self._code_entered)
        self.code.textEdited.connect(lambda _t: self._choose(None))
        self.price.returnPressed.connect(self._next_after_price)
        self.quantity.returnPressed.connect(self._next_after_price)
        self.reference.returnPressed.connect(self.submit)
        self.retranslate()
        self._choose(None)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (self.tr("&Item (F3)"), self.tr("Qty"),
                                             self.tr("Price"), self.tr("Reference")),
                               strict=True):
            label.setText(text)
        self.code.setAccessibleName(self.tr("Item code"))
        self.quantity.setAccessibleName(self.tr("Quantity"))
        self.price.setAccessibleName(self.tr("Keyed price"))
        self.reference.setAccessibleName(self.tr("Reference"))

    def load_catalog(self) -> None:
        self.catalog = {info.code: info for info in items(self.counter.db)}
        model = QStandardItemModel(self)
        for info in self.catalog.values():
            model.appendRow(QStandardItem(f"{info.code} — {info.name}"))
        self.completer.setModel(model)

    def focus(self) -> None:
        self.code.setFocus()
        self.code.selectAll()

    def _choose(self, item: ItemInfo | None) -> None:
        self.item = item
        keyed = item is not None and item.price is None
        needs_ref = item is not None and item.reference_required
        self.price.setEnabled(keyed)
        self.reference.setEnabled(item is not None)
        if item is None:
            self.described.setText("")
            return
        price = format_money(item.price) if item.price is not None else self.tr("keyed")
        ref = " · " + self.tr("needs %1").replace("%1", item.reference_label) if needs_ref else ""
        self.described.setText(f"{item.code} {item.name} · {price}{ref}")
        self.reference.setPlaceholderText(item.reference_label if needs_ref else "")

    def _code_entered(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()  # a popup left open would swallow the next F-key
        code = self.code.text().split(" ", 1)[0].strip().upper()
        if not code:
            return
        item = self.catalog.get(code)
        if item is None:
            self.parent_notice(UnknownItem(self.tr("no item %1").replace("%1", repr(code))))
            return
        self.code.setText(code)
        self._choose(item)
        if item.price is None:
            self.price.setFocus()
        elif item.reference_required:
            self.reference.setFocus()
        else:
            self.submit()

    def _next_after_price(self) -> None:
        if self.item is not None and self.item.reference_required:
            self.reference.setFocus()
        else:
            self.submit()

    def submit(self) -> None:
        item = self.item
        if item is None:
            self._code_entered()
            return
        try:
            quantity = int(self.quantity.text() or "0")
            if quantity < 1:
                raise InvalidLine(self.tr("quantity must be at least 1"))
            unit = item.price
            if unit is None:
                unit = parse_money(self.price.text(), what=self.tr("price of %1")
                                   .replace("%1", item.code), allow_zero=False)
        except CashierError as exc:
            self.parent_notice(exc)
            return
        sale = ItemSale(item.code, quantity, self.reference.text().strip(),
                        unit_amount=None if item.price is not None else unit)
        # Shown as the ledger will price it (unit x quantity); post_payment prices it for real.
        label = f"{item.name}" + (f" x{quantity}" if quantity > 1 else "")
        self.add_line.emit(CartLine(sale, label, unit * quantity))
        self.code.clear()
        self.quantity.setText("1")
        self.price.clear()
        self.reference.clear()
        self._choose(None)

    def parent_notice(self, exc: CashierError) -> None:
        parent = self.parent()
        if isinstance(parent, CartPanel):
            parent.notice.refuse(exc)


class CartPanel(QWidget):
    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = ItemEntry(counter, self)
        self.lines_title = QLabel()
        set_role(self.lines_title, "heading")
        self.lines = reading_table(4)
        self.tenders_title = QLabel()
        set_role(self.tenders_title, "heading")
        self.tenders = reading_table(3)
        self.notice = Notice(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.entry)
        layout.addWidget(self.notice)
        layout.addWidget(self.lines_title)
        layout.addWidget(self.lines, 2)
        layout.addWidget(self.tenders_title)
        layout.addWidget(self.tenders, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.entry.retranslate()
        self.lines_title.setText(self.tr("Lines"))
        self.tenders_title.setText(self.tr("Tenders"))
        self.lines.setAccessibleName(self.tr("Sale lines"))
        self.tenders.setAccessibleName(self.tr("Tenders taken"))
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Description"), self.tr("Reference"), self.tr("Qty"), self.tr("Amount")])
        self.tenders.setHorizontalHeaderLabels(
            [self.tr("Tender"), self.tr("Detail"), self.tr("Amount")])

    def show_sale(self, sale: Sale) -> None:
        self.lines.setRowCount(0)
        for cart_line in sale.lines:
            line = cart_line.line
            reference = line.reference if isinstance(line, ItemSale) else ""
            quantity = str(line.quantity) if isinstance(line, ItemSale) else ""
            _row(self.lines, (cart_line.description, reference, quantity,
                              format_money(cart_line.amount)))
        self.tenders.setRowCount(0)
        names = {"cash": self.tr("Cash"), "check": self.tr("Check"),
                 "money_order": self.tr("Money order"), "card": self.tr("Card")}
        for tender in sale.tenders:
            _row(self.tenders, (names[tender.type], tender_detail(tender),
                                format_money(tender.amount)))
