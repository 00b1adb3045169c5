"""The hash-chained audit trail (C15).

Each row's hash covers its own fields and the previous row's hash, and ``audit_head`` keeps the
newest row's hash, so an edited row, a deleted row (even the last one) or two swapped rows are
all found by ``verify``. Rows are written inside the caller's transaction, so an audited act and
its audit row commit or vanish together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.database import Database
from cashier.ledger.models import AuditEvent, AuditHead
from cashier.ledger.values import now

GENESIS = "0" * 64

KINDS = frozenset({
    "sign_in", "sign_in_failed", "sign_out", "user_locked", "user_unlocked",
    "void", "approval", "reprint", "no_sale", "override", "config_change", "drawer_kick",
    "drop", "paid_out", "handoff", "nsf", "transfer", "refund",
})


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


@dataclass(frozen=True)
class ChainReport:
    rows: int
    first_broken: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def verify(db: Database) -> ChainReport:
    """Walk the chain from the first row; report the first row that does not hold."""
    with db.read() as session:
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
