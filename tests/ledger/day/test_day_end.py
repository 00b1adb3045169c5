"""End of day: the Daily Cash Report (SPEC §5), the deposit from balanced drawers (C11), the
business-day close (C12) and receipt reprints (C10)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.day.deposit import deposit_preview, make_deposit
from cashier.ledger.drawer.cash_movements import drop
from cashier.ledger.drawer.sessions import CloseCount, close_drawer, open_drawer, recount
from cashier.ledger.journal.export import export_day
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import reprint
from cashier.ledger.reference.catalog import add_drawer
from cashier.ledger.rules.denominations import count_total
from cashier.ledger.rules.errors import (
    DayClosed,
    DepositRefused,
    NotPermitted,
    SelfApproval,
    SessionState,
)
from cashier.ledger.rules.money import format_money
from cashier.ledger.rules.values import AccountPayment, CashTender, ItemSale, Payment
from cashier.ledger.store.models import AuditEvent
from cashier.reports.daily_cash_pdf import render_daily_cash_report
from cashier.reports.deposit_slip_pdf import render_deposit_slip
from tests.conftest import AT, FLOAT, approve_waiting, seed_office
from tests.ledger.journal.test_journal import minutes, run_shift

DAY = AT.date()
SPEC_KEYS = {"business_date", "office", "status", "sessions", "gl_distribution", "items",
             "tenders", "deposit", "card_settlement", "receipt_ranges", "exceptions", "totals",
             "interfaces", "bank", "chain_head"}
SESSION_KEYS = {"drawer", "terminal", "cashier", "opened_at", "closed_at", "opening_float",
                "receipts", "voids", "void_amount", "tenders", "change_given", "drops",
                "paid_outs", "expected", "counted", "over_short", "approved_by"}


@pytest.fixture
def shift(office: Database) -> Database:
    run_shift(office)
    reprint(office, "T01-000001", "ana", at=minutes(55))
    return office


def close_out(db: Database) -> None:
    make_deposit(db, DAY, "sam", "lee", "B-5521", at=minutes(60))
    close_day(db, DAY, "sam", at=minutes(61))


def test_the_report_has_every_spec_key_and_balances(shift: Database) -> None:
    report = daily_cash_report(shift, DAY)
    assert set(report) >= SPEC_KEYS
    assert all(set(s) >= SESSION_KEYS for s in report["sessions"])
    assert report["status"] == "open"
    assert [i["name"] for i in report["identities"] if not i["passed"]] == []
    # 65.10 + 90.00 + 80.00 + 55.00 + 25.00; the voided parking citation is out.
    assert report["totals"]["receipts_net"] == "315.10"
    assert report["tenders"] == {"cash": "120.10", "check": "90.00", "money_order": "50.00",
                                 "card": "55.00"}
    assert sum(float(g["amount"]) for g in report["gl_distribution"]) == pytest.approx(315.10)
    assert report["items"][0]["code"] == "UTIL"
    assert report["items"][0]["amount"] == "150.10"
    # ana 5.10 short at the handoff and raj's float counted 1.00 short (approved, C5).
    assert report["totals"]["over_short"] == "-6.10"
    assert report["totals"]["float_differences"] == "-1.00"
    assert report["card_settlement"] == {"recorded": "55.00", "terminal_batch": "55.00",
                                         "difference": "0.00"}
    assert report["receipt_ranges"] == [
        {"terminal": "T01", "first": "T01-000001", "last": "T01-000004", "count": 4, "gaps": []},
        {"terminal": "T02", "first": "T02-000001", "last": "T02-000002", "count": 2, "gaps": []},
    ]
    kinds = {e["kind"] for e in report["exceptions"]}
    assert kinds == {"void", "no_sale", "paid_out", "over_short", "float_mismatch", "reprint"}
    json.dumps(report)  # all plain JSON


def test_each_sessions_drawer_arithmetic_is_shown(shift: Database) -> None:
    sessions = {(s["drawer"], s["cashier"]): s for s in daily_cash_report(shift, DAY)["sessions"]}
    ana = sessions[("D1", "ana")]
    assert ana["status"] == "handed_off" and ana["handed_to"] == "lee"
    assert ana["expected"]["cash"] == "195.10" and ana["counted"]["cash"] == "190.00"
    assert ana["over_short"]["cash"] == "-5.10"
    assert ana["voids"] == 1 and ana["void_amount"] == "35.00"
    lee = sessions[("D1", "lee")]
    assert lee["opening_float"] == "190.00" and lee["opening"]["money_order"] == "50.00"
    assert lee["over_short"] == {"cash": "0.00", "check": "0.00", "money_order": "0.00",
                                 "card": "0.00"}


def test_deposit_is_made_from_balanced_drawers_only(office: Database) -> None:
    open_drawer(office, "D1", "ana", FLOAT, at=AT)
    with pytest.raises(DepositRefused, match="D1 \\(ana, open\\)"):
        make_deposit(office, DAY, "sam", "lee", "B-1", at=AT)
    close_drawer(office, "D1", "ana", CloseCount(FLOAT), at=AT)
    with pytest.raises(DepositRefused, match="not approved"):
        deposit_preview(office, DAY)


def test_deposit_needs_two_different_supervisors(shift: Database) -> None:
    with pytest.raises(SelfApproval):
        make_deposit(shift, DAY, "sam", "sam", "B-1", at=minutes(60))
    with pytest.raises(NotPermitted):
        make_deposit(shift, DAY, "sam", "ana", "B-1", at=minutes(60))
    made = make_deposit(shift, DAY, "sam", "lee", "B-5521", at=minutes(60))
    with pytest.raises(DepositRefused, match="already made"):
        make_deposit(shift, DAY, "lee", "sam", "B-2", at=minutes(61))
    plan = made.plan
    # D1 closed at 215.00 (lee), D2 at 187.00; both keep their 200.00 float; 100.00 dropped.
    assert (plan.counted_cash, plan.drops, plan.floats_kept) == (40200, 10000, 40000)
    assert plan.cash == 10200
    assert [(c.number, c.amount) for c in plan.checks] == [("1042", 9000)]
    assert [(m.number, m.amount) for m in plan.money_orders] == [("MO-7", 5000)]
    assert plan.total == 10200 + 9000 + 5000
    balances = books.gl_balances(shift)
    # The drawer and safe accounts are emptied into deposit in transit; only card remains.
    assert [balances.get(code, 0) for code in ("100-1010", "100-1015", "100-1020",
                                               "100-1025")] == [0, 0, 0, 0]
    assert balances["100-1090"] == plan.total
    deposit = daily_cash_report(shift, DAY)["deposit"]
    assert deposit["total"] == "242.00" and deposit["bag"] == "B-5521"
    assert deposit["check_list"] == [{"number": "1042", "amount": "90.00", "drawer": "D2"}]


def test_a_day_closes_only_when_balanced_and_deposited(office: Database) -> None:
    open_drawer(office, "D1", "ana", FLOAT, at=AT)
    with pytest.raises(SessionState, match="not balanced"):
        close_day(office, DAY, "sam", at=AT)
    close_drawer(office, "D1", "ana", CloseCount(FLOAT), at=AT)
    with pytest.raises(SessionState, match="not approved"):
        close_day(office, DAY, "sam", at=AT)
    approve_waiting(office, "D1", "sam", at=AT)
    with pytest.raises(DepositRefused, match="deposit"):
        close_day(office, DAY, "sam", at=AT)
    with pytest.raises(NotPermitted):
        close_day(office, DAY, "ana", at=AT)


def test_nothing_dated_a_closed_day_changes(shift: Database, db_path: Path) -> None:
    close_out(shift)
    assert daily_cash_report(shift, DAY)["status"] == "closed"
    with pytest.raises(DayClosed):
        open_drawer(shift, "D1", "ana", FLOAT, at=minutes(70))
    with pytest.raises(DayClosed):
        reprint(shift, "T01-000001", "ana", at=minutes(70))
    with pytest.raises(DayClosed):
        close_day(shift, DAY, "lee", at=minutes(70))
    # Underneath the services, the database itself refuses entries and receipts of the day.
    raw = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="C12"):
        raw.execute("INSERT INTO journal_entries (posted_at, business_date, kind, memo) "
                    "VALUES (?, ?, 'payment', 'x')", (AT.isoformat(), DAY.isoformat()))
    with pytest.raises(sqlite3.IntegrityError, match="C12"):
        # A void as the program writes one (who, when, approver, reason): the day refuses it.
        raw.execute("UPDATE receipts SET status = 'void', voided_at = ?, voided_by = 'ana', "
                    "void_approver = 'sam', void_reason = 'x' WHERE number = 'T01-000001'",
                    (AT.isoformat(),))
    raw.close()
    # The next day is open for business.
    tomorrow = AT + dt.timedelta(days=1)
    open_drawer(shift, "D1", "ana", FLOAT, at=tomorrow)
    post_payment(shift, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),),
                                tomorrow))


def normalised(report: dict[str, Any]) -> dict[str, Any]:
    # The chain head is the terminal database's own audit chain (SPEC §11, anchored outside
    # it); a database rebuilt from the journal has a chain of its own.
    return {k: v for k, v in report.items() if k not in ("generated_at", "chain_head")}


def test_a_replayed_day_gives_the_same_report(shift: Database, tmp_path: Path) -> None:
    close_out(shift)
    journal = tmp_path / "day.jsonl"
    journal.write_text("".join(line + "\n" for line in export_day(shift, DAY)))
    replay_file(journal, tmp_path / "rebuilt.sqlite3")
    with Database.open(tmp_path / "rebuilt.sqlite3") as rebuilt:
        assert normalised(daily_cash_report(rebuilt, DAY)) == normalised(
            daily_cash_report(shift, DAY))


def page_text(path: Path) -> str:
    return "\n".join(p.extract_text(extraction_mode="layout") for p in PdfReader(path).pages)


def test_the_pdf_shows_the_totals_every_section_and_pass(shift: Database,
                                                        tmp_path: Path) -> None:
    close_out(shift)
    pdf = tmp_path / "dcr.pdf"
    render_daily_cash_report(daily_cash_report(shift, DAY, generated_at=minutes(62)), pdf)
    text = page_text(pdf)
    for words in ("315.10", "242.00", "B-5521", "PASS", "Prepared by", "Reviewed by",
                  "T01-000001", "CLOSED", "Page 1 of"):
        assert words in text, words
    assert "FAIL" not in text


def test_receipt_ranges_name_a_gap_but_not_a_number_dated_another_day(
        db: Database, db_path: Path) -> None:
    """C1 in the report: a number taken by a receipt of another day (after midnight) is no
    gap; a number on no receipt at all is. Receipts per hour are in the terminal's time."""
    def pay(at: dt.datetime) -> str:
        return post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),),
                                        at)).number

    assert pay(AT) == "T01-000001"
    assert pay(dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(0, 5),
                                   AT.tzinfo)) == "T01-000002"
    assert pay(AT + dt.timedelta(minutes=1)) == "T01-000003"
    raw = sqlite3.connect(db_path)
    with raw:  # a number lost outside the program: what C1 is there to show
        raw.execute("UPDATE terminals SET last_receipt_seq = last_receipt_seq + 1 "
                    "WHERE code = 'T01'")
    raw.close()
    assert pay(AT + dt.timedelta(hours=2)) == "T01-000005"

    report = daily_cash_report(db, DAY)
    assert report["receipt_ranges"] == [
        {"terminal": "T01", "first": "T01-000001", "last": "T01-000005", "count": 3,
         "gaps": ["T01-000004"]}]
    assert report["receipts_per_hour"] == {"09": 2, "11": 1}


def test_the_slip_lists_what_goes_in_the_bag_never_the_floats_kept(
        shift: Database, tmp_path: Path) -> None:
    """Issue #19 item 2: the counted cash and drops (502.00) less the two floats kept
    (400.00) is the deposit's cash, 102.00; the slip's denominations are those 102.00, the
    floats' stay in the safe, and nothing on the slip is flagged red."""
    make_deposit(shift, DAY, "sam", "lee", "B-5521", at=minutes(60))
    deposit = daily_cash_report(shift, DAY)["deposit"]
    assert deposit["cash"] == "102.00" and deposit["floats_kept"] == "400.00"
    assert deposit["cash_by_denomination"] == {"20.00": 5, "1.00": 2}
    assert deposit["floats_by_denomination"] == {"20.00": 11, "10.00": 9, "5.00": 13,
                                                 "1.00": 25}
    slip = tmp_path / "slip.pdf"
    render_deposit_slip(daily_cash_report(shift, DAY), slip)
    text = page_text(slip)
    assert re.search(r"Currency\s+102\.00", text)
    assert re.search(r"Total cash\s+102\.00", text)
    assert re.search(r"Deposit total\s+242\.00", text)
    assert "add up to" not in text  # the red warning of a slip that does not add up


def test_a_float_the_counted_cash_cannot_make_refuses_the_deposit(office: Database) -> None:
    """Only 100.00 notes and a 150.00 float: no bag can be made without change, so the
    deposit is refused (C11) and nothing is written; the float is made up and counted again."""
    with office.write() as s:
        add_drawer(s, "D4", "T04", 15000)
    open_drawer(office, "D4", "ana", {"100.00": 1, "50.00": 1}, at=AT)
    post_payment(office, Payment("D4", "ana", (ItemSale("DOGA"),), (CashTender(5000),), AT))
    close_drawer(office, "D4", "ana", CloseCount({"100.00": 2}), at=AT)
    approve_waiting(office, "D4", "sam", "a 50 for two 100s from the customer", at=AT)
    with pytest.raises(DepositRefused, match="makes the floats kept 150.00 exactly"):
        make_deposit(office, DAY, "sam", "lee", "B-1", at=AT)
    assert daily_cash_report(office, DAY)["deposit"] is None


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sales=st.lists(st.integers(min_value=1, max_value=40_000), min_size=1, max_size=4),
       notes=st.sampled_from([("100.00", "20.00"), ("50.00", "5.00"), ("20.00", "1.00")]),
       drop_notes=st.integers(min_value=0, max_value=3))
def test_slip_totals_always_equal_the_deposit(tmp_path_factory: pytest.TempPathFactory,
                                              sales: list[int], notes: tuple[str, str],
                                              drop_notes: int) -> None:
    """Whatever was taken, dropped and counted, the slip's currency and coin add up to the
    deposit's cash, its checks and money orders to theirs, and it never shows a float."""
    path = tmp_path_factory.mktemp("slip") / "office.sqlite3"
    db = Database.open(path)
    try:
        seed_office(db)
        open_drawer(db, "D1", "ana", FLOAT, at=AT)
        for i, amount in enumerate(sales):
            post_payment(db, Payment("D1", "ana", (AccountPayment("1000001", amount),),
                                     (CashTender(amount),), AT + dt.timedelta(minutes=i)))
        taken = sum(sales)
        dropped = min(drop_notes, taken // 2000)
        if dropped:
            drop(db, "D1", "ana", "sam", {"20.00": dropped}, at=AT)
        # The drawer counted as the float plus what was taken less the drop, in big notes
        # and then coin, as a cashier's count of a real till would.
        rest = taken - dropped * 2000
        big = {"100.00": 10000, "50.00": 5000, "20.00": 2000, "5.00": 500, "1.00": 100}
        count = dict(FLOAT)
        for key in notes:
            count[key] = count.get(key, 0) + rest // big[key]
            rest %= big[key]
        for key, unit in (("0.25", 25), ("0.10", 10), ("0.05", 5), ("0.01", 1)):
            count[key], rest = rest // unit, rest % unit
        close_drawer(db, "D1", "ana", CloseCount(count), at=AT)
        approve_waiting(db, "D1", "sam", at=AT)
        make_deposit(db, DAY, "sam", "lee", "B-7", at=AT)
        report = daily_cash_report(db, DAY)
        deposit = report["deposit"]
        assert deposit["cash"] == format_money(taken)  # the float stayed behind
        assert count_total(deposit["cash_by_denomination"]) == taken
        assert count_total(deposit["floats_by_denomination"]) == 20000
        slip = path.with_suffix(".pdf")
        render_deposit_slip(report, slip)
        text = page_text(slip)
        assert re.search(rf"Total cash\s+{re.escape(format_display_plain(taken))}", text)
        assert "add up to" not in text
    finally:
        db.dispose()


def format_display_plain(cents: int) -> str:
    return f"{cents // 100:,}.{cents % 100:02d}"


def test_handoff_cash_counts_once_drops_name_their_witness_and_the_pdf_says_when(
        shift: Database, tmp_path: Path) -> None:
    """Issue #19 item 3: ana handed D1 to lee on a 190.00 count; the cash movements' total
    opening float is ana's 200.00 and raj's 199.00, not lee's 190.00 again; ana's drop names
    sam, its witness; and a PDF made from a report without a time still says when."""
    report = daily_cash_report(shift, DAY)
    ana, lee = (s for s in report["sessions"] if s["drawer"] == "D1")
    assert (ana["status"], lee["relief_of"], lee["opening_float"]) == (
        "handed_off", {"cashier": "ana", "opened_at": ana["opened_at"]}, "190.00")
    assert ana["drop_list"] == [{"amount": "100.00", "witness": "sam",
                                 "at": minutes(12).isoformat()}]
    pdf = tmp_path / "dcr.pdf"
    render_daily_cash_report(report, pdf)
    text = page_text(pdf)
    movements = text[text.index("Drawer cash movements"):]
    assert re.search(r"Total\s+399\.00", movements)
    assert re.search(r"D1\s+lee \(relief\)\s+190\.00", movements)
    assert "A relief handoff's cash is counted once" in movements
    assert re.search(r"D1\s+ana\s+\S+\s+100\.00\s+sam", text[text.index("Drops to the safe"):])
    assert re.search(r"Generated at \d{4}-\d\d-\d\d \d\d:\d\d", text)


def test_a_recounted_close_shows_both_counts_and_which_stands(office: Database,
                                                              tmp_path: Path) -> None:
    """C6: the first count and the recount are both on the report, the recount marked as the
    one that stands; a recount is not listed as an override."""
    open_drawer(office, "D3", "sam", FLOAT, at=AT)
    close_drawer(office, "D3", "sam", CloseCount({**FLOAT, "1.00": 18}), at=minutes(30))
    recount(office, "D3", "sam", CloseCount(FLOAT), at=minutes(31))
    approve_waiting(office, "D3", "lee", at=minutes(32))
    report = daily_cash_report(office, DAY)
    (row,) = report["sessions"]
    assert (row["recounted"], row["count_standing"]) == (True, "recount")
    assert (row["first_count"]["cash"], row["counted"]["cash"]) == ("198.00", "200.00")
    assert (row["first_over_short"]["cash"], row["over_short"]["cash"]) == ("-2.00", "0.00")
    assert [e for e in report["exceptions"] if e["kind"] == "override"] == []
    pdf = tmp_path / "dcr.pdf"
    render_daily_cash_report(report, pdf)
    text = page_text(pdf)
    assert re.search(r"D3\s+sam\s+Cash\s+200\.00\s+198\.00\s+200\.00\s+recount",
                     text[text.index("Recounts"):])


def test_over_short_total_includes_the_float_differences(office: Database,
                                                         tmp_path: Path) -> None:
    """Issue #19 item 5 (SPEC §5): D1's float was counted 20.00 short at opening (approved),
    and its expected cash starts from the 180.00 counted; D2 closes 1.00 short. Everything
    posted to 100-5990 is −21.00: totals.over_short, with −20.00 of it float differences."""
    open_drawer(office, "D1", "ana", {**FLOAT, "20.00": 4}, approver="sam", at=AT)
    open_drawer(office, "D2", "raj", FLOAT, at=AT)
    d1 = close_drawer(office, "D1", "ana", CloseCount({**FLOAT, "20.00": 4}), at=minutes(30))
    assert d1.expected is not None and d1.expected.cash == 18000
    close_drawer(office, "D2", "raj", CloseCount({**FLOAT, "1.00": 19}), at=minutes(31))
    report = daily_cash_report(office, DAY)
    assert report["totals"]["over_short"] == "-21.00"
    assert report["totals"]["float_differences"] == "-20.00"
    assert books.gl_balances(office)["100-5990"] == 2100  # a debit: money missing
    assert report["interfaces"] == {"posted": "0.00", "sent_unacknowledged": "0.00",
                                    "unsent": "0.00", "rejected": "0.00"}
    assert report["bank"] is None
    assert all(i["passed"] for i in report["identities"]), report["identities"]
    names = [i["name"] for i in report["identities"]]
    assert "Over/short total = posted to 100-5990" in names
    pdf = tmp_path / "dcr.pdf"
    render_daily_cash_report(report, pdf)
    text = page_text(pdf)
    assert re.search(r"Over / short \(all drawers and float differences\)\s+-21\.00", text)
    assert re.search(r"of which opening-float differences \(C5\)\s+-20\.00", text)


def test_interfaces_bank_and_the_chain_head_are_on_the_report(shift: Database,
                                                              tmp_path: Path) -> None:
    """SPEC §9 and §11: until a payments export exists every receipt is unsent, and the
    four add up to receipts net; no bank file yet; the day's audit chain head."""
    report = daily_cash_report(shift, DAY)
    assert {"interfaces", "bank", "chain_head"} <= set(report)
    net = report["totals"]["receipts_net"]
    assert report["interfaces"] == {"posted": "0.00", "sent_unacknowledged": "0.00",
                                    "unsent": net, "rejected": "0.00"}
    assert report["bank"] is None
    head = report["chain_head"]
    with shift.read() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert last is not None and head == {"seq": last.seq, "hash": last.hash}
    assert daily_cash_report(shift, DAY + dt.timedelta(days=1))["chain_head"] is None
    pdf = tmp_path / "dcr.pdf"
    render_daily_cash_report(report, pdf)
    text = page_text(pdf)
    assert re.search(rf"Not yet sent\s+{re.escape(net)}", text)
    assert "no bank file imported" in text
    assert f"hash {last.hash}" in text.replace("\n", " ") or last.hash[:40] in text
