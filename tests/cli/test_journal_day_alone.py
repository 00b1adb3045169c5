"""``cashier journal export --date D`` of a day that depends on earlier ones (the demo week's
Thursday: begun by the relief handoff of Wednesday's overnight drawer and a void of its
receipt; an NSF return, a transfer and a reprint of earlier receipts) replays with
``cashier journal replay`` into an empty database, and ``cashier report daily --json`` of the
rebuilt database is the original's (SPEC §4, issue #19)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cashier.cli.main import main
from cashier.ledger.database import Database
from cashier.services.demo import build_demo
from cashier.services.demo_week import run_demo_week
from tests.conftest import replayable

MONDAY = dt.date(2026, 11, 16)
THURSDAY = "2026-11-19"


def report(db_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["--db", str(db_path), "report", "daily", "--date", THURSDAY, "--json"]) == 0
    printed: dict[str, object] = json.loads(capsys.readouterr().out)
    del printed["generated_at"]
    return replayable(printed)


def test_thursday_exported_alone_replays_to_the_same_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "week.sqlite3"
    with Database.open(source) as db:
        build_demo(db, accounts=40)
        run_demo_week(db, MONDAY)
    journal = tmp_path / "thursday.jsonl"
    assert main(["--db", str(source), "journal", "export", "--date", THURSDAY,
                 "--out", str(journal)]) == 0
    rebuilt = tmp_path / "rebuilt.sqlite3"
    assert main(["--db", str(rebuilt), "journal", "replay", str(journal)]) == 0
    assert report(rebuilt, capsys) == report(source, capsys)
