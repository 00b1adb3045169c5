"""C13 in free text: a card number or track data typed anywhere is refused, by field, with
nothing written (issue #22, item 4)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from cashier.ledger.database import Database
from cashier.ledger.drawer.cash_movements import no_sale, paid_out
from cashier.ledger.drawer.sessions import CloseCount, close_drawer
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.card_data import has_card_data, luhn_valid
from cashier.ledger.rules.errors import CardDataRefused
from cashier.ledger.rules.values import (
    CashTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Payment,
)
from cashier.ledger.store.models import CashMovement, Operation, Receipt
from tests.conftest import AT, FLOAT, approve_waiting

PAN = "4111111111111111"  # the test Visa number: Luhn-valid


@pytest.mark.parametrize("text", [PAN, "4111 1111 1111 1111", "4111-1111-1111-1111",
                                  f"tag {PAN} ok", "%B4111111111111111^RUIZ/ANA^2812",
                                  ";4111111111111111=28121010000"])
def test_card_numbers_and_track_data_are_found(text: str) -> None:
    assert has_card_data(text)


@pytest.mark.parametrize("text", ["4111111111111112", "1000001", "TAG-88", "111000025",
                                  "9111111111111111", "1234.5678901234", "B-5521",
                                  "2026-11-23T09:30:00-07:00"])
def test_ordinary_text_is_not_card_data(text: str) -> None:
    assert not has_card_data(text)


def test_luhn() -> None:
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")


def pay(db: Database, *, reference: str = "TAG-1", check_number: str = "1042",
        mo_number: str = "") -> None:
    tenders = ((MoneyOrderTender(2000, mo_number),) if mo_number else
               (CheckTender(2000, check_number, "111000025"),))
    post_payment(db, Payment("D1", "ana", (ItemSale("DOGA", 1, reference),), tenders, AT))


def rows(db: Database) -> list[int]:
    """Operations, receipts and cash movements written so far."""
    with db.read() as session:
        return [session.scalar(select(func.count()).select_from(m)) or 0
                for m in (Operation, Receipt, CashMovement)]


ACTS: dict[str, Callable[[Database], object]] = {
    "item reference": lambda db: pay(db, reference=PAN),
    "check number": lambda db: pay(db, check_number=PAN),
    "money order number": lambda db: pay(db, mo_number=PAN),
    "no-sale reason": lambda db: no_sale(db, "D1", "ana", f"card {PAN}", at=AT),
    "paid-out reason": lambda db: paid_out(db, "D1", "ana", "sam", 100, "101-5200",
                                           PAN, at=AT),
}


@pytest.mark.parametrize("field", list(ACTS))
def test_a_card_number_in_a_field_is_refused_and_nothing_is_written(
        db: Database, field: str) -> None:
    before = rows(db)
    with pytest.raises(CardDataRefused, match="C13|card number") as refused:
        ACTS[field](db)
    assert PAN not in str(refused.value)
    assert rows(db) == before


def test_a_card_number_in_a_void_reason_is_refused(db: Database) -> None:
    pay(db)
    with pytest.raises(CardDataRefused):
        void_receipt(db, "T01-000001", cashier="ana", approver="sam", reason=PAN, at=AT)
    pay(db)  # the counter goes on


def test_a_card_number_in_an_approval_note_is_refused(db: Database) -> None:
    post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),), AT))
    counted = dict(FLOAT)
    counted["20.00"] += 1
    close_drawer(db, "D1", "ana", CloseCount(cash=counted), at=AT)
    with pytest.raises(CardDataRefused):
        approve_waiting(db, "D1", "sam", note=f"customer card {PAN}", at=AT)
    assert approve_waiting(db, "D1", "sam", note="checked", at=AT).approved_by == "sam"
