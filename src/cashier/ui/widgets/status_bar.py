"""The status bar: who, which drawer and terminal, business date, device health, sync state,
and device trouble with a Retry that never stands in the way of the next customer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from cashier.devices.lifecycle import DeviceHealth, DeviceState
from cashier.ledger.rules.values import business_date, now
from cashier.ui.counter import Counter
from cashier.ui.operation import Operation

HEALTH_SECONDS = 20
SYNC_SECONDS = 2


def health_text(health: tuple[DeviceHealth, ...]) -> tuple[str, bool]:
    """One short line for the bar, and whether any device needs attention."""
    bad = [h for h in health
           if not h.online or h.state is DeviceState.ERROR or h.warnings]
    if not bad:
        return f"devices OK ({len(health)})", False
    return "; ".join(f"{h.device}: {h.detail or h.state.value}"
                     + "".join(f" ({w})" for w in h.warnings) for h in bad), True


class StatusBar(QStatusBar):
    def __init__(self, counter: Counter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = counter
        self.setSizeGripEnabled(False)
        self.cashier = self._label("Cashier")
        self.drawer = self._label("Drawer")
        self.terminal = self._label("Terminal")
        self.date = self._label("Business date")
        self.devices = self._label("Device health")
        self.sync = self._label("Sync state")
        self.trouble = self._label("Device trouble")
        self.retry_button = QPushButton()
        self.retry_button.setAccessibleName(self.tr("Retry device job"))
        self.retry_button.hide()
        self.trouble.hide()
        for widget in (self.cashier, self.drawer, self.terminal, self.date, self.sync):
            self.addWidget(widget)
        self.addWidget(self.trouble, 1)
        self.addPermanentWidget(self.retry_button)
        self.addPermanentWidget(self.devices)
        self._retry: Callable[[], None] | None = None
        self.retry_button.clicked.connect(self.retry)
        # Ctrl+R works from every screen: device trouble must be one keystroke from fixed.
        QShortcut(QKeySequence("Ctrl+R"), parent or self, self.retry)
        self.timer = QTimer(self)
        self.timer.setInterval(HEALTH_SECONDS * 1000)
        self.timer.timeout.connect(self.poll_health)
        counter.changed.connect(self.refresh)
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(SYNC_SECONDS * 1000)
        self.sync_timer.timeout.connect(self.show_sync)
        self.sync_timer.start()
        self.retranslate()

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        return label

    def retranslate(self) -> None:
        self.retry_button.setText(self.tr("Retry (Ctrl+R)"))
        self.refresh()

    def refresh(self) -> None:
        c = self.counter
        self.cashier.setText(self.tr("Cashier: %1").replace(
            "%1", f"{c.user.name} ({c.user.id})" if c.user else self.tr("signed out")))
        self.drawer.setText(self.tr("Drawer: %1").replace("%1", c.drawer or self.tr("not open")))
        self.terminal.setText(self.tr("Terminal: %1").replace("%1", c.terminal))
        self.date.setText(self.tr("Business date: %1").replace(
            "%1", business_date(now()).isoformat()))
        self.show_sync()

    def show_sync(self) -> None:
        # The worker's last snapshot: reading it touches neither the disk nor the network.
        sync = self.counter.sync
        if sync is None:
            self.sync.setText(self.tr("Sync: local only"))
            self._mark(self.sync, False)
            return
        state = sync.status
        if state.online:
            text = self.tr("Sync: online")
            if state.backlog:
                text += " · " + self.tr("%1 waiting").replace("%1", str(state.backlog))
        else:
            text = self.tr("Sync: OFFLINE · %1 waiting").replace("%1", str(state.backlog))
        self.sync.setText(text)
        self.sync.setToolTip(state.last_error or "")
        self._mark(self.sync, not state.online)

    def start(self) -> None:
        self.poll_health()
        self.timer.start()

    def poll_health(self) -> None:
        # health() may touch a port or a socket: never on the GUI thread (SPEC §6).
        Operation(self, self.counter.devices.health).success(self.show_health) \
            .failure(lambda exc: self.set_devices(str(exc), True)).run(self.counter.workers)

    def show_health(self, health: tuple[DeviceHealth, ...]) -> None:
        self.set_devices(*health_text(health))
        self.devices.setToolTip("\n".join(h.summary() for h in health))

    def set_devices(self, text: str, trouble: bool) -> None:
        self.devices.setText(text)
        self._mark(self.devices, trouble)

    def show_trouble(self, text: str, retry: Callable[[], None] | None = None) -> None:
        self.trouble.setText(text)
        self.trouble.setAccessibleDescription(text)
        self._mark(self.trouble, True)
        self.trouble.show()
        self._retry = retry
        self.retry_button.setVisible(retry is not None)

    def show_message(self, text: str) -> None:
        """Good news from a device job (receipt printed): replaces any old trouble."""
        self._retry = None
        self.retry_button.hide()
        self.trouble.setText(text)
        self._mark(self.trouble, False)
        self.trouble.show()

    def retry(self) -> None:
        retry, self._retry = self._retry, None
        self.retry_button.hide()
        if retry is not None:
            retry()

    @staticmethod
    def _mark(label: QLabel, trouble: bool) -> None:
        label.setProperty("trouble", trouble)
        label.style().unpolish(label)
        label.style().polish(label)
