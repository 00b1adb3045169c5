"""Account lookup: results as you type (on a worker, newest keystroke wins), or a bill stub
scanned into the same box by a keyboard-wedge scanner, or read from a serial scanner (F4)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.devices.errors import DeviceError
from cashier.devices.stub_scanner import StubScan
from cashier.ledger import books
from cashier.ledger.books import AccountMatch
from cashier.ui.counter import Counter
from cashier.ui.operation import Operation
from cashier.ui.widgets.notice import Notice
from cashier.ui.workers import Latest

MIN_STUB_DIGITS = 13  # longer than any account number keyed at the counter
RESULTS = 20


class LookupPanel(QWidget):
    chosen = Signal(str)  # account number
    scanned = Signal(object)  # StubScan

    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.label = QLabel()
        self.search = QLineEdit()
        self.label.setBuddy(self.search)
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMinimumHeight(160)
        self.scan_button = QPushButton()
        self.notice = Notice(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.scan_button)
        layout.addWidget(self.notice)
        self.finder = Latest(counter.workers,
                             lambda text: books.find_accounts(counter.db, text, limit=RESULTS),
                             self)
        self.finder.answered.connect(self._show)
        self.finder.failed.connect(lambda _q, exc: self.notice.refuse(exc))
        self.search.textEdited.connect(self._typed)
        self.search.returnPressed.connect(self._enter)
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(self._activated)
        self.scan_button.clicked.connect(self.read_scanner)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("&Find account (F2): number, name or address words, or scan"))
        self.search.setAccessibleName(self.tr("Find account"))
        self.results.setAccessibleName(self.tr("Accounts found"))
        self.scan_button.setText(self.tr("Read stub scanner (F4)"))
        self.scan_button.setAccessibleName(self.tr("Read stub scanner"))

    def focus(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def reset(self) -> None:
        self.search.clear()
        self.results.clear()
        self.notice.clear_notice()
        self.finder.current = None

    # -- typing ------------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self.notice.clear_notice()
        if not text.strip() or self._looks_like_stub(text):
            self.finder.current = None  # an answer still on its way is now stale
            self.results.clear()
            return
        self.finder.request(text)

    def _show(self, _question: str, matches: object) -> None:
        assert isinstance(matches, list)
        self.results.clear()
        for match in matches:
            assert isinstance(match, AccountMatch)
            item = QListWidgetItem(f"{match.number}   {match.name}   {match.address}")
            item.setData(Qt.ItemDataRole.UserRole, match.number)
            self.results.addItem(item)
        if matches:
            self.results.setCurrentRow(0)
        else:
            self.notice.note(self.tr("No account matches."))

    def _enter(self) -> None:
        text = self.search.text()
        if self._looks_like_stub(text):
            self._parse_stub(text)
        elif self.results.currentItem() is not None:
            self._activated(self.results.currentItem())

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Up/Down walk the results while the cursor stays in the search box.
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    # -- the stub ----------------------------------------------------------------------------

    @staticmethod
    def _looks_like_stub(text: str) -> bool:
        digits = text.replace(" ", "")
        return digits.isdigit() and len(digits) >= MIN_STUB_DIGITS

    def _parse_stub(self, text: str) -> None:
        try:
            scan = self.counter.devices.stub_scanner.parse_line(text)
        except DeviceError as exc:
            self.notice.refuse(exc)
            self.search.selectAll()
            return
        self._scanned(scan)

    def read_scanner(self) -> None:
        Operation(self, self.counter.devices.stub_scanner.read_stub) \
            .busy(self.notice, self.tr("Scan the bill stub…")) \
            .success(self._scanned).run(self.counter.workers)

    def _scanned(self, scan: object) -> None:
        assert isinstance(scan, StubScan)
        self.notice.clear_notice()
        self.search.setText(scan.account)
        self.results.clear()
        self.scanned.emit(scan)
