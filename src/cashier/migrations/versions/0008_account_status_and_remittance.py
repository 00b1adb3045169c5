"""account status at the counter, payment arrangements, remittance batches

``accounts`` gains its service status from billing (disconnect pending, disconnected,
final-billed) with the amount required to stop or reverse it; ``service_notices`` are the
cancel-disconnect and reconnect orders a payment raised, one per status episode.
``arrangements`` and their installments take an account's payments first; ``arrangement_payments``
keeps what each receipt paid on them. ``remittance_batches``, ``remittance_items`` and
``remittance_exceptions`` hold mail and drop-box batches keyed against their tape.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 22:31:03.887983
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('arrangements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_number', sa.String(length=20), nullable=False),
    sa.Column('opened_at', sa.String(length=40), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('opened_by', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('broken_at', sa.String(length=40), nullable=True),
    sa.Column('total_cents', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("status IN ('active', 'completed', 'broken')", name=op.f('ck_arrangements_status')),
    sa.ForeignKeyConstraint(['account_number'], ['accounts.number'], name=op.f('fk_arrangements_account_number_accounts')),
    sa.ForeignKeyConstraint(['opened_by'], ['users.id'], name=op.f('fk_arrangements_opened_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arrangements'))
    )
    with op.batch_alter_table('arrangements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arrangements_account_number'), ['account_number'], unique=False)

    op.create_table('remittance_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('terminal', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('opened_by', sa.String(length=40), nullable=False),
    sa.Column('opened_at', sa.String(length=40), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('control_count', sa.Integer(), nullable=False),
    sa.Column('control_cents', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('posted_by', sa.String(length=40), nullable=True),
    sa.Column('posted_at', sa.String(length=40), nullable=True),
    sa.Column('posted_date', sa.Date(), nullable=True),
    sa.CheckConstraint("kind IN ('mail', 'drop_box')", name=op.f('ck_remittance_batches_kind')),
    sa.CheckConstraint("status IN ('open', 'suspended', 'posted')", name=op.f('ck_remittance_batches_status')),
    sa.ForeignKeyConstraint(['opened_by'], ['users.id'], name=op.f('fk_remittance_batches_opened_by_users')),
    sa.ForeignKeyConstraint(['posted_by'], ['users.id'], name=op.f('fk_remittance_batches_posted_by_users')),
    sa.ForeignKeyConstraint(['terminal'], ['terminals.code'], name=op.f('fk_remittance_batches_terminal_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remittance_batches')),
    sa.UniqueConstraint('code', name=op.f('uq_remittance_batches_code'))
    )
    with op.batch_alter_table('remittance_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remittance_batches_business_date'), ['business_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_remittance_batches_posted_date'), ['posted_date'], unique=False)

    op.create_table('arrangement_installments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('arrangement_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('paid_cents', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['arrangement_id'], ['arrangements.id'], name=op.f('fk_arrangement_installments_arrangement_id_arrangements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arrangement_installments')),
    sa.UniqueConstraint('arrangement_id', 'seq', name=op.f('uq_arrangement_installments_arrangement_id'))
    )
    with op.batch_alter_table('arrangement_installments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arrangement_installments_arrangement_id'), ['arrangement_id'], unique=False)

    op.create_table('remittance_exceptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('stub', sa.String(length=60), nullable=False),
    sa.Column('check_amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('check_number', sa.String(length=30), nullable=False),
    sa.Column('routing', sa.String(length=20), nullable=False),
    sa.Column('entered_by', sa.String(length=40), nullable=False),
    sa.Column('entered_at', sa.String(length=40), nullable=False),
    sa.CheckConstraint("kind IN ('unknown_account', 'bad_routing', 'cash_only', 'bad_check_digit', 'bad_stub')", name=op.f('ck_remittance_exceptions_kind')),
    sa.ForeignKeyConstraint(['batch_id'], ['remittance_batches.id'], name=op.f('fk_remittance_exceptions_batch_id_remittance_batches')),
    sa.ForeignKeyConstraint(['entered_by'], ['users.id'], name=op.f('fk_remittance_exceptions_entered_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remittance_exceptions')),
    sa.UniqueConstraint('batch_id', 'seq', name=op.f('uq_remittance_exceptions_batch_id'))
    )
    with op.batch_alter_table('remittance_exceptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remittance_exceptions_batch_id'), ['batch_id'], unique=False)

    op.create_table('arrangement_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.Column('installment_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['installment_id'], ['arrangement_installments.id'], name=op.f('fk_arrangement_payments_installment_id_arrangement_installments')),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_arrangement_payments_receipt_id_receipts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arrangement_payments'))
    )
    with op.batch_alter_table('arrangement_payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arrangement_payments_installment_id'), ['installment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_arrangement_payments_receipt_id'), ['receipt_id'], unique=False)

    op.create_table('remittance_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('account_number', sa.String(length=20), nullable=False),
    sa.Column('stub_amount_cents', sa.BigInteger(), nullable=True),
    sa.Column('check_amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('check_number', sa.String(length=30), nullable=False),
    sa.Column('routing', sa.String(length=9), nullable=False),
    sa.Column('bank_account_mask', sa.String(length=40), nullable=False),
    sa.Column('entered_by', sa.String(length=40), nullable=False),
    sa.Column('entered_at', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('removed_reason', sa.Text(), nullable=True),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('entered', 'removed', 'posted')", name=op.f('ck_remittance_items_status')),
    sa.ForeignKeyConstraint(['account_number'], ['accounts.number'], name=op.f('fk_remittance_items_account_number_accounts')),
    sa.ForeignKeyConstraint(['batch_id'], ['remittance_batches.id'], name=op.f('fk_remittance_items_batch_id_remittance_batches')),
    sa.ForeignKeyConstraint(['entered_by'], ['users.id'], name=op.f('fk_remittance_items_entered_by_users')),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_remittance_items_receipt_id_receipts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remittance_items')),
    sa.UniqueConstraint('batch_id', 'seq', name=op.f('uq_remittance_items_batch_id'))
    )
    with op.batch_alter_table('remittance_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remittance_items_batch_id'), ['batch_id'], unique=False)

    op.create_table('service_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_number', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.Column('receipt_number', sa.String(length=20), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=False),
    sa.Column('required_cents', sa.BigInteger(), nullable=False),
    sa.Column('paid_cents', sa.BigInteger(), nullable=False),
    sa.Column('prior_paid_cents', sa.BigInteger(), nullable=False),
    sa.Column('withdrawn_at', sa.String(length=40), nullable=True),
    sa.CheckConstraint("kind IN ('cancel_disconnect', 'reconnect')", name=op.f('ck_service_notices_kind')),
    sa.ForeignKeyConstraint(['account_number'], ['accounts.number'], name=op.f('fk_service_notices_account_number_accounts')),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_service_notices_receipt_id_receipts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_notices')),
    sa.UniqueConstraint('account_number', 'kind', 'status_date', name=op.f('uq_service_notices_account_number'))
    )
    with op.batch_alter_table('service_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_notices_account_number'), ['account_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_notices_business_date'), ['business_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_notices_receipt_id'), ['receipt_id'], unique=False)

    op.create_table('account_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_number', sa.String(length=20), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('cause', sa.String(length=20), nullable=False),
    sa.Column('prev_status', sa.String(length=20), nullable=False),
    sa.Column('prev_date', sa.Date(), nullable=True),
    sa.Column('prev_required_cents', sa.BigInteger(), nullable=True),
    sa.Column('prev_paid_cents', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['account_number'], ['accounts.number'], name=op.f('fk_account_status_changes_account_number_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_status_changes'))
    )
    op.create_index(op.f('ix_account_status_changes_account_number'), 'account_status_changes', ['account_number'], unique=False)
    # Plain ADD COLUMN: accounts carries the lookup index's triggers (0004) and, on central,
    # the change counter's (0006); a batch rebuild would drop them.
    op.add_column('accounts', sa.Column('service_status', sa.String(length=20), server_default='active', nullable=False))
    op.add_column('accounts', sa.Column('status_date', sa.Date(), nullable=True))
    op.add_column('accounts', sa.Column('status_required_cents', sa.BigInteger(), nullable=True))
    op.add_column('accounts', sa.Column('status_paid_cents', sa.BigInteger(), server_default='0', nullable=False))



def downgrade() -> None:
    op.drop_index(op.f('ix_account_status_changes_account_number'), table_name='account_status_changes')
    op.drop_table('account_status_changes')
    for column in ('status_paid_cents', 'status_required_cents', 'status_date', 'service_status'):
        op.drop_column('accounts', column)

    with op.batch_alter_table('service_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_notices_receipt_id'))
        batch_op.drop_index(batch_op.f('ix_service_notices_business_date'))
        batch_op.drop_index(batch_op.f('ix_service_notices_account_number'))

    op.drop_table('service_notices')
    with op.batch_alter_table('remittance_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remittance_items_batch_id'))

    op.drop_table('remittance_items')
    with op.batch_alter_table('arrangement_payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_arrangement_payments_receipt_id'))
        batch_op.drop_index(batch_op.f('ix_arrangement_payments_installment_id'))

    op.drop_table('arrangement_payments')
    with op.batch_alter_table('remittance_exceptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remittance_exceptions_batch_id'))

    op.drop_table('remittance_exceptions')
    with op.batch_alter_table('arrangement_installments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_arrangement_installments_arrangement_id'))

    op.drop_table('arrangement_installments')
    with op.batch_alter_table('remittance_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remittance_batches_posted_date'))
        batch_op.drop_index(batch_op.f('ix_remittance_batches_business_date'))

    op.drop_table('remittance_batches')
    with op.batch_alter_table('arrangements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_arrangements_account_number'))

    op.drop_table('arrangements')
