"""The ``cashier`` command: the ledger's services from a terminal.

Every command calls the same ledger and service functions as the Qt window and journal
replay; the command groups (one module each, importing ``common`` and never each other) only
parse arguments, ask for PINs and print results. This module wires the groups into one parser
and turns refusals into exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cashier.cli import (
    backup,
    batches,
    books,
    corrections,
    counter,
    day,
    demo,
    devices,
    drawer,
    journal,
    sync,
    tour,
    users,
)
from cashier.cli.common import DB_HELP, Out
from cashier.ledger.backup.check import check_database
from cashier.ledger.database import Database, default_db_path
from cashier.ledger.rules.errors import CashierError, Refused, ReplayStopped
from cashier.ledger.store.private_files import owner_only_umask

# In the order `cashier --help` lists them.
GROUPS = (demo, tour, counter, corrections, books, drawer, devices, day, journal, users, sync,
          backup, batches)


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
    for group in GROUPS:
        group.add_commands(add)
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
    previous = owner_only_umask()  # exports, reports and backups are the owner's (SPEC §11)
    try:
        return _run(args, out)
    finally:
        os.umask(previous)


def _run(args: argparse.Namespace, out: Out) -> int:
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
