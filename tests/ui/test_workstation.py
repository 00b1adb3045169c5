"""Opening the drawer and taking payments, keyboard only, checked in the database after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from cashier.devices.coin_sorter import SimulatedCoinSorter
from cashier.devices.stub_scanner import DEFAULT_STUB_LAYOUT
from cashier.ledger.books import account_view
from cashier.ledger.receipts.records import get_receipt
from cashier.ledger.store.models import AuditEvent, DrawerSession
from cashier.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard
from tests.ui.flows import (
    FLOAT,
    cash_payment,
    find_account,
    open_drawer,
    receipt_numbers,
    start_shift,
)

Key = Qt.Key


def test_open_drawer_by_counting_the_float(window: MainWindow, keys: Keyboard) -> None:
    keys.sign_in("ana")
    open_drawer(window, keys)
    keys.wait(lambda: window.stack.currentWidget() is window.payment)
    with window.counter.db.read() as s:
        row = s.scalars(select(DrawerSession)).one()
    assert (row.drawer, row.cashier, row.opening_cents, row.float_approver) == (
        "D1", "ana", 20000, None)
    assert window.status.drawer.text().endswith("D1")


def test_a_float_that_differs_needs_a_supervisor_override(
        window: MainWindow, keys: Keyboard) -> None:
    keys.sign_in("ana")
    open_drawer(window, keys, {**FLOAT, "1.00": 19})  # one dollar short
    keys.wait(lambda: window.open_drawer.dialog is not None
              and window.open_drawer.dialog.isVisible())
    assert "C5" in window.open_drawer.notice.text()
    keys.sign_in("sam")
    keys.wait(lambda: window.stack.currentWidget() is window.payment)
    with window.counter.db.read() as s:
        row = s.scalars(select(DrawerSession)).one()
    assert (row.opening_cents, row.float_approver) == (19900, "sam")


def test_lookup_by_name_two_lines_split_cash_and_check_gives_change(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    keys.type("ruiz")
    keys.wait(lambda: window.payment.lookup.results.count() == 1)
    keys.enter()  # the account panel fills the amount with the balance due
    keys.wait(lambda: window.payment.account.amount.text() == "155.10")
    keys.press(Key.Key_Backspace)
    keys.enter("45.10")  # pay the water bill only
    keys.press(Key.Key_F3)
    keys.enter("DOGA")
    assert window.payment.sale.total == 6510
    keys.type("40.00")
    keys.press(Key.Key_F6)  # check
    keys.wait(lambda: window.payment.dialog is not None)
    keys.enter("1042")
    keys.enter("111000025")
    keys.enter("9876543210")
    keys.ctrl_enter()
    keys.wait(lambda: window.payment.dialog is None)
    keys.type("30.00")
    keys.press(Key.Key_F5)  # cash
    assert window.payment.tenders.change.text() == "Change $4.90"
    keys.press(Key.Key_F12)
    [number] = receipt_numbers(window)
    receipt = get_receipt(window.counter.db, number)
    assert [(line.kind, line.code, line.amount) for line in receipt.lines] == [
        ("account", "1000001", 4510), ("item", "DOGA", 2000)]
    assert [(t.type, t.amount, t.number, t.bank_account_mask) for t in receipt.tenders] == [
        ("check", 4000, "1042", "******3210"), ("cash", 3000, "", "")]
    assert receipt.change == 490
    assert "$4.90" in window.payment.tenders.change.text()
    keys.wait(lambda: "printed" in window.status.trouble.text())
    keys.wait(lambda: kicks(window) == [("ana", "device:cash drawer")])  # its own worker


def kicks(window: MainWindow) -> list[tuple[str, str]]:
    with window.counter.db.read() as s:
        return [(k.actor, k.subject) for k in s.scalars(
            select(AuditEvent).where(AuditEvent.kind == "drawer_kick"))]


def test_a_refused_payment_shows_its_rule_and_keeps_the_sale(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "CASH ONLY", "100.00")
    keys.press(Key.Key_F6)
    keys.wait(lambda: window.payment.dialog is not None)
    keys.enter("77")
    keys.enter("111000025")
    keys.ctrl_enter()
    keys.wait(lambda: window.payment.dialog is None)
    keys.press(Key.Key_F12)
    assert window.payment.notice.text().startswith("Refused (C16)")
    assert receipt_numbers(window) == []
    assert len(window.payment.sale.lines) == 1  # the sale is still there to fix
    keys.press(Key.Key_F9)  # take the check back, pay cash instead
    keys.type("100.00")
    keys.press(Key.Key_F5)
    keys.press(Key.Key_F12)
    assert len(receipt_numbers(window)) == 1
    assert account_view(window.counter.db, "1000003").balance == 0


def test_a_stub_scan_fills_account_and_amount(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    keys.enter(DEFAULT_STUB_LAYOUT.scanline("1000002", 6000))  # typed by the wedge scanner
    keys.wait(lambda: window.payment.account.amount.text() == "60.00")
    assert "JOHN MILLER" in window.payment.account.name.text()


def test_a_stub_with_a_bad_check_digit_is_refused(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    line = DEFAULT_STUB_LAYOUT.scanline("1000002", 6000)
    keys.enter(line[:-1] + str((int(line[-1]) + 1) % 10))
    assert "rescan or key the account" in window.payment.lookup.notice.text()


def test_stale_lookup_answers_are_dropped(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    keys.type("mil")
    keys.type("ler")
    keys.wait(lambda: window.payment.lookup.results.count() == 1)
    keys.press(Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.type("ruiz")
    keys.wait(lambda: not window.counter.workers.busy)
    texts = [window.payment.lookup.results.item(i).text()
             for i in range(window.payment.lookup.results.count())]
    assert len(texts) == 1 and "RUIZ" in texts[0]


def test_cash_payment_with_change(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    number = cash_payment(window, keys, "1000002", "60.00", "100.00")
    assert get_receipt(window.counter.db, number).change == 4000
    assert window.payment.tenders.change.text().endswith("Change $40.00")


def test_coin_sorter_report_fills_the_coin_rows(window: MainWindow, keys: Keyboard) -> None:
    sorter = window.counter.devices.coin_sorter
    assert isinstance(sorter, SimulatedCoinSorter)
    keys.sign_in("ana")
    keys.wait(lambda: window.stack.currentWidget() is window.open_drawer)
    sorter.load({25: 40, 10: 50, 100: 3}, batch="0042")
    keys.press(Key.Key_F4)
    grid = window.open_drawer.grid
    keys.wait(lambda: grid.counts() == {"1.00": 3, "0.25": 40, "0.10": 50})
    assert grid.total.text() == "Total $18.00"
    assert "0042" in grid.notice.text()


def test_keyed_price_item_with_quantity_and_reference(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    keys.press(Key.Key_F3)
    keys.press(Key.Key_Tab)
    keys.type("2")  # quantity, before the code is entered
    keys.press(Key.Key_Backtab)
    keys.enter("BLDP")  # keyed price: Enter goes to the price
    keys.enter("75.00")  # needs a permit number: Enter goes to the reference
    keys.enter("P-1")
    assert [(c.description, c.amount) for c in window.payment.sale.lines] == [
        ("Building permit x2", 15000)]
    keys.press(Key.Key_F5)  # blank amount = the amount due, in cash
    keys.press(Key.Key_F12)
    [number] = receipt_numbers(window)
    [line] = get_receipt(window.counter.db, number).lines
    assert (line.code, line.quantity, line.amount, line.reference) == ("BLDP", 2, 15000, "P-1")
