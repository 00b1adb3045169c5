"""Opening a terminal database: SQLite in WAL with synchronous=FULL, migrated on open.

Writes run in ``BEGIN IMMEDIATE`` transactions so that two writers never interleave and a
writer never fails half-way with SQLITE_BUSY on upgrade from a read lock. Reads use the default
deferred transactions so that lookups never wait for a payment being posted.

Connections are pooled and stay open until ``Database.dispose``. Opening one per transaction
cost about a fifth of a payment (connect, pragmas, schema parse) and, when it was the only
connection, a WAL checkpoint on every close (docs/performance.md, "Payment posting"). The WAL
is still checkpointed: by SQLite's automatic checkpoint on commit once it passes
``WAL_AUTOCHECKPOINT_PAGES``, and in full when the last connection closes on dispose.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy.exc
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool, QueuePool

from cashier.ledger.rules.errors import (
    DatabaseError,
    DatabaseLocked,
    DiskFull,
    ReadOnlyDatabase,
    StorageError,
    UnstorableText,
)
from cashier.ledger.store import guards
from cashier.ledger.store.compiled import driver_error
from cashier.ledger.store.gl import ensure_system_accounts
from cashier.ledger.store.private_files import create_private, make_private

if TYPE_CHECKING:
    from alembic.config import Config

BUSY_TIMEOUT_MS = 10_000
# SQLite's own default, set explicitly so that a build compiled with another default (or with
# automatic checkpoints off) cannot leave the WAL growing for as long as the program runs.
WAL_AUTOCHECKPOINT_PAGES = 1000
# Each pooled connection keeps up to this many KiB of pages (SQLite's default is 2,000 KiB).
# A payment reads one account and its charges out of a million; with the default, the
# B-trees' inner pages were pushed out by every payment's own writes and each read went back
# to the file: 150 µs of a 2 ms payment, against 60 µs with 64 MiB (docs/performance.md).
CACHE_KIB = 65_536
# Kept open: the window's thread, the lookup worker and a device or sync job at once. More
# connections are opened when needed (nested reads inside a write, bursts) and closed again
# when given back, so a busy moment never waits on the pool.
POOL_SIZE = 3
POOL_OVERFLOW = 10
# The newest migration. A database already there opens without loading alembic and its
# scripts (0.13 s of the counter's start); tests/ledger/store/test_schema.py checks it is the head.
SCHEMA_HEAD = "0010"


def default_db_path() -> Path:
    """``CASHIER_DB`` if set, else ``cashier.sqlite3`` in the user's data directory."""
    env = os.environ.get("CASHIER_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("cashier", appauthor=False)) / "cashier.sqlite3"


def migrations_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An alembic ``Config`` pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    location = resources.files("cashier.migrations")
    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(connection: Connection) -> None:
    """Bring the schema on ``connection`` to the newest revision (no-op when already there)."""
    if inspect(connection).has_table("alembic_version") and connection.exec_driver_sql(
            "SELECT version_num FROM alembic_version").scalar() == SCHEMA_HEAD:
        return
    from alembic import command

    command.upgrade(migrations_config(connection), "head")


def _on_sqlite_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so we can choose IMMEDIATE.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.close()
    if mode is not None and str(mode[0]).lower() not in ("wal", "memory"):
        raise DatabaseError(f"could not put the database in WAL mode (got {mode[0]})")


def _on_sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    statement = f"BEGIN {mode}"
    # On the driver's cursor: through exec_driver_sql it cost a twentieth of a payment.
    try:
        conn.connection.driver_connection.execute(statement)  # type: ignore[union-attr]
    except sqlite3.Error as exc:  # raised as SQLAlchemy would have (a busy file, a full disk)
        raise driver_error(statement, None, exc) from exc


def sqlite_engine(path: Path) -> Engine:
    # pysqlite connections of a file database may be handed between threads (SQLAlchemy turns
    # off check_same_thread for a pool); the pool gives each to one thread at a time.
    engine = create_engine(f"sqlite:///{path}", poolclass=QueuePool, pool_size=POOL_SIZE,
                           max_overflow=POOL_OVERFLOW)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def storage_fault(exc: sqlalchemy.exc.OperationalError, path: Path | None
                  ) -> StorageError | None:
    """The person-readable error for SQLite failing on the file itself (full disk, read-only
    file, another program's lock), or None for any other error, which stays as it is."""
    text = str(exc.orig).lower()
    where = str(path) if path is not None else "the database"
    if "database or disk is full" in text:
        return DiskFull(f"{where}: the disk (or the database's size limit) is full; the "
                        "operation was not saved and nothing already posted was lost. Free some "
                        "space and try again")
    if "readonly database" in text:
        return ReadOnlyDatabase(f"{where} is read-only (file or folder permissions, or a "
                                "read-only disk); the operation was not saved")
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLocked(f"{where} is locked: another program kept it busy for more than "
                              f"{BUSY_TIMEOUT_MS / 1000:g} s; the operation was not saved. "
                              "Try again, or close the other program")
    if "disk i/o error" in text or "unable to open database file" in text:
        return StorageError(f"{where} could not be read or written ({exc.orig}); the operation "
                            "was not saved")
    return None


def unstorable(exc: UnicodeEncodeError) -> UnstorableText:
    """The refusal for text SQLite cannot be sent: the transaction has rolled back whole."""
    bad = str(exc.object[exc.start:exc.end]).encode("unicode_escape").decode("ascii")
    return UnstorableText(f"the text holds {bad}, half of a UTF-16 surrogate pair and not a "
                          "character; nothing was saved, retype it")


_joined: ContextVar[Session | None] = ContextVar("joined", default=None)


@contextmanager
def joined(session: Session) -> Iterator[None]:
    """Run service functions inside ``session``'s transaction (see ``Database.write``)."""
    token = _joined.set(session)
    try:
        yield
    finally:
        _joined.reset(token)


class Database:
    """A cashier database: where every service function reads and writes.

    ``write()`` gives a session inside one ``BEGIN IMMEDIATE`` transaction that commits when
    the block ends and rolls back on any exception, so a refused operation writes nothing.
    """

    def __init__(self, engine: Engine, path: Path | None = None,
                 missing_guards: tuple[str, ...] = ()) -> None:
        self.engine = engine
        self.path = path
        # Read when the database is opened (SPEC §11): while one is missing, nothing posts.
        self.missing_guards = missing_guards

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Database:
        path = Path(path)
        if not path.exists():
            if not create:
                raise DatabaseError(f"no database at {path}")
            path.parent.mkdir(parents=True, exist_ok=True)
            create_private(path)  # before SQLite makes the WAL, which takes its permissions
        else:
            make_private(path)
        engine = sqlite_engine(path)
        try:
            with engine.connect() as conn:
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
                with conn.begin():
                    upgrade(conn)
                    with Session(bind=conn) as session:
                        ensure_system_accounts(session)
                    dropped = guards.missing(conn)
        except BaseException as exc:
            # No Database will own the pool, so close what it opened here and now.
            engine.dispose()
            fault = (storage_fault(exc, path)
                     if isinstance(exc, sqlalchemy.exc.OperationalError) else None)
            if fault is not None:
                raise fault from exc
            if isinstance(exc, sqlalchemy.exc.DatabaseError):
                raise DatabaseError(
                    f"{path} is not a usable cashier database: {exc.orig}") from exc
            raise
        return cls(engine, path, dropped)

    @classmethod
    def open_url(cls, url: str) -> Database:
        """Open a server database (PostgreSQL) by URL and migrate it."""
        engine = create_engine(url, poolclass=NullPool)
        with engine.begin() as conn:
            upgrade(conn)
            with Session(bind=conn) as session:
                ensure_system_accounts(session)
            dropped = guards.missing(conn)
        return cls(engine, missing_guards=dropped)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits when the block ends, rolls back on any exception.

        Inside ``joined(session)`` on the same database it is a savepoint of that session's
        transaction instead, so central can apply a batch of operations in one transaction
        while a refused operation still rolls back alone.
        """
        outer = _joined.get()
        if outer is not None and outer.get_bind().engine is self.engine:
            with outer.begin_nested():
                yield outer
                outer.flush()
            return
        with self._named_faults(), self.engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin(), Session(bind=conn, expire_on_commit=False) as session:
                session.info["missing_guards"] = self.missing_guards
                yield session
                session.flush()

    @contextmanager
    def read(self) -> Iterator[Session]:
        outer = _joined.get()
        if outer is not None and outer.get_bind().engine is self.engine:
            # A read inside a joined batch must see the batch's own uncommitted writes.
            outer.flush()
            yield outer
            return
        with (self._named_faults(), self.engine.connect() as conn, conn.begin(),
              Session(bind=conn) as session):
            yield session

    @contextmanager
    def _named_faults(self) -> Iterator[None]:
        """Driver errors raised by BEGIN, any statement of a block or its COMMIT, as the
        ledger's own: the transaction has been rolled back by then, so the caller learns what
        was wrong and that no part of the operation was kept, not a driver traceback."""
        try:
            yield
        except UnicodeEncodeError as exc:
            raise unstorable(exc) from None
        except sqlalchemy.exc.OperationalError as exc:
            fault = storage_fault(exc, self.path)
            if fault is None:
                raise
            raise fault from exc

    def dispose(self) -> None:
        """Close every pooled connection; the last to close checkpoints the WAL into the file.

        A session still open elsewhere keeps its connection until it ends, then closes it."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.dispose()
