from __future__ import annotations

import pytest

from cashier.devices.errors import DeviceFailure
from cashier.devices.pole_display import Cd5220Screen, SerialPoleDisplay, SimulatedPoleDisplay


@pytest.fixture
def display() -> SimulatedPoleDisplay:
    device = SimulatedPoleDisplay()
    device.start()
    return device


def test_item_and_price(display: SimulatedPoleDisplay) -> None:
    display.show_item("Water payment", 45_10)
    assert display.lines == ("Water payment       ", "              $45.10")


def test_total_and_change(display: SimulatedPoleDisplay) -> None:
    display.show_change(65_10, 4_90)
    assert display.lines == ("TOTAL         $65.10", "CHANGE         $4.90")


def test_cd5220_bytes(display: SimulatedPoleDisplay) -> None:
    display.show("HELLO", "")
    assert display.sent.startswith(b"\x1b@")  # initialised when enabled
    assert b"\x0c\x1bQAHELLO" + b" " * 15 + b"\r\x1bQB" in bytes(display.sent)


def test_long_and_accented_text_is_folded_to_twenty_ascii_characters(
    display: SimulatedPoleDisplay,
) -> None:
    display.show("Licencia de perro, castrado: niño", "")
    assert display.lines[0] == "Licencia de perro, c"


def test_spanish_labels() -> None:
    device = SimulatedPoleDisplay(language="es")
    device.start()
    device.show_change(10_00, 0)
    assert device.lines[1].startswith("CAMBIO")


def test_screen_keeps_a_command_split_across_writes() -> None:
    screen = Cd5220Screen()
    screen.feed(b"\x1bQAHAL")
    screen.feed(b"F\r")
    assert screen.lines[0].rstrip() == "HALF"


def test_screen_refuses_bytes_that_are_not_cd5220() -> None:
    with pytest.raises(DeviceFailure, match="unknown CD5220 byte 0x07"):
        Cd5220Screen().feed(b"\x07")


def test_serial_display_writes_the_same_bytes_over_loop() -> None:
    device = SerialPoleDisplay("pole display", "loop://")
    device.start()
    device.show_total(65_10)
    screen = Cd5220Screen()
    screen.feed(device.port.read(device.port.in_waiting))
    assert screen.lines[0] == "TOTAL         $65.10"
    device.close()
