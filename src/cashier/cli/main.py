"""The ``cashier`` command: the ledger's services from a terminal.

Every command calls the same service functions as the Qt window and journal replay; this
module only parses arguments, asks for PINs and prints results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cashier.cli import backup as cli_backup
from cashier.cli import batches as cli_batches
from cashier.cli import sync as cli_sync
from cashier.ledger import books
from cashier.ledger.audit import trail as audit
from cashier.ledger.backup.check import check_database
from cashier.ledger.database import Database, default_db_path
from cashier.ledger.day import business_day, daily_report, deposit
from cashier.ledger.drawer import cash_movements, sessions
from cashier.ledger.journal import export as journal_export
from cashier.ledger.journal import replay as journal_replay
from cashier.ledger.receipts import corrections, returned_checks
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import ReceiptRecord, get_receipt, reprint
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference import users
from cashier.ledger.rules.errors import (
    CashierError,
    InvalidLine,
    InvalidTender,
    Refused,
    ReplayStopped,
)
from cashier.ledger.rules.money import format_display, parse_money
from cashier.ledger.rules.numbers import parse_whole
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    Line,
    MoneyOrderTender,
    Payment,
    Tender,
)
from cashier.services.receipt_printing import record_detail

Out = Callable[[str], None]


def _fields(text: str, what: str) -> tuple[str, dict[str, str]]:
    """``"check=45.10,number=1042"`` -> ``("check", {"": "45.10", "number": "1042"})``."""
    head, *rest = text.split(",")
    name, _, value = head.partition("=")
    fields = {"": value}
    for part in rest:
        key, sep, val = part.partition("=")
        if not sep:
            raise InvalidLine(f"{what} {text!r}: {part!r} should be key=value")
        fields[key.strip()] = val.strip()
    return name.strip(), fields


def parse_tender(text: str) -> Tender:
    kind, f = _fields(text, "tender")
    amount = parse_money(f.pop(""), what=f"{kind} amount", allow_zero=False)

    def need(key: str) -> str:
        if key not in f:
            raise InvalidTender(f"{kind} tender needs {key}=... (got {text!r})")
        return f.pop(key)

    tender: Tender
    if kind == "cash":
        tender = CashTender(amount)
    elif kind == "check":
        tender = CheckTender(amount, need("number"), need("routing"), f.pop("account", ""))
    elif kind in ("money_order", "mo"):
        tender = MoneyOrderTender(amount, need("number"))
    elif kind == "card":
        tender = CardTender(amount, need("brand"), need("last4"), need("auth"),
                            f.pop("reference", ""))
    else:
        raise InvalidTender(f"tender type {kind!r} is not cash, check, money_order or card")
    if f:
        raise InvalidTender(f"{kind} tender does not take {', '.join(sorted(f))}")
    return tender


def parse_item(text: str) -> ItemSale:
    code, f = _fields(text, "item")
    if f.pop(""):
        raise InvalidLine(f"item {text!r} should be CODE[,qty=N][,ref=R][,amount=A]")
    quantity = f.pop("qty", "1")
    if not quantity.isdigit():
        raise InvalidLine(f"item {code}: qty {quantity!r} is not a whole number")
    amount = f.pop("amount", None)
    sale = ItemSale(code, int(quantity), f.pop("ref", ""),
                    parse_money(amount, what=f"{code} amount") if amount else None)
    if f:
        raise InvalidLine(f"item {code} does not take {', '.join(sorted(f))}")
    return sale


def parse_account(text: str) -> AccountPayment:
    number, sep, amount = text.partition("=")
    if not sep:
        raise InvalidLine(f"account payment {text!r} should be NUMBER=AMOUNT")
    return AccountPayment(number.strip(),
                          parse_money(amount, what=f"payment on {number}", allow_zero=False))


def ask_pin(user: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"PIN for {user}: ")
    return sys.stdin.readline().rstrip("\n")


def signed_in(db: Database, user: str) -> users.UserInfo:
    return users.sign_in(db, user, ask_pin(user))


def print_receipt(receipt: ReceiptRecord, out: Out, *, copy: bool = False) -> None:
    if copy:
        out("*** COPY ***")
    mark = "  ** VOID **" if receipt.is_void else ""
    out(f"Receipt {receipt.number}{mark}  {receipt.taken_at:%Y-%m-%d %H:%M}  "
        f"drawer {receipt.drawer}  cashier {receipt.cashier}")
    for line in receipt.lines:
        label = f"{line.code} {line.description}"
        if line.quantity != 1:
            label += f" x{line.quantity}"
        if line.reference:
            label += f" ({line.reference})"
        out(f"  {label:<50}{format_display(line.amount):>14}")
        for applied in line.applied:
            out(f"      {applied.service} {applied.bill_date}: {format_display(applied.amount)}")
        if line.credit:
            out(f"      credit on account: {format_display(line.credit)}")
    out(f"  {'TOTAL':<50}{format_display(receipt.total):>14}")
    for t in receipt.tenders:
        detail = record_detail(t, with_bank=True)
        label = f"{t.type.upper()} {detail}" if detail else t.type.upper()
        out(f"  {label:<50}{format_display(t.amount):>14}")
    out(f"  {'CHANGE':<50}{format_display(receipt.change):>14}")
    if receipt.is_void:
        out(f"  voided by {receipt.voided_by}, approved by {receipt.void_approver}: "
            f"{receipt.void_reason}")
    for note in receipt.notes:
        out(f"  {note}")


def print_entries(entries: Sequence[books.EntryRecord], out: Out) -> None:
    for entry in entries:
        reverses = f" (reverses entry {entry.reverses})" if entry.reverses else ""
        out(f"Entry {entry.id} {entry.kind} {entry.business_date}{reverses}: {entry.memo}")
        for account, cents in entry.postings:
            debit = format_display(cents) if cents > 0 else ""
            credit = format_display(-cents) if cents < 0 else ""
            out(f"  {account:<12}{debit:>14}{credit:>14}".rstrip())
        out(f"  {'balanced' if entry.balanced else 'NOT BALANCED'}")


def print_account(view: books.AccountView, out: Out) -> None:
    flag = "  CASH ONLY" if view.cash_only else ""
    out(f"Account {view.number}  {view.name}  {view.address}{flag}")
    for c in view.charges:
        out(f"  {c.bill_date}  {c.service_name:<14}{format_display(c.amount):>12}"
            f"  open {format_display(c.open):>12}")
    out(f"  open charges {format_display(view.open_total)}, credit "
        f"{format_display(view.credit)}, balance due {format_display(max(view.balance, 0))}")
    for p in view.recent_payments:
        out(f"  paid {p.receipt} {p.taken_at:%Y-%m-%d} {format_display(p.amount)} {p.status}")
    if view.status.status != "active":
        out(f"  {view.status.describe()}")
    if view.arrangement is not None:
        out(f"  {view.arrangement.describe(dt.date.today())}")


def cmd_demo(db: Database, args: argparse.Namespace, out: Out) -> int:
    from cashier.services.demo import build_demo

    with db.read() as session:
        from sqlalchemy import func, select

        from cashier.ledger.store.models import User
        if session.scalar(select(func.count()).select_from(User)):
            out(f"{db.path} already holds data; use a new --db path for a fresh demo city")
            return 1
    build_demo(db, accounts=args.accounts, seed=args.seed)
    out(f"demo city written to {db.path}: {args.accounts} accounts, drawers D1-D3 "
        "(terminals T01-T03); users ana/4821, raj/7310 (cashiers), sam/2468, lee/1357 "
        "(supervisors), adm/9999 (admin)")
    return 0


def cmd_tour(db: Database, args: argparse.Namespace, out: Out) -> int:
    from cashier.cli.tour import run_tour

    return run_tour(db, out)


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
        out(f"audit trail intact: {report.rows} rows, hash chain verified")
        return 0
    out(f"AUDIT TRAIL BROKEN at row {report.first_broken}: {report.reason}")
    return 1


def parse_count(text: str) -> dict[str, int]:
    """``"20.00=5,1.00=20"`` -> ``{"20.00": 5, "1.00": 20}`` (checked by the ledger)."""
    count: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, number = part.rpartition("=")
        if not sep or not number.isdigit():
            raise InvalidLine(f"count {part!r} should be DENOMINATION=NUMBER, e.g. 20.00=5")
        count[key.strip()] = int(number)
    return count


def parse_documents(items: Sequence[str] | None, what: str) -> tuple[tuple[str, int], ...]:
    docs = []
    for item in items or []:
        number, sep, amount = item.partition("=")
        if not sep:
            raise InvalidLine(f"{what} {item!r} should be NUMBER=AMOUNT")
        docs.append((number.strip(), parse_money(amount, what=f"{what} {number} amount")))
    return tuple(docs)


def close_count(args: argparse.Namespace) -> sessions.CloseCount:
    return sessions.CloseCount(
        cash=parse_count(args.cash), checks=parse_documents(args.check, "check"),
        money_orders=parse_documents(args.money_order, "money order"),
        card_batch=parse_money(args.card_batch, what="card batch", limit=None))


def print_session(s: sessions.SessionSummary, out: Out) -> None:
    out(f"Drawer {s.drawer} ({s.terminal}) session {s.id}: {s.cashier}, "
        f"{s.status.replace('_', ' ')}, opened {s.opened_at:%Y-%m-%d %H:%M} with "
        f"{format_display(s.opening_float)}; {s.receipts} receipts, {s.voids} void")
    if s.previous_session_id:
        handed = ", ".join(f"{t.replace('_', ' ')} {format_display(s.opening.get(t))}"
                           for t in ("check", "money_order", "card") if s.opening.get(t))
        out(f"  relief of session {s.previous_session_id}" + (f"; also took over {handed}"
                                                              if handed else ""))
    if s.handed_to:
        out(f"  handed over to {s.handed_to}")
    for kind, amount in s.movements:
        out(f"  {kind.replace('_', '-')}: {format_display(amount)}")
    if s.counted is None or s.expected is None or s.over_short is None:
        out("  expected amounts are shown after the blind count")
        return
    out(f"  {'tender':<12}{'counted':>14}{'expected':>14}{'over/short':>14}")
    for tender in ("cash", "check", "money_order", "card"):
        out(f"  {tender:<12}{format_display(s.counted.get(tender)):>14}"
            f"{format_display(s.expected.get(tender)):>14}"
            f"{format_display(s.over_short.get(tender)):>14}")
    if s.recounted:
        out("  recounted once after the reveal")
    out(f"  approved by {s.approved_by}: {s.approval_note}" if s.approved_by
        else "  waiting for a supervisor's approval")


def approval_target(db: Database, args: argparse.Namespace) -> int | sessions.SessionKey:
    """The session ``drawer approve`` names: ``--session ID`` or ``--opened ISO`` (with
    ``--cashier`` when two opened at once). Naming none is refused with the sessions that
    wait, so the wrong one of a handoff's two is never approved by default (issue #19)."""
    if args.session is not None and args.opened:
        raise InvalidLine("drawer approve takes --session or --opened, not both")
    if args.session is not None:
        return parse_whole(args.session, what="--session", minimum=1)
    if args.opened:
        try:
            opened = dt.datetime.fromisoformat(args.opened)
        except ValueError:
            raise InvalidLine(f"--opened {args.opened!r} should look like "
                              "2026-11-23T08:00:00-07:00") from None
        if opened.utcoffset() is None:
            raise InvalidLine(f"--opened {args.opened!r} needs its UTC offset "
                              "(2026-11-23T08:00:00-07:00)")
        return sessions.SessionKey(opened, args.cashier or None)
    waiting = sessions.waiting_for_approval(db, args.drawer)
    listed = "; ".join(f"--session {w.id} ({w.cashier}, opened {w.opened_at.isoformat()})"
                       for w in waiting) or "none is waiting"
    raise InvalidLine(f"drawer approve needs the session it approves: {listed}")


def cmd_drawer(db: Database, args: argparse.Namespace, out: Out) -> int:
    action = args.action
    if action == "show":
        print_session(sessions.session_summary(db, args.drawer), out)
        return 0
    if action == "approve":
        if not args.user:
            raise InvalidLine("drawer approve needs --user (the supervisor)")
        signed_in(db, args.user)
        which = approval_target(db, args)
        print_session(sessions.approve_close(db, args.drawer, args.user, args.note or "",
                                             session=which), out)
        return 0
    if not args.user:
        raise InvalidLine(f"drawer {action} needs --user (the cashier)")
    signed_in(db, args.user)
    if action == "open":
        if args.approver:
            signed_in(db, args.approver)
        print_session(sessions.open_drawer(db, args.drawer, args.user, parse_count(args.cash),
                                           approver=args.approver), out)
    elif action == "no-sale":
        cash_movements.no_sale(db, args.drawer, args.user, args.reason or "")
        out(f"no-sale on drawer {args.drawer} logged: {args.reason}")
    elif action == "drop":
        signed_in(db, args.witness)
        amount = cash_movements.drop(db, args.drawer, args.user, args.witness,
                                     parse_count(args.cash))
        out(f"dropped {format_display(amount)} from drawer {args.drawer} to the safe")
    elif action == "paid-out":
        signed_in(db, args.approver)
        amount = cash_movements.paid_out(db, args.drawer, args.user, args.approver,
                                         parse_money(args.amount, what="paid-out"), args.gl,
                                         args.reason or "")
        out(f"paid out {format_display(amount)} from drawer {args.drawer} to {args.gl}")
    elif action == "close":
        print_session(sessions.close_drawer(db, args.drawer, args.user, close_count(args)), out)
        cli_backup.after_close(db, out)
    elif action == "recount":
        print_session(sessions.recount(db, args.drawer, args.user, close_count(args)), out)
    elif action == "handoff":
        if not args.to:
            raise InvalidLine("drawer handoff needs --to (the relief cashier)")
        signed_in(db, args.to)  # both sign the handed-over count
        moved = sessions.handoff(db, args.drawer, args.user, args.to, close_count(args))
        print_session(moved.outgoing, out)
        print_session(moved.incoming, out)
    return 0


def cmd_devices_test(db: Database, args: argparse.Namespace, out: Out) -> int:
    from cashier.devices.drawer import DrawerKick
    from cashier.devices.selftest import run_device_test
    from cashier.devices.settings import load_settings, settings_path

    def audit_kick(kick: DrawerKick) -> None:
        # Every kick, good or failed, is an audit event (SPEC §6).
        audit.log(db, "drawer_kick", args.user, subject=f"device:{kick.drawer}", at=kick.at,
                  detail={"reason": kick.reason, "ok": kick.ok, "error": kick.error})

    settings = load_settings(args.settings)
    out(f"device settings: {settings_path(args.settings)}")
    report = run_device_test(settings, on_kick=audit_kick)
    out(report.format())
    return 0 if report.ok else 1


def cmd_unlock(db: Database, args: argparse.Namespace, out: Out) -> int:
    signed_in(db, args.supervisor)
    users.unlock(db, args.user, supervisor=args.supervisor)
    out(f"{args.user} unlocked by {args.supervisor}")
    return 0


def cmd_journal(db_path: Path, args: argparse.Namespace, out: Out) -> int:
    if args.action == "export":
        if not args.date:
            raise InvalidLine("journal export needs --date YYYY-MM-DD")
        day = parse_date(args.date)
        last = parse_date(args.through) if args.through else day
        with Database.open(db_path, create=False) as db:
            lines = journal_export.export_days(db, day, last)
            if args.out:
                with open(args.out, "w", encoding="utf-8") as f:
                    f.writelines(line + "\n" for line in lines)
            else:
                for line in lines:
                    out(line)
        return 0
    if not args.file:
        raise InvalidLine("journal replay needs the journal FILE")
    report = journal_replay.replay_file(Path(args.file), db_path)
    done = ", ".join(f"{n} {op}" for op, n in sorted(report.operations.items()))
    out(f"replayed {args.file} into {db_path}: {done}")
    return 0


def report_for(db: Database, day: dt.date) -> dict[str, object]:
    return daily_report.daily_cash_report(db, day, generated_at=dt.datetime.now().astimezone())


def cmd_report(db: Database, args: argparse.Namespace, out: Out) -> int:
    day = parse_date(args.date)
    if args.central is not None:
        with cli_sync.open_central(args.central or None) as office:
            report = report_for(office, day)
    else:
        report = report_for(db, day)
    if args.json:
        out(json.dumps(report, indent=2, ensure_ascii=False))
    if args.pdf:
        from cashier.reports.daily_cash_pdf import render_daily_cash_report
        render_daily_cash_report(report, args.pdf)
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
        from cashier.reports.deposit_slip_pdf import render_deposit_slip
        render_deposit_slip(report, args.slip)
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


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidLine(f"date {text!r} should look like 2026-11-23") from None


DB_HELP = "database file (default: CASHIER_DB or the user data directory)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cashier", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help=DB_HELP)
    # No command opens the Qt workstation, like `cashier ui`.
    sub = parser.add_subparsers(dest="command")
    # SPEC §4 writes `cashier journal replay FILE --db NEW`: --db is taken after the command
    # too, without overriding one given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)

    def add(name: str, func: Callable[..., int], help_text: str, *,
            opens_db: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(func=func, opens_db=opens_db)
        return p

    p = add("ui", cmd_ui, "open the Qt workstation (the default; a new database gets the "
            "demo city, devices are simulated unless the settings say otherwise)",
            opens_db=False)
    p.add_argument("--settings", type=Path, default=None,
                   help="settings TOML (default: CASHIER_SETTINGS or the user config dir)")
    p = add("demo", cmd_demo, "build a demo city in an empty database")
    p.add_argument("--accounts", type=int, default=5_000)
    p.add_argument("--seed", type=int, default=2026)
    add("tour", cmd_tour, "walk one payment and its void through a demo database")
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
    p = add("receipt", cmd_receipt, "show a receipt")
    p.add_argument("number")
    p.add_argument("--entries", action="store_true", help="with its journal entries")
    p.add_argument("--reprint", action="store_true", help="print a COPY (logged, C10)")
    p.add_argument("--user", help="reprint: who reprints it (asks for the PIN)")
    p = add("entries", cmd_entries, "list journal entries")
    p.add_argument("--receipt")
    add("balances", cmd_balances, "GL balances (a trial balance; the total is always 0.00)")
    p = add("audit", cmd_audit_verify, "verify the hash-chained audit trail")
    p.add_argument("action", choices=["verify"])
    p = add("drawer", cmd_drawer, "open, drop, paid-out, no-sale, hand off to a relief cashier, "
            "close (blind), recount, approve, show a drawer session (asks for PINs)")
    p.add_argument("action", choices=["open", "no-sale", "drop", "paid-out", "handoff", "close",
                                      "recount", "approve", "show"])
    p.add_argument("drawer")
    p.add_argument("--user", help="the cashier (or, for approve, the supervisor)")
    p.add_argument("--cash", default="", metavar="20.00=5,1.00=20",
                   help="cash counted by denomination")
    p.add_argument("--check", action="append", metavar="NUMBER=AMOUNT")
    p.add_argument("--money-order", action="append", metavar="NUMBER=AMOUNT")
    p.add_argument("--card-batch", default="0.00")
    p.add_argument("--witness")
    p.add_argument("--approver")
    p.add_argument("--amount")
    p.add_argument("--gl")
    p.add_argument("--reason")
    p.add_argument("--note")
    p.add_argument("--to", help="handoff: the relief cashier taking the drawer")
    p.add_argument("--session", metavar="ID", help="approve: the session's id (drawer show, "
                   "report daily --json)")
    p.add_argument("--opened", metavar="ISO", help="approve: the session opened at this time, "
                   "e.g. 2026-11-23T08:00:00-07:00")
    p.add_argument("--cashier", help="approve with --opened: whose session, when two sessions "
                   "opened at the same time")
    p = add("devices", cmd_devices_test, "exercise every configured device (simulators by "
            "default) and print a report")
    p.add_argument("action", choices=["test"])
    p.add_argument("--settings", type=Path, default=None,
                   help="settings TOML (default: CASHIER_SETTINGS or the user config dir)")
    p.add_argument("--user", default="system", help="who runs the test (for the audit trail)")
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
    p = add("journal", cmd_journal, "export a business day's operations journal (JSONL), or "
            "replay one into a new database", opens_db=False)
    p.add_argument("action", choices=["export", "replay"])
    p.add_argument("file", nargs="?", help="replay: the journal file")
    p.add_argument("--date", help="export: the business day, YYYY-MM-DD")
    p.add_argument("--through", help="export: the last day of a range beginning at --date "
                   "(a returned check or transfer needs its receipt's day in the range)")
    p.add_argument("--out", help="export: write to this file instead of standard output")
    p = add("unlock", cmd_unlock, "unlock a locked-out user (asks for the supervisor's PIN)")
    p.add_argument("user")
    p.add_argument("--supervisor", required=True)
    cli_sync.add_commands(add)
    cli_backup.add_commands(add)
    cli_batches.add_commands(add)
    return parser


def cmd_ui(db_path: Path, args: argparse.Namespace, out: Out) -> int:
    from cashier.ui.app import run  # Qt is loaded only for the window, not for the CLI
    settings = getattr(args, "settings", None)
    return run(str(db_path), str(settings) if settings else None, [sys.argv[0]])


# `backup` repairs damaged files, `central` works on central only, and the workstation runs
# the same check itself so that it can show the message in a window.
UNCHECKED = frozenset({"backup", "central", "ui", None})


def main(argv: Sequence[str] | None = None, out: Out = print) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        args.func, args.opens_db = cmd_ui, False
    try:
        path = args.db or default_db_path()
        if args.command not in UNCHECKED:
            check_database(path)  # a damaged or restored-and-waiting file is refused here
        if not args.opens_db:
            return int(args.func(path, args, out))
        with Database.open(path) as db:
            return int(args.func(db, args, out))
    except Refused as exc:
        print(f"refused ({exc.rule}): {exc.message}", file=sys.stderr)
        return 2
    except ReplayStopped as exc:
        print(f"replay stopped: {exc}; nothing was written", file=sys.stderr)
        return 2
    except CashierError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
