"""The remittance batch report as a PDF: what is filed with the adding-machine tape, and the
list the envelopes set aside go back to the customers by (issue #9).

Input is the batch as the ledger reads it (``remittance.BatchView``) and the office's name;
output is a Letter PDF. No database, no Qt: the CLI and the batch screen load the batch and
hand it here, so both print the same bytes.

It reads the way a batch is checked: the tape's count and total against what was entered (to
post and set aside) and the difference, in red while the batch is out of balance; then every
remittance keyed, in order, with what became of it (entered, removed and why, posted and its
receipt); then the exceptions list, each remittance set aside with why and that its check goes
back to the customer; last the receipt range once the batch is posted. Check numbers and
routing numbers print as keyed; the bank account only ever as the ledger keeps it, masked to
its last four.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cashier.ledger.remittance.batches import BatchView, Entry
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
    count,
    emphasis,
    money_of,
    table,
    timestamp,
)

KINDS = {"mail": "Mail", "drop_box": "Drop box"}
REASONS = {
    "unknown_account": "Account does not exist",
    "bad_routing": "Routing number fails the ABA check",
    "cash_only": "Cash-only account: no checks (C16)",
    "bad_check_digit": "Stub check digit fails",
    "bad_stub": "Stub could not be read",
}
RETURN = "Return to customer"


def render_batch_report(batch: BatchView, out: Out, *, office: str,
                        printed_at: dt.datetime | None = None) -> None:
    """Write the report of ``batch`` as a PDF to ``out`` (a path or a binary file), headed
    with ``office`` and, when given, the time it was printed."""
    story: list[Any] = [
        *_header(batch, office, printed_at),
        *_controls(batch),
        *_entries(batch),
        *_exceptions(batch),
        *_receipts(batch),
    ]
    code, place = clean(batch.code), clean(office)
    build_pdf(story, out, title=f"Remittance batch {code} {place}",
              footer=f"Remittance batch report · {place} · {code} · {batch.status.upper()}")


def reason(entry: Entry) -> str:
    """Why a remittance was set aside, in words."""
    kind = entry.exception or ""
    return REASONS.get(kind, kind.replace("_", " ").capitalize())


def _time(at: dt.datetime) -> str:
    return timestamp(at.isoformat())


def _signed(value: int, text: str) -> str:
    return f"+{text}" if value > 0 else text


def _header(b: BatchView, office: str, printed_at: dt.datetime | None) -> list[Any]:
    s = styles()
    if b.status == "posted":
        status = "<b>POSTED</b>"
    else:
        status = red(b.status.upper()) + " (not posted; entries may still change)"
    lines: list[Any] = [
        para("Remittance Batch Report", s.title),
        para(f"{clean(office)} · batch {clean(b.code)}", s.heading),
        rich(f"<b>{markup(KINDS.get(b.kind, b.kind))}</b> · {status}"),
        para(f"Opened by {clean(b.opened_by)} at {_time(b.opened_at)} · terminal "
             f"{clean(b.terminal)}"),
    ]
    if b.posted_at is not None:
        lines.append(para(f"Posted by {clean(b.posted_by)} at {_time(b.posted_at)}"))
    if printed_at is not None:
        lines.append(para(f"Printed at {_time(printed_at)}"))
    return lines


# --- the tape ----------------------------------------------------------------------------


def _controls(b: BatchView) -> list[Any]:
    label = Column("Against the tape", 240)
    items, amount = Column("Items", 70, right=True), Column("Amount", 110, right=True)
    posted = "Posted" if b.status == "posted" else "Entered, to post"
    items_off = _signed(b.count_difference, f"{b.count_difference:,}")
    money_off = _signed(b.difference, money_of(b.difference))
    rows: list[list[object]] = [
        ["Tape (control count and total)", count(b.control_count), money_of(b.control_total)],
        [posted, count(len(b.items)), money_of(b.posted_total)],
        ["Set aside (exceptions)", count(len(b.exceptions)), money_of(b.set_aside_total)],
        ["Entered in all", count(b.entered_count), money_of(b.entered_total)],
        ["Difference (entered − tape)",
         _difference(b.count_difference, items_off, items),
         _difference(b.difference, money_off, amount)],
    ]
    style: list[Command] = [*emphasis(3), *emphasis(4, line=False)]
    content: list[Any] = [table([label, items, amount], rows, style=style, stripes=False)]
    removed = [e for e in b.entries if not e.counts]
    if removed:
        content.append(para(f"Removed, not counted: {len(removed):,} for "
                            f"{money_of(_total(removed))}"))
    if b.balanced:
        content.append(rich("<b>BALANCED</b>: the remittances entered and set aside equal "
                            "the tape."))
    else:
        content.append(rich(red(f"OUT OF BALANCE by {items_off} items, {money_off}: the batch "
                                "cannot post until it equals its tape.")))
    return section("Batch against its tape", *content, keep=True)


def _difference(value: int, text: str, column: Column) -> object:
    return cell(red(text), column) if value else text


def _total(entries: list[Entry]) -> Cents:
    return sum(e.check.amount for e in entries)


# --- the remittances ---------------------------------------------------------------------

_ENTRY_COLUMNS = (
    Column("#", 22, right=True), Column("Account", 118), Column("Stub due", 50, right=True),
    Column("Check", 54, right=True), Column("Check no.", 52), Column("Routing", 54),
    Column("Bank acct", 68), Column("Status", 122),
)


def _entries(b: BatchView) -> list[Any]:
    if not b.entries:
        return section("Remittances", para("Nothing keyed in this batch yet."), keep=True)
    rows = [_entry_row(e) for e in b.entries]
    return section("Remittances", table(_ENTRY_COLUMNS, rows))


def _entry_row(e: Entry) -> list[object]:
    account = f"{e.account}\n{e.name}" if e.name else e.account
    due = money_of(e.stub_amount) if e.stub_amount is not None else ""
    return [count(e.seq), account, due, money_of(e.check.amount), e.check.number,
            e.check.routing, e.check.bank_account, _status(e)]


def _status(e: Entry) -> object:
    if e.exception is not None:
        return cell(red(f"SET ASIDE: {reason(e)}"), _ENTRY_COLUMNS[-1])
    if e.status == "removed":
        return f"REMOVED: {e.removed_reason or ''}"
    if e.status == "posted":
        return f"posted {e.receipt or ''}"
    return e.status


_EXCEPTION_COLUMNS = (
    Column("#", 22, right=True), Column("Stub or account", 118), Column("Check no.", 52),
    Column("Amount", 54, right=True), Column("Reason", 204), Column("Action", 90),
)


def _exceptions(b: BatchView) -> list[Any]:
    aside = list(b.exceptions)
    if not aside:
        return section("Exceptions", para("No remittance was set aside."), keep=True)
    rows = [[count(e.seq), e.account, e.check.number, money_of(e.check.amount),
             cell(f"<b>{markup(reason(e))}</b><br/>{markup(e.message)}", _EXCEPTION_COLUMNS[4]),
             RETURN] for e in aside]
    return section(
        "Exceptions (set aside: return to the customer)",
        table(_EXCEPTION_COLUMNS, rows),
        rich(f"<b>{len(aside):,} set aside, total {money_of(_total(aside))}</b>: each check "
             "goes back to its customer with the stub; none of them is posted."),
    )


def _receipts(b: BatchView) -> list[Any]:
    numbers = [e.receipt for e in b.items if e.receipt]
    if b.status != "posted" or not numbers:
        return section("Receipts", para("Not posted: the receipts are numbered when the "
                                        "batch posts."), keep=True)
    columns = (Column("First receipt", 120), Column("Last receipt", 120),
               Column("Receipts", 70, right=True), Column("Total", 110, right=True))
    rows: list[list[object]] = [[numbers[0], numbers[-1], count(len(numbers)),
                                 money_of(b.posted_total)]]
    return section("Receipts", table(columns, rows, stripes=False), keep=True)
