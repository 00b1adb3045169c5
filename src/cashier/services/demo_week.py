"""A week at the demo city's counter (Monday to Friday), through the ordinary service functions.

Written for issue #19 (every day's journal export replays alone), so the week holds what makes
a day depend on earlier ones: a relief handoff at noon, a late drawer still open overnight
whose receipt is voided next morning and whose drawer is handed to the relief cashier as the
next day begins, NSF returns and a transfer of receipts from earlier days, a reprint of an
old receipt, a shortage approved with a note. Every other day is deposited and closed; the
day of the late drawer stays open (its deposit waits for that drawer).

The amounts are fixed, not random, so the week is the same on every run; ``build_demo``
must have made the city first (a few dozen accounts are plenty).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from cashier.ledger.database import Database
from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer import cash_movements
from cashier.ledger.drawer.sessions import (
    CloseCount,
    approve_close,
    close_drawer,
    handoff,
    open_drawer,
    session_summary,
    waiting_for_approval,
)
from cashier.ledger.receipts.corrections import transfer_payment
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import ReceiptRecord, reprint
from cashier.ledger.receipts.returned_checks import post_nsf
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.drawer_math import expected
from cashier.ledger.rules.money import Cents
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

OFFICE_TIME = dt.timezone(dt.timedelta(hours=-7))
FLOAT = {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 20}  # the demo drawers' 200.00
ROUTING = "111000025"
FACES = (10000, 5000, 2000, 1000, 500, 100, 25, 10, 5, 1)
LATE_DAY = 2  # Wednesday: D3 is opened late and stays open overnight


def cash_count(cents: Cents) -> dict[str, int]:
    """``cents`` as the fewest notes and coins, the way a cashier counts them."""
    count: dict[str, int] = {}
    for face in FACES:
        n, cents = divmod(cents, face)
        if n:
            count[f"{face // 100}.{face % 100:02d}"] = n
    return count


def _account(day: int, k: int, accounts: int) -> str:
    return str(1_000_001 + (day * 7 + k) % accounts)


def _sales(day: int, accounts: int) -> Iterator[tuple[tuple[Line, ...], tuple[Tender, ...]]]:
    """The day's counter sales: utility payments by check, cash, money order and card, and a
    few revenue items."""
    yield ((AccountPayment(_account(day, 1, accounts), 4510 + day * 100),),
           (CheckTender(4510 + day * 100, f"{1040 + day}", ROUTING),))
    yield ((ItemSale("DOGA", reference=f"TAG-{day}1"),), (CashTender(5000),))
    yield ((AccountPayment(_account(day, 2, accounts), 8000),),
           (MoneyOrderTender(5000, f"MO-{day}"), CashTender(3000)))
    yield ((ItemSale("TRNA"),), (CardTender(5500, "VISA", "4242", f"A{day}B2C3"),))
    yield ((AccountPayment(_account(day, 3, accounts), 2500),
            ItemSale("BLDP", reference=f"P-{day}", unit_amount=15000)),
           (CheckTender(17500, f"{2040 + day}", ROUTING),))
    yield ((ItemSale("PARK", reference=f"C-{day}", unit_amount=3500),), (CashTender(4000),))


def _approve(db: Database, drawer: str, supervisor: str, note: str = "", *, cashier: str,
             at: dt.datetime) -> None:
    """The waiting session of ``cashier`` on ``drawer``, approved by name (issue #19: never
    "the oldest waiting")."""
    mine = [w for w in waiting_for_approval(db, drawer) if w.cashier == cashier]
    approve_close(db, drawer, supervisor, note, session=mine[0].id, at=at)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=OFFICE_TIME)


def _close_even(db: Database, drawer: str, cashier: str, at: dt.datetime,
                short: Cents = 0) -> None:
    """Close blind with the count the drawer should hold (less ``short`` cash)."""
    summary = session_summary(db, drawer)
    owed = expected(summary.activity)
    checks = tuple((f"CHK-{i}", cents) for i, cents in enumerate(
        [owed.check] if owed.check else [], start=1))
    orders = tuple((f"MO-{i}", cents) for i, cents in enumerate(
        [owed.money_order] if owed.money_order else [], start=1))
    close_drawer(db, drawer, cashier, CloseCount(cash_count(owed.cash - short), checks, orders,
                                                 owed.card), at=at)


def _hand_over(db: Database, drawer: str, outgoing: str, incoming: str,
               at: dt.datetime) -> None:
    owed = expected(session_summary(db, drawer).activity)
    checks = ((f"CHK-{outgoing}", owed.check),) if owed.check else ()
    orders = ((f"MO-{outgoing}", owed.money_order),) if owed.money_order else ()
    handoff(db, drawer, outgoing, incoming, CloseCount(cash_count(owed.cash), checks, orders),
            at=at)


def run_demo_week(db: Database, monday: dt.date, *, accounts: int = 40,
                  day_done: Callable[[dt.date], None] | None = None
                  ) -> dict[dt.date, list[ReceiptRecord]]:
    """Run the week beginning ``monday``; return each day's receipts in the order taken.
    ``day_done(day)`` is called as each day's last operation is in (before the next day's
    first), e.g. to take the day's report as the supervisor printed it."""
    taken: dict[dt.date, list[ReceiptRecord]] = {}
    for n in range(5):
        day = monday + dt.timedelta(days=n)
        receipts = taken.setdefault(day, [])

        def pay(drawer: str, cashier: str, minute: int, lines: tuple[Line, ...],
                tenders: tuple[Tender, ...], *, day: dt.date = day,
                receipts: list[ReceiptRecord] = receipts) -> ReceiptRecord:
            receipt = post_payment(db, Payment(drawer, cashier, lines, tenders,
                                               _at(day, 9 + minute // 60, minute % 60)))
            receipts.append(receipt)
            return receipt

        yesterday = taken.get(day - dt.timedelta(days=1), [])
        if n == LATE_DAY + 1:
            # Thursday begins with Wednesday's late drawer: its receipt voided (the customer
            # came back at opening), then the drawer handed to ana on a count both sign.
            late = yesterday[-1]
            void_receipt(db, late.number, cashier="lee", approver="sam",
                         reason="customer paid twice", at=_at(day, 7, 50))
            _hand_over(db, "D3", "lee", "ana", _at(day, 8))
            ana_drawer = "D3"
        else:
            open_drawer(db, "D1", "ana", FLOAT, at=_at(day, 8))
            ana_drawer = "D1"
        open_drawer(db, "D2", "raj", FLOAT, at=_at(day, 8, 5))
        for k, (lines, tenders) in enumerate(_sales(n, accounts)):
            pay(ana_drawer if k % 2 == 0 else "D2", "ana" if k % 2 == 0 else "raj", k * 20,
                lines, tenders)
        cash_movements.no_sale(db, ana_drawer, "ana", "make change", at=_at(day, 11))
        wrong = pay("D2", "raj", 130, (ItemSale("DOGU", reference=f"TAG-{n}9"),),
                    (CashTender(4500),))
        void_receipt(db, wrong.number, cashier="raj", approver="sam", reason="wrong tag",
                     at=_at(day, 11, 15))
        cash_movements.drop(db, "D2", "raj", "sam", {"20.00": 1}, at=_at(day, 11, 30))
        if n == 1:  # Tuesday: lee relieves ana at noon and balances D1 at the end of the day
            _hand_over(db, "D1", "ana", "lee", _at(day, 12))
            pay("D1", "lee", 200, (AccountPayment(_account(n, 5, accounts), 3000),),
                (CashTender(3000),))
            _close_even(db, "D1", "lee", _at(day, 17))
        else:
            _close_even(db, ana_drawer, "ana", _at(day, 17))
        _close_even(db, "D2", "raj", _at(day, 17, 5), short=100 if n == 4 else 0)
        if n == 3:
            # Thursday's corrections name earlier days' receipts: Monday's check came back,
            # Tuesday's money-order payment went to the wrong account, Tuesday's receipt
            # reprinted for the customer.
            monday_check = taken[monday][0]
            post_nsf(db, monday_check.number, by="sam", reason="NSF", at=_at(day, 10))
            tuesday = taken[monday + dt.timedelta(days=1)]
            transfer_payment(db, tuesday[2].number, to_account=_account(n, 6, accounts),
                             approver="sam", reason="keyed the wrong account",
                             at=_at(day, 10, 30))
            reprint(db, tuesday[1].number, "ana", at=_at(day, 10, 45))
        if n == 4:  # Friday: Tuesday's building-permit check came back too
            post_nsf(db, taken[monday + dt.timedelta(days=1)][4].number, by="lee",
                     reason="account closed", at=_at(day, 9, 30))
        if n == LATE_DAY:
            # Wednesday: lee opens D3 for the evening rush and is still open at midnight.
            open_drawer(db, "D3", "lee", FLOAT, at=_at(day, 16))
            pay("D3", "lee", 8 * 60 + 30, (AccountPayment(_account(n, 4, accounts), 6000),),
                (CashTender(6000),))
        if n == LATE_DAY + 1:
            _approve(db, "D3", "sam", cashier="lee", at=_at(day, 17, 20))
        _approve(db, ana_drawer, "sam", cashier="ana", at=_at(day, 17, 30))
        if n == 1:
            _approve(db, "D1", "sam", cashier="lee", at=_at(day, 17, 31))
        _approve(db, "D2", "sam", "a dollar short: counted twice" if n == 4 else "",
                      cashier="raj", at=_at(day, 17, 35))
        if n != LATE_DAY:
            make_deposit(db, day, "sam", "lee", f"B-{day:%m%d}", at=_at(day, 17, 45))
            close_day(db, day, "sam", at=_at(day, 18))
        if day_done is not None:
            day_done(day)
    return taken
