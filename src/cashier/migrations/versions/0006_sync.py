"""sync: outbox sent_at, receipts taken offline, central inbox, change counters

Terminal side: ``operations.sent_at`` marks what central has committed (the unsent rows are
the backlog), ``receipts.offline`` marks receipts taken while central was unreachable,
``sync_state`` keeps the pull cursors and ``remote_payments`` the other terminals' payments.
Central side: ``sync_inbox`` receives pushed operations, ``sync_terminals`` records how far
each terminal's operations are applied, and on PostgreSQL every insert or update of
reference data is stamped with the next value of one change counter.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 20:17:05.913744
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Reference data a terminal pulls, and receipts (for other terminals' payments on an account).
COUNTED = ("gl_accounts", "services", "items", "item_splits", "accounts", "charges", "users",
           "terminals", "drawers", "receipts")

# Central stamps changes under one transaction-scoped advisory lock, taken before the counter
# is drawn: transactions then commit in counter order, so a terminal that has seen change N
# can never later meet an uncommitted change below N and skip it forever.
PG_STAMP = """
CREATE FUNCTION cashier_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(727274);
    NEW.change_no := nextval('cashier_change_seq');
    RETURN NEW;
END $$
"""


def upgrade() -> None:
    op.create_table('remote_payments',
    sa.Column('receipt_number', sa.String(length=20), nullable=False),
    sa.Column('account_number', sa.String(length=20), nullable=False),
    sa.Column('taken_at', sa.String(length=40), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('receipt_number', 'account_number', name=op.f('pk_remote_payments'))
    )
    op.create_index(op.f('ix_remote_payments_account_number'), 'remote_payments',
                    ['account_number'], unique=False)
    op.create_table('sync_inbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('terminal', sa.String(length=10), nullable=False),
    sa.Column('terminal_seq', sa.BigInteger(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('received_at', sa.String(length=40), nullable=False),
    sa.Column('applied_at', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_inbox')),
    sa.UniqueConstraint('uuid', name=op.f('uq_sync_inbox_uuid'))
    )
    op.create_index('ix_sync_inbox_pending', 'sync_inbox', ['id'], unique=False,
                    sqlite_where=sa.text('applied_at IS NULL'),
                    postgresql_where=sa.text('applied_at IS NULL'))
    op.create_index('ix_sync_inbox_terminal_seq', 'sync_inbox', ['terminal', 'terminal_seq'],
                    unique=False)
    op.create_table('sync_state',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_state'))
    )
    op.create_table('sync_terminals',
    sa.Column('terminal', sa.String(length=10), nullable=False),
    sa.Column('applied_seq', sa.BigInteger(), nullable=False),
    sa.Column('applied_at', sa.String(length=40), nullable=True),
    sa.Column('stopped_seq', sa.BigInteger(), nullable=True),
    sa.Column('stopped_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('terminal', name=op.f('pk_sync_terminals'))
    )
    # Plain ADD COLUMN, never a batch rebuild: receipts carries the closed-day triggers and
    # most of these tables are referenced by others.
    for table in COUNTED:
        op.add_column(table, sa.Column('change_no', sa.BigInteger(), nullable=True))
        op.create_index(op.f(f'ix_{table}_change_no'), table, ['change_no'], unique=False)
    op.add_column('operations', sa.Column('sent_at', sa.String(length=40), nullable=True))
    op.create_index('ix_operations_unsent', 'operations', ['seq'], unique=False,
                    sqlite_where=sa.text('sent_at IS NULL'),
                    postgresql_where=sa.text('sent_at IS NULL'))
    op.add_column('receipts', sa.Column('offline', sa.Boolean(), server_default='0',
                                        nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE cashier_change_seq")
        op.execute(PG_STAMP)
        for table in COUNTED:
            op.execute(f"CREATE TRIGGER {table}_change BEFORE INSERT OR UPDATE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION cashier_stamp_change()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in COUNTED:
            op.execute(f"DROP TRIGGER {table}_change ON {table}")
        op.execute("DROP FUNCTION cashier_stamp_change()")
        op.execute("DROP SEQUENCE cashier_change_seq")
    op.drop_column('receipts', 'offline')
    op.drop_index('ix_operations_unsent', table_name='operations')
    op.drop_column('operations', 'sent_at')
    for table in COUNTED:
        op.drop_index(op.f(f'ix_{table}_change_no'), table_name=table)
        op.drop_column(table, 'change_no')
    op.drop_table('sync_terminals')
    op.drop_table('sync_state')
    op.drop_index('ix_sync_inbox_terminal_seq', table_name='sync_inbox')
    op.drop_index('ix_sync_inbox_pending', table_name='sync_inbox')
    op.drop_table('sync_inbox')
    op.drop_index(op.f('ix_remote_payments_account_number'), table_name='remote_payments')
    op.drop_table('remote_payments')
