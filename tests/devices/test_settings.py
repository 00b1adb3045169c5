from __future__ import annotations

from pathlib import Path

import pytest

from cashier.devices.errors import SettingsError
from cashier.devices.settings import load_settings, settings_path
from cashier.devices.stub_scanner import StubLayout


def test_no_settings_file_means_every_device_is_simulated() -> None:
    settings = load_settings()
    assert settings.source is None
    for section in ("printer", "drawer", "coin_sorter", "card_terminal", "stub_scanner",
                    "micr_reader", "pole_display"):
        assert getattr(settings, section).adapter == "simulator"


def test_the_environment_variable_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "counter3.toml"
    path.write_text('[terminal]\nid = "T03"\n[devices.printer]\ncolumns = 48\n')
    monkeypatch.setenv("CASHIER_SETTINGS", str(path))
    settings = load_settings()
    assert settings.terminal == "T03"
    assert settings.printer.columns == 48
    assert settings.source == path


def test_an_explicit_path_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASHIER_SETTINGS", str(tmp_path / "other.toml"))
    assert settings_path(tmp_path / "mine.toml") == tmp_path / "mine.toml"


def test_the_default_location_is_the_user_config_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASHIER_SETTINGS")
    path = settings_path()
    assert path.name == "settings.toml" and "cashier" in str(path)


def test_a_full_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        """
[terminal]
id = "T02"
language = "es"

[ledger]           # someone else's table: left alone
db = "x"

[devices.printer]
adapter = "usb"
usb_vendor = 0x04b8
usb_product = 0x0202
profile = "TM-T88V"

[devices.drawer]
adapter = "serial"
serial_port = "/dev/ttyS1"
sensor_open_when_high = false
left_open_seconds = 45

[devices.card_terminal]
adapter = "adyen"
host = "192.168.1.60"
poi_id = "V400m-324688179"
fingerprint_sha256 = "ab:cd"

[[devices.stub_scanner.layouts]]
biller = "water"
prefix = "7"
weights = [3, 1]
add_product_digits = false
"""
    )
    settings = load_settings(path)
    assert settings.language == "es"
    assert settings.printer.usb_vendor == 0x04B8
    assert settings.drawer.left_open_seconds == 45.0
    assert not settings.drawer.sensor_open_when_high
    assert settings.card_terminal.poi_id == "V400m-324688179"
    assert settings.stub_scanner.layouts == (
        StubLayout(biller="water", prefix="7", weights=(3, 1), add_product_digits=False),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[devices.printer]\ncolums = 48\n", r"\[devices.printer\] has unknown key\(s\) \['colums"),
        ("[devices.printer]\nadapter = 'bluetooth'\n", "adapter 'bluetooth' must be one of"),
        ("[devices.printer]\ncolumns = 40\n", "columns must be 42 or 48"),
        ("[devices.drawer]\npin = 'two'\n", "pin must be int, got str"),
        ("[devices.drawer]\npin = 3\n", "pin must be 2 or 5"),
        ("[devices.card_terminal]\nsimulator_mode = 'fraud'\n", "simulator_mode must be one of"),
        ("[devices.scale]\nadapter = 'serial'\n", "unknown device table"),
        ("[terminal]\nlanguage = 'fr'\n", "language 'fr' must be 'en' or 'es'"),
        ("[devices.stub_scanner]\nlayouts = [{modulus = 7}]\n", "modulus must be 10 or 11"),
        ("this is not toml", "cannot read"),
    ],
)
def test_bad_settings_are_refused_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(SettingsError, match=message):
        load_settings(path)


def test_an_explicit_file_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")
