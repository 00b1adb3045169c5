"""``cashier drawer ...``: a drawer session from opening float to approved close, with
its drops, paid-outs, no-sales and relief handoffs."""

from __future__ import annotations

import argparse
import sys

from cashier.cli.common import (
    Add,
    Out,
    parse_count,
    parse_documents,
    parse_moment,
    signed_in,
)
from cashier.ledger.database import Database
from cashier.ledger.drawer import cash_movements, sessions
from cashier.ledger.rules.errors import CashierError, InvalidLine
from cashier.ledger.rules.money import format_display, parse_money
from cashier.ledger.rules.numbers import parse_whole
from cashier.services.backups import backup_after_close


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
        return sessions.SessionKey(parse_moment(args.opened, "--opened"), args.cashier or None)
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
        try:
            taken = backup_after_close(db)
        except (CashierError, OSError) as exc:
            # The close is committed: a failed backup is a warning, never an error that
            # could make someone close the drawer again.
            print(f"warning: the drawer is closed, but its backup failed: {exc}",
                  file=sys.stderr)
        else:
            if taken is not None:
                out(f"backup: {taken.path}")
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


def add_commands(add: Add) -> None:
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
