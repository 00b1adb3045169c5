"""deposit and business day close: a closed day refuses new entries and receipts (C12)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 18:03:11.727150
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('business_days',
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('closed_by', sa.String(length=40), nullable=False),
    sa.Column('closed_at', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['closed_by'], ['users.id'], name=op.f('fk_business_days_closed_by_users')),
    sa.PrimaryKeyConstraint('business_date', name=op.f('pk_business_days'))
    )
    op.create_table('deposits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('bag', sa.String(length=30), nullable=False),
    sa.Column('prepared_by', sa.String(length=40), nullable=False),
    sa.Column('verified_by', sa.String(length=40), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('counted_cash_cents', sa.BigInteger(), nullable=False),
    sa.Column('drops_cents', sa.BigInteger(), nullable=False),
    sa.Column('floats_kept_cents', sa.BigInteger(), nullable=False),
    sa.Column('cash_cents', sa.BigInteger(), nullable=False),
    sa.Column('checks_cents', sa.BigInteger(), nullable=False),
    sa.Column('check_count', sa.Integer(), nullable=False),
    sa.Column('money_orders_cents', sa.BigInteger(), nullable=False),
    sa.Column('money_order_count', sa.Integer(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entries.id'], name=op.f('fk_deposits_entry_id_journal_entries')),
    sa.ForeignKeyConstraint(['prepared_by'], ['users.id'], name=op.f('fk_deposits_prepared_by_users')),
    sa.ForeignKeyConstraint(['verified_by'], ['users.id'], name=op.f('fk_deposits_verified_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deposits')),
    sa.UniqueConstraint('business_date', name=op.f('uq_deposits_business_date'))
    )
    _closed_day_triggers()


# Beneath the service layer's check: whatever path a write takes, the database itself
# refuses a journal entry or receipt dated a closed day, or a change to such a receipt.
_GUARDED = (("journal_entries", "INSERT", "NEW"), ("receipts", "INSERT", "NEW"),
            ("receipts", "UPDATE", "OLD"))


def _closed_day_triggers() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for table, event, row in _GUARDED:
            op.execute(
                f"CREATE TRIGGER {table}_closed_day_{event.lower()} BEFORE {event} ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM business_days WHERE business_date = "
                f"{row}.business_date) "
                "BEGIN SELECT RAISE(ABORT, 'C12: that business day is closed'); END")
        return
    for row in ("NEW", "OLD"):
        op.execute(
            f"CREATE FUNCTION cashier_closed_day_{row.lower()}() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            "IF EXISTS (SELECT 1 FROM business_days WHERE business_date = "
            f"{row}.business_date) THEN "
            f"RAISE EXCEPTION 'C12: business day % is closed', {row}.business_date; "
            "END IF; RETURN NEW; END $$")
    for table, event, row in _GUARDED:
        op.execute(f"CREATE TRIGGER {table}_closed_day_{event.lower()} BEFORE {event} "
                   f"ON {table} FOR EACH ROW EXECUTE FUNCTION "
                   f"cashier_closed_day_{row.lower()}()")


def _drop_closed_day_triggers() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for table, event, _ in _GUARDED:
        name = f"{table}_closed_day_{event.lower()}"
        op.execute(f"DROP TRIGGER IF EXISTS {name}" if sqlite
                   else f"DROP TRIGGER IF EXISTS {name} ON {table}")
    if not sqlite:
        for row in ("new", "old"):
            op.execute(f"DROP FUNCTION IF EXISTS cashier_closed_day_{row}()")


def downgrade() -> None:
    _drop_closed_day_triggers()
    op.drop_table('deposits')
    op.drop_table('business_days')
