"""Daily Cash Report mappings as the ledger writes them: a small day and a long day.

Figures are built from cents and agree with each other (GL = items = tenders = receipts net,
deposit = balanced drawers' count less floats), so a test that breaks one on purpose knows
exactly which balancing check should FAIL.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from cashier.ledger.rules.money import format_money, parse_money

TENDER_KEYS = ("cash", "check", "money_order", "card")
FUNDS = [("101", "General Fund"), ("501", "Electric Fund"), ("503", "Water Fund"),
         ("504", "Wastewater Fund"), ("505", "Solid Waste Fund"), ("601", "Transit Fund")]


def m(amount: int) -> str:
    return format_money(amount)


def cents(text: str) -> int:
    return parse_money(text, allow_negative=True, limit=None)


def _session(i: int, cashier: str, tenders: dict[str, int], *, over_cash: int = 0,
             status: str = "closed") -> dict[str, Any]:
    float_ = 200_00
    change, drops, paid_outs = 37_50 + i, 500_00 if tenders["cash"] > 2000_00 else 0, 0
    expected = dict(tenders)
    expected["cash"] = float_ + tenders["cash"] - change - drops - paid_outs
    counted = dict(expected)
    counted["cash"] += over_cash
    closed = status != "open"
    return {
        "id": i + 1, "drawer": f"D{i + 1}", "terminal": f"T{i + 1:02d}", "cashier": cashier,
        "opened_at": "2026-11-23T08:00:00-07:00",
        "closed_at": "2026-11-23T17:00:00-07:00" if closed else None,
        "status": status, "handed_to": "raj" if status == "handed_off" else None,
        "opening_float": m(float_), "receipts": 40 + i, "voids": i % 3,
        "void_amount": m((i % 3) * 12_25),
        "tenders": {k: m(v) for k, v in tenders.items()},
        "change_given": m(change), "drops": m(drops), "paid_outs": m(paid_outs),
        "expected": {k: m(v) for k, v in expected.items()},
        "counted": {k: m(v) for k, v in counted.items()} if closed else None,
        "over_short": {k: m(counted[k] - expected[k]) for k in TENDER_KEYS} if closed else None,
        "approved_by": "sam" if closed else None,
        "approval_note": "short: miscounted quarters" if over_cash else None,
    }


def build_day(*, sessions: int, accounts: int, exceptions: int, checks: int,
              cashiers: list[str] | None = None) -> dict[str, Any]:
    names = cashiers or ["ana", "raj", "kim", "lou"]
    # GL amounts: account j gets (j + 1) * 1234.56 with a few cents so sums are not round.
    gl: list[dict[str, Any]] = []
    for j in range(accounts):
        fund, fund_name = FUNDS[j % len(FUNDS)]
        gl.append({"account": f"{fund}-{4000 + j:04d}", "fund": fund, "fund_name": fund_name,
                   "name": f"{fund_name} revenue line {j}", "amount": (j + 1) * 1234_56 + j})
    receipts_net = sum(g["amount"] for g in gl)
    check_list: list[dict[str, Any]] = [
        {"number": f"{1000 + k}", "amount": 25_00 + k * 7, "drawer": f"D{k % 3 + 1}"}
        for k in range(checks)
    ]
    check_total = sum(c["amount"] for c in check_list)
    mo_total, card_total = 150_00, 2000_00 if receipts_net > 2150_00 + check_total else 0
    cash_total = receipts_net - check_total - mo_total - card_total
    day_tenders = {"cash": cash_total, "check": check_total, "money_order": mo_total,
                   "card": card_total}
    per_session = [{k: v // sessions + (v % sessions if i == 0 else 0)
                    for k, v in day_tenders.items()} for i in range(sessions)]
    rows = [_session(i, names[i % len(names)], per_session[i], over_cash=-300 if i == 1 else 0)
            for i in range(sessions)]
    counted_cash = sum(cents(s["counted"]["cash"]) for s in rows)
    floats = 200_00 * sessions
    deposit_cash = counted_cash - floats
    over_short = sum(cents(s["over_short"]["cash"]) for s in rows)
    hundreds, rest = divmod(deposit_cash, 100_00)
    rolls, rest = divmod(rest, 10_00)
    quarters, pennies = divmod(rest, 25)
    denominations = {"100.00": hundreds, "roll 0.25": rolls, "0.25": quarters, "0.01": pennies}
    deposit_total = deposit_cash + check_total + mo_total
    items = [{"code": "UTIL", "name": "Utility payments", "count": 120,
              "amount": receipts_net - 5_000_00},
             {"code": "BLDP", "name": "Building permit", "count": 4, "amount": 5_000_00}]
    kinds = ["void", "no_sale", "over_short", "reprint", "override", "paid_out", "refund"]
    return {
        "business_date": "2026-11-23", "office": "City Hall", "status": "closed",
        "generated_at": "2026-11-23T17:05:00-07:00", "closed_by": "sam",
        "closed_at": "2026-11-23T17:30:00-07:00",
        "sessions": rows,
        "gl_distribution": [{**g, "amount": m(g["amount"])} for g in gl],
        "items": [{**i, "amount": m(i["amount"])} for i in items],
        "tenders": {k: m(v) for k, v in day_tenders.items()},
        "deposit": {
            "cash": m(deposit_cash), "checks": m(check_total), "money_orders": m(mo_total),
            "total": m(deposit_total), "check_count": checks,
            "check_list": [{**c, "amount": m(c["amount"])} for c in check_list],
            "money_order_list": [{"number": "MO-77001", "amount": "100.00"},
                                 {"number": "MO-77002", "amount": "50.00"}],
            "cash_by_denomination": denominations, "floats_kept": m(floats), "bag": "B-5521",
            "prepared_by": "sam", "verified_by": "lee", "status": "verified",
        },
        "card_settlement": {"recorded": m(card_total), "terminal_batch": m(card_total),
                            "difference": "0.00"},
        "receipt_ranges": [{"terminal": f"T{i + 1:02d}", "first": f"T{i + 1:02d}-000001",
                            "last": f"T{i + 1:02d}-{40 + i:06d}", "count": 40 + i, "gaps": []}
                           for i in range(sessions)],
        "exceptions": [
            {"kind": kinds[k % len(kinds)], "receipt": f"T01-{k + 1:06d}", "drawer": "D1",
             "amount": m(1_00 + k), "who": "ana", "approver": "sam",
             "reason": f"reason-{k} customer changed their mind about the payment",
             "at": f"2026-11-23T{8 + k % 9:02d}:{k % 60:02d}:00-07:00"}
            for k in range(exceptions)
        ],
        "receipts_per_hour": {f"{h:02d}": 5 + (h * 7) % 23 for h in range(8, 18)},
        "identities": [
            {"name": "GL distribution = receipts net", "left": m(receipts_net),
             "right": m(receipts_net), "passed": True},
            {"name": "Items = receipts net", "left": m(receipts_net), "right": m(receipts_net),
             "passed": True},
            {"name": "Tenders = receipts net", "left": m(receipts_net),
             "right": m(receipts_net), "passed": True},
        ],
        "totals": {"receipts_net": m(receipts_net), "over_short": m(over_short),
                   "deposit_expected": m(deposit_total)},
    }


def small_day() -> dict[str, Any]:
    return build_day(sessions=3, accounts=7, exceptions=4, checks=5)


def long_day() -> dict[str, Any]:
    return build_day(sessions=12, accounts=80, exceptions=300, checks=400)


def failing(report: dict[str, Any], name: str = "Tenders = receipts net") -> dict[str, Any]:
    """The same day with one balancing check that did not hold."""
    broken = copy.deepcopy(report)
    for identity in broken["identities"]:
        if identity["name"] == name:
            identity["right"] = "1.00"
            identity["passed"] = False
    return broken


def read_pages(path: Path | str) -> list[str]:
    """Each page's text as a reader sees it (layout mode keeps a table row on one line)."""
    return [page.extract_text(extraction_mode="layout") for page in PdfReader(str(path)).pages]
