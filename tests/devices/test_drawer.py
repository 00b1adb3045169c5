from __future__ import annotations

import pytest
import serial

from cashier.devices.drawer import PrinterDrawer, SerialDrawer, SimulatedDrawer
from cashier.devices.errors import DeviceOffline
from cashier.devices.plugin import DrawerKick
from cashier.devices.printer.escpos_bytes import decode_job
from cashier.devices.printer.receipt_printer import SimulatedPrinter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_printer_kick_sends_esc_p_on_pin_2_with_100_ms_pulses(printer: SimulatedPrinter) -> None:
    kicks: list[DrawerKick] = []
    drawer = PrinterDrawer("cash drawer", printer, on_kick=kicks.append)
    drawer.start()
    printer.take_output()
    kick = drawer.kick("sale T01-000123")
    assert printer.output.endswith(b"\x1b\x70\x00\x32\x32")
    assert kick.ok and kick.sent == b"\x1b\x70\x00\x32\x32"
    assert kicks == [kick]
    assert kicks[0].reason == "sale T01-000123"


def test_printer_kick_on_pin_5_with_configured_pulse(printer: SimulatedPrinter) -> None:
    drawer = PrinterDrawer("cash drawer", printer, pin=5, pulse_on_ms=60, pulse_off_ms=240)
    drawer.start()
    printer.take_output()
    drawer.kick("no sale: make change")
    assert decode_job(printer.output).names() == ["drawer kick"]
    assert printer.output == b"\x1b\x70\x01\x1e\x78"


def test_a_kick_that_fails_is_reported_and_raised(printer: SimulatedPrinter) -> None:
    kicks: list[DrawerKick] = []
    drawer = PrinterDrawer("cash drawer", printer, on_kick=kicks.append)
    drawer.start()
    printer.set_condition(online=False)
    with pytest.raises(DeviceOffline, match="cannot kick the drawer: offline"):
        drawer.kick("sale T01-000124")
    assert len(kicks) == 1 and not kicks[0].ok
    assert "offline" in kicks[0].error


def test_a_kick_still_works_when_the_printer_is_out_of_paper(printer: SimulatedPrinter) -> None:
    drawer = PrinterDrawer("cash drawer", printer)
    drawer.start()
    printer.set_condition(paper_out=True)
    assert drawer.kick("sale").ok


def test_printer_drawer_sensor_reads_pin_3_from_dle_eot(printer: SimulatedPrinter) -> None:
    drawer = PrinterDrawer("cash drawer", printer, sensor_open_when_high=False)
    drawer.start()
    printer.set_condition(drawer_pin_high=True)
    assert drawer.drawer_status().open is False
    printer.set_condition(drawer_pin_high=False)
    assert drawer.drawer_status().open is True


def test_serial_drawer_opens_with_bel() -> None:
    drawer = SerialDrawer("cash drawer", "loop://")
    drawer.start()
    drawer.kick("no sale")
    assert drawer.port.read(1) == b"\x07"  # loop:// hands back exactly what was sent
    drawer.close()


@pytest.mark.parametrize(("open_when_high", "rts", "expected"),
                         [(True, True, True), (True, False, False),
                          (False, True, False), (False, False, True)])
def test_serial_drawer_sensor_polarity_is_configurable(
    open_when_high: bool, rts: bool, expected: bool
) -> None:
    drawer = SerialDrawer("cash drawer", "loop://", sensor_open_when_high=open_when_high)
    drawer.start()
    drawer.port.rts = rts  # loop:// wires RTS back to CTS
    assert drawer.drawer_status().open is expected
    drawer.close()


def test_drawer_left_open_is_warned_after_the_configured_seconds() -> None:
    clock = Clock()
    drawer = SimulatedDrawer(left_open_seconds=30, clock=clock)
    drawer.start()
    drawer.kick("sale")
    assert drawer.drawer_status().open and not drawer.drawer_status().left_open
    clock.now += 31
    status = drawer.drawer_status()
    assert status.left_open
    assert drawer.health().warnings == ("drawer left open for 31 s (limit 30 s)",)
    drawer.push_closed()
    assert drawer.drawer_status().open is False
    clock.now += 100
    assert not drawer.drawer_status().left_open


def test_simulated_drawer_reports_every_kick() -> None:
    kicks: list[DrawerKick] = []
    drawer = SimulatedDrawer(on_kick=kicks.append)
    drawer.start()
    drawer.kick("sale T01-000001")
    drawer.push_closed()
    drawer.kick("no sale: make change")
    assert [k.reason for k in kicks] == ["sale T01-000001", "no sale: make change"]
    assert all(k.sent == b"\x07" and k.drawer == "cash drawer" for k in kicks)


def test_serial_drawer_write_failure_is_offline() -> None:
    drawer = SerialDrawer("cash drawer", "loop://")
    drawer.start()
    drawer.port.close()
    with pytest.raises((DeviceOffline, serial.SerialException)):
        drawer.kick("sale")
