"""Back-office corrections from the shell: ``cashier nsf``, ``cashier transfer`` and
``cashier refund``, each asking for the supervisor's PIN (and the cashier's, for cash)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer.sessions import CloseCount, close_drawer, open_drawer
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.rules.values import AccountPayment, CashTender, CheckTender, Payment
from tests.cli.test_cli import run
from tests.conftest import AT, FLOAT, PINS, approve_waiting

# A month before the conftest day, so the corrections, taken now, fall on a later day.
START = AT - dt.timedelta(days=30)


def at(minute: int, day: int = 0) -> dt.datetime:
    return START + dt.timedelta(days=day, minutes=minute)


@pytest.fixture
def closed_day(office: Database) -> Database:
    """ana took 1000001's bill by check (T01-000001) and 100.00 cash on 1000002's 60.00 bill
    (T01-000002, 40.00 credit); the day is balanced, deposited and closed. The next day ana
    has D1 open again."""
    open_drawer(office, "D1", "ana", FLOAT, at=at(0))
    post_payment(office, Payment("D1", "ana", (AccountPayment("1000001", 15510),),
                                 (CheckTender(15510, "1001", "111000025"),), at(5)))
    post_payment(office, Payment("D1", "ana", (AccountPayment("1000002", 10000),),
                                 (CashTender(10000),), at(6)))
    close_drawer(office, "D1", "ana", CloseCount({**FLOAT, "100.00": 1},
                                                 checks=(("1001", 15510),)), at=at(400))
    approve_waiting(office, "D1", "sam", at=at(401))
    make_deposit(office, START.date(), "sam", "lee", "B-1", at=at(402))
    close_day(office, START.date(), "sam", at=at(403))
    open_drawer(office, "D1", "ana", FLOAT, at=at(0, 1))
    return office


def pins(*users: str) -> str:
    return "".join(f"{PINS[u]}\n" for u in users)


def test_nsf_from_the_command_line(closed_day: Database, db_path: Path) -> None:
    result = run(db_path, "nsf", "T01-000001", "--by", "sam", "--reason", "returned NSF",
                 stdin=pins("sam"))
    assert result.returncode == 0, result.stderr
    assert "returned check (NSF) on receipt T01-000001" in result.stdout
    assert "fee $25.00" in result.stdout
    assert books.account_view(closed_day, "1000001").open_total == 15510 + 2500
    shown = run(db_path, "receipt", "T01-000001", "--entries")
    assert "CHECK RETURNED (NSF)" in shown.stdout and "(reverses entry" in shown.stdout


def test_a_second_nsf_on_the_command_line_is_refused_with_its_rule(
        closed_day: Database, db_path: Path) -> None:
    first = run(db_path, "nsf", "T01-000001", "--by", "sam", "--reason", "NSF",
                "--fee", "0.00", stdin=pins("sam"))
    assert first.returncode == 0, first.stderr
    again = run(db_path, "nsf", "T01-000001", "--by", "lee", "--reason", "NSF",
                stdin=pins("lee"))
    assert again.returncode == 2
    assert "refused (correction): the check of receipt T01-000001 was already returned" \
        in again.stderr


def test_a_cashier_cannot_post_an_nsf(closed_day: Database, db_path: Path) -> None:
    result = run(db_path, "nsf", "T01-000001", "--by", "ana", "--reason", "NSF",
                 stdin=pins("ana"))
    assert result.returncode == 2 and "refused (role)" in result.stderr


def test_transfer_from_the_command_line(closed_day: Database, db_path: Path) -> None:
    result = run(db_path, "transfer", "T01-000002", "--to", "1000003", "--approver", "lee",
                 "--reason", "keyed the wrong account", stdin=pins("lee"))
    assert result.returncode == 0, result.stderr
    assert "moved from account 1000002 to 1000003" in result.stdout
    assert books.account_view(closed_day, "1000003").open_total == 0
    assert books.account_view(closed_day, "1000002").open_total == 6000
    shown = run(db_path, "receipt", "T01-000002")
    assert "PAYMENT TRANSFERRED" in shown.stdout and "keyed the wrong account" in shown.stdout


def test_cash_refund_from_a_drawer_and_over_the_limit(closed_day: Database,
                                                      db_path: Path) -> None:
    cash = run(db_path, "refund", "1000002", "--amount", "40.00", "--by", "sam", "--reason",
               "overpaid", "--drawer", "D1", "--cashier", "ana", stdin=pins("ana", "sam"))
    assert cash.returncode == 0, cash.stderr  # 40.00 is under the 50.00 default limit
    assert "in cash from drawer D1 (ana, approved by sam)" in cash.stdout
    drawer = run(db_path, "drawer", "show", "D1")
    assert "refund: $40.00" in drawer.stdout
    post_payment(closed_day, Payment("D1", "ana", (AccountPayment("1000003", 16000),),
                                     (CashTender(16000),)))
    refused = run(db_path, "refund", "1000003", "--amount", "60.00", "--by", "sam",
                  "--reason", "overpaid", "--drawer", "D1", "--cashier", "ana",
                  stdin=pins("ana", "sam"))
    assert refused.returncode == 2 and "refused (refund_limit)" in refused.stderr
    by_check = run(db_path, "refund", "1000003", "--amount", "60.00", "--by", "sam",
                   "--reason", "overpaid", stdin=pins("sam"))
    assert by_check.returncode == 0, by_check.stderr
    assert "sent to accounts payable" in by_check.stdout


def test_a_range_export_replays_a_correction_of_an_earlier_day(
        closed_day: Database, db_path: Path, tmp_path: Path) -> None:
    done = run(db_path, "nsf", "T01-000001", "--by", "sam", "--reason", "NSF",
               stdin=pins("sam"))
    assert done.returncode == 0, done.stderr
    today = dt.datetime.now().astimezone().date().isoformat()
    journal = tmp_path / "range.jsonl"
    exported = run(db_path, "journal", "export", "--date", START.date().isoformat(),
                   "--through", today, "--out", str(journal))
    assert exported.returncode == 0, exported.stderr
    assert any(json.loads(line)["op"] == "nsf" for line in journal.read_text().splitlines())
    replayed = run(tmp_path / "new.sqlite3", "journal", "replay", str(journal))
    assert replayed.returncode == 0, replayed.stderr
    assert "1 nsf" in replayed.stdout
