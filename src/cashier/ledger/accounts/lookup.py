"""Finding a customer account while the cashier types: by number prefix, or by words that
must each appear somewhere in the name or the service address.

The answer is always that of the plain query "the first ``limit`` accounts by number whose
number starts with the digits / whose name or address contains every word" (``_walk``);
what differs is how fast it comes among a million accounts (SPEC §8: p95 ≤ 20 ms):

- a number prefix is a range on the primary key;
- words of three or more characters go to the trigram full-text index that migration 0004
  builds on SQLite. Its keys follow account-number order, so its matches come out sorted and
  the search stops at the ``limit``-th one that also passes the LIKE test (the exact
  semantics, and the only test for words shorter than a trigram). The few accounts keyed out
  of order ("late") are searched apart and merged in;
- when every word is shorter than three characters no index can help; the plain query walks
  the accounts in number order, and such short strings match densely, so it stops early.

User text never becomes query syntax: LIKE wildcards are escaped, and each word goes to FTS5
as a quoted string in a bound parameter, so ``OR``, ``NEAR``, ``*``, ``:`` or ``"`` are only
characters to look for.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    Select,
    SQLColumnExpression,
    String,
    and_,
    bindparam,
    column,
    func,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from cashier.ledger.store.models import Account

# FTS5's trigram tokenizer indexes every run of three characters; a shorter word has none.
TRIGRAM = 3
# Up to this many late keys are each checked against the full-text matches; past it, the
# matches are each checked for lateness instead (the smaller side drives the search).
LATE_CAP = 5_000
# A bigger LIMIT than any screen shows; SQLite refuses one past 64 bits.
MAX_LIMIT = 1_000_000

# Objects migration 0004 creates outside the models (SQLite FTS5 table, its shadow tables,
# key table; PostgreSQL indexes): access paths, not schema the models describe, so hidden
# from autogenerate and from the schema test.
UNMODELLED = frozenset({
    "account_search", "account_search_data", "account_search_idx", "account_search_config",
    "account_search_docsize", "account_search_content", "account_search_keys",
    "account_search_keys_late",
    "ix_accounts_number_pattern", "ix_accounts_name_trgm", "ix_accounts_address_trgm",
})

_SEARCH = table("account_search", column("rowid", Integer), column("account_search", String))
_KEYS = table("account_search_keys", column("id", Integer), column("number", String),
              column("late", Boolean))
_LATE = _KEYS.alias("late_keys")

Found = tuple[str, str, str]  # number, name, address


def include_in_schema_compare(name: str | None, type_: str, parent_names: object) -> bool:
    """alembic ``include_name`` hook: compare everything but the lookup's own objects."""
    return name not in UNMODELLED


def search(session: Session, typed: str, *, limit: int = 20) -> Sequence[Found]:
    """Accounts whose number starts with ``typed`` (one all-digit word), or whose name or
    address contains every word of it; the first ``limit`` by account number."""
    words = typed.upper().split()
    if not words or limit <= 0:
        return []
    if not all(word.isprintable() for word in words):
        # Names and addresses are printable text (reference._name), so a word with a control,
        # format or surrogate character matches no account. It must not reach SQLite either:
        # a NUL ends a LIKE pattern or an FTS5 string early (matching too much, or a syntax
        # error) and a lone surrogate cannot be sent at all.
        return []
    limit = min(limit, MAX_LIMIT)
    sqlite = session.get_bind().dialect.name == "sqlite"
    if len(words) == 1 and words[0].isdigit():
        return session.execute(_by_number(words[0], limit, range_scan=sqlite)).all()
    indexed = [w for w in words if len(w) >= TRIGRAM]
    if sqlite and indexed and _has_search_index(session):
        return _by_words_indexed(session, words, fts_phrases(indexed), limit)
    return session.execute(_walk(words, limit)).all()


def fts_phrases(words: Sequence[str]) -> str:
    """An FTS5 query that looks for each word as a literal string (implicit AND).

    Inside double quotes FTS5 takes every character literally except the quote itself, which
    is doubled; so no word can become an operator, a column filter or a prefix query.
    """
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _columns() -> Select[str, str, str]:
    return select(Account.number, Account.name, Account.address)


def _by_number(prefix: str, limit: int, *, range_scan: bool) -> Select[str, str, str]:
    query = _columns().where(Account.number.startswith(prefix, autoescape=True))
    if range_scan:
        # SQLite's LIKE is case-insensitive, so it cannot use the (binary) primary key
        # index; the equivalent range can. The LIKE stays as the exact test.
        following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        query = query.where(Account.number >= prefix, Account.number < following)
    return query.order_by(Account.number).limit(limit)


def _contains_all(words: Sequence[str], name: SQLColumnExpression[str],
                  address: SQLColumnExpression[str]) -> ColumnElement[bool]:
    return and_(*(or_(name.contains(w, autoescape=True), address.contains(w, autoescape=True))
                  for w in words))


def _walk(words: Sequence[str], limit: int) -> Select[str, str, str]:
    """The reference query: accounts in number order, every word tested with LIKE."""
    return (_columns().where(_contains_all(words, Account.name, Account.address))
            .order_by(Account.number).limit(limit))


def _has_search_index(session: Session) -> bool:
    # Absent where SQLite lacked FTS5 or the trigram tokenizer at migration time.
    return session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'account_search'")
    ).first() is not None


def _by_words_indexed(session: Session, words: Sequence[str], match: str,
                      limit: int) -> Sequence[Found]:
    params = {"match": match}
    rows = list(session.execute(_in_key_order(words, limit), params))
    late = session.execute(select(func.count()).select_from(
        select(_KEYS.c.id).where(_KEYS.c.late).limit(LATE_CAP + 1).subquery())).scalar_one()
    if not late:
        return rows
    rows += session.execute(_late(words, limit, few=late <= LATE_CAP), params)
    return sorted(rows)[:limit]  # by number: numbers are unique and sort first


def _match() -> ColumnElement[bool]:
    return _SEARCH.c.account_search.bool_op("MATCH")(bindparam("match"))


def _matching(words: Sequence[str]) -> Select[str, str, str]:
    """Full-text matches joined to their accounts, with the exact LIKE test."""
    return (_columns().select_from(_SEARCH)
            .join(_KEYS, _KEYS.c.id == _SEARCH.c.rowid)
            .join(Account, Account.number == _KEYS.c.number)
            .where(_match(), _contains_all(words, Account.name, Account.address)))


def _in_key_order(words: Sequence[str], limit: int) -> Select[str, str, str]:
    # FTS5 returns rows in rowid order without sorting, so LIMIT ends the scan early.
    return (_matching(words).where(~_KEYS.c.late)
            .order_by(_SEARCH.c.rowid).limit(limit))


def _late(words: Sequence[str], limit: int, *, few: bool) -> Select[str, str, str]:
    if not few:
        return _matching(words).where(_KEYS.c.late).order_by(Account.number).limit(limit)
    # Few late keys: drive from their partial index, each probed in the set of matches,
    # rather than reading every match to find the few late ones. Left to itself SQLite
    # would drive from the matches ("+ 0" stops it), not knowing how few late keys there are.
    late_ids = select(_LATE.c.id).where(_LATE.c.late)
    fts_ids = select(_SEARCH.c.rowid).where(_match())
    return (_columns().select_from(_KEYS)
            .join(Account, Account.number == _KEYS.c.number)
            .where(_KEYS.c.id.in_(late_ids), (_KEYS.c.id + 0).in_(fts_ids),
                   _contains_all(words, Account.name, Account.address))
            .order_by(Account.number).limit(limit))
