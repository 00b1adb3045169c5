"""Figures and tables for the printed reports: money columns, counts, times, and tables that
fit the page.

Amounts arrive as the ledger's decimal strings and are parsed and formatted by
``cashier.ledger.rules.money`` (the one place money is read and written), so nothing here goes
through float. Cell text is measured before it is placed: text too wide for its column becomes
a wrapping paragraph, and a paragraph too tall for a page is cut with a visible "(truncated)",
because a table row cannot split across pages and one oversized cell would otherwise run off the
margins or stop the whole report with a layout error. Every table repeats its header row on
each page it spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape, unescape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, Table, TableStyle

from cashier.ledger.rules.money import Cents, format_display, parse_money
from cashier.reports.layout import (
    CELL_LEADING,
    FONT_SIZE,
    MAX_CELL_HEIGHT,
    PAD,
    RULE,
    SHADE,
    clean,
    fonts,
    red,
    rich,
    styles,
)

Command = tuple[Any, ...]
"""A reportlab table style command, e.g. ``("FONT", (0, 1), (-1, 1), "Helvetica-Bold", 8)``."""


def cents(amount: object) -> Cents:
    """An amount from the report in cents. Only decimal strings: a float may already be
    rounded, and a bare int could be cents or dollars."""
    if not isinstance(amount, str):
        raise ValueError(f"report amount must be a decimal string, got {amount!r}")
    return parse_money(amount, what="report amount", allow_negative=True, limit=None)


def money_of(value: Cents) -> str:
    return format_display(value, symbol="")


def money(amount: object) -> str:
    """``"1234.5"`` -> ``"1,234.50"``, ``"-3.00"`` -> ``"-3.00"``; a missing amount is a dash."""
    if amount is None or amount == "":
        return "—"
    return money_of(cents(amount))


def is_nonzero(amount: object) -> bool:
    return amount not in (None, "") and cents(amount) != 0


def count(value: object) -> str:
    """A whole number (receipts, checks) with thousands separators; other text as given."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return clean(value)


def timestamp(value: object, business_date: object = None) -> str:
    """An ISO time as ``HH:MM`` on the business day, ``YYYY-MM-DD HH:MM`` otherwise."""
    if not isinstance(value, str) or not value:
        return clean(value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return clean(value)
    if moment.date().isoformat() == business_date:
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def rows_of(value: object) -> list[Mapping[str, Any]]:
    """The report's lists, tolerating ``None`` for an empty list."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        return []
    return [row for row in value if isinstance(row, Mapping)]


def mapping_of(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


# --- tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    right: bool = False  # money and counts are right-aligned


def _fits(text: str, width: float) -> bool:
    return all(
        pdfmetrics.stringWidth(line, fonts().regular, FONT_SIZE) <= width - 2 * PAD
        for line in text.split("\n")
    )


def _short_enough(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    paragraph = Paragraph(text, style)
    height = paragraph.wrap(width - 2 * PAD, 10 * MAX_CELL_HEIGHT)[1]
    if height <= MAX_CELL_HEIGHT:
        return paragraph
    plain = unescape(re.sub(r"<[^>]*>", " ", text))
    keep = int(len(plain) * MAX_CELL_HEIGHT / height * 0.9)
    return _short_enough(escape(plain[:keep]) + " … (truncated)", style, width)


def fit(cell: object, column: Column) -> object:
    """Plain text stays plain (fast) when it fits its column; otherwise it wraps."""
    if not isinstance(cell, str):
        return cell
    text = "\n".join(clean(line) for line in cell.split("\n"))
    if _fits(text, column.width):
        return text
    style = styles().cell_right if column.right else styles().cell
    return _short_enough(escape(text).replace("\n", "<br/>"), style, column.width)


def cell(markup_text: str, column: Column) -> Paragraph:
    """A cell written in paragraph markup (colour, bold), cut if it would be taller than a page."""
    style = styles().cell_right if column.right else styles().cell
    return _short_enough(markup_text, style, column.width)


def emphasis(row: int, *, line: bool = True) -> list[Command]:
    """Style commands for a subtotal or total row (``row`` counts the body from 0)."""
    commands: list[Command] = [("FONT", (0, row + 1), (-1, row + 1), fonts().bold, FONT_SIZE)]
    if line:
        commands.append(("LINEABOVE", (0, row + 1), (-1, row + 1), 0.75, colors.black))
    return commands


def table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    style: Iterable[Command] = (),
    stripes: bool = True,
) -> Table:
    """A table whose header repeats on every page it spans and whose columns fit the page."""
    s = styles()
    header = [Paragraph(escape(c.title), s.head_right if c.right else s.head) for c in columns]
    body = [[fit(value, c) for value, c in zip(row, columns, strict=True)] for row in rows]
    commands: list[Command] = [
        ("FONT", (0, 0), (-1, -1), fonts().regular, FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
    ]
    if stripes:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]))
    commands += [("ALIGN", (i, 0), (i, -1), "RIGHT") for i, c in enumerate(columns) if c.right]
    commands += list(style)
    result = Table([header, *body], colWidths=[c.width for c in columns], repeatRows=1,
                   hAlign="LEFT")
    result.setStyle(TableStyle(commands))
    return result


def side_by_side(rows: Sequence[Sequence[object]], groups: int) -> list[list[object]]:
    """Long two- or three-field lists (checks) laid out ``groups`` to a line, in reading order,
    so 400 checks take a few pages instead of ten."""
    width = len(rows[0]) if rows else 0
    lines: list[list[object]] = []
    for start in range(0, len(rows), groups):
        line: list[object] = []
        for row in rows[start:start + groups]:
            line.extend(row)
        line.extend([""] * (groups * width - len(line)))
        lines.append(line)
    return lines


def group_rules(groups: int, fields: int) -> list[Command]:
    """Rules between the groups of a ``side_by_side`` table."""
    return [("LINEBEFORE", (g * fields, 0), (g * fields, -1), 0.75, colors.black)
            for g in range(1, groups)]


def list_total(what: str, rows: Sequence[Mapping[str, Any]], stated_count: object,
               stated_total: object) -> list[Paragraph]:
    """"12 checks, total 1,234.56", and a red line if the list disagrees with the deposit."""
    listed = sum(cents(r.get("amount")) for r in rows)
    lines = [rich(f"<b>{len(rows):,} {what}, total {money_of(listed)}</b>")]
    if isinstance(stated_count, int) and stated_count != len(rows):
        lines.append(rich(red(f"The deposit states {stated_count:,} {what}.")))
    if stated_total not in (None, "") and cents(stated_total) != listed:
        lines.append(rich(red(
            f"The listed {what} do not agree with the deposit's {money(stated_total)}.")))
    return lines


def signature_lines(*signers: tuple[str, object]) -> Table:
    """Per signer: role, a line to sign on with the printed name under it, and a date line."""
    rows: list[list[str]] = []
    for role, name in signers:
        rows += [[f"{role}:", "", "Date:", ""], ["", clean(name), "", ""]]
    grid = Table(rows, colWidths=(80, 260, 40, 120), rowHeights=[28, 12] * len(signers),
                 hAlign="LEFT")
    commands: list[Command] = [
        ("FONT", (0, 0), (-1, -1), fonts().regular, 9),
        ("FONT", (0, 0), (0, -1), fonts().bold, 9),
        ("FONT", (1, 1), (1, -1), fonts().regular, 7),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]
    for i in range(len(signers)):
        commands += [("LINEBELOW", (1, 2 * i), (1, 2 * i), 0.75, colors.black),
                     ("LINEBELOW", (3, 2 * i), (3, 2 * i), 0.75, colors.black)]
    grid.setStyle(TableStyle(commands))
    return grid
