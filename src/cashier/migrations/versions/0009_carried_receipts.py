"""receipts carried in as context by a day's journal export

``receipts.carried`` marks a receipt that a journal export of a later day brought along
because that day's NSF return, transfer or void names it (SPEC §4: an export of any day is
self-contained). It is dated its own business day and counts in no figure of the replayed
day; the exporting database had already checked it (taken, deposited), so the rules that
look back at its own day (an NSF needs that day's deposit) take it as it was.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 00:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('receipts', sa.Column('carried', sa.Boolean(), server_default='0',
                                        nullable=False))


def downgrade() -> None:
    op.drop_column('receipts', 'carried')
