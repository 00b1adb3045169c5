"""The devices of one counter station, built from its settings.

One device per kind in the device registry (``registry.py``), built in registry order by
the builder its ``adapter`` setting names. Starting a station never fails as a whole: each
device that cannot start is reported and the counter works on without it (manual entry for
the sorter, keyed account numbers for the stub scanner), because a missing MICR reader must
not stop the cashier taking cash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import cast

from cashier.devices import registry
from cashier.devices.card.terminal import CardTerminal
from cashier.devices.coin_sorter import CoinSorter
from cashier.devices.drawer import CashDrawer
from cashier.devices.errors import DeviceError
from cashier.devices.lifecycle import Device, DeviceHealth
from cashier.devices.micr import MicrReader
from cashier.devices.plugin import BuildContext, KickListener
from cashier.devices.pole_display import PoleDisplay
from cashier.devices.printer.print_queue import PrintQueue
from cashier.devices.printer.receipt_printer import ReceiptPrinter
from cashier.devices.settings import DeviceSettings
from cashier.devices.stub_scanner import StubScanner


@dataclass(frozen=True)
class CounterDevices:
    """The station's devices by kind name (registry order), and the printer's queue.

    The typed attributes are for the callers outside ``devices/``; a kind without one is
    ``device(name)``.
    """

    by_kind: Mapping[str, Device] = field(hash=False)
    print_queue: PrintQueue

    def devices(self) -> tuple[Device, ...]:
        return tuple(self.by_kind.values())

    def device(self, kind: str) -> Device:
        return self.by_kind[kind]

    @property
    def printer(self) -> ReceiptPrinter:
        return cast(ReceiptPrinter, self.by_kind["printer"])

    @property
    def drawer(self) -> CashDrawer:
        return cast(CashDrawer, self.by_kind["drawer"])

    @property
    def coin_sorter(self) -> CoinSorter:
        return cast(CoinSorter, self.by_kind["coin_sorter"])

    @property
    def card_terminal(self) -> CardTerminal:
        return cast(CardTerminal, self.by_kind["card_terminal"])

    @property
    def stub_scanner(self) -> StubScanner:
        return cast(StubScanner, self.by_kind["stub_scanner"])

    @property
    def micr_reader(self) -> MicrReader:
        return cast(MicrReader, self.by_kind["micr_reader"])

    @property
    def pole_display(self) -> PoleDisplay:
        return cast(PoleDisplay, self.by_kind["pole_display"])

    def replacing(self, kind: str, device: Device) -> CounterDevices:
        """The same station with ``kind``'s device swapped (a test's scripted terminal)."""
        if kind not in self.by_kind:
            raise KeyError(f"no device kind {kind!r} at this station")
        by_kind = MappingProxyType({**self.by_kind, kind: device})
        printer = cast(ReceiptPrinter, by_kind["printer"])
        queue = self.print_queue if kind != "printer" else PrintQueue(printer)
        return CounterDevices(by_kind=by_kind, print_queue=queue)

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


def build_device(kind: str, settings: DeviceSettings, *, on_kick: KickListener | None = None,
                 built: Mapping[str, Device] | None = None) -> Device:
    """One device of the registered ``kind`` as the settings configure it, not started."""
    entry = registry.kind(kind)
    context = BuildContext(entry.display_name, settings.terminal, settings.language, on_kick,
                           MappingProxyType(dict(built or {})))
    device: Device = entry.build(settings.section(kind), context)
    return device


def build_card_terminal(settings: DeviceSettings) -> CardTerminal:
    return cast(CardTerminal, build_device("card_terminal", settings))


def build_devices(settings: DeviceSettings, *, on_kick: KickListener | None = None
                  ) -> CounterDevices:
    """Every device the settings configure (simulators unless told otherwise), not started."""
    built: dict[str, Device] = {}
    for kind in registry.kinds():
        built[kind.name] = build_device(kind.name, settings, on_kick=on_kick, built=built)
    return CounterDevices(by_kind=MappingProxyType(built),
                          print_queue=PrintQueue(cast(ReceiptPrinter, built["printer"])))
