"""Per-terminal device settings, read from a TOML file; every device defaults to its simulator.

The file is the terminal's ``settings.toml``: ``CASHIER_SETTINGS`` or an explicit path
overrides the platform location (``user_config_dir("cashier")``). Device tables live under
``[devices.*]`` so the rest of the program can keep its own tables in the same file; a key we
do not know inside a device table is refused, because a misspelt ``colums = 48`` silently
ignored is a receipt that prints wrong for months.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from platformdirs import user_config_dir

from cashier.devices.errors import SettingsError
from cashier.devices.stub_scanner import DEFAULT_STUB_LAYOUT, StubLayout

SETTINGS_ENV = "CASHIER_SETTINGS"
SETTINGS_FILE = "settings.toml"
SIMULATOR = "simulator"


@dataclass(frozen=True)
class PrinterSettings:
    adapter: str = SIMULATOR  # simulator | usb | serial | network | file
    profile: str = "default"  # python-escpos capabilities profile, e.g. "TM-T88V"
    columns: int = 42  # 42 or 48
    usb_vendor: int = 0
    usb_product: int = 0
    serial_port: str = ""
    baudrate: int = 9600
    host: str = ""
    port: int = 9100
    path: str = ""
    timeout: float = 5.0


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
class CoinSorterSettings:
    adapter: str = SIMULATOR  # simulator | serial
    serial_port: str = ""
    baudrate: int = 9600
    timeout: float = 10.0
    ack: bool = True  # send ACK/NAK after each report


@dataclass(frozen=True)
class CardTerminalSettings:
    adapter: str = SIMULATOR  # simulator | adyen
    host: str = ""
    port: int = 8443
    poi_id: str = "SIM-000001"
    sale_id: str = ""  # nexo SaleID; blank means the terminal id
    currency: str = "USD"
    timeout: float = 120.0  # a customer may take a while with their PIN
    status_timeout: float = 30.0
    ca_file: str = ""
    fingerprint_sha256: str = ""
    tls_server_name: str = ""
    simulator_mode: str = "approve"
    # Adyen local communication encryption; blank identifier = clear (test terminals only).
    key_identifier: str = ""
    key_version: int = 1
    passphrase_env: str = "CASHIER_TERMINAL_PASSPHRASE"  # names the variable; never the secret


@dataclass(frozen=True)
class StubScannerSettings:
    adapter: str = SIMULATOR  # simulator | wedge | serial
    serial_port: str = ""
    baudrate: int = 9600
    timeout: float = 5.0
    layouts: tuple[StubLayout, ...] = (DEFAULT_STUB_LAYOUT,)


@dataclass(frozen=True)
class MicrReaderSettings:
    adapter: str = SIMULATOR  # simulator | serial
    serial_port: str = ""
    baudrate: int = 9600
    timeout: float = 10.0


@dataclass(frozen=True)
class PoleDisplaySettings:
    adapter: str = SIMULATOR  # simulator | serial
    serial_port: str = ""
    baudrate: int = 9600


@dataclass(frozen=True)
class DeviceSettings:
    terminal: str = "T01"
    language: str = "en"  # receipt labels: en | es
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    drawer: DrawerSettings = field(default_factory=DrawerSettings)
    coin_sorter: CoinSorterSettings = field(default_factory=CoinSorterSettings)
    card_terminal: CardTerminalSettings = field(default_factory=CardTerminalSettings)
    stub_scanner: StubScannerSettings = field(default_factory=StubScannerSettings)
    micr_reader: MicrReaderSettings = field(default_factory=MicrReaderSettings)
    pole_display: PoleDisplaySettings = field(default_factory=PoleDisplaySettings)
    source: Path | None = None


_ADAPTERS = {
    "printer": {SIMULATOR, "usb", "serial", "network", "file"},
    "drawer": {SIMULATOR, "printer", "serial"},
    "coin_sorter": {SIMULATOR, "serial"},
    "card_terminal": {SIMULATOR, "adyen"},
    "stub_scanner": {SIMULATOR, "wedge", "serial"},
    "micr_reader": {SIMULATOR, "serial"},
    "pole_display": {SIMULATOR, "serial"},
}
_SECTIONS: dict[str, type[Any]] = {
    "printer": PrinterSettings,
    "drawer": DrawerSettings,
    "coin_sorter": CoinSorterSettings,
    "card_terminal": CardTerminalSettings,
    "stub_scanner": StubScannerSettings,
    "micr_reader": MicrReaderSettings,
    "pole_display": PoleDisplaySettings,
}


def settings_path(explicit: Path | str | None = None) -> Path:
    """The settings file: an explicit path, else ``$CASHIER_SETTINGS``, else the user's one."""
    if explicit is not None:
        return Path(explicit)
    from_env = os.environ.get(SETTINGS_ENV, "")
    if from_env:
        return Path(from_env)
    return Path(user_config_dir("cashier")) / SETTINGS_FILE


def load_settings(path: Path | str | None = None) -> DeviceSettings:
    """Read the device settings; a missing file means every device is simulated."""
    where = settings_path(path)
    if not where.exists():
        if path is not None:
            raise SettingsError("settings", f"settings file {where} does not exist")
        return DeviceSettings()
    try:
        data = tomllib.loads(where.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError("settings", f"cannot read {where}: {exc}") from exc
    return dataclasses.replace(parse_settings(data), source=where)


def parse_settings(data: dict[str, Any]) -> DeviceSettings:
    """Build ``DeviceSettings`` from parsed TOML (``[terminal]`` and ``[devices.*]``)."""
    terminal = _table(data, "terminal", "terminal")
    unknown = set(terminal) - {"id", "language"}
    if unknown:
        raise SettingsError("settings", f"[terminal] has unknown key(s) {sorted(unknown)}")
    terminal_id = _typed(terminal.get("id", "T01"), str, "[terminal] id")
    language = _typed(terminal.get("language", "en"), str, "[terminal] language")
    if language not in ("en", "es"):
        raise SettingsError("settings", f"[terminal] language {language!r} must be 'en' or 'es'")
    devices = _table(data, "devices", "devices")
    extra = set(devices) - set(_SECTIONS)
    if extra:
        raise SettingsError("settings", f"[devices] has unknown device table(s) {sorted(extra)}")
    sections = {name: _section(name, cls, devices.get(name, {})) for name, cls in _SECTIONS.items()}
    return DeviceSettings(terminal=terminal_id, language=language, **sections)


_T = TypeVar("_T")


def _section(name: str, cls: type[_T], table: object) -> _T:
    where = f"[devices.{name}]"
    if not isinstance(table, dict):
        raise SettingsError("settings", f"{where} must be a table")
    if name == "card_terminal" and "passphrase" in table:
        raise SettingsError("settings", f"{where} passphrase may not be written in the settings "
                            "file: put it in the environment variable named by passphrase_env")
    known = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(table) - set(known)
    if unknown:
        raise SettingsError("settings", f"{where} has unknown key(s) {sorted(unknown)}")
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key == "layouts":
            values[key] = _layouts(raw, where)
            continue
        default = getattr(cls(), key)
        values[key] = _typed(raw, type(default), f"{where} {key}")
    settings = cls(**values)
    adapter = getattr(settings, "adapter")  # noqa: B009 - every section has one
    if adapter not in _ADAPTERS[name]:
        choices = ", ".join(sorted(_ADAPTERS[name]))
        raise SettingsError("settings", f"{where} adapter {adapter!r} must be one of {choices}")
    if name == "printer" and getattr(settings, "columns") not in (42, 48):  # noqa: B009
        raise SettingsError("settings", f"{where} columns must be 42 or 48")
    if name == "drawer" and getattr(settings, "pin") not in (2, 5):  # noqa: B009
        raise SettingsError("settings", f"{where} pin must be 2 or 5 (the kick connector pins)")
    if isinstance(settings, CardTerminalSettings):
        _check_card_terminal(settings, where)
    return settings


def _check_card_terminal(card: CardTerminalSettings, where: str) -> None:
    modes = ("approve", "decline", "slow", "drop", "duplicate", "busy")
    if card.simulator_mode not in modes:
        raise SettingsError("settings", f"{where} simulator_mode must be one of {modes}")
    if card.key_version < 0:
        raise SettingsError("settings", f"{where} key_version must be 0 or more")
    if card.key_identifier and not card.passphrase_env:
        raise SettingsError("settings", f"{where} key_identifier needs passphrase_env, the "
                            "environment variable that holds the key's passphrase")


def _layouts(raw: object, where: str) -> tuple[StubLayout, ...]:
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


def _typed(value: object, kind: type[_T], where: str) -> _T:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # type: ignore[return-value]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SettingsError(
            "settings", f"{where} must be {kind.__name__}, got {type(value).__name__} {value!r}"
        )
    return value


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise SettingsError("settings", f"[{where}] must be a table")
    return value
