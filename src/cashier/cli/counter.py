"""``cashier find``, ``account``, ``pay``, ``void`` and ``receipt``: the counter's acts
from a terminal, through the same ledger functions as the window."""

from __future__ import annotations

import argparse

from cashier.cli.common import (
    Add,
    Out,
    parse_account,
    parse_item,
    parse_tender,
    print_account,
    print_entries,
    print_receipt,
    signed_in,
)
from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import get_receipt, reprint
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.errors import InvalidLine
from cashier.ledger.rules.values import Line, Payment


def cmd_find(db: Database, args: argparse.Namespace, out: Out) -> int:
    matches = books.find_accounts(db, " ".join(args.text), limit=args.limit)
    for m in matches:
        out(f"{m.number}  {m.name:<32} {m.address}")
    if not matches:
        out("no accounts match")
    return 0


def cmd_account(db: Database, args: argparse.Namespace, out: Out) -> int:
    print_account(books.account_view(db, args.number), out)
    return 0


def cmd_pay(db: Database, args: argparse.Namespace, out: Out) -> int:
    lines: list[Line] = [parse_account(a) for a in args.account or []]
    lines += [parse_item(i) for i in args.item or []]
    tenders = tuple(parse_tender(t) for t in args.tender or [])
    signed_in(db, args.cashier)
    receipt = post_payment(db, Payment(args.drawer, args.cashier, tuple(lines), tenders))
    print_receipt(receipt, out)
    return 0


def cmd_void(db: Database, args: argparse.Namespace, out: Out) -> int:
    signed_in(db, args.cashier)
    signed_in(db, args.approver)
    receipt = void_receipt(db, args.receipt, cashier=args.cashier, approver=args.approver,
                           reason=args.reason)
    print_receipt(receipt, out)
    return 0


def cmd_receipt(db: Database, args: argparse.Namespace, out: Out) -> int:
    if args.reprint:
        if not args.user:
            raise InvalidLine("a reprint needs --user (who reprints it)")
        signed_in(db, args.user)
        print_receipt(reprint(db, args.number, args.user), out, copy=True)
        return 0
    print_receipt(get_receipt(db, args.number), out)
    if args.entries:
        print_entries(books.entries_for_receipt(db, args.number), out)
    return 0


def add_commands(add: Add) -> None:
    p = add("find", cmd_find, "find accounts by number prefix or name/address words")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    p = add("account", cmd_account, "show an account's charges, credit and payments")
    p.add_argument("number")
    p = add("pay", cmd_pay, "post a payment (asks for the cashier's PIN)")
    p.add_argument("--drawer", required=True)
    p.add_argument("--cashier", required=True)
    p.add_argument("--account", action="append", metavar="NUMBER=AMOUNT")
    p.add_argument("--item", action="append", metavar="CODE[,qty=N][,ref=R][,amount=A]")
    p.add_argument("--tender", action="append", required=True,
                   metavar="cash=A | check=A,number=N,routing=R[,account=X] | "
                           "money_order=A,number=N | card=A,brand=B,last4=NNNN,auth=C")
    p = add("void", cmd_void, "void a receipt (asks for the cashier's and approver's PINs)")
    p.add_argument("receipt")
    p.add_argument("--cashier", required=True)
    p.add_argument("--approver", required=True)
    p.add_argument("--reason", required=True)
    p = add("receipt", cmd_receipt, "show a receipt")
    p.add_argument("number")
    p.add_argument("--entries", action="store_true", help="with its journal entries")
    p.add_argument("--reprint", action="store_true", help="print a COPY (logged, C10)")
    p.add_argument("--user", help="reprint: who reprints it (asks for the PIN)")
