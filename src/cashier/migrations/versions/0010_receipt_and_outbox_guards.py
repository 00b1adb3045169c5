"""receipts and the outbox change only the one way the program changes them

0001 refused DELETE on ``receipts`` and ``operations`` but let any UPDATE through, so a
receipt's amount, drawer or number could be rewritten and an outbox line's body replaced
without dropping a trigger. Now a receipt changes only by its void (``completed`` to
``void`` with who, when, the approver and the reason, once), and an outbox row only by
being marked sent (``sent_at`` from empty to a time). The sync change counter, stamped by
its own trigger on PostgreSQL, is the one other column that may move.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 23:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What a receipt is once it is taken; none of it ever changes.
_RECEIPT_FIXED = ("id", "number", "terminal", "seq", "drawer", "session_id", "cashier",
                  "taken_at", "business_date", "total_cents", "change_cents", "offline", "carried")
_VOID_FIELDS = ("voided_at", "voided_by", "void_approver", "void_reason")
_OPERATION_FIXED = ("seq", "uuid", "op", "at", "business_date", "body")


def _changed(columns: Sequence[str], *, sqlite: bool) -> str:
    if sqlite:
        return " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)
    return " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns)


def _receipt_refused(sqlite: bool) -> str:
    return (f"{_changed(_RECEIPT_FIXED, sqlite=sqlite)} "
            "OR OLD.status = 'void' "
            f"OR (NEW.status = OLD.status AND ({_changed(_VOID_FIELDS, sqlite=sqlite)})) "
            "OR (NEW.status = 'void' AND (NEW.voided_at IS NULL OR NEW.voided_by IS NULL "
            "OR NEW.void_approver IS NULL OR NEW.void_reason IS NULL))")


def _operation_refused(sqlite: bool) -> str:
    return (f"{_changed(_OPERATION_FIXED, sqlite=sqlite)} "
            "OR OLD.sent_at IS NOT NULL OR NEW.sent_at IS NULL")


RECEIPT_MESSAGE = "C1: a receipt changes only by its void"
OPERATION_MESSAGE = "C2: an operation is never rewritten, only marked sent"


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f"CREATE TRIGGER receipts_void_only BEFORE UPDATE ON receipts "
                   f"WHEN {_receipt_refused(True)} "
                   f"BEGIN SELECT RAISE(ABORT, '{RECEIPT_MESSAGE}'); END")
        op.execute(f"CREATE TRIGGER operations_sent_only BEFORE UPDATE ON operations "
                   f"WHEN {_operation_refused(True)} "
                   f"BEGIN SELECT RAISE(ABORT, '{OPERATION_MESSAGE}'); END")
        return
    for table, function, refused, message in (
            ("receipts", "cashier_receipt_void_only", _receipt_refused(False),
             RECEIPT_MESSAGE),
            ("operations", "cashier_operation_sent_only", _operation_refused(False),
             OPERATION_MESSAGE)):
        op.execute(f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   f"BEGIN IF {refused} THEN RAISE EXCEPTION '{message}'; END IF; "
                   "RETURN NEW; END $$")
        name = "receipts_void_only" if table == "receipts" else "operations_sent_only"
        op.execute(f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {function}()")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TRIGGER IF EXISTS receipts_void_only")
        op.execute("DROP TRIGGER IF EXISTS operations_sent_only")
        return
    op.execute("DROP TRIGGER IF EXISTS receipts_void_only ON receipts")
    op.execute("DROP TRIGGER IF EXISTS operations_sent_only ON operations")
    op.execute("DROP FUNCTION IF EXISTS cashier_receipt_void_only()")
    op.execute("DROP FUNCTION IF EXISTS cashier_operation_sent_only()")
