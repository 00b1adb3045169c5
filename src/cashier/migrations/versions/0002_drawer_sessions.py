"""drawer sessions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:29:31.857790
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('drawer_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('drawer', sa.String(length=10), nullable=False),
    sa.Column('terminal', sa.String(length=10), nullable=False),
    sa.Column('cashier', sa.String(length=40), nullable=False),
    sa.Column('opened_at', sa.String(length=40), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('assigned_float_cents', sa.BigInteger(), nullable=False),
    sa.Column('opening_cents', sa.BigInteger(), nullable=False),
    sa.Column('opening_count', sa.Text(), nullable=False),
    sa.Column('float_approver', sa.String(length=40), nullable=True),
    sa.Column('previous_session_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('closed_at', sa.String(length=40), nullable=True),
    sa.Column('close_count', sa.Text(), nullable=True),
    sa.Column('first_count', sa.Text(), nullable=True),
    sa.Column('recounted', sa.Boolean(), nullable=False),
    sa.Column('counted_cash_cents', sa.BigInteger(), nullable=True),
    sa.Column('counted_check_cents', sa.BigInteger(), nullable=True),
    sa.Column('counted_money_order_cents', sa.BigInteger(), nullable=True),
    sa.Column('counted_card_cents', sa.BigInteger(), nullable=True),
    sa.Column('expected_cash_cents', sa.BigInteger(), nullable=True),
    sa.Column('expected_check_cents', sa.BigInteger(), nullable=True),
    sa.Column('expected_money_order_cents', sa.BigInteger(), nullable=True),
    sa.Column('expected_card_cents', sa.BigInteger(), nullable=True),
    sa.Column('approved_by', sa.String(length=40), nullable=True),
    sa.Column('approved_at', sa.String(length=40), nullable=True),
    sa.Column('approval_note', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'closed', 'handed_off')", name=op.f('ck_drawer_sessions_status')),
    sa.ForeignKeyConstraint(['approved_by'], ['users.id'], name=op.f('fk_drawer_sessions_approved_by_users')),
    sa.ForeignKeyConstraint(['cashier'], ['users.id'], name=op.f('fk_drawer_sessions_cashier_users')),
    sa.ForeignKeyConstraint(['drawer'], ['drawers.code'], name=op.f('fk_drawer_sessions_drawer_drawers')),
    sa.ForeignKeyConstraint(['float_approver'], ['users.id'], name=op.f('fk_drawer_sessions_float_approver_users')),
    sa.ForeignKeyConstraint(['previous_session_id'], ['drawer_sessions.id'], name=op.f('fk_drawer_sessions_previous_session_id_drawer_sessions')),
    sa.ForeignKeyConstraint(['terminal'], ['terminals.code'], name=op.f('fk_drawer_sessions_terminal_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drawer_sessions'))
    )
    with op.batch_alter_table('drawer_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drawer_sessions_business_date'), ['business_date'], unique=False)
        batch_op.create_index('ix_drawer_sessions_drawer_status', ['drawer', 'status'], unique=False)

    op.create_table('cash_movements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('count', sa.Text(), nullable=False),
    sa.Column('second_user', sa.String(length=40), nullable=False),
    sa.Column('gl_account', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('drop', 'paid_out')", name=op.f('ck_cash_movements_kind')),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entries.id'], name=op.f('fk_cash_movements_entry_id_journal_entries')),
    sa.ForeignKeyConstraint(['gl_account'], ['gl_accounts.code'], name=op.f('fk_cash_movements_gl_account_gl_accounts')),
    sa.ForeignKeyConstraint(['second_user'], ['users.id'], name=op.f('fk_cash_movements_second_user_users')),
    sa.ForeignKeyConstraint(['session_id'], ['drawer_sessions.id'], name=op.f('fk_cash_movements_session_id_drawer_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_movements'))
    )
    with op.batch_alter_table('cash_movements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cash_movements_session_id'), ['session_id'], unique=False)

    # Not batch mode: rebuilding these tables on SQLite would drop their append-only
    # triggers and trip the foreign keys of a terminal that already holds receipts. SQLite can
    # add a nullable column with an inline REFERENCES; PostgreSQL adds the constraint apart.
    for table in ('receipts', 'journal_entries'):
        fk_name = op.f(f'fk_{table}_session_id_drawer_sessions')
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE {table} ADD COLUMN session_id INTEGER '
                       f'CONSTRAINT {fk_name} REFERENCES drawer_sessions (id)')
        else:
            op.add_column(table, sa.Column('session_id', sa.Integer(), nullable=True))
            op.create_foreign_key(fk_name, table, 'drawer_sessions', ['session_id'], ['id'])
        op.create_index(op.f(f'ix_{table}_session_id'), table, ['session_id'], unique=False)


def downgrade() -> None:
    for table in ('journal_entries', 'receipts'):
        op.drop_index(op.f(f'ix_{table}_session_id'), table_name=table)
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE {table} DROP COLUMN session_id')
        else:
            op.drop_constraint(op.f(f'fk_{table}_session_id_drawer_sessions'), table,
                               type_='foreignkey')
            op.drop_column(table, 'session_id')

    with op.batch_alter_table('cash_movements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cash_movements_session_id'))

    op.drop_table('cash_movements')
    with op.batch_alter_table('drawer_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_drawer_sessions_drawer_status')
        batch_op.drop_index(batch_op.f('ix_drawer_sessions_business_date'))

    op.drop_table('drawer_sessions')
