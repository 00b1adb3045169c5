"""Whether this terminal is working offline, as its sync worker last found (SPEC §7).

The ledger only reads it, to mark receipts taken while central was unreachable; the sync
worker (``cashier.sync``) writes it. A terminal that never joined central is not offline.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger.store.compiled import Statement
from cashier.ledger.store.models import SyncState

LINK = "link"
ONLINE, OFFLINE = "online", "offline"

# Built once, as a plain statement: every payment reads it, and building it per call through
# the ORM cost a sixth of a payment (docs/performance.md, "Payment posting").
_SYNC_STATE = SyncState.__table__
_LINK_STATE = Statement(select(_SYNC_STATE.c.value).where(_SYNC_STATE.c.key == LINK))


def working_offline(session: Session) -> bool:
    session.flush()  # a plain read does not autoflush
    state = _LINK_STATE.first(session.connection())
    return state is not None and state.value == OFFLINE
