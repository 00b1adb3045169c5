"""Blind close (C6): the cashier counts cash by denomination, lists each check and money
order and takes the card batch from the terminal, and only then sees what was expected.
One recount is allowed after the reveal; a supervisor approves the close with a note (C7).

Once the count is in, the database is backed up on a worker (``ui.backup_jobs``): a backup of
a large file takes seconds, and the window must not freeze for it nor the close wait on it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.devices.card.terminal import BatchTotals
from cashier.ledger.drawer import sessions
from cashier.ledger.drawer.sessions import CloseCount, SessionSummary
from cashier.ledger.rules.drawer_math import TENDERS, TenderTotals
from cashier.ledger.rules.errors import CashierError
from cashier.ledger.rules.money import Cents, format_money, parse_money
from cashier.ui.backup_jobs import BackupJobs
from cashier.ui.counter import Counter
from cashier.ui.drawer.count_grid import CountGrid
from cashier.ui.operation import Operation
from cashier.ui.widgets.form_dialog import FormDialog
from cashier.ui.widgets.keys import key_for, shortcut
from cashier.ui.widgets.notice import Notice


class DocumentList(QWidget):
    """Checks or money orders: number, amount, Enter adds; Delete removes the last one."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[tuple[str, Cents]] = []
        self.title = QLabel(title)
        self.number = QLineEdit()
        self.number.setAccessibleName(self.tr("%1 number").replace("%1", title))
        self.number.setPlaceholderText(self.tr("number"))
        self.amount = QLineEdit()
        self.amount.setAccessibleName(self.tr("%1 amount").replace("%1", title))
        self.amount.setPlaceholderText(self.tr("amount, Enter adds"))
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setMaximumHeight(120)
        self.notice = Notice(self)
        row = QHBoxLayout()
        row.addWidget(self.number)
        row.addWidget(self.amount)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.list)
        layout.addWidget(self.notice)
        self.number.returnPressed.connect(self.amount.setFocus)
        self.amount.returnPressed.connect(self.add)
        shortcut(self, "Ctrl+Backspace", self.remove_last)

    def add(self) -> None:
        number = self.number.text().strip()
        try:
            cents = parse_money(self.amount.text(), what=self.tr("amount of %1").replace(
                "%1", number or "?"), allow_zero=False)
        except CashierError as exc:
            self.notice.refuse(exc)
            return
        self.notice.clear_notice()
        self.entries.append((number, cents))
        self.list.addItem(f"{number}   {format_money(cents)}")
        self.number.clear()
        self.amount.clear()
        self.number.setFocus()

    def remove_last(self) -> None:
        if self.entries:
            self.entries.pop()
            self.list.takeItem(self.list.count() - 1)


def outcome_table(name: str) -> QTableWidget:
    """Counted, expected and over/short per tender: filled only once the count is in (C6)."""
    # Spelled out for lupdate: it reads the context only from a literal translate() call.
    table = QTableWidget(len(TENDERS), 3)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels([QCoreApplication.translate("CloseDialog", "Counted"),
                                     QCoreApplication.translate("CloseDialog", "Expected"),
                                     QCoreApplication.translate("CloseDialog", "Over/short")])
    table.setVerticalHeaderLabels([QCoreApplication.translate("CloseDialog", "Cash"),
                                   QCoreApplication.translate("CloseDialog", "Checks"),
                                   QCoreApplication.translate("CloseDialog", "Money orders"),
                                   QCoreApplication.translate("CloseDialog", "Card")])
    return table


def show_outcome(table: QTableWidget, summary: SessionSummary) -> None:
    rows: list[tuple[TenderTotals | None, int]] = [
        (summary.counted, 0), (summary.expected, 1), (summary.over_short, 2)]
    for totals, column in rows:
        for row, tender in enumerate(TENDERS):
            text = format_money(totals.get(tender)) if totals else ""
            table.setItem(row, column, QTableWidgetItem(text))


class CloseDialog(FormDialog):
    closed = Signal(object)  # the SessionSummary once the count is in

    def __init__(self, parent: QWidget, counter: Counter) -> None:
        super().__init__(parent, counter, self.tr("Close drawer"),
                         self.tr("Count everything in the drawer. What was expected is shown "
                                 "only after you submit the count (blind close)."),
                         self.tr("Submit count"))
        self.summary: SessionSummary | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._count_page())
        self.pages.addWidget(self._result_page())
        self.body.insertWidget(1, self.pages)
        self.grid.focus_first()
        self.resize(1100, 760)

    def _count_page(self) -> QWidget:
        page = QWidget()
        self.grid = CountGrid(self.counter, page)
        self.checks = DocumentList(self.tr("Checks"), page)
        self.money_orders = DocumentList(self.tr("Money orders"), page)
        self.card_batch = QLineEdit()
        self.card_batch.setAccessibleName(self.tr("Card batch total"))
        self.batch_button = QPushButton(self.tr("Card batch from terminal (F6)"))
        self.batch_button.setAccessibleName(self.tr("Card batch from terminal"))
        key_for(self.batch_button, "F6")
        self.batch_button.setAutoDefault(False)
        self.batch_button.clicked.connect(self.fetch_batch)
        self.batch_note = Notice(page)
        documents = QHBoxLayout()
        documents.addWidget(self.checks)
        documents.addWidget(self.money_orders)
        card = QHBoxLayout()
        card.addWidget(QLabel(self.tr("Card batch")))
        card.addWidget(self.card_batch)
        card.addWidget(self.batch_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.grid)
        layout.addLayout(documents)
        layout.addLayout(card)
        layout.addWidget(self.batch_note)
        self.grid.done.connect(self.checks.number.setFocus)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.outcome = outcome_table(self.tr("Close result"))
        self.recount_button = QPushButton(self.tr("Recount once (F7)"))
        self.recount_button.setAccessibleName(self.tr("Recount"))
        key_for(self.recount_button, "F7")
        self.recount_button.setAutoDefault(False)
        self.recount_button.clicked.connect(self.recount)
        layout = QVBoxLayout(page)
        layout.addWidget(self.outcome)
        layout.addWidget(self.recount_button)
        return page

    # -- the count ---------------------------------------------------------------------------

    def fetch_batch(self) -> None:
        # Reconciliation closes the terminal's batch: run it once, at the close.
        # A failure shows in the batch line: the total can still be keyed from the slip.
        Operation(self, self.counter.devices.card_terminal.reconcile) \
            .busy(self.batch_note, self.tr("Asking the terminal for its batch…"),
                  self.batch_button) \
            .success(self._batch).run(self.counter.workers)

    def _batch(self, totals: object) -> None:
        assert isinstance(totals, BatchTotals)
        self.card_batch.setText(format_money(totals.net))
        self.batch_note.note(totals.describe())

    def count(self) -> CloseCount:
        text = self.card_batch.text().strip()
        card = parse_money(text, what=self.tr("card batch total")) if text else 0
        return CloseCount(cash=self.grid.counts(), checks=tuple(self.checks.entries),
                          money_orders=tuple(self.money_orders.entries), card_batch=card)

    def submit(self) -> None:
        drawer, user = self.counter.drawer or "", self.counter.user_id
        if self.summary is None:
            ok, summary = self.attempt(lambda: sessions.close_drawer(
                self.counter.db, drawer, user, self.count()))
        elif self.pages.currentIndex() == 0:  # the recount, after the reveal
            ok, summary = self.attempt(lambda: sessions.recount(
                self.counter.db, self.summary.drawer if self.summary else drawer, user,
                self.count()))
        else:
            self.approve()
            return
        if ok and summary is not None:
            self.reveal(summary)

    def reveal(self, summary: SessionSummary) -> None:
        """C6: the expected figures appear only now, next to the count."""
        if self.summary is None:  # the close itself, not its recount
            jobs = self.counter.findChild(BackupJobs)
            if jobs is not None:
                jobs.run("close")
        self.summary = summary
        self.closed.emit(summary)
        show_outcome(self.outcome, summary)
        self.pages.setCurrentIndex(1)
        self.notice.clear_notice()
        self.heading.setText(self.tr("Drawer %1 counted. A supervisor approves the close; "
                                     "any over/short needs a note.").replace("%1", summary.drawer))
        self.ok_button.setText(self.tr("Supervisor approval (Ctrl+Enter)"))
        self.ok_button.setAccessibleName(self.tr("Supervisor approval"))
        self.recount_button.setEnabled(not summary.recounted)
        self.ok_button.setFocus()

    def recount(self) -> None:
        if self.summary is None or self.summary.recounted:
            return
        self.pages.setCurrentIndex(0)
        self.ok_button.setText(self.tr("Submit recount (Ctrl+Enter)"))
        self.grid.focus_first()

    def approve(self) -> None:
        if self.summary is None:
            return
        drawer, session = self.summary.drawer, self.summary.id
        self.second_person(self.tr("Supervisor approval"),
                           self.tr("Approve the close of drawer %1.").replace("%1", drawer),
                           lambda who, note: self._approve(drawer, session, who, note),
                           note_label=self.tr("Note (needed for any over/short)"))

    def _approve(self, drawer: str, session: int, supervisor: str, note: str) -> None:
        # Exactly the session this dialog counted: after a relief handoff the outgoing
        # cashier's session waits on the same drawer, and must not be approved instead.
        ok, summary = self.attempt(lambda: sessions.approve_close(
            self.counter.db, drawer, supervisor, note, session=session))
        if ok and summary is not None:
            self.summary = summary
            self.accept()
