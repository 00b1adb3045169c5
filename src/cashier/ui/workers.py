"""Slow work off the GUI thread: device I/O and lookups run in a thread pool, and their
results come back to the window by queued signals (the Electrum ``TaskThread`` pattern).

A cashier must never see a frozen window because the printer is out of paper or the card
terminal is waiting for a PIN, so nothing here blocks the caller.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Signals(QObject):
    """Created on the GUI thread, so a worker's emit is queued to the GUI thread's loop."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # every failure goes back to the window, never lost in a thread
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Workers(QObject):
    """The counter's thread pool. ``run`` returns at once; a callback gets the outcome."""

    def __init__(self, parent: QObject | None = None, threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._live: set[_Signals] = set()  # keeps each job's signals alive until delivered

    def run(self, work: Callable[[], T], on_done: Callable[[T], None],
            on_failed: Failed) -> None:
        signals = _Signals(self)
        self._live.add(signals)

        def finish() -> None:
            self._live.discard(signals)
            signals.deleteLater()

        signals.done.connect(on_done)
        signals.failed.connect(on_failed)
        signals.done.connect(finish)
        signals.failed.connect(finish)
        self.pool.start(_Job(work, signals))

    def send(self, work: Callable[[], object]) -> None:
        """Fire and forget ``work`` on a thread of its own, never queued behind the pool's
        jobs nor holding one of its threads: a card terminal Abort while the sale's own job
        still waits on the terminal. Its outcome is dropped; the caller learns what happened
        another way (the sale's answer, or the status check)."""
        def run() -> None:
            with contextlib.suppress(Exception):  # nobody waits for this answer
                work()

        threading.Thread(target=run, name="cashier-send", daemon=True).start()

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def wait(self, msecs: int = 5000) -> bool:
        """Let running jobs end (shutdown, tests); queued results still need the event loop."""
        return self.pool.waitForDone(msecs)


class Latest(QObject):
    """One question at a time, and only the newest answer counts.

    Each keystroke in the account search asks again; while a query runs, newer text waits in
    a single slot (older waiting text is dropped), and an answer to text that is no longer in
    the box is never shown.
    """

    answered = Signal(object, object)  # (question, answer)
    failed = Signal(object, object)  # (question, exception)

    def __init__(self, workers: Workers, ask: Callable[[str], object],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self.ask = ask
        self.current: str | None = None
        self._running = False
        self._waiting: str | None = None

    def request(self, question: str) -> None:
        self.current = question
        if self._running:
            self._waiting = question
            return
        self._start(question)

    def _start(self, question: str) -> None:
        self._running = True
        self.workers.run(lambda: (question, self.ask(question)), self._on_answer,
                         lambda exc: self._on_failed(question, exc))

    def _on_answer(self, pair: tuple[str, object]) -> None:
        question, answer = pair
        if question == self.current:
            self.answered.emit(question, answer)
        self._next()

    def _on_failed(self, question: str, exc: BaseException) -> None:
        if question == self.current:
            self.failed.emit(question, exc)
        self._next()

    def _next(self) -> None:
        self._running = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting == self.current:
            self._start(waiting)


class InOrder(QObject):
    """The batch's ledger calls on a worker, one at a time, in the order they were asked.

    A wedge scanner types the next stub while the last remittance is still being written; the
    entries, a removal and the post must reach the ledger in the clerk's order, and each
    answer (the batch as it then stands) must arrive in that order too.
    """

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self._waiting: deque[tuple[Callable[[], object], Done, Failed]] = deque()
        self._running = False

    @property
    def busy(self) -> bool:
        return self._running or bool(self._waiting)

    def run(self, work: Callable[[], object], done: Done, failed: Failed) -> None:
        self._waiting.append((work, done, failed))
        self._next()

    def _next(self) -> None:
        if self._running or not self._waiting:
            return
        work, done, failed = self._waiting.popleft()
        self._running = True
        self.workers.run(work, lambda result: self._after(done, result),
                         lambda exc: self._after(failed, exc))

    def _after(self, callback: Callable[[Any], None], value: object) -> None:
        self._running = False
        try:
            callback(value)
        finally:
            self._next()
