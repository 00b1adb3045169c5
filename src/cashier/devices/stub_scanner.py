"""Bill-stub scanner: the remittance stub's scanline or barcode into account and amount due.

The default scanline (docs/devices.md) is 21 digits: account (10, zero-padded), amount due
in cents (10, zero-padded), one check digit, mod 10 with weights 2,1 from the right and the
digits of each product added (the Luhn rule). Billers whose stubs differ get their own
``StubLayout`` in settings; a layout is picked by length and prefix.
"""

from __future__ import annotations

import queue
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Protocol

from cashier.devices.errors import BadCheckDigit, DeviceTimeout, SettingsError, StubError
from cashier.devices.lifecycle import Device, DeviceBase
from cashier.devices.plugin import SIMULATOR, BuildContext, SelfTest
from cashier.devices.serial_port import SerialDevice, read_line
from cashier.ledger.rules.money import Cents, format_money

_AIM_SYMBOLOGY = {"]C": "code128", "]I": "itf"}


@dataclass(frozen=True)
class StubLayout:
    """How one biller's scanline is laid out and checked."""

    biller: str = "city"
    prefix: str = ""
    account_digits: int = 10
    amount_digits: int = 10
    weights: tuple[int, ...] = (2, 1)
    modulus: int = 10
    add_product_digits: bool = True
    from_right: bool = True

    def __post_init__(self) -> None:
        if not self.prefix.isdigit() and self.prefix:
            raise ValueError(f"stub layout {self.biller!r}: prefix {self.prefix!r} must be digits")
        if not 1 <= self.account_digits <= 30 or not 1 <= self.amount_digits <= 12:
            raise ValueError(f"stub layout {self.biller!r}: account or amount width out of range")
        if not self.weights or any(not 0 <= w <= 99 for w in self.weights):
            raise ValueError(f"stub layout {self.biller!r}: weights must be 0..99")
        if self.modulus not in (10, 11):
            raise ValueError(f"stub layout {self.biller!r}: modulus must be 10 or 11")

    @property
    def length(self) -> int:
        return len(self.prefix) + self.account_digits + self.amount_digits + 1

    def check_digit(self, digits: str) -> int:
        """The check digit for the digits before it (mod 11's remainder 10 is written 0)."""
        ordered = reversed(digits) if self.from_right else iter(digits)
        total = 0
        for position, digit in enumerate(ordered):
            product = int(digit) * self.weights[position % len(self.weights)]
            total += sum(map(int, str(product))) if self.add_product_digits else product
        return (self.modulus - total % self.modulus) % self.modulus % 10

    def scanline(self, account: str, amount_due: Cents) -> str:
        """The scanline this biller prints for ``account`` and ``amount_due`` (for tests)."""
        body = self.prefix + account.zfill(self.account_digits) + str(amount_due).zfill(
            self.amount_digits
        )
        if len(body) != self.length - 1 or not body.isdigit():
            raise ValueError(f"account {account!r} or amount {amount_due} does not fit the layout")
        return body + str(self.check_digit(body))

    @classmethod
    def from_table(cls, table: dict[str, object]) -> StubLayout:
        known = {f.name for f in fields(cls)}
        unknown = set(table) - known
        if unknown:
            raise ValueError(f"unknown key(s) {sorted(unknown)}")
        values = dict(table)
        if "weights" in values:
            weights = values["weights"]
            if not isinstance(weights, list) or not all(
                isinstance(w, int) and not isinstance(w, bool) for w in weights
            ):
                raise ValueError("weights must be an array of integers")
            values["weights"] = tuple(weights)
        for key, value in values.items():
            expected = type(getattr(cls(), key))
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise ValueError(f"{key} must be {expected.__name__}")
        return cls(**values)  # type: ignore[arg-type]


DEFAULT_STUB_LAYOUT = StubLayout()


@dataclass(frozen=True)
class StubScannerSettings:
    adapter: str = SIMULATOR  # simulator | wedge | serial
    serial_port: str = ""
    baudrate: int = 9600
    timeout: float = 5.0
    layouts: tuple[StubLayout, ...] = (DEFAULT_STUB_LAYOUT,)


@dataclass(frozen=True)
class StubScan:
    """What a stub tells the cashier: whose account and how much is due."""

    biller: str
    account: str  # leading zeros removed, as the account is keyed at the counter
    amount_due: Cents
    source: str  # scanline | code128 | itf | barcode


def parse_scanline(
    text: str, layouts: Iterable[StubLayout] = (DEFAULT_STUB_LAYOUT,), source: str = "scanline"
) -> StubScan:
    """Parse a scanline (digits, spaces allowed between groups) against the biller layouts."""
    if not isinstance(text, str):
        raise StubError("stub scanner", "scanline must be text")
    digits = text.replace(" ", "").strip("\r\n\t")
    if not digits:
        raise StubError("stub scanner", "empty scanline")
    bad = next((ch for ch in digits if not ("0" <= ch <= "9")), None)
    if bad is not None:
        raise StubError("stub scanner", f"scanline has a non-digit {bad!r}: rescan the stub")
    candidates = sorted(
        (lay for lay in layouts if lay.length == len(digits) and digits.startswith(lay.prefix)),
        key=lambda lay: -len(lay.prefix),
    )
    if not candidates:
        lengths = sorted({lay.length for lay in layouts})
        raise StubError(
            "stub scanner",
            f"scanline has {len(digits)} digits; this office's stubs have {lengths}",
        )
    layout = candidates[0]
    body, check = digits[:-1], int(digits[-1])
    expected = layout.check_digit(body)
    if check != expected:
        raise BadCheckDigit(
            "stub scanner",
            f"scanline check digit is {check}, expected {expected}: rescan or key the account",
        )
    start = len(layout.prefix)
    account = body[start : start + layout.account_digits].lstrip("0") or "0"
    amount = int(body[start + layout.account_digits :])
    return StubScan(biller=layout.biller, account=account, amount_due=amount, source=source)


def parse_stub_barcode(
    payload: str, layouts: Iterable[StubLayout] = (DEFAULT_STUB_LAYOUT,)
) -> StubScan:
    """Parse a CODE128 or Interleaved 2 of 5 payload carrying the scanline digits.

    Scanners set to send the AIM symbology identifier prefix it (``]C0`` CODE128, ``]I0`` ITF);
    ITF can only carry an even number of digits, so an odd count is a misread.
    """
    if not isinstance(payload, str):
        raise StubError("stub scanner", "barcode payload must be text")
    text = payload.strip("\r\n")
    source = "barcode"
    if len(text) >= 3 and text[:2] in _AIM_SYMBOLOGY:
        source = _AIM_SYMBOLOGY[text[:2]]
        text = text[3:]
    if source == "itf" and len(text) % 2:
        raise StubError("stub scanner", f"ITF barcode with an odd digit count ({len(text)})")
    return parse_scanline(text, layouts, source=source)


def parse_stub(text: str, layouts: Iterable[StubLayout] = (DEFAULT_STUB_LAYOUT,)) -> StubScan:
    """Parse whatever the scanner sent: a barcode with an AIM prefix, or a scanline."""
    if isinstance(text, str) and text[:2] in _AIM_SYMBOLOGY:
        return parse_stub_barcode(text, layouts)
    return parse_scanline(text, layouts)


class StubScanner(Device, Protocol):
    def read_stub(self, timeout: float | None = None) -> StubScan: ...

    def parse_line(self, line: str) -> StubScan: ...


class WedgeStubScanner(DeviceBase):
    """A keyboard-wedge scanner: the window hands each scanned line to ``feed_line``."""

    kind = "stub scanner"
    adapter = "wedge"

    def __init__(self, name: str = "stub scanner", layouts: tuple[StubLayout, ...] = (
            DEFAULT_STUB_LAYOUT,), timeout: float = 5.0) -> None:
        super().__init__(name)
        self.layouts = layouts
        self.timeout = timeout
        self._lines: queue.Queue[str] = queue.Queue()

    def feed_line(self, line: str) -> None:
        self._lines.put(line)

    def parse_line(self, line: str) -> StubScan:
        return parse_stub(line, self.layouts)

    def read_stub(self, timeout: float | None = None) -> StubScan:
        wait = self.timeout if timeout is None else timeout
        with self._using("read a stub"):
            try:
                line = self._lines.get(timeout=wait)
            except queue.Empty:
                raise DeviceTimeout(self.name, f"no stub scanned within {wait:g} s") from None
            return self.parse_line(line)


class SimulatedStubScanner(WedgeStubScanner):
    """A wedge scanner with stubs already waiting; ``present`` lays a valid stub under it."""

    adapter = "simulator"

    def present(self, account: str, amount_due: Cents) -> str:
        line = self.layouts[0].scanline(account, amount_due)
        self.feed_line(line)
        return line


class SerialStubScanner(SerialDevice):
    """A scanner on a serial port sending one CR-terminated line per scan."""

    kind = "stub scanner"
    adapter = "serial"

    def __init__(self, name: str, url: str, baudrate: int = 9600, timeout: float = 5.0,
                 layouts: tuple[StubLayout, ...] = (DEFAULT_STUB_LAYOUT,)) -> None:
        super().__init__(name, url, baudrate, timeout)
        self.layouts = layouts

    def parse_line(self, line: str) -> StubScan:
        return parse_stub(line, self.layouts)

    def read_stub(self, timeout: float | None = None) -> StubScan:
        wait = self.timeout if timeout is None else timeout
        with self._using("read a stub"):
            raw = read_line(self.port, self.name, wait, "stub scan")
            return self.parse_line(raw.decode("ascii", errors="replace"))


# --- for the registry (registry.py) ---

def parse_layouts(raw: object, where: str) -> tuple[StubLayout, ...]:
    """``[[devices.stub_scanner.layouts]]``: the one key that is not a plain value."""
    if not isinstance(raw, list) or not raw:
        raise SettingsError("settings", f"{where} layouts must be a non-empty array of tables")
    layouts = []
    for index, table in enumerate(raw):
        if not isinstance(table, dict):
            raise SettingsError("settings", f"{where} layouts[{index}] must be a table")
        try:
            layouts.append(StubLayout.from_table(table))
        except (TypeError, ValueError) as exc:
            raise SettingsError("settings", f"{where} layouts[{index}]: {exc}") from exc
    return tuple(layouts)


def build_serial(stub: StubScannerSettings, context: BuildContext) -> StubScanner:
    return SerialStubScanner(context.name, stub.serial_port, stub.baudrate, stub.timeout,
                             stub.layouts)


def build_wedge(stub: StubScannerSettings, context: BuildContext) -> StubScanner:
    return WedgeStubScanner(context.name, stub.layouts, stub.timeout)


def build_simulator(stub: StubScannerSettings, context: BuildContext) -> StubScanner:
    return SimulatedStubScanner(context.name, stub.layouts, stub.timeout)


def self_test(test: SelfTest, scanner: StubScanner) -> None:
    if isinstance(scanner, SimulatedStubScanner):
        scanner.present("1000001", 45_10)
    elif isinstance(scanner, WedgeStubScanner):
        test.skip(scanner.name, "read stub", "keyboard wedge: scan a stub in the payment window")
        return

    def read() -> str:
        scan = scanner.read_stub()
        return f"account {scan.account}, {format_money(scan.amount_due)} due ({scan.source})"
    test.step(scanner.name, "read stub", read)
