"""Push, apply and pull against a real PostgreSQL (SPEC §7): every case ends with central
holding exactly the terminals' receipts — none lost, none doubled."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.pool import NullPool

from cashier.ledger.database import Database
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.drawer.sessions import open_drawer
from cashier.ledger.store.models import Account, Charge, Operation, RemotePayment, SyncInbox
from cashier.sync import central as office
from cashier.sync.link import CentralUnreachable
from cashier.sync.push import send_batch, unsent
from cashier.sync.worker import status, sync_once
from tests.conftest import FLOAT
from tests.sync.conftest import Terminals
from tests.sync.office_day import at, pay_account, receipts, sell_dog_license, tendered

pytestmark = pytest.mark.postgres


def union(*terminals: Database) -> dict[str, tuple[int, str, bool]]:
    merged: dict[str, tuple[int, str, bool]] = {}
    for db in terminals:
        merged.update(receipts(db))
    return merged


def settle(central: Database, *terminals: Database) -> None:
    """Sync every terminal, apply at central, and sync again so balances come back."""
    for db in terminals:
        sync_once(db)
    assert office.apply_pending(central).stopped == {}
    for db in terminals:
        sync_once(db)


def test_two_terminals_interleaved_payments_all_reach_central(
        central: Database, terminals: Terminals) -> None:
    t1, t2 = terminals("T01"), terminals("T02")
    open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
    open_drawer(t2, "D2", "raj", FLOAT, at=at(1))
    for minute in range(2, 12, 2):
        sell_dog_license(t1, "D1", "ana", minute)
        sync_once(t1)
        sell_dog_license(t2, "D2", "raj", minute + 1)
        office.apply_pending(central)
        sync_once(t2)
    settle(central, t1, t2)
    assert receipts(central) == union(t1, t2)
    assert len(receipts(central)) == 10
    assert tendered(central) == tendered(t1) + tendered(t2)
    assert status(t1).backlog == status(t2).backlog == 0


def test_a_payment_on_another_terminal_shows_on_the_account_after_one_pull(
        central: Database, terminals: Terminals) -> None:
    t1, t2 = terminals("T01"), terminals("T02")
    open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
    number = pay_account(t1, "D1", "ana", "1000002", 6000, 5)
    sync_once(t1)
    office.apply_pending(central)
    sync_once(t2)  # one pull
    with t2.read() as s:
        paid = s.scalar(select(Charge.paid_cents).where(Charge.account_number == "1000002"))
        seen = s.scalars(select(RemotePayment.receipt_number)
                         .where(RemotePayment.account_number == "1000002")).all()
    assert paid == 6000
    assert seen == [number]


def test_the_same_batch_sent_three_times_lands_once(central: Database, terminals: Terminals,
                                                    central_url: str) -> None:
    t1 = terminals("T01")
    open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
    for minute in range(1, 6):
        sell_dog_license(t1, "D1", "ana", minute)
    batch = unsent(t1, 100)
    engine = create_engine(central_url, poolclass=NullPool)
    try:
        firsts = [send_batch(engine, "T01", batch) for _ in range(3)]
    finally:
        engine.dispose()
    assert firsts == [6, 0, 0]
    sync_once(t1)  # the terminal never heard back: it sends the same rows a fourth time
    assert office.apply_pending(central).stopped == {}
    assert receipts(central) == receipts(t1)
    with central.read() as s:
        assert s.scalar(select(func.count()).select_from(SyncInbox)) == 6


def arm_kill_switch(engine: Engine) -> None:
    """Central's backend terminates itself (pg_terminate_backend) while inserting the first
    row of the next batch — once: the sequence is not rolled back with the dead transaction."""
    with engine.begin() as conn:
        conn.execute(text("CREATE SEQUENCE kill_once"))
        conn.execute(text("""
            CREATE FUNCTION kill_mid_batch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('kill_once') = 1 THEN
                    PERFORM pg_terminate_backend(pg_backend_pid());
                    PERFORM pg_sleep(5);
                END IF;
                RETURN NEW;
            END $$"""))
        conn.execute(text("CREATE TRIGGER kill_mid_batch BEFORE INSERT ON sync_inbox "
                          "FOR EACH ROW EXECUTE FUNCTION kill_mid_batch()"))


def test_connection_killed_mid_batch_loses_and_doubles_nothing(
        central: Database, terminals: Terminals, central_url: str) -> None:
    t1 = terminals("T01")
    open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
    for minute in range(1, 8):
        sell_dog_license(t1, "D1", "ana", minute)
    engine = create_engine(central_url, poolclass=NullPool)
    arm_kill_switch(engine)
    with pytest.raises(CentralUnreachable):
        sync_once(t1)
    assert status(t1).backlog == 8 and not status(t1).online
    with central.read() as s:
        assert s.scalar(select(func.count()).select_from(SyncInbox)) == 0
    settle(central, t1)
    engine.dispose()
    assert receipts(central) == receipts(t1)
    assert status(t1).backlog == 0 and status(t1).online


def test_a_terminal_offline_for_a_whole_shift_catches_up(
        central: Database, terminals: Terminals, unreachable: Engine) -> None:
    t1, t2 = terminals("T01"), terminals("T02")
    open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
    open_drawer(t2, "D2", "raj", FLOAT, at=at(0))
    for minute in range(1, 30):
        sell_dog_license(t2, "D2", "raj", minute)
        with pytest.raises(CentralUnreachable):
            sync_once(t2, unreachable)
        if minute % 5 == 0:
            sell_dog_license(t1, "D1", "ana", minute)
            sync_once(t1)
    assert status(t2).backlog == 30 and not status(t2).online
    settle(central, t1, t2)
    assert receipts(central) == union(t1, t2)
    with central.read() as s:
        ops = s.scalar(select(func.count()).select_from(Operation))
    with t1.read() as a, t2.read() as b:
        local = (a.scalar(select(func.count()).select_from(Operation)) or 0) \
            + (b.scalar(select(func.count()).select_from(Operation)) or 0)
    assert ops == local


@pytest.fixture
def unreachable() -> Engine:
    """Central as seen during a network outage: nothing listens on the port."""
    return create_engine("postgresql+psycopg://cashier@127.0.0.1:9/central",
                         poolclass=NullPool, connect_args={"connect_timeout": 2})


def test_the_same_account_paid_on_two_terminals_while_apart_both_stand(
        central: Database, terminals: Terminals, unreachable: Engine) -> None:
    t1, t2 = terminals("T01"), terminals("T02")
    open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
    open_drawer(t2, "D2", "raj", FLOAT, at=at(0))
    first = pay_account(t1, "D1", "ana", "1000002", 6000, 5)
    sync_once(t1)
    second = pay_account(t2, "D2", "raj", "1000002", 6000, 8)  # T02 never saw the first
    with pytest.raises(CentralUnreachable):
        sync_once(t2, unreachable)
    settle(central, t1, t2)
    assert receipts(central) == union(t1, t2)
    report = daily_cash_report(central, at(0).date())
    flagged = [e for e in report["exceptions"] if e["kind"] == "possible_duplicate"]
    assert [(e["receipt"], e["amount"]) for e in flagged] == [(second, "60.00")]
    assert first in flagged[0]["reason"]
    assert all(i["passed"] for i in report["identities"])
    for db in (central, t2):  # central applied the second payment as a credit; T02 pulled it
        with db.read() as s:
            account = s.get_one(Account, "1000002")
            assert account.credit_cents == 6000
