"""The Daily Cash Report (DCR) as a PDF: what a supervisor signs and an auditor files (SPEC §5).

Input is the report exactly as the ledger writes it to JSON (a plain mapping, amounts as decimal
strings); output is a Letter PDF. Nothing here reads the database or knows about Qt, so the same
bytes come out of the CLI, the supervisor console and a test.

The order follows how the day is checked at the counter: first the day's totals and whether
every balancing check passed (a failure must be visible on page one), then each drawer with its
per-tender expected / counted / over-short (C7: one drawer's overage never hides another's
shortage) and the cash movements behind the expected cash, then where the money went (GL by
fund, items), what was taken (tenders) and what goes to the bank (deposit and its checks), then
the audit trail (card settlement, exceptions, receipt ranges with gaps, receipts per hour), the
balancing checks, and last the signature lines, kept on one page with the checks they sign for.
The audit sections live in ``daily_cash_audit``, page layout and fonts in ``layout``, money
columns and tables in ``tables``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Spacer, Table

from cashier.reports import daily_cash_audit as audit
from cashier.reports import daily_cash_batches as remitted
from cashier.reports.layout import (
    SHADE,
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
    is_nonzero,
    list_total,
    mapping_of,
    money,
    money_of,
    rows_of,
    side_by_side,
    signature_lines,
    table,
    timestamp,
)

TENDERS: tuple[tuple[str, str], ...] = (
    ("cash", "Cash"), ("check", "Checks"), ("money_order", "Money orders"), ("card", "Card"),
)


def render_daily_cash_report(report: Mapping[str, Any], out: Out) -> None:
    """Write the Daily Cash Report for ``report`` (the ledger's DCR mapping) as a PDF to ``out``
    (a path or a binary file)."""
    story: list[Any] = [
        *_header(report),
        *_drawer_summaries(report),
        *_recounts(report),
        *_cash_movements(report),
        *_drops(report),
        *_gl_distribution(report),
        *_item_summary(report),
        *_tender_summary(report),
        *audit.card_settlement(report),
        *_deposit_summary(report),
        *_interfaces(report),
        *_deposited_checks(report),
        *_deposited_money_orders(report),
        *remitted.batches(report),
        *remitted.service_notices(report),
        *audit.exceptions(report),
        *audit.receipt_ranges(report),
        *audit.receipts_per_hour(report),
        *_chain_head(report),
        KeepTogether([*audit.balancing_checks(report), *_signatures()]),
    ]
    office, day = clean(report.get("office")), clean(report.get("business_date"))
    build_pdf(
        story, out,
        title=f"Daily Cash Report {office} {day}",
        footer=f"Daily Cash Report · {office} · {day} · {_status(report)}",
    )


def _now() -> str:
    return datetime.now().astimezone().isoformat()


def _status(report: Mapping[str, Any]) -> str:
    return "CLOSED" if report.get("status") == "closed" else "OPEN"


def tender_names(*tender_maps: object) -> list[tuple[str, str]]:
    """The four tenders in counter order, then any other tender the ledger reports."""
    names = list(TENDERS)
    known = {key for key, _ in names}
    for tenders in tender_maps:
        for key in mapping_of(tenders):
            if key not in known:
                known.add(key)
                names.append((key, clean(key).replace("_", " ").capitalize()))
    return names


# --- header ------------------------------------------------------------------------------


def _header(report: Mapping[str, Any]) -> list[Any]:
    s = styles()
    day = report.get("business_date")
    if report.get("status") == "closed":
        status = (f"<b>CLOSED</b> by {markup(report.get('closed_by'))} "
                  f"at {markup(timestamp(report.get('closed_at')))}")
    else:
        status = red("OPEN") + " (day not closed; figures may still change)"
    return [
        para("Daily Cash Report", s.title),
        para(f"{clean(report.get('office'))} · business date {clean(day)}", s.heading),
        rich(f"Status: {status}"),
        # The report says when it was made; one made without saying is stamped as printed.
        para(f"Generated at {timestamp(report.get('generated_at') or _now())}"),
        Spacer(1, 6),
        _day_totals(report),
    ]


def _day_totals(report: Mapping[str, Any]) -> Table:
    totals = mapping_of(report.get("totals"))
    deposit = report.get("deposit")
    label, value = Column("Day totals", 200), Column("Amount", 120, right=True)
    over_short = totals.get("over_short")
    rows: list[list[object]] = [
        ["Receipts net", money(totals.get("receipts_net"))],
        ["Over / short (all drawers and float differences)",
         cell(red(money(over_short)), value) if is_nonzero(over_short) else money(over_short)],
        ["  of which opening-float differences (C5)", money(totals.get("float_differences"))],
        ["Deposit expected", money(totals.get("deposit_expected"))],
        ["Deposit prepared",
         money(mapping_of(deposit).get("total")) if deposit else cell(red("not prepared"), value)],
        ["Exceptions", count(len(rows_of(report.get("exceptions"))))],
        ["Balancing checks", cell(audit.balancing_verdict(report), value)],
    ]
    return table([label, value], rows, stripes=False)


# --- drawers -----------------------------------------------------------------------------

_SESSION_COLUMNS = (
    Column("Drawer", 40), Column("Cashier", 88), Column("Receipts", 46, right=True),
    Column("Voids", 50, right=True), Column("Tender", 62), Column("Expected", 62, right=True),
    Column("Counted", 62, right=True), Column("Over / short", 60, right=True),
    Column("Approved by", 68),
)


def _drawer_summaries(report: Mapping[str, Any]) -> list[Any]:
    sessions = rows_of(report.get("sessions"))
    if not sessions:
        return section("Drawer summaries", para("No drawer sessions on this day."), keep=True)
    rows = [_session_row(session, report.get("business_date")) for session in sessions]
    return section("Drawer summaries", table(_SESSION_COLUMNS, rows))


def _session_row(session: Mapping[str, Any], day: object) -> list[object]:
    c = _SESSION_COLUMNS
    expected, counted = session.get("expected"), session.get("counted")
    over_short = mapping_of(session.get("over_short"))
    names = tender_names(expected, counted, session.get("tenders"))
    if counted is None:
        counted_cell: object = cell(red("not counted"), c[6])
        over_short_cell: object = "—"
    else:
        counted_cell = "\n".join(money(mapping_of(counted).get(k)) for k, _ in names)
        over_short_cell = cell("<br/>".join(
            red(money(over_short.get(k))) if is_nonzero(over_short.get(k))
            else markup(money(over_short.get(k)))
            for k, _ in names
        ), c[7])
    return [
        f"{clean(session.get('drawer'))}\n{clean(session.get('terminal'))}",
        cell(_cashier(session, day), c[1]),
        count(session.get("receipts")),
        f"{count(session.get('voids'))}\n{money(session.get('void_amount'))}",
        "\n".join(label for _, label in names),
        "\n".join(money(mapping_of(expected).get(k)) for k, _ in names) if expected else "—",
        counted_cell,
        over_short_cell,
        cell(_approval(session, over_short), c[8]),
    ]


def _cashier(session: Mapping[str, Any], day: object) -> str:
    opened = timestamp(session.get("opened_at"), day)
    closed = timestamp(session.get("closed_at"), day) or "…"
    lines = [f"<b>{markup(session.get('cashier'))}</b>", markup(f"{opened}–{closed}")]
    status = session.get("status")
    relieved = session.get("relief_of")
    if isinstance(relieved, Mapping):
        lines.append(f"relief of {markup(relieved.get('cashier'))} (opened "
                     f"{markup(timestamp(relieved.get('opened_at'), day))})")
    if session.get("recounted"):
        lines.append("recounted: the recount stands")
    if status == "handed_off":
        lines.append(f"handed to {markup(session.get('handed_to'))}")
    elif status == "open":
        lines.append(red("still open"))
    return "<br/>".join(lines)


def _approval(session: Mapping[str, Any], over_short: Mapping[str, Any]) -> str:
    approver = session.get("approved_by")
    if approver:
        note = session.get("approval_note")
        return markup(approver) + (f"<br/>{markup(note)}" if note else "")
    if session.get("status") == "open":
        return "—"
    # C7: an unapproved over/short is what the reviewer must not miss.
    return red("not approved") if any(map(is_nonzero, over_short.values())) else "not approved"


_MOVEMENT_COLUMNS = (
    Column("Drawer", 40), Column("Cashier", 104),
    *(Column(title, 66, right=True) for title in (
        "Opening float", "Cash taken", "Change given", "Drops", "Paid-outs", "Expected cash")),
)
_MOVEMENT_KEYS = ("opening_float", "cash", "change_given", "drops", "paid_outs", "expected")


def _movement(session: Mapping[str, Any], key: str) -> object:
    if key == "cash":
        return mapping_of(session.get("tenders")).get("cash")
    if key == "expected":
        return mapping_of(session.get("expected")).get("cash")
    return session.get(key)


def _counts_once(session: Mapping[str, Any], key: str) -> bool:
    """Whether ``session``'s ``key`` belongs in the day's total: a relief session's opening is
    the handoff's count (the outgoing session's cash), and a handed-off session's expected
    cash went on into the relief session; each is in the total once."""
    if key == "opening_float":
        return not session.get("relief_of")
    if key == "expected":
        return session.get("status") != "handed_off"
    return True


def _cash_movements(report: Mapping[str, Any]) -> list[Any]:
    sessions = rows_of(report.get("sessions"))
    if not sessions:
        return []
    rows: list[list[object]] = [
        [clean(s.get("drawer")),
         clean(s.get("cashier")) + (" (relief)"
                                    if s.get("relief_of") else ""),
         *(money(_movement(s, key)) for key in _MOVEMENT_KEYS)]
        for s in sessions
    ]
    rows.append(["Total", "", *(
        money_of(sum(cents(v) for s in sessions if _counts_once(s, key)
                     and (v := _movement(s, key)) not in (None, "")))
        for key in _MOVEMENT_KEYS
    )])
    content: list[Any] = [table(_MOVEMENT_COLUMNS, rows, style=emphasis(len(rows) - 1))]
    if any(s.get("relief_of") for s in sessions):
        content.append(para("A relief handoff's cash is counted once: the total's opening "
                            "float leaves out the relief session's opening (the handoff "
                            "count), its expected cash the handed-off session's."))
    return section("Drawer cash movements", *content)


def _drops(report: Mapping[str, Any]) -> list[Any]:
    """Every drop with who witnessed it (C8)."""
    rows: list[list[object]] = [
        [clean(s.get("drawer")), clean(s.get("cashier")),
         timestamp(d.get("at"), report.get("business_date")), money(d.get("amount")),
         clean(d.get("witness"))]
        for s in rows_of(report.get("sessions")) for d in rows_of(s.get("drop_list"))
    ]
    if not rows:
        return []
    columns = (Column("Drawer", 50), Column("Cashier", 120), Column("At", 90),
               Column("Amount", 90, right=True), Column("Witnessed by", 150))
    return section("Drops to the safe", table(columns, rows), keep=True)


def _recounts(report: Mapping[str, Any]) -> list[Any]:
    """C6: a recounted close with both counts, and which one stands."""
    rows: list[list[object]] = []
    for s in rows_of(report.get("sessions")):
        first = mapping_of(s.get("first_count"))
        if not s.get("recounted") or not first:
            continue
        counted, expected = mapping_of(s.get("counted")), mapping_of(s.get("expected"))
        for key, label in tender_names(first, counted):
            rows.append([clean(s.get("drawer")), clean(s.get("cashier")), label,
                         money(expected.get(key)), money(first.get(key)),
                         money(counted.get(key)), "recount"])
    if not rows:
        return []
    columns = (Column("Drawer", 40), Column("Cashier", 90), Column("Tender", 70),
               Column("Expected", 70, right=True), Column("First count", 70, right=True),
               Column("Recount", 70, right=True), Column("Stands", 60))
    return section("Recounts (C6: both counts; the recount stands)", table(columns, rows),
                   keep=True)


# --- where the money went ----------------------------------------------------------------


def _fund_of(row: Mapping[str, Any]) -> str:
    return clean(row.get("fund") or clean(row.get("account")).split("-", 1)[0])


def _gl_distribution(report: Mapping[str, Any]) -> list[Any]:
    title = "GL distribution by fund"
    accounts = rows_of(report.get("gl_distribution"))
    if not accounts:
        return section(title, para("No GL distribution (no receipts)."), keep=True)
    funds: dict[str, list[Mapping[str, Any]]] = {}
    for row in sorted(accounts, key=lambda r: (_fund_of(r), clean(r.get("account")))):
        funds.setdefault(_fund_of(row), []).append(row)
    rows: list[list[object]] = []
    style: list[Command] = []
    for fund, members in funds.items():
        name = next((clean(m.get("fund_name")) for m in members if m.get("fund_name")), "")
        style += [*emphasis(len(rows), line=False),
                  ("BACKGROUND", (0, len(rows) + 1), (-1, len(rows) + 1), SHADE)]
        rows.append([f"Fund {fund}", name, ""])
        rows += [[clean(m.get("account")), clean(m.get("name")), money(m.get("amount"))]
                 for m in members]
        style += emphasis(len(rows))
        rows.append(["", f"Fund {fund} total",
                     money_of(sum(cents(m.get("amount")) for m in members))])
    style += emphasis(len(rows))
    rows.append(["", "Grand total", money_of(sum(cents(a.get("amount")) for a in accounts))])
    columns = (Column("Account", 80), Column("Account name", 360), Column("Amount", 100, True))
    return section(title, table(columns, rows, style=style, stripes=False))


def _item_summary(report: Mapping[str, Any]) -> list[Any]:
    items = rows_of(report.get("items"))
    if not items:
        return section("Item summary", para("No items sold."), keep=True)
    rows: list[list[object]] = [
        [clean(i.get("code")), clean(i.get("name")), count(i.get("count")), money(i.get("amount"))]
        for i in items
    ]
    counts = [i.get("count") for i in items]
    total_count = sum(n for n in counts if isinstance(n, int))
    rows.append(["", "Total", count(total_count),
                 money_of(sum(cents(i.get("amount")) for i in items))])
    columns = (Column("Code", 60), Column("Item", 320), Column("Count", 60, right=True),
               Column("Amount", 100, right=True))
    return section("Item summary", table(columns, rows, style=emphasis(len(rows) - 1)))


def _tender_summary(report: Mapping[str, Any]) -> list[Any]:
    tenders = mapping_of(report.get("tenders"))
    rows: list[list[object]] = [
        [label, money(tenders.get(key))] for key, label in tender_names(tenders)
    ]
    rows.append(["Total", money_of(sum(
        cents(v) for v in tenders.values() if v not in (None, "")))])
    columns = (Column("Tender (net of voids and change)", 200), Column("Amount", 100, True))
    return section("Tender summary", table(columns, rows, style=emphasis(len(rows) - 1)),
                   keep=True)


# --- deposit -----------------------------------------------------------------------------


def _deposit_summary(report: Mapping[str, Any]) -> list[Any]:
    deposit = report.get("deposit")
    if not isinstance(deposit, Mapping):
        return section("Deposit summary", rich(red("Deposit not yet prepared.")), keep=True)
    value = Column("Amount", 140, right=True)
    expected = mapping_of(report.get("totals")).get("deposit_expected")
    total = deposit.get("total")
    differs = (expected not in (None, "") and total not in (None, "")
               and cents(expected) != cents(total))
    rows: list[list[object]] = [
        ["Bag", clean(deposit.get("bag"))],
        ["Status", clean(deposit.get("status")).upper()],
        ["Cash", money(deposit.get("cash"))],
        [f"Checks ({count(deposit.get('check_count'))})", money(deposit.get("checks"))],
        [f"Money orders ({count(len(rows_of(deposit.get('money_order_list'))))})",
         money(deposit.get("money_orders"))],
        ["Deposit total", cell(red(money(total)), value) if differs else money(total)],
        ["Deposit expected (balanced drawers)", money(expected)],
        ["Floats kept in the safe", money(deposit.get("floats_kept"))],
        ["Prepared by", clean(deposit.get("prepared_by"))],
        ["Verified by", clean(deposit.get("verified_by")) or cell(red("not verified"), value)],
    ]
    style = [*emphasis(5), ("LINEBELOW", (0, 6), (-1, 6), 0.75, colors.black)]
    content: list[Any] = [table([Column("Deposit", 200), value], rows, style=style,
                                stripes=False)]
    if differs:
        content.append(rich(red(
            f"Deposit total differs from expected by {money_of(cents(total) - cents(expected))}."
        )))
    return section("Deposit summary", *content, keep=True)


def _deposited_checks(report: Mapping[str, Any]) -> list[Any]:
    deposit = mapping_of(report.get("deposit"))
    checks = rows_of(deposit.get("check_list"))
    if not checks:
        return []
    one = (Column("Check no.", 64), Column("Drawer", 40), Column("Amount", 76, right=True))
    rows = [[clean(c.get("number")), clean(c.get("drawer")), money(c.get("amount"))]
            for c in checks]
    return section(
        "Deposited checks",
        table(one * 3, side_by_side(rows, 3), style=group_rules(3, 3)),
        *list_total("checks", checks, deposit.get("check_count"), deposit.get("checks")),
    )


def _deposited_money_orders(report: Mapping[str, Any]) -> list[Any]:
    deposit = mapping_of(report.get("deposit"))
    orders = rows_of(deposit.get("money_order_list"))
    if not orders:
        return []
    one = (Column("Money order no.", 100), Column("Amount", 80, right=True))
    rows = [[clean(m.get("number")), money(m.get("amount"))] for m in orders]
    return section(
        "Deposited money orders",
        table(one * 3, side_by_side(rows, 3), style=group_rules(3, 2)),
        *list_total("money orders", orders, len(orders), deposit.get("money_orders")),
    )


# --- interfaces, bank and the audit chain (SPEC §9, §11) -----------------------------------


def _interfaces(report: Mapping[str, Any]) -> list[Any]:
    interfaces = mapping_of(report.get("interfaces"))
    rows: list[list[object]] = [
        [label, money(interfaces.get(key))] for key, label in (
            ("posted", "Posted by the billing system"),
            ("sent_unacknowledged", "Sent, not yet acknowledged"),
            ("unsent", "Not yet sent"), ("rejected", "Rejected"))
    ]
    rows.append(["Receipts net", money_of(sum(
        cents(v) for v in interfaces.values() if v not in (None, "")))])
    bank = report.get("bank")
    if isinstance(bank, Mapping):
        difference = bank.get("difference")
        rows += [["Bank: deposit", money(bank.get("deposit"))],
                 ["Bank: credited", money(bank.get("credited"))],
                 ["Bank: difference", cell(red(money(difference)), Column("", 100, True))
                  if is_nonzero(difference) else money(difference)]]
    else:
        rows.append(["Bank credit", "no bank file imported"])
    columns = (Column("Payments interface and bank", 260), Column("Amount", 120, True))
    return section("Interfaces and bank", table(columns, rows, style=emphasis(4),
                                                stripes=False), keep=True)


def _chain_head(report: Mapping[str, Any]) -> list[Any]:
    head = report.get("chain_head")
    if isinstance(head, Mapping):
        text = f"Audit chain head of the day: row {clean(head.get('seq'))}, " \
               f"hash {clean(head.get('hash'))}"
    else:
        text = "Audit chain head of the day: no audited events on this day."
    return section("Audit trail", para(text), keep=True)


# --- signatures --------------------------------------------------------------------------


def _signatures() -> list[Any]:
    return [
        para("Signatures", styles().heading),
        para("By signing, the preparer and the reviewer confirm the drawer counts, the deposit "
             "and the balancing checks in this report."),
        signature_lines(("Prepared by", "signature and printed name"),
                        ("Reviewed by", "supervisor's signature and printed name")),
    ]
