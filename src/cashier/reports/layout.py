"""Page layout shared by the printed reports: Letter pages, fonts, styles, "Page N of M".

The Daily Cash Report and the deposit slip are signed and filed on paper, so both read the same
way: Letter portrait, half-inch side margins, one font family that can show every cashier's
name, a running footer naming the report, office and day, and "Page N of M" on every page so an
auditor can tell a filed copy is complete. The page count is only known once the document has
been laid out, so the canvas keeps each page and stamps the numbers when it is saved (the
two-pass "numbered canvas" recipe). Money columns and tables are in ``tables``.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate

PAGE_SIZE: tuple[float, float] = letter
MARGIN_X = 0.5 * inch
MARGIN_TOP = 0.6 * inch
MARGIN_BOTTOM = 0.75 * inch
WIDTH: float = PAGE_SIZE[0] - 2 * MARGIN_X
"""Usable width of a page (540 pt); every table's column widths add up to at most this."""

FONT_SIZE = 8
CELL_LEADING = FONT_SIZE * 1.2
PAD = 3
MAX_CELL_HEIGHT = 320.0
"""A table row cannot split across pages; a taller cell would stop the whole report."""

RED = "#B00020"
"""Bold red marks what needs a second look: a FAIL, a shortage, a missing receipt number."""
SHADE = colors.HexColor("#EEEEEE")
RULE = colors.HexColor("#999999")

Out = str | os.PathLike[str] | BinaryIO

FONT_DIRS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
    *rl_config.TTFSearchPath,
)


# --- fonts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str


HELVETICA = Fonts("Helvetica", "Helvetica-Bold")


def find_font_file(filename: str, dirs: Iterable[str | os.PathLike[str]]) -> Path | None:
    for folder in dirs:
        for candidate in (Path(folder) / filename, Path(folder) / "dejavu" / filename):
            if candidate.is_file():
                return candidate
    return None


def load_fonts(dirs: Iterable[str | os.PathLike[str]] = FONT_DIRS) -> Fonts:
    """DejaVu Sans when it is installed, else Helvetica.

    Cashier names are not all Latin-1 ("Nguyễn Thị Ánh"); the PDF standard fonts show those
    letters as boxes, DejaVu shows them. A missing or broken font file never stops a report.
    """
    dirs = list(dirs)
    regular = find_font_file("DejaVuSans.ttf", dirs)
    if regular is None:
        return HELVETICA
    bold = find_font_file("DejaVuSans-Bold.ttf", dirs) or regular
    try:
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    except Exception:  # reportlab raises TTFError, OSError, struct errors on a bad file
        return HELVETICA
    pdfmetrics.registerFontFamily(
        "DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
        italic="DejaVuSans", boldItalic="DejaVuSans-Bold",
    )
    return Fonts("DejaVuSans", "DejaVuSans-Bold")


def fonts() -> Fonts:
    return _fonts_in(FONT_DIRS)


@functools.cache
def _fonts_in(dirs: tuple[str, ...]) -> Fonts:
    return load_fonts(dirs)


# --- styles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    head_right: ParagraphStyle


@functools.cache
def _styles_for(f: Fonts) -> Styles:
    def style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=kw.pop("fontName", f.regular), fontSize=size,
                              leading=kw.pop("leading", size * 1.25), **kw)

    return Styles(
        title=style("title", 16, fontName=f.bold, spaceAfter=4),
        heading=style("heading", 11, fontName=f.bold, spaceBefore=10, spaceAfter=4),
        body=style("body", 9, spaceAfter=2),
        # Same leading as plain table text, so a wrapped column lines up with its neighbours.
        cell=style("cell", FONT_SIZE, leading=CELL_LEADING),
        cell_right=style("cell_right", FONT_SIZE, leading=CELL_LEADING, alignment=TA_RIGHT),
        head=style("head", FONT_SIZE, fontName=f.bold),
        head_right=style("head_right", FONT_SIZE, fontName=f.bold, alignment=TA_RIGHT),
    )


def styles() -> Styles:
    return _styles_for(fonts())


# --- text ------------------------------------------------------------------------------

# Control characters break PDF text; a lone UTF-16 surrogate (half a pair, from a CLI argument
# that was not UTF-8) cannot be encoded into the PDF at all.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(value: object) -> str:
    """Text as printed: ``None`` is blank and control characters (which break PDF text) and
    lone surrogates are spaces."""
    return "" if value is None else _CONTROL.sub(" ", str(value))


def markup(value: object) -> str:
    """Text made safe to put inside paragraph markup."""
    return escape(clean(value))


def para(value: object, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(markup(value), style or styles().body)


def rich(text: str) -> Paragraph:
    """A body paragraph from markup the caller has already escaped."""
    return Paragraph(text, styles().body)


def section(title: str, *content: Any, keep: bool = False) -> list[Any]:
    """A titled section. A short one (``keep``) moves whole to the next page rather than split;
    a long one starts here unless too little of the page is left for its title and first rows.
    """
    heading = Paragraph(markup(title), styles().heading)
    if keep:
        return [KeepTogether([heading, *content])]
    return [CondPageBreak(1.4 * inch), heading, *content]


def red(text: str) -> str:
    """Paragraph markup for a figure that needs the reader's attention (bold red)."""
    return f'<font color="{RED}"><b>{escape(text)}</b></font>'


# --- document ----------------------------------------------------------------------------


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page until the end so each can say "Page N of M"."""

    def __init__(self, *args: Any, footer: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._stamp(total)
            super().showPage()
        super().save()

    def _stamp(self, total: int) -> None:
        f = fonts()
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        y = MARGIN_BOTTOM - 0.3 * inch
        self.line(MARGIN_X, y + 10, PAGE_SIZE[0] - MARGIN_X, y + 10)
        self.setFont(f.regular, 8)
        self.drawString(MARGIN_X, y, _clip(self._footer, WIDTH - 90, f.regular, 8))
        self.setFont(f.bold, 8)
        self.drawRightString(PAGE_SIZE[0] - MARGIN_X, y, f"Page {self._pageNumber} of {total}")
        self.restoreState()


def _clip(text: str, width: float, font: str, size: float) -> str:
    """Cut a running-footer text (a long office name) so it never runs into "Page N of M"."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def build_pdf(story: list[Any], out: Out, *, title: str, footer: str) -> None:
    """Lay ``story`` out on Letter pages with the running footer and page numbers.

    Output is byte-for-byte reproducible for the same report (``invariant``), so a filed copy
    can be checked against a re-render.
    """
    target = os.fspath(out) if isinstance(out, str | os.PathLike) else out
    doc = SimpleDocTemplate(
        target, pagesize=PAGE_SIZE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=clean(title),
        author="cashier", creator="cashier", invariant=True,
    )
    footer_text = clean(footer)

    def numbered_canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, footer=footer_text, **kwargs)

    doc.build(story, canvasmaker=numbered_canvas)
