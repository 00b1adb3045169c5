from __future__ import annotations

from cashier.devices.lifecycle import Device, DeviceState
from cashier.devices.plugin import DrawerKick
from cashier.devices.selftest import run_device_test
from cashier.devices.settings import DeviceSettings, MicrReaderSettings, PrinterSettings
from cashier.devices.station import build_devices


def test_every_device_is_simulated_by_default_and_starts() -> None:
    devices = build_devices(DeviceSettings())
    assert all(isinstance(device, Device) for device in devices.devices())
    assert {device.adapter for device in devices.devices()} == {"simulator"}
    assert devices.start_all() == {}
    assert all(h.state is DeviceState.IDLE and h.enabled for h in devices.health())
    devices.close_all()
    assert all(h.state is DeviceState.CLOSED for h in devices.health())


def test_a_device_that_cannot_start_does_not_stop_the_others() -> None:
    settings = DeviceSettings().replacing(
        micr_reader=MicrReaderSettings(adapter="serial",
                                                         serial_port="/dev/no-such-micr"))
    devices = build_devices(settings)
    failed = devices.start_all()
    assert list(failed) == ["MICR reader"]
    assert "cannot open serial port /dev/no-such-micr" in failed["MICR reader"].reason
    devices.printer.print_lines(["still printing"])
    devices.close_all()


def test_device_test_on_simulators_passes_every_step() -> None:
    kicks: list[DrawerKick] = []
    report = run_device_test(DeviceSettings(), on_kick=kicks.append)
    text = report.format()
    assert report.ok, text
    for step in ("print: test receipt TEST-T01 printed", "kick: opened, sent 07",
                 "read report: report of 180 coins, 17.50 verified",
                 "sale 1.00: sale 1.00 approved", "status inquiry: sale 1.00 approved",
                 "reconciliation: batch 1000: net 1.00",
                 "read stub: account 1000001, 45.10 due",
                 "read check: routing 111000025, account ******7890, check 1042",
                 "show: DEVICE TEST | TERMINAL T01"):
        assert step in text
    assert text.rstrip().endswith("Result: 17 passed, 0 failed, 0 skipped — ALL DEVICES OK")
    assert [k.reason for k in kicks] == ["device test"]


def test_device_test_reports_a_missing_device_clearly() -> None:
    settings = DeviceSettings(terminal="T07").replacing(
        printer=PrinterSettings(adapter="file", path="/nonexistent/dir/lp0"))
    report = run_device_test(settings)
    text = str(report)
    assert not report.ok
    assert "FAIL  printer        start: cannot open the file printer" in text
    assert "PASS  cash drawer" in text
    assert "1 failed" in text
