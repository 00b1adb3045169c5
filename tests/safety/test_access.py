"""Access (issue #11, part 5): every operation against every role, as SPEC §1–§3 say.

Each operation runs the way the counter and the ``cashier`` command run it: everyone it
involves signs in with their PIN (``users.sign_in``, which is what the CLI's ``signed_in`` and
the window's approval dialog call), then the service is called. A cell is ``ok`` or the rule
that refused it; a refused cell writes nothing but its audit rows, and every refusal is in
the audit trail: a failed sign-in as ``sign_in_failed``, a refused act or approval as
``refused`` (C15 lists sign-ins and approvals).

Also here: the CLI asks for the PIN of every person an act involves, PIN brute force locks at
five (C14), the audit chain finds an edited, deleted or reordered row (C15), and a day with
card and check payments leaves no card number, track data or whole bank account number in the
database file, its WAL, the logs, the printed receipts, the reports or the journal (C13).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import logging
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from argon2 import PasswordHasher
from pypdf import PdfReader
from sqlalchemy import select

from cashier.cli import common as cli_common
from cashier.cli import main as cli
from cashier.devices.card.simulator import SimulatedCardTerminal, TerminalSimulator
from cashier.devices.micr import SimulatedMicrReader, micr_text
from cashier.devices.printer.receipt_printer import SimulatedPrinter
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.daily_report import daily_cash_report
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer import cash_movements
from cashier.ledger.drawer.sessions import (
    CloseCount,
    close_drawer,
    handoff,
    open_drawer,
    recount,
)
from cashier.ledger.journal.export import export_day
from cashier.ledger.receipts import corrections, returned_checks
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import get_receipt, reprint
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference import users
from cashier.ledger.reference.catalog import add_drawer
from cashier.ledger.rules.errors import BadPin, Refused, UserLocked
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    Payment,
)
from cashier.ledger.store.models import AuditEvent, User
from cashier.reports.daily_cash_pdf import render_daily_cash_report
from tests.conftest import AT, FLOAT, PINS, approve_waiting, seed_office

ROUTING = "111000025"
TODAY, DAY1, DAY2 = AT.date(), AT.date() - dt.timedelta(days=1), AT.date() - dt.timedelta(days=2)
NOW = AT + dt.timedelta(hours=2)  # when every cell's act happens
ALL_PINS = {**PINS, "kim": "258014", "lok": "864209"}
DRAWER_OF = {"ana": "D1", "raj": "D2", "sam": "D3", "lok": "D4"}


def at(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, AT.timetz()) + dt.timedelta(minutes=minute)


# A real argon2id hasher at the lowest cost: with it as the policy for this module the checks
# are the same (and nothing is re-hashed), and the 150 cells run in seconds.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True, scope="module")
def cheap_pins() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:  # module scope: the template office too
        patch.setattr(users, "HASHER", CHEAP_HASHER)
        yield


def cheap_pin_hash(pin: str) -> str:
    return CHEAP_HASHER.hash(pin)


# --- the office at mid-morning -------------------------------------------------------------

def build_office(db: Database) -> None:
    """Two days ago: a check payment, deposited, day closed (for a returned check). Yesterday:
    a payment to move and an overpayment to refund, drawers balanced, no deposit yet. Today:
    ana on D1; kim opened D2 and handed it to raj (the relief cashier); sam, a supervisor, on
    D3; lok, a supervisor, on D4 and then locked out by five wrong PINs; kim and lee free."""
    seed_office(db)
    with db.write() as s:
        users.add_user(s, "kim", "Kim", "cashier", pin="258014")
        users.add_user(s, "lok", "Lok", "supervisor", pin="864209")
        for user in s.scalars(select(User)):
            user.pin_hash = cheap_pin_hash(ALL_PINS[user.id])
        add_drawer(s, "D4", "T04", 20000)
        add_drawer(s, "D5", "T05", 20000)
    doga = (ItemSale("DOGA"),)

    open_drawer(db, "D1", "ana", FLOAT, at=at(DAY2, 0))
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000001", 4510),),
                             (CheckTender(4510, "1042", ROUTING),), at(DAY2, 5)))
    close_drawer(db, "D1", "ana", CloseCount(FLOAT, checks=(("1042", 4510),)), at=at(DAY2, 60))
    approve_waiting(db, "D1", "sam", at=at(DAY2, 61))
    make_deposit(db, DAY2, "sam", "lee", "B-1121", at=at(DAY2, 62))
    close_day(db, DAY2, "sam", at=at(DAY2, 63))

    open_drawer(db, "D1", "ana", FLOAT, at=at(DAY1, 0))
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000001", 3000),),
                             (CashTender(3000),), at(DAY1, 5)))  # T01-000002, to transfer
    post_payment(db, Payment("D1", "ana", (AccountPayment("1000002", 10000),),
                             (CashTender(10000),), at(DAY1, 6)))  # 40.00 credit to refund
    close_drawer(db, "D1", "ana", CloseCount({**FLOAT, "100.00": 1, "20.00": 6, "10.00": 6}),
                 at=at(DAY1, 60))
    approve_waiting(db, "D1", "sam", at=at(DAY1, 61))

    open_drawer(db, "D1", "ana", FLOAT, at=at(TODAY, 0))
    post_payment(db, Payment("D1", "ana", doga, (CashTender(2000),), at(TODAY, 1)))
    open_drawer(db, "D2", "kim", FLOAT, at=at(TODAY, 2))
    post_payment(db, Payment("D2", "kim", doga, (CashTender(2000),), at(TODAY, 3)))
    handoff(db, "D2", "kim", "raj", CloseCount({**FLOAT, "20.00": 6}), at=at(TODAY, 4))
    post_payment(db, Payment("D2", "raj", doga, (CashTender(2000),), at(TODAY, 5)))
    open_drawer(db, "D3", "sam", FLOAT, at=at(TODAY, 6))
    post_payment(db, Payment("D3", "sam", doga, (CashTender(2000),), at(TODAY, 7)))
    open_drawer(db, "D4", "lok", FLOAT, at=at(TODAY, 8))
    post_payment(db, Payment("D4", "lok", doga, (CashTender(2000),), at(TODAY, 9)))
    for _ in range(users.MAX_FAILED_SIGN_INS):
        with contextlib.suppress(BadPin, UserLocked):
            users.sign_in(db, "lok", "0000", at=at(TODAY, 10))


RECEIPT_OF = {"ana": "T01-000004", "raj": "T02-000002", "sam": "T03-000001",
              "lok": "T04-000001", "adm": "T01-000004"}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("access") / "office.sqlite3"
    with Database.open(path) as db:
        build_office(db)
        with db.read() as s:
            assert s.get_one(User, "lok").locked
    return path


@pytest.fixture
def office(template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(template, path)
    with Database.open(path) as db:
        yield db


# --- raw views --------------------------------------------------------------------------------

def table_rows(path: Path) -> dict[str, tuple[int, str]]:
    with closing(sqlite3.connect(path)) as conn:
        names = [n for (n,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%'")]
        rows = {n: sorted(map(repr, conn.execute(f'SELECT * FROM "{n}"'))) for n in names}
    return {n: (len(r), hashlib.sha256(repr(r).encode()).hexdigest()) for n, r in rows.items()}


def audit_rows(db: Database, after: int = 0) -> list[tuple[str, str, str, dict[str, Any]]]:
    with db.read() as s:
        return [(e.kind, e.actor, e.subject, json.loads(e.detail)) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.seq > after).order_by(AuditEvent.seq))]


def last_seq(db: Database) -> int:
    with db.read() as s:
        return max(s.scalars(select(AuditEvent.seq)), default=0)


# === the matrix ================================================================================

ROLE_NAMES = ("cashier", "relief", "supervisor", "admin", "locked", "wrong PIN")
PERSONA = {"cashier": "ana", "relief": "raj", "supervisor": "sam", "admin": "adm",
           "locked": "lok"}


def close_own(db: Database, who: str) -> None:
    if who in DRAWER_OF:
        close_drawer(db, DRAWER_OF[who], who, CloseCount(FLOAT), at=NOW)


def nothing(_db: Database, _who: str) -> None:
    return None


def deposit_day1(db: Database, _who: str) -> None:
    make_deposit(db, DAY1, "sam", "lee", "B-1122", at=NOW)


@dataclass(frozen=True)
class Op:
    """One act. ``people(who)`` sign in (the role under test is ``who``); ``setup`` readies the
    office without being under test; ``act`` is the service call. ``expect`` is the outcome
    for cashier, relief cashier, supervisor, admin, locked user and a wrong PIN; ``base`` is
    who gives the wrong PIN (the user the act is normally for); ``service`` is the act's name
    in the audit trail."""

    name: str
    service: str
    people: Callable[[str], tuple[str, ...]]
    act: Callable[[Database, str], object]
    expect: str
    base: str = "ana"
    setup: Callable[[Database, str], None] = nothing


def mine(who: str) -> str:
    return DRAWER_OF.get(who, "D1")  # the admin has no drawer: they try ana's


def alone(who: str) -> tuple[str, ...]:
    return (who,)


def giver(who: str) -> str:
    return "raj" if who == "ana" else "ana"


OPS = [
    Op("sign in", "sign_in", alone, nothing, "ok ok ok ok C14 C14"),
    Op("open drawer", "open_drawer", alone,
       lambda db, who: open_drawer(db, "D5", who, FLOAT, at=NOW),
       "ok ok ok role C14 C14", setup=close_own),
    Op("approve float difference", "open_drawer", lambda who: ("kim", who),
       lambda db, who: open_drawer(db, "D5", "kim", {**FLOAT, "1.00": 19}, approver=who,
                                   at=NOW),
       "role role ok role C14 C14", base="sam"),
    Op("pay", "payment", alone,
       lambda db, who: post_payment(db, Payment(mine(who), who, (ItemSale("DOGA"),),
                                                (CashTender(2000),), NOW)),
       "ok ok ok role C14 C14"),
    Op("reprint", "reprint", alone, lambda db, who: reprint(db, RECEIPT_OF[who], who, at=NOW),
       "ok ok ok role C14 C14"),
    Op("void", "void", lambda who: (who, "lee"),
       lambda db, who: void_receipt(db, RECEIPT_OF[who], cashier=who, approver="lee",
                                    reason="wrong item", at=NOW),
       "ok ok ok role C14 C14"),
    Op("approve void", "void", lambda who: ("ana", who),
       lambda db, who: void_receipt(db, "T01-000004", cashier="ana", approver=who,
                                    reason="wrong item", at=NOW),
       "C3 role ok role C14 C14", base="sam"),
    Op("no-sale", "no_sale", alone,
       lambda db, who: cash_movements.no_sale(db, mine(who), who, "make change", at=NOW),
       "ok ok ok C4 C14 C14"),
    Op("drop", "drop", lambda who: (who, "lee"),
       lambda db, who: cash_movements.drop(db, mine(who), who, "lee", {"20.00": 1}, at=NOW),
       "ok ok ok C4 C14 C14"),
    Op("witness drop", "drop", lambda who: ("ana", who),
       lambda db, who: cash_movements.drop(db, "D1", "ana", who, {"20.00": 1}, at=NOW),
       "C8 ok ok role C14 C14", base="sam"),
    Op("paid-out", "paid_out", lambda who: (who, "lee"),
       lambda db, who: cash_movements.paid_out(db, mine(who), who, "lee", 100, "101-5200",
                                               "postage", at=NOW),
       "ok ok ok C4 C14 C14"),
    Op("approve paid-out", "paid_out", lambda who: ("ana", who),
       lambda db, who: cash_movements.paid_out(db, "D1", "ana", who, 100, "101-5200",
                                               "postage", at=NOW),
       "C8 role ok role C14 C14", base="sam"),
    Op("hand off", "handoff", lambda who: (who, "kim"),
       lambda db, who: handoff(db, mine(who), who, "kim", CloseCount(FLOAT), at=NOW),
       "ok ok ok C4 C14 C14"),
    Op("take over (relief)", "handoff", lambda who: (giver(who), who),
       lambda db, who: handoff(db, DRAWER_OF[giver(who)], giver(who), who,
                               CloseCount(FLOAT), at=NOW),
       "ok ok ok role C14 C14", base="raj", setup=close_own),
    Op("close", "close_drawer", alone,
       lambda db, who: close_drawer(db, mine(who), who, CloseCount(FLOAT), at=NOW),
       "ok ok ok C4 C14 C14"),
    Op("recount", "recount", alone,
       lambda db, who: recount(db, mine(who), who, CloseCount({**FLOAT, "1.00": 21}), at=NOW),
       "ok ok ok C4 C14 C14",
       setup=lambda db, who: close_own(db, who if who in DRAWER_OF else "ana")),
    Op("approve close", "approve_close", alone,
       lambda db, who: approve_waiting(db, "D1", who, "counted twice", at=NOW),
       "C7 role ok role C14 C14", base="sam", setup=lambda db, _who: close_own(db, "ana")),
    Op("returned check (NSF)", "nsf", alone,
       lambda db, who: returned_checks.post_nsf(db, "T01-000001", by=who, reason="NSF",
                                                at=NOW),
       "role role ok role C14 C14", base="sam"),
    Op("transfer", "transfer", alone,
       lambda db, who: corrections.transfer_payment(db, "T01-000002", to_account="1000002",
                                                    approver=who, reason="misapplied",
                                                    at=NOW),
       "role role ok role C14 C14", base="sam"),
    Op("refund by check", "refund", alone,
       lambda db, who: corrections.refund_credit(db, "1000002", 1000, by=who,
                                                 reason="overpaid", at=NOW),
       "role role ok role C14 C14", base="sam"),
    Op("approve cash refund", "refund", lambda who: ("ana", who),
       lambda db, who: corrections.refund_credit(db, "1000002", 1000, by=who,
                                                 reason="overpaid", drawer="D1",
                                                 cashier="ana", at=NOW),
       "role role ok role C14 C14", base="sam"),
    Op("prepare deposit", "deposit", lambda who: (who, "lee"),
       lambda db, who: make_deposit(db, DAY1, who, "lee", "B-1122", at=NOW),
       "role role ok role C14 C14", base="sam"),
    Op("verify deposit", "deposit", lambda who: ("lee", who),
       lambda db, who: make_deposit(db, DAY1, "lee", who, "B-1122", at=NOW),
       "role role ok role C14 C14", base="sam"),
    Op("close day", "close_day", alone, lambda db, who: close_day(db, DAY1, who, at=NOW),
       "role role ok role C14 C14", base="sam", setup=deposit_day1),
    Op("unlock user", "unlock", alone,
       lambda db, who: users.unlock(db, "lok", supervisor=who, at=NOW),
       "role role ok role C14 C14", base="sam"),
]

OPS_BY_NAME = {op.name: op for op in OPS}

# Separation of duties per act: the approver or witness is never the doer (SPEC §3).
SELF_APPROVALS = [
    Op("void own receipt, self-approved", "void", alone,
       lambda db, who: void_receipt(db, RECEIPT_OF[who], cashier=who, approver=who,
                                    reason="x", at=NOW), "C3", base="sam"),
    Op("void a receipt its approver took", "void", lambda who: ("ana", who),
       lambda db, who: void_receipt(db, RECEIPT_OF[who], cashier="ana", approver=who,
                                    reason="x", at=NOW), "C3", base="sam"),
    Op("witness own drop", "drop", alone,
       lambda db, who: cash_movements.drop(db, mine(who), who, who, {"20.00": 1}, at=NOW),
       "C8", base="ana"),
    Op("approve own paid-out", "paid_out", alone,
       lambda db, who: cash_movements.paid_out(db, mine(who), who, who, 100, "101-5200",
                                               "postage", at=NOW), "C8", base="sam"),
    Op("approve own float difference", "open_drawer", alone,
       lambda db, who: open_drawer(db, "D5", who, {**FLOAT, "1.00": 19}, approver=who, at=NOW),
       "C5", base="sam", setup=close_own),
    Op("approve own close", "approve_close", alone,
       lambda db, who: approve_waiting(db, mine(who), who, "x", at=NOW), "C7", base="sam",
       setup=close_own),
    Op("approve a cash refund from own drawer", "refund", alone,
       lambda db, who: corrections.refund_credit(db, "1000002", 1000, by=who, reason="x",
                                                 drawer=mine(who), cashier=who, at=NOW),
       "C8", base="sam"),
    Op("hand a drawer to oneself", "handoff", alone,
       lambda db, who: handoff(db, mine(who), who, who, CloseCount(FLOAT), at=NOW), "C4",
       base="ana"),
    Op("prepare and verify one's own deposit", "deposit", alone,
       lambda db, who: make_deposit(db, DAY1, who, who, "B-1", at=NOW), "C11", base="sam"),
    Op("unlock oneself", "unlock", alone,
       lambda db, who: users.unlock(db, who, supervisor=who, at=NOW), "role", base="sam"),
]

# What a relief handoff changes about who may touch the drawer (C4).
RELIEF = [
    Op("the relief voids a receipt taken before the handoff", "void",
       lambda who: (who, "lee"),
       lambda db, who: void_receipt(db, "T02-000001", cashier=who, approver="lee",
                                    reason="x", at=NOW), "drawer_session", base="raj"),
    Op("the outgoing cashier sells on the handed-over drawer", "payment", alone,
       lambda db, who: post_payment(db, Payment("D2", who, (ItemSale("DOGA"),),
                                                (CashTender(2000),), NOW)), "C4", base="kim"),
    Op("the outgoing cashier opens the drawer again", "no_sale", alone,
       lambda db, who: cash_movements.no_sale(db, "D2", who, "x", at=NOW), "C4", base="kim"),
]

MATRIX: dict[str, list[str]] = {}
CHECKED = {"cells": 0}
UNAUDITED: list[tuple[str, str, str]] = []  # refusals that are not about who may act


def run_cell(db: Database, op: Op, role: str) -> str:
    """Sign everyone in, run the act; the outcome, with the refusal's writes and audit rows
    checked."""
    assert db.path is not None
    who = PERSONA.get(role, op.base)
    op.setup(db, who)
    before, seq = table_rows(db.path), last_seq(db)
    try:
        for person in op.people(who):
            pin = "0000" if role == "wrong PIN" and person == who else ALL_PINS[person]
            users.sign_in(db, person, pin, at=NOW)
        op.act(db, who)
    except Refused as refused:
        outcome = refused.rule
        changed = {n for n, v in table_rows(db.path).items() if before.get(n) != v}
        assert changed <= {"audit_events", "audit_head", "users"}, (op.name, role, changed)
        new = audit_rows(db, seq)
        kinds = {kind for kind, *_rest in new}
        if isinstance(refused, (BadPin, UserLocked)) and "sign_in_failed" in kinds:
            assert any(kind == "sign_in_failed" and actor in op.people(who)
                       for kind, actor, _subject, _detail in new), (op.name, role, new)
        elif isinstance(refused, audit.ACCESS_REFUSALS):
            assert any(kind == "refused" and subject == op.service and detail["rule"] == outcome
                       for kind, _actor, subject, detail in new), (op.name, role, new)
        else:  # not about who: the act is simply refused, and nothing of it is kept
            assert kinds <= {"sign_in"}, (op.name, role, new)
            UNAUDITED.append((op.name, role, outcome))
    else:
        outcome = "ok"
    assert audit.verify(db).ok
    CHECKED["cells"] += 1
    return outcome


@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
def test_each_role_may_do_exactly_what_the_spec_says(
        op: Op, template: Path, tmp_path: Path) -> None:
    outcomes = []
    for role in ROLE_NAMES:
        path = tmp_path / f"{role}.sqlite3"
        shutil.copyfile(template, path)
        with Database.open(path) as db:
            outcomes.append(run_cell(db, op, role))
    MATRIX[op.name] = outcomes
    assert outcomes == op.expect.split(), dict(zip(ROLE_NAMES, outcomes, strict=True))
    # Every refusal in the matrix is about who may act, so every one is in the trail.
    assert [u for u in UNAUDITED if u[0] == op.name] == []


@pytest.mark.parametrize("op", SELF_APPROVALS + RELIEF,
                         ids=[op.name for op in SELF_APPROVALS + RELIEF])
def test_the_approver_or_witness_is_never_the_doer(op: Op, office: Database) -> None:
    assert run_cell(office, op, "own") == op.expect


def test_zz_the_matrix_has_every_act_for_every_role() -> None:
    """Runs last in the file: the table the tests above filled has a row per act and a cell
    per role, each the outcome SPEC §1 and §3 give (with ``-s`` it is printed, for the
    operations guide)."""
    if len(MATRIX) < len(OPS):
        pytest.skip("only part of the matrix ran (a -k selection)")
    assert list(MATRIX) == [op.name for op in OPS]
    assert {name: " ".join(row) for name, row in MATRIX.items()} == {
        op.name: " ".join(op.expect.split()) for op in OPS}
    assert CHECKED["cells"] >= len(OPS) * len(ROLE_NAMES)
    width = max(map(len, MATRIX))
    print(f"\n{'':{width}}  " + "  ".join(f"{r:>10}" for r in ROLE_NAMES))
    for name, outcomes in MATRIX.items():
        print(f"{name:{width}}  " + "  ".join(f"{o:>10}" for o in outcomes))


# === the command line asks everyone's PIN ======================================================

DAY1_TEXT = DAY1.isoformat()
CLI_ACTS: list[tuple[list[str], tuple[str, ...]]] = [
    (["pay", "--drawer", "D1", "--cashier", "ana", "--item", "DOGA", "--tender", "cash=20.00"],
     ("ana",)),
    (["void", "T01-000004", "--cashier", "ana", "--approver", "sam", "--reason", "x"],
     ("ana", "sam")),
    (["drawer", "open", "D5", "--user", "kim", "--cash", "20.00=5", "--approver", "sam"],
     ("kim", "sam")),
    (["drawer", "no-sale", "D1", "--user", "ana", "--reason", "change"], ("ana",)),
    (["drawer", "drop", "D1", "--user", "ana", "--witness", "lee", "--cash", "20.00=1"],
     ("ana", "lee")),
    (["drawer", "paid-out", "D1", "--user", "ana", "--approver", "sam", "--amount", "1.00",
      "--gl", "101-5200", "--reason", "postage"], ("ana", "sam")),
    (["drawer", "handoff", "D1", "--user", "ana", "--to", "kim", "--cash", "20.00=5"],
     ("ana", "kim")),
    (["drawer", "close", "D1", "--user", "ana", "--cash", "20.00=5"], ("ana",)),
    (["drawer", "recount", "D1", "--user", "ana", "--cash", "20.00=5"], ("ana",)),
    (["drawer", "approve", "D1", "--user", "sam"], ("sam",)),
    (["nsf", "T01-000001", "--by", "sam", "--reason", "NSF"], ("sam",)),
    (["transfer", "T01-000002", "--to", "1000002", "--approver", "sam", "--reason", "x"],
     ("sam",)),
    (["refund", "1000002", "--amount", "1.00", "--by", "sam", "--reason", "x", "--drawer", "D1",
      "--cashier", "ana"], ("ana", "sam")),
    (["deposit", "make", "--date", DAY1_TEXT, "--prepared-by", "sam", "--verified-by", "lee",
      "--bag", "B-9"], ("sam", "lee")),
    (["day", "close", "--date", DAY1_TEXT, "--user", "sam"], ("sam",)),
    (["unlock", "lok", "--supervisor", "sam"], ("sam",)),
    (["receipt", "T01-000004", "--reprint", "--user", "ana"], ("ana",)),
]
CLI_CASES = [(argv, person) for argv, people in CLI_ACTS for person in people]


@pytest.mark.parametrize(("argv", "wrong"), CLI_CASES,
                         ids=[f"{' '.join(a[:2])}-{p}" for a, p in CLI_CASES])
def test_the_command_line_refuses_when_anyone_involved_gives_a_wrong_pin(
        argv: list[str], wrong: str, template: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(template, path)
    asked: list[str] = []

    def pin_for(user: str) -> str:
        asked.append(user)
        return "0000" if user == wrong else ALL_PINS[user]

    monkeypatch.setattr(cli_common, "ask_pin", pin_for)
    before = table_rows(path)
    assert cli.main(["--db", str(path), *argv], out=lambda _line: None) == 2
    assert "refused (C14)" in capsys.readouterr().err
    assert wrong in asked
    changed = {n for n, v in table_rows(path).items() if before.get(n) != v}
    assert changed <= {"audit_events", "audit_head", "users"}
    with Database.open(path) as db:
        failed = [(k, a) for k, a, _s, _d in audit_rows(db) if k == "sign_in_failed"]
        assert failed[-1] == ("sign_in_failed", wrong)


# === C14: five wrong PINs lock ==================================================================

def test_pin_brute_force_through_the_command_line_locks_after_five(
        template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(template, path)
    guesses = iter(["1111", "1234", "0000", "4812", "9999", "482193", "482193"])
    monkeypatch.setattr(cli_common, "ask_pin", lambda _user: next(guesses))
    no_sale = ["--db", str(path), "drawer", "no-sale", "D1", "--user", "ana", "--reason", "x"]
    errors = []
    for _ in range(6):  # five wrong, then the right PIN: still locked
        assert cli.main(no_sale, out=lambda _line: None) == 2
        errors.append(capsys.readouterr().err)
    assert [("tries left" in e, "locked" in e) for e in errors] == \
        [(True, False)] * 4 + [(False, True)] * 2
    monkeypatch.setattr(cli_common, "ask_pin", lambda user: ALL_PINS[user])
    assert cli.main(["--db", str(path), "unlock", "ana", "--supervisor", "sam"],
                    out=lambda _line: None) == 0
    assert cli.main(no_sale, out=lambda _line: None) == 0
    with Database.open(path) as db:
        trail = [(k, a) for k, a, _s, _d in audit_rows(db) if a == "ana"]
        assert trail[-9:] == [("sign_in_failed", "ana")] * 5 + [
            ("user_locked", "ana"), ("sign_in_failed", "ana"), ("sign_in", "ana"),
            ("no_sale", "ana")]
        assert ("user_unlocked", "sam") in [(k, a) for k, a, _s, _d in audit_rows(db)]


def test_guessing_from_many_terminals_at_once_still_locks_at_five(office: Database) -> None:
    """Ten wrong PINs racing: each failure is counted in its own write transaction, so the
    lock comes at exactly five and no guess slips between."""
    outcomes: list[str] = []

    def guess(pin: str) -> None:
        try:
            users.sign_in(office, "raj", pin, at=NOW)
        except Refused as refused:
            outcomes.append(type(refused).__name__)
        else:
            outcomes.append("signed in")

    threads = [threading.Thread(target=guess, args=(f"{n:04d}",)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["BadPin"] * 4 + ["UserLocked"] * 6
    with office.read() as s:
        raj = s.get_one(User, "raj")
        assert (raj.locked, raj.failed_attempts) == (True, 5)
    with pytest.raises(UserLocked):
        users.sign_in(office, "raj", ALL_PINS["raj"], at=NOW)


# === C15: the chain finds tampering =============================================================

def tamper(path: Path, *statements: str) -> None:
    """Edit the trail as someone with the file would: drop its guards, edit, and put the guards
    back so that only the hash chain is left to tell (a missing guard is told on its own,
    tests/ledger/store/test_guards.py)."""
    with closing(sqlite3.connect(path)) as conn:
        guards = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                              "AND tbl_name = 'audit_events'").fetchall()
        for name, _sql in guards:
            conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement)
        for _name, sql in guards:
            conn.execute(sql)
        conn.commit()


SWAP_CONTENT = (  # rows 6 and 7 trade everything but their place: the order is rewritten
    "UPDATE audit_events SET seq = -6 WHERE seq = 6",
    "UPDATE audit_events SET seq = 6 WHERE seq = 7",
    "UPDATE audit_events SET seq = 7 WHERE seq = -6",
)


@pytest.mark.parametrize(("statements", "row", "words"), [
    ((), None, "intact"),
    (("UPDATE audit_events SET actor = 'sam' WHERE kind = 'refused'",), None, "BROKEN"),
    (("UPDATE audit_events SET detail = detail || ' ' WHERE seq = 9",), 9, "BROKEN at row 9"),
    (("DELETE FROM audit_events WHERE kind = 'sign_in_failed' AND actor = 'lok' "
      "AND seq = (SELECT MIN(seq) FROM audit_events WHERE actor = 'lok' "
      "AND kind = 'sign_in_failed')",), None, "missing"),
    (SWAP_CONTENT, 6, "BROKEN at row 6"),
    (("DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)",), None,
     "chain head"),
], ids=["untouched", "edited refusal", "edited detail", "deleted failed sign-in",
        "reordered", "deleted newest"])
def test_the_audit_chain_finds_an_edited_deleted_or_reordered_row(
        template: Path, tmp_path: Path, statements: tuple[str, ...], row: int | None,
        words: str) -> None:
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(template, path)
    with Database.open(path) as db:  # a day's refusals in the trail, then tampering
        for name, role in (("approve void", "relief"), ("returned check (NSF)", "cashier"),
                           ("sign in", "wrong PIN")):
            run_cell(db, OPS_BY_NAME[name], role)
    tamper(path, *statements)
    lines: list[str] = []
    code = cli.main(["--db", str(path), "audit", "verify"], out=lines.append)
    assert words in lines[-1]
    assert code == (0 if not statements else 1)
    if row is not None:
        assert f"row {row}" in lines[-1]


# === C13: no card number, track data or whole bank account anywhere ============================

FULL_ACCOUNT = "860427319502"
TRACK = f";{'4000056655665556'}=28121010000012345678?"
PAN = "4000056655665556"


def _card_data_terminal(monkeypatch: pytest.MonkeyPatch) -> SimulatedCardTerminal:
    """The terminal simulator, misbehaving the worst way: its answer carries the full PAN as
    the masked PAN, the track data and the security code (what a terminal must never send)."""
    original = TerminalSimulator._payment

    def leaky(self: TerminalSimulator, body: dict[str, Any]) -> dict[str, Any]:
        reply = original(self, body)
        card = reply["PaymentResult"]["PaymentInstrumentData"]["CardData"]
        card.update(MaskedPan=PAN, TrackData=[{"TrackValue": TRACK}],
                    SensitiveCardData={"PAN": PAN, "CardSecurityCode": "737",
                                       "ExpiryDate": "1228"})
        return reply

    monkeypatch.setattr(TerminalSimulator, "_payment", leaky)
    terminal = SimulatedCardTerminal(timeout=5.0, status_timeout=2.0, poll_interval=0.1)
    terminal.start()
    return terminal


def test_a_day_with_cards_and_checks_keeps_no_card_or_account_number_anywhere(
        office: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    assert office.path is not None
    artifacts: dict[str, bytes] = {}
    terminal = _card_data_terminal(monkeypatch)
    printer = SimulatedPrinter()
    printer.start()
    micr = SimulatedMicrReader()
    micr.start()
    try:
        card = terminal.sale(55_00, "T01-000005-1", lambda _ref: None)
        assert card.approved and card.last4 == "5556"
        artifacts["terminal request bytes"] = terminal.simulator.last_request
        sale = post_payment(office, Payment("D1", "ana", (ItemSale("TRNS"),), (CardTender(
            card.amount, card.brand, card.last4, card.auth_code, card.reference),), NOW))
        micr.insert(micr_text(ROUTING, FULL_ACCOUNT, "1043"))
        check = micr.read_check()
        by_micr = post_payment(office, Payment("D1", "ana", (AccountPayment("1000002", 3000),),
                                               (CheckTender(3000, check.check_number or "",
                                                            check.routing,
                                                            check.account_masked),), NOW))
        keyed = post_payment(office, Payment("D1", "ana", (ItemSale("DOGA"),), (
            CheckTender(2000, "1044", ROUTING, FULL_ACCOUNT),), NOW))
        for tender in (CardTender(2000, "VISA", PAN, "A1"), CardTender(2000, PAN, "5556", "A1"),
                       CardTender(2000, "VISA", "5556", PAN),
                       CardTender(2000, "VISA", "5556", "A1", TRACK)):
            with pytest.raises(Refused, match="card"):
                post_payment(office, Payment("D1", "ana", (ItemSale("DOGA"),), (tender,), NOW))
        void_receipt(office, keyed.number, cashier="ana", approver="sam", reason="keyed twice",
                     at=NOW)
        with pytest.raises(Refused, match="no user"):  # a card swiped into the user-id box
            users.sign_in(office, TRACK, "1234", at=NOW)
        from cashier.ui.device_jobs import receipt_document  # the window's print path
        counter = SimpleNamespace(db=office, office_name="City Hall",
                                  device_settings=SimpleNamespace(language="en"))
        for number in (sale.number, by_micr.number, keyed.number):
            record = reprint(office, number, "ana", at=NOW)
            printer.print_receipt(receipt_document(cast(Any, counter), get_receipt(office,
                                                                                  number)))
            printer.print_receipt(receipt_document(cast(Any, counter), record, copy=True))
        artifacts["printed receipts"] = printer.take_output()

        report = daily_cash_report(office, TODAY)
        artifacts["DCR JSON"] = json.dumps(report).encode()
        pdf = io.BytesIO()
        render_daily_cash_report(report, pdf)
        artifacts["DCR PDF text"] = "\n".join(
            p.extract_text() for p in PdfReader(io.BytesIO(pdf.getvalue())).pages).encode()
        artifacts["journal export"] = "\n".join(export_day(office, TODAY)).encode()
        lines: list[str] = []
        monkeypatch.setattr(cli_common, "ask_pin", lambda user: ALL_PINS[user])
        for argv in (["receipt", sale.number, "--entries"], ["receipt", by_micr.number],
                     ["receipt", keyed.number], ["report", "daily", "--date",
                                                 TODAY.isoformat(), "--json"]):
            cli.main(["--db", str(office.path), *argv], out=lines.append)
        artifacts["command output"] = "\n".join(lines).encode()
        for suffix in ("", "-wal", "-shm"):  # while open: the WAL still holds the day
            file = Path(f"{office.path}{suffix}")
            if file.exists():
                artifacts[f"database file{suffix} (open)"] = file.read_bytes()
    finally:
        terminal.close()
        printer.close()
        micr.close()
    office.dispose()
    artifacts["database file (closed)"] = office.path.read_bytes()
    artifacts["logs"] = "\n".join(r.getMessage() for r in caplog.records).encode()

    secrets = {"PAN": PAN, "PAN with spaces": " ".join(PAN[i:i + 4] for i in range(0, 16, 4)),
               "track data": TRACK[1:-1], "track discretionary data": "28121010000012345678",
               "security code field": "CardSecurityCode", "track field": "TrackValue",
               "sensitive card data": "SensitiveCardData",
               "bank account": FULL_ACCOUNT}
    leaks = [f"{what} in {where}" for where, data in artifacts.items()
             for what, secret in secrets.items()
             if secret.encode() in data or secret.encode("utf-16-le") in data]
    assert leaks == []
    assert b"5556" in artifacts["printed receipts"]  # what C13 allows is there
    assert FULL_ACCOUNT[-4:].encode() in artifacts["printed receipts"] + artifacts["DCR JSON"] \
        + artifacts["command output"]
    assert "database file-wal (open)" in artifacts
