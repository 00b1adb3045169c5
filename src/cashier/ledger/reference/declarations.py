"""Reference data as a journal declares it (SPEC §4): idempotent.

A journal line ``gl_account``, ``service``, ``item``, ``account``, ``user`` or ``drawer``
says what a record *is*, not "add one": another system's journal may declare the system GL
accounts, and two days' exports declare the same users. So declaring what already exists
with the same attributes changes nothing and writes nothing; declaring it with other
attributes is a change, made and audited as one (``config_change`` with ``before`` and
``after``); declaring something new adds it through the ordinary ``add_*`` function.

Each ``declare_*`` returns what happened: ``"added"``, ``"same"`` or ``"changed"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.reference import users
from cashier.ledger.reference.catalog import (
    GL_CODE,
    MAX_PRIORITY,
    ChargeSpec,
    SplitSpec,
    add_account,
    add_drawer,
    add_gl_account,
    add_item,
    add_service,
    add_terminal,
    check_item,
    item_name,
    reference_name,
    require_gl,
)
from cashier.ledger.rules.errors import InvalidReference, SessionState
from cashier.ledger.rules.money import Cents, check_amount, format_money
from cashier.ledger.rules.values import TENDER_TYPES, now
from cashier.ledger.store.models import (
    Account,
    Charge,
    Drawer,
    DrawerSession,
    GLAccount,
    Item,
    ItemSplit,
    Service,
    User,
)

Outcome = Literal["added", "same", "changed"]


def audit_change(session: Session, subject: str, what: str, before: Mapping[str, Any],
             after: Mapping[str, Any], by: str, at: dt.datetime | None) -> Outcome:
    """Audit a change with only the attributes that differ, before and after (C15)."""
    keys = [k for k in after if before.get(k) != after[k]]
    if not keys:
        return "same"
    audit.record(session, "config_change", by, at=at or now(), subject=subject,
                 detail={"change": what, "before": {k: before.get(k) for k in keys},
                         "after": {k: after[k] for k in keys}})
    return "changed"


def declare_gl_account(session: Session, code: str, name: str, fund: str | None = None,
                       *, by: str = "system", at: dt.datetime | None = None) -> Outcome:
    existing = session.get(GLAccount, code)
    if existing is None:
        add_gl_account(session, code, name, fund, by=by, at=at)
        return "added"
    match = GL_CODE.match(code)
    if match is not None and fund is not None and fund != match["fund"]:
        raise InvalidReference(f"GL account {code} is in fund {match['fund']}, not {fund}")
    after = {"name": reference_name(name, "GL account")}
    outcome = audit_change(session, f"gl:{code}", "gl_account", {"name": existing.name}, after,
                       by, at)
    existing.name = after["name"]
    return outcome


def declare_service(session: Session, code: str, name: str, priority: int, ar_gl: str,
                    *, by: str = "system", at: dt.datetime | None = None) -> Outcome:
    existing = session.get(Service, code)
    if existing is None:
        add_service(session, code, name, priority, ar_gl, by=by, at=at)
        return "added"
    if isinstance(priority, bool) or not isinstance(priority, int) \
            or not 0 <= priority <= MAX_PRIORITY:
        raise InvalidReference(f"service priority {priority!r} must be a whole number from 0 "
                               f"to {MAX_PRIORITY}")
    require_gl(session, ar_gl)
    clean = reference_name(name, "service")
    after = {"name": clean, "priority": priority, "gl": ar_gl}
    before = {"name": existing.name, "priority": existing.priority, "gl": existing.ar_gl}
    outcome = audit_change(session, f"service:{code}", "service", before, after, by, at)
    existing.name, existing.priority, existing.ar_gl = clean, priority, ar_gl
    return outcome


def _split_form(splits: Iterable[SplitSpec]) -> list[dict[str, str]]:
    return [{"account": s.account, "share": s.share} if s.share is not None
            else {"account": s.account, "amount": format_money(s.amount or 0)} for s in splits]


def _item_form(item: Item) -> dict[str, Any]:
    return {"name": item.name,
            "price": None if item.price_cents is None else format_money(item.price_cents),
            "gl": _split_form(SplitSpec(s.account, s.share, s.amount_cents)
                              for s in item.splits),
            "reference_required": item.reference_required,
            "reference_label": item.reference_label,
            "tenders": item.allowed_tenders.split(",")}


def declare_item(session: Session, code: str, name: str, *, price: Cents | None,
                 splits: Sequence[SplitSpec], reference_required: bool = False,
                 reference_label: str = "", allowed_tenders: Iterable[str] = TENDER_TYPES,
                 by: str = "system", at: dt.datetime | None = None) -> Outcome:
    tenders = list(allowed_tenders)
    existing = session.get(Item, code)
    if existing is None:
        add_item(session, code, name, price=price, splits=splits,
                 reference_required=reference_required, reference_label=reference_label,
                 allowed_tenders=tenders, by=by, at=at)
        return "added"
    check_item(session, code, price, splits, tenders)
    clean = item_name(name)
    after = {"name": clean, "price": None if price is None else format_money(price),
             "gl": _split_form(splits), "reference_required": reference_required,
             "reference_label": reference_label, "tenders": tenders}
    outcome = audit_change(session, f"item:{code}", "item", _item_form(existing), after, by, at)
    if outcome == "changed":
        existing.name, existing.price_cents = clean, price
        existing.reference_required, existing.reference_label = (reference_required,
                                                                 reference_label)
        existing.allowed_tenders = ",".join(tenders)
        # The old rows go before the new ones take their (item, seq) places.
        existing.splits = []
        session.flush()
        existing.splits = [ItemSplit(seq=i, account=s.account, amount_cents=s.amount,
                                     share=s.share) for i, s in enumerate(splits, start=1)]
    return outcome


def _open_charges(session: Session, number: str) -> list[tuple[str, str, Cents]]:
    rows = session.scalars(select(Charge).where(Charge.account_number == number,
                                                Charge.paid_cents < Charge.amount_cents))
    return sorted((c.service, c.bill_date.isoformat(), c.open_cents) for c in rows)


def declare_account(session: Session, number: str, name: str, address: str, *,
                    cash_only: bool = False, charges: Sequence[ChargeSpec] = (),
                    credit: Cents = 0, by: str = "system",
                    at: dt.datetime | None = None) -> Outcome:
    """An account's name, address and cash-only flag may change by declaration; its open
    charges and credit are money, which only billing and payments move, so a declaration
    that disagrees with them is refused rather than silently taken or ignored."""
    existing = session.get(Account, number)
    if existing is None:
        add_account(session, number, name, address, cash_only=cash_only, charges=charges,
                    at=at)
        return "added"
    declared = sorted((c.service, c.bill_date.isoformat(), c.amount) for c in charges)
    if declared != _open_charges(session, number) or credit != existing.credit_cents:
        raise InvalidReference(
            f"account {number} already exists with other open charges or credit than this "
            "line declares; charges are billed by the billing import and paid by payments, "
            "not re-declared")
    clean_name = reference_name(name, "account")
    clean_address = reference_name(address, "service address")
    after = {"name": clean_name, "address": clean_address, "cash_only": cash_only}
    before = {"name": existing.name, "address": existing.address,
              "cash_only": existing.cash_only}
    outcome = audit_change(session, f"account:{number}", "account", before, after, by, at)
    existing.name, existing.address, existing.cash_only = clean_name, clean_address, cash_only
    return outcome


def declare_user(session: Session, user_id: str, name: str, role: str, *,
                 pin: str | None = None, pin_hash: str | None = None, by: str = "system",
                 at: dt.datetime | None = None,
                 pin_minimum: int = users.JOURNAL_PIN_MINIMUM) -> Outcome:
    existing = session.get(User, user_id)
    if existing is None:
        users.add_user(session, user_id, name, role, pin=pin, pin_hash=pin_hash, by=by, at=at,
                       pin_minimum=pin_minimum)
        return "added"
    if role not in users.ROLES:
        raise InvalidReference(f"role {role!r} is not one of {', '.join(users.ROLES)}")
    if (pin is None) == (pin_hash is None):
        raise InvalidReference(f"user {user_id!r} needs either a pin or a pin_hash")
    if pin_hash is not None:
        users.check_pin_hash(pin_hash)
        same_pin = pin_hash == existing.pin_hash
    else:
        # The same PIN hashes differently every time (a fresh salt): compare by checking it.
        users.check_pin_format(pin or "", minimum=pin_minimum)
        same_pin = users.pin_matches(pin or "", existing.pin_hash)
    # The trail says that the PIN changed, never either hash.
    after = {"name": name, "role": role, "pin": "unchanged" if same_pin else "changed"}
    before = {"name": existing.name, "role": existing.role, "pin": "unchanged"}
    outcome = audit_change(session, f"user:{user_id}", "user", before, after, by, at)
    existing.name, existing.role = name, role
    if not same_pin:
        existing.pin_hash = (pin_hash if pin_hash is not None
                             else users.hash_pin(pin or "", minimum=pin_minimum))
    return outcome


def declare_drawer(session: Session, code: str, terminal: str, float_cents: Cents,
                   *, by: str = "system", at: dt.datetime | None = None) -> Outcome:
    existing = session.get(Drawer, code)
    if existing is None:
        add_drawer(session, code, terminal, float_cents, by=by, at=at)
        return "added"
    check_amount(float_cents, what=f"float of drawer {code}")
    if terminal != existing.terminal:
        busy = session.scalar(select(DrawerSession.id).where(DrawerSession.drawer == code,
                                                             DrawerSession.status == "open"))
        if busy is not None:
            raise SessionState(f"drawer {code} is open; it moves to terminal {terminal} only "
                               "once it is closed")
        add_terminal(session, terminal)
    before = {"terminal": existing.terminal, "float": format_money(existing.float_cents)}
    after = {"terminal": terminal, "float": format_money(float_cents)}
    outcome = audit_change(session, f"drawer:{code}", "drawer", before, after, by, at)
    existing.terminal, existing.float_cents = terminal, float_cents
    return outcome
