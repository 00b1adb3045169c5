"""Mail and drop-box remittance batches (issue #9): balance to the tape, post as one receipt
per remittance in the terminal's remittance range, set aside what cannot be taken."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from cashier.devices.stub_scanner import DEFAULT_STUB_LAYOUT
from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer.sessions import CloseCount, close_drawer, open_drawer
from cashier.ledger.journal.export import export_day
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.receipts.returned_checks import post_nsf
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference.catalog import ChargeSpec, add_account
from cashier.ledger.remittance import batches as remittance
from cashier.ledger.remittance.batches import BatchState, Check, Stub
from cashier.ledger.rules.errors import InvalidReference, NotCorrectable, UnknownDrawer
from cashier.ledger.store.models import Operation, Receipt, RemittanceItem
from cashier.services.batch_entry import read_check, read_stub
from tests.conftest import AT, FLOAT, approve_waiting, replayable, seed_office

ROUTING = "111000025"
DAY = AT.date()


def at(minutes: int) -> dt.datetime:
    return AT + dt.timedelta(minutes=minutes)


def stub(account: str, due: int) -> Stub:
    return read_stub(DEFAULT_STUB_LAYOUT.scanline(account, due))


def add_customers(db: Database, n: int) -> list[str]:
    numbers = [f"2{i:06d}" for i in range(n)]
    with db.write() as s:
        for i, number in enumerate(numbers):
            add_account(s, number, f"MAIL CUSTOMER {i}", f"{i} OAK ST", charges=[
                ChargeSpec("water", dt.date(2026, 11, 1), 2000 + i)])
    return numbers


def test_a_fifty_item_batch_balances_and_posts_as_fifty_receipts(office: Database) -> None:
    numbers = add_customers(office, 50)
    total = sum(2000 + i for i in range(50))
    batch = remittance.open_batch(office, "T01", "mail", 50, total, by="sam", at=at(0))
    assert batch.code == "T01-B0001"
    for i, number in enumerate(numbers):
        entry = remittance.enter_item(office, batch.code, stub(number, 2000 + i),
                                      Check(2000 + i, str(5000 + i), ROUTING), by="sam",
                                      at=at(1))
        assert entry.status == "entered"
    view = remittance.get_batch(office, batch.code)
    assert view.balanced and view.entered_total == total
    result = remittance.post_batch(office, batch.code, by="sam", at=at(30))
    assert [r.number for r in result.receipts] == [f"T01-M-{n:06d}" for n in range(1, 51)]
    assert result.batch.status == "posted"
    # Each remittance paid its account's charge, and the checks wait in 100-1020.
    assert all(books.account_view(office, n).open_total == 0 for n in numbers)
    assert books.gl_balances(office)["100-1020"] == total
    report = daily_cash_report(office, DAY)
    assert report["batches"][0] | {"posted_at": None} == {
        "batch": "T01-B0001", "kind": "mail", "status": "posted", "opened_by": "sam",
        "posted_by": "sam", "posted_at": None, "control_count": 50,
        "control_total": f"{total // 100}.{total % 100:02d}",
        "posted_count": 50, "posted_total": f"{total // 100}.{total % 100:02d}",
        "set_aside_count": 0, "set_aside_total": "0.00", "first": "T01-M-000001",
        "last": "T01-M-000050", "balanced": True}
    assert {"terminal": "T01-M", "first": "T01-M-000001", "last": "T01-M-000050",
            "count": 50, "gaps": []} in report["receipt_ranges"]
    assert all(i["passed"] for i in report["identities"])


def test_an_out_of_balance_batch_will_not_post_and_shows_the_difference(
        office: Database) -> None:
    numbers = add_customers(office, 3)
    batch = remittance.open_batch(office, "T01", "drop_box", 3, 6003, by="ana", at=at(0))
    for i, number in enumerate(numbers[:2]):
        remittance.enter_item(office, batch.code, Stub(number, number),
                              Check(2000 + i, str(i), ROUTING), by="ana", at=at(1))
    with pytest.raises(BatchState, match=r"entered 2 for 40\.01 .* 3 for 60\.03 "
                                         r"\(difference -1, -20\.02\)"):
        remittance.post_batch(office, batch.code, by="ana", at=at(2))
    with office.read() as s:
        assert s.scalar(select(func.count()).select_from(Receipt)) == 0
    # Suspended, it keeps what was entered; resumed, it goes on where it was.
    remittance.suspend(office, batch.code, by="ana", at=at(3))
    with pytest.raises(BatchState, match="suspended"):
        remittance.enter_item(office, batch.code, Stub(numbers[2], numbers[2]),
                              Check(2002, "2", ROUTING), by="ana", at=at(4))
    assert remittance.list_batches(office, unposted=True)[0].entered_count == 2
    remittance.resume(office, batch.code, by="ana", at=at(5))
    remittance.enter_item(office, batch.code, Stub(numbers[2], numbers[2]),
                          Check(2002, "2", ROUTING), by="ana", at=at(6))
    assert remittance.post_batch(office, batch.code, by="ana", at=at(7)).batch.balanced


def test_each_kind_of_exception_is_set_aside_and_the_rest_of_the_batch_stands(
        office: Database) -> None:
    good = add_customers(office, 1)[0]
    bad_digit = DEFAULT_STUB_LAYOUT.scanline(good, 2000)
    bad_digit = bad_digit[:-1] + str((int(bad_digit[-1]) + 1) % 10)
    cases = [
        (read_stub(bad_digit), Check(2000, "11", ROUTING), "bad_check_digit"),
        (Stub("9999999", "9999999"), Check(1500, "12", ROUTING), "unknown_account"),
        (Stub("1000002", "1000002"), Check(6000, "13", "123456789"), "bad_routing"),
        (Stub("1000003", "1000003"), Check(10000, "14", ROUTING), "cash_only"),
    ]
    total = 2000 + sum(c.amount for _, c, _ in cases)
    batch = remittance.open_batch(office, "T01", "mail", 5, total, by="sam", at=at(0))
    remittance.enter_item(office, batch.code, stub(good, 2000), Check(2000, "10", ROUTING),
                          by="sam", at=at(1))
    for s, check, kind in cases:
        entry = remittance.enter_item(office, batch.code, s, check, by="sam", at=at(2))
        assert (entry.status, entry.exception) == ("set_aside", kind)
        assert entry.message
    view = remittance.get_batch(office, batch.code)
    assert [e.exception for e in view.exceptions] == [k for _, _, k in cases]
    assert view.balanced  # the tape counted the set-aside checks too
    result = remittance.post_batch(office, batch.code, by="sam", at=at(3))
    assert len(result.receipts) == 1
    report = daily_cash_report(office, DAY)
    listed = [e for e in report["exceptions"] if e["kind"] == "batch_exception"]
    assert [e["reason"].split(":")[0] for e in listed] == [k for _, _, k in cases]
    assert report["batches"][0]["set_aside_total"] == "195.00"


def test_a_removed_remittance_no_longer_counts_and_a_posted_batch_is_final(
        office: Database) -> None:
    numbers = add_customers(office, 2)
    batch = remittance.open_batch(office, "T02", "mail", 1, 2000, by="sam", at=at(0))
    remittance.enter_item(office, batch.code, Stub(numbers[0], numbers[0]),
                          Check(2000, "1", ROUTING), by="sam", at=at(1))
    remittance.enter_item(office, batch.code, Stub(numbers[1], numbers[1]),
                          Check(2001, "2", ROUTING), by="sam", at=at(1))
    assert not remittance.get_batch(office, batch.code).balanced
    remittance.remove_item(office, batch.code, 2, by="sam", reason="belongs to batch 2",
                           at=at(2))
    result = remittance.post_batch(office, batch.code, by="sam", at=at(3))
    number = result.receipts[0].number
    assert number == "T02-M-000001"
    with pytest.raises(BatchState, match="posted"):
        remittance.enter_item(office, batch.code, Stub(numbers[1], numbers[1]),
                              Check(2001, "2", ROUTING), by="sam", at=at(4))
    with pytest.raises(NotCorrectable, match="remittance batch"):
        void_receipt(office, number, cashier="ana", approver="lee", reason="x", at=at(5))
    # A returned mailed check is an ordinary NSF, once the batch's checks were deposited
    # (with no drawer open that day, the deposit is the batch alone).
    assert make_deposit(office, DAY, "sam", "lee", "B-2", at=at(5)).plan.total == 2000
    post_nsf(office, number, by="lee", reason="returned NSF", at=at(6))
    assert books.account_view(office, numbers[0]).open_total == 2000 + 2500
    # The remittance range is not a drawer anyone can open.
    with pytest.raises(UnknownDrawer):
        open_drawer(office, "T02-M", "ana", FLOAT, at=at(7))


def test_posted_batch_checks_go_to_the_deposit(office: Database) -> None:
    numbers = add_customers(office, 2)
    open_drawer(office, "D1", "ana", FLOAT, at=at(0))
    batch = remittance.open_batch(office, "T01", "mail", 2, 4001, by="sam", at=at(1))
    for i, number in enumerate(numbers):
        remittance.enter_item(office, batch.code, Stub(number, number),
                              Check(2000 + i, f"77{i}", ROUTING), by="sam", at=at(2))
    remittance.post_batch(office, batch.code, by="sam", at=at(3))
    close_drawer(office, "D1", "ana", CloseCount(FLOAT), at=at(10))
    approve_waiting(office, "D1", "sam", at=at(11))
    record = make_deposit(office, DAY, "sam", "lee", "B-9", at=at(12))
    assert [(d.number, d.amount, d.drawer) for d in record.plan.checks] == [
        ("770", 2000, "T01-B0001"), ("771", 2001, "T01-B0001")]
    assert record.plan.total == 20000 - 20000 + 4001  # the float stays, the checks go
    report = daily_cash_report(office, DAY)
    assert report["deposit"]["checks"] == "40.01"
    assert all(i["passed"] for i in report["identities"])


def test_a_replayed_day_with_batches_gives_the_same_report(office: Database,
                                                           tmp_path: Path) -> None:
    numbers = add_customers(office, 4)
    batch = remittance.open_batch(office, "T01", "mail", 5, 8006 + 1500, by="sam", at=at(0))
    for i, number in enumerate(numbers[:3]):
        remittance.enter_item(office, batch.code, stub(number, 2000 + i),
                              Check(2000 + i, str(i), ROUTING, "000123456789"), by="sam",
                              at=at(1 + i))
    remittance.enter_item(office, batch.code, Stub("404", "404"), Check(1500, "9", ROUTING),
                          by="sam", at=at(5))
    remittance.enter_item(office, batch.code, Stub(numbers[3], numbers[3]),
                          Check(2003, "3", ROUTING), by="sam", at=at(6))
    remittance.suspend(office, batch.code, by="sam", at=at(7))
    remittance.resume(office, batch.code, by="lee", at=at(8))
    remittance.post_batch(office, batch.code, by="lee", at=at(9))
    path = tmp_path / "day.jsonl"
    path.write_text("".join(line + "\n" for line in export_day(office, DAY)))
    assert "000123456789" not in path.read_text()  # only the masked bank account
    ops = [json.loads(line)["op"] for line in path.read_text().splitlines()]
    assert ops.count("batch_item") == 5 and "batch_post" in ops
    replay_file(path, tmp_path / "rebuilt.sqlite3")
    with Database.open(tmp_path / "rebuilt.sqlite3") as rebuilt:
        assert replayable(daily_cash_report(rebuilt, DAY)) == replayable(
            daily_cash_report(office, DAY))
        with rebuilt.read() as s:
            assert s.scalar(select(func.count()).select_from(Operation)) == len(
                [o for o in ops if o.startswith("batch")])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    st.tuples(st.just("enter"), st.integers(1, 3), st.integers(1, 50_000)),
    st.tuples(st.just("bad"), st.integers(1, 3), st.integers(1, 50_000)),
    st.tuples(st.just("remove"), st.integers(1, 30), st.just(0))), max_size=25))
def test_entered_total_is_always_the_sum_of_the_entries(
        tmp_path_factory: pytest.TempPathFactory,
        steps: list[tuple[str, int, int]]) -> None:
    with Database.open(tmp_path_factory.mktemp("b") / "t.sqlite3") as db:
        seed_office(db)
        batch = remittance.open_batch(db, "T01", "mail", 10, 100_000, by="sam", at=at(0))
        for kind, which, cents in steps:
            if kind == "remove":
                with contextlib.suppress(InvalidReference):  # not an entered remittance
                    remittance.remove_item(db, batch.code, which, by="sam", reason="keyed wrong",
                                           at=at(1))
                continue
            account = f"100000{which}" if kind == "enter" else "404"
            remittance.enter_item(db, batch.code, Stub(account, account),
                                  Check(cents, "1", ROUTING), by="sam", at=at(1))
        view = remittance.get_batch(db, batch.code)
        with db.read() as s:
            kept = s.scalar(select(func.coalesce(func.sum(RemittanceItem.check_amount_cents), 0))
                            .where(RemittanceItem.status == "entered")) or 0
        assert view.entered_total == kept + view.set_aside_total
        assert view.entered_total == sum(e.check.amount for e in view.entries if e.counts)
        assert view.entered_count == len([e for e in view.entries if e.counts])
        assert view.difference == view.entered_total - 100_000


def test_micr_fills_the_check_and_a_keyed_account_is_a_stub() -> None:
    check = read_check(4510, micr="⑆111000025⑆ 1234567890⑈ 1042")
    assert (check.number, check.routing, check.amount) == ("1042", ROUTING, 4510)
    assert "1234567890" not in check.bank_account
    assert read_stub("1000001") == Stub("1000001", "1000001")
    scanned = read_stub(DEFAULT_STUB_LAYOUT.scanline("1000001", 15610))
    assert (scanned.account, scanned.amount_due, scanned.error) == ("1000001", 15610, None)
