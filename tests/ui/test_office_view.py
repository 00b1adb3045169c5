"""The supervisor console's office view (F11): every terminal's sessions read from central
(SPEC §7), read-only; F11 again is this terminal's own day."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from cashier.ledger.drawer.sessions import open_drawer
from cashier.ledger.rules.values import now
from cashier.sync import central as office
from cashier.sync.worker import sync_once
from cashier.ui.main_window import MainWindow
from tests.conftest import FLOAT
from tests.sync.conftest import fresh_central, joined_terminal
from tests.ui.conftest import Keyboard

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def office_url(pg_url: str, tmp_path_factory: pytest.TempPathFactory,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Central where terminal T02 has raj's drawer open today; the console's office login
    (here the owner's URL) is in CASHIER_OFFICE_URL before the window is built."""
    with fresh_central(pg_url) as (central, url):
        t2 = joined_terminal(tmp_path_factory.mktemp("t02"), url, "T02")
        open_drawer(t2, "D2", "raj", FLOAT, at=now())
        sync_once(t2)
        office.apply_pending(central)
        t2.dispose()
        monkeypatch.setenv("CASHIER_OFFICE_URL", url)
        yield url


def test_f11_shows_the_whole_office_read_only(window: MainWindow, keys: Keyboard) -> None:
    console = window.console
    keys.sign_in("sam")
    keys.wait(lambda: window.stack.currentWidget() is console)
    assert console.buttons["office"].isVisible()
    keys.wait(lambda: console.status == "open")
    assert console.table.rowCount() == 0  # nothing at this terminal today
    keys.press(Qt.Key.Key_F11)
    keys.wait(lambda: console.table.rowCount() == 1, timeout=10_000)
    item = console.table.item(0, 1)
    assert item is not None and item.text() == "raj"
    assert console.title.text() == "Supervisor console · whole office (central)"
    assert not console.buttons["approve"].isEnabled()
    keys.press(Qt.Key.Key_F11)
    keys.wait(lambda: console.table.rowCount() == 0 and console.status == "open")
    assert console.buttons["approve"].isEnabled()
    console.central.close()
