"""Relief handoff (C4, SPEC §5): the count both people sign ends the outgoing session with its
own over/short and opens the relief session, so the drawer's money is in one session at a
time and never counted twice or lost between them."""

from __future__ import annotations

import pytest

from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import (
    CloseCount,
    SessionKey,
    approve_close,
    close_drawer,
    handoff,
    open_drawer,
    recount,
    session_summary,
)
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.rules.errors import (
    ApprovalRequired,
    DrawerBusy,
    NotYourDrawer,
    SelfApproval,
    SessionState,
)
from cashier.ledger.rules.values import CardTender, CashTender, CheckTender, ItemSale, Payment
from tests.conftest import AT, FLOAT, approve_waiting

ROUTING = "111000025"


def sell(db: Database, cashier: str, *tenders: object) -> None:
    post_payment(db, Payment("D1", cashier, (ItemSale("DOGA"),), tenders, AT))  # type: ignore[arg-type]


@pytest.fixture
def ana_on_d1(office: Database) -> Database:
    open_drawer(office, "D1", "ana", FLOAT, at=AT)
    return office


def test_handoff_ends_one_session_and_opens_the_next_from_the_same_count(
        ana_on_d1: Database) -> None:
    db = ana_on_d1
    sell(db, "ana", CashTender(2000))
    sell(db, "ana", CheckTender(2000, "1042", ROUTING))
    sell(db, "ana", CardTender(2000, "VISA", "4242", "A1"))
    # 220.00 expected in cash; 219.00 handed over: ana is 1.00 short.
    moved = handoff(db, "D1", "ana", "raj",
                    CloseCount({**FLOAT, "20.00": 6, "1.00": 19}, checks=(("1042", 2000),)),
                    at=AT)
    out, relief = moved.outgoing, moved.incoming
    assert out.status == "handed_off"
    assert out.handed_to == "raj"
    assert out.over_short is not None
    assert out.over_short.as_dict() == {"cash": -100, "check": 0, "money_order": 0, "card": 0}
    assert relief.status == "open"
    assert relief.cashier == "raj"
    assert relief.previous_session_id == out.id
    assert relief.opening.as_dict() == {"cash": 21900, "check": 2000, "money_order": 0,
                                        "card": 2000}

    sell(db, "raj", CashTender(2000))
    # raj counts the whole drawer: ana's cash and check too, and the terminal's whole batch.
    closed = close_drawer(db, "D1", "raj", CloseCount(
        {**FLOAT, "20.00": 7, "1.00": 19}, checks=(("1042", 2000),), card_batch=2000), at=AT)
    assert closed.expected is not None
    assert closed.expected.as_dict() == {"cash": 23900, "check": 2000, "money_order": 0,
                                         "card": 2000}
    assert closed.over_short is not None
    assert not closed.over_short.nonzero  # ana's shortage stays hers, not raj's
    # The drawer's money appears once: the GL cash account holds the four sales' cash less
    # ana's shortage, and the float is outside the ledger both before and after.
    balances = books.gl_balances(db)
    assert balances["100-1010"] == 4000 - 100
    assert balances["100-5990"] == 100


def test_each_session_is_approved_on_its_own(ana_on_d1: Database) -> None:
    db = ana_on_d1
    handoff(db, "D1", "ana", "raj", CloseCount({**FLOAT, "1.00": 19}), at=AT)
    close_drawer(db, "D1", "raj", CloseCount({**FLOAT, "1.00": 19}), at=AT)
    with pytest.raises(ApprovalRequired):  # ana's shortage comes first and needs a note
        approve_waiting(db, "D1", "sam", at=AT)
    first = approve_waiting(db, "D1", "sam", "ana short 1.00 at handoff", at=AT)
    assert first.cashier == "ana"
    second = approve_waiting(db, "D1", "sam", at=AT)
    assert second.cashier == "raj"
    with pytest.raises(SessionState, match="waiting for approval"):
        approve_waiting(db, "D1", "sam", at=AT)


def test_a_named_session_can_be_approved_first(ana_on_d1: Database) -> None:
    db = ana_on_d1
    handoff(db, "D1", "ana", "raj", CloseCount(FLOAT), at=AT)
    close_drawer(db, "D1", "raj", CloseCount(FLOAT), at=AT)
    assert approve_waiting(db, "D1", "lee", cashier="raj", at=AT).cashier == "raj"
    assert approve_waiting(db, "D1", "lee", at=AT).cashier == "ana"


def test_after_the_handoff_only_the_relief_cashier_works_the_drawer(ana_on_d1: Database) -> None:
    db = ana_on_d1
    handoff(db, "D1", "ana", "raj", CloseCount(FLOAT), at=AT)
    with pytest.raises(NotYourDrawer):
        sell(db, "ana", CashTender(2000))
    sell(db, "raj", CashTender(2000))
    assert session_summary(db, "D1").cashier == "raj"


def test_handoff_refusals(ana_on_d1: Database) -> None:
    db = ana_on_d1
    with pytest.raises(SelfApproval):
        handoff(db, "D1", "ana", "ana", CloseCount(FLOAT), at=AT)
    with pytest.raises(NotYourDrawer):
        handoff(db, "D1", "raj", "lee", CloseCount(FLOAT), at=AT)
    open_drawer(db, "D2", "raj", FLOAT, at=AT)
    with pytest.raises(DrawerBusy):  # raj already runs D2
        handoff(db, "D1", "ana", "raj", CloseCount(FLOAT), at=AT)
    assert session_summary(db, "D1").status == "open"  # nothing half-done


def test_a_handoff_count_is_not_recounted(ana_on_d1: Database) -> None:
    db = ana_on_d1
    handoff(db, "D1", "ana", "raj", CloseCount({**FLOAT, "1.00": 19}), at=AT)
    close_drawer(db, "D1", "raj", CloseCount({**FLOAT, "1.00": 19}), at=AT)
    recount(db, "D1", "raj", CloseCount({**FLOAT, "1.00": 19}), at=AT)  # raj's own close
    open_drawer(db, "D1", "lee", {**FLOAT, "1.00": 19}, approver="sam", at=AT)
    handoff(db, "D1", "lee", "ana", CloseCount({**FLOAT, "1.00": 19}), at=AT)
    with pytest.raises(SessionState, match="not recounted"):
        recount(db, "D1", "lee", CloseCount({**FLOAT, "1.00": 19}), at=AT)


def test_approval_names_exactly_the_session_it_approves(ana_on_d1: Database) -> None:
    """Issue #19 item 1: after a handoff both sessions of D1 wait; approving raj's short close
    by its id approves raj's, never ana's (the oldest waiting)."""
    db = ana_on_d1
    handed = handoff(db, "D1", "ana", "raj", CloseCount(FLOAT), at=AT)
    raj = close_drawer(db, "D1", "raj", CloseCount({**FLOAT, "1.00": 19}), at=AT)
    assert raj.id == handed.incoming.id
    approved = approve_close(db, "D1", "sam", "raj short 1.00", session=raj.id, at=AT)
    assert (approved.id, approved.cashier, approved.approved_by) == (raj.id, "raj", "sam")
    assert session_summary(db, "D1").approved_by == "sam"
    with pytest.raises(SessionState, match="already approved by sam"):
        approve_close(db, "D1", "sam", "again", session=raj.id, at=AT)
    with pytest.raises(SessionState, match="drawer D2 has no session"):
        approve_close(db, "D2", "sam", session=handed.outgoing.id, at=AT)
    with pytest.raises(SessionState, match="has no session 999"):
        approve_close(db, "D1", "sam", session=999, at=AT)
    # Both opened at AT: an opening time alone is ambiguous, and refused rather than guessed.
    with pytest.raises(SessionState, match="2 sessions of drawer D1 opened at .* name the "
                                           "cashier"):
        approve_close(db, "D1", "sam", session=SessionKey(AT), at=AT)
    ana = approve_close(db, "D1", "lee", session=SessionKey(AT, "ana"), at=AT)
    assert (ana.id, ana.approved_by) == (handed.outgoing.id, "lee")


def test_an_open_session_is_not_approved(ana_on_d1: Database) -> None:
    summary = session_summary(ana_on_d1, "D1")
    with pytest.raises(SessionState, match="still open"):
        approve_close(ana_on_d1, "D1", "sam", session=summary.id, at=AT)
