"""Account lookup among the dataset's accounts (SPEC §8: p95 ≤ 20 ms), as the cashier types.

Every keystroke is a search: typing account 1004217 is seven searches ("1", "10", …), typing
"MARIA GARCIA" twelve. Each goes through ``books.find_accounts``, the call the counter
window makes on its worker, so the figure includes opening the connection and the session.

The baseline is the query ``find_accounts`` ran before issue #8: LIKE over the accounts in
number order, no full-text index. It is timed on the first searches only (it can take a
sizeable fraction of a second), and its answers must equal ours on every keystroke: the
index may only make the lookup faster, never different.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence

from sqlalchemy import or_, select

from benchmarks.data import Datasets, random_account
from benchmarks.measure import Line, percentile, py_heap_peak, timed
from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.store.models import Account

TARGET_P95_MS = 20.0  # SPEC §8
KINDS = ("number", "name", "address")
LINES = tuple(f"lookup by {kind} {p}" for kind in KINDS for p in ("p50", "p95"))
BASELINE_SEARCHES = 30  # typed searches per kind timed with the old query too
WARMUP_SEARCHES = 5
LIMIT = 20  # what the counter window asks for

Rows = list[tuple[str, str, str]]


def before_issue_8(db: Database, text: str, limit: int = LIMIT) -> Rows:
    """``find_accounts`` as it was before the lookup had indexes (kept as the baseline)."""
    words = [w for w in text.upper().split() if w]
    if not words:
        return []
    with db.read() as session:
        query = select(Account.number, Account.name, Account.address)
        if len(words) == 1 and words[0].isdigit():
            query = query.where(Account.number.startswith(words[0], autoescape=True))
        else:
            for word in words:
                query = query.where(or_(Account.name.contains(word, autoescape=True),
                                        Account.address.contains(word, autoescape=True)))
        rows = session.execute(query.order_by(Account.number).limit(limit))
        return list(rows)


def ours(db: Database, text: str, limit: int = LIMIT) -> Rows:
    return [(m.number, m.name, m.address) for m in books.find_accounts(db, text, limit=limit)]


def typed(text: str) -> Iterator[str]:
    """What the search box holds after each keystroke."""
    for end in range(1, len(text) + 1):
        yield text[:end]


def what_to_type(kind: str, number: str, name: str, address: str) -> str:
    if kind == "number":
        return number
    if kind == "name":
        return name
    # House number and street name ("4521 MAPLE"), what a caller reads off a bill.
    parts = address.split()
    street = max(parts[1:], key=len) if len(parts) > 1 else ""
    return f"{parts[0]} {street}".strip()


def searches(db: Database, kind: str, count: int, accounts: int,
             rng: random.Random) -> list[str]:
    """What to type for ``count`` random customers, looked up ``kind`` by ``kind``."""
    numbers = [random_account(rng, accounts) for _ in range(count)]
    with db.read() as session:
        found = {n: (name, address) for n, name, address in session.execute(
            select(Account.number, Account.name, Account.address)
            .where(Account.number.in_(numbers)))}
    return [what_to_type(kind, n, *found[n]) for n in numbers]


def time_keystrokes(search: Callable[[str], Rows], texts: Sequence[str]) -> tuple[list[int],
                                                                                  list[Rows]]:
    samples: list[int] = []
    answers: list[Rows] = []
    for text in texts:
        for so_far in typed(text):
            took, rows = timed(lambda so_far=so_far: search(so_far))  # type: ignore[misc]
            samples.append(took)
            answers.append(rows)
    return samples, answers


def bench_lookup(data: Datasets) -> list[Line]:
    rng = random.Random(12)
    lines: list[Line] = []
    with Database.open(data.accounts()) as db:
        for kind in KINDS:
            texts = searches(db, kind, data.sizes.searches + WARMUP_SEARCHES,
                             data.sizes.accounts, rng)
            warmup, texts = texts[:WARMUP_SEARCHES], texts[WARMUP_SEARCHES:]
            time_keystrokes(lambda t: ours(db, t), warmup)
            ours_ns, our_answers = time_keystrokes(lambda t: ours(db, t), texts)
            first = texts[:BASELINE_SEARCHES]
            base_ns, base_answers = time_keystrokes(lambda t: before_issue_8(db, t), first)
            if base_answers != our_answers[:len(base_answers)]:
                raise AssertionError(f"lookup by {kind}: the indexed search answered "
                                     "differently from the plain query")
            peak = py_heap_peak(lambda texts=texts: ours(db, texts[0]))  # type: ignore[misc]
            for p in (50, 95):
                lines.append(Line(
                    f"lookup by {kind} p{p}", percentile(ours_ns, p), percentile(base_ns, p),
                    target_ms=TARGET_P95_MS if p == 95 else None,
                    peak_bytes=peak if p == 50 else None))
    return lines
