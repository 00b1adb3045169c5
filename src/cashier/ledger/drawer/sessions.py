"""Drawer sessions: open with a counted float (C5), one cashier each (C4), relief handoff,
blind close (C6), over/short per tender posted to the over/short account and approved by a
supervisor (C7)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.reference import users
from cashier.ledger.reference.catalog import is_remittance_range
from cashier.ledger.rules.denominations import count_total, normalize_count
from cashier.ledger.rules.drawer_math import (
    TENDERS,
    SessionActivity,
    TenderTotals,
    expected,
    over_short,
    sum_tenders,
)
from cashier.ledger.rules.errors import (
    ApprovalRequired,
    DrawerBusy,
    FloatMismatch,
    InvalidTender,
    NotYourDrawer,
    RecountUsed,
    SelfApproval,
    SessionState,
    UnknownDrawer,
)
from cashier.ledger.rules.money import Cents, check_amount, format_money
from cashier.ledger.rules.values import business_date, now
from cashier.ledger.store.gl import system_codes
from cashier.ledger.store.models import (
    CashMovement,
    Drawer,
    DrawerSession,
    JournalEntry,
    Posting,
    Receipt,
    ReceiptTender,
)
from cashier.ledger.store.outbox import record_op


@dataclass(frozen=True)
class CloseCount:
    """What the cashier counted: cash by denomination, each check and money order, card batch."""

    cash: Mapping[str, int]
    checks: tuple[tuple[str, Cents], ...] = ()
    money_orders: tuple[tuple[str, Cents], ...] = ()
    card_batch: Cents = 0

    def totals(self) -> TenderTotals:
        return TenderTotals(cash=count_total(self.cash),
                            check=sum(a for _, a in self.checks),
                            money_order=sum(a for _, a in self.money_orders),
                            card=self.card_batch)

    def journal_fields(self) -> dict[str, object]:
        return {
            "cash": normalize_count(self.cash),
            "checks": [{"number": n, "amount": format_money(a)} for n, a in self.checks],
            "money_orders": [{"number": n, "amount": format_money(a)}
                             for n, a in self.money_orders],
            "card_batch": format_money(self.card_batch),
        }


@dataclass(frozen=True)
class SessionSummary:
    id: int
    drawer: str
    terminal: str
    cashier: str
    status: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    opening_float: Cents  # opening cash
    receipts: int
    voids: int
    activity: SessionActivity
    expected: TenderTotals | None = None  # None until the count is in (C6)
    counted: TenderTotals | None = None
    over_short: TenderTotals | None = None
    recounted: bool = False
    approved_by: str | None = None
    approval_note: str | None = None
    float_approver: str | None = None
    movements: tuple[tuple[str, Cents], ...] = field(default=())
    opening: TenderTotals = field(default_factory=TenderTotals)
    handed_to: str | None = None
    previous_session_id: int | None = None


def _drawer(session: Session, code: str) -> Drawer:
    drawer = session.get(Drawer, code)
    # A terminal's remittance range ("T01-M") has a drawer row for its receipts, but no
    # cash: it is never opened at the counter.
    if drawer is None or is_remittance_range(code):
        raise UnknownDrawer(f"drawer {code!r} does not exist")
    return drawer


def open_session_of(session: Session, drawer: str) -> DrawerSession | None:
    return session.scalar(select(DrawerSession).where(DrawerSession.drawer == drawer,
                                                      DrawerSession.status == "open"))


def require_open_session(session: Session, drawer: str, cashier: str) -> DrawerSession:
    """The open session on ``drawer``, which must be ``cashier``'s own (C4)."""
    _drawer(session, drawer)
    current = open_session_of(session, drawer)
    if current is None:
        raise SessionState(f"drawer {drawer} is not open; count the float and open it first")
    if current.cashier != cashier:
        raise NotYourDrawer(f"drawer {drawer} is open for {current.cashier}, not {cashier}; "
                            "a drawer changes hands only through a counted handoff")
    return current


@audit.refusals_logged("open_drawer", actor="cashier", second="approver")
def open_drawer(db: Database, drawer: str, cashier: str, count: Mapping[str, int], *,
                approver: str | None = None, at: dt.datetime | None = None) -> SessionSummary:
    at = at or now()
    with db.write() as session:
        row = open_in_session(session, drawer, cashier, count, approver=approver, at=at)
        return summarize(session, row)


def open_in_session(session: Session, drawer: str, cashier: str, count: Mapping[str, int], *,
                    approver: str | None, at: dt.datetime) -> DrawerSession:
    users.require_payment_taker(session, cashier)
    box = _drawer(session, drawer)
    current = open_session_of(session, drawer)
    if current is not None:
        raise DrawerBusy(f"drawer {drawer} is already open for {current.cashier}")
    elsewhere = session.scalar(select(DrawerSession.drawer).where(
        DrawerSession.cashier == cashier, DrawerSession.status == "open"))
    if elsewhere is not None:
        raise DrawerBusy(f"{cashier} already runs drawer {elsewhere}; one drawer per cashier")
    clean = normalize_count(count, what="opening float count")
    total = count_total(clean)
    if total != box.float_cents:
        if not approver:
            raise FloatMismatch(
                f"counted float {format_money(total)} differs from drawer {drawer}'s assigned "
                f"float {format_money(box.float_cents)}; a supervisor must approve it")
        if approver == cashier:
            raise SelfApproval(f"{cashier} cannot approve their own float difference",
                               rule="C5")
        users.require_supervisor(session, approver, acting_for="a float difference")
        audit.record(session, "override", approver, at=at, subject=f"drawer:{drawer}",
                     detail={"act": "float_mismatch", "for": cashier,
                             "counted": format_money(total),
                             "assigned": format_money(box.float_cents)})
    row = DrawerSession(
        drawer=drawer, terminal=box.terminal, cashier=cashier, opened_at=at,
        business_date=business_date(at), assigned_float_cents=box.float_cents,
        opening_cents=total, opening_count=json.dumps(clean),
        float_approver=approver if total != box.float_cents else None, status="open",
        recounted=False)
    session.add(row)
    session.flush()
    if total != box.float_cents:
        _post_float_difference(session, row, total - box.float_cents, at)
    fields: dict[str, object] = {"drawer": drawer, "terminal": box.terminal,
                                 "cashier": cashier, "float": clean}
    if row.float_approver:
        fields["approver"] = approver
    record_op(session, "open_drawer", at, fields)
    return row


def _movements(session: Session, row: DrawerSession) -> list[tuple[str, Cents]]:
    return [(k, a) for k, a in session.execute(
        select(CashMovement.kind, CashMovement.amount_cents)
        .where(CashMovement.session_id == row.id).order_by(CashMovement.id))]


def activity(session: Session, row: DrawerSession,
             moves: list[tuple[str, Cents]] | None = None) -> SessionActivity:
    # Summed in SQL: a busy drawer has thousands of tender rows and the DCR asks per session.
    tenders = session.execute(
        select(Receipt.status, ReceiptTender.type, func.sum(ReceiptTender.amount_cents))
        .join(ReceiptTender, ReceiptTender.receipt_id == Receipt.id)
        .where(Receipt.session_id == row.id)
        .group_by(Receipt.status, ReceiptTender.type)).all()
    changes = session.execute(select(Receipt.status, func.sum(Receipt.change_cents))
                              .where(Receipt.session_id == row.id)
                              .group_by(Receipt.status)).all()
    moves = _movements(session, row) if moves is None else moves
    return SessionActivity(
        opening=opening_totals(row),
        received=sum_tenders((t, int(a)) for _, t, a in tenders),
        change_given=sum(int(c) for _, c in changes),
        voided=sum_tenders((t, int(a)) for s, t, a in tenders if s == "void"),
        voided_change=sum(int(c) for s, c in changes if s == "void"),
        drops=sum(a for k, a in moves if k == "drop"),
        paid_outs=sum(a for k, a in moves if k == "paid_out"),
        refunds=sum(a for k, a in moves if k == "refund"),
    )


def opening_totals(row: DrawerSession) -> TenderTotals:
    return TenderTotals(cash=row.opening_cents, check=row.opening_check_cents or 0,
                        money_order=row.opening_money_order_cents or 0,
                        card=row.opening_card_cents or 0)


def _totals(row: DrawerSession, prefix: str) -> TenderTotals | None:
    values = {t: getattr(row, f"{prefix}_{t}_cents") for t in TENDERS}
    if any(v is None for v in values.values()):
        return None
    return TenderTotals(**values)


def summarize(session: Session, row: DrawerSession) -> SessionSummary:
    statuses = dict(session.execute(select(Receipt.status, func.count())
                                    .where(Receipt.session_id == row.id)
                                    .group_by(Receipt.status)).all())
    counted = _totals(row, "counted")
    exp = _totals(row, "expected")
    moves = _movements(session, row)
    return SessionSummary(
        id=row.id, drawer=row.drawer, terminal=row.terminal, cashier=row.cashier,
        status=row.status, opened_at=row.opened_at, closed_at=row.closed_at,
        opening_float=row.opening_cents, receipts=sum(statuses.values()),
        voids=statuses.get("void", 0), activity=activity(session, row, moves),
        expected=exp, counted=counted,
        over_short=over_short(counted, exp) if counted and exp else None,
        recounted=row.recounted, approved_by=row.approved_by, approval_note=row.approval_note,
        float_approver=row.float_approver, movements=tuple(moves),
        opening=opening_totals(row), handed_to=row.handed_to,
        previous_session_id=row.previous_session_id)


def _check_count(count: CloseCount) -> None:
    normalize_count(count.cash, what="close count")
    for kind, items in (("check", count.checks), ("money order", count.money_orders)):
        for number, amount in items:
            if not number or not str(number).strip():
                raise InvalidTender(f"a counted {kind} needs its number")
            check_amount(amount, what=f"counted {kind} {number}", allow_zero=False)
    check_amount(count.card_batch, what="card batch total", limit=None)


def _post_over_short(session: Session, row: DrawerSession, diff: TenderTotals,
                     at: dt.datetime) -> None:
    if not diff.nonzero:
        return
    codes = system_codes(session)
    entry = JournalEntry(posted_at=at, business_date=row.business_date, kind="over_short",
                         session_id=row.id,
                         memo=f"over/short of drawer {row.drawer} session {row.id}")
    for tender in TENDERS:
        cents = diff.get(tender)
        if cents:
            # An overage debits the tender account; a shortage credits it. Never the float.
            entry.postings.append(Posting(account=codes[tender], amount_cents=cents))
            entry.postings.append(Posting(account=codes["over_short"], amount_cents=-cents))
    session.add(entry)


def _post_float_difference(session: Session, row: DrawerSession, cents: Cents,
                           at: dt.datetime) -> None:
    # The ledger leaves the assigned float out of the cash account; an approved difference is
    # money that is (or is not) there, so it goes to over/short now, or the day's deposit,
    # which keeps the assigned float back, would not empty the cash account.
    entry = JournalEntry(posted_at=at, business_date=row.business_date,
                         kind="float_difference", session_id=row.id,
                         memo=f"float difference at opening of drawer {row.drawer} session "
                              f"{row.id}")
    entry.postings = [Posting(account=system_codes(session)["cash"], amount_cents=cents),
                      Posting(account=system_codes(session)["over_short"], amount_cents=-cents)]
    session.add(entry)


def _record_count(session: Session, row: DrawerSession, count: CloseCount,
                  at: dt.datetime) -> None:
    counted = count.totals()
    exp = expected(activity(session, row))
    for tender in TENDERS:
        setattr(row, f"counted_{tender}_cents", counted.get(tender))
        setattr(row, f"expected_{tender}_cents", exp.get(tender))
    row.close_count = json.dumps(count.journal_fields())
    _post_over_short(session, row, over_short(counted, exp), at)


@audit.refusals_logged("close_drawer", actor="cashier")
def close_drawer(db: Database, drawer: str, cashier: str, count: CloseCount, *,
                 at: dt.datetime | None = None) -> SessionSummary:
    """Blind close (C6): the count goes in first; only the result shows what was expected."""
    at = at or now()
    _check_count(count)
    with db.write() as session:
        row = require_open_session(session, drawer, cashier)
        row.status = "closed"
        row.closed_at = at
        _record_count(session, row, count, at)
        record_op(session, "close_drawer", at,
                  {"drawer": drawer, "cashier": cashier, **count.journal_fields()})
        session.flush()
        return summarize(session, row)


ENDED = ("closed", "handed_off")


def not_balanced(rows: list[DrawerSession]) -> list[str]:
    """The sessions among ``rows`` that are still open or whose close is not approved."""
    return [f"{r.drawer} ({r.cashier}, {'open' if r.status == 'open' else 'not approved'})"
            for r in rows if r.status == "open" or r.approved_by is None]


def last_closed_session(session: Session, drawer: str) -> DrawerSession:
    """The drawer's most recently ended session, by a close or by a handoff."""
    _drawer(session, drawer)
    row = session.scalar(select(DrawerSession).where(
        DrawerSession.drawer == drawer, DrawerSession.status.in_(ENDED))
        .order_by(DrawerSession.id.desc()).limit(1))
    if row is None:
        raise SessionState(f"drawer {drawer} has no closed session")
    return row


@dataclass(frozen=True)
class SessionKey:
    """Names one session of a drawer across databases, as the journal does: its opening time
    and, where two sessions of the drawer opened at the same instant (a handoff in the
    opening minute), its cashier. The database's own id is ``SessionSummary.id``."""

    opened_at: dt.datetime
    cashier: str | None = None


def _named_session(session: Session, drawer: str, which: int | SessionKey) -> DrawerSession:
    """Exactly the session ``which`` names, which must be one of ``drawer``'s; refused when it
    names none, or (a key without its cashier) more than one. Never a guess: approving the
    wrong one of a handoff's two sessions signs for the other cashier's count (issue #19)."""
    _drawer(session, drawer)
    if isinstance(which, bool) or not isinstance(which, (int, SessionKey)):
        raise SessionState(f"name the session of drawer {drawer} to approve by its id or "
                           f"opening time, not {which!r}")
    if isinstance(which, int):
        row = session.get(DrawerSession, which)
        if row is None or row.drawer != drawer:
            raise SessionState(f"drawer {drawer} has no session {which}")
        return row
    opened_at = which.opened_at
    if opened_at.utcoffset() is None:
        raise SessionState(f"the opening time {opened_at.isoformat()} has no UTC offset")
    query = select(DrawerSession).where(DrawerSession.drawer == drawer)
    if which.cashier:
        query = query.where(DrawerSession.cashier == which.cashier)
    # Compared as instants, not as stored text: the same moment may be written with another
    # offset, and the integer id differs from one database to the next.
    rows = [r for r in session.scalars(query.order_by(DrawerSession.id))
            if r.opened_at == opened_at]
    whose = f" of {which.cashier}" if which.cashier else ""
    if not rows:
        raise SessionState(f"drawer {drawer} has no session{whose} opened at "
                           f"{opened_at.isoformat()}")
    if len(rows) > 1:
        raise SessionState(f"{len(rows)} sessions of drawer {drawer} opened at "
                           f"{opened_at.isoformat()} ({', '.join(r.cashier for r in rows)}); "
                           "name the cashier too")
    return rows[0]


def waiting_for_approval(db: Database, drawer: str) -> list[SessionSummary]:
    """The drawer's ended sessions whose close no supervisor has approved yet, oldest first
    (after a handoff both the outgoing and the incoming session wait, each on its own)."""
    with db.read() as session:
        _drawer(session, drawer)
        rows = session.scalars(select(DrawerSession).where(
            DrawerSession.drawer == drawer, DrawerSession.status.in_(ENDED),
            DrawerSession.approved_by.is_(None)).order_by(DrawerSession.id))
        return [summarize(session, r) for r in rows]


@audit.refusals_logged("recount", actor="cashier")
def recount(db: Database, drawer: str, cashier: str, count: CloseCount, *,
            at: dt.datetime | None = None) -> SessionSummary:
    """One recount after the reveal (C6), recorded as such; the first count is kept."""
    at = at or now()
    _check_count(count)
    with db.write() as session:
        row = last_closed_session(session, drawer)
        if row.cashier != cashier:
            raise NotYourDrawer(f"only {row.cashier} can recount drawer {drawer}")
        if row.status == "handed_off":
            raise SessionState(f"drawer {drawer} was handed to {row.handed_to} on a count both "
                               "signed; a handoff is not recounted")
        if row.approved_by:
            raise SessionState(f"drawer {drawer}'s close is already approved")
        if row.recounted:
            raise RecountUsed(f"drawer {drawer} was already recounted once")
        previous = session.scalar(select(JournalEntry).where(
            JournalEntry.session_id == row.id, JournalEntry.kind == "over_short"))
        if previous is not None:
            reversal = JournalEntry(posted_at=at, business_date=row.business_date,
                                    kind="over_short", session_id=row.id,
                                    reverses_id=previous.id,
                                    memo=f"recount of drawer {drawer} session {row.id}")
            reversal.postings = [Posting(account=p.account, amount_cents=-p.amount_cents)
                                 for p in previous.postings]
            session.add(reversal)
        row.first_count = row.close_count
        row.recounted = True
        _record_count(session, row, count, at)
        audit.record(session, "override", cashier, at=at, subject=f"drawer:{drawer}",
                     detail={"act": "recount", "session": row.id})
        record_op(session, "close_drawer", at, {"drawer": drawer, "cashier": cashier,
                                                "recount": True, **count.journal_fields()})
        session.flush()
        return summarize(session, row)


@audit.refusals_logged("approve_close", actor="supervisor")
def approve_close(db: Database, drawer: str, supervisor: str, note: str = "", *,
                  session: int | SessionKey, at: dt.datetime | None = None) -> SessionSummary:
    """A supervisor other than the cashier approves exactly the ended session ``session``
    names (its id in this database, or its ``SessionKey``); a nonzero over/short needs a note.
    The journal names the session by its cashier and opening time, so a replay approves the
    same one."""
    at = at or now()
    with db.write() as s:
        row = _named_session(s, drawer, session)
        who = f"drawer {drawer}'s session of {row.cashier} opened {row.opened_at.isoformat()}"
        if row.status not in ENDED:
            raise SessionState(f"{who} is still open; a session is approved after its close "
                               "or handoff")
        if row.approved_by is not None:
            raise SessionState(f"{who} is already approved by {row.approved_by}")
        if supervisor == row.cashier:
            raise SelfApproval(f"{supervisor} cannot approve their own drawer close", rule="C7")
        users.require_supervisor(s, supervisor, acting_for="approving a drawer close")
        summary = summarize(s, row)
        if summary.over_short is not None and summary.over_short.nonzero \
                and not note.strip():
            raise ApprovalRequired(f"{who} is over/short; the approval needs a note", rule="C7")
        row.approved_by = supervisor
        row.approved_at = at
        row.approval_note = note.strip()
        audit.record(s, "approval", supervisor, at=at, subject=f"drawer:{drawer}",
                     detail={"act": "close", "session": row.id, "note": note.strip()})
        record_op(s, "approve_close", at,
                  {"drawer": drawer, "cashier": row.cashier, "supervisor": supervisor,
                   "note": note.strip(), "opened": row.opened_at.isoformat()})
        s.flush()
        return summarize(s, row)


def oldest_waiting(db: Database, drawer: str, cashier: str | None = None) -> int:
    """The id of the drawer's oldest session (of ``cashier``) waiting for approval. Only for
    journal lines written before ``approve_close`` named its session ("opened"), which
    approved that one; everything else names the session it approves."""
    rows = [r for r in waiting_for_approval(db, drawer) if not cashier or r.cashier == cashier]
    if not rows:
        whose = f" of {cashier}" if cashier else ""
        raise SessionState(f"drawer {drawer} has no closed session{whose} waiting for approval")
    return rows[0].id


@dataclass(frozen=True)
class Handoff:
    outgoing: SessionSummary
    incoming: SessionSummary


@audit.refusals_logged("handoff", actor="outgoing", second="incoming")
def handoff(db: Database, drawer: str, outgoing: str, incoming: str, count: CloseCount, *,
            at: dt.datetime | None = None) -> Handoff:
    """Hand a drawer to a relief cashier (C4): the count both signed ends the outgoing session
    with its own over/short and is the incoming session's opening, so the drawer's money is
    in exactly one session at a time.

    The card terminal's batch is not settled at a handoff; the outgoing session hands over its
    recorded card total and the terminal batch is matched at the final close.
    """
    at = at or now()
    _check_count(count)
    with db.write() as session:
        row = require_open_session(session, drawer, outgoing)
        if incoming == outgoing:
            raise SelfApproval(f"{outgoing} cannot hand drawer {drawer} to themselves",
                               rule="C4")
        users.require_payment_taker(session, incoming)
        elsewhere = session.scalar(select(DrawerSession.drawer).where(
            DrawerSession.cashier == incoming, DrawerSession.status == "open"))
        if elsewhere is not None:
            raise DrawerBusy(f"{incoming} already runs drawer {elsewhere}; one drawer per "
                             "cashier")
        card = expected(activity(session, row)).card
        count = CloseCount(cash=normalize_count(count.cash, what="handoff count"),
                           checks=count.checks, money_orders=count.money_orders,
                           card_batch=card)
        row.status = "handed_off"
        row.closed_at = at
        row.handed_to = incoming
        _record_count(session, row, count, at)
        counted = count.totals()
        relief = DrawerSession(
            drawer=drawer, terminal=row.terminal, cashier=incoming, opened_at=at,
            business_date=business_date(at), assigned_float_cents=row.assigned_float_cents,
            opening_cents=counted.cash, opening_count=json.dumps(count.journal_fields()),
            opening_check_cents=counted.check, opening_money_order_cents=counted.money_order,
            opening_card_cents=counted.card, previous_session_id=row.id, status="open",
            recounted=False)
        session.add(relief)
        session.flush()
        audit.record(session, "handoff", outgoing, at=at, subject=f"drawer:{drawer}",
                     detail={"to": incoming, "session": row.id, "relief_session": relief.id,
                             "count": count.journal_fields()})
        fields = count.journal_fields()
        del fields["card_batch"]
        record_op(session, "handoff", at, {"drawer": drawer, "from": outgoing, "to": incoming,
                                           **fields})
        session.flush()
        return Handoff(summarize(session, row), summarize(session, relief))


def session_summary(db: Database, drawer: str) -> SessionSummary:
    """The drawer's open session, or else its last closed one. The expected figures of an
    open session are not included: they are shown only after the blind count (C6)."""
    with db.read() as session:
        row = open_session_of(session, drawer) or last_closed_session(session, drawer)
        return summarize(session, row)
