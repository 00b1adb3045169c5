"""The serial plumbing shared by the sorter, stub scanner, MICR reader, drawer and display.

Ports are opened with ``serial.serial_for_url`` so a real ``/dev/ttyUSB0``, a pty from a test
and pyserial's ``loop://`` go through the same code; the simulators use ``loop://`` and so
speak the very bytes the hardware would.
"""

from __future__ import annotations

import contextlib
import time

import serial

from cashier.devices.errors import DeviceOffline, DeviceTimeout, NoHardware
from cashier.devices.lifecycle import DeviceBase

LINE_LIMIT = 512
"""No device we read sends a line this long; a longer one is noise on the wire, not data."""


def open_port(device: str, url: str, baudrate: int, timeout: float) -> serial.SerialBase:
    """Open ``url`` or raise ``NoHardware`` naming the device and the port."""
    if not url:
        raise NoHardware(device, "no serial port is configured")
    try:
        return serial.serial_for_url(url, baudrate=baudrate, timeout=timeout, write_timeout=timeout)
    except (serial.SerialException, ValueError, OSError) as exc:
        raise NoHardware(device, f"cannot open serial port {url}: {exc}") from exc


def read_line(port: serial.SerialBase, device: str, timeout: float, what: str = "a line") -> bytes:
    """Read one CR/LF-terminated line (without the terminator) before ``timeout`` seconds.

    Empty lines are skipped. A line cut off by the timeout is reported as such, because a
    half-received MICR line or sorter report must never be parsed as if it were whole.
    """
    deadline = time.monotonic() + timeout
    buffer = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if buffer:
                raise DeviceTimeout(device, f"{what} was cut off after {len(buffer)} bytes")
            raise DeviceTimeout(device, f"no {what} within {timeout:g} s")
        port.timeout = min(remaining, 0.2)
        try:
            chunk = port.read(1)
        except serial.SerialException as exc:
            raise DeviceOffline(device, f"serial port failed while reading {what}: {exc}") from exc
        if not chunk:
            continue
        if chunk in (b"\r", b"\n"):
            if buffer:
                return bytes(buffer)
            continue
        buffer += chunk
        if len(buffer) > LINE_LIMIT:
            raise DeviceOffline(device, f"{what} longer than {LINE_LIMIT} bytes: line noise")


def write_bytes(port: serial.SerialBase, device: str, data: bytes) -> None:
    try:
        port.write(data)
        port.flush()
    except serial.SerialTimeoutException as exc:
        raise DeviceTimeout(device, f"serial write of {len(data)} bytes timed out") from exc
    except serial.SerialException as exc:
        raise DeviceOffline(device, f"serial write failed: {exc}") from exc


class SerialDevice(DeviceBase):
    """A device on one serial port, taken at claim and given back at release."""

    def __init__(self, name: str, url: str, baudrate: int = 9600, timeout: float = 2.0) -> None:
        # loop:// is a private in-memory port per object, so it is never claimed exclusively.
        exclusive = bool(url) and not url.startswith("loop://")
        super().__init__(name, resource=url if exclusive else None)
        self.url = url
        self.baudrate = baudrate
        self.timeout = timeout
        self._port: serial.SerialBase | None = None

    def _connect(self) -> None:
        self._port = open_port(self.name, self.url, self.baudrate, self.timeout)

    def _disconnect(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            # Release must not fail: the port is gone either way.
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()

    @property
    def port(self) -> serial.SerialBase:
        if self._port is None:
            raise DeviceOffline(self.name, "serial port is not open")
        return self._port

    def _probe(self) -> tuple[bool, str, tuple[str, ...]]:
        return self._port is not None and self._port.is_open, self.url, ()
