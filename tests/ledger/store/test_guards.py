"""SPEC §11: receipts and the outbox change only the one way the program changes them, and a
guard trigger dropped outside the program is noticed at start and in verify, and nothing
more is posted while it is gone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from cashier.cli.main import main
from cashier.ledger.audit import trail as audit
from cashier.ledger.backup.check import verify as backup_verify
from cashier.ledger.database import Database, migrations_config
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.values import CashTender, ItemSale, Payment
from cashier.ledger.store import guards


def pay(db: Database) -> str:
    return post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),))).number


def raw(db: Database, statement: str) -> None:
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    try:
        with conn:
            conn.execute(statement)
    finally:
        conn.close()


def test_a_new_database_has_every_guard(db: Database) -> None:
    assert db.missing_guards == ()
    with db.read() as session:
        assert guards.expected("sqlite") <= guards.present(session.connection())


@pytest.mark.postgres
def test_a_new_central_has_every_guard(pg_url: str) -> None:
    from alembic import command

    engine = create_engine(pg_url, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS guard_check CASCADE"))
        conn.execute(text("CREATE SCHEMA guard_check"))
        conn.execute(text("SET search_path TO guard_check"))
        command.upgrade(migrations_config(conn), "head")
        assert guards.missing(conn) == ()
        conn.execute(text("DROP SCHEMA guard_check CASCADE"))
    engine.dispose()


@pytest.mark.parametrize("statement", [
    "UPDATE receipts SET total_cents = 1",
    "UPDATE receipts SET drawer = 'D2'",
    "UPDATE receipts SET number = 'T01-999999'",
    "UPDATE receipts SET void_reason = 'quietly'",  # void fields without the void
    "UPDATE receipts SET status = 'void'",  # a void without who, why and its approver
    "UPDATE operations SET body = '{}'",
    "UPDATE operations SET op = 'no_sale'",
])
def test_receipts_and_operations_are_not_rewritten(db: Database, statement: str) -> None:
    pay(db)
    with pytest.raises(sqlite3.IntegrityError, match="C1: a receipt changes only by its void|"
                                                     "C2: an operation is never rewritten"):
        raw(db, statement)


def test_the_void_and_the_sync_mark_still_go_through_once(db: Database) -> None:
    number = pay(db)
    void_receipt(db, number, cashier="ana", approver="sam", reason="wrong item")
    with pytest.raises(sqlite3.IntegrityError, match="C1"):
        raw(db, "UPDATE receipts SET void_reason = 'something else'")  # a void is final
    raw(db, "UPDATE operations SET sent_at = '2026-11-23T09:00:00-07:00'")
    with pytest.raises(sqlite3.IntegrityError, match="C2"):
        raw(db, "UPDATE operations SET sent_at = '2026-11-24T09:00:00-07:00'")


def test_a_dropped_guard_is_noticed_and_nothing_more_is_posted(
        db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pay(db)
    raw(db, "DROP TRIGGER receipts_void_only")
    raw(db, "UPDATE receipts SET total_cents = 1")  # what the dropped trigger stood for
    db.dispose()
    with Database.open(db_path) as reopened:
        assert reopened.missing_guards == ("receipts_void_only",)
        with reopened.read() as session:
            before = session.execute(text("SELECT count(*) FROM operations")).scalar()
        with pytest.raises(guards.GuardMissing, match="receipts_void_only"):
            pay(reopened)
        with reopened.read() as session:
            assert session.execute(text("SELECT count(*) FROM operations")).scalar() == before
        report = audit.verify(reopened)
        assert not report.ok and report.missing_guards == ("receipts_void_only",)
    assert main(["--db", str(db_path), "audit", "verify"]) == 1
    assert "GUARD TRIGGERS MISSING: receipts_void_only" in capsys.readouterr().out
    assert any("receipts_void_only" in p for p in backup_verify(db_path).problems)
