"""The remittance batch screen (issue #9): mail and drop-box checks keyed against the
adding-machine tape, as `cashier batch` does from a shell.

F11 from the drawer screens shows this terminal's batches not yet posted; Enter continues one
(a suspended batch resumes), F5 opens a new one against its tape. In an open batch the stub
scanner's wedge types the scanline into the stub box (or the clerk keys the account), then
the check amount, then the MICR line or the check number and routing; Enter walks the boxes
and the last Enter enters the remittance. What is taken, what is set aside and whether the
batch balances are the ledger's answers (``remittance``), shown after every entry. Ctrl+P
saves the batch report PDF (``reports.batch_report_pdf``) in the reports folder.

Every ledger call runs on a worker through one ``InOrder`` queue: the form is cleared as soon
as a remittance is sent, so the next stub can be scanned while the last one is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cashier.ledger.remittance import batches as remittance
from cashier.ledger.remittance.batches import BatchView, Check, Entry, PostResult, Stub
from cashier.ledger.rules.errors import CashierError
from cashier.ledger.rules.money import Cents, format_display, parse_money
from cashier.services.batch_entry import read_check, read_stub
from cashier.services.report_files import write_batch_report
from cashier.ui.batch.dialogs import (
    BatchList,
    NewBatchDialog,
    RemoveEntryDialog,
    button_row,
    difference,
    fill_row,
    key_line,
    kind_name,
    label_buttons,
    picking_table,
    status_name,
    tally,
)
from cashier.ui.counter import Counter
from cashier.ui.supervisor.corrections import fill
from cashier.ui.widgets.keys import refocus, shortcut
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import set_role
from cashier.ui.workers import InOrder

FIELDS = ("stub", "amount", "micr", "number", "routing")
BATCH_KEYS = {"remove": "F9", "suspend": "F7", "post": "F12", "report": "Ctrl+P", "list": "Esc",
              "work": "F10"}
Form = tuple[str, ...]  # the boxes' texts, in FIELDS order


class BatchScreen(QWidget):
    work = Signal()  # F10: back to the drawer screens

    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.calls = InOrder(counter.workers, self)
        self.batch: BatchView | None = None  # the batch on show, as the ledger last gave it
        self.dialog: QDialog | None = None
        self.notice = Notice(self)
        self.list = BatchList(counter, self.calls, self.notice)
        self.list.opened.connect(self.show_batch)
        self.list.new_asked.connect(self.new_batch)
        self.list.work.connect(self.work.emit)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list)
        self.pages.addWidget(self._batch_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        self.retranslate()

    # -- building ------------------------------------------------------------------------------

    def _batch_page(self) -> QWidget:
        page = QWidget()
        self.title = QLabel()
        set_role(self.title, "title")
        self.summary = QLabel()
        set_role(self.summary, "total")
        self.summary.setWordWrap(True)
        self.balanced = QLabel()
        set_role(self.balanced, "change")
        self.split = QLabel()
        self.boxes: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        for column, name in enumerate(FIELDS):
            box, label = QLineEdit(), QLabel()
            label.setBuddy(box)
            grid.addWidget(label, 0, column)
            grid.addWidget(box, 1, column)
            self.boxes[name], self.labels[name] = box, label
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 3)
        self.boxes["stub"].returnPressed.connect(self._stub_read)
        self.boxes["amount"].returnPressed.connect(self._amount_read)
        self.boxes["micr"].returnPressed.connect(self._micr_read)
        self.boxes["number"].returnPressed.connect(self.boxes["routing"].setFocus)
        self.boxes["routing"].returnPressed.connect(self.enter_remittance)
        self.stub_hint = QLabel()
        self.stub_hint.setWordWrap(True)
        self.table = picking_table(7)
        row, self.buttons = button_row(BATCH_KEYS, {
            "remove": self.remove_entry, "suspend": self.suspend, "post": self.post,
            "report": self.save_report, "list": self.show_list, "work": self.work.emit},
            own_keys=("post",))
        # Not key_for: F12 on an unbalanced batch must still answer, with the ledger's refusal.
        shortcut(page, "F12", self.post)
        shortcut(page, "Ctrl+Up", lambda: self._pick(-1))
        shortcut(page, "Ctrl+Down", lambda: self._pick(1))
        self.keys = key_line()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.balanced)
        layout = QVBoxLayout(page)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.split)
        layout.addLayout(grid)
        layout.addWidget(self.stub_hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.keys)
        return page

    def retranslate(self) -> None:
        self.list.retranslate()
        label_buttons(self.buttons, BATCH_KEYS, {
            "remove": self.tr("Remove entry"), "suspend": self.tr("Suspend"),
            "post": self.tr("Post batch"), "report": self.tr("Batch report"),
            "list": self.tr("Batch list"), "work": self.tr("Drawer work")})
        labels = {"stub": (self.tr("S&tub scan or account"), self.tr("Stub or account")),
                  "amount": (self.tr("Check &amount"), self.tr("Check amount")),
                  "micr": (self.tr("&MICR line (fills the check)"), self.tr("MICR line")),
                  "number": (self.tr("Check &number"), self.tr("Check number")),
                  "routing": (self.tr("R&outing"), self.tr("Routing number"))}
        for name, (label, accessible) in labels.items():
            self.labels[name].setText(label)
            self.boxes[name].setAccessibleName(accessible)
        self.summary.setAccessibleName(self.tr("Batch against its tape"))
        self.balanced.setText(self.tr("BALANCED"))
        self.table.setAccessibleName(self.tr("Remittances of the batch"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("#"), self.tr("Account"), self.tr("Name"), self.tr("Stub due"),
             self.tr("Check no."), self.tr("Amount"), self.tr("Status")])
        self.keys.setText(self.tr(
            "Enter goes to the next box; the last Enter enters the remittance (a MICR line "
            "skips check number and routing) · Ctrl+↑↓ pick an entry · F9 Remove entry · "
            "F7 Suspend · F12 Post (when balanced) · Ctrl+P Batch report (PDF) · Esc Batch list · "
            "F10 Drawer work · Ctrl+L Lock"))
        if self.batch is not None:
            self.show_batch(self.batch, focus=False)

    # -- moving between the list and a batch -----------------------------------------------

    def start(self) -> None:
        self.notice.clear_notice()
        self.show_list()

    def show_list(self) -> None:
        self.batch = None
        self.pages.setCurrentIndex(0)
        self.list.reload()

    def new_batch(self) -> None:
        dialog = NewBatchDialog(self.window(), self.counter, self.calls)
        dialog.opened.connect(self.show_batch)
        self._open(dialog, self.list.table)

    # -- the open batch ------------------------------------------------------------------------

    def show_batch(self, batch: BatchView, *, focus: bool = True) -> None:
        self.batch = batch
        self.pages.setCurrentIndex(1)
        self.title.setText(fill(self.tr("Batch %1 · %2 · %3"), batch.code,
                                kind_name(batch.kind), status_name(batch.status)))
        self.summary.setText(fill(self.tr("Tape %1 — Entered %2 — Difference %3"),
                                  tally(batch.control_count, batch.control_total),
                                  tally(batch.entered_count, batch.entered_total),
                                  difference(batch)))
        self.balanced.setVisible(batch.balanced)
        self.split.setText(fill(self.tr("To post %1 for %2 · set aside %3 for %4"),
                                len(batch.items), format_display(batch.posted_total),
                                len(batch.exceptions), format_display(batch.set_aside_total)))
        current = self.table.currentRow()
        self.table.setRowCount(len(batch.entries))
        for index, e in enumerate(batch.entries):
            due = format_display(e.stub_amount) if e.stub_amount is not None else ""
            fill_row(self.table, index, (e.seq, e.account, e.name, due, e.check.number,
                                         format_display(e.check.amount), self._entry_status(e)))
        if focus or not 0 <= current < len(batch.entries):
            current = len(batch.entries) - 1  # F9 right after a slip removes that one
        if current >= 0:
            self.table.selectRow(current)
        working = batch.status == "open"
        for box in self.boxes.values():
            box.setEnabled(working)
        for name in ("remove", "suspend"):
            self.buttons[name].setEnabled(working)
        self.buttons["post"].setEnabled(working and batch.balanced)
        if focus:
            refocus(self.boxes["stub"] if working else self.table)

    def _stub_read(self) -> None:
        """Enter in the stub box: say what the stub gave (nothing is asked of the ledger)."""
        text = self.boxes["stub"].text().strip()
        if not text:
            self.notice.refuse_text(self.tr("Scan the stub or type the account number."))
            return
        stub = read_stub(text, self.counter.device_settings.stub_scanner.layouts)
        if stub.error is not None:
            self.stub_hint.setText(fill(self.tr("Stub not read: %1 — it will be set aside."),
                                        stub.error))
        elif stub.amount_due is not None:
            self.stub_hint.setText(fill(self.tr("Account %1 · stub due %2"), stub.account,
                                        format_display(stub.amount_due)))
        else:
            self.stub_hint.setText(fill(self.tr("Account %1 (keyed)"), stub.account))
        self.boxes["amount"].setFocus()

    def _amount_read(self) -> None:
        if self._amount() is not None:
            self.boxes["micr"].setFocus()

    def _amount(self) -> Cents | None:
        try:
            return parse_money(self.boxes["amount"].text().strip(),
                               what=self.tr("check amount"), allow_zero=False)
        except CashierError as exc:
            self.notice.refuse(exc)
            self.boxes["amount"].setFocus()
            return None

    def _micr_read(self) -> None:
        if self.boxes["micr"].text().strip():
            self.enter_remittance()
        else:
            self.boxes["number"].setFocus()

    def _form(self) -> Form:
        return tuple(self.boxes[name].text().strip() for name in FIELDS)

    def _read_form(self) -> tuple[Stub, Check] | None:
        """The remittance in the boxes, or None with the box to fix in focus."""
        stub_text, _amount, micr, number, routing = self._form()
        if not stub_text:
            self.notice.refuse_text(self.tr("Scan the stub or type the account number."))
            self.boxes["stub"].setFocus()
            return None
        amount = self._amount()
        if amount is None:
            return None
        try:
            check = read_check(amount, micr=micr or None, number=number, routing=routing)
        except CashierError as exc:
            self.notice.refuse(exc)
            self.boxes["micr" if micr else "number"].setFocus()
            return None
        return read_stub(stub_text, self.counter.device_settings.stub_scanner.layouts), check

    def enter_remittance(self) -> None:
        batch = self.batch
        if batch is None or batch.status != "open":
            return
        form, read = self._form(), self._read_form()
        if read is None:
            return
        stub, check = read
        self._set_form(("",) * len(FIELDS))
        self.stub_hint.clear()
        self.boxes["stub"].setFocus()
        db, code, by = self.counter.db, batch.code, self.counter.user_id
        self.calls.run(lambda: (remittance.enter_item(db, code, stub, check, by=by),
                                remittance.get_batch(db, code)),
                       self._entered, lambda exc: self._not_entered(form, exc))

    def _set_form(self, form: Form) -> None:
        for name, text in zip(FIELDS, form, strict=True):
            self.boxes[name].setText(text)

    def _entered(self, answer: tuple[Entry, BatchView]) -> None:
        entry, batch = answer
        if self.batch is None or self.batch.code != batch.code:
            return  # the clerk has gone back to the list meanwhile
        self.show_batch(batch, focus=False)
        self.table.selectRow(self.table.rowCount() - 1)
        amount = format_display(entry.check.amount)
        if entry.exception is not None:
            self.notice.refuse_text(fill(self.tr("Remittance %1 (%2) set aside: %3. Keep the "
                                                 "check with the batch's exceptions."),
                                         entry.seq, amount, entry.message))
        else:
            self.notice.note(fill(self.tr("Remittance %1 entered: account %2 %3, %4."),
                                  entry.seq, entry.account, entry.name, amount))

    def _not_entered(self, form: Form, exc: BaseException) -> None:
        self.notice.refuse(exc)
        if self.batch is not None and not any(self._form()):
            self._set_form(form)  # nothing typed since: the clerk fixes it and enters again
            self.boxes["stub"].setFocus()

    def _pick(self, step: int) -> None:
        rows = self.table.rowCount()
        if rows:
            self.table.selectRow(min(max(self.table.currentRow() + step, 0), rows - 1))

    def remove_entry(self) -> None:
        batch, index = self.batch, self.table.currentRow()
        if batch is None or not 0 <= index < len(batch.entries):
            self.notice.refuse_text(self.tr("Pick the remittance to remove (Ctrl+↑↓)."))
            return
        dialog = RemoveEntryDialog(self.window(), self.counter, self.calls, batch.code,
                                   batch.entries[index])
        dialog.removed.connect(self._removed)
        self._open(dialog, self.boxes["stub"])

    def _removed(self, batch: BatchView) -> None:
        self.show_batch(batch, focus=False)
        self.notice.note(fill(self.tr("Removed from batch %1; it is kept, marked removed."),
                              batch.code))

    def suspend(self) -> None:
        if self.batch is None:
            return
        db, code, by = self.counter.db, self.batch.code, self.counter.user_id
        self.calls.run(lambda: remittance.suspend(db, code, by=by), self._suspended,
                       self.notice.refuse)

    def _suspended(self, batch: BatchView) -> None:
        self.show_list()
        self.notice.note(fill(self.tr("Batch %1 suspended with %2 of %3 entered: Enter on it "
                                      "here resumes it."), batch.code, batch.entered_count,
                              batch.control_count))

    def post(self) -> None:
        if self.batch is None or self.batch.status != "open":
            return
        db, code, by = self.counter.db, self.batch.code, self.counter.user_id
        self.calls.run(lambda: remittance.post_batch(db, code, by=by), self._posted,
                       self.notice.refuse)

    def _posted(self, result: PostResult) -> None:
        batch, receipts = result.batch, result.receipts
        if self.batch is not None and self.batch.code == batch.code:
            self.show_batch(batch)
        lines = [fill(self.tr("Batch %1 posted: %2 receipts, %3 to %4, for %5."), batch.code,
                      len(receipts), receipts[0].number, receipts[-1].number,
                      format_display(batch.posted_total))]
        if batch.exceptions:
            lines.append(fill(self.tr("%1 set aside for %2: return them to the customers."),
                              len(batch.exceptions), format_display(batch.set_aside_total)))
        lines += [f"{r.number}: {note}" for r in receipts for note in r.notes
                  if note.startswith("SERVICE NOTICE")]
        self.notice.note("\n".join(lines))

    def save_report(self) -> None:
        """Ctrl+P: the batch report PDF, after every remittance already sent, in the reports
        folder the supervisor console saves the DCR to."""
        if self.batch is None:
            return
        db, code = self.counter.db, self.batch.code
        path = Path(self.counter.reports_folder).expanduser() / f"batch-{code}.pdf"
        self.notice.note(self.tr("Writing the batch report…"))
        self.calls.run(lambda: write_batch_report(db, code, path), self._report_saved,
                       self.notice.refuse)

    def _report_saved(self, path: Path) -> None:
        self.notice.note(fill(self.tr("Batch report saved to %1"), str(path)))

    # -- showing -------------------------------------------------------------------------------

    def _open(self, dialog: QDialog, back: QWidget) -> None:
        if self.dialog is not None:
            return
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(back))
        dialog.open()

    def _closed(self, back: QWidget) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        if self.batch is not None:
            refocus(self.boxes["stub"] if self.batch.status == "open" else self.table)
        else:
            refocus(back)

    def _entry_status(self, e: Entry) -> str:
        if e.exception is not None:
            return fill(self.tr("SET ASIDE: %1"), e.message)
        if e.status == "removed":
            return fill(self.tr("REMOVED: %1"), e.removed_reason or "")
        if e.status == "posted":
            return fill(self.tr("posted, receipt %1"), e.receipt or "")
        return self.tr("entered")
