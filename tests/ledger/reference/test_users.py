"""Sign-in and PINs (C14): slow salted hashes, five failures lock, a supervisor unlocks."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
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


def test_pins_are_stored_only_as_argon2id_hashes(db: Database) -> None:
    with db.read() as s:
        stored = s.get_one(User, "ana").pin_hash
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert "482193" not in stored
    assert users.pin_matches("482193", stored)
    assert not users.pin_matches("4822", stored)


def test_same_pin_hashes_differently_each_time() -> None:
    assert users.hash_pin("482193") != users.hash_pin("482193")


def test_right_pin_signs_in(db: Database) -> None:
    assert users.sign_in(db, "ana", "482193").role == "cashier"


def test_five_wrong_pins_lock_the_user_until_a_supervisor_unlocks(db: Database) -> None:
    for attempt in range(1, 5):
        with pytest.raises(BadPin, match=f"{5 - attempt} tries left"):
            users.sign_in(db, "ana", "0000")
    with pytest.raises(UserLocked, match="now locked after 5 wrong PINs"):
        users.sign_in(db, "ana", "0000")
    with pytest.raises(UserLocked):
        users.sign_in(db, "ana", "482193")  # even the right PIN
    users.unlock(db, "ana", supervisor="sam")
    assert users.sign_in(db, "ana", "482193").id == "ana"


def test_a_good_sign_in_resets_the_failure_count(db: Database) -> None:
    for _ in range(4):
        with pytest.raises(BadPin):
            users.sign_in(db, "ana", "0000")
    users.sign_in(db, "ana", "482193")
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
    users.sign_in(db, "ana", "482193")
    with pytest.raises(UnknownUser):
        users.sign_in(db, "nobody", "1234")
    with db.read() as s:
        events = [(e.kind, e.actor) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.kind.like("sign_in%")).order_by(AuditEvent.seq))]
    assert events == [("sign_in_failed", "ana"), ("sign_in", "ana"),
                      ("sign_in_failed", "nobody")]


@pytest.mark.parametrize("pin", ["", "123", "4821", "12345", "12\n3456", "١٢٣٤٥٦", "１２３４５６",
                                 "x" * 65])
def test_short_unprintable_or_non_ascii_pins_are_refused(pin: str) -> None:
    with pytest.raises(InvalidReference, match="PIN"):
        users.hash_pin(pin)


def test_a_passphrase_is_a_pin_too() -> None:
    assert users.pin_matches("correct horse", users.hash_pin("correct horse"))


def test_an_office_may_ask_for_longer_pins(db: Database) -> None:
    from cashier.ledger.reference import office

    with db.write() as s:
        office.put(s, office.PIN_MIN_LENGTH, "8")
        with pytest.raises(InvalidReference, match="at least 8"):
            users.add_user(s, "zed", "Zed", "cashier", pin="123456")
        users.add_user(s, "zed", "Zed", "cashier", pin="12345678")


def test_a_weaker_hash_is_replaced_when_its_user_signs_in(db: Database) -> None:
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"482193", salt=salt, n=2**14, r=8, p=1, dklen=32)
    legacy = (f"scrypt$16384$8$1${base64.b64encode(salt).decode()}$"
              f"{base64.b64encode(digest).decode()}")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("482193")
    for stored in (legacy, weak):
        with db.write() as s:
            s.get_one(User, "ana").pin_hash = stored
        assert users.needs_rehash(stored)
        users.sign_in(db, "ana", "482193")
        with db.read() as s:
            now_stored = s.get_one(User, "ana").pin_hash
        assert now_stored != stored and not users.needs_rehash(now_stored)
        assert users.pin_matches("482193", now_stored)


def test_a_journal_may_not_bring_a_weaker_hash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("482193")
    for stored in (weak, "scrypt$16384$8$1$AAAA$BBBB", "plain"):
        with pytest.raises(InvalidReference, match="pin_hash"):
            users.check_pin_hash(stored)
    users.check_pin_hash(users.hash_pin("482193"))


def test_roles_are_checked(db: Database) -> None:
    with db.write() as s, pytest.raises(InvalidReference, match="role 'boss'"):
        users.add_user(s, "zed", "Zed", "boss", pin="123456")


def test_spec_s_journal_example_with_its_four_digit_pin_still_replays(db: Database) -> None:
    """SPEC §4's example declares ``"pin":"4821"``; a journal records what was."""
    from cashier.ledger.reference.declarations import declare_user

    with db.write() as s:
        declare_user(s, "nia", "Nia Ortiz", "cashier", pin="4821")
        with pytest.raises(InvalidReference, match="at least 6"):
            users.add_user(s, "ola", "Ola", "cashier", pin="4821")  # a PIN set now
    assert users.sign_in(db, "nia", "4821").id == "nia"
