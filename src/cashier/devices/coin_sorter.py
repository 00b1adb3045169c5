"""Coin sorter / counter: reads the batch report it sends when the cashier presses PRINT.

The report (docs/devices.md) is one ``face count value`` line per denomination, amounts as
decimal strings, closed by ``TOTAL value``. Every line is checked (count × face = value) and
the total against the lines, because a sorter with a dropped byte on the wire still sends
something that looks like a report; a wrong count in the close dialog is an over/short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from cashier.devices.errors import CoinReportError
from cashier.devices.lifecycle import Device
from cashier.devices.plugin import SIMULATOR, BuildContext, SelfTest
from cashier.devices.serial_port import SerialDevice, read_line, write_bytes
from cashier.ledger.rules.errors import InvalidAmount
from cashier.ledger.rules.money import Cents, format_money, parse_money

ACK = b"\x06"
NAK = b"\x15"
_BATCH = re.compile(r"BATCH\s+(\S{1,20})\Z")
_LIMIT = 10_000_000_00  # far above any drawer; a bigger figure is a garbled line
_MAX_LINES = 64
SAMPLE_COINS = {1: 50, 5: 40, 10: 50, 25: 40}  # what the self-test loads into the simulator


@dataclass(frozen=True)
class CoinSorterSettings:
    adapter: str = SIMULATOR  # simulator | serial
    serial_port: str = ""
    baudrate: int = 9600
    timeout: float = 10.0
    ack: bool = True  # send ACK/NAK after each report


@dataclass(frozen=True)
class CoinReport:
    """One verified batch: face value in cents -> number of coins."""

    counts: Mapping[Cents, int]
    total: Cents
    batch: str | None = None

    def lines(self) -> list[str]:
        """The report as the sorter sends it (the simulator speaks these bytes)."""
        out = [f"BATCH {self.batch}"] if self.batch else []
        for face, count in sorted(self.counts.items()):
            out.append(f"{format_money(face)} {count} {format_money(face * count)}")
        out.append(f"TOTAL {format_money(self.total)}")
        return out


def coin_report(counts: Mapping[Cents, int], batch: str | None = None) -> CoinReport:
    return CoinReport(dict(counts), sum(face * n for face, n in counts.items()), batch)


def _money(text: str, what: str, line_no: int) -> Cents:
    try:
        return parse_money(text, what=what, limit=_LIMIT)
    except InvalidAmount as exc:
        raise CoinReportError("coin sorter", f"line {line_no}: {exc.message}") from exc


def parse_coin_report(lines: Iterable[str]) -> CoinReport:
    """Verify and parse report lines (blank lines ignored; the TOTAL line must be last)."""
    counts: dict[Cents, int] = {}
    batch: str | None = None
    line_no = 0
    for line_no, raw in enumerate(lines, start=1):
        if not isinstance(raw, str):
            raise CoinReportError("coin sorter", f"line {line_no} is not text")
        if line_no > _MAX_LINES:
            raise CoinReportError("coin sorter", f"report longer than {_MAX_LINES} lines")
        fields = raw.split()
        if not fields:
            continue
        if fields[0].upper() == "TOTAL":
            return _close_report(fields, counts, batch, line_no)
        if fields[0].upper() == "BATCH" and not counts and batch is None:
            match = _BATCH.match(" ".join(fields).upper())
            if match is None:
                raise CoinReportError("coin sorter", f"line {line_no}: bad BATCH line {raw!r}")
            batch = match[1]
            continue
        face, count = _coin_line(fields, line_no, raw)
        if face in counts:
            raise CoinReportError(
                "coin sorter", f"line {line_no}: {format_money(face)} is reported twice"
            )
        counts[face] = count
    raise CoinReportError(
        "coin sorter", f"report ended after {line_no} lines without a TOTAL line"
    )


def _coin_line(fields: list[str], line_no: int, raw: str) -> tuple[Cents, int]:
    if len(fields) != 3:
        raise CoinReportError(
            "coin sorter", f"line {line_no}: expected 'face count value', got {raw.strip()!r}"
        )
    face = _money(fields[0], "face value", line_no)
    if face <= 0:
        raise CoinReportError("coin sorter", f"line {line_no}: face value must be above zero")
    if not fields[1].isascii() or not fields[1].isdigit() or len(fields[1]) > 7:
        raise CoinReportError("coin sorter", f"line {line_no}: count {fields[1]!r} is not a count")
    count = int(fields[1])
    value = _money(fields[2], "value", line_no)
    if face * count != value:
        raise CoinReportError(
            "coin sorter",
            f"line {line_no}: {count} × {format_money(face)} is "
            f"{format_money(face * count)}, but the sorter says {format_money(value)}",
        )
    return face, count


def _close_report(
    fields: list[str], counts: dict[Cents, int], batch: str | None, line_no: int
) -> CoinReport:
    if len(fields) != 2:
        raise CoinReportError("coin sorter", f"line {line_no}: expected 'TOTAL value'")
    total = _money(fields[1], "total", line_no)
    added = sum(face * n for face, n in counts.items())
    if added != total:
        raise CoinReportError(
            "coin sorter",
            f"lines add up to {format_money(added)} but TOTAL says {format_money(total)}",
        )
    return CoinReport(counts, total, batch)


class CoinSorter(Device, Protocol):
    def read_report(self, timeout: float | None = None) -> CoinReport: ...


class SerialCoinSorter(SerialDevice):
    """A sorter on a serial port. With ``ack`` on, each report is answered ACK or NAK."""

    kind = "coin sorter"
    adapter = "serial"

    def __init__(self, name: str, url: str, baudrate: int = 9600, timeout: float = 10.0,
                 ack: bool = True) -> None:
        super().__init__(name, url, baudrate, timeout)
        self.ack = ack

    def read_report(self, timeout: float | None = None) -> CoinReport:
        """Wait for one batch report; a report cut off mid-way raises ``DeviceTimeout``."""
        wait = self.timeout if timeout is None else timeout
        with self._using("read a coin report"):
            lines: list[str] = []
            while not lines or lines[-1].split()[:1] != ["TOTAL"]:
                what = "coin report" if not lines else f"coin report line {len(lines) + 1}"
                raw = read_line(self.port, self.name, wait, what)
                lines.append(raw.decode("ascii", errors="replace").upper())
                if len(lines) > _MAX_LINES:
                    break
            try:
                report = parse_coin_report(lines)
            except CoinReportError:
                if self.ack:
                    write_bytes(self.port, self.name, NAK)
                raise
            if self.ack:
                write_bytes(self.port, self.name, ACK)
            return report


class SimulatedCoinSorter(SerialCoinSorter):
    """The serial sorter on ``loop://``: ``load`` coins and it reads the report bytes back."""

    adapter = "simulator"

    def __init__(self, name: str = "coin sorter", timeout: float = 2.0) -> None:
        super().__init__(name, "loop://", 9600, timeout, ack=False)

    def load(self, counts: Mapping[Cents, int], batch: str | None = None) -> bytes:
        data = "".join(f"{line}\r\n" for line in coin_report(counts, batch).lines()).encode()
        write_bytes(self.port, self.name, data)
        return data


# --- for the registry (registry.py) ---

def build_serial(sorter: CoinSorterSettings, context: BuildContext) -> CoinSorter:
    return SerialCoinSorter(context.name, sorter.serial_port, sorter.baudrate, sorter.timeout,
                            ack=sorter.ack)


def build_simulator(sorter: CoinSorterSettings, context: BuildContext) -> CoinSorter:
    return SimulatedCoinSorter(context.name)


def self_test(test: SelfTest, sorter: CoinSorter) -> None:
    if isinstance(sorter, SimulatedCoinSorter):
        sorter.load(SAMPLE_COINS, batch="TEST")

    def read() -> str:
        report = sorter.read_report()
        coins = sum(report.counts.values())
        return f"report of {coins} coins, {format_money(report.total)} verified"
    test.step(sorter.name, "read report", read)
