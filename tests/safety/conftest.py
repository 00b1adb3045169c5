"""Shared by the data-safety tests: a terminal database file with some business on it, and
the checks that say a database file is whole.

``ledger_problems`` is the definition of "nothing half-written" the crash and fault tests
hold the program to: the file passes SQLite's own checks, every entry balances, receipt
numbers are gapless, every state change and its operation row (the sync outbox) exist
together or not at all, the Daily Cash Report's balancing identities pass and the audit chain
verifies.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.values import (
    AccountPayment,
    CashTender,
    CheckTender,
    ItemSale,
    Line,
    Payment,
    Tender,
)
from tests.conftest import AT, open_drawers, seed_office

ROUTING = "111000025"


def raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection: the checks must not depend on the program's own code."""
    return sqlite3.connect(path, isolation_level=None)


def sqlite_problems(path: Path) -> list[str]:
    with closing(raw(path)) as conn:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        problems = [] if integrity == ["ok"] else [f"integrity_check: {integrity}"]
        problems += [f"foreign_key_check: {row}"
                     for row in conn.execute("PRAGMA foreign_key_check")]
        return problems


def _structure_problems(conn: sqlite3.Connection) -> list[str]:
    problems = [
        f"journal entry {entry} has {n} postings summing to {total}"
        for entry, total, n in conn.execute(
            "SELECT e.id, COALESCE(SUM(p.amount_cents), 0), COUNT(p.id) FROM journal_entries e"
            " LEFT JOIN postings p ON p.entry_id = e.id GROUP BY e.id"
            " HAVING COALESCE(SUM(p.amount_cents), 0) != 0 OR COUNT(p.id) < 2")]

    seqs: dict[str, list[int]] = {}
    for terminal, seq, number in conn.execute(
            "SELECT terminal, seq, number FROM receipts ORDER BY terminal, seq"):
        seqs.setdefault(terminal, []).append(seq)
        if number != f"{terminal}-{seq:06d}":
            problems.append(f"receipt {number} has sequence {seq}")
    for terminal, last in conn.execute("SELECT code, last_receipt_seq FROM terminals"):
        taken = seqs.get(terminal, [])
        if taken != list(range(1, len(taken) + 1)) or last != len(taken):
            problems.append(f"terminal {terminal}: receipt numbers {taken} with counter {last} "
                            "are not gapless from 1")

    for number, status, total, change, entries, voids, lines, tendered in conn.execute(
            "SELECT r.number, r.status, r.total_cents, r.change_cents,"
            " (SELECT COUNT(*) FROM journal_entries e WHERE e.receipt_id = r.id"
            "  AND e.kind = 'payment'),"
            " (SELECT COUNT(*) FROM journal_entries e WHERE e.receipt_id = r.id"
            "  AND e.kind = 'void' AND e.reverses_id IS NOT NULL),"
            " (SELECT COUNT(*) FROM receipt_lines l WHERE l.receipt_id = r.id),"
            " (SELECT SUM(t.amount_cents) FROM receipt_tenders t WHERE t.receipt_id = r.id)"
            " FROM receipts r"):
        if entries != 1 or lines < 1 or tendered is None or tendered - change != total:
            problems.append(f"receipt {number} is half-written: {entries} payment entries, "
                            f"{lines} lines, tenders {tendered} less change {change} for "
                            f"total {total}")
        if voids != (1 if status == "void" else 0):
            problems.append(f"receipt {number} is {status} with {voids} void entries")
    return problems


def _outbox_problems(conn: sqlite3.Connection) -> list[str]:
    """Every change has its operation row and every operation row its change."""
    bodies = [json.loads(body) for (body,) in conn.execute(
        "SELECT body FROM operations ORDER BY seq")]
    ops = Counter(b["op"] for b in bodies if not b.get("recount"))
    problems: list[str] = []

    def same(what: str, in_ops: object, in_ledger: object) -> None:
        if in_ops != in_ledger:
            problems.append(f"{what}: operations say {in_ops}, the ledger says {in_ledger}")

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    paid = Counter(b["receipt"] for b in bodies if b["op"] == "payment")
    receipts = Counter(n for (n,) in conn.execute("SELECT number FROM receipts"))
    same("receipts", sorted(paid.items()), sorted(receipts.items()))
    voided = Counter(b["receipt"] for b in bodies if b["op"] == "void")
    void_receipts = Counter(n for (n,) in conn.execute(
        "SELECT number FROM receipts WHERE status = 'void'"))
    same("voids", sorted(voided.items()), sorted(void_receipts.items()))
    same("drops", ops["drop"], count("SELECT COUNT(*) FROM cash_movements WHERE kind = 'drop'"))
    same("paid-outs", ops["paid_out"],
         count("SELECT COUNT(*) FROM cash_movements WHERE kind = 'paid_out'"))
    same("no-sales", ops["no_sale"],
         count("SELECT COUNT(*) FROM audit_events WHERE kind = 'no_sale'"))
    same("drawer openings", ops["open_drawer"],
         count("SELECT COUNT(*) FROM drawer_sessions WHERE previous_session_id IS NULL"))
    same("drawer closes", ops["close_drawer"],
         count("SELECT COUNT(*) FROM drawer_sessions WHERE status = 'closed'"))
    same("close approvals", ops["approve_close"],
         count("SELECT COUNT(*) FROM drawer_sessions WHERE approved_by IS NOT NULL"))
    for kind, entry_kind, n in conn.execute(
            "SELECT m.kind, e.kind, COUNT(p.id) FROM cash_movements m"
            " LEFT JOIN journal_entries e ON e.id = m.entry_id"
            " LEFT JOIN postings p ON p.entry_id = e.id GROUP BY m.id"):
        if entry_kind != kind or n < 2:
            problems.append(f"a {kind} has entry kind {entry_kind} with {n} postings")
    return problems


def business_dates(conn: sqlite3.Connection) -> list[dt.date]:
    return [dt.date.fromisoformat(d) for (d,) in conn.execute(
        "SELECT business_date FROM journal_entries UNION SELECT business_date FROM receipts"
        " UNION SELECT business_date FROM drawer_sessions ORDER BY 1")]


def report_problems(db: Database, days: list[dt.date]) -> list[str]:
    problems: list[str] = []
    for day in days:
        report = daily_cash_report(db, day)
        problems += [f"DCR {day}: {i['name']}: {i['left']} != {i['right']}"
                     for i in report["identities"] if not i["passed"]]
        problems += [f"DCR {day}: receipt gaps {r['gaps']}"
                     for r in report["receipt_ranges"] if r["gaps"]]
    chain = audit.verify(db)
    if not chain.ok:
        problems.append(f"audit chain broken at row {chain.first_broken}: {chain.reason}")
    return problems


def ledger_problems(path: Path) -> list[str]:
    """Everything wrong with the database file at ``path``; empty when it is whole.

    SQLite's checks come first, on a plain connection, before the program opens the file."""
    problems = sqlite_problems(path)
    with closing(raw(path)) as conn:
        problems += _structure_problems(conn) + _outbox_problems(conn)
        days = business_dates(conn)
    with Database.open(path, create=False) as db:
        problems += report_problems(db, days)
    return problems


@dataclass(frozen=True)
class Snapshot:
    """What a failed operation must leave exactly as it was."""

    rows: dict[str, int]
    reports: list[dict[str, Any]]
    last_op: str | None


TABLES = ("receipts", "receipt_lines", "receipt_tenders", "journal_entries", "postings",
          "operations", "audit_events", "drawer_sessions", "cash_movements", "charges")


def snapshot(path: Path) -> Snapshot:
    with closing(raw(path)) as conn:
        rows = {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
                for t in TABLES}
        last = conn.execute("SELECT body FROM operations ORDER BY seq DESC LIMIT 1").fetchone()
        days = business_dates(conn)
    with Database.open(path, create=False) as db:
        reports = [daily_cash_report(db, day) for day in days]
    return Snapshot(rows, reports, last[0] if last else None)


def some_business(db: Database) -> None:
    """Drawers open, three receipts (cash with change, an account paid by check) and a void."""
    sales: list[tuple[tuple[Line, ...], tuple[Tender, ...]]] = [
        ((ItemSale("DOGA"),), (CashTender(5000),)),
        ((AccountPayment("1000001", 4510),), (CheckTender(4510, "1042", ROUTING),)),
        ((ItemSale("TRNS"),), (CashTender(5500),)),
    ]
    for lines, tenders in sales:
        post_payment(db, Payment("D1", "ana", lines, tenders, AT))
    void_receipt(db, "T01-000003", cashier="ana", approver="sam", reason="wrong item", at=AT)


@pytest.fixture
def busy_file(tmp_path: Path) -> Path:
    """A terminal database file with some business on it and no connection left open."""
    path = tmp_path / "terminal.sqlite3"
    with Database.open(path) as db:
        seed_office(db)
        open_drawers(db)
        some_business(db)
    assert ledger_problems(path) == []
    return path
