"""Posting payments: one receipt, one balanced entry, one gapless number, all or nothing."""

from __future__ import annotations

import sqlite3

import pytest

from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import ReceiptRecord, get_receipt
from cashier.ledger.rules.errors import (
    CardDataRefused,
    CashOnlyAccount,
    InvalidLine,
    InvalidRouting,
    ReferenceRequired,
    Refused,
    TenderNotAllowed,
    TenderOverTotal,
    TenderShort,
    UnknownAccount,
    UnknownItem,
    UserLocked,
)
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    Line,
    MoneyOrderTender,
    Payment,
    Tender,
)
from tests.conftest import AT

GOOD_ROUTING = "111000025"


def pay(db: Database, lines: list[Line], tenders: list[Tender], *, cashier: str = "ana",
        drawer: str = "D1") -> ReceiptRecord:
    return post_payment(db, Payment(drawer, cashier, tuple(lines), tuple(tenders), AT))


def counts(db: Database) -> tuple[int, ...]:
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("receipts", "receipt_lines", "receipt_tenders", "journal_entries",
                               "postings", "charge_applications", "operations"))


def test_multi_line_multi_tender_payment_posts_one_balanced_entry(db: Database) -> None:
    receipt = pay(db, [AccountPayment("1000001", 7510), ItemSale("DOGA", 1, "TAG-88")],
                  [CashTender(5000), CheckTender(4510, "1042", GOOD_ROUTING, "000123456789")])
    assert receipt.number == "T01-000001"
    assert receipt.total == 9510
    assert receipt.change == 0
    [entry] = books.entries_for_receipt(db, receipt.number)
    assert entry.balanced
    assert dict(entry.postings) == {
        "100-1010": 5000, "100-1020": 4510,
        "503-1210": -4510, "504-1210": -3000, "101-4410": -2000,
    }


def test_cash_change_is_netted_from_the_cash_debit(db: Database) -> None:
    receipt = pay(db, [ItemSale("DOGA")], [CashTender(5000)])
    assert receipt.change == 3000
    [entry] = books.entries_for_receipt(db, receipt.number)
    assert dict(entry.postings) == {"100-1010": 2000, "101-4410": -2000}


def test_utility_payment_applies_oldest_bill_then_priority(db: Database) -> None:
    receipt = pay(db, [AccountPayment("1000001", 10000)], [CashTender(10000)])
    [line] = receipt.lines
    assert [(a.service, a.amount) for a in line.applied] == [
        ("water", 4510), ("sewer", 3000), ("electric", 2490)]
    view = books.account_view(db, "1000001")
    assert [c.open for c in view.charges] == [0, 0, 5510]


def test_overpayment_becomes_unapplied_credit(db: Database) -> None:
    receipt = pay(db, [AccountPayment("1000002", 10000)], [CashTender(10000)])
    [entry] = books.entries_for_receipt(db, receipt.number)
    assert dict(entry.postings)["100-2100"] == -4000
    view = books.account_view(db, "1000002")
    assert view.credit == 4000
    assert view.balance == -4000


def test_two_lines_on_one_account_apply_in_turn(db: Database) -> None:
    pay(db, [AccountPayment("1000002", 4000), AccountPayment("1000002", 3000)],
        [CashTender(7000)])
    view = books.account_view(db, "1000002")
    assert view.open_total == 0
    assert view.credit == 1000


def test_receipt_numbers_are_gapless_per_terminal(db: Database) -> None:
    cashier_of = {"D1": "ana", "D2": "raj"}
    numbers = [pay(db, [ItemSale("DOGA")], [CashTender(2000)], drawer=d, cashier=cashier_of[d])
               .number for d in ("D1", "D2", "D1", "D1", "D2")]
    assert numbers == ["T01-000001", "T02-000001", "T01-000002", "T01-000003", "T02-000002"]


def test_a_refused_payment_uses_no_receipt_number(db: Database) -> None:
    pay(db, [ItemSale("DOGA")], [CashTender(2000)])
    with pytest.raises(TenderShort):
        pay(db, [ItemSale("DOGA")], [CashTender(1999)])
    assert pay(db, [ItemSale("DOGA")], [CashTender(2000)]).number == "T01-000002"


@pytest.mark.parametrize(
    ("lines", "tenders", "error", "message"),
    [
        ([ItemSale("DOGA")], [CashTender(1999)], TenderShort, "short of the total 20.00 by 0.01"),
        ([ItemSale("DOGA")], [CheckTender(2500, "1", GOOD_ROUTING)], TenderOverTotal,
         "no cash back"),
        ([ItemSale("DOGA")], [CardTender(2001, "VISA", "4242", "A1")], TenderOverTotal,
         "no cash back"),
        ([ItemSale("DOGA")], [MoneyOrderTender(3000, "MO-1")], TenderOverTotal, "no cash back"),
        ([ItemSale("DOGA")], [CheckTender(2000, "1", "111000026")], InvalidRouting, "3-7-1"),
        ([AccountPayment("1000003", 1000)], [CheckTender(1000, "7", GOOD_ROUTING)],
         CashOnlyAccount, "cash only"),
        ([AccountPayment("9999999", 1000)], [CashTender(1000)], UnknownAccount, "9999999"),
        ([ItemSale("NOPE")], [CashTender(1000)], UnknownItem, "NOPE"),
        ([ItemSale("BLDP", 1, "", 5000)], [CashTender(5000)], ReferenceRequired, "permit no."),
        ([ItemSale("BLDP", 1, "P-9")], [CashTender(5000)], InvalidLine, "key the amount"),
        ([ItemSale("DOGA", 1, "", 1500)], [CashTender(2000)], InvalidLine, "fixed price 20.00"),
        ([ItemSale("DOGA", 0)], [CashTender(2000)], InvalidLine, "quantity"),
        ([ItemSale("PARK", 1, "C-1", 3500)], [CheckTender(3500, "1", GOOD_ROUTING)],
         TenderNotAllowed, "check is not accepted"),
        ([ItemSale("DOGA")], [CardTender(2000, "VISA", "4111111111111111", "A1")],
         CardDataRefused, "exactly 4 digits"),
        ([], [CashTender(2000)], InvalidLine, "at least one line"),
        ([ItemSale("DOGA")], [], TenderShort, "no tender"),
    ],
)
def test_payments_that_break_a_rule_are_refused_and_write_nothing(
    db: Database, lines: list[Line], tenders: list[Tender], error: type[Refused], message: str
) -> None:
    before = counts(db)
    with pytest.raises(error, match=message):
        pay(db, lines, tenders)
    assert counts(db) == before


def test_refused_payment_leaves_charges_untouched(db: Database) -> None:
    with pytest.raises(TenderShort):
        pay(db, [AccountPayment("1000001", 5000), ItemSale("DOGA")], [CashTender(100)])
    assert books.account_view(db, "1000001").open_total == 4510 + 3000 + 8000


def test_cash_only_account_still_takes_money_orders_and_cards(db: Database) -> None:
    receipt = pay(db, [AccountPayment("1000003", 6000)],
                  [MoneyOrderTender(3000, "MO-77"), CardTender(3000, "visa", "4242", "A1B2C3")])
    assert [t.type for t in receipt.tenders] == ["money_order", "card"]


def test_card_tender_stores_only_brand_last4_auth_reference(db: Database) -> None:
    receipt = pay(db, [ItemSale("DOGA")], [CardTender(2000, "visa", "4242", "A1B2C3", "REF-9")])
    [card] = receipt.tenders
    assert (card.card_brand, card.card_last4, card.card_auth, card.card_reference) == (
        "VISA", "4242", "A1B2C3", "REF-9")


def test_check_keeps_only_masked_bank_account(db: Database) -> None:
    pay(db, [ItemSale("DOGA")], [CheckTender(2000, "1042", GOOD_ROUTING, "000123456789")])
    assert db.path is not None
    raw = b"".join(f.read_bytes() for f in db.path.parent.glob(db.path.name + "*"))
    assert b"000123456789" not in raw
    assert get_receipt(db, "T01-000001").tenders[0].bank_account_mask == "********6789"


def test_keyed_item_splits_to_its_gl_accounts_exactly(db: Database) -> None:
    receipt = pay(db, [ItemSale("BLDP", 1, "P-100", 10000)], [CashTender(10000)])
    [entry] = books.entries_for_receipt(db, receipt.number)
    assert dict(entry.postings) == {"100-1010": 10000, "101-4420": -6667, "101-4425": -3333}


def test_fixed_split_item_with_quantity(db: Database) -> None:
    receipt = pay(db, [ItemSale("TRNS", 2)], [CashTender(11000)])
    [entry] = books.entries_for_receipt(db, receipt.number)
    assert dict(entry.postings) == {"100-1010": 11000, "101-4425": -1000, "101-4610": -10000}


def test_admin_cannot_take_payments(db: Database) -> None:
    with pytest.raises(Refused, match="only cashiers and supervisors"):
        pay(db, [ItemSale("DOGA")], [CashTender(2000)], cashier="adm")


def test_locked_cashier_cannot_take_payments(db: Database) -> None:
    with db.write() as s:
        from cashier.ledger.store.models import User
        s.get_one(User, "ana").locked = True
    with pytest.raises(UserLocked):
        pay(db, [ItemSale("DOGA")], [CashTender(2000)])


def test_payment_is_written_to_the_operations_journal(db: Database) -> None:
    import json

    from sqlalchemy import select

    from cashier.ledger.store.models import Operation
    pay(db, [AccountPayment("1000001", 4510), ItemSale("DOGA", 1, "TAG-88")],
        [CashTender(7000)])
    with db.read() as s:
        [op] = s.scalars(select(Operation).where(Operation.op == "payment")).all()
    body = json.loads(op.body)
    assert body["v"] == 1 and body["op"] == "payment" and body["receipt"] == "T01-000001"
    assert body["at"] == AT.isoformat()
    assert body["lines"] == [{"account": "1000001", "amount": "45.10"},
                             {"item": "DOGA", "quantity": 1, "reference": "TAG-88"}]
    assert body["tenders"] == [{"type": "cash", "amount": "70.00"}]
