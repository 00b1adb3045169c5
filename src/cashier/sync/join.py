"""A terminal joining central: a new terminal database that takes its reference data, its
drawers and where its receipt numbering stands from central, then syncs from there on."""

from __future__ import annotations

import sqlalchemy.exc
from sqlalchemy import Engine, func, select

from cashier.ledger.database import Database
from cashier.ledger.rules.errors import CashierError
from cashier.ledger.store.models import Operation, Terminal
from cashier.sync import state
from cashier.sync.link import (
    CentralRefused,
    central_engine,
    stored_form,
    unreachable,
    with_secret,
)
from cashier.sync.pull import PullResult, pull


def join(db: Database, url: str, terminal: str, *, central: Engine | None = None) -> PullResult:
    """Point ``db`` at central as ``terminal`` and take everything central has."""
    with db.read() as session:
        if session.scalar(select(func.count()).select_from(Operation)):
            raise CashierError("this database already has operations of its own; a terminal "
                               "joins central with a new database")
        already = state.get(session, state.TERMINAL)
    if already is not None and already != terminal:
        raise CashierError(f"this database already belongs to terminal {already}")
    engine = central or central_engine(with_secret(url))
    try:
        try:
            with engine.connect() as conn:
                known = conn.scalar(select(Terminal.code).where(Terminal.code == terminal))
        except sqlalchemy.exc.DBAPIError as exc:
            raise unreachable(url, exc) from None
        if known is None:
            raise CentralRefused(f"central has no terminal {terminal}; add it there first")
        with db.write() as session:
            state.put(session, state.CENTRAL, stored_form(url))
            state.put(session, state.TERMINAL, terminal)
        result = pull(db, engine, terminal)
        with db.write() as session:
            state.put(session, state.LINK, state.ONLINE)
        return result
    finally:
        if central is None:
            engine.dispose()

