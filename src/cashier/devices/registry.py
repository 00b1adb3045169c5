"""Every device kind of a counter, in one place, after Electrum's hardware-plugin manifests:
one ``DeviceKind`` entry says what the kind is called, which ``[devices.<name>]`` settings it
reads (the keys and defaults are its settings dataclass), how each adapter is built from
those settings, how it is checked by ``cashier devices test``, and its name on screen.

``settings.py`` reads and checks the tables the entries name, ``station.py`` builds one
device per entry and ``selftest.py`` runs each entry's self-test, all in the order below
(the printer first: a printer-driven drawer needs it). Adding a kind is one module (settings
dataclass, real adapter, simulator, builders, self-test) and one entry here; docs/devices.md,
"Adding a device", lists the steps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any, Generic, TypeVar

from cashier.devices import coin_sorter, drawer, micr, pole_display, stub_scanner
from cashier.devices.card import adyen, terminal
from cashier.devices.card import simulator as card_simulator
from cashier.devices.lifecycle import Device
from cashier.devices.plugin import SIMULATOR, BuildContext, SelfTest
from cashier.devices.printer import receipt_printer

S = TypeVar("S")  # the kind's settings dataclass
D = TypeVar("D", bound=Device)  # the kind's protocol

Builder = Callable[[S, BuildContext], D]


@dataclass(frozen=True)
class DeviceKind(Generic[S, D]):
    """One device kind's manifest."""

    name: str  # the [devices.<name>] table, and the kind's key in settings and station
    display_name: str  # the device's name: status bar, error messages, the self-test report
    settings: type[S]  # frozen dataclass: its fields are the table's keys, with their defaults
    adapters: Mapping[str, Builder[S, D]]  # adapter name -> builder; "simulator" is required
    self_test: Callable[[SelfTest, D], None]  # run only when the device started
    check: Callable[[S, str], None] | None = None  # refuses impossible values (SettingsError)
    parsers: Mapping[str, Callable[[object, str], Any]] = field(default_factory=dict)
    refused: Mapping[str, str] = field(default_factory=dict)  # key never allowed -> why

    def __post_init__(self) -> None:
        if not is_dataclass(self.settings):
            raise TypeError(f"device kind {self.name!r}: settings must be a dataclass")
        adapter = {f.name: f for f in fields(self.settings)}.get("adapter")
        if adapter is None or adapter.default != SIMULATOR:
            raise TypeError(f"device kind {self.name!r}: settings need adapter = {SIMULATOR!r}")
        if SIMULATOR not in self.adapters:
            raise TypeError(f"device kind {self.name!r} has no {SIMULATOR!r} adapter")
        if any(f.default is MISSING and f.default_factory is MISSING
               for f in fields(self.settings)):
            raise TypeError(f"device kind {self.name!r}: every setting needs a default")

    def defaults(self) -> S:
        return self.settings()

    def build(self, section: S, context: BuildContext) -> D:
        adapter: str = getattr(section, "adapter")  # noqa: B009 - checked in __post_init__
        return self.adapters[adapter](section, context)


AnyKind = DeviceKind[Any, Any]

_KINDS: dict[str, AnyKind] = {}


def register(kind: AnyKind) -> AnyKind:
    """Add a kind after the ones already registered (a test's throwaway kind, too)."""
    if kind.name in _KINDS:
        raise ValueError(f"device kind {kind.name!r} is registered already")
    if any(k.display_name == kind.display_name for k in _KINDS.values()):
        raise ValueError(f"a device is already called {kind.display_name!r}")
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    del _KINDS[name]


def kinds() -> tuple[AnyKind, ...]:
    """Every kind, in station order."""
    return tuple(_KINDS.values())


def names() -> tuple[str, ...]:
    return tuple(_KINDS)


def kind(name: str) -> AnyKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"no device kind {name!r} is registered") from None


register(DeviceKind(
    "printer", "printer", receipt_printer.PrinterSettings,
    dict.fromkeys(receipt_printer.ADAPTERS, receipt_printer.build),
    receipt_printer.self_test, check=receipt_printer.check_settings))
register(DeviceKind(
    "drawer", "cash drawer", drawer.DrawerSettings,
    {SIMULATOR: drawer.build_simulator, "printer": drawer.build_printer_drawer,
     "serial": drawer.build_serial},
    drawer.self_test, check=drawer.check_settings))
register(DeviceKind(
    "coin_sorter", "coin sorter", coin_sorter.CoinSorterSettings,
    {SIMULATOR: coin_sorter.build_simulator, "serial": coin_sorter.build_serial},
    coin_sorter.self_test))
register(DeviceKind(
    "card_terminal", "card terminal", terminal.CardTerminalSettings,
    {SIMULATOR: card_simulator.build, "adyen": adyen.build},
    terminal.self_test, check=terminal.check_settings, refused=terminal.REFUSED_KEYS))
register(DeviceKind(
    "stub_scanner", "stub scanner", stub_scanner.StubScannerSettings,
    {SIMULATOR: stub_scanner.build_simulator, "wedge": stub_scanner.build_wedge,
     "serial": stub_scanner.build_serial},
    stub_scanner.self_test, parsers={"layouts": stub_scanner.parse_layouts}))
register(DeviceKind(
    "micr_reader", "MICR reader", micr.MicrReaderSettings,
    {SIMULATOR: micr.build_simulator, "serial": micr.build_serial},
    micr.self_test))
register(DeviceKind(
    "pole_display", "pole display", pole_display.PoleDisplaySettings,
    {SIMULATOR: pole_display.build_simulator, "serial": pole_display.build_serial},
    pole_display.self_test))
