"""Cash drawer: kicked through the receipt printer (ESC p) or standalone on a serial port.

Every kick, including one that failed, is handed to ``on_kick`` so the ledger can write its
audit event; a drawer whose sensor shows it open longer than ``left_open_seconds`` is
reported as left open, the warning supervisors ask for after a counter theft.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol, cast

from cashier.devices.errors import DeviceError, SettingsError
from cashier.devices.lifecycle import Device, DeviceBase
from cashier.devices.plugin import SIMULATOR, BuildContext, DrawerKick, KickListener, SelfTest
from cashier.devices.printer.receipt_printer import ReceiptPrinter, kick_bytes
from cashier.devices.serial_port import SerialDevice, write_bytes

BEL = b"\x07"


@dataclass(frozen=True)
class DrawerSettings:
    adapter: str = SIMULATOR  # simulator | printer | serial
    pin: int = 2  # printer kick connector pin, 2 or 5
    pulse_on_ms: int = 100
    pulse_off_ms: int = 100
    serial_port: str = ""
    baudrate: int = 9600
    sensor_open_when_high: bool = True  # polarity: CTS (serial) or pin 3 (printer) high = open
    left_open_seconds: float = 60.0


@dataclass(frozen=True)
class DrawerStatus:
    open: bool | None  # None: this drawer has no sensor we can read
    open_seconds: float = 0.0
    left_open: bool = False

    def describe(self, limit: float) -> str:
        if self.open is None:
            return "no open sensor"
        if self.left_open:
            return f"drawer left open for {self.open_seconds:.0f} s (limit {limit:.0f} s)"
        return "open" if self.open else "closed"


class CashDrawer(Device, Protocol):
    def kick(self, reason: str) -> DrawerKick: ...

    def drawer_status(self) -> DrawerStatus: ...


class _DrawerBase:
    """Kick reporting and the left-open clock shared by every drawer adapter."""

    name: str
    left_open_seconds: float

    def _init_watch(self, on_kick: KickListener | None, left_open_seconds: float,
                    clock: Callable[[], float]) -> None:
        self.on_kick = on_kick
        self.left_open_seconds = left_open_seconds
        self._clock = clock
        self._open_since: float | None = None

    def _report(self, reason: str, sent: bytes, error: DeviceError | None) -> DrawerKick:
        kick = DrawerKick(self.name, datetime.now(UTC), reason, sent,
                          ok=error is None, error=error.reason if error else "")
        if self.on_kick is not None:
            self.on_kick(kick)
        return kick

    def _watch(self, is_open: bool | None) -> DrawerStatus:
        if is_open is None:
            return DrawerStatus(open=None)
        if not is_open:
            self._open_since = None
            return DrawerStatus(open=False)
        now = self._clock()
        if self._open_since is None:
            self._open_since = now
        seconds = now - self._open_since
        return DrawerStatus(True, seconds, seconds >= self.left_open_seconds)

    def _warnings(self, status: DrawerStatus) -> tuple[str, ...]:
        return (status.describe(self.left_open_seconds),) if status.left_open else ()


class PrinterDrawer(_DrawerBase, DeviceBase):
    """A drawer on the printer's kick connector; its sensor is DLE EOT 1's pin 3 bit."""

    kind = "cash drawer"
    adapter = "printer"

    def __init__(self, name: str, printer: ReceiptPrinter, *, pin: int = 2,
                 pulse_on_ms: int = 100, pulse_off_ms: int = 100,
                 sensor_open_when_high: bool = True, left_open_seconds: float = 60.0,
                 on_kick: KickListener | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        DeviceBase.__init__(self, name)
        self._init_watch(on_kick, left_open_seconds, clock)
        kick_bytes(pin, pulse_on_ms, pulse_off_ms)  # a wrong pin is refused here, not at a sale
        self.printer = printer
        self.pin = pin
        self.pulse = (pulse_on_ms, pulse_off_ms)
        self.sensor_open_when_high = sensor_open_when_high

    def kick(self, reason: str) -> DrawerKick:
        with self._using("open the drawer"):
            try:
                sent = self.printer.kick_drawer(self.pin, *self.pulse)
            except DeviceError as exc:
                self._report(reason, b"", exc)
                raise
            return self._report(reason, sent, None)

    def drawer_status(self) -> DrawerStatus:
        with self._using("read the drawer sensor"):
            return self._watch(self._sensor())

    def _sensor(self) -> bool | None:
        status = self.printer.status()
        if not status.known or not status.online:
            return None
        return status.drawer_pin_high == self.sensor_open_when_high

    def _probe(self) -> tuple[bool, str, tuple[str, ...]]:
        status = self._watch(self._sensor())
        return True, status.describe(self.left_open_seconds), self._warnings(status)


class SerialDrawer(_DrawerBase, SerialDevice):
    """A standalone drawer interface: BEL opens it, the open sensor is wired to CTS."""

    kind = "cash drawer"
    adapter = "serial"

    def __init__(self, name: str, url: str, *, baudrate: int = 9600,
                 sensor_open_when_high: bool = True, left_open_seconds: float = 60.0,
                 on_kick: KickListener | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        SerialDevice.__init__(self, name, url, baudrate, 2.0)
        self._init_watch(on_kick, left_open_seconds, clock)
        self.sensor_open_when_high = sensor_open_when_high

    def kick(self, reason: str) -> DrawerKick:
        with self._using("open the drawer"):
            try:
                write_bytes(self.port, self.name, BEL)
            except DeviceError as exc:
                self._report(reason, b"", exc)
                raise
            return self._report(reason, BEL, None)

    def drawer_status(self) -> DrawerStatus:
        with self._using("read the drawer sensor"):
            return self._watch(self._sensor())

    def _sensor(self) -> bool:
        return bool(self.port.cts) == self.sensor_open_when_high

    def _probe(self) -> tuple[bool, str, tuple[str, ...]]:
        status = self._watch(self._sensor())
        return True, status.describe(self.left_open_seconds), self._warnings(status)


class SimulatedDrawer(SerialDrawer):
    """The serial drawer on ``loop://``: loop's CTS follows RTS, so RTS is the drawer."""

    adapter = "simulator"

    def __init__(self, name: str = "cash drawer", *, left_open_seconds: float = 60.0,
                 on_kick: KickListener | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(name, "loop://", left_open_seconds=left_open_seconds,
                         on_kick=on_kick, clock=clock)

    def _connect(self) -> None:
        super()._connect()
        self.port.rts = False  # closed

    def kick(self, reason: str) -> DrawerKick:
        kick = super().kick(reason)
        self.port.reset_input_buffer()  # the BEL came back round the loop; it is not data
        self.port.rts = True  # the bolt releases and the drawer springs open
        return kick

    def push_closed(self) -> None:
        """The cashier shuts the drawer."""
        self.port.rts = False


# --- for the registry (registry.py) ---

def check_settings(drawer: DrawerSettings, where: str) -> None:
    if drawer.pin not in (2, 5):
        raise SettingsError("settings", f"{where} pin must be 2 or 5 (the kick connector pins)")


def build_printer_drawer(drawer: DrawerSettings, context: BuildContext) -> CashDrawer:
    printer = cast(ReceiptPrinter, context.device("printer"))
    return PrinterDrawer(context.name, printer, pin=drawer.pin,
                         pulse_on_ms=drawer.pulse_on_ms, pulse_off_ms=drawer.pulse_off_ms,
                         sensor_open_when_high=drawer.sensor_open_when_high,
                         left_open_seconds=drawer.left_open_seconds, on_kick=context.on_kick)


def build_serial(drawer: DrawerSettings, context: BuildContext) -> CashDrawer:
    return SerialDrawer(context.name, drawer.serial_port, baudrate=drawer.baudrate,
                        sensor_open_when_high=drawer.sensor_open_when_high,
                        left_open_seconds=drawer.left_open_seconds, on_kick=context.on_kick)


def build_simulator(drawer: DrawerSettings, context: BuildContext) -> CashDrawer:
    return SimulatedDrawer(context.name, left_open_seconds=drawer.left_open_seconds,
                           on_kick=context.on_kick)


def self_test(test: SelfTest, drawer: CashDrawer) -> None:
    test.step(drawer.name, "kick",
              lambda: "opened, sent " + drawer.kick("device test").sent.hex(" "))
