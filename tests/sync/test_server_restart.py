"""Central's server stopped mid-day and started again: the terminal works offline meanwhile
and, once central is back, everything arrives exactly once. Needs a server of its own to
stop, so it is skipped when the tests run against CASHIER_TEST_PG_URL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cashier.ledger.drawer.sessions import open_drawer
from cashier.sync import central as office
from cashier.sync import central_watch
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


@pytest.mark.skipif(bool(os.environ.get("CASHIER_TEST_PG_URL")),
                    reason="needs a server of its own to stop and start")
def test_the_watching_applier_rides_out_a_central_restart(tmp_path: Path) -> None:
    """`cashier central apply --watch` reconnects with back-off and says so (issue #22)."""
    pgserver = pytest.importorskip("pgserver")
    pgdata = tmp_path / "pg"
    servers = [pgserver.get_server(str(pgdata), cleanup_mode="stop")]
    url = servers[0].get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    said: list[str] = []
    waits: list[float] = []
    try:
        with fresh_central(url) as (central, central_url):
            t1 = joined_terminal(tmp_path, central_url, "T01")
            open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
            sell_dog_license(t1, "D1", "ana", 1)
            sync_once(t1)

            def sleep(seconds: float) -> None:
                waits.append(seconds)
                if len(waits) == 1:
                    servers[0].cleanup()  # the server goes away after the first round
                elif len(waits) == 4:  # and comes back after three failed rounds
                    servers[0] = pgserver.get_server(str(pgdata), cleanup_mode="stop")

            central_watch.watch(central, 0.5, said.append, rounds=6, sleep=sleep)
            assert waits == [0.5, 0.5, 1.0, 2.0, 0.5, 0.5]
            assert said[0] == "applied 2 operation(s)"
            assert [s.split(";")[-1] for s in said[1:4]] == [
                " trying again in 0.5 s", " trying again in 1 s", " trying again in 2 s"]
            assert all("unreachable" in s and "secret" not in s for s in said[1:4])
            assert said[4] == "central is reachable again"
            assert receipts(central) == receipts(t1)
            t1.dispose()
    finally:
        servers[0].cleanup()
