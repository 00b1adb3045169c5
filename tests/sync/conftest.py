"""A central PostgreSQL database per test (a new database on the session's server), seeded
with the small office, and terminals that join it with their own SQLite files."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from cashier.ledger.database import Database
from cashier.sync.join import join
from tests.conftest import seed_office


@contextmanager
def new_database(pg_url: str) -> Iterator[str]:
    """An empty database on the test server, dropped afterwards; yields its URL."""
    name = f"central_{uuid.uuid4().hex[:12]}"
    admin_url = make_url(pg_url).set(database="postgres")
    admin = create_engine(admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def fresh_central(pg_url: str) -> Iterator[tuple[Database, str]]:
    """A new central database holding the small office."""
    with new_database(pg_url) as url:
        db = Database.open_url(url)
        try:
            seed_office(db)
            yield db, url
        finally:
            db.dispose()


def joined_terminal(base: Path, url: str, code: str) -> Database:
    db = Database.open(base / f"{code}.sqlite3")
    join(db, url, code)
    return db


@pytest.fixture
def central_url(pg_url: str) -> Iterator[str]:
    with new_database(pg_url) as url:
        yield url


@pytest.fixture
def central(central_url: str) -> Iterator[Database]:
    db = Database.open_url(central_url)
    seed_office(db)
    yield db
    db.dispose()


Terminals = Callable[[str], Database]


@pytest.fixture
def terminals(central: Database, central_url: str, tmp_path: Path) -> Iterator[Terminals]:
    """``terminals("T01")`` → a new terminal database joined to central as T01."""
    opened: list[Database] = []

    def make(code: str) -> Database:
        db = joined_terminal(tmp_path, central_url, code)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.dispose()
