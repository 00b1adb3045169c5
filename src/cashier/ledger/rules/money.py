"""Money: integer cents inside, decimal strings outside. The only place that parses or formats it.

Floats never touch money. Text is parsed by a strict grammar (digits, an optional point and at
most two decimals) so that "1e3", "NaN", " 5", "1,000" and "12.345" are refused rather than
guessed at.
"""

from __future__ import annotations

import re

from cashier.ledger.rules.errors import InvalidAmount

Cents = int
"""An amount of money in cents. A plain int so arithmetic and storage stay exact and fast."""

TRANSACTION_LIMIT: Cents = 99_999_99
"""SPEC §3 default per-transaction limit (99,999.99)."""

_AMOUNT = re.compile(r"(?P<sign>-)?(?P<units>[0-9]+)(?:\.(?P<frac>[0-9]{1,2}))?\Z")


def parse_money(
    text: str,
    *,
    what: str = "amount",
    allow_negative: bool = False,
    allow_zero: bool = True,
    limit: Cents | None = TRANSACTION_LIMIT,
) -> Cents:
    """Parse a decimal string such as ``"1234.56"`` into cents.

    ``what`` names the field in the error, so the cashier sees "check amount '12.345' has more
    than 2 decimals" rather than a bare complaint.
    """
    if not isinstance(text, str):
        raise InvalidAmount(
            f"{what} must be a decimal string like '12.34', got {type(text).__name__}"
        )
    if text == "" or text.strip() == "":
        raise InvalidAmount(f"{what} is blank")
    if text != text.strip():
        raise InvalidAmount(f"{what} {text!r} has spaces around it")
    match = _AMOUNT.match(text)
    if match is None:
        if re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", text):
            raise InvalidAmount(f"{what} {text!r} has more than 2 decimals")
        raise InvalidAmount(f"{what} {text!r} is not a decimal amount like '12.34'")
    frac = (match["frac"] or "").ljust(2, "0")
    if len(match["units"]) > 15:
        raise InvalidAmount(f"{what} {text!r} is too large")
    cents = int(match["units"]) * 100 + int(frac or "0")
    if match["sign"]:
        cents = -cents
    return check_amount(
        cents, what=what, allow_negative=allow_negative, allow_zero=allow_zero, limit=limit
    )


def check_amount(
    cents: Cents,
    *,
    what: str = "amount",
    allow_negative: bool = False,
    allow_zero: bool = True,
    limit: Cents | None = TRANSACTION_LIMIT,
) -> Cents:
    """Apply the sign and limit rules to an amount already in cents (from the API or a device)."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise InvalidAmount(f"{what} must be whole cents (int), got {type(cents).__name__}")
    if cents < 0 and not allow_negative:
        raise InvalidAmount(f"{what} {format_money(cents)} may not be negative")
    if cents == 0 and not allow_zero:
        raise InvalidAmount(f"{what} may not be zero")
    if limit is not None and abs(cents) > limit:
        raise InvalidAmount(
            f"{what} {format_money(cents)} is over the per-transaction limit {format_money(limit)}"
        )
    return cents


def format_money(cents: Cents) -> str:
    """Format cents as the canonical decimal string: ``-1234.5`` cents -> ``"-12.34"``."""
    sign = "-" if cents < 0 else ""
    units, frac = divmod(abs(cents), 100)
    return f"{sign}{units}.{frac:02d}"


def format_display(cents: Cents, symbol: str = "$") -> str:
    """Format for people: thousands separators and a currency symbol, ``$1,234.56``."""
    sign = "-" if cents < 0 else ""
    units, frac = divmod(abs(cents), 100)
    return f"{sign}{symbol}{units:,}.{frac:02d}"
