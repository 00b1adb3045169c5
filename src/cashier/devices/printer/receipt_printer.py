"""Receipt printer on python-escpos: one adapter for USB, serial, network and file printers,
and a simulator that is python-escpos's own ``Dummy`` answering DLE EOT like a printer.

Every job is rendered to bytes first and sent in one write after the printer said it is
ready, so a printer that is off or out of paper refuses the whole job up front (and the
print queue keeps it) instead of stopping halfway down a receipt.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

import serial
from escpos import printer as escpos_printer
from escpos.exceptions import Error as EscposError

from cashier.devices.errors import DeviceOffline, NoHardware, SettingsError
from cashier.devices.lifecycle import Device, DeviceBase
from cashier.devices.plugin import SIMULATOR, BuildContext, SelfTest
from cashier.devices.printer.escpos_bytes import (
    STATUS_OFFLINE,
    STATUS_PAPER,
    STATUS_PRINTER,
    UNKNOWN_STATUS,
    EscposJob,
    PrinterStatus,
    decode_job,
    parse_status,
    status_query,
    status_replies,
)
from cashier.devices.printer.receipt import (
    LABELS,
    ReceiptDocument,
    ReceiptLine,
    ReceiptTender,
    render_lines,
    render_receipt,
)

KICK_PINS = {2: 0, 5: 1}
ADAPTERS = (SIMULATOR, "usb", "serial", "network", "file")


@dataclass(frozen=True)
class PrinterSettings:
    adapter: str = SIMULATOR  # simulator | usb | serial | network | file
    profile: str = "default"  # python-escpos capabilities profile, e.g. "TM-T88V"
    columns: int = 42  # 42 or 48
    usb_vendor: int = 0
    usb_product: int = 0
    serial_port: str = ""
    baudrate: int = 9600
    host: str = ""
    port: int = 9100
    path: str = ""
    timeout: float = 5.0


class ReceiptPrinter(Device, Protocol):
    columns: int

    def status(self) -> PrinterStatus: ...

    def print_receipt(self, document: ReceiptDocument) -> None: ...

    def print_lines(self, lines: list[str]) -> None: ...

    def kick_drawer(self, pin: int, on_ms: int, off_ms: int) -> bytes: ...


def kick_bytes(pin: int, on_ms: int, off_ms: int) -> list[int]:
    """ESC p m t1 t2: pin 2 or 5, pulse on/off in units of 2 ms (1..255)."""
    if pin not in KICK_PINS:
        raise ValueError(f"drawer kick pin must be 2 or 5, not {pin}")
    units = [max(1, min(255, round(ms / 2))) for ms in (on_ms, off_ms)]
    return [0x1B, 0x70, KICK_PINS[pin], units[0], units[1]]


class EscposReceiptPrinter(DeviceBase):
    """Any python-escpos printer; ``connect`` builds and opens the escpos object at claim."""

    kind = "receipt printer"

    def __init__(
        self,
        name: str,
        connect: Callable[[], Any],
        *,
        adapter: str,
        resource: str | None,
        profile: str = "default",
        columns: int = 42,
        language: str = "en",
        reads_status: bool = True,
    ) -> None:
        super().__init__(name, resource)
        self.adapter = adapter
        self.profile = profile
        self.columns = columns
        self.language = language
        self.reads_status = reads_status
        self._connector = connect
        self._hw: Any = None

    # -- lifecycle hooks -----------------------------------------------------------------------

    def _connect(self) -> None:
        try:
            self._hw = self._connector()
            self._hw.open()
        except (EscposError, OSError, ValueError, serial.SerialException) as exc:
            self._hw = None
            raise NoHardware(self.name, f"cannot open the {self.adapter} printer: {exc}") from exc

    def _disconnect(self) -> None:
        hw, self._hw = self._hw, None
        if hw is not None:
            # The printer is being let go; a failing close changes nothing.
            with contextlib.suppress(EscposError, OSError):
                hw.close()

    def _ready(self) -> None:
        self._send(b"\x1b@")  # ESC @: forget any half-sent job from before a power cut

    def _probe(self) -> tuple[bool, str, tuple[str, ...]]:
        status = self._read_status()
        warnings = ("paper near end",) if status.paper_near_end and not status.paper_out else ()
        return status.ready, status.describe(), warnings

    # -- uses ------------------------------------------------------------------------------

    def status(self) -> PrinterStatus:
        with self._using("read status"):
            return self._read_status()

    def print_receipt(self, document: ReceiptDocument) -> None:
        self._print(render_receipt(document, self.columns, self.profile), "print a receipt")

    def print_lines(self, lines: list[str]) -> None:
        self._print(render_lines(lines, self.columns, self.profile), "print")

    def kick_drawer(self, pin: int, on_ms: int, off_ms: int) -> bytes:
        sequence = kick_bytes(pin, on_ms, off_ms)
        with self._using("kick the drawer"):
            self._require_ready("kick the drawer", paper_matters=False)
            self._hw.cashdraw(sequence)
        return bytes(sequence)

    def _print(self, job: bytes, what: str) -> None:
        with self._using(what):
            self._require_ready(what, paper_matters=True)
            self._send(job)

    def _require_ready(self, what: str, paper_matters: bool) -> None:
        status = self._read_status()
        blocked = not status.online or (paper_matters and not status.ready)
        if blocked:
            raise DeviceOffline(self.name, f"cannot {what}: {status.describe()}")

    def _read_status(self) -> PrinterStatus:
        if not self.reads_status:
            return UNKNOWN_STATUS
        replies = []
        for kind in (STATUS_PRINTER, STATUS_OFFLINE, STATUS_PAPER):
            self._send(status_query(kind))
            reply = self._receive()
            if not reply and kind == STATUS_PRINTER:
                return PrinterStatus(online=False)  # switched off: nothing answers at all
            replies.append(reply)
        return parse_status(*replies)

    def _send(self, data: bytes) -> None:
        if self._hw is None:
            raise DeviceOffline(self.name, "printer is not connected")
        try:
            self._hw._raw(data)
        except (EscposError, serial.SerialException) as exc:
            raise DeviceOffline(self.name, f"write failed: {exc}") from exc

    def _receive(self) -> bytes:
        try:
            if isinstance(self._hw, escpos_printer.Serial):
                # python-escpos waits for 16 bytes; a status reply is one, so ask for one
                # rather than sit out the whole timeout three times per status check.
                return bytes(self._hw.device.read(1))
            return bytes(self._hw._read())
        except (EscposError, serial.SerialException) as exc:
            raise DeviceOffline(self.name, f"status read failed: {exc}") from exc


class PrinterSimulator(escpos_printer.Dummy):  # type: ignore[misc]
    """python-escpos's Dummy printer that answers DLE EOT the way a real one does."""

    def __init__(self, profile: str = "default") -> None:
        super().__init__(profile=profile)
        self.condition = PrinterStatus(online=True)
        self.jobs: list[bytes] = []
        self._reply = b""

    def _raw(self, msg: bytes) -> None:
        if msg[:2] == b"\x10\x04" and len(msg) == 3:
            self._reply = status_replies(self.condition)[msg[2]]
            return
        super()._raw(msg)

    def _read(self) -> bytes:
        # A printer that is switched off sends nothing back at all.
        reply, self._reply = self._reply, b""
        return reply if self.condition.online else b""

    def last_job(self) -> EscposJob:
        return decode_job(self.output)


class SimulatedPrinter(EscposReceiptPrinter):
    """The printer the program uses when there is none: bytes kept, status settable."""

    def __init__(self, name: str = "printer", profile: str = "default", columns: int = 42,
                 language: str = "en") -> None:
        self.hardware = PrinterSimulator(profile)
        super().__init__(name, lambda: self.hardware, adapter="simulator", resource=None,
                         profile=profile, columns=columns, language=language)

    def _disconnect(self) -> None:
        self._hw = None  # keep the simulator's paper roll for the test to read

    def set_condition(self, **flags: bool) -> None:
        """Switch the simulated printer off, open its cover, run out of paper …"""
        self.hardware.condition = replace(self.hardware.condition, **flags)

    @property
    def output(self) -> bytes:
        return bytes(self.hardware.output)

    def take_output(self) -> bytes:
        data = self.output
        self.hardware.clear()
        return data


def _serial_printer(settings: PrinterSettings) -> Any:
    p = escpos_printer.Serial(devfile=settings.serial_port, baudrate=settings.baudrate,
                              timeout=settings.timeout, profile=settings.profile)
    # python-escpos opens serial.Serial directly, which does not know URLs (loop://, rfc2217://);
    # opening through serial_for_url keeps one way to name every port.
    def open_port(raise_not_found: bool = True) -> None:
        p.device = serial.serial_for_url(settings.serial_port, baudrate=settings.baudrate,
                                         timeout=settings.timeout)
    p.open = open_port
    return p


def build_printer(name: str, settings: PrinterSettings, language: str = "en"
                  ) -> EscposReceiptPrinter:
    """The printer ``settings`` describe (simulator by default)."""
    common: dict[str, Any] = {"profile": settings.profile, "columns": settings.columns,
                              "language": language}
    if settings.adapter == SIMULATOR:
        return SimulatedPrinter(name, **common)
    if settings.adapter == "usb":
        def usb() -> Any:
            return escpos_printer.Usb(settings.usb_vendor, settings.usb_product,
                                      timeout=int(settings.timeout * 1000),
                                      profile=settings.profile)
        resource = f"usb:{settings.usb_vendor:04x}:{settings.usb_product:04x}"
        return EscposReceiptPrinter(name, usb, adapter="usb", resource=resource, **common)
    if settings.adapter == "serial":
        return EscposReceiptPrinter(name, lambda: _serial_printer(settings), adapter="serial",
                                    resource=settings.serial_port or None, **common)
    if settings.adapter == "network":
        def network() -> Any:
            p = escpos_printer.Network(settings.host, settings.port, timeout=settings.timeout,
                                       profile=settings.profile)

            # python-escpos leaves the socket of a failed connect open; this one closes it.
            def open_socket(raise_not_found: bool = True) -> None:
                p.device = socket.create_connection((settings.host, settings.port),
                                                    timeout=settings.timeout)
            p.open = open_socket
            return p
        return EscposReceiptPrinter(name, network, adapter="network",
                                    resource=f"tcp:{settings.host}:{settings.port}", **common)
    def file() -> Any:
        return escpos_printer.File(settings.path, profile=settings.profile)
    # A printer reached as a file (/dev/usb/lp0) is write-only: its status cannot be asked.
    return EscposReceiptPrinter(name, file, adapter="file", resource=settings.path or None,
                                reads_status=False, **common)


# --- for the registry (registry.py) ---

def check_settings(printer: PrinterSettings, where: str) -> None:
    if printer.columns not in (42, 48):
        raise SettingsError("settings", f"{where} columns must be 42 or 48")


def build(printer: PrinterSettings, context: BuildContext) -> ReceiptPrinter:
    """Every adapter of the printer: python-escpos picks the transport."""
    return build_printer(context.name, printer, context.language)


def self_test(test: SelfTest, printer: ReceiptPrinter) -> None:
    test.step(printer.name, "status", lambda: printer.status().describe())
    document = ReceiptDocument(
        receipt_number=f"TEST-{test.terminal}"[:40], printed_at=test.started, cashier="-",
        terminal=test.terminal, header=(LABELS[test.language]["test"],),
        lines=(ReceiptLine("Device test", 0),), tenders=(ReceiptTender("cash", 0),),
        footer=(f"{printer.columns} columns",), language=test.language)

    def print_test_receipt() -> str:
        printer.print_receipt(document)
        return f"test receipt {document.receipt_number} printed"
    test.step(printer.name, "print", print_test_receipt)
