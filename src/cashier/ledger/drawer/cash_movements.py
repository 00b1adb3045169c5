"""Cash leaving a drawer mid-session: drops to the safe and paid-outs (C8), cash refunds of a
credit balance, and no-sale openings (C9). Each needs a second person or a reason, and is
journaled and audited."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import activity, require_open_session
from cashier.ledger.reference import users
from cashier.ledger.reference.catalog import require_gl
from cashier.ledger.rules.denominations import count_total, normalize_count
from cashier.ledger.rules.drawer_math import expected
from cashier.ledger.rules.errors import CashShort, InvalidReference, ReasonRequired, WitnessRequired
from cashier.ledger.rules.money import Cents, check_amount, format_money
from cashier.ledger.rules.values import business_date, now
from cashier.ledger.store.gl import system_codes
from cashier.ledger.store.models import CashMovement, DrawerSession, JournalEntry, Posting
from cashier.ledger.store.outbox import record_op


def _second_person(session: Session, cashier: str, other: str, act: str) -> None:
    if not other or other == cashier:
        raise WitnessRequired(f"a {act} needs a second person other than {cashier}")


def _cash_out(session: Session, row: DrawerSession, amount: Cents, act: str) -> None:
    on_hand = expected(activity(session, row)).cash
    if amount > on_hand:
        raise CashShort(f"{act} of {format_money(amount)} is more than the "
                        f"{format_money(on_hand)} cash the drawer should hold")


def _movement(session: Session, row: DrawerSession, kind: str, amount: Cents, at: dt.datetime,
              second_user: str, debit: str, *, count: Mapping[str, int] | None = None,
              gl: str | None = None, reason: str = "") -> CashMovement:
    entry = JournalEntry(posted_at=at, business_date=business_date(at), kind=kind,
                         session_id=row.id, memo=f"{kind} from drawer {row.drawer}: {reason}")
    entry.postings = [Posting(account=debit, amount_cents=amount),
                      Posting(account=system_codes(session)["cash"], amount_cents=-amount)]
    session.add(entry)
    session.flush()
    move = CashMovement(session_id=row.id, kind=kind, at=at, amount_cents=amount,
                        count=json.dumps(dict(count or {})), second_user=second_user,
                        gl_account=gl, reason=reason, entry_id=entry.id)
    session.add(move)
    return move


@audit.refusals_logged("drop", actor="cashier", second="witness")
def drop(db: Database, drawer: str, cashier: str, witness: str, cash: Mapping[str, int], *,
         at: dt.datetime | None = None) -> Cents:
    """Move counted cash from the drawer to the safe, witnessed by a second user (C8)."""
    at = at or now()
    with db.write() as session:
        row = require_open_session(session, drawer, cashier)
        _second_person(session, cashier, witness, "cash drop")
        users.require_payment_taker(session, witness)
        clean = normalize_count(cash, what="drop count")
        amount = check_amount(count_total(clean), what="drop", allow_zero=False, limit=None)
        _cash_out(session, row, amount, "a drop")
        _movement(session, row, "drop", amount, at, witness, system_codes(session)["safe"],
                  count=clean)
        audit.record(session, "drop", cashier, at=at, subject=f"drawer:{drawer}",
                     detail={"witness": witness, "amount": format_money(amount)})
        record_op(session, "drop", at, {"drawer": drawer, "cashier": cashier,
                                        "witness": witness, "cash": clean})
        return amount


@audit.refusals_logged("paid_out", actor="cashier", second="approver")
def paid_out(db: Database, drawer: str, cashier: str, approver: str, amount: Cents, gl: str,
             reason: str, *, at: dt.datetime | None = None) -> Cents:
    """Pay cash out of the drawer to a GL account, approved by a supervisor (C8)."""
    at = at or now()
    with db.write() as session:
        row = require_open_session(session, drawer, cashier)
        _second_person(session, cashier, approver, "paid-out")
        users.require_supervisor(session, approver, acting_for="a paid-out")
        if not reason or not reason.strip():
            raise ReasonRequired("a paid-out needs a reason")
        account = require_gl(session, gl)
        if account.system:
            raise InvalidReference(f"a paid-out cannot go to system account {gl}")
        check_amount(amount, what="paid-out", allow_zero=False)
        _cash_out(session, row, amount, "a paid-out")
        _movement(session, row, "paid_out", amount, at, approver, gl, gl=gl,
                  reason=reason.strip())
        audit.record(session, "paid_out", cashier, at=at, subject=f"drawer:{drawer}",
                     detail={"approver": approver, "amount": format_money(amount), "gl": gl,
                             "reason": reason.strip()})
        audit.record(session, "approval", approver, at=at, subject=f"drawer:{drawer}",
                     detail={"act": "paid_out", "for": cashier})
        record_op(session, "paid_out", at, {"drawer": drawer, "cashier": cashier,
                                            "approver": approver, "amount": format_money(amount),
                                            "gl": gl, "reason": reason.strip()})
        return amount


def refund_cash(session: Session, row: DrawerSession, amount: Cents, at: dt.datetime,
                approver: str, reason: str, entry_id: int) -> CashMovement:
    """Cash handed from the drawer to a customer whose credit balance is refunded; the
    refund's own entry (``entry_id``) takes it off the cash account. It lowers the session's
    expected cash like a paid-out, so the close still balances."""
    _cash_out(session, row, amount, "a cash refund")
    move = CashMovement(session_id=row.id, kind="refund", at=at, amount_cents=amount,
                        count="{}", second_user=approver,
                        gl_account=system_codes(session)["unapplied_credit"], reason=reason,
                        entry_id=entry_id)
    session.add(move)
    return move


def device_kick(db: Database, device: str, user: str, reason: str, *, at: dt.datetime,
                ok: bool, error: str = "") -> None:
    """A kick outside a sale and outside a drawer session (``cashier devices test``): the
    device's kick event (SPEC §6) and, because the drawer stood open, a no-sale (C9) in the
    user's name, listed with the day's exceptions. ``user`` must have signed in."""
    with db.write() as session:
        users.load_user(session, user)
        subject = f"device:{device}"
        audit.record(session, "drawer_kick", user, at=at, subject=subject,
                     detail={"reason": reason, "ok": ok, "error": error})
        audit.record(session, "no_sale", user, at=at, subject=subject,
                     detail={"reason": reason})


@audit.refusals_logged("no_sale", actor="cashier")
def no_sale(db: Database, drawer: str, cashier: str, reason: str, *,
            at: dt.datetime | None = None) -> None:
    """Log a drawer opening without a sale (C9); the kick itself is the device's job."""
    at = at or now()
    if not reason or not reason.strip():
        raise ReasonRequired("opening the drawer without a sale needs a reason")
    with db.write() as session:
        require_open_session(session, drawer, cashier)
        audit.record(session, "no_sale", cashier, at=at, subject=f"drawer:{drawer}",
                     detail={"reason": reason.strip()})
        record_op(session, "no_sale", at, {"drawer": drawer, "cashier": cashier,
                                           "reason": reason.strip()})
