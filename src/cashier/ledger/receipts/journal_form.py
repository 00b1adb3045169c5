"""How payment records are written in the operations journal (SPEC §4): decimal strings,
face values as keys, card fields as the terminal returned them and nothing more (C13)."""

from __future__ import annotations

from typing import Any

from cashier.ledger.rules.money import format_money
from cashier.ledger.rules.routing import mask_account
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CheckTender,
    Line,
    MoneyOrderTender,
    Payment,
    Tender,
)


def line_fields(line: Line) -> dict[str, Any]:
    if isinstance(line, AccountPayment):
        return {"account": line.account, "amount": format_money(line.amount)}
    fields: dict[str, Any] = {"item": line.item, "quantity": line.quantity}
    if line.reference:
        fields["reference"] = line.reference
    if line.unit_amount is not None:
        fields["amount"] = format_money(line.unit_amount)
    return fields


def tender_fields(tender: Tender) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": tender.type, "amount": format_money(tender.amount)}
    if isinstance(tender, CheckTender):
        fields.update(number=tender.number, routing=tender.routing)
        if tender.bank_account:
            fields["bank_account"] = mask_account(tender.bank_account)
    elif isinstance(tender, MoneyOrderTender):
        fields["number"] = tender.number
    elif isinstance(tender, CardTender):
        fields.update(brand=tender.brand, last4=tender.last4, auth=tender.auth)
        if tender.reference:
            fields["reference"] = tender.reference
    return fields


def payment_fields(payment: Payment, receipt_number: str) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "drawer": payment.drawer,
        "cashier": payment.cashier,
        "receipt": receipt_number,
        "lines": [line_fields(line) for line in payment.lines],
        "tenders": [tender_fields(t) for t in payment.tenders],
    }
    if payment.offline:  # written only when true, so online lines stay as SPEC §4 shows them
        fields["offline"] = True
    return fields

