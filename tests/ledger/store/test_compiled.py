"""Statements run on SQLite's own cursor (ledger/store/compiled.py) write and read exactly what
SQLAlchemy would have, fail the way SQLAlchemy fails, and only inside a transaction."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, cast

import pytest
import sqlalchemy.exc
from sqlalchemy import Table, bindparam, insert, select, text

from cashier.ledger.database import Database
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Payment,
)
from cashier.ledger.store import compiled as statements
from cashier.ledger.store.compiled import Statement
from cashier.ledger.store.models import Charge, Receipt
from tests.conftest import AT, open_drawers, seed_office
from tests.ledger.receipts.test_payments import GOOD_ROUTING

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
RECEIPTS = cast(Table, Receipt.__table__)
CHARGES = cast(Table, Charge.__table__)


def _a_morning(db: Database) -> None:
    """Every kind of line and tender, credit and change, an arrangement-free account."""
    at = AT
    for payment in [
        Payment("D1", "ana", (AccountPayment("1000001", 9000), ItemSale("BLDP", 1, "P-7", 9000),
                              AccountPayment("1000002", 7000), ItemSale("TRNS", 2)),
                (CheckTender(9000, "1042", GOOD_ROUTING, "000123456789"),
                 CardTender(9000, "visa", "4242", "A1B2", "REF-9"),
                 MoneyOrderTender(9000, "MO-1"), CashTender(11000)), at),
        Payment("D2", "raj", (AccountPayment("1000003", 2500),), (CashTender(3000),),
                at + dt.timedelta(minutes=3)),
        Payment("D1", "ana", (ItemSale("DOGA", 3), AccountPayment("1000001", 100)),
                (CashTender(6100),), at + dt.timedelta(minutes=9)),
    ]:
        post_payment(db, payment)


def _every_row(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but the audit trail (its chain hashes the operations' random uuids), and
    every column but those uuids."""
    with db.read() as session:
        conn = session.connection()
        names = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'account_search%' AND name NOT LIKE 'audit_%'")]
        rows = {}
        for name in sorted(names):
            columns = [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{name}")')
                       if r[1] != "uuid"]
            listed = ", ".join(f'"{c}"' for c in columns)
            rows[name] = sorted((tuple(_UUID.sub("uuid", v) if isinstance(v, str) else v
                                       for v in row)
                                 for row in conn.exec_driver_sql(f'SELECT {listed} FROM "{name}"')),
                                key=repr)
        return rows


def test_the_cursor_writes_the_rows_sqlalchemy_writes(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tables = []
    for on_cursor in (True, False):
        monkeypatch.setattr(statements, "ON_SQLITE_CURSOR", on_cursor)
        db = Database.open(tmp_path / f"{on_cursor}.sqlite3")
        seed_office(db)
        open_drawers(db)
        _a_morning(db)
        tables.append(_every_row(db))
        db.dispose()
    on_cursor_rows, sqlalchemy_rows = tables
    assert on_cursor_rows["receipts"] and on_cursor_rows["charge_applications"]
    assert on_cursor_rows == sqlalchemy_rows


def test_values_are_converted_both_ways_by_the_column_types(db: Database) -> None:
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000001", 500),),
                             (CashTender(500),), AT))
    taken = Statement(select(RECEIPTS.c.taken_at, RECEIPTS.c.business_date, RECEIPTS.c.offline)
                      .where(RECEIPTS.c.taken_at == bindparam("at")))
    with db.read() as session:
        row = taken.first(session.connection(), {"at": AT})
    assert row is not None
    assert (row.taken_at, row.business_date, row.offline) == (AT, AT.date(), False)
    assert row.taken_at.utcoffset() == dt.timedelta(hours=-7)


def test_scalar_column_defaults_are_filled_in(db: Database) -> None:
    """receipts.status and change_cents have Python-side defaults, not server ones."""
    write = Statement(insert(RECEIPTS).returning(RECEIPTS.c.status, RECEIPTS.c.change_cents))
    with db.write() as session:
        row = write.first(session.connection(), {
            "number": "T09-000001", "terminal": "T01", "seq": 90_001, "drawer": "D1",
            "cashier": "ana", "taken_at": AT, "business_date": AT.date(), "total_cents": 1})
        session.rollback()
    assert row is not None and (row.status, row.change_cents) == ("completed", 0)


def test_a_driver_error_is_raised_as_sqlalchemy_raises_it_and_names_no_value(
        db: Database) -> None:
    overpay = Statement(CHARGES.update().where(CHARGES.c.id == bindparam("charge"))
                        .values(paid_cents=CHARGES.c.amount_cents + bindparam("extra")))
    with db.write() as session, pytest.raises(sqlalchemy.exc.IntegrityError) as raised:
        overpay.run(session.connection(), [{"charge": 1, "extra": 987_654}])
    assert "987654" not in str(raised.value)


def test_only_inside_a_transaction(db: Database) -> None:
    count = Statement(select(RECEIPTS.c.id))
    with db.engine.connect() as conn:
        with pytest.raises(RuntimeError, match="inside a transaction"):
            count.rows(conn)
        conn.execute(text("SELECT 1"))  # SQLAlchemy begins, and so BEGIN IMMEDIATE is issued
        assert count.rows(conn) == []


def test_a_callable_default_is_refused_at_compile_time(db: Database) -> None:
    from sqlalchemy import Column, Integer, MetaData, String, Table

    table = Table("scratch", MetaData(), Column("id", Integer, primary_key=True),
                  Column("made", String, default=lambda: "now"))
    with db.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("CREATE TEMP TABLE scratch (id INTEGER PRIMARY KEY, made TEXT)")
        with pytest.raises(ValueError, match="column made: only scalar defaults"):
            Statement(insert(table)).run(conn, {"id": 1})


def test_rows_naming_different_columns_each_keep_their_values(db: Database) -> None:
    """An executemany compiled from the first row alone would drop the second's item code
    (a column with no default, so not in that INSERT at all)."""
    from cashier.ledger.store.models import ReceiptLine

    lines = cast(Table, ReceiptLine.__table__)
    posted = post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),),
                                      AT))
    write = Statement(insert(lines))
    with db.write() as session:
        conn = session.connection()
        receipt_id = conn.execute(select(RECEIPTS.c.id).where(
            RECEIPTS.c.number == posted.number)).scalar_one()
        base = {"receipt_id": receipt_id, "kind": "item", "amount_cents": 0}
        write.run(conn, [{**base, "seq": 8}, {**base, "seq": 9, "item_code": "DOGA"}])
        got = conn.execute(select(lines.c.seq, lines.c.item_code).where(
            lines.c.receipt_id == receipt_id, lines.c.seq > 7).order_by(lines.c.seq)).all()
        session.rollback()
    assert [tuple(r) for r in got] == [(8, None), (9, "DOGA")]
