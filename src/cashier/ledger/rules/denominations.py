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


def _reach(mask: int, unit: Cents, number: int, limit: int) -> int:
    """The amounts up to ``limit`` reachable from ``mask``'s by adding 0..``number`` of
    ``unit`` (bounded knapsack as a bit set, the count split in powers of two)."""
    keep = (1 << (limit + 1)) - 1
    step = 1
    while number > 0:
        take = min(step, number)
        mask = (mask | (mask << (take * unit))) & keep
        number -= take
        step *= 2
    return mask


def split_float(pool: Mapping[str, int], keep: Cents, *,
                what: str = "cash") -> tuple[dict[str, int], dict[str, int]]:
    """Split counted cash ``pool`` into the float ``keep`` stays behind for the next day and
    the rest, which goes to the bank: ``(kept, deposited)``, each a count, together exactly
    ``pool``, ``kept`` worth exactly ``keep``.

    The rule (docs/operations.md, "The deposit"): the float is made of the smallest
    denominations first, coin and small notes staying for tomorrow's change, and the bag
    takes the large notes. Denomination by denomination from the smallest unit up, the float
    takes as many as it can while what is left of it can still be made exactly from the
    larger ones. Refused (``InvalidAmount``) when the cash is less than the float or no
    selection of it makes the float exactly (say, only 100.00 notes for a 150.00 float): the
    float is then made up with change from the safe and counted again; never rounded."""
    clean = normalize_count(pool, what=what)
    total = count_total(clean)
    if keep < 0:
        raise InvalidAmount(f"{what}: the float kept {format_money(keep)} is negative")
    if total < keep:
        raise InvalidAmount(f"{what} {format_money(total)} is less than the floats kept for "
                            f"the next day {format_money(keep)}; a shortage is never covered "
                            "from the float")
    units = _units()
    order = sorted(clean, key=lambda k: (units[k], k))  # smallest unit first
    after = [1] * (len(order) + 1)  # after[i]: amounts the denominations past i can make
    for i in range(len(order) - 1, -1, -1):
        key = order[i]
        after[i] = _reach(after[i + 1], units[key], clean[key], keep)
    if not (after[0] >> keep) & 1:
        counted = ", ".join(f"{n} x {k}" for k, n in clean.items())
        raise InvalidAmount(f"{what}: no selection of the counted cash ({counted}) makes the "
                            f"floats kept {format_money(keep)} exactly; make change in the "
                            "safe and count again")
    kept: dict[str, int] = {}
    left = keep
    for i, key in enumerate(order):
        unit = units[key]
        take = min(clean[key], left // unit)
        while take > 0 and not (after[i + 1] >> (left - take * unit)) & 1:
            take -= 1
        if take:
            kept[key] = take
            left -= take * unit
    assert left == 0, "the float's selection was checked to exist"
    deposited = {k: n - kept.get(k, 0) for k, n in clean.items()}
    ordered = [d.key for d in denominations()]
    return ({k: kept[k] for k in sorted(kept, key=ordered.index)},
            {k: deposited[k] for k in sorted(deposited, key=ordered.index) if deposited[k]})
