"""Drawer arithmetic (SPEC §5) as pure functions over plain records.

expected cash = opening cash + cash received − change − voided cash − drops − paid-outs
− cash refunds;
expected checks, money orders and card = opening + received − voided (a relief session
opens with what was handed over, not only cash); over/short = counted − expected,
per tender, never netted across tenders or drawers (C7).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cashier.ledger.rules.money import Cents

TENDERS = ("cash", "check", "money_order", "card")


@dataclass(frozen=True)
class TenderTotals:
    cash: Cents = 0
    check: Cents = 0
    money_order: Cents = 0
    card: Cents = 0

    def get(self, tender: str) -> Cents:
        value: Cents = getattr(self, tender)
        return value

    def as_dict(self) -> dict[str, Cents]:
        return {t: self.get(t) for t in TENDERS}

    @property
    def nonzero(self) -> bool:
        return any(self.as_dict().values())


@dataclass(frozen=True)
class SessionActivity:
    """What happened in one drawer session, summed from its receipts and movements."""

    opening: TenderTotals  # the counted float, or everything handed over at a relief handoff
    received: TenderTotals = field(default_factory=TenderTotals)  # completed + voided receipts
    change_given: Cents = 0  # on completed + voided receipts
    voided: TenderTotals = field(default_factory=TenderTotals)  # tenders of voided receipts
    voided_change: Cents = 0
    drops: Cents = 0
    paid_outs: Cents = 0
    refunds: Cents = 0  # credit balances refunded in cash from the drawer


def expected(activity: SessionActivity) -> TenderTotals:
    a = activity
    voided_cash_net = a.voided.cash - a.voided_change
    return TenderTotals(
        cash=a.opening.cash + a.received.cash - a.change_given - voided_cash_net - a.drops
        - a.paid_outs - a.refunds,
        check=a.opening.check + a.received.check - a.voided.check,
        money_order=a.opening.money_order + a.received.money_order - a.voided.money_order,
        card=a.opening.card + a.received.card - a.voided.card,
    )


def over_short(counted: TenderTotals, expected_totals: TenderTotals) -> TenderTotals:
    return TenderTotals(**{t: counted.get(t) - expected_totals.get(t) for t in TENDERS})


def sum_tenders(pairs: Iterable[tuple[str, Cents]]) -> TenderTotals:
    totals = dict.fromkeys(TENDERS, 0)
    for tender, cents in pairs:
        totals[tender] += cents
    return TenderTotals(**totals)
