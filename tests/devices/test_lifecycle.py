from __future__ import annotations

import pytest

from cashier.devices.errors import DeviceClaimed, DeviceError, DeviceStateError, NoHardware
from cashier.devices.lifecycle import DeviceState
from cashier.devices.printer.receipt_printer import SimulatedPrinter
from cashier.devices.stub_scanner import SerialStubScanner
from cashier.ledger.rules.errors import CashierError


def state_of(device: SimulatedPrinter) -> DeviceState:
    """Read afresh: the state changes behind mypy's back, inside the device's methods."""
    return device.state


def test_a_device_starts_closed_and_goes_idle_when_opened() -> None:
    device = SimulatedPrinter()
    assert state_of(device) is DeviceState.CLOSED
    device.open()
    assert state_of(device) is DeviceState.IDLE
    device.close()
    assert state_of(device) is DeviceState.CLOSED


def test_a_device_must_be_claimed_before_it_is_enabled() -> None:
    device = SimulatedPrinter()
    device.open()
    with pytest.raises(DeviceStateError, match="printer: cannot enable: it is not claimed"):
        device.enable()


def test_a_device_must_be_enabled_before_it_is_used() -> None:
    device = SimulatedPrinter()
    device.open()
    device.claim()
    with pytest.raises(DeviceStateError, match="cannot print: it is not enabled"):
        device.print_lines(["hello"])
    device.enable()
    device.print_lines(["hello"])
    device.disable()
    with pytest.raises(DeviceStateError):
        device.print_lines(["again"])
    device.close()


def test_a_failed_use_leaves_the_device_in_error_until_the_next_success() -> None:
    device = SimulatedPrinter()
    device.start()
    device.set_condition(paper_out=True)
    with pytest.raises(DeviceError):
        device.print_lines(["x"])
    assert device.state is DeviceState.ERROR
    device.set_condition(paper_out=False)
    device.print_lines(["x"])
    assert state_of(device) is DeviceState.IDLE


def test_health_names_the_device_and_what_is_wrong() -> None:
    device = SimulatedPrinter()
    assert device.health().detail == "closed"
    device.start()
    device.set_condition(paper_out=True)
    health = device.health()
    assert not health.online
    assert health.claimed and health.enabled
    assert "paper out" in health.summary()
    assert health.summary().startswith("printer (receipt printer, simulator)")


def test_a_missing_serial_port_is_no_hardware() -> None:
    scanner = SerialStubScanner("stub scanner", "/dev/does-not-exist-cashier")
    scanner.open()
    with pytest.raises(NoHardware, match="stub scanner: cannot open serial port"):
        scanner.claim()
    assert not scanner.health().claimed


def test_one_port_is_claimed_by_one_device_only(pty_peer: object) -> None:
    port = pty_peer.port_name  # type: ignore[attr-defined]
    first = SerialStubScanner("scanner A", port)
    second = SerialStubScanner("scanner B", port)
    first.start()
    second.open()
    with pytest.raises(DeviceClaimed, match="scanner B: .* already claimed"):
        second.claim(timeout=0.05)
    first.release()
    second.claim()
    second.close()
    first.close()


def test_device_errors_are_cashier_errors_the_window_can_show() -> None:
    assert issubclass(DeviceError, CashierError)
