"""The receipt as the printer lays it out: a device-level record and its 42/48-column layout.

The ledger fills a ``ReceiptDocument``; this module knows paper widths, labels in English and
Spanish, the VOID/COPY marks (C1, C10) and the receipt number as a CODE128 barcode, so a
receipt brought back to the counter scans straight to its record.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import datetime

from escpos.printer import Dummy

from cashier.ledger.rules.money import Cents, format_money

_RECEIPT_NUMBER = re.compile(r"[!-~]{1,40}\Z")
# C0 and C1 controls but the line feed the layout itself uses. In a name, reason or office
# setting they would reach the printer as commands: ESC @ resets it, ESC p kicks the drawer
# without a logged no-sale, GS V cuts the paper. A lone UTF-16 surrogate is no character and
# makes the code-page encoder raise.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every control character but LF, and every lone surrogate, a space: what
    may go to the paper."""
    return _CONTROL.sub(" ", text)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "receipt": "RECEIPT", "date": "DATE", "cashier": "CASHIER", "terminal": "TERMINAL",
        "account": "Acct", "reference": "Ref", "total": "TOTAL", "change": "CHANGE",
        "balance": "REMAINING BALANCE", "void": "*** VOID ***", "copy": "*** COPY ***",
        "cash": "CASH", "check": "CHECK", "money_order": "MONEY ORDER", "card": "CARD",
        "test": "PRINTER TEST", "thanks": "Thank you",
    },
    "es": {
        "receipt": "RECIBO", "date": "FECHA", "cashier": "CAJERO", "terminal": "TERMINAL",
        "account": "Cta", "reference": "Ref", "total": "TOTAL", "change": "CAMBIO",
        "balance": "SALDO PENDIENTE", "void": "*** ANULADO ***", "copy": "*** COPIA ***",
        "cash": "EFECTIVO", "check": "CHEQUE", "money_order": "GIRO POSTAL", "card": "TARJETA",
        "test": "PRUEBA DE IMPRESORA", "thanks": "Gracias",
    },
}


@dataclass(frozen=True)
class ReceiptLine:
    description: str
    amount: Cents
    account: str = ""
    reference: str = ""


@dataclass(frozen=True)
class ReceiptTender:
    kind: str  # cash | check | money_order | card
    amount: Cents
    detail: str = ""  # "#1042", "VISA ****4242 AUTH A1B2C3": never a full card or account


@dataclass(frozen=True)
class AccountBalance:
    account: str
    balance: Cents


@dataclass(frozen=True)
class ReceiptDocument:
    receipt_number: str
    printed_at: datetime
    cashier: str
    terminal: str
    header: tuple[str, ...] = ()
    lines: tuple[ReceiptLine, ...] = ()
    tenders: tuple[ReceiptTender, ...] = ()
    change: Cents = 0
    balances: tuple[AccountBalance, ...] = ()
    footer: tuple[str, ...] = ()
    void: bool = False
    copy: bool = False
    language: str = "en"

    def __post_init__(self) -> None:
        if not _RECEIPT_NUMBER.match(self.receipt_number):
            raise ValueError(
                f"receipt number {self.receipt_number!r} must be 1-40 printable ASCII characters"
            )
        if self.language not in LABELS:
            raise ValueError(f"receipt language {self.language!r} must be one of {list(LABELS)}")
        for tender in self.tenders:
            if tender.kind not in ("cash", "check", "money_order", "card"):
                raise ValueError(f"tender kind {tender.kind!r} is not cash/check/money_order/card")

    @property
    def total(self) -> Cents:
        return sum(line.amount for line in self.lines)


def columns_line(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one line of ``width``; a long left side wraps above."""
    room = width - len(right) - 1
    if len(left) <= room:
        return left + " " * (width - len(left) - len(right)) + right
    return left[:width] + "\n" + " " * (width - len(right)) + right


def receipt_body(document: ReceiptDocument, width: int) -> list[str]:
    """The lines between the barcode and the footer: items, tenders, change, balances."""
    words = LABELS[document.language]
    rule = "-" * width
    out = [rule]
    for line in document.lines:
        out += columns_line(line.description, format_money(line.amount), width).split("\n")
        if line.account:
            out.append(f"  {words['account']} {line.account}"[:width])
        if line.reference:
            out.append(f"  {words['reference']} {line.reference}"[:width])
    out.append(rule)
    out.append(columns_line(words["total"], format_money(document.total), width))
    for tender in document.tenders:
        label = words[tender.kind] + (f" {tender.detail}" if tender.detail else "")
        out += columns_line(label, format_money(tender.amount), width).split("\n")
    if document.change:
        out.append(columns_line(words["change"], format_money(document.change), width))
    if document.balances:
        out.append(rule)
        out.append(words["balance"])
        for balance in document.balances:
            label = f"  {words['account']} {balance.account}"
            out.append(columns_line(label, format_money(balance.balance), width))
    out.append(rule)
    return out


def receipt_text(document: ReceiptDocument, width: int) -> str:
    """The whole receipt as plain text (screen preview, reprint log)."""
    words = LABELS[document.language]
    out = [line.center(width).rstrip() for line in document.header]
    if document.void:
        out.append(words["void"].center(width).rstrip())
    if document.copy:
        out.append(words["copy"].center(width).rstrip())
    out += _identity(document, width)
    out += receipt_body(document, width)
    out += [line.center(width).rstrip() for line in document.footer]
    return "\n".join(printable(line) for line in out) + "\n"


def _identity(document: ReceiptDocument, width: int) -> list[str]:
    words = LABELS[document.language]
    stamp = document.printed_at.strftime("%Y-%m-%d %H:%M")
    return [
        columns_line(words["receipt"], document.receipt_number, width),
        columns_line(words["date"], stamp, width),
        columns_line(words["cashier"], document.cashier, width),
        columns_line(words["terminal"], document.terminal, width),
    ]


def render_receipt(document: ReceiptDocument, width: int, profile: str, cut: bool = True) -> bytes:
    """The ESC/POS job for ``document`` on a printer with ``profile``."""
    p = Dummy(profile=profile)
    words = LABELS[document.language]
    p.set(align="center", bold=True)
    for line in document.header:
        p.textln(printable(line[:width]))
    if document.void or document.copy:
        p.set(align="center", bold=True, double_height=True, double_width=True)
        for mark in ("void", "copy"):
            if getattr(document, mark):
                p.textln(words[mark])
    p.set_with_default()
    if p.profile.supports("barcodeB"):
        # _hw_barcode rather than barcode(): the public call prints its renderer choice to
        # stdout, which lands in the middle of `cashier devices test` output.
        p._hw_barcode("{B" + document.receipt_number, "CODE128", height=48, width=2,
                      pos="OFF", function_type="B")
        p.set_with_default()
        p.ln()
    for line in _identity(document, width) + receipt_body(document, width):
        p.textln(printable(line))
    p.set(align="center")
    # Wrapped, not cut: a reprint's footer says what the back office did to the receipt.
    for line in document.footer:
        for part in textwrap.wrap(printable(line), width) or [""]:
            p.textln(part)
    p.set_with_default()
    if cut:
        finish(p)
    return bytes(p.output)


def render_lines(lines: list[str], width: int, profile: str, cut: bool = True) -> bytes:
    """A plain job (test page, report slip) of ``lines`` cut to the paper width."""
    p = Dummy(profile=profile)
    for line in lines:
        p.textln(printable(line[:width]))
    if cut:
        finish(p)
    return bytes(p.output)


def finish(p: Dummy) -> None:
    """Feed past the tear bar and cut, when the profile has a cutter at all."""
    if p.profile.supports("paperPartCut") or p.profile.supports("paperFullCut"):
        p.cut(mode="PART" if p.profile.supports("paperPartCut") else "FULL")
    else:
        p.ln(6)
