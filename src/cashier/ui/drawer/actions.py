"""The Drawer menu: every drawer action with its shortcut, and what follows each one (the
VOID receipt printed, the COPY printed, the drawer kicked, the close or the handoff handed
back to the window).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow

from cashier.ledger.receipts.records import ReceiptRecord
from cashier.ledger.reference import users
from cashier.ledger.rules.money import format_display
from cashier.ui.counter import Counter
from cashier.ui.device_jobs import DeviceJobs
from cashier.ui.drawer.close_dialog import CloseDialog
from cashier.ui.drawer.dialogs import (
    DropDialog,
    NoSaleDialog,
    PaidOutDialog,
    ReprintDialog,
    VoidDialog,
)
from cashier.ui.drawer.handoff_dialog import HandoffDialog
from cashier.ui.payment.screen import PaymentScreen
from cashier.ui.widgets.keys import refocus

ACTIONS = (  # (key, shortcut, menu label; marked for lupdate, translated at retranslate)
    ("void", "Ctrl+Shift+V", QT_TRANSLATE_NOOP("DrawerActions", "Void a receipt")),
    ("reprint", "Ctrl+Shift+R", QT_TRANSLATE_NOOP("DrawerActions", "Reprint a receipt")),
    ("no_sale", "Ctrl+Shift+O", QT_TRANSLATE_NOOP("DrawerActions", "No sale (open drawer)")),
    ("drop", "Ctrl+Shift+D", QT_TRANSLATE_NOOP("DrawerActions", "Cash drop")),
    ("paid_out", "Ctrl+Shift+P", QT_TRANSLATE_NOOP("DrawerActions", "Paid-out")),
    ("handoff", "Ctrl+Shift+H", QT_TRANSLATE_NOOP("DrawerActions", "Relief handoff")),
    ("close", "Ctrl+Shift+C", QT_TRANSLATE_NOOP("DrawerActions", "Close drawer")),
)


class DrawerActions(QObject):
    drawer_closed = Signal()
    handed_off = Signal(object)  # the relief cashier's UserInfo: the window goes on as them

    def __init__(self, window: QMainWindow, counter: Counter, jobs: DeviceJobs,
                 payment: PaymentScreen) -> None:
        super().__init__(window)
        self.window = window
        self.counter = counter
        self.jobs = jobs
        self.payment = payment
        self.menu = window.menuBar().addMenu("")
        self.dialog: QDialog | None = None
        openers: dict[str, Callable[[], QDialog | None]] = {
            "void": self._void, "reprint": self._reprint, "no_sale": self._no_sale,
            "drop": self._drop, "paid_out": self._paid_out, "handoff": self._handoff,
            "close": self._close,
        }
        self.actions: dict[str, QAction] = {}
        for key, keys, _label in ACTIONS:
            action = QAction(window)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _c=False, k=key: self.open(openers[k]))
            self.menu.addAction(action)
            window.addAction(action)
            self.actions[key] = action

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Drawer"))
        for key, _keys, label in ACTIONS:
            self.actions[key].setText(QCoreApplication.translate("DrawerActions", str(label)))

    def set_enabled(self, enabled: bool) -> None:
        """Drawer actions exist only while the signed-in user has a drawer open."""
        for action in self.actions.values():
            action.setEnabled(enabled)

    def open(self, make: Callable[[], QDialog | None]) -> None:
        if self.dialog is not None or self.counter.drawer is None:
            return
        self.dialog = make()
        if self.dialog is None:
            return
        self.dialog.finished.connect(self._finished)
        self.dialog.open()

    def _finished(self, _result: int) -> None:
        self.dialog = None
        refocus(self.payment.lookup.search)

    # -- each action and what follows it -----------------------------------------------------

    def _void(self) -> QDialog:
        dialog = VoidDialog(self.window, self.counter)
        dialog.voided.connect(self._voided)
        return dialog

    def _voided(self, record: object) -> None:
        assert isinstance(record, ReceiptRecord)
        self.jobs.print_receipt(record)  # printed with the VOID mark (C1)
        self.jobs.status.show_message(self.tr("Receipt %1 voided.").replace("%1", record.number))

    def _reprint(self) -> QDialog:
        dialog = ReprintDialog(self.window, self.counter)
        dialog.reprinted.connect(self._reprinted)
        return dialog

    def _reprinted(self, record: object) -> None:
        assert isinstance(record, ReceiptRecord)
        self.jobs.print_receipt(record, copy=True)  # marked COPY (C10); the ledger logged it
        self.jobs.status.show_message(self.tr("Receipt %1 reprinted as a COPY.")
                                      .replace("%1", record.number))

    def _no_sale(self) -> QDialog:
        dialog = NoSaleDialog(self.window, self.counter)
        dialog.completed.connect(lambda reason: self.jobs.kick(f"no sale: {reason}"))
        return dialog

    def _drop(self) -> QDialog:
        dialog = DropDialog(self.window, self.counter)
        dialog.completed.connect(lambda cents: self._moved(self.tr("Dropped %1."), cents))
        return dialog

    def _paid_out(self) -> QDialog:
        dialog = PaidOutDialog(self.window, self.counter)
        dialog.completed.connect(lambda cents: self._moved(self.tr("Paid out %1."), cents))
        return dialog

    def _moved(self, text: str, cents: int) -> None:
        self.jobs.kick(text.replace("%1", format_display(cents)))
        self.jobs.status.show_message(text.replace("%1", format_display(cents)))

    def _handoff(self) -> QDialog | None:
        if not self.payment.sale.empty:
            # The count must hold all the drawer's money: no sale may be half taken.
            self.payment.notice.refuse_text(self.tr(
                "Finish the sale (F12) or cancel it (Ctrl+N) before handing the drawer over."))
            return None
        dialog = HandoffDialog(self.window, self.counter)
        dialog.finished.connect(lambda _r: self._after_handoff(dialog))
        return dialog

    def _after_handoff(self, dialog: HandoffDialog) -> None:
        if dialog.handover is not None:  # both signed: the drawer is the relief cashier's now
            self.handed_off.emit(users.get_user(self.counter.db, dialog.handover.incoming.cashier))

    def _close(self) -> QDialog:
        dialog = CloseDialog(self.window, self.counter)
        dialog.finished.connect(lambda _r: self._after_close(dialog))
        return dialog

    def _after_close(self, dialog: CloseDialog) -> None:
        if dialog.summary is not None:  # the count went in: the drawer is closed
            self.drawer_closed.emit()
