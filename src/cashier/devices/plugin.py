"""What a device kind's module hands the registry (``registry.py``), like the base classes
of Electrum's hardware plugins: its builders receive a ``BuildContext``, its self-test a
``SelfTest``. This module imports no device module, so every device module may import it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from cashier.devices.errors import DeviceError
from cashier.devices.lifecycle import Device


@dataclass(frozen=True)
class DrawerKick:
    """One attempt to open the drawer, as the audit trail records it."""

    drawer: str
    at: datetime
    reason: str
    sent: bytes
    ok: bool
    error: str = ""


KickListener = Callable[[DrawerKick], None]

SIMULATOR = "simulator"  # every kind's default adapter; the registry refuses a kind without one


@dataclass(frozen=True)
class BuildContext:
    """What a builder may know besides its own settings section: the name to give the
    device, the terminal, the receipt language, the kick listener, and the devices built
    before it (in registry order)."""

    name: str  # the device's name: its kind's display name
    terminal: str = "T01"
    language: str = "en"
    on_kick: KickListener | None = None
    built: Mapping[str, Device] = field(default_factory=dict)

    def device(self, kind: str) -> Device:
        """An earlier kind's device (the printer for a printer-driven drawer)."""
        try:
            return self.built[kind]
        except KeyError:
            raise LookupError(f"device kind {kind!r} is not built yet: list it earlier in "
                              "the registry") from None


@dataclass(frozen=True)
class DeviceCheck:
    device: str
    step: str
    ok: bool
    detail: str
    skipped: bool = False


class SelfTest:
    """One run of ``cashier devices test``: each kind's self-test records its steps here."""

    def __init__(self, terminal: str, language: str, started: datetime) -> None:
        self.terminal = terminal
        self.language = language
        self.started = started
        self.checks: list[DeviceCheck] = []

    def step(self, device: str, step: str, action: Callable[[], str]) -> bool:
        """Run ``action``; its text passes, a ``DeviceError`` fails (with its reason)."""
        try:
            detail = action()
        except DeviceError as exc:
            self.checks.append(DeviceCheck(device, step, False, exc.reason))
            return False
        self.checks.append(DeviceCheck(device, step, True, detail))
        return True

    def skip(self, device: str, step: str, why: str) -> None:
        self.checks.append(DeviceCheck(device, step, True, why, skipped=True))
