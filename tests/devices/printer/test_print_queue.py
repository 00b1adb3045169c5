from __future__ import annotations

import dataclasses

from cashier.devices.printer.escpos_bytes import decode_job
from cashier.devices.printer.print_queue import PrintQueue
from cashier.devices.printer.receipt import ReceiptDocument
from cashier.devices.printer.receipt_printer import SimulatedPrinter


def test_a_receipt_that_cannot_print_waits_in_the_queue(
    printer: SimulatedPrinter, receipt: ReceiptDocument
) -> None:
    queue = PrintQueue(printer)
    printer.set_condition(paper_out=True)
    outcome = queue.submit_receipt(receipt)
    assert not outcome.printed
    assert outcome.message == (
        "receipt T01-000123: waiting to print (cannot print a receipt: paper out)"
    )
    assert [job.description for job in queue.pending()] == ["receipt T01-000123"]


def test_retry_prints_the_waiting_receipt_once_paper_is_loaded(
    printer: SimulatedPrinter, receipt: ReceiptDocument
) -> None:
    queue = PrintQueue(printer)
    printer.set_condition(online=False)
    queue.submit_receipt(receipt)
    assert queue.retry()[0].job.attempts == 2
    printer.set_condition(online=True)
    outcomes = queue.retry()
    assert [o.printed for o in outcomes] == [True]
    assert queue.pending() == ()
    assert decode_job(printer.output).barcodes() == [b"{BT01-000123"]


def test_waiting_receipts_print_in_the_order_they_were_taken(
    printer: SimulatedPrinter, receipt: ReceiptDocument
) -> None:
    queue = PrintQueue(printer)
    printer.set_condition(paper_out=True)
    queue.submit_receipt(receipt)
    second = queue.submit_receipt(dataclasses.replace(receipt, receipt_number="T01-000124"))
    assert not second.printed and "behind receipt T01-000123" in second.message
    printer.set_condition(paper_out=False)
    queue.retry()
    assert decode_job(printer.output).barcodes() == [b"{BT01-000123", b"{BT01-000124"]


def test_a_reprint_is_described_as_a_copy(
    printer: SimulatedPrinter, receipt: ReceiptDocument
) -> None:
    outcome = PrintQueue(printer).submit_receipt(dataclasses.replace(receipt, copy=True))
    assert outcome.printed and outcome.message == "receipt T01-000123 (copy): printed"
