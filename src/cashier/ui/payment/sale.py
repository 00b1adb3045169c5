"""The sale in progress: the cart lines and tenders the cashier has keyed, until it is posted.

Plain state, no Qt: switching user or locking the screen parks it untouched. The amounts
here are for display; ``post_payment`` prices the lines and checks the tenders, and the
change shown before posting comes from ``tendering.change_due``, the ledger's own rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cashier.devices.card.terminal import CardReference, CardResult
from cashier.ledger.rules.errors import Refused
from cashier.ledger.rules.money import Cents
from cashier.ledger.rules.tendering import change_due
from cashier.ledger.rules.values import CardTender, Line, Payment, Tender


@dataclass(frozen=True)
class CartLine:
    line: Line
    description: str
    amount: Cents  # what the line comes to, as shown on screen


@dataclass
class Sale:
    lines: list[CartLine] = field(default_factory=list)
    tenders: list[Tender] = field(default_factory=list)
    # A card sale whose answer was lost: no other tender until the terminal says what became
    # of it (SPEC §6: never start a second charge).
    pending_card: CardReference | None = None
    card_results: list[CardResult] = field(default_factory=list)

    @property
    def total(self) -> Cents:
        return sum(line.amount for line in self.lines)

    @property
    def tendered(self) -> Cents:
        return sum(t.amount for t in self.tenders)

    @property
    def due(self) -> Cents:
        """What is still to be tendered (0 once covered), for the amount box and display."""
        return max(self.total - self.tendered, 0)

    @property
    def empty(self) -> bool:
        return not self.lines and not self.tenders and self.pending_card is None

    def change(self) -> Cents | None:
        """The change the ledger would give for these tenders, or None while it would refuse."""
        if not self.lines or not self.tenders:
            return None
        try:
            return change_due(self.total, self.tenders)
        except Refused:
            return None

    def approved_cards(self) -> list[CardResult]:
        """Card charges already taken: cancelling the sale must reverse them on the terminal."""
        taken = {t.reference for t in self.tenders if isinstance(t, CardTender)}
        return [r for r in self.card_results if r.approved and r.reference in taken]

    def payment(self, drawer: str, cashier: str) -> Payment:
        return Payment(drawer=drawer, cashier=cashier,
                       lines=tuple(c.line for c in self.lines), tenders=tuple(self.tenders))
