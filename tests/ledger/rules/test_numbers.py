"""Only ASCII digits are numbers (issue #22, item 9)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.ledger.rules.errors import InvalidAmount, InvalidLine
from cashier.ledger.rules.money import parse_money
from cashier.ledger.rules.numbers import parse_whole


@pytest.mark.parametrize("text", ["²", "٣", "３", "1²", "", " 1", "1 ", "-1", "+1", "1.0",
                                  "1e3", "0x10", "1_000", "9999999999"])
def test_anything_but_ascii_digits_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidLine, match="quantity"):
        parse_whole(text, what="quantity")


def test_a_minimum_is_kept() -> None:
    assert parse_whole("3", what="quantity", minimum=1) == 3
    with pytest.raises(InvalidLine, match="at least 1"):
        parse_whole("0", what="quantity", minimum=1)


@pytest.mark.parametrize("text", ["٣.00", "３.00", "1²", "²"])
def test_money_takes_only_ascii_digits_too(text: str) -> None:
    with pytest.raises(InvalidAmount):
        parse_money(text)


@given(st.text(max_size=12))
def test_any_text_is_a_number_or_a_clear_refusal(text: str) -> None:
    if text.isascii() and text.isdigit() and len(text) <= 9:
        assert parse_whole(text, what="count") == int(text)
    else:
        with pytest.raises(InvalidLine, match="count"):
            parse_whole(text, what="count")
