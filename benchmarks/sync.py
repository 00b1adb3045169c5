"""Sync with central PostgreSQL (SPEC §7, §8), against a real server.

- **push**: ``Sizes.operations`` operations — the first ones of the benchmark day's journal,
  copied into a new terminal file as its unsent outbox — through ``cashier.sync.push.push``
  (reading the outbox, COPY into a temporary table and ``INSERT … ON CONFLICT (uuid) DO
  NOTHING`` into ``sync_inbox`` batch by batch, marking each batch sent on the terminal),
  against a raw psycopg ``COPY`` of the same rows (uuid, terminal, terminal_seq, body) into a
  fresh table like ``sync_inbox`` (same columns, defaults and indexes), in one transaction on
  a new connection. Target: ≤ 3× the COPY, both measured in this run against the same
  server, alternating; the median of the rounds is the figure.
- **join**: a new terminal taking everything central has through
  ``cashier.sync.join.join``: the catalogue and the whole account set (``Sizes.accounts``
  demo accounts with their charges, seeded at central beforehand and then vacuumed and
  analysed, as autovacuum would have left a central that was not loaded a minute ago).
  Target ≤ 60 s; one run (the full one takes tens of seconds).

The server is ``CASHIER_TEST_PG_URL`` when set, else a throwaway ``pgserver`` in the scratch
directory; each run works in a database of its own, dropped at the end. With neither, the
lines say why they were skipped instead of failing the run.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from benchmarks.data import DAY, SEED, Datasets
from benchmarks.measure import Line, timed
from cashier.ledger.database import Database
from cashier.ledger.store.models import Account, Charge
from cashier.services import demo
from cashier.sync.join import join
from cashier.sync.link import central_engine
from cashier.sync.push import push

PUSH, JOIN = "sync push", "sync join (pull all)"
LINES = (PUSH, JOIN)
TARGET_RATIO = 3.0  # SPEC §8: push ≤ 3× a raw COPY of the same rows
TARGET_JOIN_MS = 60_000.0  # issue #8: the whole account set into a new terminal ≤ 60 s
WARMUP = 1  # rounds of each side before the timed ones (connections, server caches)
ROUNDS = 5
PUSHER, JOINER = "T01", "T02"  # demo terminals; the day's first operations are D1's on T01


def bench_sync(data: Datasets) -> list[Line]:
    with postgres(data) as server:
        if isinstance(server, Unavailable):
            data.log(f"sync: skipped, {server.reason}")
            return [Line.skip(PUSH, server.reason, target_ratio=TARGET_RATIO),
                    Line.skip(JOIN, server.reason, target_ms=TARGET_JOIN_MS)]
        with new_database(server) as url:
            central = Database.open_url(url)  # the alembic migrations, as at a real office
            try:
                return [bench_push(data, url), bench_join(data, central, url)]
            finally:
                central.dispose()


# -- the server ------------------------------------------------------------------------------

class Unavailable:
    def __init__(self, reason: str) -> None:
        self.reason = reason


@contextmanager
def postgres(data: Datasets) -> Iterator[str | Unavailable]:
    """A PostgreSQL server's URL (SQLAlchemy form, psycopg driver), or why there is none."""
    url = os.environ.get("CASHIER_TEST_PG_URL")
    if url:
        yield _psycopg_url(url)
        return
    runtime = data.scratch / "xdg"  # pgserver keeps its lock file there; it must be 0700
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    try:
        from pgserver import postgres_server
    except ImportError:
        yield Unavailable("no CASHIER_TEST_PG_URL and no pgserver package")
        return
    pgdata = data.scratch / "pg"
    pgdata.mkdir(parents=True, exist_ok=True)
    try:
        server = postgres_server.get_server(str(pgdata), cleanup_mode="stop")
    except Exception as exc:  # any way the bundled server fails to start means no figure
        yield Unavailable(f"pgserver did not start ({type(exc).__name__})")
        return
    try:
        yield _psycopg_url(server.get_uri())
    finally:
        server.cleanup()


def _psycopg_url(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@contextmanager
def new_database(server: str) -> Iterator[str]:
    """A new, empty database on ``server`` for this run, dropped afterwards."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(server).set(database="postgres"), poolclass=NullPool,
                          isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(server).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def libpq(url: str) -> str:
    """The same URL as psycopg.connect takes it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


# -- push ------------------------------------------------------------------------------------

def outbox(data: Datasets) -> tuple[Path, list[tuple[str, str, int, str]]]:
    """A new terminal file whose outbox holds the day's first ``Sizes.operations``
    operations, unsent; and those rows as the COPY sends them."""
    path = data.scratch / "push-terminal.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Database.open(path).dispose()  # the schema, by the migrations
    conn = sqlite3.connect(path)
    try:
        conn.execute("ATTACH DATABASE ? AS day", (f"file:{data.day()}?mode=ro",))
        with conn:
            conn.execute(
                "INSERT INTO operations (seq, uuid, op, at, business_date, body, sent_at) "
                "SELECT seq, uuid, op, at, business_date, body, NULL FROM day.operations "
                "ORDER BY seq LIMIT ?", (data.sizes.operations,))
        conn.execute("DETACH DATABASE day")
        rows = [(ident, PUSHER, seq, body) for seq, ident, body in
                conn.execute("SELECT seq, uuid, body FROM operations ORDER BY seq")]
    finally:
        conn.close()
    if len(rows) < data.sizes.operations:
        data.log(f"sync: the day's journal has only {len(rows)} operations to push")
    return path, rows


def bench_push(data: Datasets, url: str) -> Line:
    path, rows = outbox(data)
    engine = central_engine(url)  # what the sync worker uses: NullPool, a connect per batch
    conninfo = libpq(url)
    with Database.open(path) as terminal, psycopg.connect(conninfo, autocommit=True) as admin:

        def ours() -> None:
            result = push(terminal, engine, PUSHER)
            if result.sent != len(rows):
                raise AssertionError(f"push sent {result.sent} of {len(rows)} operations")

        def reset() -> None:  # untimed: central's inbox empty, the outbox unsent again
            admin.execute("TRUNCATE sync_inbox RESTART IDENTITY")
            with terminal.write() as session:
                # Only the harness un-sends an operation: past the guard, then the guard back.
                guard = session.execute(text(
                    "SELECT sql FROM sqlite_master WHERE name = 'operations_sent_only'")).scalar()
                session.execute(text("DROP TRIGGER operations_sent_only"))
                session.execute(text("UPDATE operations SET sent_at = NULL"))
                session.execute(text(str(guard)))

        tables = iter(range(WARMUP + ROUNDS))

        def raw() -> None:
            table = fresh_copy_table(admin, next(tables))
            with psycopg.connect(conninfo) as pg:
                with pg.cursor() as cur, cur.copy(
                        f"COPY {table} (uuid, terminal, terminal_seq, body) FROM STDIN") as cp:
                    for row in rows:
                        cp.write_row(row)
                pg.commit()

        try:
            ours_ms, raw_ms = _alternate(ours, reset, raw, admin)
        finally:
            engine.dispose()
    return Line(PUSH, ours_ms, raw_ms, target_ratio=TARGET_RATIO)


def fresh_copy_table(admin: psycopg.Connection[Any], n: int) -> str:
    """A new table like ``sync_inbox``: its columns, defaults (``received_at`` stamped as the
    push stamps it), unique uuid and indexes; created untimed."""
    table = f"bench_copy_{n}"
    admin.execute(f"CREATE TABLE {table} (LIKE sync_inbox INCLUDING ALL)")
    admin.execute(f"ALTER TABLE {table} ALTER COLUMN received_at "
                  "SET DEFAULT (to_json(now()) #>> '{}')")
    return table


def _alternate(ours: Callable[[], None], reset: Callable[[], None], raw: Callable[[], None],
               admin: psycopg.Connection[Any]) -> tuple[float, float]:
    ours_ns: list[int] = []
    raw_ns: list[int] = []
    for i in range(WARMUP + ROUNDS):
        reset()
        admin.execute("CHECKPOINT")  # neither side pays for the other's dirty pages
        took, _ = timed(ours)
        admin.execute("CHECKPOINT")
        raw_took, _ = timed(raw)
        if i >= WARMUP:
            ours_ns.append(took)
            raw_ns.append(raw_took)
    return statistics.median(ours_ns) / 1e6, statistics.median(raw_ns) / 1e6


# -- join (pull everything) ------------------------------------------------------------------

def bench_join(data: Datasets, central: Database, url: str) -> Line:
    took, _ = timed(lambda: seed_central(central, data.sizes.accounts))
    data.log(f"sync: central seeded with {data.sizes.accounts:,} accounts in {took / 1e9:.0f} s")
    with psycopg.connect(libpq(url), autocommit=True) as admin:
        # Untimed: otherwise autovacuum's first pass over millions of new rows (and the
        # hint bits the first reader sets) would land in the measurement.
        admin.execute("VACUUM (ANALYZE)")
        admin.execute("CHECKPOINT")
    with central.read() as session:
        expected = {"accounts": session.scalar(select(func.count()).select_from(Account)),
                    "charges": session.scalar(select(func.count()).select_from(Charge))}
    path = data.scratch / "join-terminal.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with Database.open(path) as terminal:  # a new terminal: only the migrations so far
        took, result = timed(lambda: join(terminal, url, JOINER))
    got = {table: result.rows.get(table, 0) for table in expected}
    if got != expected or result.accounts_deferred:
        raise AssertionError(f"join took {got}, central holds {expected}")
    data.log(f"sync: join pulled {sum(result.rows.values()):,} rows in {took / 1e9:.1f} s "
             f"({', '.join(f'{t} {n:,}' for t, n in result.rows.items())})")
    return Line(JOIN, took / 1e6, target_ms=TARGET_JOIN_MS)


def seed_central(central: Database, accounts: int) -> None:
    """The demo city at central: what the benchmark terminals hold, made the same way."""
    with central.write() as session:
        demo.seed_reference(session)
    with central.write() as session:
        demo.seed_accounts(session, accounts, seed=SEED, today=DAY)
