"""MICR check reader: the E-13B line at the bottom of a check into routing, account, number.

Readers send the four E-13B symbols either as Unicode (⑆ transit, ⑈ on-us, ⑇ amount,
⑉ dash) or as MagTek-style letters (T, O, A, D); both are accepted. The routing number goes
through the one ABA checksum in ``cashier.ledger.rules.routing``; the account leaves this module
masked, because the ledger keeps only its last four digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from cashier.devices.errors import MicrError
from cashier.devices.lifecycle import Device
from cashier.devices.plugin import SIMULATOR, BuildContext, SelfTest
from cashier.devices.serial_port import SerialDevice, read_line, write_bytes
from cashier.ledger.rules.errors import InvalidRouting
from cashier.ledger.rules.money import Cents
from cashier.ledger.rules.routing import mask_account, validate_routing

_SYMBOLS = {"⑆": "T", "⑈": "O", "⑇": "A", "⑉": "D"}
_TRANSIT = re.compile(r"T([0-9D]+)T")
_AMOUNT = re.compile(r"A(\d{10})A\s*$")
_AUX_ON_US = re.compile(r"^\s*O([0-9 ]+)O")


@dataclass(frozen=True)
class MicrReaderSettings:
    adapter: str = SIMULATOR  # simulator | serial
    serial_port: str = ""
    baudrate: int = 9600
    timeout: float = 10.0


@dataclass(frozen=True)
class MicrLine:
    """A check as the tender needs it: never the whole account number."""

    routing: str
    account_masked: str
    check_number: str | None
    amount: Cents | None  # only on checks the bank has already encoded


def parse_micr(line: str) -> MicrLine:
    """Parse one E-13B line, e.g. ``⑆111000025⑆ 1234567890⑈ 1042`` or ``T111000025T1234O1042``.

    The check number is the auxiliary on-us field before the transit (business checks) or the
    digits after the on-us symbol (personal checks). A ``?`` is a character the reader could
    not recognise; the line is refused rather than guessed at.
    """
    if not isinstance(line, str):
        raise MicrError("MICR reader", "MICR line must be text")
    text = "".join(_SYMBOLS.get(ch, ch) for ch in line.strip("\r\n")).upper()
    if not text.strip():
        raise MicrError("MICR reader", "empty MICR line: the check was not read")
    for position, ch in enumerate(text):
        if ch == "?":
            raise MicrError("MICR reader", f"unreadable character at position {position + 1}")
        if ch not in "0123456789TOAD ":
            raise MicrError(
                "MICR reader", f"unexpected character {ch!r} at position {position + 1}"
            )
    amount: Cents | None = None
    amount_match = _AMOUNT.search(text)
    if amount_match:
        amount = int(amount_match[1])
        text = text[: amount_match.start()]
    transits = _TRANSIT.findall(text)
    if len(transits) != 1:
        raise MicrError("MICR reader", "no transit field (⑆routing⑆) on the line" if not transits
                        else "more than one transit field on the line")
    routing = transits[0]
    try:
        validate_routing(routing)
    except InvalidRouting as exc:
        raise MicrError("MICR reader", exc.message) from exc
    before, after = text.split(f"T{routing}T", 1)
    aux = _AUX_ON_US.match(before)
    if before.strip() and not aux:
        raise MicrError("MICR reader", "unexpected characters before the transit field")
    if "O" not in after:
        raise MicrError("MICR reader", "no on-us symbol (⑈) after the account number")
    account_part, _, tail = after.partition("O")
    account = account_part.replace(" ", "").replace("D", "")
    if not account.isdigit():
        raise MicrError("MICR reader", "account number in the on-us field is missing or garbled")
    check_number = _check_number(aux[1] if aux else None, tail)
    return MicrLine(routing, mask_account(account), check_number, amount)


def _check_number(aux: str | None, tail: str) -> str | None:
    if aux is not None:
        digits = aux.replace(" ", "")
        if not digits:
            raise MicrError("MICR reader", "empty auxiliary on-us (check number) field")
        if tail.replace("O", "").strip():
            raise MicrError("MICR reader", "unexpected characters after the on-us field")
        return digits.lstrip("0") or "0"
    tail_digits = tail.replace(" ", "").replace("O", "")
    if not tail_digits:
        return None
    if not tail_digits.isdigit():
        raise MicrError("MICR reader", "check number after the on-us symbol is garbled")
    return tail_digits.lstrip("0") or "0"


def micr_text(routing: str, account: str, check_number: str) -> str:
    """The MagTek-style line a personal check gives (what the simulator reads)."""
    return f"T{routing}T{account}O{check_number}"


class MicrReader(Device, Protocol):
    def read_check(self, timeout: float | None = None) -> MicrLine: ...


class SerialMicrReader(SerialDevice):
    """A MICR reader on a serial port sending one CR-terminated line per check."""

    kind = "MICR reader"
    adapter = "serial"

    def read_check(self, timeout: float | None = None) -> MicrLine:
        wait = self.timeout if timeout is None else timeout
        with self._using("read a check"):
            raw = read_line(self.port, self.name, wait, "MICR line")
            return parse_micr(raw.decode("utf-8", errors="replace"))


class SimulatedMicrReader(SerialMicrReader):
    """The serial reader on ``loop://``: ``insert`` a check and it reads those exact bytes."""

    adapter = "simulator"

    def __init__(self, name: str = "MICR reader", timeout: float = 2.0) -> None:
        super().__init__(name, "loop://", 9600, timeout)

    def insert(self, line: str) -> None:
        write_bytes(self.port, self.name, line.encode("utf-8") + b"\r")


# --- for the registry (registry.py) ---

def build_serial(micr: MicrReaderSettings, context: BuildContext) -> MicrReader:
    return SerialMicrReader(context.name, micr.serial_port, micr.baudrate, micr.timeout)


def build_simulator(micr: MicrReaderSettings, context: BuildContext) -> MicrReader:
    return SimulatedMicrReader(context.name)


def self_test(test: SelfTest, reader: MicrReader) -> None:
    if isinstance(reader, SimulatedMicrReader):
        reader.insert(micr_text("111000025", "1234567890", "1042"))

    def read() -> str:
        line = reader.read_check()
        return (f"routing {line.routing}, account {line.account_masked}, "
                f"check {line.check_number or '-'}")
    test.step(reader.name, "read check", read)
