"""Files the program writes are its owner's alone (SPEC §11): the database and its WAL, the
backups and their manifests, exports, interface files and report PDFs.

The database's ``-wal`` and ``-shm`` need nothing of their own: SQLite creates them with the
database file's permissions. Everything a front end writes is covered by ``owner_only_umask``
at program start; the ledger's own files are made private here explicitly, so that a caller
with a loose umask (a service wrapper, a test) still gets them private. On Windows ``chmod``
only sets the read-only flag; there the user profile's ACL is what keeps the data folder
private (docs/security.md).
"""

from __future__ import annotations

import os
from pathlib import Path

OWNER_ONLY = 0o600
OWNER_ONLY_UMASK = 0o077


def create_private(path: Path) -> None:
    """Create ``path`` empty and owner-only, before anything is written to it."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY)
    os.close(fd)
    make_private(path)


def make_private(path: Path) -> None:
    """Take group and other access away from an existing file (a umask may have left some).

    The owner's own bits are kept: a file its owner made read-only stays read-only, so the
    ledger refuses to write to it rather than quietly making it writable again.
    """
    if os.name == "posix":
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)


def owner_only_umask() -> int:
    """Every file the process creates from now on is the owner's alone; returns the umask it
    replaced (a front end called in-process, by a test, puts it back)."""
    return os.umask(OWNER_ONLY_UMASK)
