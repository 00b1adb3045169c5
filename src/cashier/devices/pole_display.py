"""Customer pole display, CD5220 command set, two lines of twenty characters.

Only the commands the counter needs: ESC @ (initialise), CLR (0x0C, clear), and
ESC Q A / ESC Q B text CR (write the upper / lower line, which also stops scrolling).
The simulator interprets those same bytes into two lines of text, so a test reads exactly
what the customer would see.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Protocol

from cashier.devices.errors import DeviceFailure
from cashier.devices.lifecycle import Device
from cashier.devices.plugin import SIMULATOR, BuildContext, SelfTest
from cashier.devices.serial_port import SerialDevice, write_bytes
from cashier.ledger.rules.money import Cents, format_display

WIDTH = 20
ESC = b"\x1b"
INIT = ESC + b"@"
CLEAR = b"\x0c"
UPPER = ESC + b"QA"
LOWER = ESC + b"QB"
CR = b"\r"


@dataclass(frozen=True)
class PoleDisplaySettings:
    adapter: str = SIMULATOR  # simulator | serial
    serial_port: str = ""
    baudrate: int = 9600

_LABELS = {
    "en": {"total": "TOTAL", "change": "CHANGE", "welcome": "WELCOME", "closed": "LANE CLOSED"},
    "es": {"total": "TOTAL", "change": "CAMBIO", "welcome": "BIENVENIDO", "closed": "CERRADO"},
}


def display_text(text: str) -> str:
    """Fold to the display's ASCII (the CD5220's font has no accents): 'Niño' -> 'Nino'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch if " " <= ch <= "~" else " " for ch in folded)


def two_columns(left: str, right: str) -> str:
    """``left`` and ``right`` on one 20-character line, the left cut to make room."""
    right = display_text(right)[:WIDTH]
    room = WIDTH - len(right) - (1 if right else 0)
    left = display_text(left)[: max(room, 0)]
    return left + " " * (WIDTH - len(left) - len(right)) + right


def frame(upper: str, lower: str) -> bytes:
    """The bytes that put ``upper`` and ``lower`` on the display."""
    top = display_text(upper)[:WIDTH].ljust(WIDTH).encode("ascii")
    bottom = display_text(lower)[:WIDTH].ljust(WIDTH).encode("ascii")
    return CLEAR + UPPER + top + CR + LOWER + bottom + CR


class Cd5220Screen:
    """What a CD5220 shows after a stream of bytes (the simulator's glass)."""

    def __init__(self) -> None:
        self.lines = [" " * WIDTH, " " * WIDTH]
        self._pending = b""

    def feed(self, data: bytes) -> None:
        stream = self._pending + data
        self._pending = b""
        i = 0
        while i < len(stream):
            if stream.startswith(INIT, i):
                self.lines = [" " * WIDTH, " " * WIDTH]
                i += len(INIT)
            elif stream[i : i + 1] == CLEAR:
                self.lines = [" " * WIDTH, " " * WIDTH]
                i += 1
            elif stream.startswith(UPPER, i) or stream.startswith(LOWER, i):
                end = stream.find(CR, i + 3)
                if end < 0:
                    self._pending = stream[i:]  # the rest arrives in the next write
                    return
                row = 0 if stream.startswith(UPPER, i) else 1
                text = stream[i + 3 : end].decode("ascii", errors="replace")[:WIDTH]
                self.lines[row] = text.ljust(WIDTH)
                i = end + 1
            elif stream[i : i + 1] == ESC and len(stream) - i < 3:
                self._pending = stream[i:]
                return
            else:
                raise DeviceFailure("pole display", f"unknown CD5220 byte {stream[i]:#04x}")


class PoleDisplay(Device, Protocol):
    def show(self, upper: str, lower: str) -> None: ...

    def show_item(self, description: str, amount: Cents) -> None: ...

    def show_total(self, total: Cents) -> None: ...

    def show_change(self, total: Cents, change: Cents) -> None: ...

    def show_welcome(self, message: str = "") -> None: ...


class SerialPoleDisplay(SerialDevice):
    """A CD5220 display on a serial port."""

    kind = "pole display"
    adapter = "serial"

    def __init__(self, name: str, url: str, baudrate: int = 9600, language: str = "en") -> None:
        super().__init__(name, url, baudrate, 2.0)
        self.labels = _LABELS.get(language, _LABELS["en"])

    def _ready(self) -> None:
        self._send(INIT)

    def _send(self, data: bytes) -> None:
        write_bytes(self.port, self.name, data)

    def show(self, upper: str, lower: str) -> None:
        with self._using("show text"):
            self._send(frame(upper, lower))

    def show_item(self, description: str, amount: Cents) -> None:
        self.show(description, two_columns("", format_display(amount)))

    def show_total(self, total: Cents) -> None:
        self.show(two_columns(self.labels["total"], format_display(total)), "")

    def show_change(self, total: Cents, change: Cents) -> None:
        self.show(
            two_columns(self.labels["total"], format_display(total)),
            two_columns(self.labels["change"], format_display(change)),
        )

    def show_welcome(self, message: str = "") -> None:
        self.show(message or self.labels["welcome"], "")


class SimulatedPoleDisplay(SerialPoleDisplay):
    """Keeps the two lines of text the bytes would put on the glass."""

    adapter = "simulator"

    def __init__(self, name: str = "pole display", language: str = "en") -> None:
        super().__init__(name, "", 9600, language)
        self.screen = Cd5220Screen()
        self.sent = bytearray()

    def _connect(self) -> None:
        self.screen = Cd5220Screen()

    def _disconnect(self) -> None:
        pass

    def _send(self, data: bytes) -> None:
        self.sent += data
        self.screen.feed(data)

    def _probe(self) -> tuple[bool, str, tuple[str, ...]]:
        return True, " | ".join(line.rstrip() for line in self.screen.lines), ()

    @property
    def lines(self) -> tuple[str, str]:
        return self.screen.lines[0], self.screen.lines[1]


# --- for the registry (registry.py) ---

def build_serial(pole: PoleDisplaySettings, context: BuildContext) -> PoleDisplay:
    return SerialPoleDisplay(context.name, pole.serial_port, pole.baudrate, context.language)


def build_simulator(pole: PoleDisplaySettings, context: BuildContext) -> PoleDisplay:
    return SimulatedPoleDisplay(context.name, context.language)


def self_test(test: SelfTest, display: PoleDisplay) -> None:
    def show() -> str:
        display.show("DEVICE TEST", f"TERMINAL {test.terminal}")
        if isinstance(display, SimulatedPoleDisplay):
            return " | ".join(line.rstrip() for line in display.lines)
        return "sent"
    test.step(display.name, "show", show)
