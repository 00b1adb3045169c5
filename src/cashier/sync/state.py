"""The terminal's sync bookkeeping in ``sync_state``: central's URL (no password), this
terminal's code, the pull cursors, and whether the last attempt reached central."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cashier.ledger.store import key_values
from cashier.ledger.store.link_state import LINK, OFFLINE, ONLINE
from cashier.ledger.store.models import Operation, SyncState

__all__ = ["LINK", "OFFLINE", "ONLINE", "backlog", "cursor", "get", "put"]

CENTRAL = "central"
TERMINAL = "terminal"
LAST_OK = "last_ok_at"
LAST_ERROR = "last_error"
CATALOG_CURSOR = "catalog_cursor"
ACCOUNTS_CURSOR = "accounts_cursor"


def get(session: Session, key: str) -> str | None:
    row = session.get(SyncState, key)
    return None if row is None else row.value


def put(session: Session, key: str, value: str) -> None:
    key_values.put(session, SyncState, key, value)


def cursor(session: Session, key: str) -> int:
    return int(get(session, key) or 0)


def backlog(session: Session) -> int:
    """Operations not yet committed at central."""
    return session.scalar(select(func.count()).select_from(Operation)
                          .where(Operation.sent_at.is_(None))) or 0
