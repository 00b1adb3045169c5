"""Random sequences of payments, refusals and voids keep the ledger's invariants:

- every journal entry sums to zero (C2);
- receipt numbers are gapless per terminal, and a voided receipt keeps its number (C1);
- each account's open charges = its charges - what non-void receipts applied to them, and its
  credit = what non-void receipts left over;
- a voided receipt nets to zero in the GL;
- the GL as a whole balances;
- the Daily Cash Report of the day passes every balancing identity (SPEC §5).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select

from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import get_receipt
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.rules.errors import Refused
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
from cashier.ledger.store.models import Account, Charge, JournalEntry, Posting, Receipt
from tests.conftest import AT, DRAWER_OF, open_drawers, seed_office

ACCOUNTS = ("1000001", "1000002", "1000003")
ITEMS = ("DOGA", "TRNS", "BLDP", "PARK")

lines = st.one_of(
    st.builds(AccountPayment, st.sampled_from(ACCOUNTS), st.integers(1, 30_000)),
    st.builds(ItemSale, st.sampled_from(ITEMS), st.integers(1, 3), st.sampled_from(["", "R-1"]),
              st.one_of(st.none(), st.integers(1, 20_000))),
)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.db = Database.open(Path(self.dir.name) / "t.sqlite3")
        seed_office(self.db)
        open_drawers(self.db)
        with self.db.read() as s:
            self.billed = {n: int(s.scalar(select(func.sum(Charge.amount_cents))
                                           .where(Charge.account_number == n)) or 0)
                           for n in ACCOUNTS}
        self.receipts: list[str] = []
        self.voided: set[str] = set()

    def teardown(self) -> None:
        try:
            # SPEC §5 identities on a random day of payments and voids of every kind.
            report = daily_cash_report(self.db, AT.date())
            assert [i["name"] for i in report["identities"] if not i["passed"]] == []
        finally:
            self.db.dispose()
        self.dir.cleanup()

    @rule(data=st.data(), chosen=st.lists(lines, min_size=1, max_size=3),
          drawer=st.sampled_from(["D1", "D2"]), kind=st.sampled_from(
              ["cash", "exact_cash", "check", "split", "money_order", "card", "short"]))
    def pay(self, data: st.DataObject, chosen: list[Line], drawer: str, kind: str) -> None:
        # The payment's total is unknown until priced, so tenders are drawn against a guess and
        # the ledger decides; refusals must leave no trace (checked by the invariants).
        guess = sum(line.amount if isinstance(line, AccountPayment)
                    else (line.unit_amount or 2000) * line.quantity for line in chosen)
        tender_sets: dict[str, list[Tender]] = {
            "cash": [CashTender(guess + data.draw(st.integers(0, 5000)))],
            "exact_cash": [CashTender(guess)],
            "check": [CheckTender(guess, "101", "111000025")],
            "split": [CashTender(max(guess - guess // 2, 1)),
                      CheckTender(max(guess // 2, 1), "102", "111000025")],
            "money_order": [MoneyOrderTender(guess, "MO-1")],
            "card": [CardTender(guess, "VISA", "4242", "A1")],
            "short": [CashTender(max(guess - 1, 1))],
        }
        try:
            cashier = {d: c for c, d in DRAWER_OF.items()}[drawer]
            receipt = post_payment(self.db, Payment(drawer, cashier, tuple(chosen),
                                                    tuple(tender_sets[kind]), AT))
        except Refused as exc:
            event(f"payment refused: {exc.rule}")
            return
        event("payment posted")
        self.receipts.append(receipt.number)

    @precondition(lambda self: any(r not in self.voided for r in self.receipts))
    @rule(data=st.data())
    def void(self, data: st.DataObject) -> None:
        number = data.draw(st.sampled_from([r for r in self.receipts if r not in self.voided]))
        try:
            void_receipt(self.db, number, cashier="ana", approver="lee", reason="test", at=AT)
        except Refused as exc:
            event(f"void refused: {exc.rule}")  # e.g. its credit was already used
            return
        event("void posted")
        self.voided.add(number)

    @invariant()
    def every_entry_sums_to_zero(self) -> None:
        with self.db.read() as s:
            unbalanced = s.scalars(
                select(JournalEntry.id).join(Posting).group_by(JournalEntry.id)
                .having(func.sum(Posting.amount_cents) != 0)).all()
        assert unbalanced == []

    @invariant()
    def receipt_numbers_are_gapless(self) -> None:
        with self.db.read() as s:
            for terminal in ("T01", "T02"):
                seqs = s.scalars(select(Receipt.seq).where(Receipt.terminal == terminal)
                                 .order_by(Receipt.seq)).all()
                assert list(seqs) == list(range(1, len(seqs) + 1))

    @invariant()
    def accounts_equal_charges_minus_applied_payments(self) -> None:
        applied: dict[str, int] = dict.fromkeys(ACCOUNTS, 0)
        credit: dict[str, int] = dict.fromkeys(ACCOUNTS, 0)
        for number in self.receipts:
            if number in self.voided:
                continue
            for line in get_receipt(self.db, number).lines:
                if line.kind == "account":
                    applied[line.code] += sum(a.amount for a in line.applied)
                    credit[line.code] += line.credit
        with self.db.read() as s:
            for account in ACCOUNTS:
                view = books.load_account_view(s, account)
                assert view.open_total == self.billed[account] - applied[account]
                assert s.get_one(Account, account).credit_cents == credit[account]

    @invariant()
    def voided_receipts_net_to_zero(self) -> None:
        for number in self.voided:
            net: dict[str, int] = {}
            for entry in books.entries_for_receipt(self.db, number):
                for account, cents in entry.postings:
                    net[account] = net.get(account, 0) + cents
            assert all(v == 0 for v in net.values())

    @invariant()
    def the_books_balance(self) -> None:
        assert sum(books.gl_balances(self.db).values()) == 0


LedgerMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=20, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
test_ledger_invariants = LedgerMachine.TestCase
