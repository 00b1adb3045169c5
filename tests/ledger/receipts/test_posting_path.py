"""The payment write path (issue #8): rows written by Core statements, the receipt handed back
built from them, ORM objects the session already holds kept in step, and pooled connections."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, select

from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import require_open_session
from cashier.ledger.receipts.payments import post_payment, take_payment
from cashier.ledger.receipts.records import get_receipt
from cashier.ledger.reference import users
from cashier.ledger.reference.catalog import add_drawer
from cashier.ledger.rules.errors import DayClosed, Refused
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Payment,
)
from cashier.ledger.store.models import Account, BusinessDay, Charge, Terminal, User
from tests.conftest import AT
from tests.ledger.receipts.test_payments import GOOD_ROUTING, counts


def test_the_receipt_handed_back_is_the_receipt_stored(db: Database) -> None:
    posted = post_payment(db, Payment("D1", "ana", (
        AccountPayment("1000001", 9000), ItemSale("BLDP", 1, " P-7 ", 9000),
        AccountPayment("1000002", 7000), ItemSale("TRNS", 2),
    ), (CheckTender(9000, "1042", GOOD_ROUTING, "000123456789"),
        CardTender(9000, " visa ", "4242", "A1B2", "REF-9"), MoneyOrderTender(9000, "MO-1"),
        CashTender(11000)), AT))
    stored = get_receipt(db, posted.number)
    assert posted == stored
    assert [(c.service, c.amount) for c in posted.lines[0].applied] == [
        ("water", 4510), ("sewer", 3000), ("electric", 1490)]
    assert posted.lines[2].credit == 1000
    assert posted.tenders[1].card_brand == "VISA"
    assert posted.change == 2000


def test_two_lines_on_one_account_pay_different_charges(db: Database) -> None:
    posted = post_payment(db, Payment("D1", "ana", (
        AccountPayment("1000001", 4000), AccountPayment("1000001", 4000),
    ), (CashTender(8000),), AT))
    assert [(c.service, c.amount) for line in posted.lines for c in line.applied] == [
        ("water", 4000), ("water", 510), ("sewer", 3000), ("electric", 490)]
    assert posted == get_receipt(db, posted.number)
    assert books.account_view(db, "1000001").open_total == 4510 + 3000 + 8000 - 8000
    [entry] = books.entries_for_receipt(db, posted.number)
    assert entry.balanced
    assert dict(entry.postings) == {"100-1010": 8000, "503-1210": -4510, "504-1210": -3000,
                                    "501-1210": -490}


def _verdict_of_the_rules(db: Database, cashier: str, drawer: str) -> tuple[type, str] | None:
    with db.read() as session:
        try:
            users.require_payment_taker(session, cashier)
            require_open_session(session, drawer, cashier)
        except Refused as refused:
            return type(refused), str(refused)
    return None


@pytest.mark.parametrize("state", ["as is", "locked", "inactive", "admin"])
def test_who_may_take_a_payment_on_which_drawer_is_decided_by_the_rules(db: Database,
                                                                         state: str) -> None:
    """payments reads the cashier and the drawer in one plain row; it must accept exactly what
    users.require_payment_taker and sessions.require_open_session accept, and refuse the
    rest in their words."""
    with db.write() as session:
        add_drawer(session, "D4", "T04", 20000)  # never opened
        for user in session.scalars(select(User)):
            user.locked = state == "locked"
            user.active = state != "inactive"
            if state == "admin":
                user.role = "admin"
    accepted = 0
    for cashier in ("ana", "raj", "sam", "adm", "zed"):
        for drawer in ("D1", "D2", "D3", "D4", "D9"):
            verdict = _verdict_of_the_rules(db, cashier, drawer)
            payment = Payment(drawer, cashier, (ItemSale("DOGA"),), (CashTender(2000),), AT)
            if verdict is None:
                post_payment(db, payment)
                accepted += 1
            else:
                with pytest.raises(verdict[0]) as refused:
                    post_payment(db, payment)
                assert str(refused.value) == verdict[1]
    assert accepted == (3 if state == "as is" else 0)  # ana on D1, raj on D2, sam on D3


def test_objects_the_session_already_holds_are_not_left_stale(db: Database) -> None:
    with db.write() as session:
        charges = {c.service: c for c in session.scalars(
            select(Charge).where(Charge.account_number == "1000002"))}
        account = session.get_one(Account, "1000002")
        terminal = session.get_one(Terminal, "T01")
        assert (charges["water"].paid_cents, account.credit_cents) == (0, 0)
        take_payment(session, Payment("D1", "ana", (AccountPayment("1000002", 6500),),
                                      (CashTender(6500),)), AT)
        assert charges["water"].paid_cents == 6000
        assert account.credit_cents == 500
        assert terminal.last_receipt_seq == 1
        # A later change through the ORM builds on what the payment wrote, not on what the
        # session had read before it.
        account.credit_cents -= 100
    assert books.account_view(db, "1000002").credit == 400


def test_the_payment_sees_changes_the_caller_has_not_flushed(db: Database) -> None:
    with db.write() as session:
        water = session.scalars(select(Charge).where(Charge.account_number == "1000002")).one()
        water.paid_cents = 5000  # of 60.00
        receipt = take_payment(session, Payment("D1", "ana", (AccountPayment("1000002", 1500),),
                                                (CashTender(1500),)), AT)
    assert [(c.service, c.amount) for c in receipt.lines[0].applied] == [("water", 1000)]
    assert receipt.lines[0].credit == 500


def test_a_payment_dated_a_closed_day_writes_nothing(db: Database) -> None:
    with db.write() as session:
        session.add(BusinessDay(business_date=AT.date(), closed_by="sam", closed_at=AT))
    before = counts(db)
    with pytest.raises(DayClosed):
        post_payment(db, Payment("D1", "ana", (AccountPayment("1000001", 4510),),
                                 (CashTender(4510),), AT))
    assert counts(db) == before
    assert books.account_view(db, "1000001").open_total == 4510 + 3000 + 8000
    tomorrow = AT + dt.timedelta(days=1)
    assert post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),),
                                    tomorrow)).number == "T01-000001"


def test_connections_are_pooled_and_set_up_once(db: Database) -> None:
    connects: list[object] = []
    db.dispose()
    event.listen(db.engine, "connect", lambda *_: connects.append(1))
    for _ in range(3):
        post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),), AT))
        books.gl_balances(db)
    assert len(connects) == 1
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000


def test_a_pooled_connection_serves_another_thread(db: Database) -> None:
    post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),), AT))
    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.append(get_receipt(db, "T01-000001").total))
    worker.start()
    worker.join()
    assert seen == [2000]


def test_dispose_closes_every_connection_and_checkpoints_the_wal(db: Database,
                                                                  db_path: Path) -> None:
    post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),), AT))
    assert Path(f"{db_path}-wal").exists()
    db.dispose()
    # The last connection to close checkpoints the WAL into the file and removes it.
    assert not Path(f"{db_path}-wal").exists()
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT count(*) FROM receipts").fetchone() == (1,)
    raw.close()
    db_path.unlink()  # on Windows, an open connection would refuse this
