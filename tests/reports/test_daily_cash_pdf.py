"""The Daily Cash Report PDF as the supervisor signs it and the auditor files it."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

import pytest

from cashier.reports.daily_cash_pdf import render_daily_cash_report
from tests.reports.samples import build_day, failing, long_day, read_pages, small_day

SECTIONS = (
    "Daily Cash Report", "Day totals", "Drawer summaries", "Drawer cash movements",
    "GL distribution by fund", "Item summary", "Tender summary", "Card settlement",
    "Deposit summary", "Deposited checks", "Deposited money orders", "Exceptions",
    "Receipt ranges", "Receipts per hour", "Balancing checks", "Signatures",
)


def render(report: dict[str, Any], path: Path) -> list[str]:
    render_daily_cash_report(report, path)
    return read_pages(path)


@pytest.fixture(scope="module")
def long_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return render(long_day(), tmp_path_factory.mktemp("dcr") / "long.pdf")


@pytest.fixture
def small_pages(tmp_path: Path) -> list[str]:
    return render(small_day(), tmp_path / "small.pdf")


def test_every_section_is_printed(small_pages: list[str]) -> None:
    text = "\n".join(small_pages)
    missing = [title for title in SECTIONS if title not in text]
    assert missing == []


def test_header_names_office_date_status_and_generation_time(small_pages: list[str]) -> None:
    first = small_pages[0]
    assert "City Hall · business date 2026-11-23" in first
    assert "Status: CLOSED by sam at 2026-11-23 17:30" in first
    assert "Generated at 2026-11-23 17:05" in first


def test_an_open_day_says_open_on_every_page(tmp_path: Path) -> None:
    report = small_day()
    report.update(status="open", closed_by=None, closed_at=None)
    pages = render(report, tmp_path / "open.pdf")
    assert "Status: OPEN" in pages[0]
    assert all("2026-11-23 · OPEN" in page for page in pages)


def test_day_totals_print_with_thousands_separators(small_pages: list[str]) -> None:
    first = small_pages[0]
    assert re.search(r"Receipts net\s+34,567\.89", first)
    assert re.search(r"Over / short \(all drawers and float differences\)\s+-3\.00", first)
    assert re.search(r"Deposit expected\s+30,952\.36", first)


def test_each_drawer_shows_expected_counted_and_over_short_per_tender(
    small_pages: list[str],
) -> None:
    first = small_pages[0]
    assert re.search(r"D2\s+raj\s+41\s+1\s+Cash\s+10,426\.55\s+10,423\.55\s+-3\.00\s+sam", first)
    assert re.search(r"Money orders\s+50\.00\s+50\.00\s+0\.00", first)


def test_gl_distribution_has_fund_subtotals_and_a_grand_total(small_pages: list[str]) -> None:
    text = "\n".join(small_pages)
    assert re.search(r"Fund 101\s+General Fund", text)
    # accounts 0 and 6 are in fund 101: 1,234.56 + 8,641.98
    assert re.search(r"Fund 101 total\s+9,876\.54", text)
    assert re.search(r"Grand total\s+34,567\.89", text)


def test_fund_subtotals_add_cents_exactly(tmp_path: Path) -> None:
    report = small_day()
    report["gl_distribution"] = [
        {"account": "101-4410", "fund": "101", "name": "Dog licenses", "amount": "0.10"},
        {"account": "101-4420", "fund": "101", "name": "Permits", "amount": "0.20"},
        {"account": "503-1210", "fund": "503", "name": "Water AR", "amount": "12345678.91"},
    ]
    text = "\n".join(render(report, tmp_path / "gl.pdf"))
    assert re.search(r"Fund 101 total\s+0\.30", text)
    assert re.search(r"Grand total\s+12,345,679\.21", text)


def test_item_tender_and_deposit_summaries_show_their_amounts(small_pages: list[str]) -> None:
    text = "\n".join(small_pages)
    assert re.search(r"UTIL\s+Utility payments\s+120\s+29,567\.89", text)
    assert re.search(r"Cash\s+32,292\.19", text)
    assert re.search(r"Deposit total\s+30,952\.36", text)
    assert re.search(r"Checks \(5\)\s+125\.70", text)
    assert "5 checks, total 125.70" in text
    assert re.search(r"1002\s+D3\s+25\.14", text)


def test_a_day_without_a_deposit_says_it_is_not_prepared(tmp_path: Path) -> None:
    report = small_day()
    report["deposit"] = None
    text = "\n".join(render(report, tmp_path / "nodeposit.pdf"))
    assert "Deposit not yet prepared." in text
    assert re.search(r"Deposit prepared\s+not prepared", text)
    assert "Deposited checks" not in text


def test_card_settlement_difference_is_flagged(tmp_path: Path) -> None:
    report = small_day()
    report["card_settlement"] = {"recorded": "2000.00", "terminal_batch": "1975.00",
                                 "difference": "25.00"}
    text = "\n".join(render(report, tmp_path / "card.pdf"))
    assert re.search(r"2,000\.00\s+1,975\.00\s+25\.00", text)
    assert "Card sales and the terminal batch do not agree." in text


def test_receipt_gaps_are_called_out(tmp_path: Path) -> None:
    report = small_day()
    report["receipt_ranges"][0]["gaps"] = ["T01-000007", "T01-000019"]
    text = "\n".join(render(report, tmp_path / "gaps.pdf"))
    assert "2 missing: T01-000007, T01-000019" in text
    assert "Receipt numbers are missing" in text


def test_exceptions_are_listed_with_who_approved_and_why(small_pages: list[str]) -> None:
    text = "\n".join(small_pages)
    assert "4 exceptions: void 1, no sale 1, over/short 1, reprint 1." in text
    assert re.search(r"no sale\s+09:01\s+T01-000002\s+D1\s+1\.01\s+ana\s+sam\s+reason-1", text)


def test_passing_balancing_checks_never_say_fail(small_pages: list[str]) -> None:
    text = "\n".join(small_pages)
    assert "FAIL" not in text
    assert len(re.findall(r"\bPASS\b", text)) == 3
    assert re.search(r"Balancing checks\s+all 3 pass", small_pages[0])


def test_a_failed_balancing_check_is_marked_fail_on_page_one_and_in_the_checks(
    tmp_path: Path,
) -> None:
    pages = render(failing(small_day()), tmp_path / "fail.pdf")
    assert re.search(r"Balancing checks\s+1 of 3 FAIL", pages[0])
    assert re.search(r"Tenders = receipts net\s+34,567\.89\s+1\.00\s+FAIL", "\n".join(pages))
    assert len(re.findall(r"\bPASS\b", "\n".join(pages))) == 2


def test_a_check_without_an_explicit_pass_is_a_fail(tmp_path: Path) -> None:
    report = small_day()
    del report["identities"][0]["passed"]
    assert "FAIL" in "\n".join(render(report, tmp_path / "unproven.pdf"))


def test_signature_lines_for_preparer_and_reviewer(small_pages: list[str]) -> None:
    last = small_pages[-1]
    assert re.search(r"Prepared by:\s+Date:", last)
    assert re.search(r"Reviewed by:\s+Date:", last)


def test_every_page_says_page_n_of_m(small_pages: list[str], long_pages: list[str]) -> None:
    for pages in (small_pages, long_pages):
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            assert f"Page {number} of {total}" in page


def test_a_long_day_runs_to_several_pages(long_pages: list[str]) -> None:
    assert len(long_pages) >= 10
    text = "\n".join(long_pages)
    assert "300 exceptions" in text
    assert "400 checks, total" in text
    assert "Fund 601 total" in text


@pytest.mark.parametrize(
    ("row", "header"),
    [
        (r"reason-\d+", r"Kind\s+Time\s+Receipt\s+Drawer\s+Amount\s+Who\s+Approver\s+Reason"),
        (r"^\s+1\d{3}\s+D\d\s+\d+\.\d\d", r"Check no\.\s+Drawer\s+Amount\s+Check no\."),
        (r"\d{3}-40\d\d\s+\w+ Fund revenue line", r"Account\s+Account name\s+Amount"),
    ],
)
def test_table_headers_repeat_on_continuation_pages(
    long_pages: list[str], row: str, header: str
) -> None:
    pages_with_rows = [p for p in long_pages if re.search(row, p, re.MULTILINE)]
    assert len(pages_with_rows) >= 2
    assert all(re.search(header, page) for page in pages_with_rows)


def test_non_latin_names_render(tmp_path: Path) -> None:
    report = build_day(sessions=2, accounts=3, exceptions=2, checks=2,
                       cashiers=["Nguyễn Thị Ánh", "Zoë O'Brien"])
    report["office"] = "Bureau de caisse — Hôtel de Ville"
    report["exceptions"][0]["reason"] = "王小明 paid twice <b>&</b> asked for a refund"
    text = "\n".join(render(report, tmp_path / "unicode.pdf"))
    assert "Zoë O'Brien" in text
    assert "Hôtel de Ville" in text
    assert "<b>&</b>" in text


def test_empty_day_renders(tmp_path: Path) -> None:
    report: dict[str, Any] = {"business_date": "2026-11-24", "office": "Eastside", "status": "open",
              "generated_at": "2026-11-24T07:00:00-07:00", "sessions": [],
              "gl_distribution": [], "items": [], "tenders": {}, "deposit": None,
              "card_settlement": {}, "receipt_ranges": [], "exceptions": [],
              "receipts_per_hour": {}, "identities": [], "totals": {}}
    text = "\n".join(render(report, tmp_path / "empty.pdf"))
    assert "No drawer sessions on this day." in text
    assert "No exceptions on this day." in text
    assert "Page 1 of" in text


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    report = small_day()
    report["shift_notes"] = {"anything": [1, 2, 3]}
    report["sessions"][0]["tablet"] = "iPad"
    report["gl_distribution"][0]["project"] = "P-77"
    assert "Drawer summaries" in "\n".join(render(report, tmp_path / "extra.pdf"))


def test_renders_to_a_binary_stream_the_same_bytes_as_to_a_file(tmp_path: Path) -> None:
    report = small_day()
    stream = io.BytesIO()
    render_daily_cash_report(report, stream)
    render_daily_cash_report(copy.deepcopy(report), tmp_path / "same.pdf")
    assert stream.getvalue().startswith(b"%PDF")
    assert stream.getvalue() == (tmp_path / "same.pdf").read_bytes()


def test_a_float_amount_is_refused_not_rounded(tmp_path: Path) -> None:
    report = small_day()
    report["totals"]["receipts_net"] = 34567.89
    with pytest.raises(ValueError, match="decimal string"):
        render_daily_cash_report(report, tmp_path / "float.pdf")
