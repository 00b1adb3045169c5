"""The printed remittance batch report (issue #9): the tape against what was entered and set
aside, every remittance and what became of it, the exceptions list the set-aside checks go back
to their customers by, and the receipt range once posted."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from cashier.devices.stub_scanner import DEFAULT_STUB_LAYOUT
from cashier.ledger.database import Database
from cashier.ledger.reference.catalog import ChargeSpec, add_account
from cashier.ledger.remittance import batches as remittance
from cashier.ledger.remittance.batches import BatchView, Check, Stub
from cashier.reports.batch_report_pdf import REASONS, render_batch_report
from cashier.services.batch_entry import read_stub
from tests.conftest import AT
from tests.reports.samples import read_pages

ROUTING = "111000025"
OFFICE = "Bureau de caisse — Hôtel de Ville"
UNICODE_NAME = "Nguyễn Thị Ánh & Zoë <O'Brien>"
# Taken: 45.10 + 30.00; set aside: 20.00 + 15.00 + 60.00 + 100.00 + 12.34; 60.00 removed.
TAPE_COUNT, TAPE_TOTAL = 7, 4510 + 3000 + 2000 + 1500 + 6000 + 10000 + 1234


def at(minutes: int) -> dt.datetime:
    return AT + dt.timedelta(minutes=minutes)


def keyed_batch(db: Database, *, count: int = TAPE_COUNT, total: int = TAPE_TOTAL) -> str:
    """A mail batch with two remittances taken, one removed and one of each kind set aside."""
    with db.write() as s:
        add_account(s, "1000009", UNICODE_NAME, "7 RUE DU LAC", charges=[
            ChargeSpec("water", dt.date(2026, 11, 1), 3000)])
    code = remittance.open_batch(db, "T01", "mail", count, total, by="sam", at=at(0)).code
    smudged = DEFAULT_STUB_LAYOUT.scanline("1000002", 2000)
    smudged = smudged[:-1] + str((int(smudged[-1]) + 1) % 10)
    keyed = [
        (read_stub(DEFAULT_STUB_LAYOUT.scanline("1000001", 4510)), Check(4510, "101", ROUTING)),
        (Stub("1000002", "1000002"), Check(6000, "102", ROUTING)),  # removed below
        (Stub("1000009", "1000009"), Check(3000, "103", ROUTING, "000987654321")),
        (read_stub(smudged), Check(2000, "104", ROUTING)),
        (Stub("9999999", "9999999"), Check(1500, "105", ROUTING)),
        (Stub("1000002", "1000002"), Check(6000, "106", "123456789")),
        (Stub("1000003", "1000003"), Check(10000, "107", ROUTING)),
        (Stub("]X9torn", None, None, "stub barcode torn"), Check(1234, "108", ROUTING)),
    ]
    for minute, (stub, check) in enumerate(keyed, start=1):
        remittance.enter_item(db, code, stub, check, by="sam", at=at(minute))
    remittance.remove_item(db, code, 2, by="sam", reason="keyed twice", at=at(10))
    return code


def render(batch: BatchView, path: Path) -> str:
    render_batch_report(batch, path, office=OFFICE, printed_at=at(30))
    return "\n".join(read_pages(path))


def test_the_report_shows_the_tape_against_entered_and_set_aside(office: Database,
                                                                 tmp_path: Path) -> None:
    code = keyed_batch(office)
    text = render(remittance.get_batch(office, code), tmp_path / "batch.pdf")
    assert "Remittance Batch Report" in text
    assert f"{OFFICE} · batch T01-B0001" in text
    assert "Mail · OPEN (not posted" in text
    assert "Opened by sam at 2026-11-23 09:30 · terminal T01" in text
    assert re.search(r"Tape \(control count and total\)\s+7\s+282\.44", text)
    assert re.search(r"Entered, to post\s+2\s+75\.10", text)
    assert re.search(r"Set aside \(exceptions\)\s+5\s+207\.34", text)
    assert re.search(r"Entered in all\s+7\s+282\.44", text)
    assert re.search(r"Difference \(entered − tape\)\s+0\s+0\.00", text)
    assert "Removed, not counted: 1 for 60.00" in text
    assert "BALANCED: the remittances entered and set aside equal the tape." in text
    assert "Not posted: the receipts are numbered when the batch posts." in text


def test_an_out_of_balance_batch_prints_its_difference(office: Database,
                                                       tmp_path: Path) -> None:
    code = keyed_batch(office, count=8, total=TAPE_TOTAL + 2500)
    text = render(remittance.get_batch(office, code), tmp_path / "batch.pdf")
    assert re.search(r"Tape \(control count and total\)\s+8\s+307\.44", text)
    assert re.search(r"Difference \(entered − tape\)\s+-1\s+-25\.00", text)
    assert "OUT OF BALANCE by -1 items, -25.00" in text
    assert "BALANCED:" not in text


def test_each_remittance_shows_what_became_of_it(office: Database, tmp_path: Path) -> None:
    code = keyed_batch(office)
    text = render(remittance.get_batch(office, code), tmp_path / "batch.pdf")
    assert re.search(r"1\s+1000001\s+45\.10\s+45\.10\s+101\s+111000025\s+entered", text)
    assert re.search(r"2\s+1000002\s+60\.00\s+102\s+111000025\s+REMOVED: keyed twice", text)
    assert re.search(r"7\s+1000003\s+100\.00\s+107\s+111000025\s+SET ASIDE: Cash-only", text)
    # The bank account only as the ledger keeps it: its last four.
    assert "********4321" in text and "987654321" not in text


def test_each_set_aside_remittance_is_on_the_exceptions_list_with_its_reason(
        office: Database, tmp_path: Path) -> None:
    code = keyed_batch(office)
    text = render(remittance.get_batch(office, code), tmp_path / "batch.pdf")
    exceptions = text[text.index("Exceptions (set aside: return to the customer)"):]
    for seq, number, amount, kind in [(4, "104", "20.00", "bad_check_digit"),
                                      (5, "105", "15.00", "unknown_account"),
                                      (6, "106", "60.00", "bad_routing"),
                                      (7, "107", "100.00", "cash_only"),
                                      (8, "108", "12.34", "bad_stub")]:
        assert re.search(rf"{seq}\s+\S+\s+{number}\s+{re.escape(amount)}\s+"
                         rf"{re.escape(REASONS[kind])}\s+Return to customer", exceptions), kind
    assert "stub barcode torn" in exceptions
    assert "routing number 123456789 fails the ABA 3-7-1" in exceptions
    assert "5 set aside, total 207.34" in exceptions


def test_a_posted_batch_prints_its_receipt_range(office: Database, tmp_path: Path) -> None:
    code = keyed_batch(office)
    result = remittance.post_batch(office, code, by="lee", at=at(20))
    text = render(result.batch, tmp_path / "batch.pdf")
    assert "Mail · POSTED" in text and "not posted" not in text
    assert "Posted by lee at 2026-11-23 09:50" in text
    assert re.search(r"Posted\s+2\s+75\.10", text)
    assert re.search(r"T01-M-000001\s+T01-M-000002\s+2\s+75\.10", text)
    assert re.search(r"1\s+1000001\s+45\.10\s+45\.10\s+101\s+111000025\s+posted T01-M-000001", text)
    assert "posted T01-M-000002" in text
    assert "REMOVED: keyed twice" in text
    assert "Remittance batch report · Bureau de caisse" in text and "Page 1 of" in text


def test_a_customer_name_in_any_script_renders(office: Database, tmp_path: Path) -> None:
    code = keyed_batch(office)
    text = render(remittance.get_batch(office, code), tmp_path / "batch.pdf")
    assert "Nguyễn Thị Ánh & Zoë" in text and "<O'Brien>" in text  # wrapped in its column
    assert "Hôtel de Ville" in text


def test_a_batch_with_nothing_keyed_renders_to_a_binary_file(office: Database,
                                                             tmp_path: Path) -> None:
    batch = remittance.open_batch(office, "T01", "drop_box", 3, 9000, by="sam", at=at(0))
    path = tmp_path / "empty.pdf"
    with path.open("wb") as out:
        render_batch_report(batch, out, office="Eastside")
    text = "\n".join(read_pages(path))
    assert "Drop box · OPEN" in text
    assert "Nothing keyed in this batch yet." in text
    assert "No remittance was set aside." in text
    assert "OUT OF BALANCE by -3 items, -90.00" in text
