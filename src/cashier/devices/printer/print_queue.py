"""A small print queue: a job that cannot print now waits for ``retry`` instead of vanishing.

The payment is already posted when its receipt is printed (SPEC §6): a printer that is off
or out of paper must show a clear status and keep the receipt, never undo or lose the sale.
Jobs print in the order they were taken, so a retried receipt never lands after a later one.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, replace

from cashier.devices.errors import DeviceError
from cashier.devices.printer.receipt import ReceiptDocument
from cashier.devices.printer.receipt_printer import ReceiptPrinter


@dataclass(frozen=True)
class PrintJob:
    job_id: int
    description: str
    document: ReceiptDocument | None = None
    lines: tuple[str, ...] = ()
    attempts: int = 0
    last_error: str = ""


@dataclass(frozen=True)
class PrintOutcome:
    job: PrintJob
    printed: bool

    @property
    def message(self) -> str:
        if self.printed:
            return f"{self.job.description}: printed"
        return f"{self.job.description}: waiting to print ({self.job.last_error})"


class PrintQueue:
    def __init__(self, printer: ReceiptPrinter) -> None:
        self.printer = printer
        self._jobs: list[PrintJob] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def submit_receipt(self, document: ReceiptDocument) -> PrintOutcome:
        label = f"receipt {document.receipt_number}" + (" (copy)" if document.copy else "")
        return self._submit(PrintJob(next(self._ids), label, document=document))

    def submit_lines(self, lines: list[str], description: str) -> PrintOutcome:
        return self._submit(PrintJob(next(self._ids), description, lines=tuple(lines)))

    def pending(self) -> tuple[PrintJob, ...]:
        with self._lock:
            return tuple(self._jobs)

    def retry(self) -> list[PrintOutcome]:
        """Print waiting jobs in order; stop at the first failure (the printer is still down)."""
        outcomes: list[PrintOutcome] = []
        with self._lock:
            while self._jobs:
                outcome = self._attempt(self._jobs[0])
                outcomes.append(outcome)
                if not outcome.printed:
                    self._jobs[0] = outcome.job
                    break
                self._jobs.pop(0)
        return outcomes

    def _submit(self, job: PrintJob) -> PrintOutcome:
        with self._lock:
            self._jobs.append(job)
        for outcome in self.retry():
            if outcome.job.job_id == job.job_id:
                return outcome
        # An earlier job is still stuck, so this one was not tried: it waits behind it.
        with self._lock:
            waiting = next(j for j in self._jobs if j.job_id == job.job_id)
            blocked = replace(waiting, last_error=f"behind {self._jobs[0].description}")
        return PrintOutcome(blocked, printed=False)

    def _attempt(self, job: PrintJob) -> PrintOutcome:
        tried = replace(job, attempts=job.attempts + 1)
        try:
            if tried.document is not None:
                self.printer.print_receipt(tried.document)
            else:
                self.printer.print_lines(list(tried.lines))
        except DeviceError as exc:
            return PrintOutcome(replace(tried, last_error=exc.reason), printed=False)
        return PrintOutcome(replace(tried, last_error=""), printed=True)
