from __future__ import annotations

import dataclasses

import pytest

from cashier.devices.errors import DeviceOffline, NoHardware, PrinterStatusError
from cashier.devices.printer.escpos_bytes import decode_job, parse_status
from cashier.devices.printer.receipt import ReceiptDocument, receipt_text
from cashier.devices.printer.receipt_printer import (
    EscposReceiptPrinter,
    SimulatedPrinter,
    build_printer,
)
from cashier.devices.settings import PrinterSettings
from tests.devices.conftest import PtyPeer


def test_receipt_prints_header_lines_items_tenders_and_change(
    printer: SimulatedPrinter, receipt: ReceiptDocument
) -> None:
    printer.print_receipt(receipt)
    job = decode_job(printer.output)
    text = "\n".join(job.lines)
    assert "CITY OF EXAMPLE" in text
    assert "RECEIPT" in text and "T01-000123" in text
    assert "Water payment" + " " * 24 + "45.10" in job.lines
    assert "  Acct 1000001" in job.lines
    assert "  Ref TAG-88" in job.lines
    assert "TOTAL" + " " * 32 + "65.10" in job.lines
    assert "CHANGE" + " " * 32 + "4.90" in job.lines
    assert "REMAINING BALANCE" in job.lines
    assert all(len(line) <= 42 for line in job.lines)


def test_receipt_number_is_printed_as_a_code128_barcode(
    printer: SimulatedPrinter, receipt: ReceiptDocument
) -> None:
    printer.print_receipt(receipt)
    data = printer.output
    assert b"\x1d\x6b\x49" in data  # GS k 73: CODE128, function B
    assert decode_job(data).barcodes() == [b"{BT01-000123"]


def test_receipt_is_cut_on_a_printer_with_a_cutter(
    printer: SimulatedPrinter, receipt: ReceiptDocument
) -> None:
    printer.print_receipt(receipt)
    assert b"\x1d\x56" in printer.output
    assert decode_job(printer.output).names()[-1] == "cut"


def test_a_printer_without_a_cutter_gets_no_cut_command(receipt: ReceiptDocument) -> None:
    device = SimulatedPrinter(profile="TM-U220")
    device.start()
    device.print_receipt(receipt)
    assert b"\x1d\x56" not in device.output
    assert b"\x1d\x6b" not in device.output  # and no CODE128: that profile cannot print it
    assert "T01-000123" in "\n".join(decode_job(device.output).lines)


def test_48_column_paper_uses_the_whole_width(receipt: ReceiptDocument) -> None:
    text = receipt_text(receipt, 48)
    assert "TOTAL" + " " * 38 + "65.10" in text.splitlines()
    assert max(len(line) for line in text.splitlines()) == 48


def test_spanish_receipt_labels(receipt: ReceiptDocument) -> None:
    text = receipt_text(dataclasses.replace(receipt, language="es"), 42)
    assert "RECIBO" in text and "CAJERO" in text and "CAMBIO" in text
    assert "SALDO PENDIENTE" in text and "EFECTIVO" in text


def test_void_and_copy_marks_are_printed(
    printer: SimulatedPrinter, receipt: ReceiptDocument
) -> None:
    printer.print_receipt(dataclasses.replace(receipt, void=True, copy=True))
    lines = decode_job(printer.output).lines
    assert "*** VOID ***" in lines
    assert "*** COPY ***" in lines


def test_a_long_description_wraps_above_its_amount(receipt: ReceiptDocument) -> None:
    long = dataclasses.replace(receipt.lines[0], description="Water " * 10)
    text = receipt_text(dataclasses.replace(receipt, lines=(long,)), 42)
    amount_line = next(line for line in text.splitlines() if line.endswith("45.10"))
    assert amount_line.strip() == "45.10"


def test_card_tender_shows_brand_last4_and_auth_only(receipt: ReceiptDocument) -> None:
    from cashier.devices.printer.receipt import ReceiptTender

    doc = dataclasses.replace(
        receipt, tenders=(ReceiptTender("card", 65_10, "VISA ****4242 AUTH A1B2C3"),), change=0
    )
    assert "CARD VISA ****4242 AUTH A1B2C3" in receipt_text(doc, 42)


def test_receipt_number_must_be_printable_ascii(receipt: ReceiptDocument) -> None:
    with pytest.raises(ValueError, match="receipt number"):
        dataclasses.replace(receipt, receipt_number="T01 000123\n")


@pytest.mark.parametrize(
    ("replies", "expected"),
    [
        ((b"\x12", b"\x12", b"\x12"), "ready"),
        ((b"\x1a", b"\x12", b"\x12"), "offline"),
        ((b"\x12", b"\x16", b"\x12"), "cover open"),
        ((b"\x12", b"\x12", b"\x1e"), "paper near end"),
        ((b"\x12", b"\x32", b"\x72"), "paper out"),
    ],
)
def test_dle_eot_status_bytes(replies: tuple[bytes, bytes, bytes], expected: str) -> None:
    assert parse_status(*replies).describe() == expected


@pytest.mark.parametrize("reply", [b"", b"\x00", b"\xff", b"\x12\x12", b"A"])
def test_garbage_status_replies_are_refused(reply: bytes) -> None:
    with pytest.raises(PrinterStatusError):
        parse_status(reply, b"\x12", b"\x12")


def test_status_reports_paper_near_end_as_a_warning(printer: SimulatedPrinter) -> None:
    printer.set_condition(paper_near_end=True)
    assert printer.status().paper_near_end
    health = printer.health()
    assert health.online and health.warnings == ("paper near end",)


def test_printer_out_of_paper_refuses_the_whole_job(
    printer: SimulatedPrinter, receipt: ReceiptDocument
) -> None:
    printer.take_output()
    printer.set_condition(paper_out=True)
    with pytest.raises(DeviceOffline, match="printer: cannot print a receipt: paper out"):
        printer.print_receipt(receipt)
    assert b"T01-000123" not in printer.output


def test_printer_switched_off_is_offline(printer: SimulatedPrinter) -> None:
    printer.set_condition(online=False)
    assert not printer.status().online
    with pytest.raises(DeviceOffline, match="offline"):
        printer.print_lines(["x"])


def test_serial_printer_over_a_pty_reads_real_status_bytes(
    pty_peer: PtyPeer, receipt: ReceiptDocument
) -> None:
    received = bytearray()

    def printer_firmware(peer: PtyPeer) -> None:
        answers = {1: b"\x12", 2: b"\x12", 4: b"\x1e"}  # paper near end
        while True:
            data = peer.read(1, timeout=1.0)
            if not data:
                return
            received.extend(data)
            if received[-3:-1] == b"\x10\x04" and len(received) >= 3:
                peer.write(answers[received[-1]])

    pty_peer.serve(printer_firmware)
    device = build_printer("printer", PrinterSettings(adapter="serial",
                                                      serial_port=pty_peer.port_name,
                                                      timeout=1.0))
    assert isinstance(device, EscposReceiptPrinter)
    device.start()
    assert device.status().paper_near_end
    device.print_receipt(receipt)
    device.close()
    pty_peer.close()
    assert b"T01-000123" in received
    assert b"\x1d\x56" in received


def test_file_printer_writes_the_job_and_cannot_read_status(
    tmp_path: object, receipt: ReceiptDocument
) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "lp0"
    device = build_printer("printer", PrinterSettings(adapter="file", path=str(path)))
    device.start()
    assert isinstance(device, EscposReceiptPrinter)
    assert not device.status().known
    device.print_receipt(receipt)
    device.close()
    assert b"T01-000123" in path.read_bytes()


def test_file_printer_in_a_missing_folder_is_no_hardware() -> None:
    device = build_printer("printer", PrinterSettings(adapter="file", path="/nonexistent/lp0"))
    device.open()
    with pytest.raises(NoHardware, match="printer: cannot open the file printer"):
        device.claim()


def test_network_printer_that_is_not_there_is_no_hardware() -> None:
    device = build_printer(
        "printer", PrinterSettings(adapter="network", host="127.0.0.1", port=9, timeout=0.5)
    )
    device.open()
    with pytest.raises(NoHardware):
        device.claim()


def test_network_printer_over_a_real_socket(receipt: ReceiptDocument) -> None:
    import socket
    import threading

    listener = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def printer_firmware() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.settimeout(2.0)
            while True:
                try:
                    data = connection.recv(4096)
                except TimeoutError:
                    return
                if not data:
                    return
                received.extend(data)
                connection.sendall(b"\x12" * data.count(b"\x10\x04"))

    thread = threading.Thread(target=printer_firmware, daemon=True)
    thread.start()
    device = build_printer("printer", PrinterSettings(
        adapter="network", host="127.0.0.1", port=listener.getsockname()[1], timeout=2.0))
    device.start()
    assert device.status().ready
    device.print_receipt(receipt)
    device.close()
    thread.join(timeout=5)
    listener.close()
    assert b"\x1d\x6b" in received and b"T01-000123" in received
