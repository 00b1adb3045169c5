"""The backups folder beside a terminal database: where its backups are, what their names
say (when each was taken, and why), and the JSON manifest written beside each one holding its
SHA-256 and what it holds.

Taking, checking and restoring all read the folder, so this sits below the three of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cashier.ledger.receipts.payments import receipt_number

BACKUP_DIR = "backups"
HASH_CHUNK = 1 << 20

_NAME = re.compile(r"-(\d{8}T\d{6})(?:-(\d+))?(?:-([a-z][a-z_]*))?\.sqlite3$")
STAMP = "%Y%m%dT%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # local time, from the name
    number: int  # 2, 3 … for a second backup in the same second
    reason: str
    manifest: dict[str, Any] | None

    @property
    def name(self) -> str:
        return self.path.name

    def last_receipts(self) -> str:
        receipts = (self.manifest or {}).get("receipts") or {}
        return ", ".join(receipt_number(t, int(n)) for t, n in sorted(receipts.items())) \
            or "no receipts"

    def saved(self) -> str:
        """What the workstation's status bar says once it is written."""
        return f"Backup saved: {self.name} (last receipt: {self.last_receipts()})"

    def summary(self) -> str:
        size = self.path.stat().st_size if self.path.exists() else 0
        return (f"{self.name}  {self.taken_at:%Y-%m-%d %H:%M:%S}  {self.reason or '-'}  "
                f"{size / 1e6:.1f} MB  last receipt: {self.last_receipts()}")


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIR


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def backups(db_path: Path) -> list[BackupInfo]:
    """The backups of ``db_path``, oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    found = []
    for path in folder.iterdir():
        if not path.name.startswith(stem + "-"):
            continue
        match = _NAME.fullmatch(path.name[len(stem):])
        if match is None:
            continue
        stamp, number, reason = match.groups()
        try:
            taken = dt.datetime.strptime(stamp, STAMP)
        except ValueError:
            continue  # digits that are no time: not a name this program gave
        found.append(BackupInfo(path, taken, int(number or 1), reason or "",
                                read_manifest(path)))
    return sorted(found, key=lambda b: (b.taken_at, b.number))


def read_manifest(backup: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def checksum(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
