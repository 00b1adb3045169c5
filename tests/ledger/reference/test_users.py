"""Sign-in and PINs (C14): slow salted hashes, five failures lock, a supervisor unlocks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cashier.ledger.database import Database
from cashier.ledger.reference import users
from cashier.ledger.rules.errors import (
    BadPin,
    InvalidReference,
    NotPermitted,
    UnknownUser,
    UserLocked,
)
from cashier.ledger.store.models import AuditEvent, User


def test_pins_are_stored_only_as_scrypt_hashes(db: Database) -> None:
    with db.read() as s:
        stored = s.get_one(User, "ana").pin_hash
    assert stored.startswith("scrypt$16384$8$1$")
    assert "4821" not in stored
    assert users.pin_matches("4821", stored)
    assert not users.pin_matches("4822", stored)


def test_same_pin_hashes_differently_each_time() -> None:
    assert users.hash_pin("4821") != users.hash_pin("4821")


def test_right_pin_signs_in(db: Database) -> None:
    assert users.sign_in(db, "ana", "4821").role == "cashier"


def test_five_wrong_pins_lock_the_user_until_a_supervisor_unlocks(db: Database) -> None:
    for attempt in range(1, 5):
        with pytest.raises(BadPin, match=f"{5 - attempt} tries left"):
            users.sign_in(db, "ana", "0000")
    with pytest.raises(UserLocked, match="now locked after 5 wrong PINs"):
        users.sign_in(db, "ana", "0000")
    with pytest.raises(UserLocked):
        users.sign_in(db, "ana", "4821")  # even the right PIN
    users.unlock(db, "ana", supervisor="sam")
    assert users.sign_in(db, "ana", "4821").id == "ana"


def test_a_good_sign_in_resets_the_failure_count(db: Database) -> None:
    for _ in range(4):
        with pytest.raises(BadPin):
            users.sign_in(db, "ana", "0000")
    users.sign_in(db, "ana", "4821")
    with pytest.raises(BadPin, match="4 tries left"):
        users.sign_in(db, "ana", "0000")


def test_only_another_supervisor_unlocks(db: Database) -> None:
    with pytest.raises(NotPermitted, match="needs a supervisor"):
        users.unlock(db, "ana", supervisor="raj")
    with pytest.raises(NotPermitted, match="cannot unlock themselves"):
        users.unlock(db, "sam", supervisor="sam")


def test_every_sign_in_attempt_is_audited(db: Database) -> None:
    with pytest.raises(BadPin):
        users.sign_in(db, "ana", "0000")
    users.sign_in(db, "ana", "4821")
    with pytest.raises(UnknownUser):
        users.sign_in(db, "nobody", "1234")
    with db.read() as s:
        events = [(e.kind, e.actor) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.kind.like("sign_in%")).order_by(AuditEvent.seq))]
    assert events == [("sign_in_failed", "ana"), ("sign_in", "ana"),
                      ("sign_in_failed", "nobody")]


@pytest.mark.parametrize("pin", ["", "123", "12\n34"])
def test_short_or_unprintable_pins_are_refused(pin: str) -> None:
    with pytest.raises(InvalidReference, match="PIN must be"):
        users.hash_pin(pin)


def test_roles_are_checked(db: Database) -> None:
    with db.write() as s, pytest.raises(InvalidReference, match="role 'boss'"):
        users.add_user(s, "zed", "Zed", "boss", pin="1234")
