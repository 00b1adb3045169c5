"""The batch screen's parts around the open batch: the list of this terminal's batches not
yet posted, the dialog that opens a new batch against its adding-machine tape, the one that
takes a remittance keyed in error out of a batch.

Every ledger call goes through the screen's ``InOrder`` queue (``ui.workers``), so it runs on
a worker after every remittance already keyed: a removal never overtakes the entry it
removes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger.remittance import batches as remittance
from cashier.ledger.remittance.batches import BatchView, Entry
from cashier.ledger.rules.errors import CashierError, InvalidReference
from cashier.ledger.rules.money import Cents, format_display, parse_money
from cashier.ui.counter import Counter
from cashier.ui.supervisor.corrections import fill
from cashier.ui.widgets.form_dialog import FormDialog
from cashier.ui.widgets.keys import key_for, refocus
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import reading_table, set_role
from cashier.ui.workers import InOrder

KIND_NAMES = {  # marked for lupdate, translated where shown
    "mail": QT_TRANSLATE_NOOP("Batches", "Mail"),
    "drop_box": QT_TRANSLATE_NOOP("Batches", "Drop box"),
}
STATUS_NAMES = {
    "open": QT_TRANSLATE_NOOP("Batches", "open"),
    "suspended": QT_TRANSLATE_NOOP("Batches", "suspended"),
    "posted": QT_TRANSLATE_NOOP("Batches", "posted"),
}
LIST_KEYS = {"new": "F5", "open": "Enter", "work": "F10"}


def kind_name(kind: str) -> str:
    return QCoreApplication.translate("Batches", str(KIND_NAMES.get(kind, kind)))


def status_name(status: str) -> str:
    return QCoreApplication.translate("Batches", str(STATUS_NAMES.get(status, status)))


def signed(value: int, text: str) -> str:
    """A difference as the tape clerk reads it: ``+1``, ``-$25.00``, ``0``."""
    return f"+{text}" if value > 0 else text


def tally(count: int, total: Cents) -> str:
    return f"{count} / {format_display(total)}"


def difference(batch: BatchView) -> str:
    return (f"{signed(batch.count_difference, str(batch.count_difference))} / "
            f"{signed(batch.difference, format_display(batch.difference))}")


def picking_table(columns: int) -> QTableWidget:
    """A table of rows to pick from with ↑↓ (unlike the payment screen's reading tables)."""
    table = reading_table(columns)
    table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(columns - 1, QHeaderView.ResizeMode.Stretch)
    return table


def fill_row(table: QTableWidget, index: int, cells: tuple[object, ...]) -> None:
    for column, text in enumerate(cells):
        item = QTableWidgetItem(str(text))
        item.setToolTip(str(text))  # a long set-aside reason is cut off in its column
        table.setItem(index, column, item)


def key_line() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    set_role(label, "keys")
    return label


def button_row(keys: dict[str, str], actions: dict[str, Callable[[], object]],
               own_keys: tuple[str, ...] = ()) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    """One button per action, its key printed on it by ``retranslate``. The keys of
    ``own_keys`` are wired elsewhere (Enter on a list, a key that must answer even while its
    button is disabled)."""
    row, buttons = QHBoxLayout(), {}
    for name, key in keys.items():
        button = QPushButton()
        button.setAutoDefault(False)
        button.clicked.connect(actions[name])
        if name not in own_keys:
            key_for(button, key)
        row.addWidget(button)
        buttons[name] = button
    row.addStretch(1)
    return row, buttons


def label_buttons(buttons: dict[str, QPushButton], keys: dict[str, str],
                  texts: dict[str, str]) -> None:
    for name, button in buttons.items():
        button.setText(f"{texts[name]} ({keys[name]})")
        button.setAccessibleName(texts[name])


class NewBatchDialog(FormDialog):
    """F5 on the batch list: the tape's count and total, and where the envelopes came from."""

    opened = Signal(object)  # BatchView

    def __init__(self, parent: QWidget, counter: Counter, calls: InOrder) -> None:
        super().__init__(parent, counter, self.tr("New remittance batch"),
                         self.tr("Run the adding-machine tape first: its item count and total "
                                 "are what the batch must balance to. Ctrl+Enter opens it."),
                         self.tr("Open batch"))
        self.calls = calls
        self.count = self.field(self.tr("Tape &count (items)"), self.tr("Tape count"))
        self.total = self.field(self.tr("Tape &total"), self.tr("Tape total"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Batch kind"))
        for kind in remittance.KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.form.addRow(self.tr("&Kind (↑↓)"), self.kind)
        self.sent = False  # one open per dialog, even if Ctrl+Enter is pressed twice
        self.count.setFocus()

    def submit(self) -> None:
        if self.sent:
            return
        text = self.count.text().strip()
        if not (text.isascii() and text.isdigit()):  # "²" is a digit to isdigit, not to int
            self.notice.refuse(InvalidReference(fill(
                self.tr("tape count %1 must be a whole number of items"), repr(text))))
            self.count.setFocus()
            return
        try:
            total = parse_money(self.total.text().strip(), what=self.tr("tape total"),
                                allow_zero=False, limit=None)
        except CashierError as exc:
            self.notice.refuse(exc)
            self.total.setFocus()
            return
        db, terminal, by = self.counter.db, self.counter.terminal, self.counter.user_id
        kind, count = str(self.kind.currentData()), int(text)
        self.sent = True
        self.calls.run(lambda: remittance.open_batch(db, terminal, kind, count, total, by=by),
                       self._opened, self._refused)

    def _opened(self, batch: BatchView) -> None:
        self.opened.emit(batch)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.sent = False
        self.notice.refuse(exc)


class RemoveEntryDialog(FormDialog):
    """F9 on the batch: a remittance keyed in error comes out of the count and total; the
    ledger keeps it, marked removed, with the reason."""

    removed = Signal(object)  # BatchView

    def __init__(self, parent: QWidget, counter: Counter, calls: InOrder, batch: str,
                 entry: Entry) -> None:
        super().__init__(parent, counter, self.tr("Remove a remittance"),
                         fill(self.tr("Remittance %1 of batch %2: account %3, check %4 for %5. "
                                      "Why does it come out of the batch? Ctrl+Enter removes "
                                      "it."), entry.seq, batch, entry.account,
                              entry.check.number, format_display(entry.check.amount)),
                         self.tr("Remove"))
        self.calls = calls
        self.batch = batch
        self.seq = entry.seq
        self.reason = self.field(self.tr("&Reason"), self.tr("Reason for removing"))
        self.sent = False
        self.reason.setFocus()

    def submit(self) -> None:
        if self.sent:
            return
        db, code, seq, by = self.counter.db, self.batch, self.seq, self.counter.user_id
        reason = self.reason.text().strip()
        self.sent = True
        self.calls.run(lambda: remittance.remove_item(db, code, seq, by=by, reason=reason),
                       self._removed, self._refused)

    def _removed(self, batch: BatchView) -> None:
        self.removed.emit(batch)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.sent = False
        self.notice.refuse(exc)
        self.reason.setFocus()


class BatchList(QWidget):
    """This terminal's batches not yet posted: Enter continues one (a suspended batch
    resumes first), F5 asks for a new one."""

    opened = Signal(object)  # BatchView, open and ready for entries
    new_asked = Signal()
    work = Signal()

    def __init__(self, counter: Counter, calls: InOrder, notice: Notice,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.calls = calls
        self.notice = notice
        self.listed: list[BatchView] = []
        self.title = QLabel()
        set_role(self.title, "title")
        self.table = picking_table(7)
        self.table.activated.connect(lambda _index: self.continue_batch())
        row, self.buttons = button_row(LIST_KEYS, {
            "new": self.new_asked.emit, "open": self.continue_batch, "work": self.work.emit},
            own_keys=("open",))
        self.keys = key_line()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.keys)

    def retranslate(self) -> None:
        self.title.setText(fill(self.tr("Remittance batches · terminal %1"),
                                self.counter.terminal))
        self.table.setAccessibleName(self.tr("Batches not yet posted"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Batch"), self.tr("Kind"), self.tr("Status"), self.tr("Opened by"),
             self.tr("Tape"), self.tr("Entered"), self.tr("Difference")])
        label_buttons(self.buttons, LIST_KEYS, {
            "new": self.tr("New batch"), "open": self.tr("Continue batch"),
            "work": self.tr("Drawer work")})
        self.keys.setText(self.tr(
            "↑↓ pick a batch · Enter continues it (a suspended batch resumes) · F5 New batch · "
            "F10 Drawer work · Ctrl+L Lock · Ctrl+Shift+E Español/English"))
        self._show_rows()

    def reload(self) -> None:
        db, terminal = self.counter.db, self.counter.terminal
        self.calls.run(lambda: [b for b in remittance.list_batches(db, unposted=True)
                                if b.terminal == terminal], self._listed, self.notice.refuse)
        refocus(self.table)

    def _listed(self, batches: list[BatchView]) -> None:
        self.listed = batches
        self._show_rows()
        if batches and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _show_rows(self) -> None:
        self.table.setRowCount(len(self.listed))
        for index, b in enumerate(self.listed):
            fill_row(self.table, index, (
                b.code, kind_name(b.kind), status_name(b.status), b.opened_by,
                tally(b.control_count, b.control_total), tally(b.entered_count, b.entered_total),
                difference(b)))

    def continue_batch(self) -> None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.listed):
            self.notice.refuse_text(self.tr("No batch waits here: F5 opens a new one."))
            return
        chosen, db, by = self.listed[index], self.counter.db, self.counter.user_id
        self.notice.clear_notice()
        if chosen.status == "suspended":
            self.calls.run(lambda: remittance.resume(db, chosen.code, by=by), self.opened.emit,
                           self.notice.refuse)
        else:
            self.calls.run(lambda: remittance.get_batch(db, chosen.code), self.opened.emit,
                           self.notice.refuse)
