"""One lifecycle for every device, after UnifiedPOS: open → claim → enable → use → disable →
release → close.

``open`` checks the configuration, ``claim`` takes the port (and is exclusive within the
program, so two windows cannot both own the drawer), ``enable`` makes the device ready, and
only an enabled device may be used. A use that fails leaves the device in ``error`` until the
next use succeeds; the UI shows ``health()`` and never has to guess.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from cashier.devices.errors import (
    DeviceClaimed,
    DeviceError,
    DeviceOffline,
    DeviceStateError,
    DeviceTimeout,
)


class DeviceState(enum.Enum):
    CLOSED = "closed"
    IDLE = "idle"
    BUSY = "busy"
    ERROR = "error"


@dataclass(frozen=True)
class DeviceHealth:
    """What the status bar shows for one device."""

    device: str
    kind: str
    adapter: str
    state: DeviceState
    claimed: bool
    enabled: bool
    online: bool
    detail: str
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        flags = "online" if self.online else "OFFLINE"
        text = f"{self.device} ({self.kind}, {self.adapter}): {self.state.value}, {flags}"
        if self.detail:
            text += f" — {self.detail}"
        for warning in self.warnings:
            text += f"; WARNING {warning}"
        return text


@runtime_checkable
class Device(Protocol):
    """The lifecycle every device kind shares; each kind's protocol adds its own uses."""

    name: str
    kind: str
    adapter: str

    @property
    def state(self) -> DeviceState: ...

    def open(self) -> None: ...

    def claim(self, timeout: float = 0.0) -> None: ...

    def enable(self) -> None: ...

    def disable(self) -> None: ...

    def release(self) -> None: ...

    def close(self) -> None: ...

    def health(self) -> DeviceHealth: ...


_claims_lock = threading.Condition()
_claims: dict[str, int] = {}


class DeviceBase:
    """The lifecycle state machine; adapters fill in the ``_connect``/``_probe`` hooks."""

    kind: str = "device"
    adapter: str = "base"

    def __init__(self, name: str, resource: str | None = None) -> None:
        self.name = name
        self._resource = resource
        self._state = DeviceState.CLOSED
        self._opened = False
        self._claimed = False
        self._enabled = False
        self._last_error = ""
        self._lock = threading.RLock()

    # -- hooks -----------------------------------------------------------------------------

    def _connect(self) -> None:
        """Take the port (claim). Raise ``NoHardware`` when it does not exist."""

    def _disconnect(self) -> None:
        """Give the port back (release). Must not raise."""

    def _ready(self) -> None:
        """Make the device ready to use (enable)."""

    def _probe(self) -> tuple[bool, str, tuple[str, ...]]:
        """(online, detail, warnings) for ``health``; only called while claimed."""
        return True, "", ()

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def state(self) -> DeviceState:
        return self._state

    @property
    def enabled(self) -> bool:
        return self._enabled

    def open(self) -> None:
        with self._lock:
            if self._opened:
                return
            self._opened = True
            self._state = DeviceState.IDLE

    def claim(self, timeout: float = 0.0) -> None:
        with self._lock:
            self._require(self._opened, "claim", "it is not open")
            if self._claimed:
                return
            self._take_resource(timeout)
            try:
                self._connect()
            except BaseException:
                self._give_back_resource()
                raise
            self._claimed = True

    def enable(self) -> None:
        with self._lock:
            self._require(self._claimed, "enable", "it is not claimed")
            if self._enabled:
                return
            self._ready()
            self._enabled = True

    def disable(self) -> None:
        with self._lock:
            self._enabled = False

    def release(self) -> None:
        with self._lock:
            self._enabled = False
            if not self._claimed:
                return
            self._claimed = False
            try:
                self._disconnect()
            finally:
                self._give_back_resource()

    def close(self) -> None:
        with self._lock:
            self.release()
            self._opened = False
            self._state = DeviceState.CLOSED

    def start(self, timeout: float = 0.0) -> None:
        """open, claim and enable in one call, the way the program starts a device."""
        self.open()
        self.claim(timeout)
        self.enable()

    def health(self) -> DeviceHealth:
        online, detail = False, ""
        warnings: tuple[str, ...] = ()
        if self._claimed and not self._lock.acquire(blocking=False):
            # A use is running on a worker thread; probing now would interleave its bytes.
            online, detail = True, "in use"
        elif self._claimed:
            try:
                online, detail, warnings = self._probe()
            except DeviceError as exc:
                online, detail = False, exc.reason
            except OSError as exc:
                online, detail = False, f"status check failed: {exc}"
            finally:
                self._lock.release()
        elif self._opened:
            detail = "not claimed"
        else:
            detail = "closed"
        if self._state is DeviceState.ERROR and self._last_error and not detail:
            detail = self._last_error
        return DeviceHealth(
            device=self.name,
            kind=self.kind,
            adapter=self.adapter,
            state=self._state,
            claimed=self._claimed,
            enabled=self._enabled,
            online=online,
            detail=detail,
            warnings=warnings,
        )

    # -- use -----------------------------------------------------------------------------

    @contextmanager
    def _using(self, what: str) -> Iterator[None]:
        """Run one use of the device: must be enabled; errors become typed and leave ERROR."""
        with self._lock:
            self._require(self._enabled, what, "it is not enabled")
            self._state = DeviceState.BUSY
            try:
                yield
            except DeviceError as exc:
                self._fail(exc.reason)
                raise
            except TimeoutError as exc:
                self._fail(f"{what} timed out")
                raise DeviceTimeout(self.name, f"{what} timed out") from exc
            except OSError as exc:
                self._fail(f"{what} failed: {exc}")
                raise DeviceOffline(self.name, f"{what} failed: {exc}") from exc
            except BaseException:
                self._state = DeviceState.IDLE
                raise
            else:
                self._state = DeviceState.IDLE
                self._last_error = ""

    def _fail(self, reason: str) -> None:
        self._state = DeviceState.ERROR
        self._last_error = reason

    def _require(self, condition: bool, what: str, why: str) -> None:
        if not condition:
            raise DeviceStateError(self.name, f"cannot {what}: {why}")

    def _take_resource(self, timeout: float) -> None:
        if self._resource is None:
            return
        deadline = time.monotonic() + timeout
        with _claims_lock:
            while self._resource in _claims:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise DeviceClaimed(
                        self.name, f"{self._resource} is already claimed by another device"
                    )
                _claims_lock.wait(remaining)
            _claims[self._resource] = id(self)

    def _give_back_resource(self) -> None:
        if self._resource is None:
            return
        with _claims_lock:
            if _claims.get(self._resource) == id(self):
                del _claims[self._resource]
                _claims_lock.notify_all()
