"""The supervisor console: the business day's drawer sessions, the end-of-day steps of
docs/operations.md (approve each close, the deposit, the Daily Cash Report, close the day)
and the back-office corrections (returned check, transfer, refund).

A supervisor lands here after signing in unless they have a drawer open at this terminal
(Ctrl+Shift+S reaches it from the drawer screens; F10 goes back to them). The session list
is the ledger's Daily Cash Report, read on a worker; only the newest answer is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.receipts.corrections import CorrectionRecord
from cashier.ledger.rules.drawer_math import TENDERS
from cashier.ledger.rules.values import business_date, now
from cashier.sync.office import OfficeLink
from cashier.ui.counter import Counter
from cashier.ui.supervisor.corrections import (
    CorrectionDialog,
    RefundDialog,
    ReturnedCheckDialog,
    TransferDialog,
)
from cashier.ui.supervisor.dialogs import (
    ApproveCloseDialog,
    CloseDayDialog,
    DailyReportDialog,
    DepositDialog,
    opened_time,
    tender_name,
)
from cashier.ui.widgets.keys import key_for, refocus
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import fit_columns, set_role
from cashier.ui.workers import Latest

BUTTONS = ("refresh", "approve", "deposit", "report", "close_day", "work", "office")
CORRECTIONS = ("nsf", "transfer", "refund")  # a row of their own, under the day's steps
KEYS = {"refresh": "F5", "approve": "F6", "deposit": "F7", "report": "F8", "close_day": "F9",
        "work": "F10", "office": "F11", "nsf": "F2", "transfer": "F3", "refund": "F4"}
# Acts on this terminal's own books; the office view only reads.
LOCAL_ACTS = ("approve", "deposit", "close_day", *CORRECTIONS)


class SupervisorConsole(QWidget):
    work = Signal()  # F10: back to the drawer screens
    locked_out = Signal()  # C14 locked the signed-in supervisor at a correction's PIN

    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.rows: list[Mapping[str, Any]] = []
        self.status = ""  # the day's status in the last report: "open" or "closed"
        self.dialog: QDialog | None = None
        self.title = QLabel()
        set_role(self.title, "title")
        self.day_label = QLabel()
        self.day_box = QLineEdit()
        self.day_box.setMaximumWidth(180)
        self.day_label.setBuddy(self.day_box)
        self.day_box.returnPressed.connect(self.refresh)
        self.day_state = QLabel()
        set_role(self.day_state, "heading")
        self.table = QTableWidget(0, 5 + len(TENDERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        fit_columns(self.table)
        self.notice = Notice(self)
        self.buttons: dict[str, QPushButton] = {}
        self.central = OfficeLink()
        self.office = False  # showing the whole office from central instead of this terminal
        actions = {"refresh": self.refresh, "approve": self.approve, "deposit": self.deposit,
                   "report": self.report, "close_day": self.close_day, "work": self.work.emit,
                   "office": self.toggle_office, "nsf": self.nsf, "transfer": self.transfer,
                   "refund": self.refund}
        row, fixes = QHBoxLayout(), QHBoxLayout()
        self.fixes_label = QLabel()
        set_role(self.fixes_label, "heading")
        fixes.addWidget(self.fixes_label)
        for name in BUTTONS + CORRECTIONS:
            button = QPushButton()
            button.setAutoDefault(False)
            button.clicked.connect(actions[name])
            key_for(button, KEYS[name])
            (fixes if name in CORRECTIONS else row).addWidget(button)
            self.buttons[name] = button
        fixes.addStretch(1)
        self.buttons["office"].setCheckable(True)
        self.buttons["office"].setVisible(self.central.configured)
        self.keys = QLabel()
        self.keys.setWordWrap(True)
        set_role(self.keys, "keys")
        top = QHBoxLayout()
        top.addWidget(self.day_label)
        top.addWidget(self.day_box)
        top.addSpacing(24)
        top.addWidget(self.day_state)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(fixes)
        layout.addWidget(self.keys)
        self.reader = Latest(counter.workers, self._read, self)
        self.reader.answered.connect(self._answered)
        self.reader.failed.connect(lambda _q, exc: self.notice.refuse(exc))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Supervisor console · whole office (central)") if self.office
                           else self.tr("Supervisor console"))
        self.day_label.setText(self.tr("Business &date"))
        self.day_box.setAccessibleName(self.tr("Business date"))
        self.table.setAccessibleName(self.tr("Drawer sessions of the day"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Drawer"), self.tr("Cashier"), self.tr("Opened"), self.tr("Status")]
            + [self.tr("%1 over/short").replace("%1", tender_name(t)) for t in TENDERS]
            + [self.tr("Approved by")])
        texts = {"refresh": self.tr("Refresh"), "approve": self.tr("Approve close"),
                 "deposit": self.tr("Deposit"), "report": self.tr("Daily Cash Report"),
                 "close_day": self.tr("Close business day"), "work": self.tr("Drawer work"),
                 "office": self.tr("Office view"), "nsf": self.tr("Returned check"),
                 "transfer": self.tr("Transfer payment"), "refund": self.tr("Refund credit")}
        self.fixes_label.setText(self.tr("Corrections:"))
        for name, button in self.buttons.items():
            button.setText(f"{texts[name]} ({KEYS[name]})")
            button.setAccessibleName(texts[name])
        self.keys.setText(self.tr(
            "Alt+D Business date, Enter reloads · ↑↓ pick a session · F5 Refresh · "
            "F6 Approve close · F7 Deposit · F8 Daily Cash Report · F9 Close business day · "
            "F10 Drawer work · F11 Office view · F2 Returned check · F3 Transfer payment · "
            "F4 Refund credit · Ctrl+L Lock · Ctrl+Shift+E Español/English"))
        self._show_rows()

    # -- the day -----------------------------------------------------------------------------

    def start(self) -> None:
        self.day_box.setText(business_date(now()).isoformat())
        self.notice.clear_notice()
        self.refresh()
        self.table.setFocus()

    def day(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.day_box.text().strip())
        except ValueError:
            self.notice.refuse_text(self.tr("Type the business date as YYYY-MM-DD."))
            self.day_box.setFocus()
            return None

    def refresh(self) -> None:
        day = self.day()
        if day is not None:
            self.reader.request(day.isoformat())

    def _read(self, day: str) -> dict[str, Any]:
        db = self.central.database() if self.office else self.counter.db
        return daily_cash_report(db, dt.date.fromisoformat(day))

    def toggle_office(self) -> None:
        """F11: every terminal's sessions, read from central (read-only), or back to this
        terminal's own. Approvals, the deposit and closing the day stay with each terminal."""
        if not self.central.configured:
            return
        self.office = not self.office
        self.buttons["office"].setChecked(self.office)
        for name in LOCAL_ACTS:
            self.buttons[name].setEnabled(not self.office)
        self.rows, self.status = [], ""
        self.retranslate()
        self.refresh()

    def _answered(self, _day: object, report: object) -> None:
        assert isinstance(report, dict)
        self.rows = list(report["sessions"])
        self.status = str(report["status"])
        self._show_rows()
        if self.rows and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _show_rows(self) -> None:
        current = self.table.currentRow()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            over = row["over_short"] or {}
            cells = [row["drawer"], row["cashier"], opened_time(row), self._status(row),
                     *(over.get(t, "") for t in TENDERS), row["approved_by"] or ""]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(str(text)))
        if 0 <= current < len(self.rows):
            self.table.selectRow(current)
        self.day_state.setText(self.tr("Day closed") if self.status == "closed"
                               else self.tr("Day open") if self.status else "")

    def _status(self, row: Mapping[str, Any]) -> str:
        if row["status"] == "open":
            return self.tr("open")
        ended = (self.tr("handed to %1").replace("%1", str(row["handed_to"]))
                 if row["status"] == "handed_off" else self.tr("closed"))
        return ended if row["approved_by"] else self.tr("%1, waiting for approval").replace(
            "%1", ended)

    # -- the steps ---------------------------------------------------------------------------

    def selected(self) -> Mapping[str, Any] | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def approve(self) -> None:
        if self.office:
            return
        row = self.selected()
        if row is None:
            self.notice.refuse_text(self.tr("There is no session to approve on this day."))
            return
        who = f"{row['drawer']} ({row['cashier']})"
        if row["status"] == "open":
            self.notice.refuse_text(self.tr("%1 is still open: a session is approved after its "
                                            "close or handoff.").replace("%1", who))
        elif row["approved_by"]:
            self.notice.refuse_text(self.tr("%1 is already approved by %2.").replace(
                "%1", who).replace("%2", str(row["approved_by"])))
        else:
            # The dialog names the session by its opening time: exactly this row is approved,
            # even while an earlier day's session of the drawer still waits.
            self._open(ApproveCloseDialog(self.window(), self.counter, row))

    def deposit(self) -> None:
        day = self.day()
        if day is not None and not self.office:
            self._open(DepositDialog(self.window(), self.counter, day))

    def report(self) -> None:
        day = self.day()
        if day is not None:
            self._open(DailyReportDialog(self.window(), self.counter, day,
                                         office=self.central if self.office else None))

    def close_day(self) -> None:
        day = self.day()
        if day is not None and not self.office:
            self._open(CloseDayDialog(self.window(), self.counter, day))

    # -- corrections (docs/operations.md, "Supervisor: corrections") -------------------------

    def nsf(self) -> None:
        if not self.office:
            self._correct(ReturnedCheckDialog(self.window(), self.counter))

    def transfer(self) -> None:
        if not self.office:
            self._correct(TransferDialog(self.window(), self.counter))

    def refund(self) -> None:
        if not self.office:
            # A cash refund is paid out of an open drawer: the ones in the list on screen.
            drawers = [(str(row["drawer"]), str(row["cashier"])) for row in self.rows
                       if row["status"] == "open"]
            self._correct(RefundDialog(self.window(), self.counter, drawers))

    def _correct(self, dialog: CorrectionDialog) -> None:
        def done(record: CorrectionRecord) -> None:
            self.notice.note(dialog.summary(record))

        dialog.corrected.connect(done)
        dialog.locked_out.connect(lambda _user: self.locked_out.emit())
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            return
        self.notice.clear_notice()
        self.dialog = dialog
        dialog.finished.connect(self._back)
        dialog.open()

    def _back(self, _result: int) -> None:
        self.dialog = None
        self.refresh()
        refocus(self.table)
