"""The ``cashier`` commands for mail and drop-box batches, service notices and payment
arrangements (issue #9).

A batch is keyed like this (each command asks the user's PIN on its first input line)::

    cashier batch open --terminal T01 --kind mail --count 20 --total 1234.56 --user sam
    cashier batch key T01-B0001 --user sam < stubs.txt     # STUB AMOUNT CHECKNO ROUTING
    cashier batch show T01-B0001 --pdf T01-B0001.pdf        # and the printable report
    cashier batch post T01-B0001 --user sam
"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sys
from collections.abc import Iterable

from cashier.cli.common import Add, Out, parse_date, signed_in
from cashier.ledger.accounts import arrangements
from cashier.ledger.accounts.status import notice_rows
from cashier.ledger.database import Database
from cashier.ledger.remittance import batches as remittance
from cashier.ledger.remittance.batches import BatchView, Entry
from cashier.ledger.rules.errors import InvalidLine, Refused
from cashier.ledger.rules.money import format_display, parse_money
from cashier.services.batch_entry import read_check, read_stub
from cashier.services.report_files import write_batch_report

KEY_FORMAT = "STUB AMOUNT CHECKNO ROUTING  or  STUB AMOUNT micr=LINE"


def print_entry(e: Entry, out: Out) -> None:
    check = f"#{e.check.number} {e.check.routing}"
    due = f" due {format_display(e.stub_amount)}" if e.stub_amount is not None else ""
    if e.exception is not None:
        out(f"  {e.seq:>4}  SET ASIDE {e.exception}: {e.account}  {check}"
            f"{format_display(e.check.amount):>14}  {e.message}")
        return
    status = {"removed": f"  REMOVED: {e.removed_reason}", "posted": f"  {e.receipt}"}
    out(f"  {e.seq:>4}  {e.account:<10} {e.name[:24]:<24}{due}  {check}"
        f"{format_display(e.check.amount):>14}{status.get(e.status, '')}")


def print_batch(b: BatchView, out: Out) -> None:
    """The batch report: its tape, what was entered, what was set aside, the difference."""
    out(f"Batch {b.code}  {b.kind.replace('_', ' ')}  {b.status.upper()}  opened by "
        f"{b.opened_by} {b.opened_at:%Y-%m-%d %H:%M}"
        + (f"  posted by {b.posted_by} {b.posted_at:%Y-%m-%d %H:%M}" if b.posted_at else ""))
    for e in b.entries:
        print_entry(e, out)
    out(f"  tape      {b.control_count:>5} items {format_display(b.control_total):>14}")
    out(f"  entered   {b.entered_count:>5} items {format_display(b.entered_total):>14}"
        f"   (to post {len(b.items)} for {format_display(b.posted_total)}, set aside "
        f"{len(b.exceptions)} for {format_display(b.set_aside_total)})")
    if b.balanced:
        out("  BALANCED")
    else:
        out(f"  OUT OF BALANCE by {b.count_difference:+d} items, "
            f"{format_display(b.difference)}")
    if b.exceptions:
        out("  Exceptions (return to the customer or handle by hand):")
        for e in b.exceptions:
            out(f"    {e.seq}: {e.exception} - {e.message} - check #{e.check.number} "
                f"{format_display(e.check.amount)}")


def key_lines(db: Database, code: str, user: str, lines: Iterable[str], out: Out) -> int:
    """Enter remittances from ``lines`` (one each); a malformed line is reported and
    skipped, nothing else in the batch is touched. Returns how many lines failed."""
    failed = 0
    for n, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        try:
            words = shlex.split(text)
            if len(words) < 3:
                raise InvalidLine(f"expected {KEY_FORMAT}")
            amount = parse_money(words[1], what="check amount", allow_zero=False)
            if words[2].startswith("micr="):
                check = read_check(amount, micr=" ".join(words[2:])[5:])
            elif len(words) == 4:
                check = read_check(amount, number=words[2], routing=words[3])
            else:
                raise InvalidLine(f"expected {KEY_FORMAT}")
            entry = remittance.enter_item(db, code, read_stub(words[0]), check, by=user)
        except Refused as exc:
            failed += 1
            out(f"line {n}: refused ({exc.rule}): {exc.message}")
            continue
        print_entry(entry, out)
    return failed


def cmd_batch(db: Database, args: argparse.Namespace, out: Out) -> int:
    action = args.action
    if args.pdf and action != "show":
        raise InvalidLine("--pdf goes with batch show")
    if action == "list":
        day = parse_date(args.date) if args.date else None
        for b in remittance.list_batches(db, day=day, unposted=args.open):
            out(f"{b.code}  {b.kind:<8} {b.status:<9} tape {b.control_count} / "
                f"{format_display(b.control_total)}  entered {b.entered_count} / "
                f"{format_display(b.entered_total)}")
        return 0
    if action == "show":
        batch = remittance.get_batch(db, _need(args.batch, "the BATCH"))
        print_batch(batch, out)
        if args.pdf:
            write_batch_report(db, batch.code, args.pdf)
            out(f"Batch report written to {args.pdf}")
        return 0
    user = _need(args.user, "--user")
    signed_in(db, user)
    if action == "open":
        if args.count is None or args.total is None:
            raise InvalidLine("batch open needs --count and --total from the tape")
        b = remittance.open_batch(db, _need(args.terminal, "--terminal"), args.kind,
                                  args.count, parse_money(args.total, what="control total",
                                                          limit=None), by=user)
        out(f"batch {b.code} opened: tape {b.control_count} items for "
            f"{format_display(b.control_total)}")
        return 0
    code = _need(args.batch, "the BATCH")
    if action == "key":
        failed = key_lines(db, code, user, sys.stdin, out)
        print_batch(remittance.get_batch(db, code), out)
        return 1 if failed else 0
    if action == "add":
        amount = parse_money(_need(args.amount, "--amount"), what="check amount",
                             allow_zero=False)
        check = read_check(amount, micr=args.micr, number=args.number or "",
                           routing=args.routing or "")
        print_entry(remittance.enter_item(db, code, read_stub(_need(args.stub, "--stub")),
                                          check, by=user), out)
        return 0
    if action == "remove":
        if args.seq is None:
            raise InvalidLine("batch remove needs --seq")
        print_batch(remittance.remove_item(db, code, args.seq, by=user,
                                           reason=_need(args.reason, "--reason")), out)
        return 0
    if action in ("suspend", "resume"):
        step = remittance.suspend if action == "suspend" else remittance.resume
        out(f"batch {step(db, code, by=user).code} {action}d")
        return 0
    result = remittance.post_batch(db, code, by=user)
    print_batch(result.batch, out)
    for receipt in result.receipts:
        for note in receipt.notes:
            if note.startswith("SERVICE NOTICE"):
                out(f"  {receipt.number}: {note}")
    return 0


def _need(value: str | None, what: str) -> str:
    if not value:
        raise InvalidLine(f"this command needs {what}")
    return value


def cmd_notices(db: Database, args: argparse.Namespace, out: Out) -> int:
    """The day's cancel-disconnect and reconnect orders, for the field dispatch desk."""
    with db.read() as session:
        rows = notice_rows(session, parse_date(args.date))
    for n in rows:
        mark = f"  WITHDRAWN {n['withdrawn']}" if n["withdrawn"] else ""
        out(f"{str(n['at'])[11:16]}  {n['order']:<17} {n['account']:<10} {n['name']!s:<28} "
            f"receipt {n['receipt']}  paid {n['paid']} of {n['required']}{mark}")
    if not rows:
        out(f"no service notices on {args.date}")
    return 0


def _installment(text: str) -> tuple[dt.date, int]:
    due, sep, amount = text.partition("=")
    if not sep:
        raise InvalidLine(f"installment {text!r} should be DATE=AMOUNT")
    return parse_date(due), parse_money(amount, what=f"installment due {due}", allow_zero=False)


def cmd_arrangement(db: Database, args: argparse.Namespace, out: Out) -> int:
    signed_in(db, args.by)
    if args.action == "open":
        view = arrangements.open_arrangement(
            db, _need(args.account, "the ACCOUNT"),
            [_installment(i) for i in args.installment or []], by=args.by)
        out(f"arrangement on account {view.account}: {len(view.installments)} installments, "
            f"{format_display(view.remaining)}; {view.describe(dt.date.today())}")
        return 0
    day = parse_date(args.date) if args.date else dt.date.today()
    broken = arrangements.check_all(db, day, by=args.by)
    for account, status in broken:
        out(f"account {account}: arrangement broken; {status.describe()}")
    out(f"{len(broken)} arrangement(s) broken for installments missed before {day}")
    return 0


def add_commands(add: Add) -> None:
    p = add("batch", cmd_batch, "mail and drop-box remittance batches: open against the "
            "tape, key stubs and checks, post when balanced (asks the user's PIN)")
    p.add_argument("action", choices=["open", "key", "add", "remove", "suspend", "resume",
                                      "post", "show", "list"])
    p.add_argument("batch", nargs="?", help="the batch code, e.g. T01-B0001")
    p.add_argument("--user", help="who keys or posts the batch")
    p.add_argument("--terminal", help="open: the terminal whose remittance range it uses")
    p.add_argument("--kind", choices=list(remittance.KINDS), default="mail")
    p.add_argument("--count", type=int, help="open: the tape's item count")
    p.add_argument("--total", help="open: the tape's total")
    p.add_argument("--stub", help="add: the stub scanline, or the account number")
    p.add_argument("--amount", help="add: the check amount")
    p.add_argument("--micr", help="add: the MICR line (fills number and routing)")
    p.add_argument("--number", help="add: the check number")
    p.add_argument("--routing", help="add: the check's routing number")
    p.add_argument("--seq", type=int, help="remove: the remittance's number in the batch")
    p.add_argument("--reason", help="remove: why")
    p.add_argument("--date", help="list: batches opened or posted that day")
    p.add_argument("--open", action="store_true", help="list: only batches not yet posted")
    p.add_argument("--pdf", metavar="FILE", help="show: also write the batch report PDF "
                   "(tape, remittances, exceptions, receipt range) to this file")
    p = add("notices", cmd_notices, "the day's service notices (cancel disconnect, reconnect) "
            "for the field dispatch desk")
    p.add_argument("--date", required=True)
    p = add("arrangement", cmd_arrangement, "open a payment arrangement, or break those with "
            "a missed installment (asks the supervisor's PIN)")
    p.add_argument("action", choices=["open", "check"])
    p.add_argument("account", nargs="?")
    p.add_argument("--by", required=True, help="the supervisor")
    p.add_argument("--installment", action="append", metavar="DATE=AMOUNT")
    p.add_argument("--date", help="check: installments due before this day are missed "
                   "(default today)")
