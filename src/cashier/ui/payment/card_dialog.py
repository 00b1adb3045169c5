"""A card sale through the terminal, with a progress state the cashier can cancel.

The sale's reference is kept on the sale in progress before the terminal sees a byte (the
client calls our hook first). If the answer is lost and the client's own status inquiries
give up, the sale stays *pending*: no other tender and no second charge until the terminal
is asked again and says what became of it (SPEC §6).

Cancel never waits for the terminal: before the request has left, it stops it leaving (the
reference hook refuses, so nothing is sent); after, the Abort goes out on a thread of its own
and the sale's real answer — or the status check — still says what became of the charge.
"""

from __future__ import annotations

import threading
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.devices.card.terminal import CardReference, CardResult
from cashier.devices.errors import CardOutcomeUnknown
from cashier.ledger.rules.money import Cents, format_display
from cashier.ui.counter import Counter
from cashier.ui.operation import Operation
from cashier.ui.payment.sale import Sale
from cashier.ui.widgets.notice import Notice, describe
from cashier.ui.widgets.theme import set_role


class CardCancelled(Exception):
    """The cashier cancelled before the sale request left: nothing was sent."""


class CardDialog(QDialog):
    settled = Signal(object)  # an approved CardResult: the screen adds the card tender

    def __init__(self, parent: QWidget, counter: Counter, sale: Sale, amount: Cents) -> None:
        super().__init__(parent)
        self.counter = counter
        self.sale = sale
        self.amount = amount
        self.state = "idle"  # idle | waiting | unknown | done
        self.cancelled = False  # Cancel pressed while waiting; read by the sale's worker
        self.cancel_sent = False
        self._guard = threading.Lock()  # the reference and the cancel, between two threads
        self.setModal(True)
        self.setWindowTitle(self.tr("Card"))
        self.setAccessibleName(self.tr("Card payment"))
        self.heading = QLabel()
        set_role(self.heading, "heading")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: we cannot know how long the customer takes
        self.progress.setAccessibleName(self.tr("Waiting for the card terminal"))
        self.notice = Notice(self)
        self.ask_button = QPushButton(self.tr("Ask the terminal again (Enter)"))
        self.ask_button.setAccessibleName(self.tr("Ask the terminal again"))
        self.ask_button.clicked.connect(self.ask_again)
        self.close_button = QPushButton(self.tr("Cancel (Esc)"))
        self.close_button.setAccessibleName(self.tr("Cancel card payment"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ask_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)

    # -- the sale ----------------------------------------------------------------------------

    def start(self) -> None:
        """Charge the card, or, if an earlier charge's outcome is unknown, ask about it."""
        self.open()
        if self.sale.pending_card is not None:
            self._unknown(self.tr("An earlier card payment's outcome is unknown."))
            return
        self._waiting(self.tr("Card %1: the customer follows the terminal")
                      .replace("%1", format_display(self.amount)))
        terminal = self.counter.devices.card_terminal
        transaction = f"{self.counter.terminal}-{uuid.uuid4().hex[:16]}"
        Operation(self, lambda: terminal.sale(self.amount, transaction, self._keep)) \
            .success(self._answered).failure(self._failed).run(self.counter.workers)

    def _keep(self, reference: CardReference) -> None:
        # Runs on the worker before the request leaves: the reference is on the sale first,
        # unless the cashier has already cancelled; then raising here sends nothing at all.
        with self._guard:
            if self.cancelled:
                raise CardCancelled
            self.sale.pending_card = reference

    def ask_again(self) -> None:
        reference = self.sale.pending_card
        if reference is None or self.state == "waiting":
            return
        self._waiting(self.tr("Asking the terminal about %1…").replace(
            "%1", reference.transaction_id))
        terminal = self.counter.devices.card_terminal
        Operation(self, lambda: terminal.transaction_status(reference)) \
            .success(self._answered).failure(self._failed).run(self.counter.workers)

    def _answered(self, result: object) -> None:
        if result is None:  # the terminal never received it: nothing was charged
            self._over(self.tr("The terminal never received it: not charged."), False)
            return
        assert isinstance(result, CardResult)
        if result.approved:
            self.sale.card_results.append(result)
            self._over(result.describe(), True)
            self.settled.emit(result)
            self.accept()
        else:
            self._over(result.describe(), False)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CardCancelled):
            self._over(self.tr("Cancelled before the terminal was asked: not charged."), False)
        elif isinstance(exc, CardOutcomeUnknown) and self.sale.pending_card is not None:
            self._unknown(describe(exc))
        else:
            # Any other failure happened before or instead of a charge (busy, offline).
            self._over(describe(exc), False)

    # -- states ------------------------------------------------------------------------------

    def _waiting(self, text: str) -> None:
        self.state = "waiting"
        self.cancelled = self.cancel_sent = False
        self.heading.setText(text)
        self.progress.show()
        self.ask_button.hide()
        self.close_button.setText(self.tr("Cancel (Esc)"))
        self.notice.clear_notice()

    def _unknown(self, text: str) -> None:
        self.state = "unknown"
        self.heading.setText(self.tr("Card outcome unknown: ask the terminal before any "
                                     "other tender"))
        self.progress.hide()
        self.notice.refuse_text(text)
        self.ask_button.show()
        self.ask_button.setDefault(True)
        self.ask_button.setFocus()
        self.close_button.setText(self.tr("Later (Esc)"))

    def _over(self, text: str, approved: bool) -> None:
        self.state = "done"
        self.sale.pending_card = None
        self.progress.hide()
        self.ask_button.hide()
        self.close_button.setText(self.tr("Close (Esc)"))
        if approved:
            self.notice.note(text)
        else:
            self.notice.refuse_text(text)
        self.close_button.setFocus()

    def reject(self) -> None:
        if self.state == "waiting":
            self.cancel()
            return
        super().reject()

    def cancel(self) -> None:
        """Esc while waiting. The terminal decides: ask it to abort, then wait for its real
        answer, which may still be an approval (the customer was quicker) and is then kept.
        Nothing here waits on the terminal or its lock, held by the sale's own job."""
        with self._guard:
            self.cancelled = True
            reference = self.sale.pending_card
        if reference is None:
            # The request has not left (the terminal is still busy with an earlier job):
            # the reference hook now refuses it, and the worker reports "not charged".
            self.heading.setText(self.tr("Cancelled; the terminal was not asked yet…"))
            return
        if not self.cancel_sent:
            self.cancel_sent = True
            terminal = self.counter.devices.card_terminal
            self.counter.workers.send(lambda: terminal.abort(reference))
        self.heading.setText(self.tr("Cancel sent; waiting for the terminal's answer…"))
