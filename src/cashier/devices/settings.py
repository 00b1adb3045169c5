"""Per-terminal device settings, read from a TOML file; every device defaults to its simulator.

The file is the terminal's ``settings.toml``: ``CASHIER_SETTINGS`` or an explicit path
overrides the platform location (``user_config_dir("cashier")``). Device tables live under
``[devices.*]`` so the rest of the program can keep its own tables in the same file; a key we
do not know inside a device table is refused, because a misspelt ``colums = 48`` silently
ignored is a receipt that prints wrong for months.

Which tables exist, their keys, defaults, adapters and checks come from the device registry
(``registry.py``); this module only reads TOML against it.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar, cast

from platformdirs import user_config_dir

from cashier.devices import registry
from cashier.devices.card.terminal import CardTerminalSettings
from cashier.devices.coin_sorter import CoinSorterSettings
from cashier.devices.drawer import DrawerSettings
from cashier.devices.errors import SettingsError
from cashier.devices.micr import MicrReaderSettings
from cashier.devices.plugin import SIMULATOR
from cashier.devices.pole_display import PoleDisplaySettings
from cashier.devices.printer.receipt_printer import PrinterSettings
from cashier.devices.stub_scanner import StubScannerSettings

__all__ = [
    "SETTINGS_ENV", "SETTINGS_FILE", "SIMULATOR", "CardTerminalSettings", "CoinSorterSettings",
    "DeviceSettings", "DrawerSettings", "MicrReaderSettings", "PoleDisplaySettings",
    "PrinterSettings", "StubScannerSettings", "load_settings", "parse_settings",
    "settings_path",
]

SETTINGS_ENV = "CASHIER_SETTINGS"
SETTINGS_FILE = "settings.toml"


@dataclass(frozen=True, init=False)
class DeviceSettings:
    """The terminal's id and language, and one settings section per registered device kind.

    ``sections`` maps each kind's name to its settings dataclass (defaults for any kind not
    given); ``DeviceSettings(printer=PrinterSettings(...))`` and ``s.replacing(drawer=...)`` name a
    kind directly. The typed attributes below are for the callers
    outside ``devices/``; a kind without one is read with ``section(name)``.
    """

    terminal: str
    language: str  # receipt labels: en | es
    sections: Mapping[str, Any] = field(hash=False)
    source: Path | None

    def __init__(self, terminal: str = "T01", language: str = "en",
                 sections: Mapping[str, Any] | None = None, source: Path | None = None,
                 **by_kind: Any) -> None:
        given = {**(sections or {}), **by_kind}
        unknown = set(given) - set(registry.names())
        if unknown:
            raise TypeError(f"DeviceSettings() got unknown device kind(s) {sorted(unknown)}")
        object.__setattr__(self, "terminal", terminal)
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "sections", MappingProxyType(
            {kind.name: given.get(kind.name, kind.defaults()) for kind in registry.kinds()}))
        object.__setattr__(self, "source", source)

    def replacing(self, **by_kind: Any) -> DeviceSettings:
        """The same settings with the named kinds' sections swapped."""
        return DeviceSettings(self.terminal, self.language, {**self.sections, **by_kind},
                              self.source)

    def section(self, name: str) -> Any:
        """The settings of device kind ``name`` (its defaults if registered since)."""
        found = self.sections.get(name)
        return registry.kind(name).defaults() if found is None else found

    @property
    def printer(self) -> PrinterSettings:
        return cast(PrinterSettings, self.section("printer"))

    @property
    def drawer(self) -> DrawerSettings:
        return cast(DrawerSettings, self.section("drawer"))

    @property
    def coin_sorter(self) -> CoinSorterSettings:
        return cast(CoinSorterSettings, self.section("coin_sorter"))

    @property
    def card_terminal(self) -> CardTerminalSettings:
        return cast(CardTerminalSettings, self.section("card_terminal"))

    @property
    def stub_scanner(self) -> StubScannerSettings:
        return cast(StubScannerSettings, self.section("stub_scanner"))

    @property
    def micr_reader(self) -> MicrReaderSettings:
        return cast(MicrReaderSettings, self.section("micr_reader"))

    @property
    def pole_display(self) -> PoleDisplaySettings:
        return cast(PoleDisplaySettings, self.section("pole_display"))


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
    extra = set(devices) - set(registry.names())
    if extra:
        raise SettingsError("settings", f"[devices] has unknown device table(s) {sorted(extra)}")
    sections = {kind.name: _section(kind, devices.get(kind.name, {}))
                for kind in registry.kinds()}
    return DeviceSettings(terminal=terminal_id, language=language, sections=sections)


_T = TypeVar("_T")


def _section(kind: registry.AnyKind, table: object) -> Any:
    where = f"[devices.{kind.name}]"
    if not isinstance(table, dict):
        raise SettingsError("settings", f"{where} must be a table")
    for key, why in kind.refused.items():
        if key in table:
            raise SettingsError("settings", f"{where} {key} {why}")
    defaults = kind.defaults()
    known = {f.name for f in dataclasses.fields(defaults)}
    unknown = set(table) - known
    if unknown:
        raise SettingsError("settings", f"{where} has unknown key(s) {sorted(unknown)}")
    values: dict[str, Any] = {}
    for key, raw in table.items():
        parse = kind.parsers.get(key)
        if parse is not None:
            values[key] = parse(raw, where)
            continue
        values[key] = _typed(raw, type(getattr(defaults, key)), f"{where} {key}")
    settings = kind.settings(**values)
    adapter = getattr(settings, "adapter")  # noqa: B009 - every kind has one (registry)
    if adapter not in kind.adapters:
        choices = ", ".join(sorted(kind.adapters))
        raise SettingsError("settings", f"{where} adapter {adapter!r} must be one of {choices}")
    if kind.check is not None:
        kind.check(settings, where)
    return settings


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
