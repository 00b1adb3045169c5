"""The audit trail is hash-chained (C15): verify finds an edited, deleted or reordered row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.reference import users
from cashier.ledger.rules.errors import BadPin


def tamper(path: Path, *statements: str) -> None:
    """What someone with the file and a SQLite shell could do: drop the guard, edit rows."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute("DROP TRIGGER audit_events_no_delete")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def trail(db: Database) -> Database:
    users.sign_in(db, "ana", "482193")
    with pytest.raises(BadPin):
        users.sign_in(db, "raj", "0000")
    users.sign_in(db, "sam", "246813")
    return db


def test_an_untouched_trail_verifies(trail: Database) -> None:
    report = audit.verify(trail)
    assert report.ok
    assert report.rows > 10


def test_an_edited_row_is_found(trail: Database) -> None:
    assert trail.path is not None
    tamper(trail.path, "UPDATE audit_events SET actor = 'sam' WHERE seq = 5")
    report = audit.verify(trail)
    assert report.first_broken == 5
    assert "edited" in report.reason


def test_a_deleted_row_is_found(trail: Database) -> None:
    assert trail.path is not None
    tamper(trail.path, "DELETE FROM audit_events WHERE seq = 4")
    report = audit.verify(trail)
    assert report.first_broken == 4
    assert "missing" in report.reason


def test_deleting_the_newest_rows_is_found(trail: Database) -> None:
    assert trail.path is not None
    last = audit.verify(trail).rows
    tamper(trail.path, f"DELETE FROM audit_events WHERE seq >= {last - 1}")
    report = audit.verify(trail)
    assert not report.ok
    assert "chain head" in report.reason


def test_swapped_rows_are_found(trail: Database) -> None:
    assert trail.path is not None
    tamper(trail.path,
           "UPDATE audit_events SET seq = -1 WHERE seq = 3",
           "UPDATE audit_events SET seq = 3 WHERE seq = 4",
           "UPDATE audit_events SET seq = 4 WHERE seq = -1")
    report = audit.verify(trail)
    assert report.first_broken == 3


def test_a_rehashed_row_still_breaks_the_next_link(trail: Database) -> None:
    """Editing a row and recomputing its own hash does not help: the next row points at it."""
    assert trail.path is not None
    with trail.read() as s:
        from cashier.ledger.store.models import AuditEvent
        row = s.get_one(AuditEvent, 5)
        forged = audit.row_hash(5, row.at.isoformat(), row.kind, "mallory", row.subject,
                                row.detail, row.prev_hash)
    tamper(trail.path, f"UPDATE audit_events SET actor = 'mallory', hash = '{forged}' "
                       "WHERE seq = 5")
    assert audit.verify(trail).first_broken == 6
