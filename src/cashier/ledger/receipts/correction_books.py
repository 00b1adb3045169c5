"""What a back-office correction does to customer accounts and the GL, change by change.

A receipt's account payment sits on charges and as credit; ``receipt_allocation`` says where
it stands now (the receipt's own applications, moved by any transfer since). ``Changes``
collects what one correction does — money taken back off charges, applied to another account,
credit used, charges billed — as signed ``correction_lines`` rows and as postings, and writes
them with one balanced journal entry. Those rows are what lets a receipt show its corrections,
the DCR list them, and a journal export rebuild an account as it stood before them
(``correction_history``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.receipts.payments import merge_postings
from cashier.ledger.reference.catalog import add_service, open_charges
from cashier.ledger.rules.application import apply_payment
from cashier.ledger.rules.errors import Unbalanced
from cashier.ledger.rules.money import Cents, format_money
from cashier.ledger.rules.values import PostingLine, business_date
from cashier.ledger.store.models import (
    Account,
    Charge,
    Correction,
    CorrectionLine,
    DrawerSession,
    JournalEntry,
    Posting,
    Receipt,
    Service,
)

# Returned checks and NSF fees are billed to the account as charges of this service, so the
# customer sees them with the utility charges and pays them by the same application rule.
NSF_SERVICE = "nsf"


@dataclass(frozen=True)
class Allocation:
    """Where part of a receipt's account payment stands now."""

    account: str
    charge_id: int | None  # None: left as the account's unapplied credit
    amount: Cents


def receipt_allocation(session: Session, receipt: Receipt) -> list[Allocation]:
    """The receipt's account payment as it stands: its lines' applications and credit, moved
    by any transfer since, in the order it was applied."""
    totals: dict[tuple[str, int | None], Cents] = defaultdict(int)
    for line in receipt.lines:
        if line.kind != "account" or line.account_number is None:
            continue
        for application in line.applications:
            totals[(line.account_number, application.charge_id)] += application.amount_cents
        if line.credit_cents:
            totals[(line.account_number, None)] += line.credit_cents
    moved = session.execute(
        select(CorrectionLine.account, CorrectionLine.charge_id, CorrectionLine.amount_cents)
        .join(Correction, Correction.id == CorrectionLine.correction_id)
        .where(Correction.receipt_id == receipt.id,
               CorrectionLine.kind.in_(("paid", "credit")))
        .order_by(CorrectionLine.id))
    for account, charge_id, cents in moved:
        totals[(account, charge_id)] += cents
    return [Allocation(account, charge, cents) for (account, charge), cents in totals.items()
            if cents]


def _ar_gl(session: Session, charge: Charge) -> str:
    return session.get_one(Service, charge.service).ar_gl


@dataclass
class Changes:
    """One correction's changes to accounts, as ledger rows and postings, until written."""

    session: Session
    codes: dict[str, str]
    lines: list[CorrectionLine] = field(default_factory=list)
    postings: list[PostingLine] = field(default_factory=list)

    def _line(self, kind: str, account: str, charge_id: int | None, cents: Cents) -> None:
        self.lines.append(CorrectionLine(kind=kind, account=account, charge_id=charge_id,
                                         amount_cents=cents))

    def post(self, account: str, cents: Cents) -> None:
        self.postings.append(PostingLine(account, cents))

    def take_back(self, allocation: list[Allocation], amount: Cents) -> Cents:
        """Take ``amount`` of a receipt's payment off where it stands, the last applied
        first; return what could not be taken back (credit since refunded)."""
        left, lost = amount, 0
        for part in reversed(allocation):
            take = min(left, part.amount)
            if take <= 0:
                break
            left -= take
            if part.charge_id is None:
                lost += self.take_credit(part.account, take)
                continue
            charge = self.session.get_one(Charge, part.charge_id)
            charge.paid_cents -= take
            self._line("paid", part.account, charge.id, -take)
            self.post(_ar_gl(self.session, charge), take)  # owed again
        return lost + left

    def take_credit(self, number: str, amount: Cents) -> Cents:
        """Take ``amount`` off an account's credit; credit already used on newer charges is
        taken back off them. Return what is left over (credit refunded in the meantime)."""
        account = self.session.get_one(Account, number)
        short = amount - account.credit_cents
        if short > 0:
            short = self._reopen_for_credit(account, short)
        taken = amount - max(short, 0)
        account.credit_cents -= taken
        self._line("credit", number, None, -taken)
        self.post(self.codes["unapplied_credit"], taken)
        return amount - taken

    def _reopen_for_credit(self, account: Account, short: Cents) -> Cents:
        # The reverse of the application order: what was paid last is reopened first.
        paid = self.session.scalars(
            select(Charge).join(Service, Service.code == Charge.service)
            .where(Charge.account_number == account.number, Charge.paid_cents > 0)
            .order_by(Charge.bill_date.desc(), Service.priority.desc(), Charge.id.desc()))
        for charge in paid:
            if short <= 0:
                break
            take = min(short, charge.paid_cents)
            charge.paid_cents -= take
            account.credit_cents += take
            self._line("credit_used", account.number, charge.id, -take)
            self.post(_ar_gl(self.session, charge), take)
            self.post(self.codes["unapplied_credit"], -take)
            short -= take
        return short

    def apply(self, number: str, amount: Cents) -> None:
        """Apply ``amount`` to an account as a payment would (SPEC §3): its open charges
        oldest first, the rest as its credit."""
        applications, credit = apply_payment(amount, open_charges(self.session, number))
        for application in applications:
            self.session.get_one(Charge, application.charge_id).paid_cents += application.amount
            self._line("paid", number, application.charge_id, application.amount)
            self.post(application.ar_gl, -application.amount)
        if credit:
            self.session.get_one(Account, number).credit_cents += credit
            self._line("credit", number, None, credit)
            self.post(self.codes["unapplied_credit"], -credit)

    def use_credit(self, number: str) -> None:
        """A credit balance is applied to the account's open charges (SPEC §3), charges a
        correction reopened or billed included."""
        account = self.session.get_one(Account, number)
        if account.credit_cents <= 0:
            return
        applications, left = apply_payment(account.credit_cents,
                                           open_charges(self.session, number))
        for application in applications:
            self.session.get_one(Charge, application.charge_id).paid_cents += application.amount
            self._line("credit_used", number, application.charge_id, application.amount)
            self.post(self.codes["unapplied_credit"], application.amount)
            self.post(application.ar_gl, -application.amount)
        account.credit_cents = left

    def bill(self, number: str, amount: Cents, at: dt.datetime) -> None:
        """Bill a returned-check or fee charge; the caller posts the other side."""
        service = nsf_service(self.session, self.codes, at)
        charge = Charge(account_number=number, service=service.code, bill_date=business_date(at),
                        amount_cents=amount, paid_cents=0)
        self.session.add(charge)
        self.session.flush()
        self._line("billed", number, charge.id, amount)
        self.post(service.ar_gl, amount)

    def entry(self, at: dt.datetime, day: dt.date, kind: str, memo: str, *,
              receipt_id: int | None = None, reverses_id: int | None = None,
              session_id: int | None = None) -> JournalEntry | None:
        """The correction's journal entry; none when everything nets out (a transfer
        between two accounts of the same service moves no GL money)."""
        postings = merge_postings(self.postings)
        if not postings:
            return None
        if sum(p.amount for p in postings) != 0:
            raise Unbalanced(f"{kind} entry does not sum to zero")
        entry = JournalEntry(posted_at=at, business_date=day, kind=kind, receipt_id=receipt_id,
                             reverses_id=reverses_id, session_id=session_id, memo=memo)
        entry.postings = [Posting(account=p.account, amount_cents=p.amount) for p in postings]
        self.session.add(entry)
        self.session.flush()
        return entry


def nsf_service(session: Session, codes: dict[str, str], at: dt.datetime) -> Service:
    service = session.get(Service, NSF_SERVICE)
    if service is None:
        service = add_service(session, NSF_SERVICE, "Returned checks and fees", 0,
                              codes["nsf_receivable"], at=at)
        session.flush()
    return service


# --- reading ---------------------------------------------------------------------------------


def correction_exceptions(session: Session, day: dt.date) -> list[dict[str, Any]]:
    """The day's corrections as Daily Cash Report exception lines (SPEC §5)."""
    rows = session.execute(
        select(Correction, Receipt.number, DrawerSession.drawer)
        .outerjoin(Receipt, Receipt.id == Correction.receipt_id)
        .outerjoin(DrawerSession, DrawerSession.id == Correction.session_id)
        .where(Correction.business_date == day).order_by(Correction.id))
    out: list[dict[str, Any]] = []
    for c, number, drawer in rows:
        item: dict[str, Any] = {"kind": c.kind, "amount": format_money(c.amount_cents),
                                "who": c.by, "reason": c.reason, "at": c.at.isoformat(),
                                "account": c.account}
        optional = {"receipt": number, "drawer": drawer, "approver": c.approver,
                    "to_account": c.to_account}
        item.update({k: v for k, v in optional.items() if v is not None})
        if c.kind == "nsf":
            item["fee"] = format_money(c.fee_cents)
        if c.kind == "refund":
            item["method"] = json.loads(c.detail).get("method", "")
        out.append(item)
    return out
