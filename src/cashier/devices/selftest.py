"""``cashier devices test``: exercise every configured device once and say what happened.

With simulators this is a smoke test of the whole device layer; with real hardware it is the
morning check at the counter. A real card terminal is charged 1.00 and the charge is voided
at once; the reconciliation closes the terminal's batch, so run the test before drawers open.
Serial readers (sorter, stub scanner, MICR) wait for the operator up to their timeout.
What each device does is its kind's ``self_test`` (named in ``registry.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cashier.devices import registry
from cashier.devices.lifecycle import DeviceHealth
from cashier.devices.plugin import DeviceCheck, KickListener, SelfTest
from cashier.devices.settings import DeviceSettings
from cashier.devices.station import build_devices

__all__ = ["DeviceCheck", "DeviceTestReport", "run_device_test"]


@dataclass(frozen=True)
class DeviceTestReport:
    terminal: str
    started_at: datetime
    checks: tuple[DeviceCheck, ...]
    health: tuple[DeviceHealth, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok or check.skipped for check in self.checks)

    def format(self) -> str:
        width = max((len(c.device) for c in self.checks), default=8)
        out = [f"Device test, terminal {self.terminal}, "
               f"{self.started_at.strftime('%Y-%m-%d %H:%M:%S')}"]
        for check in self.checks:
            mark = "SKIP" if check.skipped else "PASS" if check.ok else "FAIL"
            out.append(f"  {mark}  {check.device:<{width}}  {check.step}: {check.detail}")
        out.append("Status after the test:")
        out += [f"  {health.summary()}" for health in self.health]
        passed = sum(c.ok and not c.skipped for c in self.checks)
        failed = sum(not c.ok and not c.skipped for c in self.checks)
        skipped = sum(c.skipped for c in self.checks)
        out.append(f"Result: {passed} passed, {failed} failed, {skipped} skipped"
                   f" — {'ALL DEVICES OK' if self.ok else 'SEE FAILURES ABOVE'}")
        return "\n".join(out) + "\n"

    def __str__(self) -> str:
        return self.format()


def run_device_test(settings: DeviceSettings, *, on_kick: KickListener | None = None
                    ) -> DeviceTestReport:
    """Start every configured device, run each kind's self-test once (registry order) on
    the devices that started, close them all, and report."""
    started = datetime.now().astimezone()
    devices = build_devices(settings, on_kick=on_kick)
    test = SelfTest(settings.terminal, settings.language, started)
    failed = devices.start_all()
    for device in devices.devices():
        error = failed.get(device.name)
        test.checks.append(DeviceCheck(device.name, "start", error is None,
                                       error.reason if error else device.adapter))
    try:
        for kind, device in devices.by_kind.items():
            if device.name not in failed:
                registry.kind(kind).self_test(test, device)
        health = devices.health()
    finally:
        devices.close_all()
    return DeviceTestReport(settings.terminal, started, tuple(test.checks), health)
