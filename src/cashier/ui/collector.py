"""Python's cycle collector, run only on the GUI thread.

CPython collects cycles on whichever thread happens to allocate when a generation's count
trips its threshold. A worker reading the ledger for the supervisor console can thus be the
thread that frees a closed dialog or a job's signals, and Qt objects destroyed off their own
thread crash the process (a segfault in CI, inside ``Session.scalars`` on a pool thread).
So automatic collection is switched off and a timer on the GUI thread collects each
generation when its count says CPython would have (the pattern of GitFourchette's
``gcHint`` and OpenCue's ``GarbageCollector``).

Everything alive when the collector is installed (the modules, classes and metadata
loaded before the window) is moved out of the collector's sight with ``gc.freeze``: it lives
as long as the program, and a full collection no longer walks it, so the timer's
occasional full pass stays short enough not to be felt between two keystrokes.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        gc.freeze()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(INTERVAL_MS)

    def collect_due(self) -> None:
        counts = gc.get_count()
        # The oldest generation whose count is over its threshold, as CPython would pick.
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def install(app: QCoreApplication) -> GuiThreadCollector:
    """One collector per application, however many windows are built on it."""
    found = app.findChild(GuiThreadCollector)
    return found if found is not None else GuiThreadCollector(app)
