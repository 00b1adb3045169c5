"""Whether this terminal is working offline, as its sync worker last found (SPEC §7).

The ledger only reads it, to mark receipts taken while central was unreachable; the sync
worker (``cashier.sync``) writes it. A terminal that never joined central is not offline.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.models import SyncState

LINK = "link"
ONLINE, OFFLINE = "online", "offline"


def working_offline(session: Session) -> bool:
    return session.scalar(select(SyncState.value).where(SyncState.key == LINK)) == OFFLINE
