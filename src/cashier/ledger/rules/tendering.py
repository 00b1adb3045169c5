"""Tender rules for one receipt (SPEC §3, C13, C16): checked before anything is written."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cashier.ledger.rules.errors import (
    CardDataRefused,
    CashOnlyAccount,
    InvalidTender,
    TenderNotAllowed,
    TenderOverTotal,
    TenderShort,
)
from cashier.ledger.rules.money import TRANSACTION_LIMIT, Cents, check_amount, format_money
from cashier.ledger.rules.routing import validate_routing
from cashier.ledger.rules.values import (
    CardTender,
    CashTender,
    CheckTender,
    MoneyOrderTender,
    Tender,
)

_LAST4 = re.compile(r"[0-9]{4}\Z")
_DOCUMENT_NUMBER = re.compile(r"[0-9A-Za-z-]{1,30}\Z")
_AUTH = re.compile(r"[0-9A-Za-z]{1,20}\Z")
_BRAND = re.compile(r"[A-Za-z0-9 _-]{1,20}\Z")  # as the terminal client keeps it
_DIGIT_RUN = re.compile(r"[0-9]{5}")
_CARD_NUMBER = re.compile(r"[0-9]{12}")  # no card number is shorter
_CARD_REFERENCE = re.compile(r"[!-~]{0,60}\Z")  # our sale id, as the terminal echoes it


def check_tender_fields(tender: Tender) -> None:
    """Refuse a tender whose own fields are wrong, whatever the receipt."""
    check_amount(tender.amount, what=f"{tender.type} amount", allow_zero=False)
    if isinstance(tender, CheckTender):
        if not _DOCUMENT_NUMBER.match(tender.number or ""):
            raise InvalidTender(f"check number {tender.number!r} must be 1-30 letters or digits")
        validate_routing(tender.routing)
    elif isinstance(tender, MoneyOrderTender):
        if not _DOCUMENT_NUMBER.match(tender.number or ""):
            raise InvalidTender(
                f"money order number {tender.number!r} must be 1-30 letters or digits"
            )
    elif isinstance(tender, CardTender):
        # A full PAN in last4 is refused, never truncated and kept (C13).
        if not _LAST4.match(tender.last4 or ""):
            raise CardDataRefused(
                f"card last4 must be exactly 4 digits; got {len(tender.last4 or '')} characters"
            )
        if not tender.brand or not tender.brand.strip():
            raise InvalidTender("card brand is blank")
        # The other card fields are refused, not echoed, when they could hold a card number:
        # a PAN keyed or sent into the brand, auth code or reference would otherwise be kept.
        if not _BRAND.match(tender.brand.strip()) or _DIGIT_RUN.search(tender.brand):
            raise CardDataRefused("card brand must be a brand name (at most 20 letters, "
                                  "digits, spaces, '-' or '_'), never a card number")
        if not _AUTH.match(tender.auth or ""):
            raise InvalidTender("card auth code must be 1-20 letters or digits")
        if not _CARD_REFERENCE.match(tender.reference or ""):
            raise InvalidTender("card reference must be at most 60 printable characters "
                                "without spaces")
        if _CARD_NUMBER.search(tender.auth) or _CARD_NUMBER.search(tender.reference or ""):
            raise CardDataRefused("a card auth code or reference may not hold a card number")
    elif not isinstance(tender, CashTender):
        raise InvalidTender(f"unknown tender {tender!r}")


def change_due(
    total: Cents,
    tenders: Iterable[Tender],
    *,
    cash_only: bool = False,
    allowed: frozenset[str] | None = None,
    limit: Cents = TRANSACTION_LIMIT,
) -> Cents:
    """Check ``tenders`` against a receipt ``total`` and return the cash change to give.

    Change is given in cash only, so checks, money orders and cards together may not exceed the
    total (no cash back on them).
    """
    tenders = list(tenders)
    if not tenders:
        raise TenderShort(f"no tender for a total of {format_money(total)}")
    for tender in tenders:
        check_tender_fields(tender)
        if allowed is not None and tender.type not in allowed:
            raise TenderNotAllowed(
                f"{tender.type} is not accepted for this receipt "
                f"(accepted: {', '.join(sorted(allowed))})"
            )
        if cash_only and isinstance(tender, CheckTender):
            raise CashOnlyAccount(
                "the account is cash only: checks are refused (money orders and cards are taken)"
            )
    tendered = sum(t.amount for t in tenders)
    check_amount(tendered, what="total tendered", limit=limit)
    if tendered < total:
        raise TenderShort(
            f"tendered {format_money(tendered)} is short of the total {format_money(total)} "
            f"by {format_money(total - tendered)}"
        )
    non_cash = sum(t.amount for t in tenders if not isinstance(t, CashTender))
    if non_cash > total:
        kinds = sorted({t.type for t in tenders if not isinstance(t, CashTender)})
        raise TenderOverTotal(
            f"{' and '.join(kinds)} tenders of {format_money(non_cash)} exceed the total "
            f"{format_money(total)}; there is no cash back on them"
        )
    return tendered - total
