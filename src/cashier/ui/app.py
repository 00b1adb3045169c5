"""Starting the workstation: ``cashier`` with no arguments, or ``cashier ui``.

Opens the terminal database (a new path gets the demo city, so the program is usable with
nothing configured), reads the settings file (simulated devices unless it says otherwise),
shows the window at once and starts the devices on a worker: a port that takes seconds to
answer must not delay the first sign-in. A damaged database, or one restored and still
waiting for central's operations, is not opened: a window says why and what to run.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from cashier.devices import settings as device_config
from cashier.devices.errors import SettingsError
from cashier.devices.settings import DeviceSettings
from cashier.devices.station import CounterDevices, build_devices
from cashier.ledger.backup.check import DatabaseDamaged, RestorePending, check_database
from cashier.ledger.backup.take import BackupSettings
from cashier.ledger.backup.take import load_settings as backup_settings
from cashier.ledger.database import Database, default_db_path
from cashier.services.demo import build_demo
from cashier.sync.worker import SyncWorker
from cashier.sync.worker import status as sync_status
from cashier.ui import collector
from cashier.ui.backup_jobs import BackupJobs
from cashier.ui.counter import Counter, KickRelay, UiSettings
from cashier.ui.i18n import Language
from cashier.ui.main_window import MainWindow
from cashier.ui.widgets import theme


def ui_settings(path: Path, device_settings: DeviceSettings) -> UiSettings:
    """The ``[ui]`` table (``idle_lock_seconds``, ``language``, ``reports_folder``); the
    file's other tables belong to the devices and the rest of the program."""
    table: dict[str, object] = {}
    if path.exists():
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("ui", {})
    seconds = table.get("idle_lock_seconds", UiSettings.idle_lock_seconds)
    language = table.get("language", device_settings.language)
    if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 10:
        raise SettingsError("settings", "[ui] idle_lock_seconds must be a whole number >= 10")
    if language not in ("en", "es"):
        raise SettingsError("settings", "[ui] language must be 'en' or 'es'")
    folder = table.get("reports_folder", "")
    if not isinstance(folder, str):
        raise SettingsError("settings", "[ui] reports_folder must be a folder's path")
    return UiSettings(idle_lock_seconds=seconds, language=str(language), reports_folder=folder)


def open_database(db_path: str | None) -> Database:
    path = Path(db_path) if db_path else default_db_path()
    fresh = not path.exists()
    # Costs a header read and a schema read (about 3 ms on a million accounts); SQLite's own
    # quick_check (2 s there) runs only when that finds something wrong.
    check_database(path)
    db = Database.open(path)
    if fresh:
        build_demo(db)
    return db


def build_window(db: Database, devices: CounterDevices, device_settings: DeviceSettings,
                 ui: UiSettings, app: QApplication, kicks: KickRelay | None = None, *,
                 sync: SyncWorker | None = None,
                 backups: BackupSettings | None = None) -> MainWindow:
    """The window over an open database and (not yet started) devices. Backups are taken at
    each drawer close; the schedule is started by ``run``."""
    collector.install(app)
    theme.apply(app)
    language = Language(app)
    language.set(ui.language)
    counter = Counter(db, devices, device_settings, ui)
    counter.sync = sync
    if kicks is not None:
        kicks.counter = counter
    window = MainWindow(counter, language)
    BackupJobs(counter, window.status, backups or BackupSettings())
    counter.workers.run(devices.start_all, lambda failed: _started(window, failed),
                        lambda exc: window.status.show_trouble(str(exc)))
    return window


def _started(window: MainWindow, failed: object) -> None:
    assert isinstance(failed, dict)
    for error in failed.values():
        window.status.show_trouble(str(error))
    window.status.start()


def run(db_path: str | None = None, settings_path: str | None = None,
        argv: list[str] | None = None) -> int:
    """Open the database and settings, show the main window, run until it closes."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("cashier")
    device_settings = device_config.load_settings(settings_path)
    ui = ui_settings(device_config.settings_path(settings_path), device_settings)
    backups = backup_settings(device_config.settings_path(settings_path))
    try:
        db = open_database(db_path)
    except (DatabaseDamaged, RestorePending) as exc:
        QMessageBox.critical(None, "cashier", str(exc))
        return 1
    kicks = KickRelay()
    devices = build_devices(device_settings, on_kick=kicks)
    # A terminal that joined central syncs on its own thread from the start; the counter
    # never waits for it (SPEC §7).
    sync = SyncWorker(db) if sync_status(db).configured else None
    window = build_window(db, devices, device_settings, ui, app, kicks, sync=sync,
                          backups=backups)
    if sync is not None:
        sync.start()
    jobs = window.counter.findChild(BackupJobs)
    if jobs is not None:
        jobs.start_schedule()
    window.showMaximized()
    try:
        return app.exec()
    finally:
        if sync is not None:
            sync.stop()
        window.counter.workers.wait(5000)
        devices.close_all()
        db.dispose()
