"""Pushing the outbox: the terminal's unsent operations, in order, into central's inbox.

Each batch goes in one PostgreSQL transaction: the rows are COPYed straight into the inbox.
When one of them is already there — a batch sent twice, because the commit reached central
but the answer never came back — the inbox's unique uuid refuses that COPY, which is rolled
back to a savepoint, and the batch goes through a temporary table and ``INSERT … ON CONFLICT
(uuid) DO NOTHING`` instead, so it changes nothing the second time. The rows are marked sent on
the terminal only after central's commit, so a batch lost on the way is simply sent again.
(The direct COPY is the common case and writes each row once; see docs/performance.md.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy.exc
from sqlalchemy import Engine, select, update

from cashier.ledger.database import Database
from cashier.ledger.store.models import Operation
from cashier.sync.link import CentralRefused, redact, unreachable

if TYPE_CHECKING:
    import psycopg

BATCH = 5_000  # operations (~300 bytes each) per central transaction

RECEIVE = """
INSERT INTO sync_inbox (uuid, terminal, terminal_seq, body, received_at)
SELECT uuid, terminal, terminal_seq, body, to_json(now()) #>> '{}'
FROM incoming ORDER BY terminal_seq
ON CONFLICT (uuid) DO NOTHING
"""


@dataclass(frozen=True)
class Outgoing:
    seq: int
    uuid: str
    body: str


@dataclass(frozen=True)
class PushResult:
    sent: int  # operations central now holds that it did not before this push
    batches: int


def unsent(db: Database, limit: int) -> list[Outgoing]:
    with db.read() as session:
        rows = session.execute(
            select(Operation.seq, Operation.uuid, Operation.body)
            .where(Operation.sent_at.is_(None)).order_by(Operation.seq).limit(limit)).all()
    return [Outgoing(seq, ident, body) for seq, ident, body in rows]


def send_batch(central: Engine, terminal: str, batch: list[Outgoing]) -> int:
    """Deliver ``batch`` to central in one transaction; returns how many were new there."""
    try:
        raw = central.raw_connection()
    except sqlalchemy.exc.DBAPIError as exc:
        raise unreachable(str(central.url), exc) from None
    except Exception as exc:
        _classify(central, exc)  # the driver's own error escapes the pool unwrapped
        raise
    try:
        pg = raw.driver_connection
        assert pg is not None
        with pg.cursor() as cur:
            new = _copy_new(pg, cur, terminal, batch)
            if new is None:  # some of them are there already: only the others go in
                cur.execute("CREATE TEMP TABLE incoming (uuid text, terminal text, "
                            "terminal_seq bigint, body text) ON COMMIT DROP")
                with cur.copy("COPY incoming (uuid, terminal, terminal_seq, body) "
                              "FROM STDIN") as cp:
                    for op in batch:
                        cp.write_row((op.uuid, terminal, op.seq, op.body))
                cur.execute(RECEIVE)
                new = int(cur.rowcount)
        pg.commit()
        return new
    except Exception as exc:
        _classify(central, exc)
        raise
    finally:
        # The connection may already be gone (killed mid-batch); there is nothing to free.
        with contextlib.suppress(Exception):
            raw.close()


def _copy_new(pg: psycopg.Connection[Any], cur: psycopg.Cursor[Any], terminal: str,
              batch: list[Outgoing]) -> int | None:
    """COPY ``batch`` straight into the inbox in a savepoint; None (and nothing written) when
    one of its operations is already there."""
    import psycopg

    stamp = cur.execute("SELECT to_json(now()) #>> '{}'").fetchone()  # as RECEIVE stamps
    assert stamp is not None
    try:
        with pg.transaction(), cur.copy("COPY sync_inbox (uuid, terminal, terminal_seq, body, "
                                        "received_at) FROM STDIN") as cp:
            for op in batch:  # in seq order, as RECEIVE inserts them
                cp.write_row((op.uuid, terminal, op.seq, op.body, stamp[0]))
    except psycopg.errors.UniqueViolation:
        return None
    return len(batch)


def mark_sent(db: Database, batch: list[Outgoing], at: dt.datetime) -> None:
    seqs = [op.seq for op in batch]
    with db.write() as session:
        session.execute(update(Operation).where(Operation.seq.in_(seqs),
                                                Operation.sent_at.is_(None))
                        .values(sent_at=at))


def push(db: Database, central: Engine, terminal: str, *, batch: int = BATCH) -> PushResult:
    """Send every unsent operation, batch by batch, oldest first."""
    sent = batches = 0
    while True:
        outgoing = unsent(db, batch)
        if not outgoing:
            return PushResult(sent, batches)
        sent += send_batch(central, terminal, outgoing)
        mark_sent(db, outgoing, dt.datetime.now().astimezone())
        batches += 1


def _classify(central: Engine, exc: BaseException) -> None:
    """Turn a driver error into CentralUnreachable or CentralRefused (never leaking the URL's
    password); anything else is a bug and propagates as it is."""
    import psycopg

    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        raise unreachable(str(central.url), exc) from None
    if isinstance(exc, psycopg.Error):
        raise CentralRefused(f"central {redact(str(central.url))} refused the batch: "
                             f"{str(exc).strip()}") from None

