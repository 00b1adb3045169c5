"""Shared fixtures: a small office in a real SQLite file, and a real PostgreSQL when asked for."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import (
    SessionSummary,
    approve_close,
    oldest_waiting,
    open_drawer,
)
from cashier.ledger.reference import users
from cashier.ledger.reference.catalog import (
    ChargeSpec,
    SplitSpec,
    add_account,
    add_drawer,
    add_gl_account,
    add_item,
    add_service,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PINS = {"ana": "482193", "raj": "731046", "sam": "246813", "lee": "135792", "adm": "909090"}
ROLES = {"ana": "cashier", "raj": "cashier", "sam": "supervisor", "lee": "supervisor",
         "adm": "admin"}
AT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-7)))


@cache
def pin_hash(pin: str) -> str:
    # scrypt is slow on purpose; hash each test PIN once per run.
    return users.hash_pin(pin)


def seed_office(db: Database) -> None:
    with db.write() as s:
        for code, name in [
            ("503-1210", "Water AR"), ("504-1210", "Wastewater AR"), ("501-1210", "Electric AR"),
            ("101-4410", "Dog licenses"), ("101-4420", "Building permits"),
            ("101-4425", "State permit surcharge"), ("101-4610", "Parking citations"),
            ("101-5200", "Petty expenses"),
        ]:
            add_gl_account(s, code, name)
        add_service(s, "electric", "Electric", 1, "501-1210")
        add_service(s, "water", "Water", 3, "503-1210")
        add_service(s, "sewer", "Wastewater", 4, "504-1210")
        add_item(s, "DOGA", "Dog license, altered", price=2000,
                 splits=[SplitSpec("101-4410", share="1")])
        add_item(s, "BLDP", "Building permit", price=None, reference_required=True,
                 reference_label="permit no.",
                 splits=[SplitSpec("101-4420", share="2/3"), SplitSpec("101-4425", share="1/3")])
        add_item(s, "PARK", "Parking citation", price=None, reference_required=True,
                 reference_label="citation no.", allowed_tenders=["cash", "card"],
                 splits=[SplitSpec("101-4610", share="1")])
        add_item(s, "TRNS", "Transit pass", price=5500,
                 splits=[SplitSpec("101-4425", amount=500), SplitSpec("101-4610", share="1")])
        add_account(s, "1000001", "ANA RUIZ", "120 N CENTER ST", charges=[
            ChargeSpec("water", dt.date(2026, 10, 15), 4510),
            ChargeSpec("sewer", dt.date(2026, 10, 15), 3000),
            ChargeSpec("electric", dt.date(2026, 11, 15), 8000),
        ])
        add_account(s, "1000002", "JOHN MILLER", "45 ELM AVE", charges=[
            ChargeSpec("water", dt.date(2026, 11, 15), 6000),
        ])
        add_account(s, "1000003", "CASH ONLY LLC", "9 MAIN ST", cash_only=True, charges=[
            ChargeSpec("water", dt.date(2026, 11, 15), 10000),
        ])
        for user_id, role in ROLES.items():
            users.add_user(s, user_id, user_id.title(), role, pin_hash=pin_hash(PINS[user_id]))
        add_drawer(s, "D1", "T01", 20000)
        add_drawer(s, "D2", "T02", 20000)
        add_drawer(s, "D3", "T03", 20000)


FLOAT = {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 20}  # 200.00, the assigned float
DRAWER_OF = {"ana": "D1", "raj": "D2", "sam": "D3"}


def open_drawers(db: Database) -> None:
    for cashier, drawer in DRAWER_OF.items():
        open_drawer(db, drawer, cashier, FLOAT, at=AT)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "terminal.sqlite3"


@pytest.fixture
def office(db_path: Path) -> Iterator[Database]:
    """The small office with every drawer still closed."""
    database = Database.open(db_path)
    seed_office(database)
    yield database
    database.dispose()


@pytest.fixture
def db(office: Database) -> Database:
    """The small office at work: ana on D1, raj on D2, sam (a supervisor) on D3."""
    open_drawers(office)
    return office


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL: ``CASHIER_TEST_PG_URL`` if set, else a pgserver in a temp dir."""
    url = os.environ.get("CASHIER_TEST_PG_URL")
    if url:
        yield url
        return
    os.environ.setdefault("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("xdg")))
    pgserver = pytest.importorskip("pgserver")
    server = pgserver.get_server(str(tmp_path_factory.mktemp("pg")), cleanup_mode="stop")
    try:
        yield server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        server.cleanup()


def approve_waiting(db: Database, drawer: str, supervisor: str, note: str = "", *,
                    cashier: str | None = None, at: dt.datetime | None = None
                    ) -> SessionSummary:
    """Approve the drawer's oldest session (of ``cashier``) waiting for approval: shorthand
    for tests where one session waits, or where the order is the point. The program itself
    always names the session it approves."""
    return approve_close(db, drawer, supervisor, note,
                         session=oldest_waiting(db, drawer, cashier), at=at)


def replayable(report: dict[str, Any]) -> dict[str, Any]:
    """A DCR without what belongs to one database and not to the journal: the audit chain's
    head (SPEC §11: each database's own chain, anchored outside it)."""
    return {k: v for k, v in report.items() if k != "chain_head"}
