"""Every day's journal export replays alone (SPEC §4, issue #19 "done when"): the demo city's
week, exported day by day, each day replayed into an empty database, gives that day's Daily
Cash Report exactly — Thursday begun by a relief handoff of Wednesday's overnight drawer and
a void of its receipt, NSF returns and a transfer of earlier days' receipts included."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cashier.ledger.database import Database
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.journal.export import export_day
from cashier.ledger.journal.replay import replay_file
from cashier.services.demo import build_demo
from cashier.services.demo_week import run_demo_week
from tests.conftest import replayable

MONDAY = dt.date(2026, 11, 16)
WEEK = [MONDAY + dt.timedelta(days=n) for n in range(5)]


# Each day's report as the supervisor printed it when the day's last operation was in.
PRINTED: dict[dt.date, dict[str, Any]] = {}


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("week") / "demo.sqlite3"
    with Database.open(path) as db:
        build_demo(db, accounts=40)

        def printed(day: dt.date) -> None:
            PRINTED[day] = daily_cash_report(db, day)
        run_demo_week(db, MONDAY, day_done=printed)
        yield db


def ops_of(lines: list[str]) -> list[str]:
    return [json.loads(line)["op"] for line in lines]


@pytest.mark.parametrize("day", WEEK, ids=[f"{d:%a}" for d in WEEK])
def test_each_day_of_the_week_replays_alone_to_the_same_report(
        week: Database, tmp_path: Path, day: dt.date) -> None:
    lines = list(export_day(week, day))
    journal = tmp_path / f"{day}.jsonl"
    journal.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    replay_file(journal, tmp_path / "alone.sqlite3")
    with Database.open(tmp_path / "alone.sqlite3") as alone:
        assert replayable(daily_cash_report(alone, day)) == replayable(PRINTED[day])
        if PRINTED[day]["status"] == "closed":
            # A closed day is locked (C12): what came after changed nothing in it. Wednesday
            # stays open, and Thursday's void of its late receipt changes its figures since.
            assert daily_cash_report(week, day) == PRINTED[day]
        # The rebuilt day exports as the same file, context and all.
        assert list(export_day(alone, day)) == lines


def test_the_week_needs_what_the_days_carry(week: Database) -> None:
    """The week really has the cross-day cases: otherwise the test above proves little."""
    thursday = list(export_day(week, WEEK[3]))
    ops = ops_of(thursday)
    assert ops.count("drawer_state") == 1  # Wednesday's late D3, still open at midnight
    context = [json.loads(line) for line in thursday
               if json.loads(line).get("context") is True]
    assert len(context) == 4  # the void, the NSF, the transfer and the reprint name them
    assert {"sequence"} <= set(ops)
    assert {"void", "handoff", "nsf", "transfer", "reprint"} <= set(ops[ops.index("open_drawer")
                                                                       - 1:])
    report = daily_cash_report(week, WEEK[3])
    assert report["status"] == "closed"
    assert [s["cashier"] for s in report["sessions"]] == ["raj", "ana"]  # D2, then D3 relief


@pytest.mark.parametrize("day", WEEK, ids=[f"{d:%a}" for d in WEEK])
def test_every_balancing_check_of_the_week_passes(week: Database, day: dt.date) -> None:
    """Thursday's void of Wednesday's overnight receipt nets against Wednesday, the day it
    was taken, in the GL as in the receipts and the drawer: both days still balance."""
    failed = [(i["name"], i["left"], i["right"])
              for i in daily_cash_report(week, day)["identities"] if not i["passed"]]
    assert failed == []
