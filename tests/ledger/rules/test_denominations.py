"""Splitting counted cash into the floats kept for tomorrow and the bag (issue #19 item 2)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cashier.ledger.rules.denominations import count_total, denominations, split_float
from cashier.ledger.rules.errors import InvalidAmount

KEYS = [d.key for d in denominations()]
counts = st.dictionaries(st.sampled_from(KEYS), st.integers(min_value=0, max_value=60),
                         max_size=len(KEYS))


def test_the_float_is_the_small_denominations_and_the_bag_the_large_notes() -> None:
    counted = {"100.00": 1, "20.00": 9, "10.00": 5, "5.00": 6, "1.00": 20}  # 380.00
    kept, bag = split_float(counted, 20000)
    assert kept == {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 20}
    assert bag == {"100.00": 1, "20.00": 4}
    # Coin first, then as many of each larger unit as still leaves the float exactly made.
    kept, bag = split_float({**counted, "0.25": 4}, 20000)
    assert kept == {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 19, "0.25": 4}
    assert bag == {"100.00": 1, "20.00": 4, "1.00": 1}


def test_a_float_the_cash_cannot_make_exactly_is_refused() -> None:
    with pytest.raises(InvalidAmount, match="no selection .* makes the floats kept 150.00"):
        split_float({"100.00": 3}, 15000)
    with pytest.raises(InvalidAmount, match="less than the floats kept"):
        split_float({"20.00": 9}, 20000)


@settings(max_examples=300, deadline=None)
@given(counts, st.integers(min_value=0, max_value=60_000))
def test_the_bag_and_the_float_are_exactly_the_count(counted: dict[str, int],
                                                     keep: int) -> None:
    """Whatever was counted: the float kept is worth exactly the float, the bag exactly the
    rest, and together they are the count, denomination by denomination; or, when no part of
    the count makes the float, refused, never rounded."""
    try:
        kept, bag = split_float(counted, keep)
    except InvalidAmount:
        # Refused only when it is truly impossible: check by brute force on small counts.
        assert count_total(counted) < keep or not _makes(counted, keep)
        return
    assert count_total(kept) == keep
    assert count_total(bag) == count_total(counted) - keep
    for key in set(counted) | set(kept) | set(bag):
        assert kept.get(key, 0) + bag.get(key, 0) == counted.get(key, 0)
        assert kept.get(key, 0) >= 0 and bag.get(key, 0) >= 0


def _makes(counted: dict[str, int], keep: int) -> bool:
    units = {d.key: d.unit for d in denominations()}
    reachable = {0}
    for key, number in counted.items():
        reachable = {r + k * units[key] for r in reachable for k in range(number + 1)
                     if r + k * units[key] <= keep}
    return keep in reachable
