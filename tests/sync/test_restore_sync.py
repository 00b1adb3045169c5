"""A terminal restored from an older backup syncs without doubling anything (issue #11):
central's operations from after the backup come back into the file before anything new is
posted, so no receipt number is used twice, and the backup's unsent operations go again and
are ignored at central."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from cashier.cli.main import main
from cashier.cli.sync import grants_sql
from cashier.ledger.backup import check as backup_check
from cashier.ledger.backup import restore as backup_restore
from cashier.ledger.backup import take as backup
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import open_drawer
from cashier.ledger.reference.catalog import ChargeSpec, add_account
from cashier.ledger.store.models import Charge, Operation, Receipt, SyncInbox
from cashier.sync import central as office
from cashier.sync import recover as sync_recover
from cashier.sync.pull import pull
from cashier.sync.worker import status, sync_once
from tests.conftest import FLOAT
from tests.sync.conftest import Terminals
from tests.sync.office_day import at, pay_account, receipts, sell_dog_license

pytestmark = pytest.mark.postgres

NEW_ACCOUNT = "1000009"


def paid(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {a: int(p) for a, p in s.execute(
            select(Charge.account_number, func.sum(Charge.paid_cents))
            .group_by(Charge.account_number))}


def counts(central: Database) -> tuple[int, int, int, int]:
    """Central's inbox rows, distinct inbox UUIDs, operations and receipts."""
    with central.read() as s:
        return (s.scalar(select(func.count()).select_from(SyncInbox)) or 0,
                s.scalar(select(func.count(func.distinct(SyncInbox.uuid)))) or 0,
                s.scalar(select(func.count()).select_from(Operation)) or 0,
                s.scalar(select(func.count()).select_from(Receipt)) or 0)


def a_day_then_a_restore(central: Database, terminals: Terminals) -> tuple[Database, Path]:
    """T01's morning, a backup half-way with one operation still unsent, more receipts that
    reach central, one that never does; then the file is lost and the backup comes back.
    Returns the restored (closed) terminal's path and leaves central fully applied."""
    t1 = terminals("T01")
    assert t1.path is not None
    open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
    sell_dog_license(t1, "D1", "ana", 1)  # T01-000001
    sync_once(t1)
    pay_account(t1, "D1", "ana", "1000002", 6000, 2)  # T01-000002, not yet sent
    taken = backup.take_backup(t1, reason="close")
    assert taken is not None
    with central.write() as s:  # an account the backup never saw
        add_account(s, NEW_ACCOUNT, "NEW OWNER", "1 NEW ST",
                    charges=[ChargeSpec("water", dt.date(2026, 11, 15), 2500)])
    sync_once(t1)  # T01-000002 reaches central after the backup was taken
    assert office.apply_pending(central).stopped == {}
    sync_once(t1)  # and the new account comes down
    pay_account(t1, "D1", "ana", NEW_ACCOUNT, 2500, 3)  # T01-000003
    sell_dog_license(t1, "D1", "ana", 4)  # T01-000004
    sync_once(t1)
    assert office.apply_pending(central).stopped == {}
    sell_dog_license(t1, "D1", "ana", 5)  # T01-000005: lost with the file, never at central
    t1.dispose()
    return t1, taken.path


def test_restore_replays_centrals_operations_before_anything_new(
        central: Database, terminals: Terminals, central_url: str) -> None:
    t1, taken = a_day_then_a_restore(central, terminals)
    assert t1.path is not None
    before = counts(central)
    assert before[0] == before[1] == 5 and before[3] == 4

    result = backup_restore.restore(taken, t1.path)
    assert result.pending
    with pytest.raises(backup_check.RestorePending, match="backup recover"):
        backup_check.check_database(t1.path)
    restored = Database.open(t1.path)
    try:
        # Whatever path a write takes, nothing is posted before the recovery (a trigger
        # refuses the operation's row; the service reports the refusal in its own words).
        with pytest.raises(Exception):  # noqa: B017, PT011
            sell_dog_license(restored, "D1", "ana", 6)
        assert sorted(receipts(restored)) == ["T01-000001", "T01-000002"]
        engine = create_engine(central_url, poolclass=NullPool)
        try:
            recovered = sync_recover.recover(restored, engine, pull=pull)
        finally:
            engine.dispose()
        assert recovered.receipts == ("T01-000003", "T01-000004")
        assert recovered.next_receipt == "T01-000005" and recovered.aligned
        assert recovered.pulled_first  # T01-000003 paid an account the backup did not have
        backup_check.check_database(t1.path)  # the terminal may start again
        assert counts(central) == before  # recovering reads central, never writes it

        # The backup's unsent T01-000002 goes again and is ignored; the new payment takes
        # the next number central does not have.
        assert sell_dog_license(restored, "D1", "ana", 7) == "T01-000005"
        sync_once(restored)
        assert office.apply_pending(central).stopped == {}
        sync_once(restored)
        inbox, distinct, operations, receipt_count = counts(central)
        assert inbox == distinct == before[0] + 1  # one new operation, nothing doubled
        assert (operations, receipt_count) == (before[2] + 1, before[3] + 1)
        assert receipts(central) == receipts(restored)
        assert sorted(receipts(central)) == [f"T01-00000{n}" for n in range(1, 6)]
        assert status(restored).backlog == 0
        # The balances are central's again, not the replay's second application.
        assert paid(restored) == paid(central)
        assert paid(central)[NEW_ACCOUNT] == 2500 and paid(central)["1000002"] == 6000
        assert backup_check.verify(t1.path).ok
    finally:
        restored.dispose()


def test_restore_from_the_command_line_with_an_office_login(
        central: Database, terminals: Terminals, central_url: str) -> None:
    t1, taken = a_day_then_a_restore(central, terminals)
    assert t1.path is not None
    before = counts(central)
    lines: list[str] = []
    code = main(["--db", str(t1.path), "backup", "restore", str(taken), "--central",
                 central_url], out=lines.append)
    assert code == 0, lines
    text = "\n".join(lines)
    assert "recovered 2 operation(s) from central (receipts T01-000003, T01-000004)" in text
    assert "the next receipt is T01-000005" in text
    assert counts(central) == before
    assert main(["--db", str(t1.path), "sync", "status"], out=lines.append) == 0
    assert "0 operation(s) waiting" in lines[-1]


def test_until_central_gives_the_operations_back_the_terminal_refuses_to_post(
        central: Database, terminals: Terminals, central_url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    t1, taken = a_day_then_a_restore(central, terminals)
    assert t1.path is not None
    db = ["--db", str(t1.path)]
    lines: list[str] = []
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:9/none"
    assert main([*db, "backup", "restore", str(taken), "--central", unreachable],
                out=lines.append) == 1
    assert "nothing can be posted until 'cashier backup recover' succeeds" in lines[-1]
    assert main([*db, "pay", "--drawer", "D1", "--cashier", "ana", "--item", "DOGA,ref=T",
                 "--tender", "cash=20.00"], out=lines.append) == 1
    err = capsys.readouterr().err
    assert "backup recover" in err and "was restored from the backup" in err

    login = f"term_{uuid.uuid4().hex[:8]}"  # a terminal's own login, after the grants script
    owner = make_url(central_url)
    libpq = owner.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(grants_sql().encode())
        conn.execute(f"CREATE ROLE {login} LOGIN IN ROLE cashier_terminal".encode())
    try:
        terminal_url = owner.set(username=login).render_as_string(hide_password=False)
        assert main([*db, "backup", "recover", "--central", terminal_url],
                    out=lines.append) == 1
        assert "use an office login (--central URL, or CASHIER_OFFICE_URL)" in lines[-1]
    finally:
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f"DROP OWNED BY {login}".encode())
            conn.execute(f"DROP ROLE {login}".encode())
    assert main([*db, "backup", "recover", "--central", central_url], out=lines.append) == 0
    assert "recovered 2 operation(s)" in "\n".join(lines)
