"""The audit-trail sections of the Daily Cash Report PDF: card settlement, exceptions, receipt
ranges, receipts per hour and the balancing checks.

These are the pages an auditor reads for what went wrong rather than what was taken, so
anything that needs a second look (a settlement difference, a missing receipt number (C1), a
failed balancing check) is printed bold red next to the figure, never only in a footnote.
Each function takes the DCR mapping and returns flowables for ``daily_cash_pdf`` to place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from cashier.ledger.rules.errors import InvalidAmount
from cashier.reports.layout import (
    WIDTH,
    clean,
    fonts,
    markup,
    para,
    red,
    rich,
    section,
    styles,
)
from cashier.reports.tables import (
    Column,
    cell,
    count,
    is_nonzero,
    mapping_of,
    money,
    rows_of,
    table,
    timestamp,
)

MAX_GAPS_LISTED = 40
"""Beyond this the count of missing numbers says enough, and one row must fit on a page."""

_KINDS = {
    "no_sale": "no sale", "over_short": "over/short", "float_mismatch": "float mismatch",
    "paid_out": "paid-out", "nsf": "NSF check", "possible_duplicate": "possible duplicate",
    "batch_exception": "batch exception",
}


def card_settlement(report: Mapping[str, Any]) -> list[Any]:
    settlement = mapping_of(report.get("card_settlement"))
    difference = settlement.get("difference")
    columns = (Column("Recorded card sales", 120, right=True),
               Column("Terminal batch", 120, right=True), Column("Difference", 120, right=True))
    row: list[object] = [
        money(settlement.get("recorded")), money(settlement.get("terminal_batch")),
        cell(red(money(difference)), columns[2]) if is_nonzero(difference) else money(difference),
    ]
    content: list[Any] = [table(columns, [row])]
    if is_nonzero(difference):
        content.append(rich(red("Card sales and the terminal batch do not agree.")))
    return section("Card settlement", *content, keep=True)


def _kind(value: object) -> str:
    text = clean(value)
    return _KINDS.get(text, text.replace("_", " "))


_EXCEPTION_COLUMNS = (
    Column("Kind", 70), Column("Time", 40), Column("Receipt", 66), Column("Drawer", 40),
    Column("Amount", 56, right=True), Column("Who", 50), Column("Approver", 50),
    Column("Reason", 168),
)


def exceptions(report: Mapping[str, Any]) -> list[Any]:
    found = rows_of(report.get("exceptions"))
    if not found:
        return section("Exceptions", para("No exceptions on this day."), keep=True)
    kinds = Counter(_kind(e.get("kind")) for e in found)
    summary = ", ".join(f"{kind} {n:,}" for kind, n in kinds.most_common())
    day = report.get("business_date")
    rows = [
        [_kind(e.get("kind")), timestamp(e.get("at"), day), clean(e.get("receipt")),
         clean(e.get("drawer")), money(e.get("amount")) if e.get("amount") is not None else "",
         clean(e.get("who")), clean(e.get("approver")), clean(e.get("reason"))]
        for e in found
    ]
    return section("Exceptions", para(f"{len(found):,} exceptions: {summary}."),
                   table(_EXCEPTION_COLUMNS, rows))


_RANGE_COLUMNS = (
    Column("Terminal", 50), Column("First receipt", 90), Column("Last receipt", 90),
    Column("Count", 50, right=True), Column("Missing numbers", 260),
)


def _gaps(gaps: list[object]) -> str:
    if not gaps:
        return "none"
    listed = ", ".join(markup(g) for g in gaps[:MAX_GAPS_LISTED])
    more = f" … and {len(gaps) - MAX_GAPS_LISTED:,} more" if len(gaps) > MAX_GAPS_LISTED else ""
    return f"{red(f'{len(gaps):,} missing')}: {listed}{more}"


def receipt_ranges(report: Mapping[str, Any]) -> list[Any]:
    ranges = rows_of(report.get("receipt_ranges"))
    if not ranges:
        return section("Receipt ranges", para("No receipts issued."), keep=True)
    gap_lists = [list(r.get("gaps") or []) for r in ranges]
    rows = [
        [clean(r.get("terminal")), clean(r.get("first")), clean(r.get("last")),
         count(r.get("count")), cell(_gaps(gaps), _RANGE_COLUMNS[4])]
        for r, gaps in zip(ranges, gap_lists, strict=True)
    ]
    content: list[Any] = [table(_RANGE_COLUMNS, rows)]
    if any(gap_lists):
        content.append(rich(red("Receipt numbers are missing: every number must be accounted "
                                "for (C1).")))
    return section("Receipt ranges", *content)


def _hours(per_hour: Mapping[str, Any]) -> list[tuple[str, int]]:
    """Hour labels in time order, with quiet hours in between shown as zero."""
    counts: dict[int, int] = {}
    for hour, n in per_hour.items():
        if clean(hour).strip().isdigit() and isinstance(n, int) and not isinstance(n, bool):
            counts[int(hour)] = counts.get(int(hour), 0) + n
    if not counts:
        return []
    return [(f"{h:02d}", counts.get(h, 0)) for h in range(min(counts), max(counts) + 1)]


def receipts_per_hour(report: Mapping[str, Any]) -> list[Any]:
    hours = _hours(mapping_of(report.get("receipts_per_hour")))
    if not hours:
        return section("Receipts per hour", para("No receipts."), keep=True)
    drawing = Drawing(WIDTH, 150)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 25, WIDTH - 60, 110
    chart.data = [[n for _, n in hours]]
    chart.categoryAxis.categoryNames = [h for h, _ in hours]
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#4A6FA5")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts().regular
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 6
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = fonts().regular, 7
    drawing.add(chart)
    drawing.add(String(WIDTH / 2, 2, "hour of day", fontName=fonts().regular, fontSize=7,
                       textAnchor="middle"))
    return section("Receipts per hour", drawing, keep=True)


def _side(value: object) -> str:
    """A balancing figure: money when it is an amount, otherwise as the ledger wrote it."""
    try:
        return money(value)
    except (InvalidAmount, ValueError):
        return clean(value)


def _passed(identity: Mapping[str, Any]) -> bool:
    return identity.get("passed") is True  # anything but an explicit pass is not proven


def balancing_verdict(report: Mapping[str, Any]) -> str:
    """One line for page one: all checks pass, or how many FAIL (bold red)."""
    identities = rows_of(report.get("identities"))
    failed = sum(not _passed(i) for i in identities)
    if not identities:
        return red("none reported")
    if failed:
        return red(f"{failed} of {len(identities)} FAIL")
    return f"all {len(identities)} pass"


def balancing_checks(report: Mapping[str, Any]) -> list[Any]:
    heading = para("Balancing checks", styles().heading)
    identities = rows_of(report.get("identities"))
    if not identities:
        return [heading, rich(red("The report carries no balancing checks."))]
    columns = (Column("Check", 260), Column("Left", 90, right=True),
               Column("Right", 90, right=True), Column("Result", 100))
    rows = [
        [clean(i.get("name")), _side(i.get("left")), _side(i.get("right")),
         "PASS" if _passed(i) else cell(red("FAIL"), columns[3])]
        for i in identities
    ]
    return [heading, table(columns, rows)]
