"""Whole numbers typed or scanned as text: quantities, denomination counts, sequence numbers.

Python's ``int()`` takes any Unicode decimal digit (``int("٣") == 3``, full-width ``"３"`` too)
and raises a bare ValueError on a superscript ``"²"``; a count on a cash-handling record must
be what the cashier saw on the keyboard, so only ASCII digits are numbers here, and anything
else is refused naming the field.
"""

from __future__ import annotations

import re

from cashier.ledger.rules.errors import InvalidLine

_WHOLE = re.compile(r"[0-9]{1,9}\Z")


def parse_whole(text: str, *, what: str, minimum: int = 0) -> int:
    """``text`` as a whole number of at most nine ASCII digits, at least ``minimum``."""
    if not isinstance(text, str) or not _WHOLE.match(text):
        raise InvalidLine(f"{what} {text!r} is not a whole number (digits 0-9 only)")
    number = int(text)
    if number < minimum:
        raise InvalidLine(f"{what} {text!r} must be at least {minimum}")
    return number
