"""The two key-value tables: ``settings`` (the office's, ``reference.office``) and
``sync_state`` (the terminal's sync bookkeeping, and the restore mark)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cashier.ledger.store.models import Setting, SyncState


def put(session: Session, table: type[Setting] | type[SyncState], key: str, value: str) -> None:
    """Set ``key`` to ``value``, adding the row the first time."""
    session.merge(table(key=key, value=value))
