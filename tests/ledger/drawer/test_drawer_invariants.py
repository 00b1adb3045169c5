"""Random shifts of open / pay / void / drop / paid-out / no-sale / handoff / close keep the
drawer invariants (SPEC §5, C4–C9):

- expected cash = opening + cash received − change − voided cash − drops − paid-outs, and
  expected checks and money orders = opening + received − voided;
- counted − expected = over/short, per tender, for every ended session;
- no drawer ever has two open sessions;
- an ended session never changes afterwards except by its approval;
- the drawer's money is in exactly one session at a time: the GL cash account equals the
  cash the model saw come in and go out, however often the drawer changed hands;
- the Daily Cash Report's balancing identities all pass (SPEC §5);
- the day's journal, exported and replayed into an empty database, gives the same drawer
  results and the same Daily Cash Report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import func, select

from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.drawer import cash_movements, sessions
from cashier.ledger.journal.export import export_day
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.drawer_math import expected
from cashier.ledger.rules.errors import CashShort, DrawerBusy, SessionState
from cashier.ledger.rules.values import CashTender, CheckTender, ItemSale, MoneyOrderTender, Payment
from cashier.ledger.store.models import DrawerSession
from tests.conftest import AT, FLOAT, approve_waiting, replayable, seed_office

DRAWERS = ("D1", "D2")
PEOPLE = ("ana", "raj", "lee")  # sam stays the witness and approver throughout
ROUTING = "111000025"


def cash_count(cents: int) -> dict[str, int]:
    return {k: n for k, n in (("1.00", cents // 100), ("0.01", cents % 100)) if n}


@dataclass
class Drawer:
    cashier: str | None = None
    cash: int = 0
    check: int = 0
    money_order: int = 0
    # receipts of the open session that can still be voided: number -> (tender, amount)
    receipts: dict[str, tuple[str, int]] = field(default_factory=dict)


class DrawerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.db = Database.open(Path(self.dir.name) / "t.sqlite3")
        seed_office(self.db)
        self.drawers = {d: Drawer() for d in DRAWERS}
        self.gl_cash = 0  # cash in the ledger: floats stay outside it
        self.ended: dict[int, tuple[Any, ...]] = {}
        self.minute = 0

    def teardown(self) -> None:
        try:
            self.check_replay()
        finally:
            self.db.dispose()
            self.dir.cleanup()

    def check_replay(self) -> None:
        journal = Path(self.dir.name) / "day.jsonl"
        journal.write_text("".join(x + "\n" for x in export_day(self.db, AT.date())))
        replay_file(journal, Path(self.dir.name) / "replayed.sqlite3")
        report = daily_cash_report(self.db, AT.date())
        assert [i["name"] for i in report["identities"] if not i["passed"]] == []
        with Database.open(Path(self.dir.name) / "replayed.sqlite3") as again:
            assert drawer_results(again) == drawer_results(self.db)
            assert replayable(daily_cash_report(again, AT.date())) == replayable(report)

    def at(self) -> dt.datetime:
        self.minute += 1
        return AT + dt.timedelta(minutes=self.minute)

    def running(self, person: str) -> bool:
        return any(d.cashier == person for d in self.drawers.values())

    @rule(drawer=st.sampled_from(DRAWERS), person=st.sampled_from(PEOPLE))
    def open(self, drawer: str, person: str) -> None:
        box = self.drawers[drawer]
        if box.cashier is not None or self.running(person):
            try:
                sessions.open_drawer(self.db, drawer, person, FLOAT, at=self.at())
            except DrawerBusy:
                return
            raise AssertionError("a busy drawer or cashier opened another session")
        sessions.open_drawer(self.db, drawer, person, FLOAT, at=self.at())
        self.drawers[drawer] = Drawer(cashier=person, cash=20000)

    @rule(drawer=st.sampled_from(DRAWERS), amount=st.integers(1, 40_000),
          tender=st.sampled_from(["cash", "check", "money_order"]),
          extra=st.integers(0, 5_000))
    def pay(self, drawer: str, amount: int, tender: str, extra: int) -> None:
        box = self.drawers[drawer]
        if box.cashier is None:
            return
        given = (CashTender(amount + extra) if tender == "cash"
                 else CheckTender(amount, "1001", ROUTING) if tender == "check"
                 else MoneyOrderTender(amount, "MO-1"))
        record = post_payment(self.db, Payment(
            drawer, box.cashier, (ItemSale("BLDP", reference="P-1", unit_amount=amount),),
            (given,), self.at()))
        setattr(box, tender, getattr(box, tender) + amount)
        box.receipts[record.number] = (tender, amount)
        if tender == "cash":
            self.gl_cash += amount

    @rule(drawer=st.sampled_from(DRAWERS), data=st.data())
    def void(self, drawer: str, data: st.DataObject) -> None:
        box = self.drawers[drawer]
        if box.cashier is None or not box.receipts:
            return
        number = data.draw(st.sampled_from(sorted(box.receipts)))
        tender, amount = box.receipts.pop(number)
        void_receipt(self.db, number, cashier=box.cashier, approver="sam", reason="test",
                     at=self.at())
        setattr(box, tender, getattr(box, tender) - amount)
        if tender == "cash":
            self.gl_cash -= amount

    @rule(drawer=st.sampled_from(DRAWERS), cents=st.integers(1, 30_000),
          kind=st.sampled_from(["drop", "paid_out"]))
    def take_cash_out(self, drawer: str, cents: int, kind: str) -> None:
        box = self.drawers[drawer]
        if box.cashier is None:
            return
        try:
            if kind == "drop":
                cash_movements.drop(self.db, drawer, box.cashier, "sam", cash_count(cents),
                                    at=self.at())
            else:
                cash_movements.paid_out(self.db, drawer, box.cashier, "sam", cents, "101-5200",
                                        "supplies", at=self.at())
        except CashShort:
            assert cents > box.cash
            return
        assert cents <= box.cash
        box.cash -= cents
        self.gl_cash -= cents

    @rule(drawer=st.sampled_from(DRAWERS))
    def no_sale(self, drawer: str) -> None:
        box = self.drawers[drawer]
        if box.cashier is not None:
            cash_movements.no_sale(self.db, drawer, box.cashier, "make change", at=self.at())

    def _count(self, box: Drawer, short: int) -> sessions.CloseCount:
        checks = ((("ALL", box.check),) if box.check else ())
        orders = ((("ALL", box.money_order),) if box.money_order else ())
        return sessions.CloseCount(cash_count(max(box.cash - short, 0)), checks, orders)

    @rule(drawer=st.sampled_from(DRAWERS), person=st.sampled_from(PEOPLE),
          short=st.integers(-500, 500))
    def handoff(self, drawer: str, person: str, short: int) -> None:
        box = self.drawers[drawer]
        if box.cashier is None or box.cashier == person or self.running(person):
            return
        counted = max(box.cash - short, 0)
        moved = sessions.handoff(self.db, drawer, box.cashier, person, self._count(box, short),
                                 at=self.at())
        assert moved.outgoing.over_short is not None
        assert moved.outgoing.over_short.cash == counted - box.cash
        self.gl_cash += counted - box.cash
        self.drawers[drawer] = Drawer(cashier=person, cash=counted, check=box.check,
                                      money_order=box.money_order)

    @rule(drawer=st.sampled_from(DRAWERS), short=st.integers(-500, 500))
    def close(self, drawer: str, short: int) -> None:
        box = self.drawers[drawer]
        if box.cashier is None:
            return
        counted = max(box.cash - short, 0)
        closed = sessions.close_drawer(self.db, drawer, box.cashier, self._count(box, short),
                                       at=self.at())
        assert closed.expected is not None
        assert closed.expected.cash == box.cash
        self.gl_cash += counted - box.cash
        self.drawers[drawer] = Drawer()

    @rule(drawer=st.sampled_from(DRAWERS))
    def approve(self, drawer: str) -> None:
        with contextlib.suppress(SessionState):  # nothing waiting on this drawer
            approve_waiting(self.db, drawer, "sam", "checked", at=self.at())

    @invariant()
    def drawers_hold_what_the_model_says(self) -> None:
        with self.db.read() as s:
            for code, box in self.drawers.items():
                opened = s.scalars(select(DrawerSession).where(
                    DrawerSession.drawer == code, DrawerSession.status == "open")).all()
                assert len(opened) == (0 if box.cashier is None else 1)
                if opened:
                    exp = expected(sessions.activity(s, opened[0]))
                    assert (exp.cash, exp.check, exp.money_order) == (
                        box.cash, box.check, box.money_order)
            for row in s.scalars(select(DrawerSession).where(DrawerSession.status != "open")):
                values = (row.counted_cash_cents, row.counted_check_cents,
                          row.counted_money_order_cents, row.expected_cash_cents,
                          row.expected_check_cents, row.expected_money_order_cents,
                          row.close_count, row.closed_at)
                assert self.ended.setdefault(row.id, values) == values  # never changes
                summary = sessions.summarize(s, row)
                assert summary.counted and summary.expected and summary.over_short
                for tender in ("cash", "check", "money_order", "card"):
                    assert summary.over_short.get(tender) == (
                        summary.counted.get(tender) - summary.expected.get(tender))
                if row.approved_by is not None:
                    assert row.approved_by == "sam"
            assert (s.scalar(select(func.count()).select_from(DrawerSession)) or 0) >= len(
                self.ended)
        assert books.gl_balances(self.db).get("100-1010", 0) == self.gl_cash


def drawer_results(db: Database) -> list[tuple[Any, ...]]:
    with db.read() as s:
        return [(r.drawer, r.cashier, r.status, r.counted_cash_cents, r.expected_cash_cents,
                 r.counted_check_cents, r.expected_check_cents, r.approved_by)
                for r in s.scalars(select(DrawerSession).order_by(DrawerSession.id))]


DrawerMachine.TestCase.settings = settings(
    max_examples=20, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
test_drawer_invariants = DrawerMachine.TestCase
