"""Backups (issue #11): an online backup while the counter keeps posting, generations kept
and pruned, verify finding damage, restore keeping the replaced file, and the start-up check
naming the latest good backup and the command that puts it back."""

from __future__ import annotations

import io
import sqlite3
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cashier.cli.main import main
from cashier.ledger.audit import trail as audit
from cashier.ledger.backup import check as backup_check
from cashier.ledger.backup import folder as backup_folder
from cashier.ledger.backup import restore as backup_restore
from cashier.ledger.backup import take as backup
from cashier.ledger.database import Database
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.rules.values import CashTender, ItemSale, Payment
from cashier.ledger.store.models import AuditEvent
from tests.conftest import AT, open_drawers


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read the developer's own settings file."""
    monkeypatch.setenv("CASHIER_SETTINGS", str(tmp_path / "absent-settings.toml"))


def sell(db: Database) -> str:
    return post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),),
                                    AT)).number


def flip(path: Path, offset: int) -> None:
    with path.open("r+b") as f:
        f.seek(offset)
        byte = f.read(1)
        f.seek(offset)
        f.write(bytes([byte[0] ^ 0xFF]))


def root_page_offset(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
    finally:
        conn.close()
    return int((root - 1) * page_size)


def test_a_backup_while_another_connection_posts_is_a_consistent_snapshot(
        db: Database, db_path: Path) -> None:
    stop = threading.Event()
    posted: list[str] = []

    def counter() -> None:
        with Database.open(db_path) as other:  # its own pool: a second program's connection
            while not stop.is_set() or len(posted) < 5:
                posted.append(sell(other))

    writer = threading.Thread(target=counter)
    writer.start()
    taken: list[backup_folder.BackupInfo] = []
    try:
        while len(taken) < 3:
            if len(posted) > 2 * len(taken):
                info = backup.take_backup(db, reason="scheduled")
                assert info is not None
                taken.append(info)
    finally:
        stop.set()
        writer.join(30)
    assert len(taken) == 3
    for info in taken:
        report = backup_check.verify(info.path)
        assert report.ok, report.text()  # balanced, gapless, audit chain: mid-write or not
        assert 0 < info.manifest["receipts"]["T01"] < len(posted)  # type: ignore[index]
        with sqlite3.connect(info.path) as conn:  # one file, no WAL beside it
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert backup_check.verify(db_path).ok


def test_generations_are_kept_and_the_oldest_pruned(office: Database, db_path: Path) -> None:
    infos = [backup.take_backup(office, reason="close", generations=3) for _ in range(5)]
    kept = backup_folder.backups(db_path)
    assert [b.path for b in kept] == [i.path for i in infos[-3:] if i is not None]
    assert all(backup_folder.manifest_path(b.path).exists() for b in kept)
    assert sorted(p.name for p in backup_folder.backup_dir(db_path).iterdir()) == sorted(
        [b.name for b in kept] + [b.name + ".json" for b in kept])
    # Same second, same stem: numbered, never overwritten.
    assert len({(b.taken_at, b.number) for b in kept}) == 3
    assert backup.take_backup(office, reason="scheduled", skip_unchanged=True) is None
    open_drawers(office)
    assert sell(office) == "T01-000001"
    assert backup.take_backup(office, reason="scheduled", skip_unchanged=True) is not None


def test_verify_finds_a_flipped_byte_and_a_truncated_file(office: Database) -> None:
    first = backup.take_backup(office)
    second = backup.take_backup(office)
    assert first is not None and second is not None
    assert backup_check.verify(first.path).ok

    flip(first.path, first.path.stat().st_size // 2)  # anywhere: the checksum sees it
    report = backup_check.verify(first.path)
    assert not report.ok and "checksum differs" in report.text()

    # Without a manifest, SQLite's own check finds damage to the structure.
    backup_folder.manifest_path(second.path).unlink()
    flip(second.path, root_page_offset(second.path, "operations"))
    report = backup_check.verify(second.path)
    assert not report.ok and "integrity_check" in report.text()

    third = backup.take_backup(office)
    assert third is not None
    with third.path.open("r+b") as f:
        f.truncate(third.path.stat().st_size // 2 + 100)
    report = backup_check.verify(third.path)
    assert not report.ok and "truncated" in report.text()


def test_restore_moves_the_current_file_aside_and_never_deletes_it(
        db: Database, db_path: Path) -> None:
    sell(db)
    taken = backup.take_backup(db, reason="close")
    assert taken is not None
    sell(db)  # T01-000002: only in the file being replaced
    with pytest.raises(backup.BackupError, match="in use"):
        backup_restore.restore(taken.path, db_path)
    db.dispose()

    result = backup_restore.restore(taken.path, db_path)
    assert not result.pending  # a terminal that never joined central
    assert result.replaced[0].name.startswith("terminal.sqlite3.replaced-")
    with sqlite3.connect(result.replaced[0]) as conn:  # the replaced file, whole and readable
        assert conn.execute("SELECT count(*) FROM receipts").fetchone()[0] == 2
    with Database.open(db_path) as restored:
        assert sell(restored) == "T01-000002"  # numbering continues from the backup
        events = [e for e in _audit_rows(restored) if e.kind == "config_change"]
        assert "restored_from" in events[-1].detail and taken.name in events[-1].detail
        assert audit.verify(restored).ok


def _audit_rows(db: Database) -> list[AuditEvent]:
    with db.read() as s:
        rows = list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        s.expunge_all()
    return rows


def test_a_damaged_database_is_refused_at_start_naming_the_latest_good_backup(
        office: Database, db_path: Path) -> None:
    good = backup.take_backup(office, reason="close")
    newest = backup.take_backup(office, reason="scheduled")
    assert good is not None and newest is not None
    office.dispose()
    backup_check.check_database(db_path)  # whole: opens quietly
    flip(newest.path, 5000)  # the newest backup rotted on disk: it is not "good"
    size = db_path.stat().st_size
    with db_path.open("r+b") as f:
        f.truncate(size - 4096)
    with pytest.raises(backup_check.DatabaseDamaged) as caught:
        backup_check.check_database(db_path)
    message = str(caught.value)
    assert "truncated" in message
    assert f"The latest good backup is {good.path.absolute()}" in message
    assert backup_check.restore_command(db_path.absolute(), good.path.absolute()) in message

    with db_path.open("wb") as f:
        f.write(b"this is not a database at all, not even close to one" * 4)
    with pytest.raises(backup_check.DatabaseDamaged, match="not a SQLite database"):
        backup_check.check_database(db_path)
    db_path.unlink()  # gone: a new, empty ledger must not quietly take its place
    with pytest.raises(backup_check.DatabaseDamaged, match="is missing: its backups are there"):
        backup_check.check_database(db_path)


def test_the_backup_commands(office: Database, db_path: Path,
                             monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    out: list[str] = []
    db = ["--db", str(db_path)]
    open_drawers(office)
    sell(office)
    monkeypatch.setattr("sys.stdin", io.StringIO("482193\n"))
    assert main([*db, "drawer", "close", "D1", "--user", "ana", "--cash",
                 "20.00=6,10.00=5,5.00=6,1.00=20"], out=out.append) == 0
    closed = backup_folder.backups(db_path)
    assert [b.reason for b in closed] == ["close"] and out[-1] == f"backup: {closed[0].path}"
    assert main([*db, "backup", "now", "--generations", "5"], out=out.append) == 0
    assert "last receipt: T01-000001" in out[-1]
    assert main([*db, "backup", "list"], out=out.append) == 0
    assert len(out[-2:]) == 2 and "manual" in out[-1] and "close" in out[-2]
    assert main([*db, "backup", "verify"], out=out.append) == 0
    assert out[-1].startswith(f"{db_path}: OK")
    office.dispose()

    flip(closed[0].path, 3000)
    assert main([*db, "backup", "verify", str(closed[0].path)], out=out.append) == 1
    assert "PROBLEM: its checksum differs" in out[-1]
    with db_path.open("r+b") as f:
        f.truncate(db_path.stat().st_size - 4096)
    assert main([*db, "balances"], out=out.append) == 1
    err = capsys.readouterr().err
    assert "is damaged and was not opened" in err and "manual.sqlite3" in err
    command = next(line for line in err.splitlines() if "backup restore" in line).split()
    assert main(command[1:], out=out.append) == 0  # exactly as the message says
    assert main([*db, "balances"], out=out.append) == 0


def test_the_workstation_backs_up_on_a_worker_and_reports_in_the_status_bar(
        office: Database, db_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QObject

    from cashier.ui import backup_jobs
    from cashier.ui.workers import Workers

    class Counter(QObject):  # what BackupJobs uses of the workstation's counter
        def __init__(self) -> None:
            super().__init__()
            self.db = office
            self.workers = Workers(self)

    class Status:
        def __init__(self) -> None:
            self.retry_button = type("Hidden", (), {"isHidden": lambda _self: True})()
            self.trouble = type("Label", (), {"setToolTip": lambda _self, _text: None})()
            self.messages: list[str] = []

        def show_message(self, text: str) -> None:
            self.messages.append(text)

    threads: list[str] = []
    take = backup.take_backup

    def on_a_worker(db: Database, **options: object) -> backup_folder.BackupInfo | None:
        threads.append(threading.current_thread().name)
        return take(db, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_jobs, "take_backup", on_a_worker)
    counter, status = Counter(), Status()
    jobs = backup_jobs.BackupJobs(counter, status,  # type: ignore[arg-type]
                                   backup.BackupSettings(generations=2))
    assert counter.findChild(backup_jobs.BackupJobs) is jobs  # how the close dialog finds it
    jobs.run("close")
    jobs.run("scheduled", skip_unchanged=True)  # queued behind the close, then unchanged
    qtbot.waitUntil(lambda: len(threads) == 2 and not jobs.running)
    assert threading.main_thread().name not in threads
    assert [b.reason for b in backup_folder.backups(db_path)] == ["close"]
    assert status.messages == [f"Backup saved: {backup_folder.backups(db_path)[0].name} "
                               "(last receipt: no receipts)"]
    counter.workers.wait()


def test_backup_settings_come_from_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert backup.load_settings(path) == backup.BackupSettings(60, 10)  # no file: defaults
    path.write_text("[backup]\ninterval_minutes = 15\ngenerations = 3\n", encoding="utf-8")
    assert backup.load_settings(path) == backup.BackupSettings(15, 3)
    for wrong in ("generations = 0", "interval_minutes = -5", "keep = 3",
                  "interval_minutes = true"):
        path.write_text(f"[backup]\n{wrong}\n", encoding="utf-8")
        with pytest.raises(backup.BackupError, match=r"\[backup\]"):
            backup.load_settings(path)
