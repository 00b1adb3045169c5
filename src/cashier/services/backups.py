"""The backup a drawer close takes, with the ``[backup]`` settings of the workstation's
settings file: the same for ``cashier drawer close`` and the close screen."""

from __future__ import annotations

from cashier.ledger.backup import take
from cashier.ledger.backup.folder import BackupInfo
from cashier.ledger.database import Database


def backup_settings() -> take.BackupSettings:
    """``[backup]`` of the settings file the workstation reads (CASHIER_SETTINGS or the
    user's config directory)."""
    from cashier.devices.settings import settings_path  # the devices' file, not their code

    return take.load_settings(settings_path(None))


def backup_after_close(db: Database) -> BackupInfo | None:
    """Back the database up now that a drawer closed (None: nothing changed since the last);
    raises what the backup raises, for the caller to show as a warning."""
    return take.take_backup(db, reason="close", generations=backup_settings().generations)
