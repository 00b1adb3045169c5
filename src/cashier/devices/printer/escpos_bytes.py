"""ESC/POS bytes both ways: the DLE EOT status replies in, and a decoder for what we send.

Status bytes follow the ESC/POS real-time status format: bits 1 and 4 are always set and bits
0 and 7 always clear, so a reply that breaks that pattern is line noise (or a reply to another
question), never a status. The decoder turns a receipt job back into text lines and commands,
which is how the simulator shows its last receipt and how the tests read what was printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from cashier.devices.errors import PrinterStatusError

DLE_EOT = b"\x10\x04"
STATUS_PRINTER = 1  # online / drawer sensor
STATUS_OFFLINE = 2  # cover open, paper-end stop, error
STATUS_PAPER = 4  # roll paper sensors

_FIXED_MASK = 0b1001_0011
_FIXED_BITS = 0b0001_0010


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer says about itself; ``known`` is False when it cannot be asked."""

    online: bool
    cover_open: bool = False
    paper_near_end: bool = False
    paper_out: bool = False
    error: bool = False
    drawer_pin_high: bool = False
    known: bool = True

    @property
    def ready(self) -> bool:
        return self.online and not (self.cover_open or self.paper_out or self.error)

    def describe(self) -> str:
        if not self.known:
            return "status not readable on this connection"
        problems = [
            text
            for flag, text in (
                (not self.online, "offline"),
                (self.cover_open, "cover open"),
                (self.paper_out, "paper out"),
                (self.error, "printer error"),
                (self.paper_near_end and not self.paper_out, "paper near end"),
            )
            if flag
        ]
        return ", ".join(problems) or "ready"


UNKNOWN_STATUS = PrinterStatus(online=True, known=False)


def status_query(kind: int) -> bytes:
    return DLE_EOT + bytes((kind,))


def status_byte(kind: int, reply: bytes) -> int:
    """The one status byte of a DLE EOT ``kind`` reply, validated."""
    if not isinstance(reply, bytes | bytearray):
        raise PrinterStatusError("receipt printer", "status reply is not bytes")
    if len(reply) == 0:
        raise PrinterStatusError("receipt printer", f"no reply to DLE EOT {kind}")
    if len(reply) != 1:
        raise PrinterStatusError(
            "receipt printer", f"DLE EOT {kind} reply has {len(reply)} bytes, expected 1"
        )
    value = reply[0]
    if value & _FIXED_MASK != _FIXED_BITS:
        raise PrinterStatusError(
            "receipt printer", f"DLE EOT {kind} reply {value:#04x} is not a status byte"
        )
    return value


def parse_status(printer: bytes, offline: bytes, paper: bytes) -> PrinterStatus:
    """Combine the replies to DLE EOT 1, 2 and 4 into one status."""
    first = status_byte(STATUS_PRINTER, printer)
    second = status_byte(STATUS_OFFLINE, offline)
    fourth = status_byte(STATUS_PAPER, paper)
    return PrinterStatus(
        online=not first & 0x08,
        drawer_pin_high=bool(first & 0x04),
        cover_open=bool(second & 0x04),
        error=bool(second & 0x40),
        paper_out=bool(fourth & 0x60) or bool(second & 0x20),
        paper_near_end=bool(fourth & 0x0C),
    )


def status_replies(status: PrinterStatus) -> dict[int, bytes]:
    """The bytes a printer in ``status`` sends (the simulator answers with these)."""
    first = _FIXED_BITS | (0x08 if not status.online else 0) | (
        0x04 if status.drawer_pin_high else 0)
    second = _FIXED_BITS | (0x04 if status.cover_open else 0) | (
        0x20 if status.paper_out else 0) | (0x40 if status.error else 0)
    fourth = _FIXED_BITS | (0x0C if status.paper_near_end else 0) | (
        0x60 if status.paper_out else 0)
    return {STATUS_PRINTER: bytes((first,)), STATUS_OFFLINE: bytes((second,)),
            STATUS_PAPER: bytes((fourth,))}


# -- decoding what we send ------------------------------------------------------------------

# Length of each fixed-size command python-escpos emits for a receipt, by its first two bytes.
_FIXED = {
    b"\x1b@": 2, b"\x1ba": 3, b"\x1bE": 3, b"\x1b!": 3, b"\x1b-": 3, b"\x1bt": 3, b"\x1bM": 3,
    b"\x1bd": 3, b"\x1bG": 3, b"\x1b{": 3, b"\x1bV": 3, b"\x1b2": 2, b"\x1b3": 3, b"\x1bp": 5,
    b"\x1d!": 3, b"\x1dh": 3, b"\x1dw": 3, b"\x1df": 3, b"\x1dH": 3, b"\x1dB": 3, b"\x1db": 3,
    b"\x1dL": 4, b"\x1bJ": 3, b"\x1b ": 3, b"\x1c.": 2, b"\x1c&": 2, b"\x1bR": 3,
}


@dataclass(frozen=True)
class EscposCommand:
    name: str
    data: bytes


@dataclass(frozen=True)
class EscposJob:
    lines: tuple[str, ...]
    commands: tuple[EscposCommand, ...]

    def names(self) -> list[str]:
        return [c.name for c in self.commands]

    def barcodes(self) -> list[bytes]:
        return [c.data for c in self.commands if c.name == "barcode"]


def decode_job(data: bytes, encoding: str = "cp437") -> EscposJob:
    """Split a job into printed text lines and the commands between them."""
    lines: list[str] = []
    commands: list[EscposCommand] = []
    text = bytearray()
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == 0x0A:
            lines.append(text.decode(encoding, errors="replace"))
            text.clear()
            i += 1
        elif byte in (0x1B, 0x1D, 0x1C, 0x10):
            command, i = _command(data, i)
            commands.append(command)
        else:
            text.append(byte)
            i += 1
    if text:
        lines.append(text.decode(encoding, errors="replace"))
    return EscposJob(tuple(lines), tuple(commands))


def _command(data: bytes, i: int) -> tuple[EscposCommand, int]:
    head = data[i : i + 2]
    if head == b"\x1dk":  # GS k m: function B carries a length, function A ends with NUL
        m = data[i + 2]
        if m >= 65:
            n = data[i + 3]
            return EscposCommand("barcode", data[i + 4 : i + 4 + n]), i + 4 + n
        end = data.index(b"\x00", i + 3)
        return EscposCommand("barcode", data[i + 3 : end]), end + 1
    if head == b"\x1dV":
        size = 4 if data[i + 2] in (65, 66) else 3
        return EscposCommand("cut", data[i : i + size]), i + size
    if head == b"\x1bp":
        return EscposCommand("drawer kick", data[i : i + 5]), i + 5
    if head == DLE_EOT:
        return EscposCommand("status query", data[i : i + 3]), i + 3
    length = _FIXED.get(head)
    if length is None:
        raise ValueError(f"unknown ESC/POS command {head.hex(' ')} at byte {i}")
    return EscposCommand(head.hex(" "), data[i : i + length]), i + length
