"""What both printed reports share: money columns, fonts, and never failing on odd input."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cashier.ledger.rules.denominations import denominations
from cashier.ledger.rules.money import format_money
from cashier.reports import layout, tables
from cashier.reports.daily_cash_pdf import render_daily_cash_report
from cashier.reports.deposit_slip_pdf import render_deposit_slip
from tests.reports.samples import build_day, read_pages, small_day


@pytest.mark.parametrize(
    ("amount", "printed"),
    [("1234.50", "1,234.50"), ("-3.00", "-3.00"), ("0", "0.00"), ("1234567.5", "1,234,567.50"),
     ("-98765432.10", "-98,765,432.10"), (None, "—")],
)
def test_money_is_printed_with_thousands_separators(amount: object, printed: str) -> None:
    assert tables.money(amount) == printed


@pytest.mark.parametrize("amount", [0.1, 42, True])
def test_an_amount_that_is_not_a_decimal_string_is_refused(amount: object) -> None:
    with pytest.raises(ValueError, match="decimal string"):
        tables.money(amount)


def test_without_dejavu_the_fonts_fall_back_to_helvetica(tmp_path: Path) -> None:
    assert layout.load_fonts([tmp_path]) == layout.HELVETICA


def test_a_broken_font_file_falls_back_to_helvetica(tmp_path: Path) -> None:
    (tmp_path / "DejaVuSans.ttf").write_bytes(b"not a font")
    assert layout.load_fonts([tmp_path]) == layout.HELVETICA


def test_non_latin_names_do_not_crash_helvetica(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout, "FONT_DIRS", ())
    assert layout.fonts() == layout.HELVETICA
    report = build_day(sessions=2, accounts=3, exceptions=2, checks=2,
                       cashiers=["Nguyễn Thị Ánh", "Zoë O'Brien"])
    render_daily_cash_report(report, tmp_path / "dcr.pdf")
    render_deposit_slip(report, tmp_path / "slip.pdf")
    assert "Zoë O'Brien" in "\n".join(read_pages(tmp_path / "dcr.pdf"))


def test_text_too_long_for_a_page_is_cut_visibly(tmp_path: Path) -> None:
    report = small_day()
    report["exceptions"][0]["reason"] = "customer explained at length " * 800
    report["exceptions"][1]["drawer"] = "X" * 3000
    report["receipt_ranges"][0]["gaps"] = [f"T01-{n:06d}" for n in range(2, 900, 2)]
    render_daily_cash_report(report, tmp_path / "long-cells.pdf")
    text = "\n".join(read_pages(tmp_path / "long-cells.pdf"))
    assert "(truncated)" in text
    assert "449 missing" in text
    assert "and 409 more" in text


def test_a_long_office_name_never_hides_the_page_number(tmp_path: Path) -> None:
    report = small_day()
    report["office"] = "Department of Public Utilities Customer Service Business Office " * 6
    pages = read_pages(_rendered(report, tmp_path / "office.pdf"))
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))


def _rendered(report: dict[str, Any], path: Path) -> Path:
    render_daily_cash_report(report, path)
    return path


# --- random reports ----------------------------------------------------------------------

amounts = st.integers(min_value=-10**11, max_value=10**11).map(format_money)
names = st.text(max_size=40)
maybe = st.none() | names
tenders = st.fixed_dictionaries({k: amounts for k in ("cash", "check", "money_order", "card")})
times = st.sampled_from(["2026-11-23T08:00:00-07:00", "2026-11-22T23:59:00+00:00", "",
                         "not a time", None])

sessions = st.fixed_dictionaries({
    "drawer": names, "terminal": names, "cashier": names, "opened_at": times,
    "closed_at": times, "status": st.sampled_from(["open", "closed", "handed_off"]),
    "handed_to": maybe, "opening_float": amounts, "receipts": st.integers(0, 10**6),
    "voids": st.integers(0, 999), "void_amount": amounts, "tenders": tenders,
    "change_given": amounts, "drops": amounts, "paid_outs": amounts,
    "expected": st.none() | tenders, "counted": st.none() | tenders,
    "over_short": st.none() | tenders, "approved_by": maybe, "approval_note": maybe,
})
deposits = st.fixed_dictionaries({
    "cash": amounts, "checks": amounts, "money_orders": amounts, "total": amounts,
    "check_count": st.integers(0, 50),
    "check_list": st.lists(st.fixed_dictionaries(
        {"number": names, "amount": amounts, "drawer": names}), max_size=8),
    "money_order_list": st.lists(st.fixed_dictionaries(
        {"number": names, "amount": amounts}), max_size=4),
    "cash_by_denomination": st.dictionaries(
        st.sampled_from([d.key for d in denominations()]), st.integers(0, 5000)),
    "floats_kept": amounts, "bag": names, "prepared_by": names, "verified_by": maybe,
    "status": st.sampled_from(["prepared", "verified"]),
})
reports = st.fixed_dictionaries({
    "business_date": st.just("2026-11-23"), "office": names,
    "status": st.sampled_from(["open", "closed"]), "generated_at": times,
    "closed_by": maybe, "closed_at": times,
    "sessions": st.lists(sessions, max_size=3),
    "gl_distribution": st.lists(st.fixed_dictionaries({
        "account": names, "fund": maybe, "fund_name": maybe, "name": names, "amount": amounts,
    }), max_size=6),
    "items": st.lists(st.fixed_dictionaries({
        "code": names, "name": names, "count": st.integers(0, 10**6), "amount": amounts,
    }), max_size=4),
    "tenders": tenders,
    "deposit": st.none() | deposits,
    "card_settlement": st.fixed_dictionaries(
        {"recorded": amounts, "terminal_batch": amounts, "difference": amounts}),
    "receipt_ranges": st.lists(st.fixed_dictionaries({
        "terminal": names, "first": names, "last": names, "count": st.integers(0, 10**5),
        "gaps": st.lists(names, max_size=5),
    }), max_size=3),
    "exceptions": st.lists(st.fixed_dictionaries(
        {"kind": names, "who": names},
        optional={"receipt": names, "drawer": names, "amount": amounts, "approver": names,
                  "reason": st.text(max_size=300), "at": times},
    ), max_size=6),
    "receipts_per_hour": st.dictionaries(st.sampled_from([f"{h:02d}" for h in range(24)]),
                                         st.integers(0, 500), max_size=12),
    "identities": st.lists(st.fixed_dictionaries({
        "name": names, "left": amounts | names, "right": amounts, "passed": st.booleans(),
    }), max_size=4),
    "totals": st.fixed_dictionaries(
        {"receipts_net": amounts, "over_short": amounts, "deposit_expected": amounts}),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports)
def test_any_small_report_renders(report: dict[str, Any]) -> None:
    out = io.BytesIO()
    render_daily_cash_report(report, out)
    assert out.getvalue().startswith(b"%PDF")
    if report["deposit"] is not None:
        slip = io.BytesIO()
        render_deposit_slip(report, slip)
        assert slip.getvalue().startswith(b"%PDF")
