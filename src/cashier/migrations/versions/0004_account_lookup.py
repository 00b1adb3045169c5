"""account lookup: a trigram full-text index of names and addresses (SQLite), pattern and
trigram indexes (PostgreSQL)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 17:59:59.568575

None of these objects is in the models: they are the lookup's access paths, not data, and
differ by dialect. ``cashier.ledger.accounts.lookup.include_in_schema_compare`` hides them from
autogenerate and from the schema test; keep its list in step with this file.

SQLite (the terminal, where the cashier types):
- ``account_search``: a contentless FTS5 table with the trigram tokenizer over name and
  address. Trigrams match any substring of three or more characters, which is what the lookup
  has always promised ("every word appears in the name or address"), not just whole words.
- ``account_search_keys``: a stable integer per account number, used as the FTS rowid.
  ``accounts`` has a text primary key, so its own rowid is not stable (VACUUM or a table
  rebuild may renumber it) and must not be what the index points at. Keys are handed out in
  account-number order, so the index yields matches already sorted by number and the lookup
  can stop at the first twenty; an account that arrives out of order (a number below one
  already keyed) is flagged ``late`` and the lookup merges those in separately.
- triggers keep both in step with every insert, rename and delete of an account, so the
  service functions, the demo loader and sync need not know the index exists.
SQLite builds without FTS5 or older than 3.34 (no trigram tokenizer) get none of this; the
lookup then falls back to scanning, slower but with the same results.

PostgreSQL (central): a pattern-ops index for number prefixes and, where the pg_trgm
extension can be used, GIN trigram indexes for the name and address words.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGRAM_SINCE = (3, 34, 0)

SQLITE_UPGRADE = [
    'CREATE TABLE account_search_keys (id INTEGER PRIMARY KEY, '
    'number VARCHAR(20) NOT NULL UNIQUE, late BOOLEAN NOT NULL DEFAULT 0)',
    'CREATE INDEX account_search_keys_late ON account_search_keys (id) WHERE late = 1',
    # contentless: the text lives in accounts; columnsize=0: results are never ranked.
    "CREATE VIRTUAL TABLE account_search USING fts5(name, address, tokenize='trigram', "
    "content='', columnsize=0)",
    'INSERT INTO account_search_keys (number) SELECT number FROM accounts ORDER BY number',
    'INSERT INTO account_search (rowid, name, address) '
    'SELECT k.id, a.name, a.address FROM account_search_keys k '
    'JOIN accounts a ON a.number = k.number',
    # A new key is "late" when a greater account number already has a smaller key.
    'CREATE TRIGGER account_search_insert AFTER INSERT ON accounts BEGIN '
    'INSERT INTO account_search_keys (number, late) VALUES (new.number, '
    'coalesce((SELECT max(number) FROM account_search_keys) > new.number, 0)); '
    'INSERT INTO account_search (rowid, name, address) '
    'SELECT id, new.name, new.address FROM account_search_keys WHERE number = new.number; '
    'END',
    # A contentless index forgets a row only when given the exact text it was built from.
    'CREATE TRIGGER account_search_update AFTER UPDATE OF number, name, address ON accounts '
    'WHEN old.number IS NOT new.number OR old.name IS NOT new.name '
    'OR old.address IS NOT new.address BEGIN '
    "INSERT INTO account_search (account_search, rowid, name, address) "
    "SELECT 'delete', id, old.name, old.address FROM account_search_keys "
    'WHERE number = old.number; '
    'UPDATE account_search_keys SET number = new.number, '
    'late = late OR old.number IS NOT new.number WHERE number = old.number; '
    'INSERT INTO account_search (rowid, name, address) '
    'SELECT id, new.name, new.address FROM account_search_keys WHERE number = new.number; '
    'END',
    'CREATE TRIGGER account_search_delete AFTER DELETE ON accounts BEGIN '
    "INSERT INTO account_search (account_search, rowid, name, address) "
    "SELECT 'delete', id, old.name, old.address FROM account_search_keys "
    'WHERE number = old.number; '
    'DELETE FROM account_search_keys WHERE number = old.number; '
    'END',
]

SQLITE_DOWNGRADE = [
    'DROP TRIGGER IF EXISTS account_search_delete',
    'DROP TRIGGER IF EXISTS account_search_update',
    'DROP TRIGGER IF EXISTS account_search_insert',
    'DROP TABLE IF EXISTS account_search',
    'DROP INDEX IF EXISTS account_search_keys_late',
    'DROP TABLE IF EXISTS account_search_keys',
]

PG_TRIGRAM_INDEXES = {
    'ix_accounts_name_trgm': 'CREATE INDEX ix_accounts_name_trgm ON accounts '
                             'USING gin (name gin_trgm_ops)',
    'ix_accounts_address_trgm': 'CREATE INDEX ix_accounts_address_trgm ON accounts '
                                'USING gin (address gin_trgm_ops)',
}


def _sqlite_has_trigram_fts(bind: sa.Connection) -> bool:
    version = bind.exec_driver_sql('SELECT sqlite_version()').scalar_one()
    fts5 = bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar_one()
    return bool(fts5) and tuple(int(p) for p in str(version).split('.')) >= TRIGRAM_SINCE


def _pg_trigram_ready(bind: sa.Connection) -> bool:
    """pg_trgm installed, or installable by us. pgserver's bundle, for one, lacks it."""
    if bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first():
        return True
    if not bind.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first():
        return False
    try:  # a savepoint, so that lacking the privilege does not abort the whole upgrade
        with bind.begin_nested():
            bind.exec_driver_sql('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    except sa.exc.DBAPIError:
        return False
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        if _sqlite_has_trigram_fts(bind):
            for statement in SQLITE_UPGRADE:
                op.execute(statement)
    elif bind.dialect.name == 'postgresql':
        # The primary key's btree follows the database collation, which LIKE 'prefix%'
        # cannot use; a pattern-ops index can.
        op.execute('CREATE INDEX ix_accounts_number_pattern ON accounts '
                   '(number varchar_pattern_ops)')
        if _pg_trigram_ready(bind):
            for statement in PG_TRIGRAM_INDEXES.values():
                op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for statement in SQLITE_DOWNGRADE:
            op.execute(statement)
    elif bind.dialect.name == 'postgresql':
        # The pg_trgm extension stays: other objects may have come to use it.
        for name in (*PG_TRIGRAM_INDEXES, 'ix_accounts_number_pattern'):
            op.execute(f'DROP INDEX IF EXISTS {name}')
