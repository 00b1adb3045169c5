"""The look: calm, high-contrast, readable at arm's length, big touch targets.

Near-black text on an off-white ground (contrast well above WCAG AA 7:1), one blue for
focus and primary actions, red only for refusals and device trouble. Sizes are in points so
the window scales with the screen's DPI; every button is at least 44 px tall (touch).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTableWidget,
    QWidget,
)

INK = "#111418"
GROUND = "#F7F7F2"
PANEL = "#FFFFFF"
LINE = "#5B6168"
ACCENT = "#0A4C8C"
ACCENT_INK = "#FFFFFF"
FOCUS = "#F2B705"
ALERT = "#A4121B"
GOOD = "#0B6B2E"

BASE_POINTS = 13

STYLE = f"""
QWidget {{ color: {INK}; background: {GROUND}; }}
QLineEdit, QSpinBox, QComboBox, QPlainTextEdit, QListWidget, QTableWidget, QTreeWidget {{
    background: {PANEL}; border: 2px solid {LINE}; border-radius: 4px; padding: 4px 6px;
    selection-background-color: {ACCENT}; selection-color: {ACCENT_INK};
}}
QLineEdit:focus, QSpinBox:focus, QComboBox:focus, QListWidget:focus, QTableWidget:focus {{
    border: 3px solid {FOCUS};
}}
QPushButton {{
    background: {PANEL}; border: 2px solid {LINE}; border-radius: 6px;
    min-height: 44px; padding: 4px 14px; font-weight: 600;
}}
QPushButton:focus {{ border: 3px solid {FOCUS}; }}
QPushButton:disabled {{ color: #8A8F95; border-color: #B9BDC2; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: {ACCENT_INK}; border-color: {ACCENT}; }}
QLabel[role="title"] {{ font-size: {BASE_POINTS + 7}pt; font-weight: 700; }}
QLabel[role="heading"] {{ font-size: {BASE_POINTS + 2}pt; font-weight: 700; }}
[role="total"] {{ font-size: {BASE_POINTS + 9}pt; font-weight: 700; }}
QLabel[role="change"] {{
    font-size: {BASE_POINTS + 22}pt; font-weight: 800; color: {GOOD};
}}
QLabel[role="refusal"] {{
    color: {ALERT}; font-weight: 700; border: 2px solid {ALERT}; border-radius: 4px;
    padding: 6px; background: #FFF1F1;
}}
QLabel[role="notice"] {{ color: {GOOD}; font-weight: 700; }}
QLabel[role="badge"] {{
    color: {ACCENT_INK}; background: {ALERT}; border-radius: 4px; padding: 2px 8px;
    font-weight: 800;
}}
QLabel[role="keys"] {{ color: {LINE}; }}
QStatusBar {{ background: {PANEL}; border-top: 2px solid {LINE}; }}
QStatusBar QLabel {{ background: {PANEL}; padding: 0 8px; }}
QStatusBar QLabel[trouble="true"] {{ color: {ALERT}; font-weight: 700; }}
QHeaderView::section {{ background: {GROUND}; font-weight: 700; border: 1px solid {LINE}; }}
QMenuBar, QMenu {{ background: {PANEL}; }}
QMenu::item:selected, QMenuBar::item:selected {{
    background: {ACCENT}; color: {ACCENT_INK};
}}
"""


def apply(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(BASE_POINTS)
    app.setFont(font)
    app.setStyle("Fusion")  # the same look on every desktop the office runs
    app.setStyleSheet(STYLE)


def set_role(widget: QWidget, role: str) -> None:
    """Tag a label for the style sheet (``title``, ``change``, ``refusal`` …) and restyle."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def reading_table(columns: int, name: str = "") -> QTableWidget:
    """A table the cashier reads but never edits or tabs into (lines, charges, payments)."""
    table = QTableWidget(0, columns)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().hide()
    fit_columns(table)
    return table


def fit_columns(table: QTableWidget) -> None:
    """The first column (what it is) takes the spare width; numbers keep their full width."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
