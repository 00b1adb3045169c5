"""Money is integer cents; text is parsed strictly and formatted in one place (SPEC §3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.ledger.rules.errors import InvalidAmount
from cashier.ledger.rules.money import TRANSACTION_LIMIT, format_display, format_money, parse_money


@pytest.mark.parametrize(
    ("text", "cents"),
    [("0", 0), ("1", 100), ("1.5", 150), ("1.05", 105), ("1234.56", 123456), ("0.01", 1),
     ("99999.99", 9999999)],
)
def test_parses_decimal_strings_to_cents(text: str, cents: int) -> None:
    assert parse_money(text) == cents


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("12.345", "more than 2 decimals"),
        ("1e3", "not a decimal amount"),
        ("NaN", "not a decimal amount"),
        ("inf", "not a decimal amount"),
        ("", "blank"),
        ("   ", "blank"),
        (" 5.00", "spaces"),
        ("1,000.00", "not a decimal amount"),
        ("$5", "not a decimal amount"),
        ("5.", "not a decimal amount"),
        (".5", "not a decimal amount"),
        ("+5", "not a decimal amount"),
        ("٥", "not a decimal amount"),
        ("-5.00", "may not be negative"),
        ("100000.00", "over the per-transaction limit 99999.99"),
    ],
)
def test_refuses_malformed_amounts_naming_the_problem(text: str, complaint: str) -> None:
    with pytest.raises(InvalidAmount, match=complaint):
        parse_money(text, what="cash amount")


def test_error_names_the_field() -> None:
    with pytest.raises(InvalidAmount, match="check amount '1.234'"):
        parse_money("1.234", what="check amount")


def test_negative_allowed_only_when_asked() -> None:
    assert parse_money("-12.30", allow_negative=True) == -1230


def test_zero_can_be_refused() -> None:
    with pytest.raises(InvalidAmount, match="may not be zero"):
        parse_money("0.00", allow_zero=False)


def test_float_is_not_money() -> None:
    with pytest.raises(InvalidAmount, match="decimal string"):
        parse_money(12.5)  # type: ignore[arg-type]


def test_formats_canonical_and_display_forms() -> None:
    assert format_money(123456) == "1234.56"
    assert format_money(-5) == "-0.05"
    assert format_money(0) == "0.00"
    assert format_display(123456789) == "$1,234,567.89"


@given(st.integers(min_value=-TRANSACTION_LIMIT, max_value=TRANSACTION_LIMIT))
def test_format_then_parse_round_trips(cents: int) -> None:
    assert parse_money(format_money(cents), allow_negative=True) == cents


@given(st.text(max_size=30))
def test_any_text_parses_or_raises_invalid_amount_only(text: str) -> None:
    try:
        cents = parse_money(text)
    except InvalidAmount:
        return
    assert isinstance(cents, int)
    assert 0 <= cents <= TRANSACTION_LIMIT
