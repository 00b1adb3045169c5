"""One way for a screen to run slow work: Anki's ``aqt.operations.CollectionOp``, for the
counter.

    Operation(self, lambda: books.account_view(db, number)) \\
        .busy(self.notice, self.tr("Looking the account up…")) \\
        .success(self.show_account) \\
        .run(self.counter.workers)

The work runs in the counter's pool (``workers.py``); its result or its failure comes back
on the GUI thread. What every screen would otherwise write again is done here once: the
busy line and the control that must not be pressed twice while it runs, the refusal shown
in the screen's notice line when nothing else is asked for, and an answer dropped when the
widget that asked has been closed and deleted meanwhile (a dialog the cashier left with Esc
must not be written to). The pool's own users — the device jobs, the account search's
``Latest`` and the batch's ``InOrder`` queues, the start-up of the devices — stay on
``Workers``: they are the plumbing this is built on, not a screen's question.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtWidgets import QWidget

from cashier.ui.workers import Workers

T = TypeVar("T")


class Notice(Protocol):
    """A screen's notice line (``widgets.notice.Notice``; named here by what it does, so
    that the widgets may run operations too)."""

    def note(self, text: str) -> None: ...

    def refuse(self, exc: BaseException) -> None: ...

    def clear_notice(self) -> None: ...


class Operation(Generic[T]):
    def __init__(self, parent: QWidget, work: Callable[[], T]) -> None:
        self.parent = parent
        self.work = work
        self._on_done: Callable[[T], None] | None = None
        self._on_failed: Callable[[BaseException], None] | None = None
        self._notice: Notice | None = None
        self._busy_text = ""
        self._hold: tuple[QWidget, ...] = ()

    def busy(self, notice: Notice, text: str = "", *hold: QWidget) -> Operation[T]:
        """While it runs: ``text`` in the notice line (nothing when empty) and the ``hold``
        controls disabled. A failure is then shown in that notice unless ``failure`` says
        otherwise."""
        self._notice, self._busy_text, self._hold = notice, text, hold
        return self

    def success(self, on_done: Callable[[T], None]) -> Operation[T]:
        self._on_done = on_done
        return self

    def failure(self, on_failed: Callable[[BaseException], None]) -> Operation[T]:
        self._on_failed = on_failed
        return self

    def run(self, workers: Workers) -> None:
        if self._on_failed is None and self._notice is None:
            # A failure nobody shows is a payment the cashier thinks went through.
            raise TypeError("an Operation needs .busy(notice) or .failure(...)")
        if self._busy_text and self._notice is not None:
            self._notice.note(self._busy_text)
        for control in self._hold:
            control.setEnabled(False)
        # Closures, not bound methods: Qt holds a bound method's object weakly, and nothing
        # else keeps this Operation alive until its answer comes.
        workers.run(self.work, lambda result: self._done(result),
                    lambda exc: self._failed(exc))

    def _alive(self) -> bool:
        return shiboken6.isValid(self.parent)

    def _release(self) -> None:
        for control in self._hold:
            if shiboken6.isValid(control):
                control.setEnabled(True)

    def _done(self, result: T) -> None:
        if not self._alive():
            return
        self._release()
        if self._busy_text and self._notice is not None:
            self._notice.clear_notice()
        if self._on_done is not None:
            self._on_done(result)

    def _failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        self._release()
        if self._on_failed is not None:
            self._on_failed(exc)
        elif self._notice is not None:
            self._notice.refuse(exc)
