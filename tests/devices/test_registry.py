"""A new device kind is one module and one registry entry: settings, station, device test and
the status bar pick it up with nothing else changed (docs/devices.md, "Adding a device")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from cashier.devices import registry
from cashier.devices.errors import SettingsError
from cashier.devices.lifecycle import DeviceBase
from cashier.devices.plugin import SIMULATOR, BuildContext, SelfTest
from cashier.devices.selftest import run_device_test
from cashier.devices.settings import parse_settings
from cashier.devices.station import build_devices


@dataclass(frozen=True)
class BellSettings:
    adapter: str = SIMULATOR
    rings: int = 1


class Bell(DeviceBase):
    kind = "bell"
    adapter = SIMULATOR

    def __init__(self, name: str, rings: int) -> None:
        super().__init__(name)
        self.rings = rings
        self.rung = 0

    def ring(self) -> str:
        self.rung += self.rings
        return f"rang {self.rings}"


def build_bell(settings: BellSettings, context: BuildContext) -> Bell:
    return Bell(context.name, settings.rings)


def bell_test(test: SelfTest, bell: Bell) -> None:
    test.step(bell.name, "ring", bell.ring)


def check_bell(settings: BellSettings, where: str) -> None:
    if settings.rings < 1:
        raise SettingsError("settings", f"{where} rings must be at least 1")


@pytest.fixture
def bell() -> Iterator[registry.AnyKind]:
    kind = registry.register(registry.DeviceKind(
        "bell", "counter bell", BellSettings, {SIMULATOR: build_bell}, bell_test,
        check=check_bell))
    yield kind
    registry.unregister("bell")


def test_a_registered_kind_is_read_built_and_tested(bell: registry.AnyKind) -> None:
    settings = parse_settings({"devices": {"bell": {"rings": 3}}})
    assert settings.section("bell") == BellSettings(rings=3)
    station = build_devices(settings)
    assert station.device("bell").name == "counter bell"
    report = run_device_test(settings)
    text = report.format()
    assert report.ok, text
    assert "counter bell" in text and "rang 3" in text


def test_a_registered_kind_s_settings_are_checked(bell: registry.AnyKind) -> None:
    with pytest.raises(SettingsError, match="rings must be at least 1"):
        parse_settings({"devices": {"bell": {"rings": 0}}})
    with pytest.raises(SettingsError, match="louder"):
        parse_settings({"devices": {"bell": {"louder": True}}})


def test_a_kind_without_a_simulator_is_refused() -> None:
    with pytest.raises(TypeError, match="no 'simulator' adapter"):
        registry.DeviceKind("gong", "gong", BellSettings, {"serial": build_bell}, bell_test)
    with pytest.raises(ValueError, match="registered already"):
        registry.register(registry.kind("printer"))
