"""What every command group shares: the ``--db`` option, the parsers of amounts, tenders,
lines, counts and dates typed on the command line, the PIN prompt, and the printers of a
receipt, an account and journal entries.

Groups import this module and the ledger, never each other (``main`` wires them together).
A parser refuses bad input with ``InvalidLine``/``InvalidTender`` naming the field, never a
traceback: only ASCII digits are numbers (``rules.numbers``), amounts go through
``rules.money``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable, Sequence

from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.receipts.records import ReceiptRecord
from cashier.ledger.reference import users
from cashier.ledger.rules.errors import InvalidLine, InvalidTender
from cashier.ledger.rules.money import format_display, parse_money
from cashier.ledger.rules.numbers import parse_whole
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Tender,
)
from cashier.services.receipt_printing import record_detail

Out = Callable[[str], None]
Add = Callable[..., argparse.ArgumentParser]  # main's: add(name, func, help, opens_db=True)

DB_HELP = "database file (default: CASHIER_DB or the user data directory)"


def _fields(text: str, what: str) -> tuple[str, dict[str, str]]:
    """``"check=45.10,number=1042"`` -> ``("check", {"": "45.10", "number": "1042"})``."""
    head, *rest = text.split(",")
    name, _, value = head.partition("=")
    fields = {"": value}
    for part in rest:
        key, sep, val = part.partition("=")
        if not sep:
            raise InvalidLine(f"{what} {text!r}: {part!r} should be key=value")
        fields[key.strip()] = val.strip()
    return name.strip(), fields


def parse_tender(text: str) -> Tender:
    kind, f = _fields(text, "tender")
    amount = parse_money(f.pop(""), what=f"{kind} amount", allow_zero=False)

    def need(key: str) -> str:
        if key not in f:
            raise InvalidTender(f"{kind} tender needs {key}=... (got {text!r})")
        return f.pop(key)

    tender: Tender
    if kind == "cash":
        tender = CashTender(amount)
    elif kind == "check":
        tender = CheckTender(amount, need("number"), need("routing"), f.pop("account", ""))
    elif kind in ("money_order", "mo"):
        tender = MoneyOrderTender(amount, need("number"))
    elif kind == "card":
        tender = CardTender(amount, need("brand"), need("last4"), need("auth"),
                            f.pop("reference", ""))
    else:
        raise InvalidTender(f"tender type {kind!r} is not cash, check, money_order or card")
    if f:
        raise InvalidTender(f"{kind} tender does not take {', '.join(sorted(f))}")
    return tender


def parse_item(text: str) -> ItemSale:
    code, f = _fields(text, "item")
    if f.pop(""):
        raise InvalidLine(f"item {text!r} should be CODE[,qty=N][,ref=R][,amount=A]")
    quantity = parse_whole(f.pop("qty", "1"), what=f"item {code}: qty", minimum=1)
    amount = f.pop("amount", None)
    sale = ItemSale(code, quantity, f.pop("ref", ""),
                    parse_money(amount, what=f"{code} amount") if amount else None)
    if f:
        raise InvalidLine(f"item {code} does not take {', '.join(sorted(f))}")
    return sale


def parse_account(text: str) -> AccountPayment:
    number, sep, amount = text.partition("=")
    if not sep:
        raise InvalidLine(f"account payment {text!r} should be NUMBER=AMOUNT")
    return AccountPayment(number.strip(),
                          parse_money(amount, what=f"payment on {number}", allow_zero=False))


def parse_count(text: str) -> dict[str, int]:
    """``"20.00=5,1.00=20"`` -> ``{"20.00": 5, "1.00": 20}`` (checked by the ledger)."""
    count: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, number = part.rpartition("=")
        if not sep:
            raise InvalidLine(f"count {part!r} should be DENOMINATION=NUMBER, e.g. 20.00=5")
        count[key.strip()] = parse_whole(number.strip(), what=f"count of {key.strip()}")
    return count


def parse_documents(items: Sequence[str] | None, what: str) -> tuple[tuple[str, int], ...]:
    docs = []
    for item in items or []:
        number, sep, amount = item.partition("=")
        if not sep:
            raise InvalidLine(f"{what} {item!r} should be NUMBER=AMOUNT")
        docs.append((number.strip(), parse_money(amount, what=f"{what} {number} amount")))
    return tuple(docs)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidLine(f"date {text!r} should look like 2026-11-23") from None


def ask_pin(user: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"PIN for {user}: ")
    return sys.stdin.readline().rstrip("\n")


def signed_in(db: Database, user: str) -> users.UserInfo:
    return users.sign_in(db, user, ask_pin(user))


def print_receipt(receipt: ReceiptRecord, out: Out, *, copy: bool = False) -> None:
    if copy:
        out("*** COPY ***")
    mark = "  ** VOID **" if receipt.is_void else ""
    out(f"Receipt {receipt.number}{mark}  {receipt.taken_at:%Y-%m-%d %H:%M}  "
        f"drawer {receipt.drawer}  cashier {receipt.cashier}")
    for line in receipt.lines:
        label = f"{line.code} {line.description}"
        if line.quantity != 1:
            label += f" x{line.quantity}"
        if line.reference:
            label += f" ({line.reference})"
        out(f"  {label:<50}{format_display(line.amount):>14}")
        for applied in line.applied:
            out(f"      {applied.service} {applied.bill_date}: {format_display(applied.amount)}")
        if line.credit:
            out(f"      credit on account: {format_display(line.credit)}")
    out(f"  {'TOTAL':<50}{format_display(receipt.total):>14}")
    for t in receipt.tenders:
        detail = record_detail(t, with_bank=True)
        label = f"{t.type.upper()} {detail}" if detail else t.type.upper()
        out(f"  {label:<50}{format_display(t.amount):>14}")
    out(f"  {'CHANGE':<50}{format_display(receipt.change):>14}")
    if receipt.is_void:
        out(f"  voided by {receipt.voided_by}, approved by {receipt.void_approver}: "
            f"{receipt.void_reason}")
    for note in receipt.notes:
        out(f"  {note}")


def print_entries(entries: Sequence[books.EntryRecord], out: Out) -> None:
    for entry in entries:
        reverses = f" (reverses entry {entry.reverses})" if entry.reverses else ""
        out(f"Entry {entry.id} {entry.kind} {entry.business_date}{reverses}: {entry.memo}")
        for account, cents in entry.postings:
            debit = format_display(cents) if cents > 0 else ""
            credit = format_display(-cents) if cents < 0 else ""
            out(f"  {account:<12}{debit:>14}{credit:>14}".rstrip())
        out(f"  {'balanced' if entry.balanced else 'NOT BALANCED'}")


def print_account(view: books.AccountView, out: Out) -> None:
    flag = "  CASH ONLY" if view.cash_only else ""
    out(f"Account {view.number}  {view.name}  {view.address}{flag}")
    for c in view.charges:
        out(f"  {c.bill_date}  {c.service_name:<14}{format_display(c.amount):>12}"
            f"  open {format_display(c.open):>12}")
    out(f"  open charges {format_display(view.open_total)}, credit "
        f"{format_display(view.credit)}, balance due {format_display(max(view.balance, 0))}")
    for p in view.recent_payments:
        out(f"  paid {p.receipt} {p.taken_at:%Y-%m-%d} {format_display(p.amount)} {p.status}")
    if view.status.status != "active":
        out(f"  {view.status.describe()}")
    if view.arrangement is not None:
        out(f"  {view.arrangement.describe(dt.date.today())}")



def parse_moment(text: str, what: str) -> dt.datetime:
    """An ISO time with its UTC offset (``2026-11-23T08:00:00-07:00``)."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidLine(f"{what} {text!r} should look like 2026-11-23T08:00:00-07:00") from None
    if moment.utcoffset() is None:
        raise InvalidLine(f"{what} {text!r} needs its UTC offset (2026-11-23T08:00:00-07:00)")
    return moment


def central_url(given: str | None) -> str:
    """``--central URL`` (its password from the keyring), else CASHIER_CENTRAL_URL."""
    from cashier.sync import link  # psycopg only when central is asked for

    return link.with_secret(given) if given else link.resolve(None)


def open_central(given: str | None) -> Database:
    """Central's database, migrated to this program's schema."""
    from cashier.sync import link

    return link.open_central(central_url(given))
