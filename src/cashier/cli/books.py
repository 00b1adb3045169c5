"""``cashier entries``, ``balances`` and ``audit verify``: what the books and the audit
trail say, for an auditor at a terminal."""

from __future__ import annotations

import argparse

from cashier.cli.common import (
    Add,
    Out,
    print_entries,
)
from cashier.ledger import books
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.rules.money import format_display


def cmd_entries(db: Database, args: argparse.Namespace, out: Out) -> int:
    entries = (books.entries_for_receipt(db, args.receipt) if args.receipt
               else books.all_entries(db))
    print_entries(entries, out)
    return 0


def cmd_balances(db: Database, args: argparse.Namespace, out: Out) -> int:
    balances = books.gl_balances(db)
    for account, cents in balances.items():
        out(f"{account:<12}{format_display(cents):>16}")
    out(f"{'total':<12}{format_display(sum(balances.values())):>16}")
    return 0


def cmd_audit_verify(db: Database, args: argparse.Namespace, out: Out) -> int:
    report = audit.verify(db)
    if report.ok:
        out(f"audit trail intact: {report.rows} rows, hash chain verified, every guard "
            "trigger in place")
        return 0
    if report.first_broken is not None:
        out(f"AUDIT TRAIL BROKEN at row {report.first_broken}: {report.reason}")
    if report.missing_guards:
        out(f"GUARD TRIGGERS MISSING: {', '.join(report.missing_guards)} (dropped outside the "
            "program: nothing is posted until a backup from before is restored)")
    return 1


def add_commands(add: Add) -> None:
    p = add("entries", cmd_entries, "list journal entries")
    p.add_argument("--receipt")
    add("balances", cmd_balances, "GL balances (a trial balance; the total is always 0.00)")
    p = add("audit", cmd_audit_verify, "verify the hash-chained audit trail")
    p.add_argument("action", choices=["verify"])
