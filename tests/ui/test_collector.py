"""Cycles are collected on the GUI thread only: a job on the pool that makes garbage past
every threshold leaves a Qt object in a cycle alone, and the GUI thread's timer frees it."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cashier.ui import collector
from cashier.ui.workers import Workers


def test_a_worker_never_collects_and_the_gui_thread_does(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    watcher = collector.install(app)
    assert collector.install(app) is watcher
    assert not gc.isenabled()
    assert gc.get_freeze_count() > 10_000  # what was loaded before the window: never walked

    freed_on: list[str] = []

    class Cyclic(QObject):
        pass

    def note_thread() -> None:
        freed_on.append(threading.current_thread().name)

    obj = Cyclic()
    obj.self_ref = obj  # type: ignore[attr-defined]
    gone = weakref.ref(obj, lambda _ref: note_thread())
    del obj

    def garbage() -> int:
        """Cycles past generation 0's threshold, made on the pool: with automatic collection
        on, this thread would be the one to collect, freeing the Qt object above here."""
        for _ in range(2 * gc.get_threshold()[0]):
            loop: list[object] = []
            loop.append(loop)
        return 1

    workers = Workers()
    answers: list[object] = []
    workers.run(garbage, answers.append, answers.append)
    # The GUI thread's timer may collect while the job still runs: what matters is which
    # thread freed the cycle, never when.
    qtbot.waitUntil(lambda: gone() is None, timeout=5 * collector.INTERVAL_MS)
    qtbot.waitUntil(lambda: answers == [1])
    assert freed_on == [threading.main_thread().name]
