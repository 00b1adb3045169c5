"""Card payments through the terminal simulator on a real HTTPS loopback socket."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from cashier.devices.card.simulator import SimulatedCardTerminal
from cashier.devices.card.terminal import CardResult, ReferenceHook
from cashier.ledger.receipts.records import get_receipt
from cashier.ui.main_window import MainWindow
from cashier.ui.payment.card_dialog import CardDialog
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


def test_cancel_before_the_request_leaves_sends_nothing(
        window: MainWindow, keys: Keyboard, monkeypatch: pytest.MonkeyPatch) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    terminal = simulator(window)
    line_free = threading.Event()
    sale = terminal.sale

    def after_the_earlier_job(amount: int, transaction: str, on_reference: ReferenceHook
                              ) -> CardResult:
        line_free.wait(5)  # the terminal is still busy with an earlier job
        return sale(amount, transaction, on_reference)

    monkeypatch.setattr(terminal, "sale", after_the_earlier_job)
    keys.press(Key.Key_F8)
    keys.wait(lambda: window.payment.dialog is not None)
    dialog = card_dialog(window)
    assert dialog.state == "waiting"
    keys.press(Key.Key_Escape)
    assert "not asked yet" in dialog.heading.text()  # at once: nothing waited on the terminal
    line_free.set()
    keys.wait(lambda: dialog.state == "done")
    assert "not charged" in dialog.notice.text()
    keys.press(Key.Key_Escape)
    keys.wait(lambda: window.payment.dialog is None)
    assert window.payment.sale.tenders == [] and window.payment.sale.pending_card is None
    assert terminal.simulator.payment_requests == 0


@pytest.mark.parametrize("card_mode", [("slow", {})])
def test_cancel_sends_one_abort_and_the_terminal_s_answer_still_settles_the_sale(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    keys.press(Key.Key_F8)
    keys.wait(lambda: window.payment.sale.pending_card is not None)
    dialog = card_dialog(window)
    keys.press(Key.Key_Escape)
    assert "Cancel sent" in dialog.heading.text() and dialog.state == "waiting"
    keys.press(Key.Key_Escape)  # impatient: still one abort
    # The customer was quicker: the answer, recovered by the status check, is an approval.
    keys.wait(lambda: window.payment.dialog is None, timeout=8000)
    assert [r.approved for r in window.payment.sale.card_results] == [True]
    terminal = simulator(window).simulator
    keys.wait(lambda: "Abort" in terminal.categories)
    assert terminal.categories.count("Abort") == 1 and terminal.payment_requests == 1


@pytest.mark.parametrize("card_mode", [("slow", {"timeout": 5.0, "slow_seconds": 3.0})])
def test_the_abort_reaches_the_terminal_while_the_customer_is_at_the_keypad(
        window: MainWindow, keys: Keyboard) -> None:
    start_shift(window, keys)
    find_account(window, keys, "1000002", "60.00")
    keys.press(Key.Key_F8)
    keys.wait(lambda: window.payment.sale.pending_card is not None)
    keys.press(Key.Key_Escape)
    terminal = simulator(window).simulator
    try:
        keys.wait(lambda: "Abort" in terminal.categories, timeout=2000)
        assert card_dialog(window).state == "waiting"  # the sale's answer has not come yet
    finally:
        keys.wait(lambda: window.payment.dialog is None, timeout=8000)
