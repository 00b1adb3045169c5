"""Posting a payment (SPEC §8): a 2-line, 2-tender payment through ``post_payment``, against
a raw ``sqlite3`` insert of the same rows with the same pragmas, in the same file.

The raw side is the floor a hand-written program could reach: after each service payment
the rows it wrote are read back (untimed) and written again by plain ``sqlite3`` in one
``BEGIN IMMEDIATE`` … ``COMMIT``: the terminal's receipt counter, the receipt, its lines and
tenders, the charges paid and their applications (and the account's credit when a line
leaves one), the journal entry and its postings, the operation. Same tables, same indexes
and triggers, same number and size of rows, same durability (WAL, synchronous=FULL). The
two alternate, so both see the same file, WAL and page cache as it grows.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.data import FLOAT, ROUTING, Datasets, cash_only, random_account
from benchmarks.measure import Line, percentile, py_heap_peak, timed
from cashier.ledger.database import (
    BUSY_TIMEOUT_MS,
    CACHE_KIB,
    WAL_AUTOCHECKPOINT_PAGES,
    Database,
)
from cashier.ledger.drawer.sessions import open_drawer
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.rules.values import AccountPayment, CashTender, CheckTender, ItemSale, Payment

TARGET_RATIO = 3.0  # SPEC §8: p50 ≤ 3× the raw insert
WARMUP = 5
LINES = ("post payment p50", "post payment p99")


def sample_payment(rng: random.Random, accounts: int) -> Payment:
    """Ana's everyday receipt: a water bill and a dog licence, paid by check and cash."""
    number = random_account(rng, accounts)
    while cash_only(number):
        number = random_account(rng, accounts)
    return Payment("D1", "ana",
                   (AccountPayment(number, 4510), ItemSale("DOGA", reference="TAG-88")),
                   (CheckTender(4510, str(rng.randrange(1000, 9999)), ROUTING, "12345678"),
                    CashTender(2500)))


@dataclass
class WrittenRows:
    """The rows one payment wrote, as plain tuples ready to be written again."""

    receipt: tuple[object, ...]
    lines: list[tuple[object, ...]]
    tenders: list[tuple[object, ...]]
    applications: list[tuple[int, int, int]]  # (line seq, charge id, amount)
    charges: list[tuple[int, int]]  # (paid cents, charge id)
    credits: list[tuple[int, str]]  # (credit cents, account) when a line left a credit
    entry: tuple[object, ...]
    postings: list[tuple[object, ...]]
    operation: tuple[object, ...]


RECEIPT = "taken_at, business_date, total_cents, change_cents, status"
LINE = "seq, kind, account_number, item_code, quantity, amount_cents, credit_cents, reference"
TENDER = ("seq, type, amount_cents, number, routing, bank_account_mask, card_brand, "
          "card_last4, card_auth, card_reference")


def read_back(conn: sqlite3.Connection, number: str) -> WrittenRows:
    receipt_id, *receipt = conn.execute(
        f"SELECT id, {RECEIPT} FROM receipts WHERE number = ?", (number,)).fetchone()
    lines = conn.execute(f"SELECT id, {LINE} FROM receipt_lines WHERE receipt_id = ? "
                         "ORDER BY seq", (receipt_id,)).fetchall()
    seq_of = {row[0]: row[1] for row in lines}
    applications = [(seq_of[line_id], charge, amount) for line_id, charge, amount in
                    conn.execute("SELECT a.line_id, a.charge_id, a.amount_cents FROM "
                                 "charge_applications a JOIN receipt_lines l ON l.id = "
                                 "a.line_id WHERE l.receipt_id = ?", (receipt_id,))]
    entry_id, *entry = conn.execute(
        "SELECT id, posted_at, business_date, kind, memo FROM journal_entries "
        "WHERE receipt_id = ?", (receipt_id,)).fetchone()
    return WrittenRows(
        receipt=tuple(receipt),
        lines=[tuple(row[1:]) for row in lines],
        tenders=conn.execute(f"SELECT {TENDER} FROM receipt_tenders WHERE receipt_id = ? "
                             "ORDER BY seq", (receipt_id,)).fetchall(),
        applications=applications,
        charges=[conn.execute("SELECT paid_cents, id FROM charges WHERE id = ?",
                              (charge,)).fetchone() for _, charge, _ in applications],
        credits=conn.execute(
            "SELECT a.credit_cents, a.number FROM accounts a JOIN receipt_lines l "
            "ON l.account_number = a.number WHERE l.receipt_id = ? AND l.credit_cents > 0",
            (receipt_id,)).fetchall(),
        entry=tuple(entry),
        postings=conn.execute("SELECT account, amount_cents FROM postings WHERE entry_id = ? "
                              "ORDER BY id", (entry_id,)).fetchall(),
        # The payment's operation is the newest row: nothing else writes meanwhile.
        operation=conn.execute("SELECT op, at, business_date, body FROM operations "
                               "ORDER BY seq DESC LIMIT 1").fetchone(),
    )


class RawWriter:
    """Writes a payment's rows again with plain sqlite3, as receipts of terminal T02."""

    def __init__(self, path: Path, session_id: int) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        # The pragmas cashier.ledger.database sets on every connection.
        for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "journal_mode = WAL",
                       "synchronous = FULL", "foreign_keys = ON",
                       f"wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}",
                       f"cache_size = -{CACHE_KIB}"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.session_id = session_id
        self.seq = self.conn.execute(
            "SELECT last_receipt_seq FROM terminals WHERE code = 'T02'").fetchone()[0]

    def write(self, rows: WrittenRows, op_uuid: str) -> None:
        c = self.conn
        self.seq += 1
        number = f"T02-{self.seq:06d}"
        c.execute("BEGIN IMMEDIATE")
        c.execute("UPDATE terminals SET last_receipt_seq = ? WHERE code = 'T02'", (self.seq,))
        # The same receipt, numbered on T02 and taken in raj's session on D2.
        receipt_id = c.execute(
            "INSERT INTO receipts (number, terminal, seq, drawer, session_id, cashier, "
            f"{RECEIPT}) VALUES (?, 'T02', ?, 'D2', ?, 'raj', ?, ?, ?, ?, ?)",
            (number, self.seq, self.session_id, *rows.receipt)).lastrowid
        line_ids = {}
        for line in rows.lines:
            line_ids[line[0]] = c.execute(
                f"INSERT INTO receipt_lines (receipt_id, {LINE}) VALUES (?, ?, ?, ?, ?, ?, ?, "
                "?, ?)", (receipt_id, *line)).lastrowid
        for tender in rows.tenders:
            c.execute(f"INSERT INTO receipt_tenders (receipt_id, {TENDER}) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (receipt_id, *tender))
        for paid, charge in rows.charges:
            c.execute("UPDATE charges SET paid_cents = ? WHERE id = ?", (paid, charge))
        for credit, number in rows.credits:
            c.execute("UPDATE accounts SET credit_cents = ? WHERE number = ?", (credit, number))
        for seq, charge, applied in rows.applications:
            c.execute("INSERT INTO charge_applications (line_id, charge_id, amount_cents) "
                      "VALUES (?, ?, ?)", (line_ids[seq], charge, applied))
        posted_at, business_date, kind, memo = rows.entry
        entry_id = c.execute(
            "INSERT INTO journal_entries (posted_at, business_date, kind, receipt_id, "
            "session_id, memo) VALUES (?, ?, ?, ?, ?, ?)",
            (posted_at, business_date, kind, receipt_id, self.session_id, memo)).lastrowid
        for account, amount in rows.postings:
            c.execute("INSERT INTO postings (entry_id, account, amount_cents) VALUES (?, ?, ?)",
                      (entry_id, account, amount))
        c.execute("INSERT INTO operations (uuid, op, at, business_date, body) "
                  "VALUES (?, ?, ?, ?, ?)", (op_uuid, *rows.operation))
        c.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def bench_posting(data: Datasets) -> list[Line]:
    path = data.scratch_copy(data.accounts(), "posting.sqlite3")
    rng = random.Random(8)
    with Database.open(path) as db:
        open_drawer(db, "D1", "ana", FLOAT)
        raw_session = open_drawer(db, "D2", "raj", FLOAT).id
        raw = RawWriter(path, raw_session)
        try:
            service_ns, raw_ns = _alternate(
                lambda: post_payment(db, sample_payment(rng, data.sizes.accounts)).number,
                lambda number: read_back(raw.conn, number),
                lambda rows: raw.write(rows, str(uuid.uuid4())),
                data.sizes.payments)
        finally:
            raw.close()
        peak = py_heap_peak(lambda: post_payment(db, sample_payment(rng, data.sizes.accounts)))
    return [
        Line(LINES[0], percentile(service_ns, 50), percentile(raw_ns, 50),
             target_ratio=TARGET_RATIO, peak_bytes=peak),
        Line(LINES[1], percentile(service_ns, 99), percentile(raw_ns, 99)),
    ]


def _alternate(post: Callable[[], str], read: Callable[[str], WrittenRows],
               write: Callable[[WrittenRows], None], count: int) -> tuple[list[int], list[int]]:
    """Service payment, then the raw copy of its rows, ``count`` times after a warm-up."""
    service_ns: list[int] = []
    raw_ns: list[int] = []
    for i in range(WARMUP + count):
        took, number = timed(post)
        rows = read(number)  # untimed: only the writing is the baseline
        raw_took, _ = timed(lambda rows=rows: write(rows))  # type: ignore[misc]
        if i >= WARMUP:
            service_ns.append(took)
            raw_ns.append(raw_took)
    return service_ns, raw_ns
