"""The counter the window runs at: its database, devices, terminal id, who is signed in and
which drawer they work. Every screen gets this one object instead of globals.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from cashier.devices.plugin import DrawerKick
from cashier.devices.settings import DeviceSettings
from cashier.devices.station import CounterDevices
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.reference import office, pick_lists
from cashier.ledger.reference.users import UserInfo
from cashier.sync.worker import SyncWorker
from cashier.ui.workers import Workers


@dataclass(frozen=True)
class UiSettings:
    """The ``[ui]`` table of the terminal's settings file."""

    idle_lock_seconds: int = 300  # C14: an idle terminal locks itself
    language: str = "en"
    reports_folder: str = ""  # where the supervisor's PDFs go unless another file is typed


class Counter(QObject):
    """Shared state of one workstation. ``changed`` tells the screens when it changes."""

    changed = Signal()  # user or drawer changed: the status bar and screens redraw

    def __init__(self, db: Database, devices: CounterDevices, device_settings: DeviceSettings,
                 ui: UiSettings | None = None) -> None:
        super().__init__()
        self.db = db
        self.devices = devices
        self.device_settings = device_settings
        self.ui = ui or UiSettings()
        self.user: UserInfo | None = None
        self.drawer: str | None = None  # the drawer this user has open at this terminal
        self.workers = Workers(self)
        # Set by the app when this terminal has joined central; None means local only.
        self.sync: SyncWorker | None = None
        with db.read() as session:  # the receipt header; read once, it changes with a restart
            self.office_name = office.get(session, office.OFFICE_NAME)

    @property
    def terminal(self) -> str:
        return self.device_settings.terminal

    @property
    def reports_folder(self) -> Path:
        """As configured (``~`` is expanded only when a file is written)."""
        return Path(self.ui.reports_folder or "~/cashier-reports")

    @property
    def is_supervisor(self) -> bool:
        return self.user is not None and self.user.role == "supervisor"

    @property
    def user_id(self) -> str:
        return self.user.id if self.user else ""

    def set_user(self, user: UserInfo | None) -> None:
        self.user = user
        self.refresh_drawer()

    def refresh_drawer(self) -> None:
        """Find the drawer of this terminal that the signed-in user has open (C4: one)."""
        self.drawer = None
        if self.user is not None:
            for info in pick_lists.drawers(self.db, self.terminal):
                if info.open_for == self.user.id:
                    self.drawer = info.code
        self.changed.emit()

    def audit_kick(self, kick: DrawerKick) -> None:
        """Every kick, good or failed, is an audit event (SPEC §6); called on a worker."""
        audit.log(self.db, "drawer_kick", self.user_id or "system",
                  subject=f"device:{kick.drawer}", at=kick.at,
                  detail={"reason": kick.reason, "ok": kick.ok, "error": kick.error})


class KickRelay:
    """The drawer is built before the counter it reports kicks to: this forwards them to the
    counter once it is attached (a kick before that is a start-up test, not a sale)."""

    def __init__(self) -> None:
        self.counter: Counter | None = None

    def __call__(self, kick: DrawerKick) -> None:
        if self.counter is not None:
            self.counter.audit_kick(kick)
