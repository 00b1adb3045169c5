"""A posted receipt as the printer, the screen and the command line show it.

The tender detail (a check's number, a card's brand, last four and authorization) is written
here once; the printed document is built from the ledger's record and the office's words, in
the customer's language, footer included (a Spanish receipt thanks in Spanish).
"""

from __future__ import annotations

from cashier.devices.printer.receipt import (
    LABELS,
    AccountBalance,
    ReceiptDocument,
    ReceiptLine,
    ReceiptTender,
)
from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.receipts.records import ReceiptRecord, TenderRecord
from cashier.ledger.rules.values import CardTender, CheckTender, MoneyOrderTender, Tender


def detail(kind: str, *, number: str = "", brand: str | None = None, last4: str | None = None,
           auth: str | None = None) -> str:
    """What identifies a tender besides its kind and amount (C13: never more than the last
    four digits of a card)."""
    if kind in ("check", "money_order") and number:
        return f"#{number}"
    if kind == "card" and last4:
        return f"{brand} ****{last4} auth {auth}"
    return ""


def tender_detail(tender: Tender) -> str:
    """The detail of a tender still being taken (the cart)."""
    if isinstance(tender, CheckTender | MoneyOrderTender):
        return detail(tender.type, number=tender.number)
    if isinstance(tender, CardTender):
        return detail("card", brand=tender.brand, last4=tender.last4, auth=tender.auth)
    return ""


def record_detail(tender: TenderRecord, *, with_bank: bool = False) -> str:
    """The detail of a posted tender; ``with_bank`` adds a check's routing number and masked
    account, as the back office reads a receipt."""
    text = detail(tender.type, number=tender.number, brand=tender.card_brand,
                  last4=tender.card_last4, auth=tender.card_auth)
    if with_bank and tender.type == "check":
        text += f" {tender.routing} {tender.bank_account_mask}"
    return text


def receipt_document(db: Database, record: ReceiptRecord, *, office_name: str,
                     language: str, copy: bool = False) -> ReceiptDocument:
    """The printer's record of a posted receipt, with each paid account's balance left.

    Reads the database: the window calls it on a worker, as part of the print job.
    """
    accounts = dict.fromkeys(line.code for line in record.lines if line.kind == "account")
    balances = tuple(AccountBalance(number, books.account_view(db, number).balance)
                     for number in accounts)
    return ReceiptDocument(
        receipt_number=record.number, printed_at=record.taken_at, cashier=record.cashier,
        terminal=record.terminal, header=(office_name,),
        lines=tuple(ReceiptLine(line.description, line.amount,
                                account=line.code if line.kind == "account" else "",
                                reference=line.reference) for line in record.lines),
        tenders=tuple(ReceiptTender(t.type, t.amount, record_detail(t))
                      for t in record.tenders),
        change=record.change, balances=balances,
        # A reprint carries what the back office did to the receipt since (NSF, transfer).
        footer=(*record.notes, LABELS[language]["thanks"]), void=record.is_void,
        copy=copy, language=language)
