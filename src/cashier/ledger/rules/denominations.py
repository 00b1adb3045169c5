"""Counting cash by denomination: notes, coins and rolled coin.

A count is a mapping from a denomination key to how many of it. Keys are face values as the
journal writes them (``"20.00"``), and ``"roll 0.25"`` style keys for rolled coin, whose unit
value is the whole roll (a roll of quarters is 10.00, which would otherwise collide with the
ten-dollar note).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cashier.ledger.rules.errors import InvalidAmount
from cashier.ledger.rules.money import Cents, format_money, parse_money


@dataclass(frozen=True)
class Denomination:
    key: str
    unit: Cents  # value of one of it (a note, a coin, a whole roll)
    kind: str  # "note", "coin" or "roll"


def _roll(face: Cents, coins: int) -> Denomination:
    return Denomination(f"roll {format_money(face)}", face * coins, "roll")


US = (
    *(Denomination(format_money(c), c, "note") for c in (10000, 5000, 2000, 1000, 500, 200, 100)),
    *(Denomination(format_money(c), c, "coin") for c in (100, 50, 25, 10, 5, 1)),
    _roll(25, 40), _roll(10, 50), _roll(5, 40), _roll(1, 50),
)
"""The default US set. The 1.00 coin and the 1.00 note share a key: both count as 1.00."""


def denominations(currency: str = "USD") -> tuple[Denomination, ...]:
    if currency != "USD":
        raise InvalidAmount(f"no denomination set for currency {currency!r}")
    seen: dict[str, Denomination] = {}
    for d in US:
        seen.setdefault(d.key, d)
    return tuple(seen.values())


def _units() -> dict[str, Cents]:
    return {d.key: d.unit for d in denominations()}


def normalize_count(count: Mapping[str, int], *, what: str = "cash count") -> dict[str, int]:
    """Check a count's keys and numbers; return it in canonical key order without zeros."""
    units = _units()
    clean: dict[str, int] = {}
    for key, number in count.items():
        canonical = key
        if key not in units:
            try:  # accept "20" or "20.0" for "20.00"
                canonical = format_money(parse_money(key, what=f"{what} denomination"))
            except InvalidAmount:
                canonical = key
        if canonical not in units:
            raise InvalidAmount(f"{what}: {key!r} is not a denomination "
                                f"(known: {', '.join(units)})")
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            raise InvalidAmount(f"{what}: count of {canonical} must be a whole number >= 0, "
                                f"got {number!r}")
        if number > 100_000:
            raise InvalidAmount(f"{what}: {number} x {canonical} is not a plausible count")
        clean[canonical] = clean.get(canonical, 0) + number
    order = list(units)
    return {k: clean[k] for k in sorted(clean, key=order.index) if clean[k]}


def count_total(count: Mapping[str, int]) -> Cents:
    units = _units()
    return sum(units[key] * number for key, number in normalize_count(count).items())
