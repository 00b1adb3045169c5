"""An administrator's acts on users (SPEC §10, issue #21): change a role, deactivate and
reactivate, reset a PIN; and every user's change of their own PIN.

Each act needs a signed-in admin (the caller signs them in), is a journal operation
(``user_role``, ``user_active``, ``pin_reset``, ``pin_change``) and an audit event with who,
before and after. Nobody changes their own role or resets their own PIN (they change it,
with the old one), and the last active admin is never deactivated nor made something else.
Declaring what already holds is a no-op, so a replayed day that begins with the users as
they stand now goes through its own changes again unharmed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.reference import users
from cashier.ledger.reference.declarations import audit_change
from cashier.ledger.rules.errors import BadPin, InvalidReference, NotPermitted, UnknownUser
from cashier.ledger.rules.values import now
from cashier.ledger.store.models import AuditEvent, User
from cashier.ledger.store.outbox import record_op


@dataclass(frozen=True)
class UserRow:
    id: str
    name: str
    role: str
    active: bool
    locked: bool
    last_sign_in: dt.datetime | None


def _admin(session: Session, user_id: str) -> User:
    admin = users.load_user(session, user_id, what="administrator")
    if admin.role != "admin":
        raise NotPermitted(f"{user_id} is {admin.role}; only an admin manages users")
    return admin


def _anyone(session: Session, user_id: str) -> User:
    """A user of the office, active or not (a deactivated user can be reactivated)."""
    user = session.get(User, user_id)
    if user is None:
        raise UnknownUser(f"user {user_id!r} is not a user of this office")
    return user


def _other_active_admins(session: Session, user_id: str) -> int:
    return session.scalar(select(func.count()).select_from(User).where(
        User.role == "admin", User.active.is_(True), User.id != user_id)) or 0


@audit.refusals_logged("user", actor="by")
def add_user(db: Database, user_id: str, name: str, role: str, pin: str, *, by: str,
             at: dt.datetime | None = None) -> users.UserInfo:
    """A new user with the PIN the admin hands over (the office's PIN length at least)."""
    at = at or now()
    with db.write() as session:
        _admin(session, by)
        user = users.add_user(session, user_id, name, role, pin=pin, by=by, at=at)
        record_op(session, "user", at, {"id": user_id, "name": name, "role": role,
                                        "pin_hash": user.pin_hash, "by": by})
        return users.info(user)


@audit.refusals_logged("user_role", actor="by")
def change_role(db: Database, user_id: str, role: str, *, by: str,
                at: dt.datetime | None = None) -> users.UserInfo:
    at = at or now()
    if role not in users.ROLES:
        raise InvalidReference(f"role {role!r} is not one of {', '.join(users.ROLES)}")
    with db.write() as session:
        _admin(session, by)
        user = _anyone(session, user_id)
        if user.role == role:
            return users.info(user)
        if by == user_id:
            raise NotPermitted(f"{by} cannot change their own role")
        if user.role == "admin" and user.active and not _other_active_admins(session, user_id):
            raise NotPermitted(f"{user_id} is the last active admin: make another admin first")
        audit_change(session, f"user:{user_id}", "user", {"role": user.role}, {"role": role},
                     by, at)
        user.role = role
        record_op(session, "user_role", at, {"user": user_id, "role": role, "by": by})
        return users.info(user)


@audit.refusals_logged("user_active", actor="by")
def set_active(db: Database, user_id: str, active: bool, *, by: str,
               at: dt.datetime | None = None) -> users.UserInfo:
    """Deactivate (a leaver: their name stays in every record) or reactivate a user."""
    at = at or now()
    with db.write() as session:
        _admin(session, by)
        user = _anyone(session, user_id)
        if user.active == active:
            return users.info(user)
        if not active and user.role == "admin" and not _other_active_admins(session, user_id):
            raise NotPermitted(f"{user_id} is the last active admin and cannot be deactivated")
        audit_change(session, f"user:{user_id}", "user", {"active": user.active},
                     {"active": active}, by, at)
        user.active = active
        record_op(session, "user_active", at, {"user": user_id, "active": active, "by": by})
        return users.info(user)


@audit.refusals_logged("pin_reset", actor="by")
def reset_pin(db: Database, user_id: str, *, by: str, pin: str | None = None,
              pin_hash: str | None = None, at: dt.datetime | None = None) -> users.UserInfo:
    """A new PIN for someone who forgot theirs, handed over by the admin; it also lifts a
    lockout (the failures were the forgotten PIN's). Replay brings the ``pin_hash``."""
    at = at or now()
    if (pin is None) == (pin_hash is None):
        raise InvalidReference("a PIN reset needs the new pin (or, replayed, its pin_hash)")
    with db.write() as session:
        _admin(session, by)
        user = users.load_user(session, user_id)
        if by == user_id:
            raise NotPermitted(f"{by} cannot reset their own PIN: change it with the old one")
        if pin_hash is not None:
            users.check_pin_hash(pin_hash)
            if pin_hash == user.pin_hash:
                return users.info(user)
            stored = pin_hash
        else:
            stored = users.hash_pin(pin or "", minimum=users.minimum_length(session))
        audit_change(session, f"user:{user_id}", "user", {"pin": "set", "locked": user.locked},
                     {"pin": "reset", "locked": False}, by, at)
        user.pin_hash, user.locked, user.failed_attempts = stored, False, 0
        record_op(session, "pin_reset", at, {"user": user_id, "pin_hash": stored, "by": by})
        return users.info(user)


def change_own_pin(db: Database, user_id: str, old_pin: str, new_pin: str, *,
                   at: dt.datetime | None = None) -> users.UserInfo:
    """Every user changes their own PIN, proving the old one (a wrong one counts toward the
    lockout like any sign-in, C14)."""
    at = at or now()
    users.sign_in(db, user_id, old_pin, at=at)
    if new_pin == old_pin:
        raise BadPin("the new PIN must differ from the old one")
    with db.write() as session:
        user = users.load_user(session, user_id)
        _store_own_pin(session, user, users.hash_pin(new_pin,
                                                     minimum=users.minimum_length(session)), at)
        return users.info(user)


def replay_pin_change(db: Database, user_id: str, pin_hash: str, *,
                      at: dt.datetime) -> None:
    """A ``pin_change`` line: the journal carries the new hash, never a PIN."""
    users.check_pin_hash(pin_hash)
    with db.write() as session:
        user = users.load_user(session, user_id)
        if user.pin_hash != pin_hash:
            _store_own_pin(session, user, pin_hash, at)


def _store_own_pin(session: Session, user: User, stored: str, at: dt.datetime) -> None:
    audit_change(session, f"user:{user.id}", "user", {"pin": "set"}, {"pin": "changed"},
                 user.id, at)
    user.pin_hash = stored
    record_op(session, "pin_change", at, {"user": user.id, "pin_hash": stored})


def user_list(db: Database) -> list[UserRow]:
    with db.read() as session:
        last: dict[str, dt.datetime] = {}
        for event in session.scalars(select(AuditEvent).where(AuditEvent.kind == "sign_in")
                                     .order_by(AuditEvent.seq)):
            last[event.actor] = event.at
        return [UserRow(u.id, u.name, u.role, u.active, u.locked, last.get(u.id))
                for u in session.scalars(select(User).order_by(User.id))]
