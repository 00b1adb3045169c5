"""relief handoff: a session can open with checks, money orders and card handed over

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 17:51:54.236605
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPENING = ('opening_check_cents', 'opening_money_order_cents', 'opening_card_cents')
FK_NAME = 'fk_drawer_sessions_handed_to_users'


# drawer_sessions is referenced by receipts and journal entries: a batch (copy and rename)
# alter would rebuild it under them, so SQLite gets plain ADD COLUMN instead.
def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for column in OPENING:
        op.add_column('drawer_sessions',
                      sa.Column(column, sa.BigInteger(), server_default='0', nullable=False))
    if sqlite:
        op.execute('ALTER TABLE drawer_sessions ADD COLUMN handed_to VARCHAR(40) '
                   f'CONSTRAINT {FK_NAME} REFERENCES users (id)')
    else:
        op.add_column('drawer_sessions', sa.Column('handed_to', sa.String(length=40),
                                                   nullable=True))
        op.create_foreign_key(FK_NAME, 'drawer_sessions', 'users', ['handed_to'], ['id'])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    if sqlite:
        op.execute('ALTER TABLE drawer_sessions DROP COLUMN handed_to')
    else:
        op.drop_constraint(FK_NAME, 'drawer_sessions', type_='foreignkey')
        op.drop_column('drawer_sessions', 'handed_to')
    for column in reversed(OPENING):
        if sqlite:
            op.execute(f'ALTER TABLE drawer_sessions DROP COLUMN {column}')
        else:
            op.drop_column('drawer_sessions', column)
