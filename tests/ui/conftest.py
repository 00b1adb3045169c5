"""The workstation under test: the small office in a real SQLite file, every device its
simulator (the card terminal on a real HTTPS loopback socket), driven from the keyboard."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cashier.devices.card.simulator import SimulatedCardTerminal
from cashier.devices.settings import DeviceSettings
from cashier.devices.station import CounterDevices, build_devices
from cashier.ledger.database import Database
from cashier.ui.app import build_window
from cashier.ui.counter import KickRelay, UiSettings
from cashier.ui.main_window import MainWindow
from tests.conftest import PINS

Mod = Qt.KeyboardModifier


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    """The window's collector (``cashier.ui.collector``) keeps automatic collection off so a
    pool thread never frees a Qt object; each test's garbage is collected here, on the GUI
    thread, once its workers are done."""
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read the developer's own settings file."""
    monkeypatch.setenv("CASHIER_SETTINGS", str(tmp_path / "absent-settings.toml"))


def card_terminal(mode: str = "approve", **options: float) -> SimulatedCardTerminal:
    """A terminal quick to give up, so a lost answer is seconds of test, not minutes."""
    settings: dict[str, float] = {"timeout": 0.6, "status_timeout": 2.0, "poll_interval": 0.1,
                                  "slow_seconds": 1.2}
    settings.update(options)
    return SimulatedCardTerminal(mode=mode, **settings)  # type: ignore[arg-type]


@pytest.fixture
def card_mode() -> tuple[str, dict[str, float]]:
    """Override in a test module (or parametrize) for a misbehaving terminal."""
    return "approve", {}


@pytest.fixture
def devices(card_mode: tuple[str, dict[str, float]]) -> Iterator[tuple[CounterDevices,
                                                                      KickRelay]]:
    kicks = KickRelay()
    built = build_devices(DeviceSettings(), on_kick=kicks)
    mode, options = card_mode
    built = built.replacing("card_terminal", card_terminal(mode, **options))
    yield built, kicks
    built.close_all()


@pytest.fixture
def window(qtbot: QtBot, office: Database,
           devices: tuple[CounterDevices, KickRelay]) -> Iterator[MainWindow]:
    """The window at the sign-in screen, devices started, window active."""
    station, kicks = devices
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    win = build_window(office, station, DeviceSettings(), UiSettings(), app, kicks)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: win.status.devices.text() != "", timeout=10_000)
    yield win
    win.counter.workers.wait(10_000)
    win.language.set("en")


class Keyboard:
    """The cashier's hands: everything goes to whichever widget has the focus."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot

    def focus(self) -> QWidget:
        """The widget with the focus, once the focus is in the window on top (a dialog that
        has just opened becomes active a moment later)."""
        def settled() -> bool:
            widget, modal = QApplication.focusWidget(), QApplication.activeModalWidget()
            return widget is not None and (modal is None or widget.window() is modal)

        self.qtbot.waitUntil(settled)
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)  # type: ignore[no-untyped-call]

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Mod.NoModifier) -> None:
        self.qtbot.keyClick(self.focus(), key, modifiers)  # type: ignore[no-untyped-call]

    def enter(self, text: str = "") -> None:
        if text:
            self.type(text)
        self.press(Qt.Key.Key_Return)

    def ctrl_enter(self) -> None:
        self.press(Qt.Key.Key_Return, Mod.ControlModifier)

    def wait(self, condition: Callable[[], object], timeout: int = 5000) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)

    def sign_in(self, user: str) -> None:
        self.enter(user)
        self.enter(PINS[user])


@pytest.fixture
def keys(qtbot: QtBot) -> Keyboard:
    return Keyboard(qtbot)
