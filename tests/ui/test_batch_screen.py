"""Mail and drop-box batches from the workstation, keyboard only (issue #9): F11 from the
drawer screens, a batch opened against its tape, stubs scanned or keyed, checks keyed or read
from the MICR line, the difference shown after every entry, posted only once it balances."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from cashier.devices.stub_scanner import DEFAULT_STUB_LAYOUT
from cashier.ledger.remittance import batches as remittance
from cashier.ledger.store.models import Receipt
from cashier.ui.batch.dialogs import NewBatchDialog, RemoveEntryDialog
from cashier.ui.batch.screen import BatchScreen
from cashier.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard
from tests.ui.test_look_and_access import unnamed_controls

Key = Qt.Key
ROUTING = "111000025"


def batches(window: MainWindow, keys: Keyboard, user: str = "ana") -> BatchScreen:
    """Signed in, no drawer opened: F11 from the open-drawer screen (a supervisor lands on
    the console and goes there with F10)."""
    keys.sign_in(user)
    if user == "sam":
        keys.wait(lambda: window.stack.currentWidget() is window.console)
        keys.press(Key.Key_F10)
    keys.wait(lambda: window.stack.currentWidget() is window.open_drawer)
    keys.press(Key.Key_F11)
    keys.wait(lambda: window.stack.currentWidget() is window.batches)
    return window.batches


def open_batch(window: MainWindow, keys: Keyboard, count: str, total: str) -> BatchScreen:
    screen = window.batches
    keys.press(Key.Key_F5)
    keys.wait(lambda: isinstance(screen.dialog, NewBatchDialog) and screen.dialog.isVisible())
    assert screen.dialog is not None and unnamed_controls(screen.dialog) == []
    keys.enter(count)
    keys.type(total)
    keys.ctrl_enter()  # the kind stays Mail
    keys.wait(lambda: screen.batch is not None and screen.dialog is None)
    keys.wait(lambda: screen.boxes["stub"].hasFocus())
    return screen


def key_remittance(screen: BatchScreen, keys: Keyboard, stub: str, amount: str, *,
                   number: str = "", micr: str = "") -> None:
    """Stub, Enter, amount, Enter, then the MICR line, Enter (or Enter, number, Enter,
    routing, Enter); the last Enter enters it and the table grows by one."""
    rows = screen.table.rowCount()
    keys.enter(stub)
    keys.enter(amount)
    if micr:
        keys.enter(micr)
    else:
        keys.enter()
        keys.enter(number)
        keys.enter(ROUTING)
    keys.wait(lambda: screen.table.rowCount() == rows + 1 and not screen.calls.busy)


def cell(screen: BatchScreen, row: int, column: int) -> str:
    item = screen.table.item(row, column)
    return item.text() if item is not None else ""


def test_a_mail_batch_balances_to_its_tape_and_posts(window: MainWindow,
                                                     keys: Keyboard) -> None:
    batches(window, keys)
    screen = open_batch(window, keys, "3", "160.10")
    assert screen.title.text() == "Batch T01-B0001 · Mail · open"
    assert unnamed_controls(window) == []
    key_remittance(screen, keys, DEFAULT_STUB_LAYOUT.scanline("1000002", 6000), "60.00",
                   number="1042")
    key_remittance(screen, keys, "1000001", "75.10", micr="T111000025T1234567890O2001")
    assert [cell(screen, 1, c) for c in range(7)] == [
        "2", "1000001", "ANA RUIZ", "", "2001", "$75.10", "entered"]
    assert "Difference -1 / -$25.00" in screen.summary.text()
    assert not screen.balanced.isVisible()
    keys.press(Key.Key_F12)  # out of balance: the ledger refuses, nothing posts
    keys.wait(lambda: screen.notice.is_refusal)
    assert "Refused (batch)" in screen.notice.text()
    assert "out of balance" in screen.notice.text()

    scanline = DEFAULT_STUB_LAYOUT.scanline("1000003", 10000)
    bad = scanline[:-1] + str((int(scanline[-1]) + 1) % 10)  # a smudged check digit
    key_remittance(screen, keys, bad, "25.00", number="77")
    assert cell(screen, 2, 6).startswith("SET ASIDE: bad check digit")
    assert "set aside" in screen.notice.text()
    assert screen.summary.text() == (
        "Tape 3 / $160.10 — Entered 3 / $160.10 — Difference 0 / $0.00")
    assert screen.split.text() == "To post 2 for $135.10 · set aside 1 for $25.00"
    assert screen.balanced.isVisible() and screen.balanced.text() == "BALANCED"

    keys.press(Key.Key_F12)
    keys.wait(lambda: screen.batch is not None and screen.batch.status == "posted")
    assert "T01-M-000001 to T01-M-000002" in screen.notice.text()
    assert cell(screen, 0, 6) == "posted, receipt T01-M-000001"
    db = window.counter.db
    posted = remittance.get_batch(db, "T01-B0001")
    assert posted.status == "posted"
    assert len(posted.entries) == 3 and len(posted.exceptions) == 1
    assert [e.receipt for e in posted.items] == ["T01-M-000001", "T01-M-000002"]
    with db.read() as s:
        assert list(s.scalars(select(Receipt.number).order_by(Receipt.id))) == [
            "T01-M-000001", "T01-M-000002"]


def test_a_suspended_batch_resumes_with_its_entries(window: MainWindow,
                                                    keys: Keyboard) -> None:
    batches(window, keys, "sam")  # a supervisor keys batches too
    screen = open_batch(window, keys, "2", "100.00")
    key_remittance(screen, keys, "1000002", "60.00", number="501")
    keys.press(Key.Key_F7)
    keys.wait(lambda: screen.pages.currentIndex() == 0 and screen.list.table.rowCount() == 1)
    assert screen.list.table.item(0, 2).text() == "suspended"  # type: ignore[union-attr]
    assert remittance.get_batch(window.counter.db, "T01-B0001").status == "suspended"

    keys.enter()  # Enter on the suspended batch resumes it
    keys.wait(lambda: screen.batch is not None and screen.boxes["stub"].hasFocus())
    assert screen.batch is not None and screen.batch.status == "open"
    assert [cell(screen, 0, c) for c in (0, 1, 4, 5, 6)] == [
        "1", "1000002", "501", "$60.00", "entered"]
    assert "Entered 1 / $60.00 — Difference -1 / -$40.00" in screen.summary.text()
    view = remittance.get_batch(window.counter.db, "T01-B0001")
    assert view.status == "open" and view.entered_count == 1


def test_an_entry_keyed_in_error_is_removed_with_a_reason(window: MainWindow,
                                                          keys: Keyboard) -> None:
    batches(window, keys)
    screen = open_batch(window, keys, "1", "60.00")
    key_remittance(screen, keys, "1000001", "60.00", number="88")  # the wrong account
    keys.press(Key.Key_F9)  # the newest entry is the one selected
    keys.wait(lambda: isinstance(screen.dialog, RemoveEntryDialog)
              and screen.dialog.isVisible())
    assert screen.dialog is not None and unnamed_controls(screen.dialog) == []
    keys.type("keyed on the wrong account")
    keys.ctrl_enter()
    keys.wait(lambda: screen.dialog is None and screen.boxes["stub"].hasFocus())
    assert cell(screen, 0, 6) == "REMOVED: keyed on the wrong account"
    assert "Entered 0 / $0.00 — Difference -1 / -$60.00" in screen.summary.text()
    key_remittance(screen, keys, "1000002", "60.00", number="88")
    assert screen.balanced.isVisible()
    view = remittance.get_batch(window.counter.db, "T01-B0001")
    assert [(e.account, e.status) for e in view.entries] == [
        ("1000001", "removed"), ("1000002", "entered")]


def test_ctrl_p_saves_the_batch_report_in_the_reports_folder(window: MainWindow, keys: Keyboard,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "reports"  # as `[ui] reports_folder` sets it for the DCR
    window.counter.ui = dataclasses.replace(window.counter.ui, reports_folder=str(folder))
    batches(window, keys)
    screen = open_batch(window, keys, "2", "80.00")
    assert "Ctrl+P Batch report" in screen.keys.text()
    assert screen.buttons["report"].text() == "Batch report (Ctrl+P)"
    key_remittance(screen, keys, "1000002", "60.00", number="1042")
    key_remittance(screen, keys, "9999999", "25.00", number="77")  # set aside
    keys.press(Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    pdf = folder / "batch-T01-B0001.pdf"
    keys.wait(lambda: "Batch report saved to" in screen.notice.text(), timeout=10_000)
    assert screen.notice.text() == f"Batch report saved to {pdf}"
    assert not screen.notice.is_refusal
    assert pdf.read_bytes().startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Remittance Batch Report" in text and "T01-B0001" in text
    assert "OUT OF BALANCE by 0 items, +5.00" in text
    assert "Account does not exist" in text
    assert screen.boxes["stub"].hasFocus()  # the clerk goes on keying


def test_a_batch_report_that_cannot_be_written_is_refused(window: MainWindow, keys: Keyboard,
                                                          tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the reports folder should be")
    window.counter.ui = dataclasses.replace(window.counter.ui, reports_folder=str(blocked))
    batches(window, keys)
    screen = open_batch(window, keys, "1", "60.00")
    keys.press(Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    keys.wait(lambda: screen.notice.is_refusal, timeout=10_000)
    assert "not-a-folder" in screen.notice.text()
