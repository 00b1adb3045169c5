"""``cashier nsf``, ``transfer`` and ``refund``: a supervisor's corrections of posted
receipts and account credit."""

from __future__ import annotations

import argparse

from cashier.cli.common import (
    Add,
    Out,
    signed_in,
)
from cashier.ledger.database import Database
from cashier.ledger.receipts import corrections, returned_checks
from cashier.ledger.rules.money import format_display, parse_money


def print_correction(c: corrections.CorrectionRecord, out: Out) -> None:
    money = format_display(c.amount)
    if c.kind == "nsf":
        out(f"returned check (NSF) on receipt {c.receipt}: {money} charged back to account "
            f"{c.account}, fee {format_display(c.fee)} billed; posted {c.business_date}")
    elif c.kind == "transfer":
        out(f"payment of receipt {c.receipt} ({money}) moved from account {c.account} to "
            f"{c.to_account}; posted {c.business_date}")
    elif c.method == "cash":
        out(f"refunded {money} of account {c.account}'s credit in cash from drawer "
            f"{c.drawer} ({c.by}, approved by {c.approver}); posted {c.business_date}")
    else:
        out(f"refund of {money} from account {c.account}'s credit sent to accounts payable "
            f"for a check; posted {c.business_date}")
    if c.cash_only:
        out(f"account {c.account} is CASH ONLY: checks are refused (C16)")


def cmd_nsf(db: Database, args: argparse.Namespace, out: Out) -> int:
    signed_in(db, args.by)
    fee = parse_money(args.fee, what="NSF fee") if args.fee is not None else None
    print_correction(returned_checks.post_nsf(db, args.receipt, by=args.by,
                                              reason=args.reason, fee=fee), out)
    return 0


def cmd_transfer(db: Database, args: argparse.Namespace, out: Out) -> int:
    signed_in(db, args.approver)
    print_correction(corrections.transfer_payment(db, args.receipt, to_account=args.to,
                                                  approver=args.approver,
                                                  reason=args.reason), out)
    return 0


def cmd_refund(db: Database, args: argparse.Namespace, out: Out) -> int:
    if args.cashier:
        signed_in(db, args.cashier)  # the cashier pays it out of their own drawer
    signed_in(db, args.by)
    amount = parse_money(args.amount, what="refund", allow_zero=False)
    print_correction(corrections.refund_credit(db, args.account, amount, by=args.by,
                                               reason=args.reason, drawer=args.drawer,
                                               cashier=args.cashier), out)
    return 0


def add_commands(add: Add) -> None:
    p = add("nsf", cmd_nsf, "post a returned (NSF) check: its charges are owed again and the "
            "fee is billed (asks for the supervisor's PIN)")
    p.add_argument("receipt")
    p.add_argument("--by", required=True, help="the supervisor")
    p.add_argument("--reason", required=True)
    p.add_argument("--fee", help="the NSF fee (default: the office setting nsf.fee)")
    p = add("transfer", cmd_transfer, "move a misapplied payment to the right account (asks "
            "for the supervisor's PIN)")
    p.add_argument("receipt")
    p.add_argument("--to", required=True, metavar="ACCOUNT")
    p.add_argument("--approver", required=True, help="the supervisor")
    p.add_argument("--reason", required=True)
    p = add("refund", cmd_refund, "refund an account's credit balance by check (accounts "
            "payable), or in cash from a drawer up to the office limit (asks for PINs)")
    p.add_argument("account")
    p.add_argument("--amount", required=True)
    p.add_argument("--by", required=True, help="the supervisor")
    p.add_argument("--reason", required=True)
    p.add_argument("--drawer", help="cash refund: the drawer that pays it")
    p.add_argument("--cashier", help="cash refund: the cashier of that drawer")
