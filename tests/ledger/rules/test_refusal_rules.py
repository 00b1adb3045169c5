"""Every refusal names the control that refused it (SPEC §2; issue #19 item 4). Separation of
duties refuses many acts; each is refused under the act's own rule, not C3 (voids) for all."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cashier.ledger.database import Database
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer import cash_movements
from cashier.ledger.drawer.sessions import CloseCount, close_drawer, handoff, open_drawer
from cashier.ledger.receipts import corrections
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.errors import Refused
from cashier.ledger.rules.values import AccountPayment, CashTender, ItemSale, Payment
from tests.conftest import AT, FLOAT, approve_waiting

DAY = AT.date()


def refusal(act: Callable[[], object]) -> Refused:
    with pytest.raises(Refused) as caught:
        act()
    return caught.value


def test_a_deposit_verified_by_its_preparer_is_refused_under_c11(office: Database) -> None:
    open_drawer(office, "D1", "ana", FLOAT, at=AT)
    close_drawer(office, "D1", "ana", CloseCount(FLOAT), at=AT)
    approve_waiting(office, "D1", "sam", at=AT)
    refused = refusal(lambda: make_deposit(office, DAY, "sam", "sam", "B-1", at=AT))
    assert str(refused) == "C11: sam cannot verify a deposit they prepared"


def test_a_handoff_to_oneself_is_refused_under_c4(db: Database) -> None:
    refused = refusal(lambda: handoff(db, "D1", "ana", "ana", CloseCount(FLOAT), at=AT))
    assert str(refused) == "C4: ana cannot hand drawer D1 to themselves"


def test_a_float_difference_approved_by_its_cashier_is_refused_under_c5(
        office: Database) -> None:
    refused = refusal(lambda: open_drawer(office, "D3", "sam", {**FLOAT, "1.00": 19},
                                          approver="sam", at=AT))
    assert refused.rule == "C5"


def test_a_close_approved_by_its_cashier_or_without_a_note_is_refused_under_c7(
        db: Database) -> None:
    close_drawer(db, "D3", "sam", CloseCount({**FLOAT, "1.00": 19}), at=AT)
    assert refusal(lambda: approve_waiting(db, "D3", "sam", "mine", at=AT)).rule == "C7"
    refused = refusal(lambda: approve_waiting(db, "D3", "lee", "", at=AT))
    assert refused.rule == "C7" and "needs a note" in refused.message


def test_cash_out_of_a_drawer_without_its_second_person_or_reason_is_refused_under_c8(
        db: Database) -> None:
    paid = refusal(lambda: cash_movements.paid_out(db, "D1", "ana", "sam", 100, "101-5200",
                                                   " ", at=AT))
    assert (paid.rule, paid.message) == ("C8", "a paid-out needs a reason")
    # 100.00 on 60.00 owed: a 40.00 credit to refund.
    post_payment(db, Payment("D3", "sam", (AccountPayment("1000002", 10000),),
                             (CashTender(10000),), AT))
    own = refusal(lambda: corrections.refund_credit(db, "1000002", 100, by="sam", reason="x",
                                                    drawer="D3", cashier="sam", at=AT))
    assert own.rule == "C8"
    half = refusal(lambda: corrections.refund_credit(db, "1000002", 100, by="sam",
                                                     reason="x", drawer="D1", at=AT))
    assert half.rule == "C8"


def test_a_void_stays_c3_and_a_correction_without_a_reason_is_a_correction_refusal(
        db: Database) -> None:
    post_payment(db, Payment("D1", "ana", (ItemSale("DOGA"),), (CashTender(2000),), AT))
    assert refusal(lambda: void_receipt(db, "T01-000001", cashier="ana", approver="ana",
                                        reason="x", at=AT)).rule == "C3"
    assert refusal(lambda: void_receipt(db, "T01-000001", cashier="ana", approver="sam",
                                        reason=" ", at=AT)).rule == "C3"
    refused = refusal(lambda: corrections.transfer_payment(
        db, "T01-000001", to_account="1000002", approver="sam", reason=" ", at=AT))
    assert refused.rule == "correction"
