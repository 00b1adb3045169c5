"""Account lookup: by number prefix or by words of the name or address, the same answer
whatever index serves it, and nothing typed can change the query."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, update

from cashier.ledger.accounts import lookup
from cashier.ledger.accounts.lookup import fts_phrases
from cashier.ledger.books import find_accounts
from cashier.ledger.database import Database
from cashier.ledger.reference.catalog import add_account
from cashier.ledger.store.models import Account

PEOPLE = [
    ("1000001", "ANA RUIZ", "120 N CENTER ST"),
    ("1000002", "JOHN MILLER", "45 ELM AVE"),
    ("1000003", "MARIA GARCIA", "9 MAIN ST"),
    ("1000010", "JOHN SMITH", "4521 MAPLE DR"),
    ("1000011", "JOHNSON HARDWARE", "77 STATE ST"),
    ("1000100", "LISA FLORES", "3 FLORAL CT"),
    ("1000101", "100% PURE WATER LLC", "1 OR NEAR ST"),
    ("1000102", 'THE "QUOTED" CAFE', "AND_NOT 5"),
    ("1000103", "NAME:VALUE CO", "2 ^START * DR"),
    ("1000104", "Ana Lowercase", "10 o'neil way"),
    ("2000001", "O'NEIL PATEL", "100 SMITH RD"),
    ("2000002", "PERCENT/SLASH", "6 (PAREN) LN"),
]

SPECIAL = ['%', '_', '/', '"', "'", '*', ':', '^', '(', ')', '-', '+', 'OR', 'AND', 'NOT',
           'NEAR', 'NEAR(', '{', '}', '\\']


def reference(text: str, limit: int = 20) -> list[tuple[str, str, str]]:
    """What the lookup promises, in plain Python: number prefix, or every word (ASCII case
    folded, as SQLite's LIKE does) in the name or the address; by number."""
    words = text.upper().split()
    if not words:
        return []
    if len(words) == 1 and words[0].isdigit():
        hits = [p for p in PEOPLE if p[0].startswith(words[0])]
    else:
        hits = [p for p in PEOPLE
                if all(w in p[1].upper() or w in p[2].upper() for w in words)]
    return sorted(hits)[:limit]


def found(db: Database, text: str, limit: int = 20) -> list[tuple[str, str, str]]:
    return [(m.number, m.name, m.address) for m in find_accounts(db, text, limit=limit)]


def seed(db: Database, people: list[tuple[str, str, str]]) -> None:
    with db.write() as s:
        for number, name, address in people:
            add_account(s, number, name, address)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(tmp_path_factory.mktemp("lookup") / "book.sqlite3")
    seed(db, PEOPLE)
    yield db
    db.dispose()


def test_an_all_digit_word_is_a_number_prefix(book: Database) -> None:
    assert [m[0] for m in found(book, "10001")] == ["1000100", "1000101", "1000102",
                                                    "1000103", "1000104"]
    assert found(book, " 2000002 ") == [PEOPLE[-1]]
    assert found(book, "3") == []


def test_every_word_must_appear_in_the_name_or_the_address(book: Database) -> None:
    assert [m[0] for m in found(book, "john")] == ["1000002", "1000010", "1000011"]
    assert [m[0] for m in found(book, "JOHN MAPLE")] == ["1000010"]
    assert [m[0] for m in found(book, "smith")] == ["1000010", "2000001"]  # name or address


def test_words_match_inside_other_words(book: Database) -> None:
    assert [m[0] for m in found(book, "ILLE")] == ["1000002"]  # MILLER
    assert [m[0] for m in found(book, "FLOR CT")] == ["1000100"]  # FLORES, FLORAL CT


def test_short_words_narrow_the_full_text_matches(book: Database) -> None:
    assert [m[0] for m in found(book, "JOHN SM")] == ["1000010"]
    assert [m[0] for m in found(book, "JOHN 2")] == ["1000010"]
    assert [m[0] for m in found(book, "J")] == ["1000002", "1000010", "1000011"]


def test_case_does_not_matter(book: Database) -> None:
    assert [m[0] for m in found(book, "ana")] == ["1000001", "1000104"]
    assert [m[0] for m in found(book, "O'NEIL")] == ["1000104", "2000001"]


def test_results_are_by_number_and_limited(book: Database) -> None:
    assert [m[0] for m in found(book, "ST", limit=3)] == ["1000001", "1000003", "1000011"]
    assert found(book, "ST", limit=0) == []
    assert found(book, "   ") == []


@pytest.mark.parametrize("text", [*SPECIAL, '100%', 'AND_NOT', 'NAME:VALUE', '"QUOTED"',
                                  'PURE OR WATER', 'NEAR(PURE WATER)', '^START', '* DR',
                                  'SMITH*', '"', '""', 'ST -ELM', "PERCENT/SLASH",
                                  "(PAREN)", 'a%b', '1_0'])
def test_search_syntax_in_the_text_is_only_text(book: Database, text: str) -> None:
    """LIKE wildcards and FTS5 operators are looked for, never obeyed (and never an error)."""
    assert found(book, text) == reference(text)


def test_a_percent_sign_finds_only_accounts_with_one(book: Database) -> None:
    assert [m[0] for m in found(book, "100%")] == ["1000101"]
    assert [m[0] for m in found(book, "_NOT")] == ["1000102"]


def test_each_word_reaches_fts_as_one_quoted_string() -> None:
    assert fts_phrases(["SMITH", 'SAY"HI', "OR"]) == '"SMITH" "SAY""HI" "OR"'


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from([*SPECIAL, "ANA", "JOHN", "SMITH", "ST", "N", "MAPLE", "10", "0", "LL",
                     "PURE", "ONEIL", "O'N"]),
    st.text(alphabet="ANJOHS10%_/\"*:^()' -", min_size=1, max_size=6)), max_size=4))
def test_any_text_gets_the_plain_answer(book: Database, words: list[str]) -> None:
    text = " ".join(words)
    assert found(book, text) == reference(text)


def test_accounts_added_renamed_and_removed_are_found_as_they_are_now(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "t.sqlite3")
    seed(db, PEOPLE[:3])
    seed(db, [("1000004", "WEI CHEN", "8 OAK LN")])
    with db.write() as s:
        s.execute(update(Account).where(Account.number == "1000002")
                  .values(name="JOHN MILLAR", address="46 ELM AVE"))
        s.execute(delete(Account).where(Account.number == "1000003"))
    assert found(db, "CHEN OAK") == [("1000004", "WEI CHEN", "8 OAK LN")]
    assert found(db, "MILLER") == []
    assert found(db, "MILLAR 46") == [("1000002", "JOHN MILLAR", "46 ELM AVE")]
    assert found(db, "MARIA") == []
    db.dispose()


def test_accounts_added_out_of_number_order_come_back_in_order(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "t.sqlite3")
    seed(db, [("1000005", "ROSA SMITH", "1 ELM ST"), ("1000009", "LUIS SMITH", "2 ELM ST")])
    seed(db, [("1000001", "ANA SMITH", "3 ELM ST"), ("1000007", "OLGA SMITH", "4 ELM ST")])
    assert [m[0] for m in found(db, "SMITH ELM")] == ["1000001", "1000005", "1000007",
                                                       "1000009"]
    assert [m[0] for m in found(db, "SMITH", limit=2)] == ["1000001", "1000005"]
    with db.write() as s:  # a renumbered account is out of order too
        s.execute(update(Account).where(Account.number == "1000009").values(number="1000000"))
    assert [m[0] for m in found(db, "SMITH", limit=2)] == ["1000000", "1000001"]
    db.dispose()


def test_many_accounts_out_of_order_are_merged_in_too(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lookup, "LATE_CAP", 1)  # past it, the matches drive the late search
    db = Database.open(tmp_path / "t.sqlite3")
    seed(db, [("1000009", "LUIS SMITH", "2 ELM ST")])
    seed(db, [(f"100000{i}", f"SMITH {i}", "ELM ST") for i in (5, 1, 7)])
    assert [m[0] for m in found(db, "SMITH ELM", limit=3)] == ["1000001", "1000005",
                                                                "1000007"]
    db.dispose()


def test_without_the_full_text_index_the_answers_are_the_same(tmp_path: Path) -> None:
    """A SQLite without FTS5 or the trigram tokenizer gets no index (migration 0004)."""
    db = Database.open(tmp_path / "t.sqlite3")
    seed(db, PEOPLE)
    with_index = {text: found(db, text) for text in ["JOHN", "JOHN SM", "100%", "ST", '"']}
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        for trigger in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER account_search_{trigger}")
        conn.execute("DROP TABLE account_search")
    assert {text: found(db, text) for text in with_index} == with_index
    db.dispose()


@pytest.mark.postgres
def test_postgresql_gives_the_same_answers(pg_url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    schema = "lookup_check"
    admin = create_engine(pg_url, poolclass=NullPool)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    db = Database.open_url(pg_url + ("&" if "?" in pg_url else "?")
                           + f"options=-csearch_path%3D{schema}")
    try:
        seed(db, [p for p in PEOPLE if p[1].isupper()])  # PostgreSQL's LIKE minds case
        for text_typed in ["1000", "JOHN", "JOHN SM", "100%", "_NOT", '"QUOTED"', "ST"]:
            assert found(db, text_typed) == [p for p in reference(text_typed)
                                             if p[1].isupper()][:20], text_typed
    finally:
        db.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
