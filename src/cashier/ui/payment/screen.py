"""The payment screen, where a cashier spends the day: find the account, build the cart, take
the tenders, finish. Posting is one short ledger call; printing, the drawer kick and the
customer display run on workers and cannot hold up the next customer."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cashier.devices.card.terminal import CardResult
from cashier.devices.stub_scanner import StubScan
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import ReceiptRecord
from cashier.ledger.rules.errors import CashierError, TenderNotAllowed
from cashier.ledger.rules.values import CardTender, CashTender, CheckTender, MoneyOrderTender
from cashier.ui.counter import Counter
from cashier.ui.device_jobs import DeviceJobs
from cashier.ui.operation import Operation
from cashier.ui.payment.account_panel import AccountPanel
from cashier.ui.payment.card_dialog import CardDialog
from cashier.ui.payment.cart import CartPanel
from cashier.ui.payment.lookup import LookupPanel
from cashier.ui.payment.sale import CartLine, Sale
from cashier.ui.payment.tender_dialogs import CheckDialog, MoneyOrderDialog
from cashier.ui.payment.tender_panel import TenderPanel
from cashier.ui.widgets.keys import key_for, refocus, shortcut
from cashier.ui.widgets.notice import Notice, describe
from cashier.ui.widgets.theme import set_role


class PaymentScreen(QWidget):
    def __init__(self, counter: Counter, jobs: DeviceJobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.jobs = jobs
        self.sale = Sale()
        self.last_receipt: ReceiptRecord | None = None
        self.lookup = LookupPanel(counter, self)
        self.account = AccountPanel(counter, self)
        self.cart = CartPanel(counter, self)
        self.tenders = TenderPanel(self)
        self.notice = Notice(self)
        self.keys = QLabel()
        self.keys.setWordWrap(True)
        set_role(self.keys, "keys")
        self.keys.setAccessibleName("Keyboard shortcuts")
        left = QVBoxLayout()
        left.addWidget(self.lookup, 2)
        left.addWidget(self.account, 3)
        columns = QHBoxLayout()
        columns.addLayout(left, 4)
        columns.addWidget(self.cart, 4)
        columns.addWidget(self.tenders, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(columns, 1)
        layout.addWidget(self.keys)
        self.lookup.chosen.connect(self.account.load)
        self.lookup.scanned.connect(self._scanned)
        key_for(self.lookup.scan_button, "F4")
        self.account.add_line.connect(self.add_line)
        self.cart.entry.add_line.connect(self.add_line)
        self.tenders.tender.connect(self.take_tender)
        self.tenders.finish.connect(self.finish)
        shortcut(self, "F2", self.lookup.focus)
        shortcut(self, "F3", self.cart.entry.focus)
        shortcut(self, "F9", self.remove_last)
        shortcut(self, "Ctrl+N", self.new_sale)
        self.dialog: QWidget | None = None
        self.retranslate()

    def retranslate(self) -> None:
        for part in (self.lookup, self.account, self.cart, self.tenders):
            part.retranslate()
        self.keys.setText(self.tr(
            "F2 Find account · F3 Item · F4 Scan stub · F5 Cash · F6 Check · F7 Money order · "
            "F8 Card · F9 Remove last · F12 Finish · Ctrl+N New sale · Ctrl+L Lock · "
            "Ctrl+Shift+V Void · Ctrl+Shift+R Reprint · Ctrl+Shift+O No sale · "
            "Ctrl+Shift+D Drop · Ctrl+Shift+P Paid-out · Ctrl+Shift+H Relief handoff · "
            "Ctrl+Shift+C Close drawer · Ctrl+Shift+S Supervisor console (supervisors) · "
            "F11 Mail batches · Ctrl+R Retry device · Ctrl+Shift+E Español/English"))
        self.refresh()

    def start(self) -> None:
        self.cart.entry.load_catalog()
        self.refresh()
        self.lookup.focus()

    def set_sale(self, sale: Sale) -> None:
        """Show another user's parked sale (or a new one) exactly as it was left."""
        self.sale = sale
        self.account.clear()
        self.lookup.reset()
        self.notice.clear_notice()
        self.refresh()

    def refresh(self) -> None:
        self.cart.show_sale(self.sale)
        self.tenders.show_sale(self.sale)

    # -- lines -------------------------------------------------------------------------------

    def _scanned(self, scan: object) -> None:
        assert isinstance(scan, StubScan)
        self.account.load(scan.account, scan.amount_due)

    def add_line(self, line: object) -> None:
        assert isinstance(line, CartLine)
        self.sale.lines.append(line)
        self.notice.clear_notice()
        self.refresh()
        self.jobs.show_item(line.description, line.amount)
        self.tenders.focus()

    def remove_last(self) -> None:
        if self.sale.tenders:
            if isinstance(self.sale.tenders[-1], CardTender):
                self.notice.refuse_text(self.tr(
                    "A card charge is taken back only by cancelling the sale (Ctrl+N), which "
                    "reverses it on the terminal."))
                return
            self.sale.tenders.pop()
        elif self.sale.lines:
            self.sale.lines.pop()
        self.refresh()

    # -- tenders -----------------------------------------------------------------------------

    def take_tender(self, kind: str, amount: int) -> None:
        if self.sale.pending_card is not None and kind != "card":
            self.notice.refuse(TenderNotAllowed(self.tr(
                "a card payment's outcome is unknown: press F8 to ask the terminal first")))
            return
        if not self.sale.lines:
            self.notice.refuse_text(self.tr("Add a line first (F2 account, F3 item)."))
            return
        if kind == "cash":
            self.add_tender(CashTender(amount))
        elif kind == "check":
            self._open(CheckDialog(self, self.counter, amount))
        elif kind == "money_order":
            self._open(MoneyOrderDialog(self, amount))
        else:
            card = CardDialog(self, self.counter, self.sale, amount)
            card.settled.connect(self._card_taken)
            card.finished.connect(lambda _r: self._back())
            self.dialog = card
            card.start()

    def _open(self, dialog: CheckDialog | MoneyOrderDialog) -> None:
        dialog.taken.connect(self.add_tender)
        dialog.finished.connect(lambda _r: self._back())
        self.dialog = dialog
        dialog.open()

    def _back(self) -> None:
        self.dialog = None
        refocus(self.tenders.amount)

    def _card_taken(self, result: object) -> None:
        assert isinstance(result, CardResult)
        self.add_tender(CardTender(result.amount, result.brand, result.last4, result.auth_code,
                                   result.reference))

    def add_tender(self, tender: object) -> None:
        assert isinstance(tender, CashTender | CheckTender | MoneyOrderTender | CardTender)
        self.sale.tenders.append(tender)
        self.notice.clear_notice()
        self.refresh()

    # -- finishing ---------------------------------------------------------------------------

    def finish(self) -> None:
        drawer, user = self.counter.drawer, self.counter.user
        if self.sale.pending_card is not None:
            self.notice.refuse_text(self.tr("A card payment's outcome is unknown: press F8."))
            return
        if drawer is None or user is None or not self.sale.lines:
            return
        try:
            record = post_payment(self.counter.db, self.sale.payment(drawer, user.id))
        except CashierError as exc:
            self.notice.refuse(exc)  # the sale stays as it was: fix it and finish again
            return
        self.last_receipt = record
        self.sale = Sale()
        self.account.clear()
        self.lookup.reset()
        self.notice.note(self.tr("Receipt %1 posted.").replace("%1", record.number))
        self.refresh()
        self.tenders.show_change(record.change, record.number)
        self.jobs.print_receipt(record)
        if any(t.type != "card" for t in record.tenders):
            self.jobs.kick(f"receipt {record.number}")
        self.jobs.show_change(record.total, record.change)
        self.lookup.focus()

    def new_sale(self) -> None:
        """Cancel the unfinished sale (not a void: nothing was posted, C3)."""
        if self.sale.pending_card is not None:
            self.notice.refuse_text(self.tr("A card payment's outcome is unknown: press F8."))
            return
        for result in self.sale.approved_cards():
            self._reverse(result)
        self.set_sale(Sale())
        self.lookup.focus()

    def _reverse(self, result: CardResult) -> None:
        terminal = self.counter.devices.card_terminal
        transaction = f"{self.counter.terminal}-{uuid.uuid4().hex[:16]}"

        def done(reply: object) -> None:
            assert isinstance(reply, CardResult)
            if reply.approved:
                self.jobs.status.show_message(reply.describe())
            else:
                self.jobs.status.show_trouble(reply.describe(), lambda: self._reverse(result))

        Operation(self, lambda: terminal.void(result, transaction, lambda _r: None)) \
            .success(done) \
            .failure(lambda exc: self.jobs.status.show_trouble(describe(exc),
                                                              lambda: self._reverse(result))) \
            .run(self.counter.workers)
