"""``cashier unlock``, ``cashier admin user ...`` and ``cashier pin change``: who may sign in
(C14, SPEC §10). Every act asks the PIN of whoever does it; a new PIN is asked twice."""

from __future__ import annotations

import argparse

from cashier.cli import common
from cashier.cli.common import Add, Out, signed_in
from cashier.ledger.database import Database
from cashier.ledger.reference import administration, users
from cashier.ledger.rules.errors import CashierError, InvalidLine

ACTIONS = ("add", "role", "deactivate", "reactivate", "reset-pin", "list")


def cmd_unlock(db: Database, args: argparse.Namespace, out: Out) -> int:
    signed_in(db, args.supervisor)
    users.unlock(db, args.user, supervisor=args.supervisor)
    out(f"{args.user} unlocked by {args.supervisor}")
    return 0


def new_pin(user: str) -> str:
    pin = common.ask_pin(f"{user} (new)")
    if common.ask_pin(f"{user} (new, again)") != pin:
        raise CashierError(f"the two new PINs for {user} differ; nothing was changed")
    return pin


def _need(value: str | None, what: str, action: str) -> str:
    if not value:
        raise InvalidLine(f"admin user {action} needs {what}")
    return value


def cmd_admin(db: Database, args: argparse.Namespace, out: Out) -> int:
    signed_in(db, args.by)
    action = args.action
    if action == "list":
        for row in administration.user_list(db):
            state = "active" if row.active else "deactivated"
            if row.locked:
                state += ", locked"
            seen = f"{row.last_sign_in:%Y-%m-%d %H:%M}" if row.last_sign_in else "never"
            out(f"{row.id:<12}{row.name:<28}{row.role:<12}{state:<20}last sign-in {seen}")
        return 0
    user = _need(args.user, "the USER", action)
    if action == "add":
        name = _need(args.name, "--name", action)
        role = _need(args.role, "--role", action)
        info = administration.add_user(db, user, name, role, new_pin(user), by=args.by)
        out(f"{info.id} ({info.name}) added as {info.role} by {args.by}")
    elif action == "role":
        info = administration.change_role(db, user, _need(args.role, "--role", action),
                                          by=args.by)
        out(f"{info.id} is {info.role}")
    elif action in ("deactivate", "reactivate"):
        administration.set_active(db, user, action == "reactivate", by=args.by)
        out(f"{user} {action}d by {args.by}")
    else:
        administration.reset_pin(db, user, by=args.by, pin=new_pin(user))
        out(f"{user}'s PIN reset by {args.by}; hand it over in person")
    return 0


def cmd_pin(db: Database, args: argparse.Namespace, out: Out) -> int:
    old = common.ask_pin(args.user)
    administration.change_own_pin(db, args.user, old, new_pin(args.user))
    out(f"{args.user}'s PIN changed")
    return 0


def add_commands(add: Add) -> None:
    p = add("unlock", cmd_unlock, "unlock a locked-out user (asks for the supervisor's PIN)")
    p.add_argument("user")
    p.add_argument("--supervisor", required=True)
    p = add("admin", cmd_admin, "users: add, change a role, deactivate, reactivate, reset a "
            "PIN, list (an admin; asks the admin's PIN, and a new PIN twice)")
    p.add_argument("subject", choices=["user"])
    p.add_argument("action", choices=ACTIONS)
    p.add_argument("user", nargs="?")
    p.add_argument("--by", required=True, help="the admin")
    p.add_argument("--name", help="add: the user's name")
    p.add_argument("--role", choices=users.ROLES, help="add, role: the role")
    p = add("pin", cmd_pin, "change your own PIN (asks the old one, then the new one twice)")
    p.add_argument("action", choices=["change"])
    p.add_argument("--user", required=True)
