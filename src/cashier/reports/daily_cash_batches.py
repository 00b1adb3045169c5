"""The Daily Cash Report's sections for issue #9: the day's remittance batches against their
tapes, and the service notices payments sent to the field dispatch desk."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cashier.reports.layout import clean, para, red, rich, section
from cashier.reports.tables import Column, count, money, rows_of, table, timestamp

_BATCH_COLUMNS = (Column("Batch", 70), Column("Kind", 50), Column("Status", 50),
                  Column("Tape", 90, right=True), Column("Posted", 90, right=True),
                  Column("Set aside", 80, right=True), Column("Receipts", 110))
_NOTICE_COLUMNS = (Column("Time", 40), Column("Order", 100), Column("Account", 60),
                   Column("Name", 130), Column("Receipt", 80), Column("Paid / required", 130))


def _pair(n: object, amount: object) -> str:
    return f"{count(n)} / {money(amount)}"


def batches(report: Mapping[str, Any]) -> list[Any]:
    rows = rows_of(report.get("batches"))
    if not rows:
        return []
    body = [[clean(b.get("batch")), clean(b.get("kind")).replace("_", " "),
             clean(b.get("status")).upper(),
             _pair(b.get("control_count"), b.get("control_total")),
             _pair(b.get("posted_count"), b.get("posted_total")),
             _pair(b.get("set_aside_count"), b.get("set_aside_total")),
             f"{clean(b.get('first'))} – {clean(b.get('last'))}" if b.get("first") else ""]
            for b in rows]
    content: list[Any] = [table(_BATCH_COLUMNS, body)]
    if any(not b.get("balanced") for b in rows):
        content.append(rich(red("A batch is out of balance with its tape and is not posted.")))
    return section("Remittance batches (mail and drop box)", *content, keep=True)


def service_notices(report: Mapping[str, Any]) -> list[Any]:
    rows = rows_of(report.get("service_notices"))
    if not rows:
        return section("Service notices", para("No disconnect stopped or reconnect ordered."),
                       keep=True)
    body = [[timestamp(n.get("at")), clean(n.get("order"))
             + (" (WITHDRAWN)" if n.get("withdrawn") else ""),
             clean(n.get("account")), clean(n.get("name")), clean(n.get("receipt")),
             f"{money(n.get('paid'))} / {money(n.get('required'))}"] for n in rows]
    return section("Service notices (to field dispatch)", table(_NOTICE_COLUMNS, body))
