"""Reference operations are idempotent (SPEC §4, issue #19): declaring what exists with the same
attributes is a no-op; with other attributes it is a change, made and audited with before
and after; what cannot change by declaration (an account's charges) is refused by line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cashier.ledger.database import Database
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.reference import users
from cashier.ledger.rules.errors import ReplayStopped
from cashier.ledger.store.models import AuditEvent, Drawer, GLAccount, Item, Service, User
from tests.conftest import pin_hash
from tests.ledger.journal.test_journal import SHIFT, write

GL = {"v": 1, "op": "gl_account", "code": "503-1210", "name": "Water AR", "fund": "503"}
SERVICE = {"v": 1, "op": "service", "code": "water", "name": "Water", "priority": 3,
           "gl": "503-1210"}
ITEM = SHIFT[3]
ACCOUNT = SHIFT[4]
USER = {"v": 1, "op": "user", "id": "ana", "name": "Ana Ruiz", "role": "cashier",
        "pin_hash": pin_hash("482193")}
DRAWER = {"v": 1, "op": "drawer", "code": "D1", "terminal": "T01", "float": "200.00"}
BASE = [GL, {**GL, "code": "101-4410", "name": "Dog licenses", "fund": "101"}, SERVICE, ITEM,
        ACCOUNT, USER, DRAWER]


def replayed(tmp_path: Path, lines: list[Any]) -> Database:
    target = tmp_path / "new.sqlite3"
    replay_file(write(tmp_path / "journal.jsonl", lines), target)
    return Database.open(target)


def config_changes(db: Database, subject: str) -> list[dict[str, Any]]:
    with db.read() as s:
        return [json.loads(e.detail) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.kind == "config_change",
                                     AuditEvent.subject == subject).order_by(AuditEvent.seq))]


def test_declaring_the_system_gl_accounts_is_a_no_op(tmp_path: Path) -> None:
    """Another system's journal declares 100-2100 as the program already made it."""
    lines = [{"v": 1, "op": "gl_account", "code": "100-2100",
              "name": "Unapplied customer credits", "fund": "100"},
             {"v": 1, "op": "gl_account", "code": "100-1010", "name": "Cash in drawer"},
             *BASE]
    with replayed(tmp_path, lines) as db:
        with db.read() as s:
            row = s.get_one(GLAccount, "100-2100")
            assert (row.name, row.system) == ("Unapplied customer credits", True)
        assert config_changes(db, "gl:100-2100") == []


def test_the_same_declarations_twice_change_nothing(tmp_path: Path) -> None:
    with replayed(tmp_path, [*BASE, *BASE]) as db:
        for subject in ("gl:503-1210", "service:water", "item:DOGA", "user:ana", "drawer:D1"):
            assert [c["change"] for c in config_changes(db, subject)] == [
                {"gl": "add_gl_account", "se": "add_service", "it": "add_item",
                 "us": "add_user", "dr": "add_drawer"}[subject[:2]]]
        assert config_changes(db, "account:1000001") == []


def test_a_user_redeclared_with_the_pin_its_hash_holds_is_a_no_op(tmp_path: Path) -> None:
    same_pin = {**USER, "pin": "482193"}
    del same_pin["pin_hash"]
    with replayed(tmp_path, [*BASE, same_pin]) as db:
        with db.read() as s:
            assert s.get_one(User, "ana").pin_hash == USER["pin_hash"]
        assert len(config_changes(db, "user:ana")) == 1  # only its addition


@pytest.mark.parametrize(("line", "subject", "before", "after"), [
    ({**GL, "name": "Water receivable"}, "gl:503-1210", {"name": "Water AR"},
     {"name": "Water receivable"}),
    ({**GL, "code": "100-2100", "name": "Customer credits", "fund": "100"}, "gl:100-2100",
     {"name": "Unapplied customer credits"}, {"name": "Customer credits"}),
    ({**SERVICE, "priority": 2}, "service:water", {"priority": 3}, {"priority": 2}),
    ({**ITEM, "price": "25.00"}, "item:DOGA", {"price": "20.00"}, {"price": "25.00"}),
    ({**USER, "role": "supervisor"}, "user:ana", {"role": "cashier"}, {"role": "supervisor"}),
    ({**DRAWER, "float": "150.00"}, "drawer:D1", {"float": "200.00"}, {"float": "150.00"}),
    ({**ACCOUNT, "name": "ANA RUIZ-LOPEZ"}, "account:1000001", {"name": "ANA RUIZ"},
     {"name": "ANA RUIZ-LOPEZ"}),
])
def test_a_declaration_with_other_attributes_is_an_audited_change(
        tmp_path: Path, line: dict[str, Any], subject: str, before: dict[str, Any],
        after: dict[str, Any]) -> None:
    with replayed(tmp_path, [*BASE, line]) as db:
        change = config_changes(db, subject)[-1]
        assert (change["before"], change["after"]) == (before, after)
        with db.read() as s:
            kind, _, key = subject.partition(":")
            model = {"gl": GLAccount, "service": Service, "item": Item, "user": User,
                     "drawer": Drawer}.get(kind)
            if model is not None:  # the row holds the new value
                row = s.get_one(model, key)
                assert any(getattr(row, column, None) in (value, 2500, 15000)
                           for value in after.values()
                           for column in ("name", "priority", "price_cents", "role",
                                          "float_cents"))


def test_a_new_pin_by_declaration_is_a_change_that_never_shows_a_hash(tmp_path: Path) -> None:
    new_pin = {**USER, "pin_hash": pin_hash("731046")}
    with replayed(tmp_path, [*BASE, new_pin]) as db:
        change = config_changes(db, "user:ana")[-1]
        assert change["after"] == {"pin": "changed"}
        assert "scrypt" not in json.dumps(change)
        with db.read() as s:
            assert users.pin_matches("731046", s.get_one(User, "ana").pin_hash)


def test_an_account_redeclared_with_other_charges_is_refused_by_line(tmp_path: Path) -> None:
    other = {**ACCOUNT, "charges": [{"service": "water", "bill_date": "2026-10-15",
                                     "amount": "99.00"}]}
    with pytest.raises(ReplayStopped) as stopped:
        replayed(tmp_path, [*BASE, other])
    assert stopped.value.line == len(BASE) + 1
    assert "open charges or credit" in stopped.value.message
