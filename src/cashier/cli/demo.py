"""``cashier demo``: a demo city in an empty database (``cashier tour`` walks through it)."""

from __future__ import annotations

import argparse

from cashier.cli.common import (
    Add,
    Out,
)
from cashier.ledger.database import Database
from cashier.ledger.reference import users


def cmd_demo(db: Database, args: argparse.Namespace, out: Out) -> int:
    from cashier.services.demo import build_demo

    if users.anyone(db):
        out(f"{db.path} already holds data; use a new --db path for a fresh demo city")
        return 1
    build_demo(db, accounts=args.accounts, seed=args.seed)
    out(f"demo city written to {db.path}: {args.accounts} accounts, drawers D1-D3 "
        "(terminals T01-T03); users ana/482193, raj/731046 (cashiers), sam/246813, lee/135792 "
        "(supervisors), adm/909090 (admin)")
    return 0


def add_commands(add: Add) -> None:
    p = add("demo", cmd_demo, "build a demo city in an empty database")
    p.add_argument("--accounts", type=int, default=5_000)
    p.add_argument("--seed", type=int, default=2026)
