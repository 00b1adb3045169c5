"""The schema: alembic revisions and the models agree on SQLite and PostgreSQL; the terminal
database runs in WAL with synchronous=FULL; audited tables are append-only at the SQL level."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from cashier.ledger.accounts.lookup import include_in_schema_compare
from cashier.ledger.database import Database, migrations_config
from cashier.ledger.rules.errors import DatabaseError
from cashier.ledger.store.models import Base

# The lookup's FTS tables and dialect-specific indexes (migration 0004) are not in the models.
COMPARE = {"include_name": include_in_schema_compare}


def test_upgrade_head_on_empty_sqlite_matches_the_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}", poolclass=NullPool)
    with engine.begin() as conn:
        command.upgrade(migrations_config(conn), "head")
        assert compare_metadata(MigrationContext.configure(conn, opts=COMPARE), Base.metadata) == []


@pytest.mark.postgres
def test_upgrade_head_on_postgresql_matches_the_models(pg_url: str) -> None:
    engine = create_engine(pg_url, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS schema_check CASCADE"))
        conn.execute(text("CREATE SCHEMA schema_check"))
        conn.execute(text("SET search_path TO schema_check"))
        command.upgrade(migrations_config(conn), "head")
        assert compare_metadata(MigrationContext.configure(conn, opts=COMPARE), Base.metadata) == []
        conn.execute(text("DROP SCHEMA schema_check CASCADE"))


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}", poolclass=NullPool)
    with engine.begin() as conn:
        cfg = migrations_config(conn)
        command.upgrade(cfg, "head")
        command.downgrade(cfg, "base")
        command.upgrade(cfg, "head")
        assert compare_metadata(MigrationContext.configure(conn, opts=COMPARE), Base.metadata) == []


def test_opened_database_is_wal_full_sync_with_foreign_keys(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_opening_migrates_an_old_file_automatically(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    Database.open(path).dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() is not None


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="not a usable cashier database"):
        Database.open(path)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE postings SET amount_cents = amount_cents + 1",
        "DELETE FROM postings",
        "UPDATE journal_entries SET memo = 'edited'",
        "DELETE FROM journal_entries",
        "DELETE FROM receipts",
        "DELETE FROM receipt_lines",
        "UPDATE receipt_tenders SET amount_cents = 1",
        "DELETE FROM audit_events",
        "UPDATE audit_events SET actor = 'someone'",
    ],
)
def test_ledger_rows_cannot_be_changed_even_with_raw_sql(db: Database, statement: str) -> None:
    from cashier.ledger.receipts.payments import post_payment
    from cashier.ledger.rules.values import CashTender, ItemSale, Payment
    post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),)))
    assert db.path is not None
    conn = sqlite3.connect(db.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only|never deleted"):
            conn.execute(statement)
    finally:
        conn.close()


def test_writes_begin_immediate_and_reads_do_not(db: Database) -> None:
    from sqlalchemy import event

    from cashier.ledger import books
    from cashier.ledger.receipts.payments import post_payment
    from cashier.ledger.rules.values import CashTender, ItemSale, Payment

    begins: list[str] = []

    def seen(statement: str) -> None:
        if statement.startswith("BEGIN"):
            begins.append(statement)

    # What SQLite itself was asked to run, whoever asked (BEGIN goes to the driver directly).
    event.listen(db.engine, "checkout",
                 lambda dbapi_conn, *_: dbapi_conn.set_trace_callback(seen))
    post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),)))
    assert begins == ["BEGIN IMMEDIATE"]
    begins.clear()
    books.account_view(db, "1000001")
    assert begins == ["BEGIN DEFERRED"]


def test_a_second_writer_waits_instead_of_interleaving(db: Database) -> None:
    """While another connection holds the write lock, a payment waits for it, then posts."""
    import threading

    from cashier.ledger.receipts.payments import post_payment
    from cashier.ledger.rules.values import CashTender, ItemSale, Payment

    assert db.path is not None
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    done = threading.Event()

    def pay() -> None:
        post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),)))
        done.set()

    worker = threading.Thread(target=pay)
    worker.start()
    assert not done.wait(0.5)  # blocked behind the other writer
    other.execute("COMMIT")
    other.close()
    worker.join(10)
    assert done.is_set()


def test_upgrading_a_terminal_with_receipts_keeps_them_and_their_guards(db: Database) -> None:
    """Migrations run on terminals full of money: rows survive and stay append-only."""
    from cashier.ledger.receipts.payments import post_payment
    from cashier.ledger.rules.values import CashTender, ItemSale, Payment

    post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),)))
    with db.engine.connect() as conn, conn.begin():
        cfg = migrations_config(conn)
        command.downgrade(cfg, "0001")
        command.upgrade(cfg, "head")
    assert db.path is not None
    conn2 = sqlite3.connect(db.path)
    try:
        assert conn2.execute("SELECT count(*) FROM receipts").fetchone() == (1,)
        assert conn2.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
            conn2.execute("DELETE FROM receipts")
    finally:
        conn2.close()


def test_schema_head_names_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    from cashier.ledger.database import SCHEMA_HEAD

    assert ScriptDirectory.from_config(migrations_config()).get_current_head() == SCHEMA_HEAD


def test_a_database_at_the_head_opens_without_alembic(db: Database, tmp_path: Path) -> None:
    """The counter's start does not pay for loading alembic and its scripts (issue #8)."""
    import subprocess
    import sys

    assert db.path is not None
    probe = ("import sys; from cashier.ledger.database import Database; "
             f"Database.open({str(db.path)!r}).dispose(); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                         text=True).stdout.strip()
    assert out == "False"
