"""Returned (NSF) checks: the bank sends a deposited check back unpaid.

The charges the check's payment paid are owed again (exactly those, wherever a transfer has
moved the payment since), the NSF fee is billed, and after the office's number of returned
checks within twelve months the account turns cash-only (C16). A supervisor posts it with a
reason; it posts on the open day of its own time and names the original receipt and entry.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.receipts.correction_books import Changes, receipt_allocation
from cashier.ledger.receipts.correction_history import returned_checks_within_year
from cashier.ledger.receipts.corrections import (
    CorrectionRecord,
    correctable_receipt,
    correction_record,
    require_reason,
    write_correction,
)
from cashier.ledger.receipts.records import payment_entry
from cashier.ledger.reference import office, users
from cashier.ledger.rules.errors import NotCorrectable
from cashier.ledger.rules.money import Cents, check_amount, format_money
from cashier.ledger.rules.values import business_date, now
from cashier.ledger.store.gl import system_codes
from cashier.ledger.store.models import (
    Account,
    Correction,
    Deposit,
    DrawerSession,
    Receipt,
    ReturnedCheck,
)
from cashier.ledger.store.outbox import record_op


@audit.refusals_logged("nsf", actor="by")
def post_nsf(db: Database, number: str, *, by: str, reason: str, fee: Cents | None = None,
             at: dt.datetime | None = None) -> CorrectionRecord:
    """The check on receipt ``number`` came back unpaid: the charges its payment paid are
    owed again, the NSF fee (the office's, unless ``fee`` is given) is billed, and the
    account turns cash-only at the office's count of returned checks in 12 months (C16)."""
    at = at or now()
    with db.write() as session:
        return _nsf(session, number, by=by, reason=reason, fee=fee, at=at)


def _require_deposited(session: Session, receipt: Receipt) -> None:
    if receipt.carried:
        # Carried in by a day's journal export (receipts/carried.py): its own day is not in
        # this database; the database that exported it had it deposited, or its NSF return
        # would have been refused there and never journaled.
        return
    taken_in = session.get(DrawerSession, receipt.session_id) if receipt.session_id else None
    day = taken_in.business_date if taken_in is not None else receipt.business_date
    if session.scalar(select(Deposit.id).where(Deposit.business_date == day)) is None:
        raise NotCorrectable(f"the check of receipt {receipt.number} has not been deposited "
                             f"(no deposit for {day}); a check comes back only from the bank")


def _nsf(session: Session, number: str, *, by: str, reason: str, fee: Cents | None,
         at: dt.datetime) -> CorrectionRecord:
    act = f"returning the check of receipt {number}"
    users.require_supervisor(session, by, acting_for=act)
    reason = require_reason(reason, act)
    receipt = correctable_receipt(session, number, "return")
    checks = [t for t in receipt.tenders if t.type == "check"]
    if not checks:
        raise NotCorrectable(f"receipt {number} was not paid by check")
    allocation = receipt_allocation(session, receipt)
    if not allocation:
        raise NotCorrectable(f"receipt {number} paid no utility account to charge the returned "
                             "check back to")
    _require_deposited(session, receipt)
    fee = office.nsf_fee(session) if fee is None else check_amount(fee, what="NSF fee")
    returned = sum(t.amount_cents for t in checks)
    account = allocation[0].account
    record_op(session, "nsf", at, {"receipt": number, "fee": format_money(fee), "by": by,
                                   "reason": reason})

    codes = system_codes(session)
    changes = Changes(session, codes)
    on_accounts = sum(part.amount for part in allocation)
    # The part of the check that paid revenue items, or credit refunded since, cannot be put
    # back on a charge it paid; it is billed to the account as a returned-check charge.
    lost = changes.take_back(allocation, min(returned, on_accounts))
    owed = max(returned - on_accounts, 0) + lost
    if owed:
        changes.bill(account, owed, at)
    # The deposit moved the check into deposit in transit (deposit.py); the bank has now
    # taken it back out, so that is the account credited, and the customer owes it again.
    changes.post(codes["deposit_in_transit"], -returned)
    if fee:
        changes.bill(account, fee, at)
        changes.post(codes["nsf_fee"], -fee)
    for number_paid in dict.fromkeys(part.account for part in allocation):
        changes.use_credit(number_paid)
    original = payment_entry(session, receipt)
    entry = changes.entry(at, business_date(at), "nsf",
                          f"returned check (NSF) on receipt {number} of "
                          f"{receipt.business_date}, entry {original.id}: {reason}",
                          receipt_id=receipt.id, reverses_id=original.id)
    row = write_correction(session, changes, entry, "nsf", at, receipt_id=receipt.id,
                           account=account, amount_cents=returned, fee_cents=fee, by=by,
                           reason=reason,
                           detail={"checks": [{"number": t.number, "routing": t.routing,
                                               "amount": format_money(t.amount_cents)}
                                              for t in checks]})
    made_cash_only = _count_returned_check(session, row, number)
    audit.record(session, "nsf", by, at=at, subject=f"receipt:{number}",
                 detail={"account": account, "amount": format_money(returned),
                         "fee": format_money(fee), "reason": reason,
                         "made_cash_only": made_cash_only})
    return correction_record(session, row, number, None)


def _count_returned_check(session: Session, row: Correction, number: str) -> bool:
    """Add the check to the account's history; make the account cash-only (C16) when the
    history reaches the office's limit within 12 months. True if this check did that."""
    day = row.business_date
    earlier = returned_checks_within_year(session, row.account, day)
    account = session.get_one(Account, row.account)
    made = not account.cash_only and earlier + 1 >= office.nsf_cash_only_after(session)
    if made:
        account.cash_only = True
    session.add(ReturnedCheck(account=row.account, business_date=day, receipt=number,
                              correction_id=row.id, made_cash_only=made))
    session.flush()
    return made
