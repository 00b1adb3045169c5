"""Device trouble shows in the status bar with a Retry, and never holds up a payment."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cashier.devices.printer.escpos_bytes import decode_job
from cashier.devices.printer.receipt_printer import SimulatedPrinter
from cashier.ledger.receipts.records import get_receipt
from cashier.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard
from tests.ui.flows import cash_payment, start_shift


def test_printer_out_of_paper_keeps_the_receipt_for_retry(
        window: MainWindow, keys: Keyboard) -> None:
    printer = window.counter.devices.printer
    assert isinstance(printer, SimulatedPrinter)
    start_shift(window, keys)
    printer.set_condition(paper_out=True)
    number = cash_payment(window, keys, "1000002", "60.00", "60.00")
    assert get_receipt(window.counter.db, number).status == "completed"  # the payment stands
    keys.wait(lambda: "paper" in window.status.trouble.text())
    assert window.status.retry_button.isVisible()
    assert window.stack.currentWidget() is window.payment  # the next customer can start
    printer.set_condition(paper_out=False)
    keys.press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # Retry
    keys.wait(lambda: "printed" in window.status.trouble.text())
    assert any(number in line for line in decode_job(printer.output).lines)
