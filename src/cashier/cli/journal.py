"""``cashier journal export|replay``: the operations journal of SPEC §4."""

from __future__ import annotations

import argparse
from pathlib import Path

from cashier.cli.common import (
    Add,
    Out,
    parse_date,
)
from cashier.ledger.database import Database
from cashier.ledger.journal import export as journal_export
from cashier.ledger.journal import replay as journal_replay
from cashier.ledger.rules.errors import InvalidLine


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


def add_commands(add: Add) -> None:
    p = add("journal", cmd_journal, "export a business day's operations journal (JSONL), or "
            "replay one into a new database", opens_db=False)
    p.add_argument("action", choices=["export", "replay"])
    p.add_argument("file", nargs="?", help="replay: the journal file")
    p.add_argument("--date", help="export: the business day, YYYY-MM-DD")
    p.add_argument("--through", help="export: the last day of a range beginning at --date "
                   "(a returned check or transfer needs its receipt's day in the range)")
    p.add_argument("--out", help="export: write to this file instead of standard output")
