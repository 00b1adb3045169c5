"""Device jobs started by the window: print a receipt, kick the drawer, update the customer
display. Each runs on a worker; a failure lands in the status bar with a Retry and never
touches the posted payment (SPEC §6).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from cashier.devices.plugin import DrawerKick
from cashier.devices.printer.print_queue import PrintOutcome
from cashier.devices.printer.receipt import ReceiptDocument
from cashier.ledger.receipts.records import ReceiptRecord
from cashier.ledger.rules.money import Cents
from cashier.services import receipt_printing
from cashier.ui.counter import Counter
from cashier.ui.widgets.notice import describe
from cashier.ui.widgets.status_bar import StatusBar


def receipt_document(counter: Counter, record: ReceiptRecord, *,
                     copy: bool = False) -> ReceiptDocument:
    """The printed receipt in this counter's office name and customer language. Reads the
    database: call it on a worker, as part of the print job."""
    return receipt_printing.receipt_document(
        counter.db, record, office_name=counter.office_name,
        language=counter.device_settings.language, copy=copy)


class DeviceJobs(QObject):
    def __init__(self, counter: Counter, status: StatusBar) -> None:
        super().__init__(counter)
        self.counter = counter
        self.status = status

    def _run(self, work: Callable[[], object], done: Callable[[object], None],
             retry: Callable[[], None] | None) -> None:
        self.counter.workers.run(
            work, done, lambda exc: self.status.show_trouble(describe(exc), retry))

    def print_receipt(self, record: ReceiptRecord, *, copy: bool = False) -> None:
        """Print ``record``; ``copy`` marks a reprint COPY (C10, logged by the caller)."""
        queue = self.counter.devices.print_queue

        def job() -> PrintOutcome:
            return queue.submit_receipt(receipt_document(self.counter, record, copy=copy))

        self._run(job, self._printed, lambda: self.print_receipt(record, copy=copy))

    def retry_printing(self) -> None:
        self._run(self.counter.devices.print_queue.retry, self._retried, self.retry_printing)

    def _printed(self, outcome: object) -> None:
        assert isinstance(outcome, PrintOutcome)
        if outcome.printed:
            self.status.show_message(outcome.message)
        else:
            # The receipt waits in the print queue; Retry prints it (and any behind it).
            self.status.show_trouble(outcome.message, self.retry_printing)

    def _retried(self, outcomes: object) -> None:
        assert isinstance(outcomes, list)
        for outcome in outcomes:
            self._printed(outcome)

    def kick(self, reason: str) -> None:
        drawer = self.counter.devices.drawer

        def done(kick: object) -> None:
            assert isinstance(kick, DrawerKick)
            if not kick.ok:
                self.status.show_trouble(
                    QCoreApplication.translate("DeviceJobs", "Cash drawer did not open: %1")
                    .replace("%1", kick.error), lambda: self.kick(reason))

        self._run(lambda: drawer.kick(reason), done, lambda: self.kick(reason))

    def show_item(self, description: str, amount: Cents) -> None:
        display = self.counter.devices.pole_display
        self._run(lambda: display.show_item(description, amount), _ignore, None)

    def show_change(self, total: Cents, change: Cents) -> None:
        display = self.counter.devices.pole_display
        self._run(lambda: display.show_change(total, change), _ignore, None)


def _ignore(_result: object) -> None:
    """A display update that worked needs no word to the cashier."""
