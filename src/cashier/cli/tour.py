"""``cashier tour``: one counter payment walked through a demo database, step by step.

It signs in with the demo users' PINs, so it only works on a database built by ``cashier demo``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cashier.cli.common import Add, print_account, print_entries, print_receipt
from cashier.ledger import books
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import open_drawer, open_session_of
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference import users
from cashier.ledger.rules.errors import CashierError
from cashier.ledger.rules.values import AccountPayment, CashTender, CheckTender, ItemSale, Payment

DEMO_ACCOUNT = "1000001"


def run_tour(db: Database, out: Callable[[str], None]) -> int:
    from cashier.services.demo import DEMO_USERS

    pins = {user_id: pin for user_id, _, _, pin in DEMO_USERS}
    try:
        out("1. Ana signs in, counts her 200.00 float and opens drawer D1, then looks the "
            "customer up by name:")
        users.sign_in(db, "ana", pins["ana"])
        with db.read() as session:
            already_open = open_session_of(session, "D1") is not None
        if not already_open:
            open_drawer(db, "D1", "ana", {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 20})
        for match in books.find_accounts(db, "ANA RUIZ", limit=3):
            out(f"   {match.number}  {match.name}  {match.address}")
        before = books.account_view(db, DEMO_ACCOUNT)
        print_account(before, lambda s: out("   " + s))

        due = before.open_total
        out("\n2. She takes the whole balance plus a dog license: part cash, part check.")
        check = min(due, 5000)
        receipt = post_payment(db, Payment(
            "D1", "ana", (AccountPayment(DEMO_ACCOUNT, due), ItemSale("DOGA", 1, "TAG-88")),
            (CashTender(due + 2000 - check + 1000),
             CheckTender(check, "1042", "111000025", "000123456789")),
        ))
        print_receipt(receipt, lambda s: out("   " + s))
        out("\n3. One balanced journal entry: debits for the tenders, credits to AR and revenue.")
        print_entries(books.entries_for_receipt(db, receipt.number), lambda s: out("   " + s))

        out("\n4. Wrong customer! Sam, a supervisor, approves the void (Ana cannot approve it).")
        users.sign_in(db, "sam", pins["sam"])
        void_receipt(db, receipt.number, cashier="ana", approver="sam",
                     reason="posted to the wrong account")
        print_entries(books.entries_for_receipt(db, receipt.number)[1:],
                      lambda s: out("   " + s))
        after = books.account_view(db, DEMO_ACCOUNT)
        restored = [c.open for c in after.charges] == [c.open for c in before.charges]
        out(f"   account charges restored exactly: {'yes' if restored else 'NO'}")

        report = audit.verify(db)
        out(f"\n5. Audit trail: {report.rows} hash-chained rows, "
            f"{'intact' if report.ok else 'BROKEN at row ' + str(report.first_broken)}.")
        return 0 if restored and report.ok else 1
    except CashierError as exc:
        out(f"the tour needs a fresh demo database (cashier demo): {exc}")
        return 1


def cmd_tour(db: Database, args: argparse.Namespace, out: Callable[[str], None]) -> int:
    return run_tour(db, out)


def add_commands(add: Add) -> None:
    add("tour", cmd_tour, "walk one payment and its void through a demo database")
