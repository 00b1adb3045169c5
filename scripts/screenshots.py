"""Render the workstation's screens to docs/screenshots/*.png (for README and docs/ui.md).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Runs on a throw-away demo database with the simulated devices, and drives the window the
way its people do (sign in, count the float, find an account, add an item, tender, hand the
drawer to a relief cashier, the supervisor's console, Daily Cash Report and a payment
transfer), so the pictures show the real screens, not mock-ups.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cashier.devices.settings import DeviceSettings
from cashier.devices.station import build_devices
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import activity, open_session_of
from cashier.ledger.receipts.records import receipts_for_day
from cashier.ledger.rules.denominations import denominations
from cashier.ledger.rules.drawer_math import expected
from cashier.ledger.rules.values import business_date, now
from cashier.services.demo import build_demo
from cashier.ui.app import build_window
from cashier.ui.counter import KickRelay, UiSettings
from cashier.ui.drawer.handoff_dialog import HandoffDialog
from cashier.ui.main_window import MainWindow
from cashier.ui.supervisor.corrections import TransferDialog
from cashier.ui.supervisor.dialogs import DailyReportDialog

SIZE = (1440, 900)


def settle(condition: Callable[[], bool] = lambda: True, seconds: float = 5.0) -> None:
    """Let queued signals (worker results) arrive until ``condition`` holds."""
    waited = 0.0
    while waited < seconds:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition():
            break
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 0.05
    QCoreApplication.processEvents()


def shoot(widget: QWidget, out: Path, name: str) -> None:
    settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path}")


def screens(window: MainWindow, out: Path) -> None:
    window.sign_in.user_box.setText("ana")
    shoot(window, out, "01-sign-in")
    window.sign_in.pin_box.setText("482193")
    window.sign_in.submit()
    settle(lambda: window.stack.currentWidget() is window.open_drawer)
    window.open_drawer.grid.set_counts({"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 20})
    shoot(window, out, "02-open-drawer")
    window.open_drawer.submit()
    settle(lambda: window.stack.currentWidget() is window.payment)
    payment = window.payment
    payment.lookup.search.setText("RUIZ")
    payment.lookup.search.textEdited.emit("RUIZ")
    settle(lambda: payment.lookup.results.count() > 0)
    payment.lookup.results.setCurrentRow(0)
    payment.lookup.search.returnPressed.emit()
    settle(lambda: payment.account.view is not None)
    payment.account.amount.returnPressed.emit()
    payment.cart.entry.code.setText("DOGA")
    payment.cart.entry.code.returnPressed.emit()
    settle()
    payment.cart.entry.reference.setText("TAG-88")
    payment.cart.entry.reference.returnPressed.emit()
    shoot(window, out, "03-payment")
    payment.tenders.amount.setText("500.00")
    payment.tenders.take("cash")
    payment.finish()
    settle(lambda: "printed" in window.status.trouble.text())
    shoot(window, out, "04-change-due")
    window.language.set("es")
    settle()
    shoot(window, out, "05-payment-es")
    window.language.set("en")
    settle()
    handoff(window, out)
    supervisor(window, out)


def whole_count(cents: int) -> dict[str, int]:
    """``cents`` as few notes and coins as possible: a count that balances to the cent."""
    counts: dict[str, int] = {}
    for denom in sorted((d for d in denominations() if d.kind != "roll"),
                        key=lambda d: d.unit, reverse=True):
        number, cents = divmod(cents, denom.unit)
        if number:
            counts[denom.key] = counts.get(denom.key, 0) + number
    return counts


def handoff(window: MainWindow, out: Path) -> None:
    """Ana hands drawer D1 to raj: the count both sign, then what it showed."""
    db = window.counter.db
    with db.read() as session:
        row = open_session_of(session, "D1")
        assert row is not None
        cash = expected(activity(session, row)).cash
    window.drawer_actions.actions["handoff"].trigger()
    dialog = window.drawer_actions.dialog
    assert isinstance(dialog, HandoffDialog)
    dialog.grid.set_counts(whole_count(cash))
    shoot(dialog, out, "06-handoff")
    dialog.submit()
    assert dialog.approval is not None
    dialog.approval.user_box.setText("raj")
    dialog.approval.pin_box.setText("731046")
    dialog.approval.check()
    settle(lambda: dialog.pages.currentIndex() == 1)
    shoot(dialog, out, "07-handoff-result")
    dialog.accept()
    settle(lambda: window.stack.currentWidget() is window.payment)


def supervisor(window: MainWindow, out: Path) -> None:
    """Sam signs in at the end of the day: the console, the Daily Cash Report, then a
    payment keyed on the wrong account, moved to the right one."""
    window.lock()
    window.sign_in.user_box.setText("sam")
    window.sign_in.pin_box.setText("246813")
    window.sign_in.submit()
    console = window.console
    settle(lambda: console.table.rowCount() == 2)
    shoot(window, out, "08-supervisor-console")
    console.report()
    dialog = console.dialog
    assert isinstance(dialog, DailyReportDialog)
    settle(lambda: dialog.checks.rowCount() > 0)
    shoot(dialog, out, "09-daily-cash-report")
    dialog.reject()
    settle(lambda: console.dialog is None)
    transfer(window, out)


def transfer(window: MainWindow, out: Path) -> None:
    """F3 on ana's payment (her session ended at the handoff): what the transfer will do."""
    first = receipts_for_day(window.counter.db, business_date(now()))[0]
    window.console.transfer()
    dialog = window.console.dialog
    assert isinstance(dialog, TransferDialog)
    dialog.receipt.setText(first.number)
    dialog.to_account.setText("1000002")
    dialog.reason.setText("keyed the neighbour's account")
    dialog.look()
    settle(lambda: dialog.entry.rowCount() > 0)
    shoot(dialog, out, "10-transfer-payment")
    dialog.reject()
    settle()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="cashier-shots-") as folder:
        db = Database.open(Path(folder) / "demo.sqlite3")
        build_demo(db, accounts=500)
        kicks = KickRelay()
        devices = build_devices(DeviceSettings(), on_kick=kicks)
        window = build_window(db, devices, DeviceSettings(), UiSettings(), app, kicks)
        window.resize(*SIZE)
        window.show()
        settle(lambda: window.status.devices.text() != "")
        try:
            screens(window, args.out)
        finally:
            window.counter.workers.wait(10_000)
            window.close()
            devices.close_all()
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
