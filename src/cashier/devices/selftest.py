"""``cashier devices test``: exercise every configured device once and say what happened.

With simulators this is a smoke test of the whole device layer; with real hardware it is the
morning check at the counter. A real card terminal is charged 1.00 and the charge is voided
at once; the reconciliation closes the terminal's batch, so run the test before drawers open.
Serial readers (sorter, stub scanner, MICR) wait for the operator up to their timeout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from cashier.devices.card.terminal import CardReference
from cashier.devices.coin_sorter import SimulatedCoinSorter
from cashier.devices.drawer import KickListener
from cashier.devices.errors import DeviceError
from cashier.devices.lifecycle import DeviceHealth
from cashier.devices.micr import SimulatedMicrReader, micr_text
from cashier.devices.pole_display import SimulatedPoleDisplay
from cashier.devices.printer.receipt import LABELS, ReceiptDocument, ReceiptLine, ReceiptTender
from cashier.devices.settings import DeviceSettings
from cashier.devices.station import CounterDevices, build_devices
from cashier.devices.stub_scanner import SimulatedStubScanner, WedgeStubScanner
from cashier.ledger.rules.money import format_money

TEST_SALE = 1_00
SAMPLE_COINS = {1: 50, 5: 40, 10: 50, 25: 40}


@dataclass(frozen=True)
class DeviceCheck:
    device: str
    step: str
    ok: bool
    detail: str
    skipped: bool = False


@dataclass(frozen=True)
class DeviceTestReport:
    terminal: str
    started_at: datetime
    checks: tuple[DeviceCheck, ...]
    health: tuple[DeviceHealth, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok or check.skipped for check in self.checks)

    def format(self) -> str:
        width = max((len(c.device) for c in self.checks), default=8)
        out = [f"Device test, terminal {self.terminal}, "
               f"{self.started_at.strftime('%Y-%m-%d %H:%M:%S')}"]
        for check in self.checks:
            mark = "SKIP" if check.skipped else "PASS" if check.ok else "FAIL"
            out.append(f"  {mark}  {check.device:<{width}}  {check.step}: {check.detail}")
        out.append("Status after the test:")
        out += [f"  {health.summary()}" for health in self.health]
        passed = sum(c.ok and not c.skipped for c in self.checks)
        failed = sum(not c.ok and not c.skipped for c in self.checks)
        skipped = sum(c.skipped for c in self.checks)
        out.append(f"Result: {passed} passed, {failed} failed, {skipped} skipped"
                   f" — {'ALL DEVICES OK' if self.ok else 'SEE FAILURES ABOVE'}")
        return "\n".join(out) + "\n"

    def __str__(self) -> str:
        return self.format()


class _Run:
    def __init__(self) -> None:
        self.checks: list[DeviceCheck] = []

    def step(self, device: str, step: str, action: Callable[[], str]) -> bool:
        try:
            detail = action()
        except DeviceError as exc:
            self.checks.append(DeviceCheck(device, step, False, exc.reason))
            return False
        self.checks.append(DeviceCheck(device, step, True, detail))
        return True

    def skip(self, device: str, step: str, why: str) -> None:
        self.checks.append(DeviceCheck(device, step, True, why, skipped=True))


def run_device_test(settings: DeviceSettings, *, on_kick: KickListener | None = None
                    ) -> DeviceTestReport:
    """Start every configured device, use each once, close them all, and report."""
    started = datetime.now().astimezone()
    devices = build_devices(settings, on_kick=on_kick)
    run = _Run()
    failed = devices.start_all()
    for device in devices.devices():
        error = failed.get(device.name)
        run.checks.append(DeviceCheck(device.name, "start", error is None,
                                      error.reason if error else device.adapter))
    try:
        _printer(run, devices, settings, started, failed)
        if devices.drawer.name not in failed:
            run.step(devices.drawer.name, "kick",
                     lambda: "opened, sent " + devices.drawer.kick("device test").sent.hex(" "))
        if devices.coin_sorter.name not in failed:
            _coin_sorter(run, devices)
        if devices.card_terminal.name not in failed:
            _card_terminal(run, devices, started)
        if devices.stub_scanner.name not in failed:
            _stub_scanner(run, devices)
        if devices.micr_reader.name not in failed:
            _micr_reader(run, devices)
        if devices.pole_display.name not in failed:
            _pole_display(run, devices, settings)
        health = devices.health()
    finally:
        devices.close_all()
    return DeviceTestReport(settings.terminal, started, tuple(run.checks), health)


def _printer(run: _Run, devices: CounterDevices, settings: DeviceSettings, started: datetime,
             failed: dict[str, DeviceError]) -> None:
    printer = devices.printer
    if printer.name in failed:
        return
    run.step(printer.name, "status", lambda: printer.status().describe())
    document = ReceiptDocument(
        receipt_number=f"TEST-{settings.terminal}"[:40], printed_at=started, cashier="-",
        terminal=settings.terminal, header=(LABELS[settings.language]["test"],),
        lines=(ReceiptLine("Device test", 0),), tenders=(ReceiptTender("cash", 0),),
        footer=(f"{printer.columns} columns",), language=settings.language)

    def print_test_receipt() -> str:
        printer.print_receipt(document)
        return f"test receipt {document.receipt_number} printed"
    run.step(printer.name, "print", print_test_receipt)


def _coin_sorter(run: _Run, devices: CounterDevices) -> None:
    sorter = devices.coin_sorter
    if isinstance(sorter, SimulatedCoinSorter):
        sorter.load(SAMPLE_COINS, batch="TEST")

    def read() -> str:
        report = sorter.read_report()
        coins = sum(report.counts.values())
        return f"report of {coins} coins, {format_money(report.total)} verified"
    run.step(sorter.name, "read report", read)


def _card_terminal(run: _Run, devices: CounterDevices, started: datetime) -> None:
    terminal = devices.card_terminal
    references: list[CardReference] = []
    transaction_id = f"TEST-{started.strftime('%Y%m%d%H%M%S')}"

    def sale() -> str:
        return terminal.sale(TEST_SALE, transaction_id, references.append).describe()
    if not run.step(terminal.name, f"sale {format_money(TEST_SALE)}", sale):
        return

    def status() -> str:
        result = terminal.transaction_status(references[0])
        if result is None:
            return "terminal has no record of the test sale"
        if result.approved and terminal.adapter != "simulator":
            voided = terminal.void(result, transaction_id + "V", references.append)
            return f"{result.describe()}; {voided.describe()}"
        return result.describe()
    run.step(terminal.name, "status inquiry", status)
    run.step(terminal.name, "reconciliation", lambda: terminal.reconcile().describe())


def _stub_scanner(run: _Run, devices: CounterDevices) -> None:
    scanner = devices.stub_scanner
    if isinstance(scanner, SimulatedStubScanner):
        scanner.present("1000001", 45_10)
    elif isinstance(scanner, WedgeStubScanner):
        run.skip(scanner.name, "read stub", "keyboard wedge: scan a stub in the payment window")
        return

    def read() -> str:
        scan = scanner.read_stub()
        return f"account {scan.account}, {format_money(scan.amount_due)} due ({scan.source})"
    run.step(scanner.name, "read stub", read)


def _micr_reader(run: _Run, devices: CounterDevices) -> None:
    reader = devices.micr_reader
    if isinstance(reader, SimulatedMicrReader):
        reader.insert(micr_text("111000025", "1234567890", "1042"))

    def read() -> str:
        line = reader.read_check()
        return (f"routing {line.routing}, account {line.account_masked}, "
                f"check {line.check_number or '-'}")
    run.step(reader.name, "read check", read)


def _pole_display(run: _Run, devices: CounterDevices, settings: DeviceSettings) -> None:
    display = devices.pole_display

    def show() -> str:
        display.show("DEVICE TEST", f"TERMINAL {settings.terminal}")
        if isinstance(display, SimulatedPoleDisplay):
            return " | ".join(line.rstrip() for line in display.lines)
        return "sent"
    run.step(display.name, "show", show)
