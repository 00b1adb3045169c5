"""Reading one operations-journal line (SPEC §4) into checked Python values.

Everything a line can get wrong — not JSON, not an object, another version, an unknown op, a
missing field, a malformed amount or time — is found here, before anything is written, and
named with the op and the field, so a refused replay says exactly what to fix.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from cashier.ledger.rules.errors import BadJournalLine
from cashier.ledger.rules.money import TRANSACTION_LIMIT, Cents, parse_money
from cashier.ledger.store.outbox import VERSION

# What record_op writes (uuid4 text); the operations table holds 36 characters.
_UUID = re.compile(r"[0-9A-Za-z-]{1,36}")


@dataclass(frozen=True)
class Fields:
    """The body of one operation, with typed accessors that refuse with the field's name."""

    op: str
    body: Mapping[str, Any]

    def _where(self, key: str) -> str:
        return f"{self.op} field {key!r}"

    def only(self, keys: Collection[str]) -> Fields:
        """Refuse a key the format does not define here (docs/journal.md), naming it."""
        unknown = sorted(k for k in self.body if k not in keys)
        if unknown:
            raise BadJournalLine(
                f"{self.op} has {'a key' if len(unknown) == 1 else 'keys'} the format does "
                f"not define: {', '.join(map(repr, unknown))} (it takes "
                f"{', '.join(sorted(keys))})")
        return self

    def raw(self, key: str) -> Any:
        if key not in self.body:
            raise BadJournalLine(f"{self.op} needs the field {key!r}")
        return self.body[key]

    def text(self, key: str, *, default: str | None = None) -> str:
        if key not in self.body and default is not None:
            return default
        value = self.raw(key)
        if not isinstance(value, str):
            raise BadJournalLine(f"{self._where(key)} must be text, got {value!r}")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.body.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise BadJournalLine(f"{self._where(key)} must be text, got {value!r}")
        return value

    def whole(self, key: str, *, default: int | None = None) -> int:
        if key not in self.body and default is not None:
            return default
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadJournalLine(f"{self._where(key)} must be a whole number, got {value!r}")
        return value

    def flag(self, key: str, *, default: bool = False) -> bool:
        value = self.body.get(key, default)
        if not isinstance(value, bool):
            raise BadJournalLine(f"{self._where(key)} must be true or false, got {value!r}")
        return value

    def money(self, key: str, *, limit: Cents | None = TRANSACTION_LIMIT,
              allow_zero: bool = True, allow_negative: bool = False) -> Cents:
        return parse_money(self.raw(key), what=self._where(key), limit=limit,
                           allow_zero=allow_zero, allow_negative=allow_negative)

    def optional_money(self, key: str) -> Cents | None:
        if self.body.get(key) is None:
            return None
        return self.money(key)

    def objects(self, key: str, *, default: list[Any] | None = None,
                keys: Collection[str] | None = None) -> list[Fields]:
        """A list of nested objects; with ``keys``, each may hold only those keys."""
        if key not in self.body and default is not None:
            return []
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise BadJournalLine(f"{self._where(key)} must be a list of objects")
        found = [Fields(f"{self.op}.{key}[{i}]", v) for i, v in enumerate(value, start=1)]
        if keys is not None:
            for nested in found:
                nested.only(keys)
        return found

    def nested(self, key: str, keys: Collection[str]) -> Fields:
        """One nested object holding only ``keys``."""
        value = self.raw(key)
        if not isinstance(value, dict):
            raise BadJournalLine(f"{self._where(key)} must be an object")
        return Fields(f"{self.op}.{key}", value).only(keys)

    def strings(self, key: str) -> list[str]:
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BadJournalLine(f"{self._where(key)} must be a list of text")
        return list(value)

    def count(self, key: str) -> dict[str, int]:
        """A denomination map, ``{"20.00": 5}``; the ledger checks the denominations."""
        value = self.raw(key)
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(n, int) and not isinstance(n, bool)
                for k, n in value.items()):
            raise BadJournalLine(f"{self._where(key)} must map face values to whole counts")
        return dict(value)

    def documents(self, key: str) -> tuple[tuple[str, Cents], ...]:
        """Counted checks or money orders: ``[{"number": "1042", "amount": "45.10"}]``."""
        return tuple((doc.text("number"), doc.money("amount", allow_zero=False))
                     for doc in self.objects(key, default=[], keys=("number", "amount")))

    def date(self, key: str) -> dt.date:
        text = self.text(key)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise BadJournalLine(f"{self._where(key)} {text!r} is not a date like "
                                 "2026-11-23") from None

    def at(self) -> dt.datetime:
        text = self.text("at")
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise BadJournalLine(f"{self.op} time {text!r} is not ISO 8601") from None
        if value.tzinfo is None or value.utcoffset() is None:
            # The business date is the date in the written offset (SPEC §4); without one
            # the day an operation belongs to would depend on the replaying machine.
            raise BadJournalLine(f"{self.op} time {text!r} has no UTC offset")
        return value


def read_line(text: str) -> Fields:
    """Decode one JSONL line into its op name and fields, checking the envelope."""
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadJournalLine(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        # Valid JSON past Python's limits: a number of thousands of digits, or arrays nested
        # deeper than the stack. No operation looks like that.
        raise BadJournalLine(f"not a journal line ({str(exc)[:80]})") from None
    if not isinstance(body, dict):
        raise BadJournalLine("a journal line must be a JSON object")
    version = body.get("v")
    # ``true`` and ``1.0`` equal 1 in Python, but they are not the version this program wrote.
    if type(version) is not int or version != VERSION:
        raise BadJournalLine(f"version {version!r} is not supported; this program reads "
                             f"version {VERSION}")
    op = body.get("op")
    if not isinstance(op, str) or not op:
        raise BadJournalLine("the line has no 'op'")
    ident = body.get("uuid")
    if ident is not None and not (isinstance(ident, str) and _UUID.fullmatch(ident)):
        raise BadJournalLine(f"{op} field 'uuid' must be an operation id (letters, digits "
                             "and '-', at most 36)")
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # A "\ud800" escape decodes to half a UTF-16 pair, which no database or printer can
        # hold; refused here, with the line, rather than half-way through writing it.
        raise BadJournalLine(f"{op} holds a lone UTF-16 surrogate (an escape like "
                             "\\ud800 without its pair), which is not a character") from None
    return Fields(op, body)
