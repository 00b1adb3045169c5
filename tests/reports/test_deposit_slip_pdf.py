"""The bank deposit slip that goes into the bag."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cashier.reports.deposit_slip_pdf import render_deposit_slip
from tests.reports.samples import long_day, read_pages, small_day


def render(report: dict[str, Any], path: Path) -> list[str]:
    render_deposit_slip(report, path)
    return read_pages(path)


def test_slip_shows_bag_office_date_and_totals(tmp_path: Path) -> None:
    text = "\n".join(render(small_day(), tmp_path / "slip.pdf"))
    assert "Bank Deposit Slip" in text
    assert "City Hall · business date 2026-11-23" in text
    assert "Bag B-5521 · VERIFIED" in text
    assert re.search(r"Total cash\s+30,676\.66", text)
    assert re.search(r"Checks \(5\)\s+125\.70", text)
    assert re.search(r"Money orders \(2\)\s+150\.00", text)
    assert re.search(r"Deposit total\s+30,952\.36", text)


def test_cash_by_denomination_is_count_times_face(tmp_path: Path) -> None:
    text = "\n".join(render(small_day(), tmp_path / "slip.pdf"))
    assert re.search(r"100\.00\s+306 ×\s+100\.00\s+30,600\.00", text)
    assert re.search(r"Rolled 0\.25\s+7 ×\s+10\.00\s+70\.00", text)
    assert re.search(r"Currency total\s+30,600\.00", text)
    assert re.search(r"Coin total\s+76\.66", text)


def test_every_check_is_listed_with_count_and_total(tmp_path: Path) -> None:
    report = long_day()
    pages = render(report, tmp_path / "slip.pdf")
    text = "\n".join(pages)
    numbers = [c["number"] for c in report["deposit"]["check_list"]]
    listed = set(re.findall(r"\b\d+\s+(1\d{3})\s+\d+\.\d\d", text))
    assert listed == set(numbers)
    assert "400 checks, total 15,586.00" in text
    assert len(pages) > 1
    assert all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))


def test_money_orders_are_listed(tmp_path: Path) -> None:
    text = "\n".join(render(small_day(), tmp_path / "slip.pdf"))
    assert re.search(r"1\s+MO-77001\s+100\.00\s+2\s+MO-77002\s+50\.00", text)
    assert "2 money orders, total 150.00" in text


def test_slip_has_preparer_and_verifier_signature_lines(tmp_path: Path) -> None:
    last = render(small_day(), tmp_path / "slip.pdf")[-1]
    assert re.search(r"Prepared by:\s+Date:\s+sam", last)
    assert re.search(r"Verified by:\s+Date:\s+lee", last)


def test_denominations_that_do_not_add_up_are_flagged(tmp_path: Path) -> None:
    report = small_day()
    report["deposit"]["cash_by_denomination"]["20.00"] = 1
    text = "\n".join(render(report, tmp_path / "slip.pdf"))
    assert "The denominations add up to 30,696.66, not the deposit's cash 30,676.66." in text


def test_a_check_list_that_disagrees_with_the_deposit_is_flagged(tmp_path: Path) -> None:
    report = small_day()
    report["deposit"]["check_count"] = 6
    report["deposit"]["checks"] = "150.00"
    text = "\n".join(render(report, tmp_path / "slip.pdf"))
    assert "The deposit states 6 checks." in text
    assert "The listed checks do not agree with the deposit's 150.00." in text


def test_a_total_that_is_not_the_sum_of_its_parts_is_flagged(tmp_path: Path) -> None:
    report = small_day()
    report["deposit"]["total"] = "30000.00"
    text = "\n".join(render(report, tmp_path / "slip.pdf"))
    assert "add up to 30,952.36, not the deposit total 30,000.00" in text


def test_a_day_without_a_deposit_is_refused(tmp_path: Path) -> None:
    report = small_day()
    report["deposit"] = None
    with pytest.raises(ValueError, match="no deposit has been prepared for 2026-11-23"):
        render_deposit_slip(report, tmp_path / "slip.pdf")
    assert not (tmp_path / "slip.pdf").exists()


def test_an_unknown_denomination_is_refused(tmp_path: Path) -> None:
    report = small_day()
    report["deposit"]["cash_by_denomination"]["3.00"] = 2
    with pytest.raises(ValueError, match="'3.00' is not a denomination"):
        render_deposit_slip(report, tmp_path / "slip.pdf")


def test_a_slip_without_denominations_says_so(tmp_path: Path) -> None:
    report = small_day()
    report["deposit"]["cash_by_denomination"] = {}
    text = "\n".join(render(report, tmp_path / "slip.pdf"))
    assert "No denomination breakdown was recorded." in text
