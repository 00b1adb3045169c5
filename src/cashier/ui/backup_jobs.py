"""The workstation's backups on a worker: one when a drawer's count goes in, and one on the
hourly schedule. A backup of a large file takes seconds; the window must not freeze for it
nor the close wait on it."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from cashier.ledger.backup.folder import BackupInfo
from cashier.ledger.backup.take import BackupSettings, take_backup
from cashier.ui.counter import Counter
from cashier.ui.widgets.notice import describe
from cashier.ui.widgets.status_bar import StatusBar


class BackupJobs(QObject):
    """The workstation's backups: one when a drawer's count goes in, and one every
    ``interval_minutes`` when anything changed since the last. Each runs on the counter's
    workers; the outcome goes to the status bar, and a failure never touches what was posted.
    A child of the counter, so that the close dialog finds it there."""

    def __init__(self, counter: Counter, status: StatusBar, settings: BackupSettings) -> None:
        super().__init__(counter)
        self.counter = counter
        self.status = status
        self.settings = settings
        self.running = False
        self.queued: tuple[str, bool] | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.run("scheduled", skip_unchanged=True))

    def start_schedule(self) -> None:
        if self.settings.interval_minutes:
            self.timer.start(self.settings.interval_minutes * 60_000)

    def run(self, reason: str, *, skip_unchanged: bool = False) -> None:
        if self.running:  # one at a time; a close's backup still follows a scheduled one
            if self.queued is None or not skip_unchanged:
                self.queued = (reason, skip_unchanged)
            return
        self.running = True
        db, generations = self.counter.db, self.settings.generations
        self.counter.workers.run(
            lambda: take_backup(db, reason=reason, generations=generations,
                                skip_unchanged=skip_unchanged),
            self._done, lambda exc: self._failed(exc, reason))

    def _done(self, info: object) -> None:
        self._next()
        # A device's trouble and its Retry stay on screen: a backup is not news enough.
        if isinstance(info, BackupInfo) and self.status.retry_button.isHidden():
            self.status.show_message(info.saved())
            self.status.trouble.setToolTip("")  # an earlier backup failure's details

    def _failed(self, exc: BaseException, reason: str) -> None:
        self._next()
        text = describe(exc)
        self.status.show_trouble(text.splitlines()[0], lambda: self.run(reason))
        self.status.trouble.setToolTip(text)

    def _next(self) -> None:
        self.running = False
        queued, self.queued = self.queued, None
        if queued is not None:
            self.run(queued[0], skip_unchanged=queued[1])
