"""The hash-chained audit trail (C15).

Each row's hash covers its own fields and the previous row's hash, and ``audit_head`` keeps the
newest row's hash, so an edited row, a deleted row (even the last one) or two swapped rows are
all found by ``verify``. Rows are written inside the caller's transaction, so an audited act and
its audit row commit or vanish together; a refused act, whose transaction rolls back, is
written in a transaction of its own (``refusals_logged``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import inspect
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.database import Database
from cashier.ledger.rules.errors import (
    CashierError,
    DrawerBusy,
    NotPermitted,
    NotYourDrawer,
    SelfApproval,
    UnknownUser,
    UserLocked,
    WitnessRequired,
)
from cashier.ledger.rules.values import now
from cashier.ledger.store import guards
from cashier.ledger.store.models import AuditEvent, AuditHead
from cashier.ledger.store.outbox import replaying

P = ParamSpec("P")
R = TypeVar("R")

GENESIS = "0" * 64

KINDS = frozenset({
    "sign_in", "sign_in_failed", "sign_out", "user_locked", "user_unlocked",
    "void", "approval", "reprint", "no_sale", "override", "config_change", "drawer_kick",
    "drop", "paid_out", "handoff", "nsf", "transfer", "refund", "batch", "arrangement",
    "refused",
})

# Refusals of who may do an act or approve it: a role, a locked or unknown user, the approver
# or witness being the doer (C3, C8), someone else's drawer or a second one (C4).
ACCESS_REFUSALS: tuple[type[CashierError], ...] = (
    NotPermitted, UserLocked, UnknownUser, SelfApproval, WitnessRequired, NotYourDrawer,
    DrawerBusy)


_CARD_NUMBER = re.compile(r"[0-9]{12,}")  # no card number is shorter


def masked(text: str) -> str:
    """``text`` with every run of digits as long as a card number cut to its last four (C13):
    for what someone typed or swiped where an id was expected."""
    return _CARD_NUMBER.sub(lambda run: "*" * (len(run[0]) - 4) + run[0][-4:], text)


def canonical(detail: Mapping[str, Any]) -> str:
    return json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(seq: int, at: str, kind: str, actor: str, subject: str, detail: str,
             prev_hash: str) -> str:
    material = json.dumps([seq, at, kind, actor, subject, detail, prev_hash],
                          separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def record(session: Session, kind: str, actor: str, *, at: dt.datetime, subject: str = "",
           detail: Mapping[str, Any] | None = None) -> AuditEvent:
    """Append one audit row to the chain inside the caller's write transaction."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit event kind {kind!r}")
    head = session.get(AuditHead, 1)
    seq = 1 if head is None else head.last_seq + 1
    prev = GENESIS if head is None else head.last_hash
    text = canonical(detail or {})
    at_text = at.isoformat()
    digest = row_hash(seq, at_text, kind, actor, subject, text, prev)
    event = AuditEvent(seq=seq, at=at, kind=kind, actor=actor, subject=subject, detail=text,
                       prev_hash=prev, hash=digest)
    session.add(event)
    if head is None:
        session.add(AuditHead(id=1, last_seq=seq, last_hash=digest))
    else:
        head.last_seq = seq
        head.last_hash = digest
    session.flush()
    return event


def log(db: Database, kind: str, actor: str, *, subject: str = "",
        detail: Mapping[str, Any] | None = None, at: dt.datetime | None = None) -> int:
    """Record one event in its own transaction (device events, sign-outs); returns its row."""
    with db.write() as session:
        event = record(session, kind, actor, at=at or now(),
                       subject=subject, detail=detail)
        return event.seq


def refusals_logged(act: str, *, actor: str, second: str | None = None
                    ) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Audit a service's access refusals (C15: sign-ins and approvals are in the trail).

    The service's own transaction rolls back with everything it wrote, so a refused approval
    or witness, or an act by a user who may not do it, is written here in a transaction of
    its own. ``actor`` and ``second`` name the service's parameters holding the user ids (a
    dotted name reads an attribute, ``payment.cashier``). Not while replaying: a refusal met
    there is the original's and must write nothing.
    """

    def wrap(service: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(service)

        @functools.wraps(service)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return service(*args, **kwargs)
            except ACCESS_REFUSALS as refusal:
                if not replaying():
                    bound = signature.bind(*args, **kwargs)
                    bound.apply_defaults()
                    _log_refusal(act, refusal, bound.arguments, actor, second)
                raise
        return run
    return wrap


def _argument(arguments: Mapping[str, Any], name: str | None) -> str:
    if name is None:
        return ""
    head, _, attribute = name.partition(".")
    value = arguments.get(head)
    if attribute:
        value = getattr(value, attribute, None)
    return "" if value is None else str(value)


def _log_refusal(act: str, refusal: CashierError, arguments: Mapping[str, Any], actor: str,
                 second: str | None) -> None:
    db, at = arguments.get("db"), arguments.get("at")
    if not isinstance(db, Database):
        return
    detail = {"act": act, "rule": getattr(refusal, "rule", ""),
              "reason": masked(str(refusal))}
    if second is not None:
        detail["second"] = masked(_argument(arguments, second))
    # The refusal is what the caller must see; a trail that cannot be written just now (a
    # full disk, text no database can hold) must not replace it with another error.
    with contextlib.suppress(CashierError):
        log(db, "refused", masked(_argument(arguments, actor)), subject=act, detail=detail,
            at=at if isinstance(at, dt.datetime) else None)


@dataclass(frozen=True)
class ChainReport:
    rows: int
    first_broken: int | None = None
    reason: str = ""
    missing_guards: tuple[str, ...] = ()  # guard triggers dropped (SPEC §11)

    @property
    def ok(self) -> bool:
        return self.first_broken is None and not self.missing_guards


def verify(db: Database) -> ChainReport:
    """Walk the chain from the first row; report the first row that does not hold, and any
    guard trigger that is gone."""
    with db.read() as session:
        dropped = guards.missing(session.connection())
        return dataclasses.replace(_walk(session), missing_guards=dropped)


def _walk(session: Session) -> ChainReport:
    head = session.get(AuditHead, 1)
    prev = GENESIS
    expected_seq = 1
    count = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
        count += 1
        if event.seq != expected_seq:
            return ChainReport(count, expected_seq,
                               f"row {expected_seq} is missing (next row is {event.seq})")
        if event.prev_hash != prev:
            return ChainReport(count, event.seq,
                               "its previous-hash does not match the row before it "
                               "(a row was deleted, inserted or reordered)")
        digest = row_hash(event.seq, event.at.isoformat(), event.kind, event.actor,
                          event.subject, event.detail, event.prev_hash)
        if digest != event.hash:
            return ChainReport(count, event.seq, "its contents were edited")
        prev = event.hash
        expected_seq += 1
    if head is None:
        if count:
            return ChainReport(count, 1, "the chain head is missing")
        return ChainReport(0)
    if head.last_seq != count or head.last_hash != prev:
        return ChainReport(count, count + 1 if head.last_seq > count else head.last_seq,
                           f"the chain head names row {head.last_seq} but the trail ends "
                           f"at row {count} (rows at the end were deleted or edited)")
    return ChainReport(count)


def day_head(session: Session, day: dt.date) -> dict[str, Any] | None:
    """The chain's head at the end of business day ``day`` (SPEC §11, the DCR's
    ``chain_head``): the sequence number and hash of the day's last audit row, by the date of
    its ``at`` as written (the business date); None when nothing was audited that day."""
    row = session.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(func.substr(AuditEvent.at, 1, 10) == day.isoformat())
        .order_by(AuditEvent.seq.desc()).limit(1)).first()
    return None if row is None else {"seq": int(row.seq), "hash": str(row.hash)}
