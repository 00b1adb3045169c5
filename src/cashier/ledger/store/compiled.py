"""Core statements of the hot paths, run on SQLite's own cursor.

SQLAlchemy spends some 20 µs of Python on each statement it executes (parameters, cursor,
result rows), plain ``sqlite3`` about 3 µs; a payment runs some twenty statements, which kept
posting at 3.6× a raw insert of the same rows (docs/performance.md, "Payment posting").

A ``Statement`` wraps a Core statement built once. On SQLite it is compiled once (per set
of inserted columns) to SQL text with named parameters and run on the DB-API cursor of the
caller's connection, so in the caller's transaction; the column types' own bind and result
processors still convert each value, and scalar column defaults are filled in, so the rows
written and read are the ones SQLAlchemy would have written and read
(tests/ledger/store/test_compiled.py compares the two on every statement of the payment path).
On any other database (central's PostgreSQL) SQLAlchemy executes it as before.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.dml import Insert, UpdateBase

_SQLITE = SQLiteDialect_pysqlite(paramstyle="named")
# Off only in the test that compares the two ways of running each statement.
ON_SQLITE_CURSOR = True
Params = Mapping[str, Any]
Convert = Callable[[Any], Any]


class _Compiled(NamedTuple):
    sql: str
    defaults: dict[str, Any]  # literal binds and scalar column defaults
    converters: tuple[tuple[str, Convert], ...]


class Statement:
    """One Core statement; ``rows``/``first``/``scalar`` for what it returns, ``run`` for a
    write of one or many parameter sets."""

    def __init__(self, statement: Select[Any] | UpdateBase) -> None:
        self.statement = statement
        self._inserts = isinstance(statement, Insert)
        self._compiled: dict[frozenset[str], _Compiled] = {}
        columns = (statement.selected_columns if isinstance(statement, Select)
                   else statement.exported_columns)
        self._row: Any = namedtuple("Row", [c.key for c in columns])  # type: ignore[misc]
        self._results: tuple[tuple[int, Convert], ...] = tuple(
            (n, convert) for n, column in enumerate(columns)
            if (convert := column.type.dialect_impl(_SQLITE).result_processor(
                _SQLITE, None)) is not None)

    def rows(self, conn: Connection, params: Params | None = None) -> list[Any]:
        if not _on_cursor(conn):
            return list(conn.execute(self.statement, dict(params or {})).all())
        cursor = self._execute(conn, params or {})
        return [self._convert(raw) for raw in cursor.fetchall()]

    def first(self, conn: Connection, params: Params | None = None) -> Any:
        rows = self.rows(conn, params)
        return rows[0] if rows else None

    def scalar(self, conn: Connection, params: Params | None = None) -> Any:
        """The first column of the one row the statement returns."""
        rows = self.rows(conn, params)
        if len(rows) != 1:
            raise LookupError(f"expected one row, got {len(rows)}: {self.statement}")
        return rows[0][0]

    def run(self, conn: Connection, params: Params | Sequence[Params]) -> None:
        sqlite = _on_cursor(conn)
        if isinstance(params, Mapping):
            if sqlite:
                self._execute(conn, params)
            else:
                conn.execute(self.statement, dict(params))
            return
        batch = [dict(p) for p in params]
        if not batch:
            return
        if not sqlite:
            conn.execute(self.statement, batch)
            return
        if self._inserts and any(p.keys() != batch[0].keys() for p in batch[1:]):
            # Rows naming different columns need different INSERTs; one compiled from the
            # first row would silently drop the others' extra columns.
            for p in batch:
                self._execute(conn, p)
            return
        compiled = self._compile(batch[0])
        values = [_bind(compiled, p) for p in batch]
        try:
            _driver(conn).cursor().executemany(compiled.sql, values)
        except sqlite3.Error as exc:
            raise driver_error(compiled.sql, values, exc) from exc

    def _execute(self, conn: Connection, params: Params) -> Any:
        compiled = self._compile(params)
        values = _bind(compiled, params)
        try:
            return _driver(conn).cursor().execute(compiled.sql, values)
        except sqlite3.Error as exc:
            raise driver_error(compiled.sql, values, exc) from exc

    def _convert(self, raw: tuple[Any, ...]) -> Any:
        if self._results:
            values = list(raw)
            for n, convert in self._results:
                values[n] = convert(values[n])
            raw = tuple(values)
        return self._row._make(raw)

    def _compile(self, params: Params) -> _Compiled:
        keys = frozenset(params) if self._inserts else frozenset()
        found = self._compiled.get(keys)
        if found is None:
            found = self._compiled[keys] = _compile(self.statement, keys if self._inserts
                                                    else None)
        return found


def _compile(statement: Select[Any] | UpdateBase, column_keys: frozenset[str] | None) -> _Compiled:
    compiled = statement.compile(dialect=_SQLITE, column_keys=sorted(column_keys)
                                 if column_keys is not None else None)
    defaults: dict[str, Any] = {}
    converters: list[tuple[str, Convert]] = []
    for bind, name in compiled.bind_names.items():
        if bind.expanding:
            raise ValueError(f"{name}: an IN list is not supported on SQLite's cursor")
        if bind.value is not None or not bind.required:
            defaults[name] = bind.effective_value
        convert = bind.type.dialect_impl(_SQLITE).bind_processor(_SQLITE)
        if convert is not None:
            converters.append((name, convert))
    prefetch = [(column, column.default) for column in compiled.insert_prefetch] + [
        (column, column.onupdate) for column in compiled.update_prefetch]
    for column, default in prefetch:
        if default is None or not default.is_scalar:
            raise ValueError(f"column {column.key}: only scalar defaults can be filled in "
                             "on SQLite's cursor; give the value")
        defaults[column.key] = default.arg  # type: ignore[attr-defined]
    return _Compiled(str(compiled), defaults, tuple(converters))


def _bind(compiled: _Compiled, params: Params) -> dict[str, Any]:
    values = {**compiled.defaults, **params}
    for name, convert in compiled.converters:
        values[name] = convert(values[name])
    return values


def _on_cursor(conn: Connection) -> bool:
    return ON_SQLITE_CURSOR and conn.dialect.name == "sqlite"


def _driver(conn: Connection) -> Any:
    """The caller's sqlite3 connection, inside the transaction SQLAlchemy began on it."""
    if not conn.in_transaction():
        # Only SQLAlchemy's begin issues BEGIN IMMEDIATE (database.py); a statement run on
        # the cursor first would run outside any transaction.
        raise RuntimeError("a Statement runs inside a transaction the connection has begun")
    return conn.connection.driver_connection


def driver_error(sql: str, params: Params | list[dict[str, Any]] | None,
                 exc: sqlite3.Error) -> Exception:
    """The driver's error as SQLAlchemy raises it, so callers catch one kind either way
    (a duplicate operation, a CHECK, a full disk: database.py names them). The values stay
    out of the message, as tender details must."""
    return DBAPIError.instance(sql, params, exc, sqlite3.Error, hide_parameters=True,
                               dialect=_SQLITE, ismulti=isinstance(params, list))
