"""Card payments through the terminal simulator on a real HTTPS loopback socket."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cashier.devices.card_simulator import SimulatedCardTerminal
from cashier.ledger.receipts import get_receipt
from cashier.ui.card_dialog import CardDialog
from cashier.ui.main_window import MainWindow
from tests.ui.conftest import Keyboard
from tests.ui.flows import find_account, receipt_numbers, start_shift

Key = Qt.Key


def simulator(window: MainWindow) -> SimulatedCardTerminal:
    terminal = window.counter.devices.card_terminal
    assert isinstance(terminal, SimulatedCardTerminal)
    return terminal


def card_dialog(window: MainWindow) -> CardDialog:
    dialog = window.payment.dialog
    assert isinstance(dialog, CardDialog)
    return dialog


@pytest.mark.parametrize("card_mode", [("slow", {})])
def test_card_sale_whose_answer_is_lost_recovers_without_a_second_charge(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    keys.press(Key.Key_F8)
    keys.wait(lambda: window.payment.sale.pending_card is not None)  # stored before sending
    assert card_dialog(window).state == "waiting"
    keys.wait(lambda: window.payment.dialog is None, timeout=8000)
    assert window.payment.sale.card_results[0].recovered
    keys.press(Key.Key_F12)
    [number] = receipt_numbers(window)
    [tender] = get_receipt(window.counter.db, number).tenders
    assert (tender.type, tender.amount, tender.card_brand, tender.card_last4) == (
        "card", 6000, "VISA", "1111")
    assert simulator(window).simulator.payment_requests == 1


@pytest.mark.parametrize("card_mode", [("slow", {"status_timeout": 0.3,
                                                 "in_progress_seconds": 1.5})])
def test_card_outcome_unknown_blocks_other_tenders_until_the_terminal_answers(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    keys.press(Key.Key_F8)
    keys.wait(lambda: window.payment.dialog is not None
              and card_dialog(window).state == "unknown", timeout=8000)
    keys.press(Key.Key_Escape)  # later: the sale stays pending
    keys.wait(lambda: window.payment.dialog is None)
    keys.type("60.00")
    keys.press(Key.Key_F5)
    assert "F8" in window.payment.notice.text()  # no cash while the card is unresolved
    assert window.payment.sale.tenders == []
    keys.press(Key.Key_F8)  # asks about the same reference: never a second sale
    keys.wait(lambda: window.payment.dialog is not None)
    while window.payment.dialog is not None:
        if card_dialog(window).state == "unknown":
            keys.enter()
        keys.qtbot.wait(100)
    keys.press(Key.Key_F12)
    assert len(receipt_numbers(window)) == 1
    assert simulator(window).simulator.payment_requests == 1


@pytest.mark.parametrize("card_mode", [("decline", {})])
def test_a_declined_card_adds_no_tender(window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    keys.press(Key.Key_F8)
    keys.wait(lambda: window.payment.dialog is not None
              and card_dialog(window).state == "done")
    assert "not approved" in card_dialog(window).notice.text()
    keys.press(Key.Key_Escape)
    keys.wait(lambda: window.payment.dialog is None)
    assert window.payment.sale.tenders == [] and window.payment.sale.pending_card is None
