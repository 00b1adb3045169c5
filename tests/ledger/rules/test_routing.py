"""ABA routing numbers are checked with the 3-7-1 checksum; bank accounts are masked."""

from __future__ import annotations

import pytest

from cashier.ledger.rules.errors import InvalidRouting
from cashier.ledger.rules.routing import mask_account, routing_checksum_ok, validate_routing


@pytest.mark.parametrize("routing", ["111000025", "021000021", "122105278", "011000015"])
def test_real_routing_numbers_pass(routing: str) -> None:
    assert validate_routing(routing) == routing


def test_one_wrong_digit_fails_the_checksum() -> None:
    assert not routing_checksum_ok("111000026")
    with pytest.raises(InvalidRouting, match="fails the ABA 3-7-1 checksum"):
        validate_routing("111000026")


@pytest.mark.parametrize(
    "routing", ["11100002", "1110000250", "11100002a", "", "１１１００００２５"]
)
def test_wrong_shape_is_refused(routing: str) -> None:
    with pytest.raises(InvalidRouting, match="exactly 9 digits"):
        validate_routing(routing)


def test_bank_account_keeps_only_last_four() -> None:
    assert mask_account("123456789") == "*****6789"
    assert mask_account("12") == "12"
    assert mask_account("") == ""
