"""docs/journal.md documents every operation and every key the format defines (issue #19,
item 5): each op of journal/keys.py has its row, naming each of its keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cashier.ledger.journal import keys

DOC = (Path(__file__).parents[3] / "docs" / "journal.md").read_text(encoding="utf-8")
NESTED = (keys.ACCOUNT_LINE_CONTEXT | keys.ITEM_LINE | keys.CHARGE | keys.POSTING | keys.SPLIT
          | keys.RETURNED_CHECK | keys.INSTALLMENT | keys.DOCUMENT | keys.BATCH_CHECK
          | keys.TENDER_TOTALS | frozenset().union(*keys.TENDERS.values()))


def row_of(op: str) -> str:
    for line in DOC.splitlines():
        if line.startswith("|") and re.search(rf"`{op}`", line.split("|")[1]):
            return line
    raise AssertionError(f"docs/journal.md has no row for {op}")


@pytest.mark.parametrize("op", sorted(keys.OPERATIONS))
def test_every_operation_has_a_row_naming_its_keys(op: str) -> None:
    row = row_of(op)
    missing = [k for k in sorted(keys.OPERATIONS[op]) if f"`{k}`" not in row]
    assert not missing, f"{op}'s row does not name {missing}"


def test_every_nested_key_is_documented() -> None:
    missing = sorted(k for k in NESTED if f'"{k}"' not in DOC and f"`{k}`" not in DOC)
    assert not missing
