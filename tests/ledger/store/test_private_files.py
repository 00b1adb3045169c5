"""SPEC §11: the files the ledger writes are owner-only, whatever the caller's umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cashier.ledger.backup.restore import restore
from cashier.ledger.backup.take import take_backup
from cashier.ledger.database import Database
from cashier.ledger.store.private_files import owner_only_umask

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what a desktop session usually has: files readable by all
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("loose_umask")
def test_a_new_database_and_its_wal_are_the_owners_alone(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    with Database.open(path) as db, db.write():
        pass
    assert mode(path) == 0o600
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        assert mode(wal) == 0o600


@pytest.mark.usefixtures("loose_umask")
def test_an_existing_database_readable_by_others_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    Database.open(path).dispose()
    os.chmod(path, 0o644)
    Database.open(path).dispose()
    assert mode(path) == 0o600


@pytest.mark.usefixtures("loose_umask")
def test_backups_their_manifests_and_a_restored_file_are_private(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    with Database.open(path) as db:
        taken = take_backup(db, reason="manual")
    assert taken is not None
    assert mode(taken.path) == 0o600
    manifests = [p for p in taken.path.parent.iterdir() if p != taken.path]
    assert manifests
    assert all(mode(p) == 0o600 for p in manifests)
    restore(taken.path, path)
    assert mode(path) == 0o600


def test_the_programs_umask_keeps_what_the_front_ends_write_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        owner_only_umask()
        export = tmp_path / "day.jsonl"
        export.write_text("{}\n")
        assert mode(export) == 0o600
    finally:
        os.umask(old)
