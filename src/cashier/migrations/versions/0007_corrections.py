"""corrections: returned (NSF) checks, payment transfers and credit refunds

``corrections`` holds each supervisor correction and ``correction_lines`` every change it made
to an account's charges and credit, so a correction can be traced, shown on the receipt it
corrects and taken out again when a journal export rebuilds an account as a day began.
``returned_checks`` is an account's returned-check history for the cash-only rule (C16).
``cash_movements.kind`` gains 'refund' (a credit refunded in cash from a drawer).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 20:21:37.667310
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Like the ledger's own rows (0001): a correction, once made, is corrected only by another.
_APPEND_ONLY = {"corrections": "C2", "correction_lines": "C2", "returned_checks": "C2"}


def upgrade() -> None:
    op.create_table('corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.Column('account', sa.String(length=20), nullable=False),
    sa.Column('to_account', sa.String(length=20), nullable=True),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('fee_cents', sa.BigInteger(), nullable=False),
    sa.Column('by', sa.String(length=40), nullable=False),
    sa.Column('approver', sa.String(length=40), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('nsf', 'transfer', 'refund')", name=op.f('ck_corrections_kind')),
    sa.ForeignKeyConstraint(['account'], ['accounts.number'], name=op.f('fk_corrections_account_accounts')),
    sa.ForeignKeyConstraint(['approver'], ['users.id'], name=op.f('fk_corrections_approver_users')),
    sa.ForeignKeyConstraint(['by'], ['users.id'], name=op.f('fk_corrections_by_users')),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entries.id'], name=op.f('fk_corrections_entry_id_journal_entries')),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_corrections_receipt_id_receipts')),
    sa.ForeignKeyConstraint(['session_id'], ['drawer_sessions.id'], name=op.f('fk_corrections_session_id_drawer_sessions')),
    sa.ForeignKeyConstraint(['to_account'], ['accounts.number'], name=op.f('fk_corrections_to_account_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrections'))
    )
    op.create_index(op.f('ix_corrections_account'), 'corrections', ['account'], unique=False)
    op.create_index(op.f('ix_corrections_business_date'), 'corrections', ['business_date'],
                    unique=False)
    op.create_index(op.f('ix_corrections_receipt_id'), 'corrections', ['receipt_id'],
                    unique=False)
    op.create_table('correction_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('correction_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('account', sa.String(length=20), nullable=False),
    sa.Column('charge_id', sa.Integer(), nullable=True),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("kind IN ('paid', 'credit', 'credit_used', 'billed')", name=op.f('ck_correction_lines_kind')),
    sa.ForeignKeyConstraint(['account'], ['accounts.number'], name=op.f('fk_correction_lines_account_accounts')),
    sa.ForeignKeyConstraint(['charge_id'], ['charges.id'], name=op.f('fk_correction_lines_charge_id_charges')),
    sa.ForeignKeyConstraint(['correction_id'], ['corrections.id'], name=op.f('fk_correction_lines_correction_id_corrections')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction_lines'))
    )
    op.create_index(op.f('ix_correction_lines_correction_id'), 'correction_lines',
                    ['correction_id'], unique=False)
    op.create_table('returned_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=20), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('receipt', sa.String(length=20), nullable=False),
    sa.Column('correction_id', sa.Integer(), nullable=True),
    sa.Column('made_cash_only', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['account'], ['accounts.number'], name=op.f('fk_returned_checks_account_accounts')),
    sa.ForeignKeyConstraint(['correction_id'], ['corrections.id'], name=op.f('fk_returned_checks_correction_id_corrections')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_returned_checks'))
    )
    op.create_index(op.f('ix_returned_checks_account'), 'returned_checks', ['account'],
                    unique=False)
    _cash_movement_kinds("kind IN ('drop', 'paid_out', 'refund')")
    _append_only_triggers()


def _cash_movement_kinds(check: str) -> None:
    # cash_movements has no triggers and nothing references it, so SQLite's batch rebuild
    # of the table (the only way it can change a CHECK) loses nothing.
    with op.batch_alter_table('cash_movements', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_cash_movements_kind'), type_='check')
        batch_op.create_check_constraint(op.f('ck_cash_movements_kind'), sa.text(check))


def _append_only_triggers() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for table, rule in _APPEND_ONLY.items():
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{rule}: {table} rows are append-only'); END")
        # Beneath the service layer, as for entries and receipts (0005): nothing is dated a
        # closed day, a correction included.
        op.execute(
            "CREATE TRIGGER corrections_closed_day_insert BEFORE INSERT ON corrections "
            "WHEN EXISTS (SELECT 1 FROM business_days WHERE business_date = NEW.business_date) "
            "BEGIN SELECT RAISE(ABORT, 'C12: that business day is closed'); END")
        return
    # cashier_append_only (0001) and cashier_closed_day_new (0005) already exist.
    for table, rule in _APPEND_ONLY.items():
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION cashier_append_only('{rule}')")
    op.execute("CREATE TRIGGER corrections_closed_day_insert BEFORE INSERT ON corrections "
               "FOR EACH ROW EXECUTE FUNCTION cashier_closed_day_new()")


def _drop_append_only_triggers() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for table in _APPEND_ONLY:
        if sqlite:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    op.execute("DROP TRIGGER IF EXISTS corrections_closed_day_insert" if sqlite
               else "DROP TRIGGER IF EXISTS corrections_closed_day_insert ON corrections")


def downgrade() -> None:
    _drop_append_only_triggers()
    # Fails on a database with cash refunds: the older schema has no place for them.
    _cash_movement_kinds("kind IN ('drop', 'paid_out')")
    op.drop_index(op.f('ix_returned_checks_account'), table_name='returned_checks')
    op.drop_table('returned_checks')
    op.drop_index(op.f('ix_correction_lines_correction_id'), table_name='correction_lines')
    op.drop_table('correction_lines')
    op.drop_index(op.f('ix_corrections_receipt_id'), table_name='corrections')
    op.drop_index(op.f('ix_corrections_business_date'), table_name='corrections')
    op.drop_index(op.f('ix_corrections_account'), table_name='corrections')
    op.drop_table('corrections')
