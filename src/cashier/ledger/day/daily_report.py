"""The Daily Cash Report (SPEC §5) of one business day, computed from the ledger.

The result is the JSON document of SPEC §5 (amounts as decimal strings) plus what the PDF
needs (receipts per hour, the balancing identities, deposit details). Day-wide sums come from
grouped SQL over receipts, lines, tenders and postings, so a day of 20,000 receipts is a few
queries, not 20,000 objects. Every figure is computed independently where it can be — the GL
from postings, items from receipt lines, tenders from tender rows — so that the identities
printed at the end actually check something.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.accounts.status import notice_rows
from cashier.ledger.audit import trail as audit_trail
from cashier.ledger.database import Database
from cashier.ledger.day.deposit import DepositPlan, gather_deposit
from cashier.ledger.day.offline_exceptions import offline_receipts, possible_duplicates
from cashier.ledger.drawer.sessions import SessionSummary, summarize
from cashier.ledger.receipts.correction_books import correction_exceptions
from cashier.ledger.receipts.payments import receipt_number
from cashier.ledger.reference import office
from cashier.ledger.remittance import batches as remittance
from cashier.ledger.remittance.batches import batch_exceptions, batch_row
from cashier.ledger.rules.denominations import count_total, split_float
from cashier.ledger.rules.drawer_math import TENDERS, TenderTotals, expected
from cashier.ledger.rules.errors import InvalidAmount
from cashier.ledger.rules.money import Cents, format_money, parse_money
from cashier.ledger.store.gl import system_codes
from cashier.ledger.store.models import (
    AuditEvent,
    BusinessDay,
    CashMovement,
    Deposit,
    DrawerSession,
    GLAccount,
    Item,
    JournalEntry,
    Posting,
    Receipt,
    ReceiptLine,
    ReceiptTender,
)

UTILITY = "UTIL"


def _tenders(totals: TenderTotals | None) -> dict[str, str] | None:
    return None if totals is None else {t: format_money(totals.get(t)) for t in TENDERS}


def _day_text(column: Any) -> Any:
    # Times are ISO 8601 text with their own offset; its first ten characters are the
    # business date (SPEC §4) on SQLite and PostgreSQL alike.
    return func.substr(column, 1, 10)


class _Day:
    """One business day's rows, read once and shared by the report's sections."""

    def __init__(self, session: Session, day: dt.date) -> None:
        self.session = session
        self.day = day
        self.codes = system_codes(session)
        self.tolerance = office.tolerance(session)
        self.rows = list(session.scalars(select(DrawerSession)
                                         .where(DrawerSession.business_date == day)
                                         .order_by(DrawerSession.drawer, DrawerSession.id)))
        self.summaries = [summarize(session, r) for r in self.rows]
        # Sums and counts in SQL, the rows only of the voids: fetching all 20,000 receipts of
        # a busy day into Python was a fifth of the report (docs/performance.md, "DCR").
        on_day = Receipt.business_date == day
        self.voids = session.execute(
            select(Receipt.number, Receipt.drawer, Receipt.total_cents, Receipt.session_id,
                   Receipt.voided_by, Receipt.void_approver, Receipt.void_reason,
                   Receipt.voided_at)
            .where(on_day, Receipt.status == "void").order_by(Receipt.terminal, Receipt.seq)
        ).all()
        self.receipts_net: Cents = session.scalar(
            select(func.coalesce(func.sum(Receipt.total_cents), 0))
            .where(on_day, Receipt.status == "completed")) or 0
        self.ranges = session.execute(
            select(Receipt.terminal, func.min(Receipt.seq), func.max(Receipt.seq), func.count())
            .where(on_day).group_by(Receipt.terminal).order_by(Receipt.terminal)).all()
        # The hour as the terminal wrote it (ISO 8601 local time, "…T09:30:00-07:00").
        hour = func.substr(Receipt.taken_at, 12, 2)
        self.hours = session.execute(
            select(hour, func.count()).where(on_day).group_by(hour).order_by(hour)).all()
        self.batches = remittance.batches(session, day=day)


def _first_count(row: DrawerSession) -> TenderTotals | None:
    """The count a recount replaced (C6), as tender totals."""
    if not row.recounted or not row.first_count:
        return None
    count = json.loads(row.first_count)

    def documents(key: str) -> Cents:
        return sum(parse_money(d["amount"], limit=None) for d in count.get(key, []))
    return TenderTotals(cash=count_total(count.get("cash", {})), check=documents("checks"),
                        money_order=documents("money_orders"),
                        card=parse_money(count.get("card_batch", "0.00"), limit=None))


def _session_row(s: SessionSummary, void_amount: Cents, row: DrawerSession,
                 drops: list[dict[str, Any]],
                 relieved: dict[str, Any] | None) -> dict[str, Any]:
    a = s.activity
    net = TenderTotals(**{t: a.received.get(t) - a.voided.get(t) for t in TENDERS})
    first = _first_count(row)
    return {
        "drawer": s.drawer, "terminal": s.terminal, "cashier": s.cashier,
        "status": s.status, "handed_to": s.handed_to,
        "opened_at": s.opened_at.isoformat(),
        "closed_at": s.closed_at.isoformat() if s.closed_at else None,
        "opening_float": format_money(s.opening_float),
        "opening": _tenders(s.opening),
        "receipts": s.receipts, "voids": s.voids, "void_amount": format_money(void_amount),
        "tenders": _tenders(net),
        "change_given": format_money(a.change_given - a.voided_change),
        "drops": format_money(a.drops), "paid_outs": format_money(a.paid_outs),
        "refunds": format_money(a.refunds),
        "expected": _tenders(s.expected), "counted": _tenders(s.counted),
        "over_short": _tenders(s.over_short),
        # C6: a recounted close shows both counts and which one stands (the recount).
        "recounted": s.recounted, "first_count": _tenders(first),
        "first_over_short": _tenders(TenderTotals(**{
            t: first.get(t) - s.expected.get(t) for t in TENDERS}))
        if first is not None and s.expected is not None else None,
        "count_standing": None if s.counted is None
        else "recount" if s.recounted else "count",
        # A relief session opens on the handoff's count: that cash is the outgoing session's,
        # counted once, so totals over the sessions leave it out. Named by cashier and
        # opening time, as the journal names a session (a row id differs between databases).
        "relief_of": relieved,
        "drop_list": drops,
        "approved_by": s.approved_by, "approval_note": s.approval_note,
    }


def _sessions(d: _Day) -> list[dict[str, Any]]:
    voided: dict[int | None, Cents] = defaultdict(int)
    for r in d.voids:
        voided[r.session_id] += r.total_cents
    drops: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for move in d.session.scalars(select(CashMovement).where(
            CashMovement.session_id.in_([r.id for r in d.rows]), CashMovement.kind == "drop")
            .order_by(CashMovement.id)):
        drops[move.session_id].append({"amount": format_money(move.amount_cents),
                                       "witness": move.second_user,
                                       "at": move.at.isoformat()})
    by_id = {r.id: r for r in d.rows}
    previous = {r.id: r for r in d.session.scalars(select(DrawerSession).where(
        DrawerSession.id.in_([s.previous_session_id for s in d.summaries
                              if s.previous_session_id is not None])))}

    def relieved(s: SessionSummary) -> dict[str, Any] | None:
        row = previous.get(s.previous_session_id) if s.previous_session_id else None
        return None if row is None else {"cashier": row.cashier,
                                         "opened_at": row.opened_at.isoformat()}
    return [_session_row(s, voided[s.id], by_id[s.id], drops[s.id], relieved(s))
            for s in d.summaries]


def _gl_distribution(d: _Day) -> list[dict[str, Any]]:
    tender_accounts = [d.codes[t] for t in TENDERS]
    rows = d.session.execute(
        select(Posting.account, GLAccount.fund, GLAccount.name, func.sum(Posting.amount_cents))
        .join(JournalEntry, JournalEntry.id == Posting.entry_id)
        .join(GLAccount, GLAccount.code == Posting.account)
        .where(JournalEntry.business_date == d.day, JournalEntry.kind.in_(("payment", "void")),
               Posting.account.not_in(tender_accounts))
        .group_by(Posting.account, GLAccount.fund, GLAccount.name)
        .order_by(GLAccount.fund, Posting.account)).all()
    funds = office.fund_names(d.session)
    return [{"account": account, "fund": fund, "fund_name": funds.get(fund, f"Fund {fund}"),
             "name": name, "amount": format_money(-total)}
            for account, fund, name, total in rows if total]


def _items(d: _Day) -> list[dict[str, Any]]:
    rows = d.session.execute(
        select(ReceiptLine.kind, ReceiptLine.item_code, func.sum(ReceiptLine.quantity),
               func.sum(ReceiptLine.amount_cents))
        .join(Receipt, Receipt.id == ReceiptLine.receipt_id)
        .where(Receipt.business_date == d.day, Receipt.status == "completed")
        .group_by(ReceiptLine.kind, ReceiptLine.item_code)).all()
    names = dict(d.session.execute(select(Item.code, Item.name)).all())
    out: list[tuple[str, str, int, Cents]] = []
    for kind, code, count, amount in rows:
        key = UTILITY if kind == "account" else str(code)
        name = "Utility payments" if kind == "account" else names.get(key, key)
        out.append((key, name, int(count), int(amount)))
    out.sort(key=lambda i: (i[0] != UTILITY, i[0]))
    return [{"code": code, "name": name, "count": count, "amount": format_money(amount)}
            for code, name, count, amount in out]


def _tender_totals(d: _Day) -> TenderTotals:
    rows = dict(d.session.execute(
        select(ReceiptTender.type, func.sum(ReceiptTender.amount_cents))
        .join(Receipt, Receipt.id == ReceiptTender.receipt_id)
        .where(Receipt.business_date == d.day, Receipt.status == "completed")
        .group_by(ReceiptTender.type)).all())
    change = d.session.scalar(select(func.sum(Receipt.change_cents)).where(
        Receipt.business_date == d.day, Receipt.status == "completed")) or 0
    return TenderTotals(cash=int(rows.get("cash", 0)) - int(change),
                        check=int(rows.get("check", 0)),
                        money_order=int(rows.get("money_order", 0)),
                        card=int(rows.get("card", 0)))


def _deposit(d: _Day) -> dict[str, Any] | None:
    row = d.session.scalar(select(Deposit).where(Deposit.business_date == d.day))
    if row is None:
        return None
    detail = json.loads(row.detail)
    bag_cash, kept = _bag_cash(row, detail)
    return {
        "cash": format_money(row.cash_cents), "checks": format_money(row.checks_cents),
        "money_orders": format_money(row.money_orders_cents),
        "total": format_money(row.cash_cents + row.checks_cents + row.money_orders_cents),
        "check_count": row.check_count, "check_list": detail["checks"],
        "money_order_count": row.money_order_count,
        "money_order_list": detail["money_orders"],
        "cash_by_denomination": bag_cash,  # what is in the bag: the slip lists it
        "floats_by_denomination": kept,  # left in the safe for the next day
        "counted_cash": format_money(row.counted_cash_cents),
        "drops": format_money(row.drops_cents),
        "floats_kept": format_money(row.floats_kept_cents), "bag": row.bag,
        "prepared_by": row.prepared_by, "verified_by": row.verified_by,
        "at": row.at.isoformat(), "status": "verified",
    }


def _bag_cash(row: Deposit, detail: dict[str, Any]) -> tuple[dict[str, int], dict[str, int]]:
    """The bag's cash and the floats kept, by denomination. A deposit made before the two
    were kept apart (issue #19) stored the counted cash and drops together: the split is
    the same rule applied again; if that cash cannot make the floats, it is shown whole and
    the slip says it does not add up."""
    if "floats_by_denomination" in detail:
        return dict(detail["cash_by_denomination"]), dict(detail["floats_by_denomination"])
    counted = dict(detail["cash_by_denomination"])
    if count_total(counted) <= row.floats_kept_cents:
        return {}, counted
    try:
        kept, bag_cash = split_float(counted, row.floats_kept_cents)
    except InvalidAmount:
        return counted, {}
    return bag_cash, kept


def _receipt_ranges(d: _Day) -> list[dict[str, Any]]:
    out = []
    for terminal, first, last, count in d.ranges:
        # A number missing from the day may belong to a receipt dated another day (one taken
        # after midnight); a gap is a number that exists on no day at all (C1). Numbers are
        # unique per terminal, so the range is whole when it holds as many receipts, of any
        # day, as numbers; only then are they not read one by one.
        in_range = (Receipt.terminal == terminal) & Receipt.seq.between(first, last)
        gaps: list[str] = []
        if d.session.scalar(select(func.count()).where(in_range)) != last - first + 1:
            present = set(d.session.scalars(select(Receipt.seq).where(in_range)))
            gaps = [receipt_number(terminal, n) for n in range(first, last + 1)
                    if n not in present]
        out.append({"terminal": terminal, "first": receipt_number(terminal, first),
                    "last": receipt_number(terminal, last), "count": count, "gaps": gaps})
    return out


def _audit(d: _Day, kinds: Iterable[str]) -> list[AuditEvent]:
    return list(d.session.scalars(select(AuditEvent).where(
        AuditEvent.kind.in_(tuple(kinds)), _day_text(AuditEvent.at) == d.day.isoformat())
        .order_by(AuditEvent.seq)))


def _exceptions(d: _Day) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in d.voids:
        out.append({"kind": "void", "receipt": r.number, "drawer": r.drawer,
                    "amount": format_money(r.total_cents), "who": r.voided_by,
                    "approver": r.void_approver, "reason": r.void_reason,
                    "at": r.voided_at.isoformat() if r.voided_at else None})
    by_id = {row.id: row for row in d.rows}
    for s in d.summaries:
        row = by_id[s.id]
        if s.float_approver:
            out.append({"kind": "float_mismatch", "drawer": s.drawer,
                        "amount": format_money(row.opening_cents - row.assigned_float_cents),
                        "who": s.cashier, "approver": s.float_approver,
                        "at": s.opened_at.isoformat()})
        if s.over_short is not None:
            for tender in TENDERS:
                cents = s.over_short.get(tender)
                if abs(cents) > d.tolerance:
                    out.append({"kind": "over_short", "drawer": s.drawer,
                                "amount": format_money(cents), "tender": tender,
                                "who": s.cashier, "approver": s.approved_by,
                                "reason": s.approval_note,
                                "at": s.closed_at.isoformat() if s.closed_at else None})
    moves = d.session.execute(
        select(CashMovement, DrawerSession.drawer, DrawerSession.cashier)
        .join(DrawerSession, DrawerSession.id == CashMovement.session_id)
        .where(DrawerSession.business_date == d.day, CashMovement.kind == "paid_out")
        .order_by(CashMovement.id)).all()
    for move, drawer, cashier in moves:
        out.append({"kind": "paid_out", "drawer": drawer, "amount": format_money(move.amount_cents),
                    "who": cashier, "approver": move.second_user, "reason": move.reason,
                    "gl": move.gl_account, "at": move.at.isoformat()})
    for event in _audit(d, ("no_sale", "reprint", "override")):
        detail = json.loads(event.detail or "{}")
        kind, _, subject = event.subject.partition(":")
        if event.kind == "override" and detail.get("act") == "float_mismatch":
            continue  # listed above as float_mismatch, with its amount
        if event.kind == "override" and detail.get("act") == "recount":
            continue  # no override: the session shows both counts and that the recount stands
        item: dict[str, Any] = {"kind": event.kind, "who": event.actor,
                                "at": event.at.isoformat()}
        if kind == "drawer":
            item["drawer"] = subject
        elif kind == "receipt":
            item["receipt"] = subject
        reason = detail.get("reason") or detail.get("act")
        if reason:
            item["reason"] = str(reason)
        out.append(item)
    out.extend(batch_exceptions(d.batches))
    out.extend(correction_exceptions(d.session, d.day))
    out.extend(offline_receipts(d.session, d.day))
    out.extend(possible_duplicates(d.session, d.day))
    out.sort(key=lambda e: (e.get("at") or "", e["kind"]))
    return out


def _receipts_per_hour(d: _Day) -> dict[str, int]:
    return {str(hour): int(count) for hour, count in d.hours}


def _identity(name: str, left: Cents, right: Cents) -> dict[str, Any]:
    return {"name": name, "left": format_money(left), "right": format_money(right),
            "passed": left == right}


def _sum(values: Iterable[str]) -> Cents:
    return sum(parse_money(v, allow_negative=True, limit=None) for v in values)


def _posted_over_short(d: _Day) -> Cents:
    """The day's postings to the over/short account (a shortage is a debit, positive)."""
    return int(d.session.scalar(
        select(func.sum(Posting.amount_cents)).join(JournalEntry,
                                                    JournalEntry.id == Posting.entry_id)
        .where(JournalEntry.business_date == d.day,
               JournalEntry.kind.in_(("over_short", "float_difference")),
               Posting.account == d.codes["over_short"])) or 0)


def _float_differences(d: _Day) -> Cents:
    """The approved opening-float differences of the day (C5): counted − assigned."""
    return sum(row.opening_cents - row.assigned_float_cents for row in d.rows
               if row.float_approver)


def _identities(d: _Day, report: dict[str, Any], tenders: TenderTotals) -> list[dict[str, Any]]:
    net = d.receipts_net
    out = [
        _identity("GL distribution = receipts net",
                  _sum(g["amount"] for g in report["gl_distribution"]), net),
        _identity("Item summary = receipts net", _sum(i["amount"] for i in report["items"]),
                  net),
        _identity("Tenders (net of change and voids) = receipts net",
                  sum(tenders.as_dict().values()), net),
    ]
    for s in d.summaries:
        if s.counted is None or s.expected is None or s.over_short is None:
            continue
        # Named by its opening, as the journal names a session: the row id differs from one
        # database to the next (central, a day rebuilt from its export).
        who = f"{s.drawer} {s.cashier} (opened {s.opened_at.isoformat()})"
        for tender in TENDERS:
            out.append(_identity(f"{who} {tender}: counted − expected = over/short",
                                 s.counted.get(tender) - s.expected.get(tender),
                                 s.over_short.get(tender)))
        # The expected figures were fixed at the count; the summary's activity is summed
        # from the receipts as they are now, so this shows nothing changed after the close.
        again = expected(s.activity)
        out.append(_identity(f"{who}: expected cash at close = expected from receipts now",
                             s.expected.cash, again.cash))
    posted = _posted_over_short(d)
    floats = _float_differences(d)
    out.append(_identity("Over/short of all sessions and float differences = posted to "
                         + d.codes["over_short"],
                         sum(sum(s.over_short.as_dict().values()) for s in d.summaries
                             if s.over_short is not None) + floats, -int(posted)))
    deposit = report["deposit"]
    if deposit is not None:
        out.append(_identity("Deposit = cash + checks + money orders", _sum([deposit["total"]]),
                             _sum([deposit["cash"], deposit["checks"], deposit["money_orders"]])))
        out.append(_identity("Deposit = balanced drawers' count − floats kept + drops "
                             "+ posted batches' checks",
                             _sum([deposit["total"]]), report["_deposit_expected"]))
    return out


def daily_report(session: Session, day: dt.date) -> dict[str, Any]:
    d = _Day(session, day)
    closed = session.get(BusinessDay, day)
    tenders = _tender_totals(d)
    plan: DepositPlan = gather_deposit(session, d.rows, day)
    ended_by_close = [s for s in d.summaries if s.status == "closed" and s.counted is not None]
    batch = sum(s.counted.card for s in ended_by_close if s.counted is not None)
    report: dict[str, Any] = {
        "business_date": day.isoformat(),
        "office": office.get(session, office.OFFICE_NAME),
        "status": "closed" if closed else "open",
        "closed_by": closed.closed_by if closed else None,
        "closed_at": closed.closed_at.isoformat() if closed else None,
        "sessions": _sessions(d),
        "gl_distribution": _gl_distribution(d),
        "items": _items(d),
        "tenders": _tenders(tenders),
        "deposit": _deposit(d),
        "card_settlement": {"recorded": format_money(tenders.card),
                            "terminal_batch": format_money(batch),
                            "difference": format_money(batch - tenders.card)},
        "receipt_ranges": _receipt_ranges(d),
        "batches": [batch_row(b) for b in d.batches],
        "service_notices": notice_rows(session, day),
        "exceptions": _exceptions(d),
        "receipts_per_hour": _receipts_per_hour(d),
        "_deposit_expected": plan.total,
    }
    report["identities"] = _identities(d, report, tenders)
    del report["_deposit_expected"]
    # SPEC §5: everything posted to over/short for the day: the sessions' over/short (cash,
    # and any other tender that did not balance) and the approved opening-float differences
    # (C5), the latter also on its own.
    floats = _float_differences(d)
    sessions_over_short = sum(sum(s.over_short.as_dict().values()) for s in d.summaries
                              if s.over_short is not None)
    report["totals"] = {
        "receipts_net": format_money(d.receipts_net),
        "over_short": format_money(sessions_over_short + floats),
        "float_differences": format_money(floats),
        "deposit_expected": format_money(plan.total),
    }
    # SPEC §9: no payments interface is exported yet, so every receipt is unsent; the four
    # always add up to receipts_net (a balancing check below).
    report["interfaces"] = {"posted": format_money(0), "sent_unacknowledged": format_money(0),
                            "unsent": format_money(d.receipts_net),
                            "rejected": format_money(0)}
    report["bank"] = None  # SPEC §9: {deposit, credited, difference} once a BAI2 file is in
    report["chain_head"] = audit_trail.day_head(session, day)  # SPEC §11
    report["identities"].append(_identity(
        "Interfaces: posted + sent-unacknowledged + unsent + rejected = receipts net",
        _sum(report["interfaces"].values()), d.receipts_net))
    report["identities"].append(_identity(
        "Over/short total = posted to " + d.codes["over_short"],
        _sum([report["totals"]["over_short"]]), -_posted_over_short(d)))
    return report


def daily_cash_report(db: Database, day: dt.date, *,
                      generated_at: dt.datetime | None = None) -> dict[str, Any]:
    with db.read() as session:
        report = daily_report(session, day)
    if generated_at is not None:
        report = {"generated_at": generated_at.isoformat(), **report}
    return report
