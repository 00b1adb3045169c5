"""``cashier unlock``: a supervisor lets a locked-out user sign in again (C14)."""

from __future__ import annotations

import argparse

from cashier.cli.common import (
    Add,
    Out,
    signed_in,
)
from cashier.ledger.database import Database
from cashier.ledger.reference import users


def cmd_unlock(db: Database, args: argparse.Namespace, out: Out) -> int:
    signed_in(db, args.supervisor)
    users.unlock(db, args.user, supervisor=args.supervisor)
    out(f"{args.user} unlocked by {args.supervisor}")
    return 0


def add_commands(add: Add) -> None:
    p = add("unlock", cmd_unlock, "unlock a locked-out user (asks for the supervisor's PIN)")
    p.add_argument("user")
    p.add_argument("--supervisor", required=True)
