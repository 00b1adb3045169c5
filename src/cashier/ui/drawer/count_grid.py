"""Counting cash by denomination: one count box per note, coin and roll, each row's value and
the total live as the cashier types, and the coin sorter's report imported on a worker.

Values come from ``denominations.count_total``: the grid never multiplies money itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.devices.coin_sorter import CoinReport
from cashier.ledger.rules.denominations import Denomination, count_total, denominations
from cashier.ledger.rules.money import format_display, format_money
from cashier.ui.counter import Counter
from cashier.ui.operation import Operation
from cashier.ui.widgets.keys import key_for
from cashier.ui.widgets.notice import Notice
from cashier.ui.widgets.theme import set_role

MAX_COUNT = 100_000  # the ledger refuses more as implausible


class CountGrid(QWidget):
    """``changed`` whenever a count changes; ``done`` on Enter in the last box."""

    changed = Signal()
    done = Signal()

    def __init__(self, counter: Counter, parent: QWidget | None = None,
                 sorter: bool = True) -> None:
        super().__init__(parent)
        self.counter = counter
        self.denoms = denominations()
        self.boxes: dict[str, QLineEdit] = {}
        self.values: dict[str, QLabel] = {}
        self._sorted_ones = 0  # dollar coins the sorter added to the shared 1.00 row
        groups = QHBoxLayout()
        self.group_boxes: dict[str, QGroupBox] = {}
        for kind in ("note", "coin", "roll"):
            group = QGroupBox()
            self.group_boxes[kind] = group
            grid = QGridLayout(group)
            rows = [d for d in self.denoms if d.kind == kind]
            for row, denom in enumerate(rows):
                self._add_row(grid, row, denom)
            grid.setRowStretch(len(rows), 1)  # short columns stay at the top
            groups.addWidget(group)
        self.total = QLabel()
        set_role(self.total, "total")
        self.total.setAccessibleName("Counted total")
        self.sorter_button = QPushButton()
        self.sorter_button.setVisible(sorter)
        self.sorter_button.clicked.connect(self.import_sorter)
        key_for(self.sorter_button, "F4")
        self.notice = Notice(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.sorter_button)
        bottom.addStretch(1)
        bottom.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(groups)
        layout.addLayout(bottom)
        layout.addWidget(self.notice)
        self.retranslate()
        self._update()

    def _add_row(self, grid: QGridLayout, row: int, denom: Denomination) -> None:
        label = QLabel(denom.key)
        box = QLineEdit()
        box.setValidator(QIntValidator(0, MAX_COUNT, box))
        box.setAlignment(Qt.AlignmentFlag.AlignRight)
        box.setMaximumWidth(110)
        box.setProperty("denomination", denom.key)
        box.installEventFilter(self)
        box.textChanged.connect(self._update)
        label.setBuddy(box)
        value = QLabel()
        value.setAlignment(Qt.AlignmentFlag.AlignRight)
        value.setMinimumWidth(100)
        grid.addWidget(label, row, 0)
        grid.addWidget(box, row, 1)
        grid.addWidget(value, row, 2)
        self.boxes[denom.key] = box
        self.values[denom.key] = value

    def retranslate(self) -> None:
        names = {"note": self.tr("Notes"), "coin": self.tr("Coins"), "roll": self.tr("Rolled coin")}
        for kind, group in self.group_boxes.items():
            group.setTitle(names[kind])
        for denom in self.denoms:
            self.boxes[denom.key].setAccessibleName(
                self.tr("Count of %1").replace("%1", denom.key))
        self.sorter_button.setText(self.tr("Import coin sorter (F4)"))
        self.sorter_button.setAccessibleName(self.tr("Import coin sorter"))
        self._update()

    # -- the count ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {key: int(box.text()) for key, box in self.boxes.items() if box.text()}

    def set_counts(self, counts: Mapping[str, int]) -> None:
        for key, box in self.boxes.items():
            number = counts.get(key, 0)
            box.setText(str(number) if number else "")

    def total_cents(self) -> int:
        return count_total(self.counts())

    def focus_first(self) -> None:
        first = next(iter(self.boxes.values()))
        first.setFocus()
        first.selectAll()

    def _update(self) -> None:
        counts = self.counts()
        for key, label in self.values.items():
            number = counts.get(key, 0)
            label.setText(format_money(count_total({key: number})) if number else "")
        self.total.setText(self.tr("Total %1").replace("%1", format_display(count_total(counts))))
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Enter moves down the column of counts like a ten-key adding machine's tape.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            boxes = list(self.boxes.values())
            index = boxes.index(watched) if watched in boxes else -1
            if 0 <= index < len(boxes) - 1:
                boxes[index + 1].setFocus()
                boxes[index + 1].selectAll()
            else:
                self.done.emit()
            return True
        return super().eventFilter(watched, event)

    # -- the coin sorter ---------------------------------------------------------------------

    def import_sorter(self) -> None:
        Operation(self, self.counter.devices.coin_sorter.read_report) \
            .busy(self.notice, self.tr("Waiting for the coin sorter's report…"),
                  self.sorter_button) \
            .success(self._sorted).run(self.counter.workers)

    def _sorted(self, report: CoinReport) -> None:
        counts = self.counts()
        for cents, number in report.counts.items():
            key = format_money(cents)
            if key == "1.00":
                # The 1.00 row holds notes and dollar coins (one key): add the coins to the
                # notes already keyed, replacing what an earlier import added.
                counts[key] = counts.get(key, 0) - self._sorted_ones + number
                self._sorted_ones = number
            else:
                counts[key] = number
        self.set_counts(counts)
        batch = f" {report.batch}" if report.batch else ""
        self.notice.note(self.tr("Coin sorter batch%1: %2 imported").replace("%1", batch)
                         .replace("%2", format_display(report.total)))

