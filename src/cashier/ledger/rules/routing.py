"""ABA routing numbers: the one 3-7-1 checksum, used by the check tender and the MICR reader."""

from __future__ import annotations

from cashier.ledger.rules.errors import InvalidRouting

_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7, 1)


def routing_checksum_ok(routing: str) -> bool:
    """True when ``routing`` is nine digits whose 3-7-1 weighted sum is a multiple of 10."""
    if len(routing) != 9 or not routing.isascii() or not routing.isdigit():
        return False
    return sum(int(d) * w for d, w in zip(routing, _WEIGHTS, strict=True)) % 10 == 0


def validate_routing(routing: str) -> str:
    """Return ``routing`` if it is a valid ABA routing number, else raise ``InvalidRouting``."""
    if not isinstance(routing, str) or len(routing) != 9 or not routing.isascii() \
            or not routing.isdigit():
        raise InvalidRouting(f"routing number {routing!r} must be exactly 9 digits")
    if not routing_checksum_ok(routing):
        raise InvalidRouting(f"routing number {routing} fails the ABA 3-7-1 checksum")
    return routing


def mask_account(account: str) -> str:
    """Keep only the last four characters of a bank account number (never store it whole)."""
    digits = "".join(ch for ch in account if ch.isalnum())
    if not digits:
        return ""
    return "*" * max(len(digits) - 4, 0) + digits[-4:]
