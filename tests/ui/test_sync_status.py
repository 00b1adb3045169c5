"""The status bar's sync state (SPEC §7): local only, or the link and the backlog, read from
the sync worker's snapshot; a payment taken with central unreachable is marked offline."""

from __future__ import annotations

from sqlalchemy import select

from cashier.ledger.database import Database
from cashier.ledger.store.models import Receipt
from cashier.sync import state
from cashier.sync.worker import SyncWorker
from cashier.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard
from tests.ui.flows import cash_payment, start_shift

NOWHERE = "postgresql+psycopg://t01@127.0.0.1:9/central"  # nothing listens on port 9


def test_a_terminal_that_never_joined_is_local_only(window: MainWindow) -> None:
    assert window.status.sync.text() == "Sync: local only"


def test_offline_payment_is_marked_and_the_backlog_shows(
        window: MainWindow, keys: Keyboard, office: Database) -> None:
    with office.write() as s:
        state.put(s, state.CENTRAL, NOWHERE)
        state.put(s, state.TERMINAL, "T01")
    worker = SyncWorker(office, interval=0.2)
    window.counter.sync = worker
    worker.start()
    try:
        keys.wait(lambda: "OFFLINE" in window.status.sync.text())
        start_shift(window, keys)
        number = cash_payment(window, keys, "1000002", "60.00", "60.00")
        with office.read() as s:
            assert s.scalar(select(Receipt.offline).where(Receipt.number == number))
        # the drawer opening and the payment wait for central
        keys.wait(lambda: window.status.sync.text() == "Sync: OFFLINE · 2 waiting")
        assert "unreachable" in window.status.sync.toolTip()
        assert "t01@127.0.0.1" in window.status.sync.toolTip()
    finally:
        worker.stop()
