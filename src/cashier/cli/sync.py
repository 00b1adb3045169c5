"""The ``cashier`` commands for central and sync (SPEC §7): upgrading a database, loading and
applying at central, and a terminal joining, syncing and reporting its backlog.

Central's URL comes from ``--url`` or ``CASHIER_CENTRAL_URL``; a password is never taken on
the command line's stored form and never printed (see ``sync.link``).
"""

from __future__ import annotations

import argparse
import time
from importlib import resources
from pathlib import Path

from cashier.cli.common import Add, Out, central_url, open_central
from cashier.ledger.database import Database
from cashier.ledger.journal import replay as journal_replay
from cashier.ledger.rules.errors import CashierError
from cashier.sync import central, central_watch, link, worker
from cashier.sync.join import join


def grants_sql() -> str:
    """The roles script for central (terminals may insert operations and read reference
    data, nothing more)."""
    return resources.files("cashier.sync").joinpath("central_grants.sql").read_text("utf-8")


def cmd_db(db_path: Path, args: argparse.Namespace, out: Out) -> int:
    if args.url:
        with open_central(args.url):
            out(f"central {link.redact(central_url(args.url))} is at the newest schema")
        return 0
    with Database.open(db_path):
        out(f"{db_path} is at the newest schema")
    return 0


def cmd_central(db_path: Path, args: argparse.Namespace, out: Out) -> int:
    if args.action == "grants":
        out(grants_sql().rstrip("\n"))
        return 0
    with open_central(args.url) as db:
        if args.action == "load":
            if not args.file:
                raise CashierError("central load needs the journal FILE")
            lines = Path(args.file).read_text(encoding="utf-8").splitlines()
            report = journal_replay.apply(db, journal_replay.plan(lines))
            done = ", ".join(f"{n} {op}" for op, n in sorted(report.operations.items()))
            out(f"loaded {args.file} into central: {done}")
        elif args.action == "demo":
            from cashier.services.demo import build_demo
            build_demo(db, accounts=args.accounts)
            out(f"central now holds the demo city ({args.accounts} accounts)")
        elif args.action == "apply":
            _apply(db, args.watch, out)
        elif args.action == "resume":
            if not args.terminal:
                raise CashierError("central resume needs --terminal")
            resumed = central.resume(db, args.terminal)
            out(f"{args.terminal}: " + ("resumed" if resumed else "was not stopped"))
        else:
            for t in central.terminals(db):
                stop = f", STOPPED at {t.stopped_seq}: {t.stopped_reason}" \
                    if t.stopped_seq is not None else ""
                out(f"{t.terminal}: applied up to operation {t.applied_seq}"
                    f" ({t.applied_at.isoformat() if t.applied_at else 'never'}){stop}")
    return 0


def _apply(db: Database, watch: float | None, out: Out) -> None:
    if watch:
        central_watch.watch(db, watch, out)
    else:
        central_watch.report(central.apply_pending(db), out)


def cmd_sync(db_path: Path, args: argparse.Namespace, out: Out) -> int:
    if args.action == "join":
        if not args.central or not args.terminal:
            raise CashierError("sync join needs --central URL and --terminal CODE")
        with Database.open(db_path) as db:
            joined = join(db, args.central, args.terminal)
        taken = ", ".join(f"{n} {table}" for table, n in joined.rows.items())
        out(f"{db_path} joined {link.redact(args.central)} as {args.terminal}: {taken}")
        return 0
    with Database.open(db_path, create=False) as db:
        if args.action == "status":
            s = worker.status(db)
            if not s.configured:
                out("sync: local only (this terminal has not joined a central database)")
                return 0
            out(f"sync: {'online' if s.online else 'OFFLINE'}, {s.backlog} operation(s) "
                f"waiting, last reached central {s.last_ok_at or 'never'}")
            if s.last_error:
                out(f"last error: {s.last_error}")
            return 0
        while True:
            try:
                cycle = worker.sync_once(db)
                rows = sum(cycle.pulled.rows.values())
                wait = " (balances wait until central applies this terminal's operations)" \
                    if cycle.pulled.accounts_deferred else ""
                out(f"pushed {cycle.pushed.sent} operation(s), pulled {rows} row(s){wait}")
            except link.CentralUnreachable as exc:
                if not args.watch:
                    raise
                out(f"offline: {exc}")
            if not args.watch:
                return 0
            time.sleep(args.watch)


def add_commands(add: Add) -> None:
    p = add("db", cmd_db, "bring a database to the newest schema: this terminal's, or "
            "central's with --url (the same migrations build both)", opens_db=False)
    p.add_argument("action", choices=["upgrade"])
    p.add_argument("--url", help="central PostgreSQL URL (postgresql+psycopg://…)")
    p = add("central", cmd_central, "the office's central database: load reference data, "
            "apply the terminals' pushed operations, show or resume terminals, print the "
            "roles script",
            opens_db=False)
    p.add_argument("action", choices=["load", "demo", "apply", "status", "resume", "grants"])
    p.add_argument("file", nargs="?", help="load: a journal file of reference data")
    p.add_argument("--url", help="central URL (default: CASHIER_CENTRAL_URL)")
    p.add_argument("--accounts", type=int, default=5_000, help="demo: how many accounts")
    p.add_argument("--watch", type=float, metavar="SECONDS",
                   help="apply: keep applying every SECONDS")
    p.add_argument("--terminal", help="resume: the stopped terminal")
    p = add("sync", cmd_sync, "this terminal and central: join, sync now (or keep syncing), "
            "show the backlog", opens_db=False)
    p.add_argument("action", choices=["join", "run", "status"])
    p.add_argument("--central", help="join: central's URL (its password from "
                   f"{link.PASSWORD_ENV} or the OS keyring)")
    p.add_argument("--terminal", help="join: this terminal's code at central, e.g. T02")
    p.add_argument("--watch", type=float, metavar="SECONDS", help="run: keep syncing")
