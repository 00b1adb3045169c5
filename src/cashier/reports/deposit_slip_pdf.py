"""The bank deposit slip as a PDF: what goes into the bag with the money (C11).

Input is the Daily Cash Report mapping (its ``deposit``, ``business_date`` and ``office``), as
the ledger writes it to JSON; output is a Letter PDF. No database, no Qt.

It is laid out the way a teller checks a bag: the bag number and the totals first (currency,
coin, checks, money orders, deposit total), then the cash by denomination as count × face =
amount with currency and coin subtotals, then every check and money order one by one with their
count and total, and last the preparer's and verifier's signature lines (C11: prepared by one
user, verified by another). Where the breakdown does not add up to the deposit's own figures, a
bold red line says so on the slip, rather than the slip quietly showing two different totals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cashier.ledger.rules.denominations import denominations
from cashier.ledger.rules.money import Cents
from cashier.reports.layout import (
    Out,
    build_pdf,
    clean,
    markup,
    para,
    red,
    rich,
    section,
    styles,
)
from cashier.reports.tables import (
    Column,
    Command,
    cell,
    cents,
    count,
    emphasis,
    group_rules,
    list_total,
    mapping_of,
    money,
    money_of,
    rows_of,
    side_by_side,
    signature_lines,
    table,
)


def render_deposit_slip(report: Mapping[str, Any], out: Out) -> None:
    """Write the deposit slip for ``report``'s deposit as a PDF to ``out`` (a path or a binary
    file). Raises ``ValueError`` when the day has no prepared deposit."""
    deposit = report.get("deposit")
    office, day = clean(report.get("office")), clean(report.get("business_date"))
    if not isinstance(deposit, Mapping):
        raise ValueError(
            f"no deposit has been prepared for {day or 'this day'} at {office or 'this office'}; "
            "prepare the deposit before printing its slip"
        )
    by_kind = _cash_by_kind(deposit)
    story: list[Any] = [
        *_header(deposit, office, day),
        *_totals(deposit, by_kind),
        *_denominations(deposit, by_kind),
        *_checks(deposit),
        *_money_orders(deposit),
        *section("Signatures", signature_lines(
            ("Prepared by", deposit.get("prepared_by")),
            ("Verified by", deposit.get("verified_by")),
        ), keep=True),
    ]
    bag = clean(deposit.get("bag"))
    build_pdf(story, out, title=f"Deposit slip {office} {day} bag {bag}",
              footer=f"Deposit slip · {office} · {day} · bag {bag}")


def _header(deposit: Mapping[str, Any], office: str, day: str) -> list[Any]:
    s = styles()
    status = clean(deposit.get("status")).upper() or "PREPARED"
    return [
        para("Bank Deposit Slip", s.title),
        para(f"{office} · business date {day}", s.heading),
        rich(f"<b>Bag {markup(deposit.get('bag'))}</b> · {markup(status)}"),
    ]


Line = tuple[str, int, Cents, Cents]
"""A denomination line: label, how many, value of one, amount."""


def _label(key: str) -> str:
    return f"Rolled {key.removeprefix('roll ')}" if key.startswith("roll ") else key


def _cash_by_kind(deposit: Mapping[str, Any]) -> dict[str, list[Line]]:
    """Denomination lines in till order, split into currency (notes) and coin (loose and
    rolled). A key that is no denomination is refused: the slip must add up."""
    counted = dict(mapping_of(deposit.get("cash_by_denomination")))
    lines: dict[str, list[Line]] = {"Currency": [], "Coin": []}
    for d in denominations():
        number = counted.pop(d.key, 0)
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            raise ValueError(f"deposit cash: count of {d.key} must be a whole number >= 0, "
                             f"got {number!r}")
        if number:
            kind = "Currency" if d.kind == "note" else "Coin"
            lines[kind].append((_label(d.key), number, d.unit, d.unit * number))
    if counted:
        raise ValueError(f"deposit cash: {', '.join(map(repr, counted))} is not a denomination "
                         f"(known: {', '.join(d.key for d in denominations())})")
    return lines


def _totals(deposit: Mapping[str, Any], by_kind: Mapping[str, list[Line]]) -> list[Any]:
    value = Column("Amount", 140, right=True)
    orders = rows_of(deposit.get("money_order_list"))
    rows: list[list[object]] = []
    if any(by_kind.values()):
        rows += [[kind, money_of(sum(line[3] for line in lines))]
                 for kind, lines in by_kind.items()]
    rows += [
        ["Total cash", money(deposit.get("cash"))],
        [f"Checks ({count(deposit.get('check_count'))})", money(deposit.get("checks"))],
        [f"Money orders ({len(orders):,})", money(deposit.get("money_orders"))],
    ]
    parts = [deposit.get(k) for k in ("cash", "checks", "money_orders")]
    added = sum(cents(p) for p in parts if p not in (None, ""))
    total = deposit.get("total")
    agrees = total in (None, "") or cents(total) == added
    rows.append(["Deposit total", money(total) if agrees else cell(red(money(total)), value)])
    content: list[Any] = [table([Column("Deposit", 200), value], rows,
                                style=emphasis(len(rows) - 1), stripes=False)]
    if not agrees:
        content.append(rich(red(
            f"Cash, checks and money orders add up to {money_of(added)}, "
            f"not the deposit total {money(total)}.")))
    return section("Deposit totals", *content, keep=True)


def _denominations(deposit: Mapping[str, Any], by_kind: Mapping[str, list[Line]]) -> list[Any]:
    stated = deposit.get("cash")
    if not any(by_kind.values()) and stated not in (None, "") and cents(stated) <= 0:
        # Nothing to count into the bag: the floats kept took all the cash (a cash refund
        # paid from a float leaves the floats short by what the deposit's cash is below zero).
        short = "" if cents(stated) == 0 else (
            f" The floats kept for the next day are {money_of(-cents(stated))} short; they "
            "are made up from the safe.")
        return section("Cash by denomination",
                       para("No cash goes in this bag." + short), keep=True)
    if not any(by_kind.values()):
        return section("Cash by denomination",
                       rich(red("No denomination breakdown was recorded.")), keep=True)
    columns = (Column("Denomination", 160), Column("Count", 70, right=True),
               Column("Each", 90, right=True), Column("Amount", 100, right=True))
    rows: list[list[object]] = []
    style: list[Command] = []
    for kind, lines in by_kind.items():
        if not lines:
            continue
        rows += [[label, f"{n:,} ×", money_of(unit), money_of(amount)]
                 for label, n, unit, amount in lines]
        style += emphasis(len(rows))
        rows.append([f"{kind} total", "", "", money_of(sum(line[3] for line in lines))])
    counted: Cents = sum(line[3] for lines in by_kind.values() for line in lines)
    style += emphasis(len(rows))
    rows.append(["Total cash", "", "", money_of(counted)])
    content: list[Any] = [table(columns, rows, style=style)]
    stated = deposit.get("cash")
    if stated not in (None, "") and cents(stated) != counted:
        content.append(rich(red(
            f"The denominations add up to {money_of(counted)}, not the deposit's cash "
            f"{money(stated)}.")))
    return section("Cash by denomination", *content)


def _checks(deposit: Mapping[str, Any]) -> list[Any]:
    checks = rows_of(deposit.get("check_list"))
    if not checks:
        return section("Checks", para("No checks in this deposit."), keep=True)
    one = (Column("#", 28, right=True), Column("Check no.", 72), Column("Amount", 80, right=True))
    rows = [[f"{i:,}", clean(c.get("number")), money(c.get("amount"))]
            for i, c in enumerate(checks, start=1)]
    return section(
        "Checks",
        table(one * 3, side_by_side(rows, 3), style=group_rules(3, 3)),
        *list_total("checks", checks, deposit.get("check_count"), deposit.get("checks")),
    )


def _money_orders(deposit: Mapping[str, Any]) -> list[Any]:
    orders = rows_of(deposit.get("money_order_list"))
    if not orders:
        return []
    one = (Column("#", 28, right=True), Column("Number", 72), Column("Amount", 80, right=True))
    rows = [[f"{i:,}", clean(m.get("number")), money(m.get("amount"))]
            for i, m in enumerate(orders, start=1)]
    return section(
        "Money orders",
        table(one * 3, side_by_side(rows, 3), style=group_rules(3, 3)),
        *list_total("money orders", orders, len(orders), deposit.get("money_orders")),
    )
