"""The database's own guards (SPEC §11): the triggers that refuse an UPDATE or DELETE of
what is append-only, a change dated a closed day, and any change to a receipt but its void.

They stop every path that does not drop them first; this module notices one that was
dropped. ``Database`` reads the triggers when it opens a database and every change is
refused while one is missing (``outbox.record_op``): whoever could drop a trigger could
rewrite what it guarded, so nothing more is posted on top until a supervisor has looked
(``cashier audit verify`` names it; a backup from before is the way back).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from cashier.ledger.rules.errors import Refused

_APPEND_ONLY = ("journal_entries", "postings", "receipt_lines", "receipt_tenders",
                "charge_applications", "audit_events", "returned_checks", "corrections",
                "correction_lines")
_NEVER_DELETED = ("receipts", "operations")
_CLOSED_DAY = ("journal_entries_closed_day_insert", "receipts_closed_day_insert",
               "receipts_closed_day_update", "corrections_closed_day_insert")
_ONE_WAY = ("receipts_void_only", "operations_sent_only")

SQLITE = frozenset(
    [f"{t}_no_{e}" for t in _APPEND_ONLY for e in ("update", "delete")]
    + [f"{t}_no_delete" for t in _NEVER_DELETED] + list(_CLOSED_DAY) + list(_ONE_WAY))
POSTGRESQL = frozenset(
    [f"{t}_append_only" for t in _APPEND_ONLY]
    + [f"{t}_no_delete" for t in _NEVER_DELETED] + list(_CLOSED_DAY) + list(_ONE_WAY))


class GuardMissing(Refused):
    rule = "C15"


def expected(dialect: str) -> frozenset[str]:
    return SQLITE if dialect == "sqlite" else POSTGRESQL


def present(conn: Connection) -> frozenset[str]:
    if conn.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = ("SELECT tgname FROM pg_trigger JOIN pg_class ON pg_class.oid = tgrelid "
                 "JOIN pg_namespace ON pg_namespace.oid = relnamespace "
                 "WHERE NOT tgisinternal AND tgenabled <> 'D' "
                 "AND nspname = current_schema()")
    return frozenset(str(name) for name in conn.execute(text(query)).scalars())


def missing(conn: Connection) -> tuple[str, ...]:
    """The guard triggers this database should have and has not (disabled counts as gone)."""
    return tuple(sorted(expected(conn.dialect.name) - present(conn)))


def refuse_if_missing(names: tuple[str, ...]) -> None:
    if names:
        raise GuardMissing(
            f"the database's guard trigger(s) {', '.join(names)} are missing: they were "
            "dropped outside the program, so nothing more is posted until a supervisor has "
            "checked the books ('cashier audit verify') and restored a backup from before")
