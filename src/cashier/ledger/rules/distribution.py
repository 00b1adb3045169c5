"""GL distribution of a revenue item: the one function that splits an amount exactly.

An item's distribution is a list of accounts, each with a fixed amount (per unit) or a share.
Fixed amounts come off first; the rest is split by the shares, each rounded down, and the
rounding remainder goes to the first share account, so the parts always sum exactly to the
amount (SPEC §3).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from cashier.ledger.rules.errors import InvalidReference
from cashier.ledger.rules.money import Cents, format_money


@dataclass(frozen=True)
class Split:
    account: str
    amount: Cents | None = None  # fixed cents per unit
    share: Fraction | None = None


@functools.lru_cache(maxsize=256)  # every item sale parses its splits' shares again
def parse_share(text: str) -> Fraction:
    """A share as decimal text (``"0.25"``, ``"1"``) or a fraction (``"1/3"``)."""
    try:
        if "/" in text:
            num, den = text.split("/", 1)
            value = Fraction(int(num), int(den))
        else:
            value = Fraction(Decimal(text))
    except (ValueError, ZeroDivisionError, InvalidOperation) as exc:
        raise InvalidReference(f"GL share {text!r} is not a number like '0.25' or '1/3'") from exc
    if not 0 < value <= 1:
        raise InvalidReference(f"GL share {text!r} must be more than 0 and at most 1")
    return value


def check_distribution(splits: list[Split], price: Cents | None) -> None:
    """Refuse a distribution that could not always sum exactly to the item's price."""
    if not splits:
        raise InvalidReference("an item needs at least one GL account in its distribution")
    for split in splits:
        if (split.amount is None) == (split.share is None):
            raise InvalidReference(
                f"GL split on {split.account} needs either a fixed amount or a share, not both"
            )
    shares = [s.share for s in splits if s.share is not None]
    fixed = sum(s.amount for s in splits if s.amount is not None)
    if shares and sum(shares) != 1:
        raise InvalidReference(f"GL shares sum to {sum(shares)}, not 1")
    if not shares:
        if price is None:
            raise InvalidReference(
                "a keyed-price item needs a GL share to take the keyed amount"
            )
        if fixed != price:
            raise InvalidReference(
                f"GL amounts sum to {format_money(fixed)}, not the price {format_money(price)}"
            )
    elif price is not None and fixed > price:
        raise InvalidReference(
            f"GL fixed amounts {format_money(fixed)} exceed the price {format_money(price)}"
        )


def split_amount(total: Cents, splits: list[Split], quantity: int = 1) -> list[tuple[str, Cents]]:
    """Split ``total`` (for ``quantity`` units) over ``splits``; the parts sum exactly to it."""
    parts: list[tuple[str, Cents]] = []
    fixed_total = 0
    for split in splits:
        if split.amount is not None:
            parts.append((split.account, split.amount * quantity))
            fixed_total += split.amount * quantity
    rest = total - fixed_total
    share_splits = [s for s in splits if s.share is not None]
    if rest < 0 or (rest and not share_splits):
        raise InvalidReference(
            f"amount {format_money(total)} does not fit the item's fixed GL amounts"
        )
    share_parts = [
        (s.account, int(rest * s.share) if s.share is not None else 0) for s in share_splits
    ]
    if share_parts:
        remainder = rest - sum(cents for _, cents in share_parts)
        first_account, first_cents = share_parts[0]
        share_parts[0] = (first_account, first_cents + remainder)
    # Keep the item's own order so the GL lines read as the admin defined them.
    order = {s.account: i for i, s in enumerate(splits)}
    merged: dict[str, Cents] = {}
    for account, cents in sorted(parts + share_parts, key=lambda p: order[p[0]]):
        merged[account] = merged.get(account, 0) + cents
    return [(account, cents) for account, cents in merged.items() if cents]
