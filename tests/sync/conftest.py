"""A central PostgreSQL database per test (a new database on the session's server), seeded
with the small office, and terminals that join it with their own SQLite files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from benchmarks.sync import new_database  # a new database on the server, dropped after

from cashier.ledger.database import Database
from cashier.sync.join import join
from tests.conftest import seed_office


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
