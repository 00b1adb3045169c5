"""The terminal's central role (SPEC §7 security): it can push operations and read reference
data, and nothing more — checked by logging in as it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

from cashier.cli.sync import grants_sql
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import open_drawer
from cashier.sync import central as office
from cashier.sync.join import join
from cashier.sync.worker import status, sync_once
from tests.conftest import FLOAT
from tests.sync.office_day import at, pay_account, receipts

pytestmark = pytest.mark.postgres


@pytest.fixture
def terminal_url(central: Database, central_url: str) -> Iterator[str]:
    """A login in ``cashier_terminal``, after the repo's grants script ran as the owner."""
    login = f"term_{uuid.uuid4().hex[:8]}"
    owner = make_url(central_url)
    libpq = owner.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(grants_sql().encode())
        conn.execute(f"CREATE ROLE {login} LOGIN IN ROLE cashier_terminal".encode())
    try:
        yield owner.set(username=login).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f"DROP OWNED BY {login}".encode())
            conn.execute(f"DROP ROLE {login}".encode())


def test_a_terminal_login_pushes_and_pulls(central: Database, terminal_url: str,
                                           tmp_path: Path) -> None:
    t1 = Database.open(tmp_path / "t1.sqlite3")
    join(t1, terminal_url, "T01")
    open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
    pay_account(t1, "D1", "ana", "1000002", 6000, 3)
    sync_once(t1)
    office.apply_pending(central)  # as the owner
    cycle = sync_once(t1)
    assert not cycle.pulled.accounts_deferred
    assert receipts(central) == receipts(t1)
    assert status(t1).backlog == 0
    t1.dispose()


@pytest.mark.parametrize("statement", [
    "UPDATE accounts SET credit_cents = 100000",
    "DELETE FROM sync_inbox",
    "UPDATE sync_inbox SET body = '{}'",
    "SELECT body FROM sync_inbox",
    "SELECT body FROM operations",
    "SELECT * FROM journal_entries",
    "INSERT INTO receipts (number) VALUES ('T09-000001')",
    "UPDATE sync_terminals SET applied_seq = 0",
    "DROP TABLE accounts",
])
def test_a_terminal_login_can_do_nothing_more(terminal_url: str, statement: str) -> None:
    engine = create_engine(terminal_url, poolclass=NullPool)
    try:
        with pytest.raises(ProgrammingError, match="permission denied|must be owner"), \
                engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()
