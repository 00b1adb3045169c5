"""The devices of one counter station, built from its settings.

Starting a station never fails as a whole: each device that cannot start is reported and the
counter works on without it (manual entry for the sorter, keyed account numbers for the stub
scanner), because a missing MICR reader must not stop the cashier taking cash.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from cashier.devices.card.adyen import AdyenTerminal, TlsTrust
from cashier.devices.card.nexo_crypto import KeyReference
from cashier.devices.card.simulator import SimulatedCardTerminal
from cashier.devices.card.terminal import CardTerminal
from cashier.devices.coin_sorter import CoinSorter, SerialCoinSorter, SimulatedCoinSorter
from cashier.devices.drawer import (
    CashDrawer,
    KickListener,
    PrinterDrawer,
    SerialDrawer,
    SimulatedDrawer,
)
from cashier.devices.errors import DeviceError
from cashier.devices.lifecycle import Device, DeviceHealth
from cashier.devices.micr import MicrReader, SerialMicrReader, SimulatedMicrReader
from cashier.devices.pole_display import PoleDisplay, SerialPoleDisplay, SimulatedPoleDisplay
from cashier.devices.printer.print_queue import PrintQueue
from cashier.devices.printer.receipt_printer import ReceiptPrinter, build_printer
from cashier.devices.settings import SIMULATOR, DeviceSettings
from cashier.devices.stub_scanner import (
    SerialStubScanner,
    SimulatedStubScanner,
    StubScanner,
    WedgeStubScanner,
)


@dataclass(frozen=True)
class CounterDevices:
    printer: ReceiptPrinter
    drawer: CashDrawer
    coin_sorter: CoinSorter
    card_terminal: CardTerminal
    stub_scanner: StubScanner
    micr_reader: MicrReader
    pole_display: PoleDisplay
    print_queue: PrintQueue

    def devices(self) -> tuple[Device, ...]:
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "print_queue")

    def start_all(self) -> dict[str, DeviceError]:
        """open, claim and enable every device; the ones that failed, by name."""
        failed: dict[str, DeviceError] = {}
        for device in self.devices():
            try:
                device.open()
                device.claim()
                device.enable()
            except DeviceError as exc:
                failed[device.name] = exc
        return failed

    def close_all(self) -> None:
        for device in reversed(self.devices()):
            device.close()

    def health(self) -> tuple[DeviceHealth, ...]:
        return tuple(device.health() for device in self.devices())


def build_card_terminal(settings: DeviceSettings) -> CardTerminal:
    card = settings.card_terminal
    sale_id = card.sale_id or settings.terminal
    key = (KeyReference(card.key_identifier, card.key_version, card.passphrase_env)
           if card.key_identifier else None)
    if card.adapter == SIMULATOR:
        return SimulatedCardTerminal("card terminal", mode=card.simulator_mode, sale_id=sale_id,
                                     poi_id=card.poi_id, currency=card.currency,
                                     timeout=min(card.timeout, 10.0),
                                     status_timeout=min(card.status_timeout, 5.0), key=key)
    trust = TlsTrust(ca_file=card.ca_file, fingerprint_sha256=card.fingerprint_sha256,
                     server_name=card.tls_server_name)
    return AdyenTerminal("card terminal", card.host, card.port, card.poi_id, sale_id, trust,
                         currency=card.currency, timeout=card.timeout,
                         status_timeout=card.status_timeout, key=key)


def build_drawer(settings: DeviceSettings, printer: ReceiptPrinter,
                 on_kick: KickListener | None) -> CashDrawer:
    drawer = settings.drawer
    if drawer.adapter == "printer":
        return PrinterDrawer("cash drawer", printer, pin=drawer.pin,
                             pulse_on_ms=drawer.pulse_on_ms, pulse_off_ms=drawer.pulse_off_ms,
                             sensor_open_when_high=drawer.sensor_open_when_high,
                             left_open_seconds=drawer.left_open_seconds, on_kick=on_kick)
    if drawer.adapter == "serial":
        return SerialDrawer("cash drawer", drawer.serial_port, baudrate=drawer.baudrate,
                            sensor_open_when_high=drawer.sensor_open_when_high,
                            left_open_seconds=drawer.left_open_seconds, on_kick=on_kick)
    return SimulatedDrawer("cash drawer", left_open_seconds=drawer.left_open_seconds,
                           on_kick=on_kick)


def build_devices(settings: DeviceSettings, *, on_kick: KickListener | None = None
                  ) -> CounterDevices:
    """Every device the settings configure (simulators unless told otherwise), not started."""
    printer = build_printer("printer", settings.printer, settings.language)
    sorter, stub, micr, pole = (settings.coin_sorter, settings.stub_scanner,
                                settings.micr_reader, settings.pole_display)
    coin_sorter: CoinSorter = (
        SerialCoinSorter("coin sorter", sorter.serial_port, sorter.baudrate, sorter.timeout,
                         ack=sorter.ack)
        if sorter.adapter == "serial" else SimulatedCoinSorter("coin sorter"))
    stub_scanner: StubScanner
    if stub.adapter == "serial":
        stub_scanner = SerialStubScanner("stub scanner", stub.serial_port, stub.baudrate,
                                         stub.timeout, stub.layouts)
    elif stub.adapter == "wedge":
        stub_scanner = WedgeStubScanner("stub scanner", stub.layouts, stub.timeout)
    else:
        stub_scanner = SimulatedStubScanner("stub scanner", stub.layouts, stub.timeout)
    micr_reader: MicrReader = (
        SerialMicrReader("MICR reader", micr.serial_port, micr.baudrate, micr.timeout)
        if micr.adapter == "serial" else SimulatedMicrReader("MICR reader"))
    pole_display: PoleDisplay = (
        SerialPoleDisplay("pole display", pole.serial_port, pole.baudrate, settings.language)
        if pole.adapter == "serial" else SimulatedPoleDisplay("pole display", settings.language))
    return CounterDevices(
        printer=printer,
        drawer=build_drawer(settings, printer, on_kick),
        coin_sorter=coin_sorter,
        card_terminal=build_card_terminal(settings),
        stub_scanner=stub_scanner,
        micr_reader=micr_reader,
        pole_display=pole_display,
        print_queue=PrintQueue(printer),
    )
