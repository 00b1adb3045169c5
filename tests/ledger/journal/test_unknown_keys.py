"""A key the journal format does not define is refused with its line number (SPEC §4, issue
#22 item 9): at the top of every operation and inside every nested object. A line that is
not UTF-8 is refused by number too; an NSF return without its reason names the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cashier.ledger.journal import keys
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.rules.errors import ReplayStopped
from tests.ledger.journal.test_journal import SHIFT, write

PAYMENT = SHIFT[9]


def refused(tmp_path: Path, bad: Any) -> ReplayStopped:
    lines = [*SHIFT[:10], bad, *SHIFT[10:]]
    target = tmp_path / "new.sqlite3"
    with pytest.raises(ReplayStopped) as stopped:
        replay_file(write(tmp_path / "bad.jsonl", lines), target)
    assert not target.exists()
    return stopped.value


def test_a_misspelt_approver_does_not_pass_silently(tmp_path: Path) -> None:
    void = {k: v for k, v in SHIFT[10].items() if k != "approver"}
    stopped = refused(tmp_path, {**void, "aprover": "sam"})
    assert (stopped.line, stopped.rule) == (11, "journal")
    assert "'aprover'" in stopped.message


@pytest.mark.parametrize("op", sorted(keys.OPERATIONS))
def test_every_operation_refuses_a_key_it_does_not_define(tmp_path: Path, op: str) -> None:
    stopped = refused(tmp_path, {"v": 1, "op": op, "colour": "blue"})
    assert stopped.line == 11
    assert f"{op} has a key the format does not define: 'colour'" in stopped.message


@pytest.mark.parametrize(("bad", "where"), [
    ({**PAYMENT, "lines": [{"account": "1000001", "amount": "45.10", "memo": "x"}]},
     "payment.lines[1]"),
    ({**PAYMENT, "lines": [{"item": "DOGA", "quantity": 1, "reference": "T", "refrence": "T"}]},
     "payment.lines[1]"),
    ({**PAYMENT, "tenders": [{"type": "cash", "amount": "70.00", "number": "1"}]},
     "payment.tenders[1]"),
    ({**PAYMENT, "tenders": [{"type": "card", "amount": "70.00", "brand": "VISA",
                              "last4": "4242", "auth": "A", "cvv": "123"}]},
     "payment.tenders[1]"),
    ({**PAYMENT, "change": "1.00"}, "payment"),  # only a receipt carried as context has it
    ({**SHIFT[4], "number": "1000009",
      "charges": [{"service": "water", "bill_date": "2026-10-15", "amount": "1.00",
                   "due": "2026-11-01"}]}, "account.charges[1]"),
    ({**SHIFT[3], "code": "DOGB", "gl": [{"account": "101-4410", "share": "1", "pct": "1"}]},
     "item.gl[1]"),
    ({**SHIFT[11], "checks": [{"number": "1", "amount": "1.00", "bank": "x"}]},
     "close_drawer.checks[1]"),
])
def test_a_nested_object_refuses_a_key_it_does_not_define(tmp_path: Path, bad: dict[str, Any],
                                                          where: str) -> None:
    stopped = refused(tmp_path, bad)
    assert stopped.line == 11
    assert stopped.message.startswith(f"{where} has a key the format does not define")


def test_a_line_that_is_not_utf8_is_refused_by_number(tmp_path: Path) -> None:
    journal = write(tmp_path / "latin1.jsonl", SHIFT)
    lines = journal.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(b"ANA RUIZ", b"ANA MU\xd1OZ")  # Latin-1, not UTF-8
    journal.write_bytes(b"\n".join(lines))
    with pytest.raises(ReplayStopped) as stopped:
        replay_file(journal, tmp_path / "new.sqlite3")
    assert (stopped.value.line, stopped.value.rule) == (5, "journal")
    assert "not UTF-8" in stopped.value.message and "0xd1" in stopped.value.message
    assert not (tmp_path / "new.sqlite3").exists()


def test_an_nsf_return_without_its_reason_is_refused_naming_the_field(tmp_path: Path) -> None:
    nsf = {"v": 1, "op": "nsf", "at": "2026-11-23T10:00:00-07:00", "receipt": "T01-000001",
           "fee": "25.00", "by": "sam"}
    stopped = refused(tmp_path, nsf)
    assert stopped.line == 11
    assert "'reason'" in stopped.message
