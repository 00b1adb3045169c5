"""``cashier report daily``, ``deposit`` and ``day close``: the business day a supervisor
signs off."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from cashier.cli.common import (
    Add,
    Out,
    open_central,
    parse_date,
    signed_in,
)
from cashier.ledger.database import Database
from cashier.ledger.day import business_day, daily_report, deposit
from cashier.ledger.rules.errors import InvalidLine
from cashier.ledger.rules.money import format_display
from cashier.services.report_files import write_daily_cash_report, write_deposit_slip


def report_for(db: Database, day: dt.date) -> dict[str, object]:
    return daily_report.daily_cash_report(db, day, generated_at=dt.datetime.now().astimezone())


def cmd_report(db: Database, args: argparse.Namespace, out: Out) -> int:
    day = parse_date(args.date)
    if args.central is not None:
        with open_central(args.central or None) as office:
            report = report_for(office, day)
    else:
        report = report_for(db, day)
    if args.json:
        out(json.dumps(report, indent=2, ensure_ascii=False))
    if args.pdf:
        write_daily_cash_report(report, args.pdf)
    if not args.json:
        print_report_summary(report, out)
        if args.pdf:
            out(f"Daily Cash Report written to {args.pdf}")
    return 0


def print_report_summary(report: dict[str, Any], out: Out) -> None:
    out(f"Daily Cash Report {report['business_date']} — {report['office']} "
        f"({report['status']})")
    totals = report["totals"]
    out(f"  receipts net {totals['receipts_net']}, over/short {totals['over_short']}, "
        f"deposit expected {totals['deposit_expected']}")
    for s in report["sessions"]:
        state = s["status"].replace("_", " ")
        approved = f", approved by {s['approved_by']}" if s["approved_by"] else ""
        out(f"  {s['drawer']} {s['cashier']}: {state}, {s['receipts']} receipts{approved}")
    failed = [i for i in report["identities"] if not i["passed"]]
    out(f"  balancing checks: {len(report['identities']) - len(failed)} PASS, "
        f"{len(failed)} FAIL")
    for identity in failed:
        out(f"    FAIL {identity['name']}: {identity['left']} vs {identity['right']}")


def cmd_deposit(db: Database, args: argparse.Namespace, out: Out) -> int:
    day = parse_date(args.date)
    if args.action == "make":
        if not (args.prepared_by and args.verified_by and args.bag):
            raise InvalidLine("deposit make needs --prepared-by, --verified-by and --bag")
        signed_in(db, args.prepared_by)
        signed_in(db, args.verified_by)
        made = deposit.make_deposit(db, day, args.prepared_by, args.verified_by, args.bag)
        plan = made.plan
        out(f"deposit of {day} in bag {made.bag}: prepared by {made.prepared_by}, verified by "
            f"{made.verified_by}")
    else:
        plan = deposit.deposit_preview(db, day)
        out(f"deposit of {day} (not yet made):")
    out(f"  cash {format_display(plan.cash)} (counted {format_display(plan.counted_cash)} + "
        f"drops {format_display(plan.drops)} − floats kept {format_display(plan.floats_kept)})")
    out(f"  checks {format_display(plan.checks_total)} ({len(plan.checks)}), money orders "
        f"{format_display(plan.money_orders_total)} ({len(plan.money_orders)})")
    out(f"  total {format_display(plan.total)}")
    if args.slip:
        report = report_for(db, day)
        if report["deposit"] is None:
            raise InvalidLine("the deposit slip is printed once the deposit is made")
        write_deposit_slip(report, args.slip)
        out(f"deposit slip written to {args.slip}")
    return 0


def cmd_day(db: Database, args: argparse.Namespace, out: Out) -> int:
    day = parse_date(args.date)
    if not args.user:
        raise InvalidLine("day close needs --user (the supervisor)")
    signed_in(db, args.user)
    closed = business_day.close_day(db, day, args.user)
    out(f"business day {day} closed by {closed.closed_by}; nothing dated it changes now")
    return 0


def add_commands(add: Add) -> None:
    p = add("report", cmd_report, "the Daily Cash Report of a business day (text, JSON, PDF)")
    p.add_argument("kind", choices=["daily"])
    p.add_argument("--date", required=True, help="the business day, YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print the SPEC §5 JSON")
    p.add_argument("--pdf", help="write the signed-off PDF to this file")
    p.add_argument("--central", metavar="URL", nargs="?", const="",
                   help="the whole office's report, from central (URL or CASHIER_CENTRAL_URL)")
    p = add("deposit", cmd_deposit, "show the day's deposit, or make it (prepared by one "
            "supervisor, verified by another; asks both PINs)")
    p.add_argument("action", choices=["show", "make"])
    p.add_argument("--date", required=True)
    p.add_argument("--prepared-by")
    p.add_argument("--verified-by")
    p.add_argument("--bag")
    p.add_argument("--slip", help="write the deposit slip PDF to this file")
    p = add("day", cmd_day, "close a business day once every drawer is balanced and the "
            "deposit is made (C12)")
    p.add_argument("action", choices=["close"])
    p.add_argument("--date", required=True)
    p.add_argument("--user", help="the supervisor")
