"""What the counter's screens pick from: the revenue items on sale, this terminal's drawers
(and who has each open), the GL accounts a paid-out may be charged to.

Read-only: nothing here writes, decides or computes money.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from cashier.ledger.database import Database
from cashier.ledger.rules.money import Cents
from cashier.ledger.store.models import Drawer, DrawerSession, GLAccount, Item


@dataclass(frozen=True)
class ItemInfo:
    code: str
    name: str
    price: Cents | None  # None: the cashier keys the price
    reference_required: bool
    reference_label: str
    allowed_tenders: tuple[str, ...]


@dataclass(frozen=True)
class DrawerInfo:
    code: str
    terminal: str
    assigned_float: Cents
    open_for: str | None  # the cashier whose session is open on it, if any


def items(db: Database) -> list[ItemInfo]:
    with db.read() as session:
        rows = session.scalars(select(Item).where(Item.active.is_(True)).order_by(Item.code))
        return [ItemInfo(i.code, i.name, i.price_cents, i.reference_required,
                         i.reference_label, tuple(i.allowed_tenders.split(",")))
                for i in rows]


def drawers(db: Database, terminal: str) -> list[DrawerInfo]:
    """The drawers that belong to ``terminal``, with who (if anyone) has each open."""
    with db.read() as session:
        open_for = {drawer: cashier for drawer, cashier in session.execute(
            select(DrawerSession.drawer, DrawerSession.cashier)
            .where(DrawerSession.status == "open"))}
        rows = session.scalars(select(Drawer).where(Drawer.terminal == terminal)
                               .order_by(Drawer.code))
        return [DrawerInfo(d.code, d.terminal, d.float_cents, open_for.get(d.code))
                for d in rows]


def paid_out_accounts(db: Database) -> list[tuple[str, str]]:
    """GL accounts a paid-out may be charged to (never a system account)."""
    with db.read() as session:
        return [(code, name) for code, name in session.execute(
            select(GLAccount.code, GLAccount.name).where(GLAccount.system.is_(False))
            .order_by(GLAccount.code))]
