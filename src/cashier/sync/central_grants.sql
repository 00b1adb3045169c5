-- Roles on the central PostgreSQL database (SPEC §7). Run as the database owner after
-- `cashier db upgrade --url ...`; running it again is harmless. `cashier central grants`
-- prints this file.
--
--   cashier_terminal  what every counter terminal logs in as (one login per terminal, in this
--                     role): push operations into the inbox, read reference data. Nothing more:
--                     no update or delete anywhere, no reading other terminals' operations.
--   cashier_office    supervisors' office-wide view (console, office DCR): read everything.
--
-- The owner that ran the migrations also runs `cashier central apply`.
--
-- A login for a terminal:
--   CREATE ROLE t02 LOGIN PASSWORD '...' IN ROLE cashier_terminal;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cashier_terminal') THEN
        CREATE ROLE cashier_terminal NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cashier_office') THEN
        CREATE ROLE cashier_office NOLOGIN;
    END IF;
END $$;

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO cashier_terminal',
                   current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO cashier_office', current_database());
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM cashier_terminal;
GRANT USAGE ON SCHEMA public TO cashier_terminal, cashier_office;

-- Push: insert only (the batch COPYs into a temporary table of its own first).
GRANT INSERT (uuid, terminal, terminal_seq, body, received_at) ON sync_inbox
    TO cashier_terminal;
GRANT USAGE ON SEQUENCE sync_inbox_id_seq TO cashier_terminal;
-- ON CONFLICT (uuid) needs to see the key it conflicts on.
GRANT SELECT (uuid) ON sync_inbox TO cashier_terminal;

-- Pull: reference data, how far central has applied each terminal, and the few receipt
-- columns that show other terminals' payments on an account.
GRANT SELECT ON gl_accounts, services, items, item_splits, accounts, charges, users,
    terminals, drawers, sync_terminals, alembic_version TO cashier_terminal;
GRANT SELECT (id, number, terminal, taken_at, status, change_no) ON receipts
    TO cashier_terminal;
GRANT SELECT (receipt_id, account_number, amount_cents) ON receipt_lines TO cashier_terminal;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO cashier_office;
