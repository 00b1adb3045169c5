"""The workstation window: sign-in / lock, open drawer, payment screen, drawer actions, the
supervisor console, remittance batches, the status bar. It only moves between screens; each
screen talks to the services itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStackedWidget, QWidget

from cashier.ledger.reference.users import PAYMENT_TAKERS, UserInfo
from cashier.ui.batch.screen import BatchScreen
from cashier.ui.counter import Counter
from cashier.ui.device_jobs import DeviceJobs
from cashier.ui.drawer.actions import DrawerActions
from cashier.ui.drawer.open_drawer import OpenDrawerScreen
from cashier.ui.i18n import Language
from cashier.ui.payment.sale import Sale
from cashier.ui.payment.screen import PaymentScreen
from cashier.ui.sign_in import IdleLock, SignInScreen
from cashier.ui.supervisor.console import SupervisorConsole
from cashier.ui.widgets.approval import ApprovalDialog
from cashier.ui.widgets.keys import refocus
from cashier.ui.widgets.status_bar import StatusBar


class MainWindow(QMainWindow):
    def __init__(self, counter: Counter, language: Language) -> None:
        super().__init__()
        self.counter = counter
        self.language = language
        self.setObjectName("cashier")
        self.parked: dict[str, Sale] = {}  # each user's unfinished sale while someone else works
        self.status = StatusBar(counter, self)
        self.setStatusBar(self.status)
        self.jobs = DeviceJobs(counter, self.status)
        self.sign_in = SignInScreen(counter)
        self.open_drawer = OpenDrawerScreen(counter)
        self.payment = PaymentScreen(counter, self.jobs)
        self.console = SupervisorConsole(counter)
        self.batches = BatchScreen(counter)
        self.stack = QStackedWidget()
        for screen in (self.sign_in, self.open_drawer, self.payment, self.console, self.batches):
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        self.sign_in.signed_in.connect(self.signed_in)
        self.open_drawer.opened.connect(lambda _d: self.show_work())
        self.console.work.connect(self.show_work)
        self.batches.work.connect(self.show_work)
        # Five wrong PINs in a console dialog lock the user out; the screen locks with them.
        self.console.locked_out.connect(self.lock)
        self.idle = IdleLock(counter.ui.idle_lock_seconds, self)
        self.idle.idle.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.session_menu = self.menuBar().addMenu("")
        self.lock_action = self._action(self.session_menu, "Ctrl+L", self.lock)
        self.language_action = self._action(self.session_menu, "Ctrl+Shift+E",
                                            self.language.toggle)
        self.console_action = self._action(self.session_menu, "Ctrl+Shift+S", self.ask_console)
        self.console_pin: ApprovalDialog | None = None
        counter.changed.connect(lambda: self.console_action.setEnabled(counter.is_supervisor))
        self.console_action.setEnabled(False)
        # F11 only from the drawer screens: the console has an F11 of its own (office view).
        self.batches_action = self._action(self.session_menu, "F11", self.show_batches)
        self.stack.currentChanged.connect(lambda _i: self._allow_batches())
        counter.changed.connect(self._allow_batches)
        self.drawer_actions = DrawerActions(self, counter, self.jobs, self.payment)
        self.drawer_actions.drawer_closed.connect(self.drawer_closed)
        self.drawer_actions.handed_off.connect(self.signed_in)  # the relief cashier goes on
        self.retranslate()
        self.show_sign_in()

    def _action(self, menu: QWidget, keys: str, slot: object) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # live even when the menu bar is hidden
        return action

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Cashier"))
        self.session_menu.setTitle(self.tr("&Session"))
        self.lock_action.setText(self.tr("Lock screen"))
        self.language_action.setText(self.tr("Español / English"))
        self.console_action.setText(self.tr("Supervisor console"))
        self.batches_action.setText(self.tr("Remittance batches"))
        for screen in (self.sign_in, self.open_drawer, self.payment, self.console, self.batches,
                       self.status, self.drawer_actions):
            screen.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- moving between screens --------------------------------------------------------------

    def show_sign_in(self, locked_for: str = "") -> None:
        self.idle.disarm()
        self.drawer_actions.set_enabled(False)
        self.stack.setCurrentWidget(self.sign_in)
        self.sign_in.start(locked_for)

    def signed_in(self, user: object) -> None:
        assert isinstance(user, UserInfo)
        self.counter.set_user(user)
        self.payment.set_sale(self.parked.pop(user.id, Sale()))
        self.idle.arm()
        if self.counter.is_supervisor and self.counter.drawer is None:
            # No drawer of theirs here: the end of day is their work. The PIN was just typed.
            self.show_console()
        else:
            self.show_work()

    def show_work(self) -> None:
        self.counter.refresh_drawer()
        if self.counter.drawer is None:
            self.drawer_actions.set_enabled(False)
            self.stack.setCurrentWidget(self.open_drawer)
            self.open_drawer.start()
        else:
            self.drawer_actions.set_enabled(True)
            self.stack.setCurrentWidget(self.payment)
            self.payment.start()
        self.activateWindow()

    def ask_console(self) -> None:
        """Ctrl+Shift+S: the supervisor's PIN again before the console opens. Whoever stands
        at a supervisor's drawer screen is not necessarily the supervisor, and every approval
        in the console is recorded in their name."""
        user = self.counter.user
        if (user is None or not self.counter.is_supervisor or self.console_pin is not None
                or self.stack.currentWidget() is self.console):
            return
        dialog = ApprovalDialog(
            self, self.counter.db, self.tr("Supervisor console"),
            self.tr("%1: your PIN opens the supervisor console; its approvals are recorded in "
                    "your name.").replace("%1", f"{user.name} ({user.id})"),
            ok_text=self.tr("Open console"), user=user.id)
        back = QApplication.focusWidget()  # Esc returns the keyboard to the drawer work
        dialog.approved.connect(lambda _id, _note: self.show_console())
        dialog.locked_out.connect(lambda _id: self.lock())  # C14: not at this screen either
        dialog.finished.connect(lambda _r: self._console_pin_closed(back))
        self.console_pin = dialog
        dialog.open()

    def _console_pin_closed(self, back: QWidget | None) -> None:
        if self.console_pin is not None:
            self.console_pin.deleteLater()
        self.console_pin = None
        if back is not None and self.stack.currentWidget() is not self.console:
            refocus(back)

    def show_console(self) -> None:
        if not self.counter.is_supervisor:
            return
        self.drawer_actions.set_enabled(False)
        self.stack.setCurrentWidget(self.console)
        self.console.start()
        self.activateWindow()

    def _allow_batches(self) -> None:
        user = self.counter.user
        self.batches_action.setEnabled(
            user is not None and user.role in PAYMENT_TAKERS
            and self.stack.currentWidget() in (self.open_drawer, self.payment))

    def show_batches(self) -> None:
        """F11: mail and drop-box batches. They post in the terminal's remittance range, not
        in a drawer, so a clerk keys them with or without a drawer open."""
        if not self.batches_action.isEnabled():
            return
        self.drawer_actions.set_enabled(False)
        self.stack.setCurrentWidget(self.batches)
        self.batches.start()
        self.activateWindow()

    def lock(self) -> None:
        """Lock the screen (Ctrl+L or idle, C14), keeping the user's sale for their return."""
        user = self.counter.user
        if user is None:
            return
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()  # nothing half-approved stays on screen behind the lock
        if any(dialog.isVisible() for dialog in self.findChildren(QDialog)):
            self.idle.arm()  # a card sale is in progress: lock once the terminal answers
            return
        if not self.payment.sale.empty:
            self.parked[user.id] = self.payment.sale
        self.payment.set_sale(Sale())
        self.counter.set_user(None)
        self.show_sign_in(locked_for=user.id)

    def drawer_closed(self) -> None:
        self.show_work()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.idle.disarm()
        self.counter.workers.wait(3000)
        super().closeEvent(event)
