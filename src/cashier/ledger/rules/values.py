"""The records a payment is made of: lines, tenders and the payment itself.

Plain frozen dataclasses, like Beancount's ``Transaction``/``Posting``: the UI, the CLI and
journal replay build them; ``payments.post_payment`` is the one function that takes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from cashier.ledger.rules.money import Cents

TENDER_TYPES = ("cash", "check", "money_order", "card")


@dataclass(frozen=True)
class AccountPayment:
    """A payment on a utility customer account, applied to its open charges (SPEC §3)."""

    account: str
    amount: Cents


@dataclass(frozen=True)
class ItemSale:
    """A revenue item. ``unit_amount`` is the keyed unit price, only for keyed-price items."""

    item: str
    quantity: int = 1
    reference: str = ""
    unit_amount: Cents | None = None


Line = AccountPayment | ItemSale


@dataclass(frozen=True)
class CashTender:
    type: ClassVar[str] = "cash"
    amount: Cents


@dataclass(frozen=True)
class CheckTender:
    """A check. ``bank_account`` is masked to its last four before it is stored."""

    type: ClassVar[str] = "check"
    amount: Cents
    number: str
    routing: str
    bank_account: str = ""


@dataclass(frozen=True)
class MoneyOrderTender:
    type: ClassVar[str] = "money_order"
    amount: Cents
    number: str


@dataclass(frozen=True)
class CardTender:
    """A card tender as the terminal returned it. There is deliberately no field for a PAN (C13)."""

    type: ClassVar[str] = "card"
    amount: Cents
    brand: str
    last4: str
    auth: str
    reference: str = ""


Tender = CashTender | CheckTender | MoneyOrderTender | CardTender


@dataclass(frozen=True)
class Payment:
    """One customer's payment at the counter: becomes one receipt and one journal entry."""

    drawer: str
    cashier: str
    lines: tuple[Line, ...]
    tenders: tuple[Tender, ...]
    at: dt.datetime | None = None
    # Taken while central was unreachable; None means "as the terminal's sync link says".
    offline: bool | None = None


@dataclass(frozen=True)
class PostingLine:
    """One side of a journal entry: positive cents debit ``account``, negative cents credit it."""

    account: str
    amount: Cents


def now() -> dt.datetime:
    """The current time with the machine's UTC offset (business dates follow that offset)."""
    return dt.datetime.now().astimezone()


def business_date(at: dt.datetime) -> dt.date:
    """SPEC §4: the calendar date of ``at`` in the offset it was written in."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"time {at.isoformat()} has no UTC offset")
    return at.date()
