"""Users, roles and PINs (C14): argon2id hashes, lockout after five failures, supervisor unlock.

A PIN is at least six ASCII digits, or a passphrase of at least that many printable characters
(SPEC §11; ``pin.min_length`` raises it for an office). It is stored only as an argon2id hash
at argon2-cffi's defaults (RFC 9106's second recommendation: t=3, 64 MiB, p=4; about 0.12 s a
check here, so the whole six-digit space takes ~16 CPU-hours to search from a copied file).
A hash with weaker parameters — or the scrypt of earlier versions — still signs in, and is
replaced by one at today's parameters as it does; a journal may not bring one in.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass

from argon2 import PasswordHasher, Type, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.reference import office
from cashier.ledger.rules.errors import (
    BadPin,
    InvalidReference,
    NotPermitted,
    UnknownUser,
    UserLocked,
)
from cashier.ledger.rules.values import now
from cashier.ledger.store.models import User

ROLES = ("cashier", "supervisor", "admin")
PAYMENT_TAKERS = ("cashier", "supervisor")
MAX_FAILED_SIGN_INS = 5
MIN_PIN_LENGTH = 6
# SPEC §4's own journal example declares a four-digit PIN: a journal records what was, so its
# plain ``pin`` is taken from four characters (hashed at full strength like any other); every
# PIN a person sets now meets MIN_PIN_LENGTH or the office's longer one.
JOURNAL_PIN_MINIMUM = 4
MAX_PIN_LENGTH = 64
HASHER = PasswordHasher()  # argon2id


@dataclass(frozen=True)
class UserInfo:
    id: str
    name: str
    role: str
    locked: bool


def hash_pin(pin: str, *, minimum: int = MIN_PIN_LENGTH) -> str:
    check_pin_format(pin, minimum=minimum)
    return HASHER.hash(pin)


def pin_matches(pin: str, stored: str) -> bool:
    if stored.startswith("$argon2"):
        try:
            return HASHER.verify(stored, pin)
        except (VerificationError, InvalidHashError):
            return False
    return _legacy_scrypt_matches(pin, stored)


def _legacy_scrypt_matches(pin: str, stored: str) -> bool:
    """Hashes written before argon2id (``scrypt$N$r$p$salt$digest``): checked once more, then
    replaced at sign-in."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected), maxmem=2**26)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` is weaker than today's policy (scrypt, or argon2 at lower cost)."""
    if not stored.startswith("$argon2id$"):
        return True
    try:
        return HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def check_pin_format(pin: str, *, minimum: int = MIN_PIN_LENGTH) -> None:
    if not isinstance(pin, str) or not pin.isprintable() or len(pin) > MAX_PIN_LENGTH:
        raise InvalidReference(f"a PIN must be {minimum} to {MAX_PIN_LENGTH} printable "
                               "characters")
    if pin.isdigit() and not pin.isascii():
        raise InvalidReference("a PIN's digits must be 0-9")
    if len(pin) < minimum:
        raise InvalidReference(f"a PIN must be at least {minimum} digits (or a passphrase of "
                               f"at least {minimum} characters)")


def check_pin_hash(pin_hash: str) -> None:
    """A hash brought in by a journal: argon2id at no less than today's parameters."""
    try:
        given = extract_parameters(pin_hash)
    except (InvalidHashError, ValueError):
        raise InvalidReference("pin_hash must be an argon2id hash ($argon2id$...)") from None
    policy = HASHER
    if (given.type is not Type.ID or given.time_cost < policy.time_cost
            or given.memory_cost < policy.memory_cost or given.hash_len < policy.hash_len
            or given.salt_len < policy.salt_len):
        raise InvalidReference(
            f"pin_hash is weaker than the PIN policy (argon2id, t>={policy.time_cost}, "
            f"m>={policy.memory_cost} KiB): set the PIN again instead")


def minimum_length(session: Session) -> int:
    """The office's PIN length (``pin.min_length``), never below six."""
    text = office.get(session, office.PIN_MIN_LENGTH)
    return max(MIN_PIN_LENGTH, int(text)) if text.isdigit() and text.isascii() \
        else MIN_PIN_LENGTH


def info(user: User) -> UserInfo:
    return UserInfo(user.id, user.name, user.role, user.locked)


def load_user(session: Session, user_id: str, *, what: str = "user") -> User:
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise UnknownUser(f"{what} {user_id!r} is not a user of this office")
    return user


def require_payment_taker(session: Session, user_id: str) -> User:
    user = load_user(session, user_id, what="cashier")
    if user.locked:
        raise UserLocked(f"{user_id} is locked out until a supervisor unlocks them")
    if user.role not in PAYMENT_TAKERS:
        raise NotPermitted(f"{user_id} is {user.role}; only cashiers and supervisors run drawers")
    return user


def require_supervisor(session: Session, user_id: str, *, acting_for: str) -> User:
    user = load_user(session, user_id, what="approver")
    if user.locked:
        raise UserLocked(f"{user_id} is locked out until a supervisor unlocks them")
    if user.role != "supervisor":
        raise NotPermitted(f"{user_id} is {user.role}; {acting_for} needs a supervisor")
    return user


def add_user(session: Session, user_id: str, name: str, role: str, *, pin: str | None = None,
             pin_hash: str | None = None, by: str = "system",
             at: dt.datetime | None = None, pin_minimum: int | None = None) -> User:
    """Create a user with a PIN (hashed here, at least the office's length) or an argon2id
    ``pin_hash`` no weaker than the policy."""
    if not re.fullmatch(r"[A-Za-z0-9._]{1,40}", user_id or ""):
        raise InvalidReference(f"user id {user_id!r} must be letters, digits, '.' or '_'")
    if role not in ROLES:
        raise InvalidReference(f"role {role!r} is not one of {', '.join(ROLES)}")
    if session.get(User, user_id) is not None:
        raise InvalidReference(f"user {user_id!r} already exists")
    if (pin is None) == (pin_hash is None):
        raise InvalidReference(f"user {user_id!r} needs either a pin or a pin_hash")
    if pin_hash is not None:
        check_pin_hash(pin_hash)
    stored = (pin_hash if pin_hash is not None
              else hash_pin(pin or "", minimum=minimum_length(session) if pin_minimum is None
                            else pin_minimum))
    user = User(id=user_id, name=name, role=role, pin_hash=stored, failed_attempts=0,
                locked=False, active=True)
    session.add(user)
    audit.record(session, "config_change", by, at=at or now(), subject=f"user:{user_id}",
                 detail={"change": "add_user", "role": role})
    return user


def sign_in(db: Database, user_id: str, pin: str, *, at: dt.datetime | None = None) -> UserInfo:
    """Check a PIN. Every attempt is audited; the fifth failure in a row locks the user (C14)."""
    at = at or now()
    refusal: Exception | None = None
    with db.write() as session:
        user = session.get(User, user_id)
        if user is None or not user.active:
            # What was typed is kept, but a card swiped into the id box (a keyboard-wedge
            # reader types its track) must not put a card number in the trail (C13).
            audit.record(session, "sign_in_failed", audit.masked(user_id), at=at,
                         detail={"why": "unknown user"})
            refusal = UnknownUser(f"no user {user_id!r}")
        elif user.locked:
            audit.record(session, "sign_in_failed", user_id, at=at, detail={"why": "locked"})
            refusal = UserLocked(f"{user_id} is locked out until a supervisor unlocks them")
        elif not pin_matches(pin, user.pin_hash):
            user.failed_attempts += 1
            audit.record(session, "sign_in_failed", user_id, at=at,
                         detail={"why": "wrong pin", "attempt": user.failed_attempts})
            if user.failed_attempts >= MAX_FAILED_SIGN_INS:
                user.locked = True
                audit.record(session, "user_locked", user_id, at=at,
                             detail={"failed_attempts": user.failed_attempts})
                refusal = UserLocked(
                    f"{user_id} is now locked after {user.failed_attempts} wrong PINs; "
                    "a supervisor must unlock"
                )
            else:
                left = MAX_FAILED_SIGN_INS - user.failed_attempts
                refusal = BadPin(f"wrong PIN for {user_id} ({left} tries left before lockout)")
        else:
            user.failed_attempts = 0
            if needs_rehash(user.pin_hash):
                # The PIN is in hand only now: store it at today's parameters (SPEC §11).
                user.pin_hash = HASHER.hash(pin)
                audit.record(session, "config_change", user_id, at=at,
                             subject=f"user:{user_id}", detail={"pin": "rehashed"})
            audit.record(session, "sign_in", user_id, at=at)
            result = info(user)
    # The failure is committed (counted and audited) before it is reported.
    if refusal is not None:
        raise refusal
    return result


@audit.refusals_logged("unlock", actor="supervisor", second="user_id")
def unlock(db: Database, user_id: str, *, supervisor: str,
           at: dt.datetime | None = None) -> UserInfo:
    at = at or now()
    with db.write() as session:
        require_supervisor(session, supervisor, acting_for="unlocking a user")
        if supervisor == user_id:
            raise NotPermitted("a supervisor cannot unlock themselves")
        user = load_user(session, user_id)
        user.locked = False
        user.failed_attempts = 0
        audit.record(session, "user_unlocked", supervisor, at=at, subject=f"user:{user_id}")
        return info(user)


def anyone(db: Database) -> bool:
    """Whether the database has any user at all (an empty one may get the demo city)."""
    with db.read() as session:
        return session.scalar(select(User.id).limit(1)) is not None


def get_user(db: Database, user_id: str) -> UserInfo:
    with db.read() as session:
        return info(load_user(session, user_id))
