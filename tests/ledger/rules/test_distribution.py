"""GL distribution splits exactly; the rounding remainder goes to the first account (SPEC §3)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.ledger.rules.distribution import Split, check_distribution, parse_share, split_amount
from cashier.ledger.rules.errors import InvalidReference


def test_rounding_remainder_goes_to_the_first_account() -> None:
    splits = [Split("A", share=Fraction(1, 3)), Split("B", share=Fraction(1, 3)),
              Split("C", share=Fraction(1, 3))]
    assert split_amount(10000, splits) == [("A", 3334), ("B", 3333), ("C", 3333)]


def test_fixed_amounts_come_off_first_per_unit() -> None:
    splits = [Split("SURCHARGE", amount=500), Split("FARE", share=Fraction(1))]
    assert split_amount(11000, splits, quantity=2) == [("SURCHARGE", 1000), ("FARE", 10000)]


def test_shares_must_sum_to_one() -> None:
    with pytest.raises(InvalidReference, match="sum to 9/10"):
        check_distribution([Split("A", share=Fraction(1, 2)), Split("B", share=Fraction(2, 5))],
                           1000)


def test_fixed_amounts_must_equal_a_fixed_price() -> None:
    with pytest.raises(InvalidReference, match="not the price 20.00"):
        check_distribution([Split("A", amount=1500)], 2000)


def test_keyed_price_needs_a_share() -> None:
    with pytest.raises(InvalidReference, match="keyed-price item needs a GL share"):
        check_distribution([Split("A", amount=1500)], None)


@pytest.mark.parametrize("text", ["0", "1.5", "abc", "1/0", "-0.5", ""])
def test_bad_shares_are_refused(text: str) -> None:
    with pytest.raises(InvalidReference):
        parse_share(text)


@given(
    total=st.integers(min_value=0, max_value=10**9),
    weights=st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=6),
)
def test_parts_always_sum_exactly_to_the_total(total: int, weights: list[int]) -> None:
    whole = sum(weights)
    splits = [Split(f"A{i}", share=Fraction(w, whole)) for i, w in enumerate(weights)]
    parts = split_amount(total, splits)
    assert sum(c for _, c in parts) == total
    assert all(c >= 0 for _, c in parts)
