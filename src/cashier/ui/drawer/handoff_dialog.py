"""Relief handoff (C4): the outgoing cashier counts the drawer with the relief cashier, who
signs with their own id and PIN; the count ends the outgoing session with its own over/short
and opens the relief session with exactly that money. Like the blind close (C6), what was
expected is shown only after the count is in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from cashier.ledger.drawer import sessions
from cashier.ledger.drawer.sessions import CloseCount, Handoff
from cashier.ledger.rules.money import format_display
from cashier.ui.counter import Counter
from cashier.ui.drawer.close_dialog import DocumentList, outcome_table, show_outcome
from cashier.ui.drawer.count_grid import CountGrid
from cashier.ui.widgets.form_dialog import FormDialog


class HandoffDialog(FormDialog):
    handed_off = Signal(object)  # Handoff, once both have signed

    def __init__(self, parent: QWidget, counter: Counter) -> None:
        super().__init__(parent, counter, self.tr("Relief handoff"),
                         self.tr("Count everything in drawer %1 together with the relief "
                                 "cashier, who then signs with their id and PIN. What was "
                                 "expected is shown only after the count is in.")
                         .replace("%1", counter.drawer or ""), self.tr("Hand over"))
        self.handover: Handoff | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._count_page())
        self.outcome = outcome_table(self.tr("Handoff result"))
        self.pages.addWidget(self.outcome)
        self.body.insertWidget(1, self.pages)
        self.grid.focus_first()
        self.resize(1100, 720)

    def _count_page(self) -> QWidget:
        page = QWidget()
        self.grid = CountGrid(self.counter, page)
        self.checks = DocumentList(self.tr("Checks"), page)
        self.money_orders = DocumentList(self.tr("Money orders"), page)
        documents = QHBoxLayout()
        documents.addWidget(self.checks)
        documents.addWidget(self.money_orders)
        layout = QVBoxLayout(page)
        layout.addWidget(self.grid)
        layout.addLayout(documents)
        self.grid.done.connect(self.checks.number.setFocus)
        return page

    def count(self) -> CloseCount:
        # The card batch is not settled at a handoff: the ledger hands over the recorded total.
        return CloseCount(cash=self.grid.counts(), checks=tuple(self.checks.entries),
                          money_orders=tuple(self.money_orders.entries))

    def submit(self) -> None:
        if self.handover is not None:
            self.accept()  # go on as the relief cashier
            return
        totals = self.count().totals()
        approval = self.second_person(
            self.tr("Relief cashier signs"),
            self.tr("Drawer %1: cash %2, checks %3, money orders %4. The relief cashier "
                    "signs for this count.").replace("%1", self.counter.drawer or "")
            .replace("%2", format_display(totals.cash))
            .replace("%3", format_display(totals.check))
            .replace("%4", format_display(totals.money_order)),
            self._hand_off, ok_text=self.tr("Sign"))
        approval.user_box.setAccessibleName(self.tr("Relief cashier user id"))
        approval.pin_box.setAccessibleName(self.tr("Relief cashier PIN"))

    def _hand_off(self, incoming: str, _note: str) -> None:
        drawer, outgoing = self.counter.drawer or "", self.counter.user_id
        ok, result = self.attempt(lambda: sessions.handoff(self.counter.db, drawer, outgoing,
                                                           incoming, self.count()))
        if ok and result is not None:
            self.reveal(result)

    def reveal(self, result: Handoff) -> None:
        """C6: the outgoing session's expected figures and over/short appear only now."""
        self.handover = result
        self.handed_off.emit(result)
        show_outcome(self.outcome, result.outgoing)
        self.pages.setCurrentIndex(1)
        self.notice.clear_notice()
        self.heading.setText(self.tr("Drawer %1 is handed to %2. %3's session waits for a "
                                     "supervisor's approval; any over/short needs a note.")
                             .replace("%1", result.incoming.drawer)
                             .replace("%2", result.incoming.cashier)
                             .replace("%3", result.outgoing.cashier))
        text = self.tr("Continue as %1").replace("%1", result.incoming.cashier)
        self.ok_button.setText(f"{text} (Ctrl+Enter)")
        self.ok_button.setAccessibleName(text)
        self.cancel_button.hide()  # the handoff is made: there is nothing left to cancel
        self.ok_button.setFocus()
