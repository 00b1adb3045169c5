"""The operations journal (SPEC §4): a day exported and replayed into an empty database gives
the same receipts, GL balances and drawer results; a corrupt or refused line stops the replay
with its line number and rule and leaves no database behind."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cashier.ledger import books
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.drawer.cash_movements import drop, no_sale, paid_out
from cashier.ledger.drawer.sessions import (
    CloseCount,
    close_drawer,
    handoff,
    open_drawer,
)
from cashier.ledger.journal.export import export_day
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import receipt_record
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.errors import CashierError, ReplayStopped
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Payment,
)
from cashier.ledger.store.models import DrawerSession, Operation, Receipt
from tests.conftest import AT, FLOAT, approve_waiting

ROUTING = "111000025"
DAY = AT.date()


def minutes(n: int) -> dt.datetime:
    return AT + dt.timedelta(minutes=n)


def run_shift(db: Database) -> None:
    """Two cashiers, a relief handoff, drops, a paid-out, voids, a blind close with a
    shortage and supervisor approvals."""
    open_drawer(db, "D1", "ana", FLOAT, at=minutes(0))
    open_drawer(db, "D2", "raj", {**FLOAT, "1.00": 19}, approver="sam", at=minutes(1))
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000001", 4510),
                                           ItemSale("DOGA", reference="TAG-88")),
                             (CashTender(7000),), minutes(5)))
    post_payment(db, Payment("D2", "raj", (ItemSale("BLDP", reference="P-1", unit_amount=9000),),
                             (CheckTender(9000, "1042", ROUTING),), minutes(6)))
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 8000),),
                             (MoneyOrderTender(5000, "MO-7"), CashTender(3000)), minutes(7)))
    post_payment(db, Payment("D2", "raj", (ItemSale("TRNS"),),
                             (CardTender(5500, "VISA", "4242", "A1B2C3"),), minutes(8)))
    post_payment(db, Payment("D1", "ana", (ItemSale("PARK", reference="C-9", unit_amount=3500),),
                             (CashTender(4000),), minutes(9)))
    void_receipt(db, "T01-000003", cashier="ana", approver="sam", reason="wrong citation",
                 at=minutes(10))
    no_sale(db, "D1", "ana", "make change", at=minutes(11))
    drop(db, "D1", "ana", "sam", {"20.00": 5}, at=minutes(12))
    paid_out(db, "D2", "raj", "lee", 1200, "101-5200", "postage due", at=minutes(13))
    # ana hands D1 to lee: 200 float + 65.10 + 30.00 cash − 100.00 drop = 195.10 expected;
    # 190.00 and the money order counted, so ana is 5.10 short.
    handoff(db, "D1", "ana", "lee", CloseCount({"20.00": 5, "10.00": 4, "5.00": 6, "1.00": 20},
                                               money_orders=(("MO-7", 5000),)), at=minutes(20))
    post_payment(db, Payment("D1", "lee", (AccountPayment("1000003", 2500),),
                             (CashTender(2500),), minutes(25)))
    close_drawer(db, "D1", "lee", CloseCount({"20.00": 6, "10.00": 4, "5.00": 7, "1.00": 20},
                                             money_orders=(("MO-7", 5000),)), at=minutes(40))
    close_drawer(db, "D2", "raj", CloseCount({**FLOAT, "1.00": 7},
                                             checks=(("1042", 9000),), card_batch=5500),
                 at=minutes(41))
    approve_waiting(db, "D1", "sam", "ana short at handoff", at=minutes(50))
    approve_waiting(db, "D1", "sam", at=minutes(51))
    approve_waiting(db, "D2", "sam", "paid-out receipt attached, counted twice", at=minutes(52))


def snapshot(db: Database) -> dict[str, Any]:
    with db.read() as s:
        receipts = [receipt_record(s, r) for r in
                    s.scalars(select(Receipt).order_by(Receipt.number))]
        sessions = [
            (r.drawer, r.cashier, r.status, r.opening_cents, r.opening_check_cents,
             r.opening_money_order_cents, r.opening_card_cents, r.handed_to,
             r.counted_cash_cents, r.counted_check_cents, r.counted_money_order_cents,
             r.counted_card_cents, r.expected_cash_cents, r.expected_check_cents,
             r.expected_money_order_cents, r.expected_card_cents, r.approved_by,
             r.approval_note, r.recounted, r.close_count)
            for r in s.scalars(select(DrawerSession).order_by(DrawerSession.id))]
        ops = [(o.uuid, o.op, o.body) for o in s.scalars(select(Operation).order_by(Operation.seq))]
    accounts = {n: (v.open_total, v.credit) for n in ("1000001", "1000002", "1000003")
                for v in [books.account_view(db, n)]}
    return {"receipts": receipts, "sessions": sessions, "ops": ops,
            "balances": books.gl_balances(db), "accounts": accounts}


def export(db: Database, path: Path) -> Path:
    path.write_text("".join(line + "\n" for line in export_day(db, DAY)), encoding="utf-8")
    return path


def test_export_replay_gives_the_same_day(office: Database, tmp_path: Path) -> None:
    run_shift(office)
    journal = export(office, tmp_path / "day.jsonl")
    report = replay_file(journal, tmp_path / "rebuilt.sqlite3")
    assert report.operations["payment"] == 6
    with Database.open(tmp_path / "rebuilt.sqlite3") as rebuilt:
        assert snapshot(rebuilt) == snapshot(office)
        assert audit.verify(rebuilt).ok
        # Exporting the rebuilt day gives the same file, line for line.
        assert export(rebuilt, tmp_path / "again.jsonl").read_text() == journal.read_text()


def test_export_is_self_contained_and_never_holds_a_pin(office: Database,
                                                        tmp_path: Path) -> None:
    run_shift(office)
    lines = [json.loads(line) for line in export_day(office, DAY)]
    ops = [line["op"] for line in lines]
    first_op = ops.index("open_drawer")
    assert set(ops[:first_op]) == {"gl_account", "service", "item", "user", "drawer", "account"}
    users = [line for line in lines if line["op"] == "user"]
    assert all("pin" not in u and u["pin_hash"].startswith("$argon2id$") for u in users)
    accounts = {line["number"]: line for line in lines if line["op"] == "account"}
    assert set(accounts) == {"1000001", "1000002", "1000003"}
    # Accounts are exported as they stood when the day began, before its payments.
    assert [c["amount"] for c in accounts["1000001"]["charges"]] == ["45.10", "30.00", "80.00"]
    assert all(line.get("v") == 1 for line in lines)


def test_a_day_with_nothing_in_it_exports_only_reference_data(office: Database) -> None:
    ops = {json.loads(line)["op"] for line in export_day(office, DAY)}
    assert ops == {"gl_account", "service", "item", "user", "drawer"}


SHIFT = [
    {"v": 1, "op": "gl_account", "code": "101-4410", "name": "Dog licenses", "fund": "101"},
    {"v": 1, "op": "gl_account", "code": "503-1210", "name": "Water AR", "fund": "503"},
    {"v": 1, "op": "service", "code": "water", "name": "Water", "priority": 3, "gl": "503-1210"},
    {"v": 1, "op": "item", "code": "DOGA", "name": "Dog license, altered", "price": "20.00",
     "gl": [{"account": "101-4410", "share": "1"}]},
    {"v": 1, "op": "account", "number": "1000001", "name": "ANA RUIZ",
     "address": "120 N CENTER ST", "cash_only": False,
     "charges": [{"service": "water", "bill_date": "2026-10-15", "amount": "45.10"}]},
    {"v": 1, "op": "user", "id": "ana", "name": "Ana Ruiz", "role": "cashier", "pin": "482193"},
    {"v": 1, "op": "user", "id": "sam", "name": "Sam Ortiz", "role": "supervisor",
     "pin": "246813"},
    {"v": 1, "op": "drawer", "code": "D1", "terminal": "T01", "float": "200.00"},
    {"v": 1, "op": "open_drawer", "at": "2026-11-23T08:00:00-07:00", "drawer": "D1",
     "terminal": "T01", "cashier": "ana", "float": {"20.00": 5, "10.00": 5, "5.00": 6,
                                                     "1.00": 20}},
    {"v": 1, "op": "payment", "at": "2026-11-23T09:00:00-07:00", "drawer": "D1",
     "cashier": "ana", "lines": [{"account": "1000001", "amount": "45.10"},
                                 {"item": "DOGA", "quantity": 1, "reference": "TAG-88"}],
     "tenders": [{"type": "cash", "amount": "70.00"}]},
    {"v": 1, "op": "void", "at": "2026-11-23T09:05:00-07:00", "receipt": "T01-000001",
     "cashier": "ana", "approver": "sam", "reason": "wrong account"},
    {"v": 1, "op": "close_drawer", "at": "2026-11-23T17:00:00-07:00", "drawer": "D1",
     "cashier": "ana", "cash": {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 19},
     "checks": [], "money_orders": [], "card_batch": "0.00"},
    {"v": 1, "op": "approve_close", "at": "2026-11-23T17:10:00-07:00", "drawer": "D1",
     "supervisor": "sam", "note": "1.00 short"},
]


def write(path: Path, lines: list[Any]) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n"
                            for x in lines), encoding="utf-8")
    return path


def test_a_hand_written_shift_in_the_spec_format_replays(tmp_path: Path) -> None:
    report = replay_file(write(tmp_path / "shift.jsonl", SHIFT), tmp_path / "new.sqlite3")
    assert report.lines == len(SHIFT)
    with Database.open(tmp_path / "new.sqlite3") as db:
        assert books.gl_balances(db)["100-5990"] == 100
        with db.read() as s:
            row = s.scalars(select(DrawerSession)).one()
            assert (row.status, row.approved_by, row.expected_cash_cents) == ("closed", "sam",
                                                                               20000)


@pytest.mark.parametrize(("bad", "rule", "words"), [
    ("{not json", "journal", "not JSON"),
    ('["a list"]', "journal", "JSON object"),
    ({"v": 2, "op": "payment"}, "journal", "version 2"),
    ({"v": 1, "op": "refund_everything", "at": "2026-11-23T09:00:00-07:00"}, "journal",
     "unknown op 'refund_everything'"),
    ({**SHIFT[9], "tenders": [{"type": "cash", "amount": "70.001"}]}, "money",
     "more than 2 decimals"),
    ({**SHIFT[9], "tenders": [{"type": "cash", "amount": 70}]}, "money", "decimal string"),
    ({**SHIFT[9], "at": "2026-11-23T09:00:00"}, "journal", "no UTC offset"),
    ({**SHIFT[9], "lines": [{"note": "x"}]}, "journal", "neither"),
    ({k: v for k, v in SHIFT[10].items() if k != "reason"}, "journal", "'reason'"),
    ({**SHIFT[11], "cash": {"20.00": "five"}}, "journal", "whole counts"),
])
def test_a_corrupt_line_stops_replay_before_anything_is_written(
        tmp_path: Path, bad: Any, rule: str, words: str) -> None:
    lines = [*SHIFT[:10], bad, *SHIFT[10:]]
    target = tmp_path / "new.sqlite3"
    with pytest.raises(ReplayStopped) as stopped:
        replay_file(write(tmp_path / "bad.jsonl", lines), target)
    assert stopped.value.line == 11
    assert stopped.value.rule == rule
    assert words in stopped.value.message
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "bad.jsonl"]


@pytest.mark.parametrize(("index", "change", "rule"), [
    (10, {"approver": "ana"}, "C3"),  # a cashier approving their own void
    (9, {"cashier": "sam"}, "C4"),  # selling from ana's drawer
    (9, {"receipt": "T01-000009"}, "C1"),  # a receipt missing before this one
    (11, {"cashier": "sam"}, "C4"),
])
def test_a_refused_line_stops_replay_with_its_number_and_rule(
        tmp_path: Path, index: int, change: dict[str, str], rule: str) -> None:
    lines = list(SHIFT)
    lines[index] = {**lines[index], **change}
    target = tmp_path / "new.sqlite3"
    with pytest.raises(ReplayStopped) as stopped:
        replay_file(write(tmp_path / "bad.jsonl", lines), target)
    assert (stopped.value.line, stopped.value.rule) == (index + 1, rule)
    assert not target.exists()


def test_replay_never_writes_over_an_existing_database(office: Database, db_path: Path,
                                                       tmp_path: Path) -> None:
    with pytest.raises(CashierError, match="already exists"):
        replay_file(write(tmp_path / "shift.jsonl", SHIFT), db_path)
