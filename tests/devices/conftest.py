"""Shared fixtures for the device tests: real bytes, real ports, no mocks."""

from __future__ import annotations

import contextlib
import os
import threading
import tty
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from cashier.devices.printer.receipt import (
    AccountBalance,
    ReceiptDocument,
    ReceiptLine,
    ReceiptTender,
)
from cashier.devices.printer.receipt_printer import SimulatedPrinter


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read the developer's own settings file."""
    monkeypatch.setenv("CASHIER_SETTINGS", str(tmp_path / "absent-settings.toml"))


@pytest.fixture
def receipt() -> ReceiptDocument:
    return ReceiptDocument(
        receipt_number="T01-000123",
        printed_at=datetime(2026, 11, 23, 14, 5),
        cashier="ana",
        terminal="T01",
        header=("CITY OF EXAMPLE", "Utilities Business Office"),
        lines=(
            ReceiptLine("Water payment", 45_10, account="1000001"),
            ReceiptLine("Dog license, altered", 20_00, reference="TAG-88"),
        ),
        tenders=(ReceiptTender("cash", 70_00),),
        change=4_90,
        balances=(AccountBalance("1000001", 0),),
        footer=("Thank you",),
    )


@pytest.fixture
def printer() -> Iterator[SimulatedPrinter]:
    device = SimulatedPrinter()
    device.start()
    yield device
    device.close()


class PtyPeer:
    """The far end of a pseudo-terminal: plays the device while the code under test owns
    the port at ``port_name``."""

    def __init__(self) -> None:
        self.fd, slave = os.openpty()
        tty.setraw(slave)
        tty.setraw(self.fd)
        self.port_name = os.ttyname(slave)
        self._slave = slave
        self._threads: list[threading.Thread] = []

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def read(self, count: int, timeout: float = 2.0) -> bytes:
        import select

        got = b""
        while len(got) < count:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                break
            got += os.read(self.fd, count - len(got))
        return got

    def serve(self, behaviour: Callable[[PtyPeer], None]) -> None:
        thread = threading.Thread(target=behaviour, args=(self,), daemon=True)
        thread.start()
        self._threads.append(thread)

    def close(self) -> None:
        for thread in self._threads:
            thread.join(timeout=3)
        for fd in (self.fd, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)


@pytest.fixture
def pty_peer() -> Iterator[PtyPeer]:
    peer = PtyPeer()
    yield peer
    peer.close()
