"""The one way a screen runs slow work (ui/operation.py): busy line and held controls while it
runs, the answer on the GUI thread, the refusal in the notice, nothing for a closed dialog."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cashier.ledger.rules.errors import InvalidLine
from cashier.ui.operation import Operation
from cashier.ui.widgets.notice import Notice
from cashier.ui.workers import Workers


@pytest.fixture
def screen(qtbot: QtBot) -> tuple[QWidget, Notice, QPushButton, Workers]:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget, Notice(widget), QPushButton("Read", widget), Workers(widget)


def test_the_answer_comes_back_on_the_gui_thread_and_the_control_is_released(
        qtbot: QtBot, screen: tuple[QWidget, Notice, QPushButton, Workers]) -> None:
    widget, notice, button, workers = screen
    gate, threads = threading.Event(), []
    answers: list[int] = []

    def work() -> int:
        threads.append(threading.current_thread())
        gate.wait(5)
        return 42

    Operation(widget, work).busy(notice, "Reading…", button).success(answers.append) \
        .run(workers)
    assert not button.isEnabled() and notice.text() == "Reading…"
    gate.set()
    qtbot.waitUntil(lambda: answers == [42])
    assert threads[0] is not threading.main_thread()
    assert button.isEnabled() and notice.text() == ""


def test_a_failure_is_shown_in_the_notice_when_nothing_else_is_asked(
        qtbot: QtBot, screen: tuple[QWidget, Notice, QPushButton, Workers]) -> None:
    widget, notice, button, workers = screen

    def work() -> None:
        raise InvalidLine("qty '²' is not a whole number")

    Operation(widget, work).busy(notice, "", button).success(lambda _r: None).run(workers)
    qtbot.waitUntil(lambda: notice.property("role") == "refusal")
    assert "is not a whole number" in notice.text() and button.isEnabled()


def test_a_failure_nobody_would_show_is_refused_before_it_runs(
        screen: tuple[QWidget, Notice, QPushButton, Workers]) -> None:
    widget, _notice, _button, workers = screen
    with pytest.raises(TypeError, match="busy"):
        Operation(widget, lambda: 1).success(lambda _r: None).run(workers)


def test_a_closed_dialog_gets_no_answer(
        qtbot: QtBot, screen: tuple[QWidget, Notice, QPushButton, Workers]) -> None:
    parent, _notice, _button, workers = screen
    dialog = QWidget(parent)
    gate = threading.Event()
    answers: list[object] = []
    Operation(dialog, lambda: gate.wait(5)).success(answers.append) \
        .failure(answers.append).run(workers)
    shiboken6.delete(dialog)
    gate.set()
    assert workers.wait(5000)
    qtbot.wait(50)  # the queued answer is delivered, and dropped
    assert answers == []
