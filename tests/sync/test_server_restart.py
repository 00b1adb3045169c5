"""Central's server stopped mid-day and started again: the terminal works offline meanwhile
and, once central is back, everything arrives exactly once. Needs a server of its own to
stop, so it is skipped when the tests run against CASHIER_TEST_PG_URL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cashier.ledger.drawer.sessions import open_drawer
from cashier.sync import central as office
from cashier.sync.link import CentralUnreachable
from cashier.sync.worker import status, sync_once
from tests.conftest import FLOAT
from tests.sync.conftest import fresh_central, joined_terminal
from tests.sync.office_day import at, receipts, sell_dog_license

pytestmark = pytest.mark.postgres


@pytest.mark.skipif(bool(os.environ.get("CASHIER_TEST_PG_URL")),
                    reason="needs a server of its own to stop and start")
def test_central_restarted_mid_day(tmp_path: Path) -> None:
    pgserver = pytest.importorskip("pgserver")
    pgdata = tmp_path / "pg"
    server = pgserver.get_server(str(pgdata), cleanup_mode="stop")
    url = server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        with fresh_central(url) as (central, central_url):
            t1 = joined_terminal(tmp_path, central_url, "T01")
            open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
            sell_dog_license(t1, "D1", "ana", 1)
            sync_once(t1)
            server.cleanup()  # the server goes away
            for minute in range(2, 6):
                sell_dog_license(t1, "D1", "ana", minute)
                with pytest.raises(CentralUnreachable):
                    sync_once(t1)
            assert status(t1).backlog == 4 and not status(t1).online
            server = pgserver.get_server(str(pgdata), cleanup_mode="stop")  # and comes back
            sync_once(t1)
            office.apply_pending(central)
            assert receipts(central) == receipts(t1)
            assert len(receipts(central)) == 5
            assert status(t1).backlog == 0 and status(t1).online
            t1.dispose()
    finally:
        server.cleanup()
