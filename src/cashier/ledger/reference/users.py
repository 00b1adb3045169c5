"""Users, roles and PINs (C14): scrypt hashes, lockout after five failures, supervisor unlock."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
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
# scrypt cost: ~50 ms a check on the counter PCs; slow enough to make a stolen file expensive.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


@dataclass(frozen=True)
class UserInfo:
    id: str
    name: str
    role: str
    locked: bool


def hash_pin(pin: str) -> str:
    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def check_pin_format(pin: str) -> None:
    if not isinstance(pin, str) or not 4 <= len(pin) <= 64 or not pin.isprintable():
        raise InvalidReference("a PIN must be 4 to 64 printable characters")


def check_pin_hash(pin_hash: str) -> None:
    parts = pin_hash.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise InvalidReference("pin_hash must be an scrypt hash written by this program")


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
             at: dt.datetime | None = None) -> User:
    """Create a user with a PIN (hashed here) or an existing scrypt ``pin_hash``."""
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
    stored = pin_hash if pin_hash is not None else hash_pin(pin or "")
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
