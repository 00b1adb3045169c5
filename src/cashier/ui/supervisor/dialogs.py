"""The supervisor's end of day (C7, C11, C12), one dialog per step of docs/operations.md:
approve a drawer's close, make the deposit with a second supervisor, check and export the
Daily Cash Report, close the business day.

Every decision is the ledger's; the reports are rendered on a worker, so a slow disk never
freezes the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTableWidgetItem, QWidget

from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.day.deposit import DepositPlan, DepositRecord, deposit_preview, make_deposit
from cashier.ledger.drawer import sessions
from cashier.ledger.rules.drawer_math import TENDERS
from cashier.ledger.rules.errors import InvalidReference
from cashier.ledger.rules.money import format_display
from cashier.ledger.rules.values import now
from cashier.services.report_files import write_daily_cash_report, write_deposit_slip
from cashier.sync.office import OfficeLink
from cashier.ui.counter import Counter
from cashier.ui.operation import Operation
from cashier.ui.widgets.form_dialog import FormDialog
from cashier.ui.widgets.theme import reading_table

TENDER_NAMES = {  # marked for lupdate, translated where shown
    "cash": QT_TRANSLATE_NOOP("Tenders", "Cash"),
    "check": QT_TRANSLATE_NOOP("Tenders", "Checks"),
    "money_order": QT_TRANSLATE_NOOP("Tenders", "Money orders"),
    "card": QT_TRANSLATE_NOOP("Tenders", "Card"),
}


def tender_name(tender: str) -> str:
    return QCoreApplication.translate("Tenders", str(TENDER_NAMES[tender]))


def opened_at(row: Mapping[str, Any]) -> dt.datetime:
    """A report row's session, as the ledger names it across databases: its opening time."""
    return dt.datetime.fromisoformat(str(row["opened_at"]))


def opened_time(row: Mapping[str, Any]) -> str:
    """The opening time in the offset it was recorded in (the console shows one day)."""
    return opened_at(row).strftime("%H:%M")


def signed_in_name(counter: Counter) -> str:
    """Who the console's acts are recorded under: the signed-in supervisor."""
    user = counter.user
    return f"{user.name} ({user.id})" if user is not None else ""


def report_path(counter: Counter, kind: str, day: dt.date) -> str:
    """Where a report is saved unless the supervisor types another file."""
    return str(counter.reports_folder / f"{kind}-{day.isoformat()}.pdf")


def _target(box: QLineEdit) -> Path:
    path = Path(box.text().strip()).expanduser()
    if not box.text().strip() or path.is_dir():
        raise InvalidReference(f"type the PDF file's name, not {box.text().strip() or 'nothing'}")
    return path


class ApproveCloseDialog(FormDialog):
    """The signed-in supervisor, named on the form, approves exactly the selected ended session
    (by its id in this terminal's database); a nonzero over/short needs a note and nobody
    approves their own drawer (the ledger's rules, C3, C7)."""

    def __init__(self, parent: QWidget, counter: Counter, row: Mapping[str, Any]) -> None:
        super().__init__(parent, counter, self.tr("Approve close"),
                         self.tr("Approve the close of drawer %1, cashier %2, opened %3.")
                         .replace("%1", str(row["drawer"])).replace("%2", str(row["cashier"]))
                         .replace("%3", opened_at(row).strftime("%Y-%m-%d %H:%M")),
                         self.tr("Approve"))
        self.row = row
        self.approver = self.person(self.tr("Approved by"), signed_in_name(counter))
        self.figures = QLabel(self._figures(row))
        self.figures.setAccessibleName(self.tr("Counted, expected and over/short"))
        self.form.addRow(self.figures)
        self.note = self.field(self.tr("&Note (needed for any over/short)"),
                               self.tr("Approval note"))
        self.note.setFocus()

    def _figures(self, row: Mapping[str, Any]) -> str:
        counted, expected, over = row["counted"] or {}, row["expected"] or {}, row["over_short"]
        lines = [self.tr("%1: counted %2, expected %3, over/short %4")
                 .replace("%1", tender_name(t)).replace("%2", counted.get(t, ""))
                 .replace("%3", expected.get(t, "")).replace("%4", (over or {}).get(t, ""))
                 for t in TENDERS]
        return "\n".join(lines)

    def submit(self) -> None:
        row = self.row
        ok, _summary = self.attempt(lambda: sessions.approve_close(
            self.counter.db, str(row["drawer"]), self.counter.user_id, self.note.text(),
            # The report's row names its session as the journal does: cashier and opening.
            session=sessions.SessionKey(dt.datetime.fromisoformat(str(row["opened_at"])),
                                        str(row["cashier"]))))
        if ok:
            self.accept()


class DepositDialog(FormDialog):
    """Preview, then the deposit signed by this supervisor and a second one (C11), then the
    slip. The slip is a file: if it cannot be written the deposit still stands, and Ctrl+Enter
    writes it again."""

    made = Signal(object)  # DepositRecord

    def __init__(self, parent: QWidget, counter: Counter, day: dt.date) -> None:
        super().__init__(parent, counter, self.tr("Bank deposit"),
                         self.tr("Deposit of %1 from the balanced drawers. You prepare it; a "
                                 "second supervisor verifies it with their id and PIN (C11).")
                         .replace("%1", day.isoformat()), self.tr("Make deposit"))
        self.day = day
        self.plan: DepositPlan | None = None
        self.record: DepositRecord | None = None
        self.preparer = self.person(self.tr("Prepared by"), signed_in_name(counter))
        self.verifier = self.person(self.tr("Verified by"),
                                    self.tr("a second supervisor, with their id and PIN"))
        self.preview = QLabel(self.tr("Counting the balanced drawers…"))
        self.preview.setAccessibleName(self.tr("Deposit preview"))
        self.form.addRow(self.preview)
        self.bag = self.field(self.tr("&Bag number"), self.tr("Bag number"))
        self.slip = self.field(self.tr("&Slip file"), self.tr("Deposit slip file"))
        self.slip.setText(report_path(counter, "deposit-slip", day))
        self.bag.setFocus()
        self.load()

    def load(self) -> None:
        db, day = self.counter.db, self.day
        Operation(self, lambda: deposit_preview(db, day)) \
            .success(self._previewed).failure(self._refused).run(self.counter.workers)

    def _previewed(self, plan: object) -> None:
        assert isinstance(plan, DepositPlan)
        self.plan = plan
        self.notice.clear_notice()
        self.preview.setText(self._describe(plan))

    def _refused(self, exc: BaseException) -> None:
        self.plan = None
        self.preview.setText(self.tr("No deposit yet: Ctrl+Enter asks again."))
        self.notice.refuse(exc)

    def _describe(self, plan: DepositPlan) -> str:
        return "\n".join([
            self.tr("Cash %1  (counted %2 + drops %3 − floats kept %4)")
            .replace("%1", format_display(plan.cash))
            .replace("%2", format_display(plan.counted_cash))
            .replace("%3", format_display(plan.drops))
            .replace("%4", format_display(plan.floats_kept)),
            self.tr("Checks %1  (%2)").replace("%1", format_display(plan.checks_total))
            .replace("%2", str(len(plan.checks))),
            self.tr("Money orders %1  (%2)").replace("%1", format_display(plan.money_orders_total))
            .replace("%2", str(len(plan.money_orders))),
            self.tr("Total %1").replace("%1", format_display(plan.total)),
        ])

    def submit(self) -> None:
        if self.record is not None:
            self.save_slip()
        elif self.plan is None:
            self.load()
        elif not self.bag.text().strip():
            self.notice.refuse(InvalidReference(self.tr("the deposit needs its bag number")))
            self.bag.setFocus()
        else:
            self.second_person(self.tr("Second supervisor verifies"),
                               self.tr("Deposit of %1, bag %2, total %3: a second supervisor "
                                       "verifies it.").replace("%1", self.day.isoformat())
                               .replace("%2", self.bag.text().strip())
                               .replace("%3", format_display(self.plan.total)),
                               self._make, ok_text=self.tr("Verify"))

    def _make(self, verifier: str, _note: str) -> None:
        ok, record = self.attempt(lambda: make_deposit(
            self.counter.db, self.day, self.counter.user_id, verifier, self.bag.text()))
        if not ok or record is None:
            return
        self.record = record
        signer = self.approval.approver if self.approval is not None else None
        self.verifier.setText(f"{signer.name} ({signer.id})" if signer is not None
                              and signer.id == verifier else verifier)
        self.made.emit(record)
        self.preview.setText(self._describe(record.plan))
        self.bag.setReadOnly(True)
        self.heading.setText(self.tr("Deposit made: bag %1, prepared by %2, verified by %3.")
                             .replace("%1", record.bag).replace("%2", record.prepared_by)
                             .replace("%3", record.verified_by))
        self.ok_button.setText(self.tr("Save slip again (Ctrl+Enter)"))
        self.ok_button.setAccessibleName(self.tr("Save slip again"))
        self.save_slip()

    def save_slip(self) -> None:
        ok, path = self.attempt(lambda: _target(self.slip))
        if not ok or path is None:
            return
        db, day = self.counter.db, self.day
        Operation(self, lambda: write_deposit_slip(daily_cash_report(db, day), path)) \
            .busy(self.notice, self.tr("Writing the slip…")) \
            .success(lambda saved: self.notice.note(
                self.tr("Slip saved to %1").replace("%1", str(saved)))) \
            .failure(self._slip_failed) \
            .run(self.counter.workers)

    def _slip_failed(self, exc: BaseException) -> None:
        self.notice.refuse_text(self.tr("The deposit is made, but the slip was not saved: %1")
                                .replace("%1", str(exc)))
        self.slip.setFocus()


class DailyReportDialog(FormDialog):
    """The DCR's totals and balancing checks on screen; Ctrl+Enter writes the PDF to sign."""

    def __init__(self, parent: QWidget, counter: Counter, day: dt.date, *,
                 office: OfficeLink | None = None) -> None:
        super().__init__(parent, counter, self.tr("Daily Cash Report"),
                         self.tr("Daily Cash Report of %1: every balancing check must say "
                                 "PASS.").replace("%1", day.isoformat()), self.tr("Save PDF"))
        self.day = day
        self.report: Mapping[str, Any] | None = None
        self.totals = QLabel(self.tr("Adding up the day…"))
        self.totals.setAccessibleName(self.tr("Report totals"))
        self.checks = reading_table(4, self.tr("Balancing checks"))
        self.checks.setHorizontalHeaderLabels(
            [self.tr("Check"), self.tr("Left"), self.tr("Right"), self.tr("Result")])
        self.checks.setMinimumHeight(260)
        self.form.addRow(self.totals)
        self.form.addRow(self.checks)
        self.path = self.field(self.tr("PDF &file"), self.tr("Report PDF file"))
        self.path.setText(report_path(
            counter, "office-daily-cash-report" if office else "daily-cash-report", day))
        self.path.setFocus()
        self.resize(1000, 700)
        db = counter.db

        def read() -> dict[str, Any]:
            # Opening central (the whole office's report) is I/O too: on the worker.
            return daily_cash_report(office.database() if office else db, day)
        Operation(self, read).busy(self.notice).success(self.show_report).run(counter.workers)

    def show_report(self, report: object) -> None:
        assert isinstance(report, dict)
        self.report = report
        totals, tenders, deposit = report["totals"], report["tenders"], report["deposit"]
        lines = [
            f"{report['office']} · " + (self.tr("Day closed") if report["status"] == "closed"
                                        else self.tr("Day open")),
            self.tr("Receipts net %1 · over/short %2 · deposit expected %3")
            .replace("%1", totals["receipts_net"]).replace("%2", totals["over_short"])
            .replace("%3", totals["deposit_expected"]),
            " · ".join(f"{tender_name(t)} {tenders[t]}" for t in TENDERS),
            self.tr("Deposit %1, bag %2").replace("%1", deposit["total"])
            .replace("%2", deposit["bag"]) if deposit else self.tr("Deposit not made yet"),
            self.tr("Exceptions: %1").replace("%1", str(len(report["exceptions"]))),
        ]
        self.totals.setText("\n".join(lines))
        identities = report["identities"]
        self.checks.setRowCount(len(identities))
        for row, check in enumerate(identities):
            cells = (check["name"], check["left"], check["right"],
                     self.tr("PASS") if check["passed"] else self.tr("FAIL"))
            for column, text in enumerate(cells):
                self.checks.setItem(row, column, QTableWidgetItem(text))

    def submit(self) -> None:
        ok, path = self.attempt(lambda: _target(self.path))
        if not ok or path is None:
            return
        db, day = self.counter.db, self.day

        def job() -> tuple[dict[str, Any], Path]:
            report = daily_cash_report(db, day, generated_at=now())  # as of now, not the preview
            return report, write_daily_cash_report(report, path)

        Operation(self, job).busy(self.notice, self.tr("Writing the report…")) \
            .success(self._saved).run(self.counter.workers)

    def _saved(self, result: tuple[dict[str, Any], Path]) -> None:
        report, path = result
        self.show_report(report)
        self.notice.note(self.tr("Report saved to %1").replace("%1", str(path)))


class CloseDayDialog(FormDialog):
    """C12: refused until every drawer is balanced and the deposit made; then nothing dated
    the day changes."""

    def __init__(self, parent: QWidget, counter: Counter, day: dt.date) -> None:
        super().__init__(parent, counter, self.tr("Close the business day"),
                         self.tr("Close business day %1. Every drawer must be balanced and the "
                                 "deposit made; afterwards nothing dated %1 changes (C12).")
                         .replace("%1", day.isoformat()), self.tr("Close the day"))
        self.day = day
        self.closer = self.person(self.tr("Closed by"), signed_in_name(counter))
        self.ok_button.setFocus()

    def submit(self) -> None:
        ok, _day = self.attempt(lambda: close_day(self.counter.db, self.day,
                                                  self.counter.user_id))
        if ok:
            self.accept()
