"""Card numbers and magnetic-stripe data never enter the books (C13, SPEC §11).

The card tender has no field for a PAN, but any free text could carry one: a PAN read into an
item reference, keyed as a check or money-order number, pasted into a reason, a note or a
customer's name. Every operation passes ``refuse_card_data`` before it is written, so the
refusal holds for the counter, the command line, journal replay and central alike.

A PAN is 13-19 digits (spaces or dashes between groups allowed) starting with a card brand's
first digit (2-6) and passing the Luhn check; track 1 is ``%B<PAN>^``, track 2 ``;<PAN>=``.
The refusal names the field and never echoes the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from cashier.ledger.rules.errors import CardDataRefused

_CANDIDATE = re.compile(r"(?<![0-9.])[2-6](?:[ -]?[0-9]){12,18}(?![0-9.])")
_TRACK = re.compile(r"%?B[0-9]{12,19}\^|;?[0-9]{12,19}=[0-9]{4}")

# Keys whose values are the program's own (identifiers, hashes, times), never typed text.
_NOT_TEXT = frozenset({"v", "op", "uuid", "at", "pin_hash"})


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        d = int(char)
        if position % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def has_card_data(text: str) -> bool:
    if _TRACK.search(text):
        return True
    return any(luhn_valid(re.sub(r"[ -]", "", m.group(0))) for m in _CANDIDATE.finditer(text))


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            if key not in _NOT_TEXT:
                yield from _texts(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for index, inner in enumerate(value):
            yield from _texts(inner, f"{path}[{index}]")


def refuse_card_data(op: str, fields: Mapping[str, Any]) -> None:
    """Refuse the operation when any text in it holds a card number or track data."""
    for path, text in _texts(fields, ""):
        if len(text) >= 13 and has_card_data(text):
            raise CardDataRefused(f"{op} {path} looks like a card number or card track data; "
                                  "it is never stored (C13): take cards through the terminal")
