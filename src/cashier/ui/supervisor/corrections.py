"""The supervisor's back-office corrections (docs/operations.md): a returned (NSF) check, a
payment transferred to the account it was meant for, a refund of a credit balance.

Each dialog shows the receipt or account being corrected and what the correction will do
before the supervisor confirms it. That preview is the ledger's own service run on a worker
in a transaction that is then rolled back (``rehearse``), so the screen never restates a rule
(which charges are owed again, when an account turns cash only, C16): what it shows is what
posting does, refusals included. The corrections write only to the database (no device, no
network), which is what makes a rolled-back run harmless.

Posting asks the signed-in supervisor's PIN again, as the console itself does: whoever stands
at the console is not necessarily the supervisor, and the correction is recorded in their
name. A cash refund also asks the PIN of the cashier who pays it out of their drawer. Then the
same service call the ``cashier nsf | transfer | refund`` commands make, on the GUI thread like
every short ledger write.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableWidgetItem, QWidget

from cashier.ledger.books import AccountView
from cashier.ledger.receipts.corrections import CorrectionRecord, refund_credit, transfer_payment
from cashier.ledger.receipts.records import ReceiptRecord, TenderRecord
from cashier.ledger.receipts.returned_checks import post_nsf
from cashier.ledger.rules.errors import CashierError
from cashier.ledger.rules.money import format_display, parse_money
from cashier.services.correction_preview import Act, Rehearsal, rehearse
from cashier.ui.counter import Counter
from cashier.ui.operation import Operation
from cashier.ui.supervisor.dialogs import signed_in_name
from cashier.ui.widgets.approval import ApprovalDialog
from cashier.ui.widgets.form_dialog import FormDialog
from cashier.ui.widgets.keys import refocus
from cashier.ui.widgets.theme import reading_table

# A reason changes nothing a correction does, so a preview asked for before the reason is
# typed runs with this one; posting sends the typed reason and the ledger refuses a blank.
PREVIEW_REASON = "preview"


def fill(text: str, *values: object) -> str:
    """``%1``… replaced in one pass, so a value that itself contains ``%2`` stays as it is."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), text)


class CorrectionDialog(FormDialog):
    """Enter in a box shows the receipt or account and what the correction would do;
    Ctrl+Enter checks it once more with the reason, and only when that is what the screen
    already showed, asks the PIN(s) and posts."""

    corrected = Signal(object)  # CorrectionRecord
    locked_out = Signal(str)  # C14 locked the signed-in supervisor at this PIN

    def __init__(self, parent: QWidget, counter: Counter, title: str, heading: str,
                 submit_text: str) -> None:
        super().__init__(parent, counter, title, heading, submit_text)
        self.asked = 0  # the newest preview asked for; older answers are dropped
        self.shown: tuple[str, ...] | None = None  # inputs of a preview that was not refused
        self.seen: Rehearsal | None = None

    def add_reason(self) -> None:
        self.reason = self.field(self.tr("R&eason"), self.tr("Correction reason"))

    def add_preview(self, label: str, subject_name: str) -> None:
        """The rows under the boxes: who posts it, what it corrects, what it will do."""
        self.by = self.person(self.tr("Posted by"), signed_in_name(self.counter))
        self.subject = QLabel()
        self.subject.setAccessibleName(subject_name)
        self.subject.setWordWrap(True)
        self.effect = QLabel()
        self.effect.setAccessibleName(self.tr("What the correction will do"))
        self.effect.setWordWrap(True)
        self.entry = reading_table(4, self.tr("Journal entry it will post"))
        self.entry.setHorizontalHeaderLabels(
            [self.tr("GL account"), self.tr("Name"), self.tr("Debit"), self.tr("Credit")])
        self.entry.setMinimumHeight(170)
        self.form.addRow(label, self.subject)
        self.form.addRow(self.tr("What it does"), self.effect)
        self.form.addRow(self.tr("Journal entry"), self.entry)
        self.setMinimumWidth(820)

    def look_box(self, box: QLineEdit) -> None:
        """Enter in ``box`` moves on (as in every form) and shows the preview."""
        box.returnPressed.connect(self.look)

    # -- what a dialog supplies -------------------------------------------------------------

    def inputs(self) -> tuple[str, ...]:
        """Everything that changes what the correction does (not the reason)."""
        raise NotImplementedError

    def act(self, reason: str) -> tuple[Act | None, str, list[str]]:
        """The service call (None while the form is too empty to try), and the receipt and
        accounts to show. Raises ``CashierError`` for a box that cannot be read."""
        raise NotImplementedError

    def effect_lines(self, record: CorrectionRecord, before: Sequence[AccountView]
                     ) -> list[str]:
        raise NotImplementedError

    def summary(self, record: CorrectionRecord) -> str:
        """The console's line once it is posted."""
        raise NotImplementedError

    # -- preview, confirm, post ---------------------------------------------------------------

    def look(self) -> None:
        self._try(confirm=False)

    def submit(self) -> None:
        self._try(confirm=True)

    def _try(self, *, confirm: bool) -> None:
        # Ctrl+Enter confirms only what the screen shows; on anything else it is a preview.
        confirm = confirm and self.shown == self.inputs()
        reason = self.reason.text().strip()
        try:
            act, receipt, accounts = self.act(reason if confirm or reason else PREVIEW_REASON)
        except CashierError as exc:
            self.notice.refuse(exc)
            return
        if act is None and not receipt and not any(accounts):
            self.notice.refuse_text(self.tr("Fill in the boxes above first."))
            return
        self.asked += 1
        asked, inputs, db = self.asked, self.inputs(), self.counter.db
        Operation(self, lambda: rehearse(db, act, receipt=receipt, accounts=accounts)) \
            .busy(self.notice) \
            .success(lambda seen: self._answered(asked, inputs, seen, confirm)) \
            .run(self.counter.workers)

    def _answered(self, asked: int, inputs: tuple[str, ...], seen: Rehearsal,
                  confirm: bool) -> None:
        if asked != self.asked or not self.isVisible():
            return
        if inputs != self.inputs():
            self.look()  # typed on while it was checked: show what is in the boxes now
            return
        confirmed = confirm and seen.refusal is None
        self.seen = seen
        self.shown = inputs if seen.refusal is None and seen.record is not None else None
        self._show(seen)
        if seen.refusal is not None:
            self.notice.refuse(seen.refusal)
        elif confirmed:
            self.ask_pins()
        elif seen.record is not None:
            self.notice.note(self.tr("Check what it will do; Ctrl+Enter asks your PIN and "
                                     "posts it."))
        else:
            self.notice.clear_notice()

    def ask_pins(self) -> None:
        """The signed-in supervisor's PIN again (C14), then ``signed``."""
        self.ask_pin(self.counter.user_id, self.tr("Your PIN"),
                     fill(self.tr("%1: your PIN posts this correction in your name."),
                          signed_in_name(self.counter)), self.signed, supervisor=True)

    def signed(self) -> None:
        """Every PIN the correction needs is in: post it."""
        self.post()

    def ask_pin(self, user: str, title: str, prompt: str, then: Callable[[], None], *,
                supervisor: bool = False) -> None:
        dialog = ApprovalDialog(self, self.counter.db, title, prompt,
                                ok_text=self.tr("Confirm"), user=user)
        dialog.approved.connect(lambda _id, _note: then())
        if supervisor:
            dialog.locked_out.connect(self._locked_out)
        # The next PIN may already be open by the time this one finishes.
        dialog.finished.connect(lambda _r: refocus(self.ok_button)
                                if self.approval is dialog and self.isVisible() else None)
        self.approval = dialog
        dialog.open()

    def _locked_out(self, user: str) -> None:
        if self.approval is not None:
            self.approval.reject()
        self.reject()  # nothing posted; the window locks the screen (C14)
        self.locked_out.emit(user)

    def post(self) -> None:
        try:
            act, _receipt, _accounts = self.act(self.reason.text().strip())
        except CashierError as exc:
            self.notice.refuse(exc)
            return
        if act is None:
            return
        ok, record = self.attempt(act)
        if ok and record is not None:
            self.corrected.emit(record)
            self.accept()

    # -- showing it ---------------------------------------------------------------------------

    def _show(self, seen: Rehearsal) -> None:
        lines = self.receipt_lines(seen.receipt) if seen.receipt else []
        if seen.receipt is None:
            lines += [self.account_line(view) for view in seen.before]
        self.subject.setText("\n".join(lines))
        effect: list[str] = []
        if seen.record is not None:
            effect = self.effect_lines(seen.record, seen.before)
            before = {view.number: view for view in seen.before}
            effect += [self.change_line(before[view.number], view) for view in seen.after
                       if view.number in before]
            effect.append(fill(self.tr("Posted on %1; journal entry reverses entry %2."),
                               seen.record.business_date, seen.reverses)
                          if seen.reverses else
                          fill(self.tr("Posted on %1."), seen.record.business_date))
            if not seen.postings:
                effect.append(self.tr("No GL money moves: both accounts' charges are on the "
                                      "same GL account."))
        self.effect.setText("\n".join(effect))
        self.entry.setRowCount(len(seen.postings))
        for row, (code, name, cents) in enumerate(seen.postings):
            cells = (code, name, format_display(cents) if cents > 0 else "",
                     format_display(-cents) if cents < 0 else "")
            for column, text in enumerate(cells):
                self.entry.setItem(row, column, QTableWidgetItem(text))

    def receipt_lines(self, receipt: ReceiptRecord) -> list[str]:
        lines = [fill(self.tr("Receipt %1, taken %2 · drawer %3 · cashier %4 · total %5"),
                      receipt.number, receipt.taken_at.strftime("%Y-%m-%d %H:%M"),
                      receipt.drawer, receipt.cashier, format_display(receipt.total))
                 + (" · " + self.tr("VOID") if receipt.is_void else "")]
        for line in receipt.lines:
            text = (self.tr("Account %1 %2: %3") if line.kind == "account"
                    else self.tr("Item %1 %2: %3"))
            lines.append(fill(text, line.code, line.description, format_display(line.amount)))
        lines += [self.tender_line(tender) for tender in receipt.tenders]
        return lines + list(receipt.notes)  # corrections made to it since

    def tender_line(self, tender: TenderRecord) -> str:
        amount = format_display(tender.amount)
        if tender.type == "check":
            return fill(self.tr("Check %1, routing %2: %3"), tender.number, tender.routing,
                        amount)
        if tender.type == "money_order":
            return fill(self.tr("Money order %1: %2"), tender.number, amount)
        if tender.type == "card":
            return fill(self.tr("Card %1 …%2: %3"), tender.card_brand or "",
                        tender.card_last4 or "", amount)
        return fill(self.tr("Cash: %1"), amount)

    def account_line(self, view: AccountView) -> str:
        text = fill(self.tr("Account %1 %2, %3: owes %4, credit %5"), view.number, view.name,
                    view.address, format_display(view.open_total), format_display(view.credit))
        return text + (" · " + self.tr("cash only") if view.cash_only else "")

    def change_line(self, before: AccountView, after: AccountView) -> str:
        text = fill(self.tr("Account %1 %2: owes %3 → %4, credit %5 → %6"), after.number,
                    after.name, format_display(before.open_total),
                    format_display(after.open_total), format_display(before.credit),
                    format_display(after.credit))
        if after.cash_only and not before.cash_only:
            text += "\n" + fill(self.tr("Account %1 turns cash only: checks are refused from "
                                        "now on (C16)."), after.number)
        return text


class ReturnedCheckDialog(CorrectionDialog):
    """F2: the bank sent a deposited check back unpaid (``returned_checks.post_nsf``)."""

    def __init__(self, parent: QWidget, counter: Counter) -> None:
        super().__init__(parent, counter, self.tr("Returned check (NSF)"),
                         self.tr("The receipt paid by the returned check: Enter shows it and "
                                 "what returning the check does; Ctrl+Enter asks your PIN "
                                 "and posts it."), self.tr("Return the check"))
        self.receipt = self.field(self.tr("&Receipt number"), self.tr("Receipt number"))
        self.fee = self.field(self.tr("NSF &fee (blank: the office's fee)"), self.tr("NSF fee"))
        self.add_reason()
        self.add_preview(self.tr("Receipt"), self.tr("Receipt being corrected"))
        for box in (self.receipt, self.fee):
            self.look_box(box)
        self.receipt.setFocus()

    def inputs(self) -> tuple[str, ...]:
        return self.receipt.text().strip(), self.fee.text().strip()

    def act(self, reason: str) -> tuple[Act | None, str, list[str]]:
        number, fee_text = self.inputs()
        if not number:
            return None, "", []
        fee = parse_money(fee_text, what=self.tr("NSF fee")) if fee_text else None
        db, by = self.counter.db, self.counter.user_id
        return (lambda: post_nsf(db, number, by=by, reason=reason, fee=fee)), number, []

    def effect_lines(self, record: CorrectionRecord, before: Sequence[AccountView]
                     ) -> list[str]:
        return [fill(self.tr("The check of %1 comes back unpaid: account %2 owes it again, "
                             "with an NSF fee of %3."), format_display(record.amount),
                     record.account, format_display(record.fee))]

    def summary(self, record: CorrectionRecord) -> str:
        text = fill(self.tr("Returned check posted: receipt %1, %2 charged back to account "
                            "%3, fee %4."), record.receipt, format_display(record.amount),
                    record.account, format_display(record.fee))
        return text + (" " + self.tr("The account is cash only (C16).")
                       if record.cash_only else "")


class TransferDialog(CorrectionDialog):
    """F3: a payment keyed on the wrong account (``corrections.transfer_payment``)."""

    def __init__(self, parent: QWidget, counter: Counter) -> None:
        super().__init__(parent, counter, self.tr("Transfer a payment"),
                         self.tr("The receipt keyed on the wrong account, then the account it "
                                 "was meant for: Enter shows what the transfer does; "
                                 "Ctrl+Enter asks your PIN and posts it."),
                         self.tr("Transfer"))
        self.receipt = self.field(self.tr("&Receipt number"), self.tr("Receipt number"))
        self.to_account = self.field(self.tr("&To account"), self.tr("Account to transfer to"))
        self.add_reason()
        self.add_preview(self.tr("Receipt"), self.tr("Receipt being corrected"))
        for box in (self.receipt, self.to_account):
            self.look_box(box)
        self.receipt.setFocus()

    def inputs(self) -> tuple[str, ...]:
        return self.receipt.text().strip(), self.to_account.text().strip()

    def act(self, reason: str) -> tuple[Act | None, str, list[str]]:
        number, to = self.inputs()
        if not number or not to:
            return None, number, [to]
        db, by = self.counter.db, self.counter.user_id
        return (lambda: transfer_payment(db, number, to_account=to, approver=by,
                                         reason=reason)), number, [to]

    def effect_lines(self, record: CorrectionRecord, before: Sequence[AccountView]
                     ) -> list[str]:
        return [fill(self.tr("%1 moves from account %2 to account %3 and is applied there as a "
                             "payment would be."), format_display(record.amount),
                     record.account, record.to_account)]

    def summary(self, record: CorrectionRecord) -> str:
        return fill(self.tr("Payment of receipt %1 transferred: %2 from account %3 to %4."),
                    record.receipt, format_display(record.amount), record.account,
                    record.to_account)


class RefundDialog(CorrectionDialog):
    """F4: a credit balance paid back (``corrections.refund_credit``): by check through
    accounts payable, or in cash from an open drawer by its cashier, whose PIN is asked too."""

    def __init__(self, parent: QWidget, counter: Counter,
                 open_drawers: Sequence[tuple[str, str]]) -> None:
        super().__init__(parent, counter, self.tr("Refund a credit balance"),
                         self.tr("The account, the amount and how it is paid: Enter shows what "
                                 "the refund does; Ctrl+Enter asks your PIN (and for cash, the "
                                 "cashier's) and posts it."), self.tr("Refund"))
        self.account = self.field(self.tr("&Account number"), self.tr("Account number"))
        self.amount = self.field(self.tr("A&mount"), self.tr("Refund amount"))
        self.add_reason()  # before the list: Enter in the reason lands on it, ↑↓ and Ctrl+Enter
        self.paid = QComboBox()
        self.paid.setAccessibleName(self.tr("Paid by"))
        self.paid.addItem(self.tr("Check (accounts payable)"), None)
        for drawer, cashier in open_drawers:
            self.paid.addItem(fill(self.tr("Cash from drawer %1, paid out by %2"), drawer,
                                   cashier), (drawer, cashier))
        self.form.addRow(self.tr("&Paid by (↑↓)"), self.paid)
        self.paid.currentIndexChanged.connect(lambda _i: self.look())
        self.add_preview(self.tr("Account"), self.tr("Account being refunded"))
        for box in (self.account, self.amount):
            self.look_box(box)
        self.account.setFocus()

    def drawer(self) -> tuple[str, str] | None:
        data = self.paid.currentData()
        return (str(data[0]), str(data[1])) if data else None

    def inputs(self) -> tuple[str, ...]:
        return self.account.text().strip(), self.amount.text().strip(), *(self.drawer() or ())

    def act(self, reason: str) -> tuple[Act | None, str, list[str]]:
        number, amount_text = self.account.text().strip(), self.amount.text().strip()
        if not number or not amount_text:
            return None, "", [number]
        amount = parse_money(amount_text, what=self.tr("refund"), allow_zero=False)
        drawer, cashier = self.drawer() or (None, None)
        db, by = self.counter.db, self.counter.user_id
        return (lambda: refund_credit(db, number, amount, by=by, reason=reason, drawer=drawer,
                                      cashier=cashier)), "", [number]

    def signed(self) -> None:
        drawer = self.drawer()
        if drawer is None:
            self.post()
            return
        # The cashier hands the cash out of their own drawer, so they sign for it too, as the
        # command line asks both PINs; the ledger refuses a supervisor's own drawer (C8).
        code, cashier = drawer
        record = self.seen.record if self.seen is not None else None
        amount = format_display(record.amount) if record else self.amount.text().strip()
        self.ask_pin(cashier, self.tr("Cashier pays out"),
                     fill(self.tr("%1 pays %2 in cash out of drawer %3: their PIN."), cashier,
                          amount, code), self.post)

    def effect_lines(self, record: CorrectionRecord, before: Sequence[AccountView]
                     ) -> list[str]:
        amount = format_display(record.amount)
        if record.method == "cash":
            return [fill(self.tr("%1 pays %2 in cash from drawer %3; the drawer's expected "
                                 "cash is %2 lower."), record.by, amount, record.drawer)]
        payee = before[0] if before else None
        return [fill(self.tr("%1 of account %2's credit goes to refunds payable; accounts "
                             "payable sends a check to %3, %4."), amount, record.account,
                     payee.name if payee else "", payee.address if payee else "")]

    def summary(self, record: CorrectionRecord) -> str:
        if record.method == "cash":
            return fill(self.tr("Cash refund posted: %1 from account %2, paid out of drawer "
                                "%3 by %4."), format_display(record.amount), record.account,
                        record.drawer, record.by)
        return fill(self.tr("Refund posted: %1 from account %2, by check through accounts "
                            "payable."), format_display(record.amount), record.account)
