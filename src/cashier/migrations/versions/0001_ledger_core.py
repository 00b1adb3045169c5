"""ledger core: reference data, receipts, journal, operations, audit

Revision ID: 0001
Revises:
Create Date: 2026-11-23 17:21:13.196162
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('accounts',
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('cash_only', sa.Boolean(), nullable=False),
    sa.Column('credit_cents', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_accounts'))
    )
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accounts_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_accounts_name'), ['name'], unique=False)

    op.create_table('audit_events',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=60), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_kind'), ['kind'], unique=False)

    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('gl_accounts',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('fund', sa.String(length=10), nullable=False),
    sa.Column('system', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_gl_accounts'))
    )
    op.create_table('items',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('price_cents', sa.BigInteger(), nullable=True),
    sa.Column('reference_required', sa.Boolean(), nullable=False),
    sa.Column('reference_label', sa.String(length=40), nullable=False),
    sa.Column('allowed_tenders', sa.String(length=60), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_items'))
    )
    op.create_table('operations',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('op', sa.String(length=20), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_operations')),
    sa.UniqueConstraint('uuid', name=op.f('uq_operations_uuid'))
    )
    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_operations_business_date'), ['business_date'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('terminals',
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('last_receipt_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_terminals'))
    )
    op.create_table('users',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('pin_hash', sa.String(length=200), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("role IN ('cashier', 'supervisor', 'admin')", name=op.f('ck_users_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users'))
    )
    op.create_table('drawers',
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('terminal', sa.String(length=10), nullable=False),
    sa.Column('float_cents', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['terminal'], ['terminals.code'], name=op.f('fk_drawers_terminal_terminals')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_drawers'))
    )
    op.create_table('item_splits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_code', sa.String(length=20), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=20), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=True),
    sa.Column('share', sa.String(length=20), nullable=True),
    sa.CheckConstraint('(amount_cents IS NULL) <> (share IS NULL)', name=op.f('ck_item_splits_amount_or_share')),
    sa.ForeignKeyConstraint(['account'], ['gl_accounts.code'], name=op.f('fk_item_splits_account_gl_accounts')),
    sa.ForeignKeyConstraint(['item_code'], ['items.code'], name=op.f('fk_item_splits_item_code_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_splits')),
    sa.UniqueConstraint('item_code', 'seq', name=op.f('uq_item_splits_item_code'))
    )
    op.create_table('services',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('ar_gl', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['ar_gl'], ['gl_accounts.code'], name=op.f('fk_services_ar_gl_gl_accounts')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_services'))
    )
    op.create_table('charges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_number', sa.String(length=20), nullable=False),
    sa.Column('service', sa.String(length=20), nullable=False),
    sa.Column('bill_date', sa.Date(), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('paid_cents', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('paid_cents >= 0 AND paid_cents <= amount_cents', name=op.f('ck_charges_paid_in_range')),
    sa.ForeignKeyConstraint(['account_number'], ['accounts.number'], name=op.f('fk_charges_account_number_accounts')),
    sa.ForeignKeyConstraint(['service'], ['services.code'], name=op.f('fk_charges_service_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_charges'))
    )
    with op.batch_alter_table('charges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_charges_account_number'), ['account_number'], unique=False)

    op.create_table('receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('terminal', sa.String(length=10), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('drawer', sa.String(length=10), nullable=False),
    sa.Column('cashier', sa.String(length=40), nullable=False),
    sa.Column('taken_at', sa.String(length=40), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('total_cents', sa.BigInteger(), nullable=False),
    sa.Column('change_cents', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('voided_at', sa.String(length=40), nullable=True),
    sa.Column('voided_by', sa.String(length=40), nullable=True),
    sa.Column('void_approver', sa.String(length=40), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('completed', 'void')", name=op.f('ck_receipts_status')),
    sa.ForeignKeyConstraint(['cashier'], ['users.id'], name=op.f('fk_receipts_cashier_users')),
    sa.ForeignKeyConstraint(['drawer'], ['drawers.code'], name=op.f('fk_receipts_drawer_drawers')),
    sa.ForeignKeyConstraint(['terminal'], ['terminals.code'], name=op.f('fk_receipts_terminal_terminals')),
    sa.ForeignKeyConstraint(['void_approver'], ['users.id'], name=op.f('fk_receipts_void_approver_users')),
    sa.ForeignKeyConstraint(['voided_by'], ['users.id'], name=op.f('fk_receipts_voided_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipts')),
    sa.UniqueConstraint('number', name=op.f('uq_receipts_number')),
    sa.UniqueConstraint('terminal', 'seq', name=op.f('uq_receipts_terminal'))
    )
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.create_index('ix_receipts_business_date', ['business_date'], unique=False)

    op.create_table('journal_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('posted_at', sa.String(length=40), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('memo', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_journal_entries_receipt_id_receipts')),
    sa.ForeignKeyConstraint(['reverses_id'], ['journal_entries.id'], name=op.f('fk_journal_entries_reverses_id_journal_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_entries')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_journal_entries_reverses_id'))
    )
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journal_entries_business_date'), ['business_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_journal_entries_receipt_id'), ['receipt_id'], unique=False)

    op.create_table('receipt_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('account_number', sa.String(length=20), nullable=True),
    sa.Column('item_code', sa.String(length=20), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('credit_cents', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.CheckConstraint("kind IN ('account', 'item')", name=op.f('ck_receipt_lines_kind')),
    sa.ForeignKeyConstraint(['account_number'], ['accounts.number'], name=op.f('fk_receipt_lines_account_number_accounts')),
    sa.ForeignKeyConstraint(['item_code'], ['items.code'], name=op.f('fk_receipt_lines_item_code_items')),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_receipt_lines_receipt_id_receipts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_lines')),
    sa.UniqueConstraint('receipt_id', 'seq', name=op.f('uq_receipt_lines_receipt_id'))
    )
    with op.batch_alter_table('receipt_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipt_lines_account_number'), ['account_number'], unique=False)

    op.create_table('receipt_tenders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=12), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('routing', sa.String(length=9), nullable=False),
    sa.Column('bank_account_mask', sa.String(length=40), nullable=False),
    sa.Column('card_brand', sa.String(length=20), nullable=True),
    sa.Column('card_last4', sa.String(length=4), nullable=True),
    sa.Column('card_auth', sa.String(length=20), nullable=True),
    sa.Column('card_reference', sa.String(length=60), nullable=True),
    sa.CheckConstraint("type IN ('cash', 'check', 'money_order', 'card')", name=op.f('ck_receipt_tenders_type')),
    sa.CheckConstraint('card_last4 IS NULL OR length(card_last4) = 4', name=op.f('ck_receipt_tenders_card_last4_only')),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_receipt_tenders_receipt_id_receipts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_tenders')),
    sa.UniqueConstraint('receipt_id', 'seq', name=op.f('uq_receipt_tenders_receipt_id'))
    )
    op.create_table('charge_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('charge_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['charge_id'], ['charges.id'], name=op.f('fk_charge_applications_charge_id_charges')),
    sa.ForeignKeyConstraint(['line_id'], ['receipt_lines.id'], name=op.f('fk_charge_applications_line_id_receipt_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_charge_applications'))
    )
    with op.batch_alter_table('charge_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_charge_applications_charge_id'), ['charge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_charge_applications_line_id'), ['line_id'], unique=False)

    op.create_table('postings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=20), nullable=False),
    sa.Column('amount_cents', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['account'], ['gl_accounts.code'], name=op.f('fk_postings_account_gl_accounts')),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entries.id'], name=op.f('fk_postings_entry_id_journal_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_postings'))
    )
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_postings_account'), ['account'], unique=False)
        batch_op.create_index(batch_op.f('ix_postings_entry_id'), ['entry_id'], unique=False)

    _append_only_triggers()


def downgrade() -> None:
    _drop_append_only_triggers()
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_postings_entry_id'))
        batch_op.drop_index(batch_op.f('ix_postings_account'))

    op.drop_table('postings')
    with op.batch_alter_table('charge_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_charge_applications_line_id'))
        batch_op.drop_index(batch_op.f('ix_charge_applications_charge_id'))

    op.drop_table('charge_applications')
    op.drop_table('receipt_tenders')
    with op.batch_alter_table('receipt_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_receipt_lines_account_number'))

    op.drop_table('receipt_lines')
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journal_entries_receipt_id'))
        batch_op.drop_index(batch_op.f('ix_journal_entries_business_date'))

    op.drop_table('journal_entries')
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_receipts_business_date')

    op.drop_table('receipts')
    with op.batch_alter_table('charges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_charges_account_number'))

    op.drop_table('charges')
    op.drop_table('services')
    op.drop_table('item_splits')
    op.drop_table('drawers')
    op.drop_table('users')
    op.drop_table('terminals')
    op.drop_table('settings')
    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_operations_business_date'))

    op.drop_table('operations')
    op.drop_table('items')
    op.drop_table('gl_accounts')
    op.drop_table('audit_head')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_kind'))

    op.drop_table('audit_events')
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accounts_name'))
        batch_op.drop_index(batch_op.f('ix_accounts_address'))

    op.drop_table('accounts')


# Rows that auditors rely on may never be changed or deleted, whatever program touches the file:
# postings and entries (C2), receipts and their lines and tenders (C1: nothing is ever deleted;
# a void only marks the receipt), and the audit chain (C15).
_NO_UPDATE_OR_DELETE = {
    "journal_entries": "C2",
    "postings": "C2",
    "receipt_lines": "C1",
    "receipt_tenders": "C1",
    "charge_applications": "C1",
    "audit_events": "C15",
}
_NO_DELETE = {"receipts": "C1", "operations": "C2"}


def _append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table, rule in _NO_UPDATE_OR_DELETE.items():
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{rule}: {table} rows are append-only'); END"
                )
        for table, rule in _NO_DELETE.items():
            op.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{rule}: {table} rows are never deleted'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION cashier_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '%: % rows are append-only', TG_ARGV[0], TG_TABLE_NAME; END $$"
        )
        for table, rule in _NO_UPDATE_OR_DELETE.items():
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION cashier_append_only('{rule}')"
            )
        for table, rule in _NO_DELETE.items():
            op.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION cashier_append_only('{rule}')"
            )


def _drop_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in _NO_UPDATE_OR_DELETE:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        for table in _NO_DELETE:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    elif dialect == "postgresql":
        for table in _NO_UPDATE_OR_DELETE:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        for table in _NO_DELETE:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table}")
        op.execute("DROP FUNCTION IF EXISTS cashier_append_only()")
