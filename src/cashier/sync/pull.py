"""Pulling reference data from central: what changed since this terminal last asked.

Central stamps every insert and update of reference data with one change counter, committed
in counter order (migration 0006), so "rows above my cursor" is exact and a terminal that was
away for a week catches up with the same query as one that asked a minute ago.

Two groups with their own cursors:

* the catalogue — GL accounts, services, items with their GL splits, users, terminals,
  drawers — is taken whenever central answers;
* accounts — balances, charges, and the other terminals' payments on them — is taken only
  when central has applied every operation this terminal has written. Until then, central's
  balance would not yet include this terminal's own payments, and taking it would make an
  account the customer just paid look unpaid again.

Everything is read in one repeatable-read snapshot of central and written in one terminal
transaction, so a pull lands whole or not at all.

Accounts and charges come by the million when a terminal joins: they go from psycopg's
server-side cursor to sqlite3's ``executemany`` as plain tuples, without SQLAlchemy's per-row
work. Into an empty table (a first pull) they are plain inserts, and the table's secondary
indexes and the lookup's full-text index are built once at the end, rather than row by row
(``docs/performance.md``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy.exc
from sqlalchemy import Connection, Date, Engine, Table, and_, delete, func, literal, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cashier.ledger.database import Database
from cashier.ledger.store.models import (
    Account,
    Base,
    Charge,
    Drawer,
    GLAccount,
    Item,
    ItemSplit,
    Operation,
    Receipt,
    ReceiptLine,
    RemotePayment,
    Service,
    SyncTerminal,
    Terminal,
    User,
)
from cashier.sync import state
from cashier.sync.link import unreachable

CHUNK = 5_000

# Columns the terminal keeps for itself: sign-in failures and locks happen at this counter,
# and this terminal's receipt numbering is its own (taken from central only when first seen).
KEEP_LOCAL = {"users": ("failed_attempts", "locked"), "terminals": ("last_receipt_seq",)}
CATALOG: Sequence[type[Base]] = (GLAccount, Service, Item, User, Terminal, Drawer)
ACCOUNTS: Sequence[type[Base]] = (Account, Charge)
SEARCH_TRIGGERS = "account_search_%"  # migration 0004's, keeping the lookup index in step


@dataclass
class PullResult:
    rows: dict[str, int] = field(default_factory=dict)
    accounts_deferred: bool = False  # central has not applied all of this terminal's ops yet


def pull(db: Database, central: Engine, terminal: str, *, chunk: int = CHUNK) -> PullResult:
    try:
        with central.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                conn.execute(func.set_config("transaction_read_only", "on", True).select())
                return _pull(db, conn, terminal, chunk)
    except sqlalchemy.exc.OperationalError as exc:
        raise unreachable(str(central.url), exc) from None


def _pull(db: Database, conn: Connection, terminal: str, chunk: int) -> PullResult:
    result = PullResult()
    applied = conn.scalar(select(SyncTerminal.applied_seq)
                          .where(SyncTerminal.terminal == terminal)) or 0
    with db.write() as session:
        cur = state.cursor(session, state.CATALOG_CURSOR)
        top = cur
        for model in CATALOG:
            top = max(top, _copy(session, conn, _table(model), cur, chunk, result))
        state.put(session, state.CATALOG_CURSOR, str(top))
        written = session.scalar(select(func.max(Operation.seq))) or 0
        if written > applied:
            result.accounts_deferred = True
            return result
        cur = state.cursor(session, state.ACCOUNTS_CURSOR)
        top = cur
        for model in ACCOUNTS:
            top = max(top, _copy(session, conn, _table(model), cur, chunk, result))
        top = max(top, _remote_payments(session, conn, terminal, cur, chunk, result))
        state.put(session, state.ACCOUNTS_CURSOR, str(top))
    return result


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


def _changed(conn: Connection, table: Table, cursor: int, chunk: int,
             columns: Sequence[Any] | None = None) -> Iterator[Sequence[Any]]:
    query = (select(*(columns or table.columns)).where(table.c.change_no > cursor)
             .order_by(table.c.change_no))
    rows = conn.execution_options(stream_results=True, yield_per=chunk).execute(query)
    yield from rows.partitions()


def _copy(session: Session, conn: Connection, table: Table, cursor: int, chunk: int,
          result: PullResult) -> int:
    """Upsert ``table``'s changed rows; returns the highest change number seen."""
    if table.name in ("accounts", "charges"):
        return _copy_bulk(session, conn, table, cursor, chunk, result)
    keep = KEEP_LOCAL.get(table.name, ())
    names = [c.name for c in table.columns]
    keys = [c.name for c in table.primary_key.columns]
    stmt = sqlite_insert(table)
    if table.name == "terminals":
        stmt = stmt.on_conflict_do_nothing(index_elements=keys)
    else:
        stmt = stmt.on_conflict_do_update(
            index_elements=keys,
            set_={n: stmt.excluded[n] for n in names if n not in keys and n not in keep})
    top = cursor
    for part in _changed(conn, table, cursor, chunk):
        rows = [dict(zip(names, row, strict=True)) for row in part]
        session.execute(stmt, rows)
        top = max(top, max(r["change_no"] for r in rows))
        result.rows[table.name] = result.rows.get(table.name, 0) + len(rows)
        if table.name == "items":
            _item_splits(session, conn, [r["code"] for r in rows])
    return top


def _copy_bulk(session: Session, conn: Connection, table: Table, cursor: int, chunk: int,
               result: PullResult) -> int:
    """``_copy`` for accounts and charges: driver to driver, plain inserts into an empty table.

    Their columns are text, integers, booleans and a date, which PostgreSQL hands over as
    'YYYY-MM-DD' text, the form SQLAlchemy keeps dates in on SQLite."""
    names = [c.name for c in table.columns]
    keys = [c.name for c in table.primary_key.columns]
    empty = session.scalar(select(literal(1)).select_from(table).limit(1)) is None
    stmt = sqlite_insert(table)
    if not empty:
        stmt = stmt.on_conflict_do_update(
            index_elements=keys, set_={n: stmt.excluded[n] for n in names if n not in keys})
    compiled = stmt.compile(dialect=session.get_bind().dialect)
    assert list(compiled.positiontup or ()) == names, compiled.positiontup
    query = (select(*(func.to_char(c, "YYYY-MM-DD").label(c.name) if isinstance(c.type, Date)
                      else c for c in table.columns))
             .where(table.c.change_no > cursor).order_by(table.c.change_no))
    text = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    lite = session.connection().connection.driver_connection
    pg = conn.connection.driver_connection
    assert lite is not None and pg is not None
    deferred = _defer_indexes(lite, table.name) if empty else None
    top, change = cursor, names.index("change_no")
    try:
        with pg.cursor(name=f"pull_{table.name}") as rows:
            rows.execute(text)
            while part := rows.fetchmany(chunk):
                lite.executemany(str(compiled), part)
                top = max(top, part[-1][change])  # in change order
                result.rows[table.name] = result.rows.get(table.name, 0) + len(part)
    except Exception as exc:
        import psycopg

        if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
            raise sqlalchemy.exc.OperationalError(text, None, exc) from exc  # for pull()
        raise
    if deferred is not None:
        _build_indexes(lite, *deferred)
    return top


def _defer_indexes(lite: Any, table: str) -> tuple[list[str], list[str]]:
    """Drop the secondary indexes of empty ``table`` and, for accounts, the lookup index's
    triggers (migration 0004), so that they are built once after the bulk insert; returns
    their SQL (indexes, triggers). Inside the pull's transaction, like everything else."""
    indexes = lite.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                           "AND tbl_name = ? AND sql IS NOT NULL", (table,)).fetchall()
    triggers = []
    if table == "accounts" and lite.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'account_search_keys'").fetchone() \
            and not lite.execute("SELECT 1 FROM account_search_keys").fetchone():
        triggers = lite.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND tbl_name = 'accounts' AND name LIKE ?",
                                (SEARCH_TRIGGERS,)).fetchall()
    for kind, objects in (("INDEX", indexes), ("TRIGGER", triggers)):
        for name, _ in objects:
            lite.execute(f'DROP {kind} "{name}"')
    return [sql for _, sql in indexes], [sql for _, sql in triggers]


def _build_indexes(lite: Any, indexes: list[str], triggers: list[str]) -> None:
    for sql in indexes:
        lite.execute(sql)
    if triggers:  # index every account at once, as migration 0004 does (keys in number order)
        lite.execute("INSERT INTO account_search_keys (number) SELECT number FROM accounts "
                     "ORDER BY number")
        lite.execute("INSERT INTO account_search (rowid, name, address) "
                     "SELECT k.id, a.name, a.address FROM account_search_keys k "
                     "JOIN accounts a ON a.number = k.number")
        for sql in triggers:
            lite.execute(sql)


def _item_splits(session: Session, conn: Connection, codes: list[str]) -> None:
    # An item's splits are replaced as a whole at central, so they are copied as a whole.
    splits = _table(ItemSplit)
    session.execute(delete(splits).where(splits.c.item_code.in_(codes)))
    names = [c.name for c in splits.columns]
    rows = [dict(zip(names, r, strict=True))
            for r in conn.execute(select(splits).where(splits.c.item_code.in_(codes)))]
    if rows:
        session.execute(sqlite_insert(splits), rows)


def _remote_payments(session: Session, conn: Connection, terminal: str, cursor: int,
                     chunk: int, result: PullResult) -> int:
    """Other terminals' account payments that are new or changed (voided) since ``cursor``."""
    receipts, lines = _table(Receipt), _table(ReceiptLine)
    query = (select(receipts.c.number, lines.c.account_number, receipts.c.taken_at,
                    func.sum(lines.c.amount_cents), receipts.c.status,
                    receipts.c.change_no)
             .join(lines, lines.c.receipt_id == receipts.c.id)
             .where(and_(receipts.c.change_no > cursor, receipts.c.terminal != terminal,
                         lines.c.account_number.is_not(None)))
             .group_by(receipts.c.number, lines.c.account_number, receipts.c.taken_at,
                       receipts.c.status, receipts.c.change_no)
             .order_by(receipts.c.change_no))
    table = _table(RemotePayment)
    stmt = sqlite_insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["receipt_number", "account_number"],
        set_={"status": stmt.excluded.status, "amount_cents": stmt.excluded.amount_cents})
    top = cursor
    for part in conn.execution_options(stream_results=True, yield_per=chunk).execute(query) \
            .partitions():
        # PostgreSQL sums BIGINT to NUMERIC; cents are whole, so int() is exact.
        rows = [{"receipt_number": n, "account_number": a, "taken_at": t,
                 "amount_cents": int(c), "status": s} for n, a, t, c, s, _ in part]
        session.execute(stmt, rows)
        top = max(top, max(r[5] for r in part))
        result.rows["remote_payments"] = result.rows.get("remote_payments", 0) + len(rows)
    return top
