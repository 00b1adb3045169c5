"""Hostile input (issue #11, part 4): whatever text, bytes or JSON reaches a parser, it either
parses or raises the parser's own error; a refused journal line writes nothing; lookup and
every free-text field take SQL and FTS5 syntax and control characters as plain text; receipts
and PDFs print any name.

Device parsers already fuzzed in ``tests/devices`` (a coin report's lines, one scanline, one
MICR line, a DLE EOT status, nexo answer bodies and replies) are not fuzzed again here; this
file covers the paths around them: raw serial bytes, biller layouts from settings, the nexo
header and error checks, and the Adyen client fed damaged answers end to end.

The normal suite runs a modest number of cases per test; ``CASHIER_FUZZ_EXAMPLES=N`` raises
every test to at least N (a tenth of that for the tests that open a database or render PDFs
per case). Run with ``-s`` to see how many cases each test ran.

atheris (coverage-guided, libFuzzer) installs cleanly from its binary wheel on Python 3.11,
but it is not a dependency of the project and it owns the process it fuzzes, so hypothesis
drives the suite and atheris runs only where it is installed: the last test starts it in a
subprocess on the pure parsers (skipped otherwise; ``CASHIER_ATHERIS_SECONDS`` per target). Its
first run found a reply that made the card client raise ``decimal.InvalidOperation``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from cashier.devices.card import nexo
from cashier.devices.card.adyen import AdyenTerminal, TlsTrust
from cashier.devices.card.simulator import TerminalSimulator
from cashier.devices.card.terminal import BatchTotals, CardReference, CardResult
from cashier.devices.coin_sorter import SimulatedCoinSorter, parse_coin_report
from cashier.devices.errors import DeviceError, StubError, TerminalResponseError
from cashier.devices.micr import SimulatedMicrReader, parse_micr
from cashier.devices.printer.receipt import (
    AccountBalance,
    ReceiptDocument,
    ReceiptLine,
    ReceiptTender,
    receipt_text,
    render_receipt,
)
from cashier.devices.serial_port import write_bytes
from cashier.devices.stub_scanner import (
    DEFAULT_STUB_LAYOUT,
    SerialStubScanner,
    StubLayout,
    parse_stub,
)
from cashier.ledger import books
from cashier.ledger.accounts import lookup
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database
from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer import cash_movements
from cashier.ledger.drawer.sessions import CloseCount, close_drawer, open_drawer
from cashier.ledger.journal.export import export_day
from cashier.ledger.journal.read import read_line
from cashier.ledger.journal.replay import apply, plan, replay_file
from cashier.ledger.receipts import corrections
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.records import get_receipt, reprint
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference import office, users
from cashier.ledger.reference.catalog import SplitSpec, add_account, add_gl_account, add_item
from cashier.ledger.rules.errors import (
    BadJournalLine,
    CashierError,
    InvalidAmount,
    Refused,
    ReplayStopped,
)
from cashier.ledger.rules.money import TRANSACTION_LIMIT, check_amount, format_money, parse_money
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    MoneyOrderTender,
    Payment,
)
from cashier.ledger.store.models import CashMovement, Correction, Deposit, GLAccount, Item
from cashier.reports.daily_cash_pdf import render_daily_cash_report
from cashier.reports.deposit_slip_pdf import render_deposit_slip
from tests.conftest import AT, FLOAT, approve_waiting, open_drawers, pin_hash, seed_office
from tests.ledger.journal.test_journal import minutes, run_shift
from tests.reports.samples import build_day

DAY = AT.date()
ROUTING = "111000025"
PAN = "4000056655665556"

# --- how many cases ------------------------------------------------------------------------

FULL_RUN = int(os.environ.get("CASHIER_FUZZ_EXAMPLES", "0") or "0")


def fuzz(examples: int, *, cost: int = 1) -> settings:
    """``examples`` cases in the normal suite, at least ``CASHIER_FUZZ_EXAMPLES // cost`` in a
    full run (``cost`` 10 for a test that opens a database file or renders PDFs per case)."""
    return settings(max_examples=max(examples, FULL_RUN // cost), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture,
                                           HealthCheck.filter_too_much,
                                           HealthCheck.large_base_example])


@dataclass
class _Tally:
    cases: int = 0
    total: int = 0
    per_test: dict[str, int] = field(default_factory=dict)


TALLY = _Tally()


def case() -> None:
    TALLY.cases += 1


T = TypeVar("T")
E = TypeVar("E", bound=BaseException)


def attempt(call: Callable[[], T], errors: type[E]) -> tuple[T | None, E | None]:
    """(result, None), or (None, the error) when ``call`` raised one of ``errors``: any other
    exception escapes, which is what every test here is looking for."""
    try:
        return call(), None
    except errors as error:
        return None, error


@pytest.fixture(scope="module", autouse=True)
def _total_cases() -> Iterator[None]:
    start = time.perf_counter()
    yield
    print(f"\nhostile input: {TALLY.total} fuzz cases in {len(TALLY.per_test)} tests, "
          f"{time.perf_counter() - start:.1f} s")


@pytest.fixture(autouse=True)
def _cases(request: pytest.FixtureRequest) -> Iterator[None]:
    TALLY.cases = 0
    start = time.perf_counter()
    yield
    if TALLY.cases:
        TALLY.total += TALLY.cases
        TALLY.per_test[request.node.name] = TALLY.cases
        print(f"\n{request.node.name}: {TALLY.cases} cases, "
              f"{time.perf_counter() - start:.1f} s")


# --- hostile text -------------------------------------------------------------------------

PIECES = [
    '"', "'", ";", "--", "/*", "*/", "%", "_", "\\", "*", "NEAR(", "NEAR", "AND", "OR", "NOT",
    "-", "^", ":", "(", ")", "{", "}", "+", "\x00", "\x07", "\x1b[2J", "\x1bp\x00\x19\xfa",
    "\x1b@", "\x1dV\x00", "\x10\x14\x01\x00\x01", "\r\n", "\t", "\x7f", "\x85", "\u200b",
    "\u200d", "\u200e", "\u200f", "\u202e", "\u2028", "\ufeff", "\u0301", "\u0338", "שלום",
    "مرحبا", "😀", "👨\u200d👩\u200d👧", "𝔘𝔫𝔦", "\U0010fffd", "ß", "İ", "ﬁ", "Ω", "日本",
    "０", "٣", "²", " ", "DROP TABLE receipts", "' OR '1'='1", "1); DELETE FROM accounts; --",
    "ana", "ANA", "RUIZ", "ST", "\ud800", "\udfff",
]
hostile_text = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=8).map("".join),
)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def storable(text: str) -> bool:
    """A lone surrogate is not a character: no database, file or printer can hold it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- raw database views --------------------------------------------------------------------

def backup(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def table_rows(path: Path) -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of its rows, read past the program's own code."""
    out: dict[str, tuple[int, str]] = {}
    with closing(sqlite3.connect(path)) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%' ORDER BY name")]
        for name in tables:
            rows = sorted(map(repr, conn.execute(f'SELECT * FROM "{name}"')))
            digest = hashlib.sha256(repr(rows).encode("utf-8", "surrogatepass")).hexdigest()
            out[name] = (len(rows), digest)
    return out


def changed_tables(before: dict[str, tuple[int, str]],
                   after: dict[str, tuple[int, str]]) -> dict[str, tuple[int, int]]:
    return {name: (before.get(name, (0, ""))[0], after.get(name, (0, ""))[0])
            for name in set(before) | set(after) if before.get(name) != after.get(name)}


# === money ===================================================================================

money_like = st.one_of(
    st.text(max_size=24),
    st.text(alphabet="0123456789.-+eE ,_$\x00\u0660\uff10\u00b2\n", max_size=24),
    st.from_regex(r"-?[0-9]{1,20}(\.[0-9]{0,4})?", fullmatch=True),
)
not_text = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                     st.decimals(allow_nan=True), st.binary(max_size=8),
                     st.lists(st.integers(), max_size=2))


@fuzz(500)
@given(money_like, st.booleans(), st.booleans(),
       st.sampled_from([None, 0, 1, TRANSACTION_LIMIT, 10**17]))
@example("99999.99", False, True, TRANSACTION_LIMIT)
@example("9" * 16, False, True, None)
@example("-0.00", False, False, None)
def test_money_text_gives_exact_cents_or_a_money_refusal(
        text: str, allow_negative: bool, allow_zero: bool, limit: int | None) -> None:
    case()
    cents, refused = attempt(lambda: parse_money(text, allow_negative=allow_negative,
                                                 allow_zero=allow_zero, limit=limit),
                             InvalidAmount)
    if refused is not None:
        assert refused.message and refused.rule == "money"
        return
    # Only the strict ASCII grammar gets through, and it is read exactly: never a float.
    assert type(cents) is int
    assert re.fullmatch(r"-?[0-9]+(\.[0-9]{1,2})?", text)
    assert Decimal(text) * 100 == cents
    assert allow_negative or cents >= 0
    assert allow_zero or cents != 0
    assert limit is None or abs(cents) <= limit
    assert parse_money(format_money(cents), allow_negative=True, limit=None) == cents


@fuzz(200)
@given(not_text)
def test_money_that_is_not_text_is_refused_not_guessed(value: Any) -> None:
    case()
    with pytest.raises(InvalidAmount):
        parse_money(value)
    try:
        cents = check_amount(value, limit=None, allow_negative=True)
    except InvalidAmount:
        return
    assert type(cents) is int and cents == value


# === the operations journal ===================================================================

class JournalDay:
    def __init__(self, lines: list[str], prefixes: list[Path]) -> None:
        self.lines = lines
        self.prefixes = prefixes  # prefixes[k]: a database replayed from lines[:k]

    def __repr__(self) -> str:  # hypothesis prints the fixture with every failing case
        return f"<journal of {len(self.lines)} lines>"


@pytest.fixture(scope="module")
def journal_day(tmp_path_factory: pytest.TempPathFactory) -> JournalDay:
    """A whole day (two cashiers, relief handoff, voids, drops, paid-out, reprint, deposit,
    day close) exported, and a database replayed up to each of its lines."""
    folder = tmp_path_factory.mktemp("journal")
    with Database.open(folder / "day.sqlite3") as db:
        seed_office(db)
        run_shift(db)
        reprint(db, "T01-000001", "ana", at=minutes(55))
        make_deposit(db, DAY, "sam", "lee", "B-5521", at=minutes(60))
        close_day(db, DAY, "sam", at=minutes(61))
        lines = list(export_day(db, DAY))
    ops = plan(lines)
    assert len(ops) == len(lines)
    prefixes = []
    with Database.open(folder / "replaying.sqlite3") as db:
        assert db.path is not None
        for k in range(len(lines) + 1):
            if k:
                apply(db, ops[k - 1:k])
            prefixes.append(folder / f"prefix-{k:03d}.sqlite3")
            backup(db.path, prefixes[-1])
    return JournalDay(lines, prefixes)


HUGE, DEEP = "\x00huge\x00", "\x00deep\x00"
json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 1.0, 1e308, -0.0, 2**63, 10**400, float("inf"), HUGE, DEEP]),
    st.floats(allow_nan=False), hostile_text,
    st.sampled_from([
        "", "0.00", "-0.01", "1e3", "99999.99", "100000.00", "0.001", " 1.00", "１.００",
        "2026-02-30", "0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59",
        "2026-11-23T09:00:00", "2026-11-23T09:00:00Z", "2026-11-24T09:00:00-07:00",
        "sam", "ana", "lee", "adm", "nobody", "D1", "D9", "T01-000001", "T01-999999",
        "1000001", "cash", "check", "card", "money_order", "payment", "void", "refund",
        "4000056655665556", "101-5200", "100-1010",
    ]),
)
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.one_of(st.text(max_size=6), st.sampled_from(
        ["v", "op", "at", "uuid", "amount", "type", "20.00", "number"])), inner, max_size=3)),
    max_leaves=8)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


def _put(document: Any, path: tuple[Any, ...], value: Any, *, delete: bool = False) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(document, dict):
        copy = dict(document)
        if delete and not rest:
            del copy[head]
        else:
            copy[head] = _put(document[head], rest, value, delete=delete)
        return copy
    items = list(document)
    if delete and not rest:
        del items[head]
    else:
        items[head] = _put(document[head], rest, value, delete=delete)
    return items


def _dump(document: Any, ascii_only: bool) -> str:
    text = json.dumps(document, ensure_ascii=ascii_only)
    return (text.replace(json.dumps(HUGE), "9" * 5000)
            .replace(json.dumps(DEEP), "[" * 50_000 + "]" * 50_000))


DAMAGE = ["\x00", "\x1b", "\ud800", '"', "{", "}", ",", "\\", "\x85", "\u2028", "\n", " ", "\t"]


@st.composite
def damaged(draw: st.DrawFn, lines: list[str]) -> tuple[int, str]:
    """(k, line): line k of the journal broken one way or another."""
    k = draw(st.integers(0, len(lines) - 1))
    original = lines[k]
    how = draw(st.sampled_from(["value", "value", "value", "delete", "text", "earlier",
                                "garbage", "json"]))
    if how in ("value", "delete"):
        document = json.loads(original)
        paths = _paths(document)[1:]
        path = draw(st.sampled_from(paths))
        if how == "delete":
            document = _put(document, path, None, delete=True)
        else:
            document = _put(document, path, draw(json_value))
        return k, _dump(document, draw(st.booleans()))
    if how == "text":
        at = draw(st.integers(0, len(original)))
        if draw(st.booleans()):
            return k, original[:at]  # cut off mid-line
        return k, original[:at] + draw(st.sampled_from(DAMAGE)) + original[at:]
    if how == "earlier":
        return k, lines[draw(st.integers(0, k))]  # an operation applied again
    if how == "json":
        return k, _dump(draw(json_value), draw(st.booleans()))
    return k, draw(hostile_text)


@fuzz(600)
@given(data=st.data())
def test_the_journal_reader_refuses_any_line_with_its_own_error(
        journal_day: JournalDay, data: st.DataObject) -> None:
    case()
    _k, line = data.draw(damaged(journal_day.lines))
    fields, refused = attempt(lambda: read_line(line), BadJournalLine)
    assert (fields is None) != (refused is None)
    assert refused is None or refused.message
    assert fields is None or (isinstance(fields.op, str) and fields.op)
    planned, stopped = attempt(lambda: plan([line]), ReplayStopped)
    if stopped is not None:
        assert stopped.line == 1 and stopped.rule and stopped.message
    else:
        assert planned is not None and len(planned) == (1 if line.strip() else 0)


@fuzz(300)
@given(st.lists(st.one_of(st.text(max_size=80), json_value.map(json.dumps)), max_size=5))
def test_any_text_at_all_is_read_or_refused_by_line(lines: list[str]) -> None:
    case()
    planned, stopped = attempt(lambda: plan(lines), ReplayStopped)
    if stopped is not None:
        assert 1 <= stopped.line <= len(lines)
        assert lines[stopped.line - 1].strip()
    else:
        assert planned is not None and len(planned) <= len(lines)


@fuzz(30, cost=10)
@given(data=st.data())
def test_a_refused_journal_line_changes_nothing(
        journal_day: JournalDay, data: st.DataObject, tmp_path: Path) -> None:
    """Lines before the bad one are in (the prefix database); the bad one adds nothing."""
    case()
    k, line = data.draw(damaged(journal_day.lines))
    target = tmp_path / f"case-{TALLY.cases}.sqlite3"
    shutil.copyfile(journal_day.prefixes[k], target)
    before = table_rows(target)
    db = Database.open(target)
    try:
        _report, stopped = attempt(lambda: apply(db, plan([line])), ReplayStopped)
        verified = audit.verify(db).ok
    finally:
        db.dispose()
    after = table_rows(target)
    for leftover in tmp_path.glob(f"{target.name}*"):
        leftover.unlink()
    assert verified
    if stopped is not None:
        assert stopped.rule and stopped.message
        assert changed_tables(before, after) == {}, stopped


@fuzz(12, cost=10)
@given(data=st.data())
def test_replaying_a_damaged_journal_leaves_no_database_behind(
        journal_day: JournalDay, data: st.DataObject, tmp_path: Path) -> None:
    case()
    k, line = data.draw(damaged(journal_day.lines))
    folder = tmp_path / f"case-{TALLY.cases}"
    folder.mkdir()
    lines = list(journal_day.lines)
    lines[k] = line
    source = folder / "day.jsonl"
    # A lone surrogate cannot be UTF-8: written as its raw bytes, the file is not UTF-8 either.
    source.write_bytes("".join(f"{x}\n" for x in lines).encode("utf-8", "surrogatepass"))
    target = folder / "rebuilt.sqlite3"
    try:
        replay_file(source, target)
    except CashierError:
        assert not target.exists()
        assert sorted(folder.iterdir()) == [source]
    else:
        with Database.open(target) as rebuilt:
            assert audit.verify(rebuilt).ok
    finally:
        shutil.rmtree(folder)


# === device parsers: the paths around the ones tests/devices fuzzes ===========================

serial_bytes = st.lists(st.one_of(
    st.binary(max_size=24),
    st.sampled_from([b"\r", b"\n", b"\r\n", b"\x00", b"\xff\xfe", b"\xe2\x91\x86", b"TOTAL ",
                     b"0.25 4 1.00\r\n", b"TOTAL 1.00\r\n", b"BATCH 7\r\n", b"T111000025T",
                     b"1234567O1042", b"\xe2\x91\x88", b"?", b"9" * 600,
                     DEFAULT_STUB_LAYOUT.scanline("1000001", 4510).encode()]),
), max_size=8).map(b"".join)


def _read_serial(device: Any, data: bytes, read: Callable[[], object]) -> object | None:
    device.start()
    try:
        write_bytes(device.port, device.name, data)
        reading, refused = attempt(read, DeviceError)
    finally:
        device.close()
    assert refused is None or refused.reason
    return reading


@fuzz(40)
@given(serial_bytes, st.booleans())
def test_serial_devices_turn_any_bytes_into_a_reading_or_a_device_error(
        data: bytes, terminated: bool) -> None:
    """What comes down the wire: invalid UTF-8, NUL, lone CR, lines past the noise limit."""
    case()
    data = data + b"\r" if terminated else data
    sorter = SimulatedCoinSorter(timeout=10.0)
    report = _read_serial(sorter, data, lambda: sorter.read_report(0.02))
    if report is not None:
        assert report.total == sum(face * n for face, n in report.counts.items())  # type: ignore[attr-defined]
    micr = SimulatedMicrReader(timeout=10.0)
    check = _read_serial(micr, data, lambda: micr.read_check(0.02))
    if check is not None:
        assert len(check.routing) == 9  # type: ignore[attr-defined]
        assert not re.search(r"\d{5}", check.account_masked)  # type: ignore[attr-defined]
    stub = SerialStubScanner("stub scanner", "loop://", timeout=10.0)
    _read_serial(stub, data, lambda: stub.read_stub(0.02))


layout_table = st.dictionaries(
    st.sampled_from(["biller", "prefix", "account_digits", "amount_digits", "weights",
                     "modulus", "add_product_digits", "from_right", "extra"]),
    st.one_of(st.integers(-5, 40), st.booleans(), st.text(max_size=4),
              st.lists(st.one_of(st.integers(-3, 120), st.booleans(), st.text(max_size=1)),
                       max_size=4), st.none()),
    max_size=9)


@fuzz(300)
@given(layout_table, st.text(alphabet="0123456789 ]CIx\x00٣", max_size=40),
       st.integers(0, 10**13), st.integers(0, 10**12))
def test_a_biller_layout_from_settings_is_refused_or_reads_its_own_stubs(
        table: dict[str, Any], scanned: str, account: int, amount: int) -> None:
    case()
    layout, refused = attempt(lambda: StubLayout.from_table(table), ValueError)
    if layout is None:
        assert str(refused)  # settings turn this into a SettingsError naming the key
        return
    with contextlib.suppress(StubError):
        parse_stub(scanned, (layout, DEFAULT_STUB_LAYOUT))
    try:
        line = layout.scanline(str(account), amount)
    except ValueError:
        return  # does not fit this layout's widths
    scan = parse_stub(line, (layout,))
    assert (scan.account, scan.amount_due) == (str(account), amount)


@fuzz(300)
@given(st.one_of(hostile_text, st.text(alphabet="0123456789 *-#", max_size=40)))
@example(PAN)
@example(f"{PAN[:6]}******{PAN[-4:]}")
@example(f"%B{PAN}^RUIZ/ANA^2812101000000000000?")
def test_nexo_card_fields_keep_only_what_c13_allows(raw: str) -> None:
    case()
    brand = nexo.brand_name(raw)
    assert re.fullmatch(r"[A-Za-z0-9 _-]{1,20}", brand)
    assert not re.search(r"\d{5}", brand)
    last4 = nexo.last_four(raw)
    assert last4 == "" or re.fullmatch(r"[0-9]{4}", last4)
    assert PAN not in brand + last4


@fuzz(300)
@given(json_value, st.sampled_from(["Payment", "Reversal", "TransactionStatus", "Abort",
                                    "Reconciliation"]),
       st.binary(max_size=80))
def test_nexo_envelope_and_error_checks_raise_only_their_own_error(
        document: Any, category: str, body: bytes) -> None:
    case()
    wrapped = {"SaleToPOIResponse": {"MessageHeader": document,
                                     f"{category}Response": document}}
    for candidate in (document, wrapped, {"SaleToPOIRequest": document}):
        if not isinstance(candidate, dict):
            continue
        with contextlib.suppress(TerminalResponseError):
            nexo.answer_body(candidate, category, "1234567890", "T01", "SIM-000001")
        with contextlib.suppress(TerminalResponseError):
            nexo.result_of(candidate, category)
    detail = nexo.http_error_detail(body)
    assert detail == "" or (detail.startswith(": ") and len(detail) <= 202)
    for reply in (body, b"[" * 100_000, b'{"a":' + b"9" * 5000 + b"}",
                  b'{"a":0e00999999999999999999999999999999999999990}'):  # found by atheris
        with contextlib.suppress(TerminalResponseError):
            nexo.decode(reply)


wire_value = st.one_of(json_leaf, st.lists(json_leaf, max_size=2))


class DamagedWire(AdyenTerminal):
    """The real Adyen client with the HTTPS exchange replaced: each answer is the simulator's
    answer to the request actually sent, then damaged by ``damage``."""

    def __init__(self, simulator: TerminalSimulator,
                 damage: Callable[[nexo.Json], nexo.Json]) -> None:
        super().__init__("card terminal", "127.0.0.1", 8443, "SIM-000001", "T01",
                         TlsTrust(fingerprint_sha256="00" * 32), timeout=0.1,
                         status_timeout=0.0, poll_interval=0.0)
        self.simulator = simulator
        self.damage = damage

    def _probe(self) -> tuple[bool, str, tuple[str, ...]]:
        return True, "damaged wire", ()

    def _post(self, document: nexo.Json, timeout: float, expect: bool = True) -> nexo.Json:
        answer, _delivery = self.simulator.answer(document)
        if not expect:
            return {}
        if answer is None:
            raise TerminalResponseError(self.name, "terminal answered with an empty body")
        return nexo.decode(nexo.encode(self.damage(answer)))


def _no_card_number(result: CardResult) -> None:
    # The fields C13 lets the program keep; an auth code holding a card number is the
    # ledger's to refuse (tendering), wherever the tender comes from.
    assert PAN not in result.brand + result.last4
    assert result.last4 == "" or re.fullmatch(r"[0-9]{4}", result.last4)
    assert not re.search(r"\d{5}", result.brand)
    if result.approved and result.kind == "void":
        assert result.amount >= 0  # a void gives back the sale's amount; it requests none
    elif result.approved:
        assert 0 <= result.amount <= result.requested
    else:
        assert result.amount == 0


@fuzz(150)
@given(data=st.data())
def test_the_card_terminal_client_survives_any_damaged_answer(data: st.DataObject) -> None:
    """Answers with fields removed, retyped or replaced (amounts, ids, brands, a full PAN):
    the client returns a C13-safe result or a device error, never anything else."""
    case()
    sim = TerminalSimulator()  # a fresh batch: the answers' shape must not depend on earlier cases
    sim.masked_pan = data.draw(st.sampled_from(["411111 **** 1111", PAN, f"{PAN}=2812101",
                                                "", "12"]))
    sim.brand = data.draw(st.sampled_from(["visa", "mc", PAN, "<b>", "x" * 40]))

    def damage(answer: nexo.Json) -> nexo.Json:
        damaged: Any = answer
        for _ in range(data.draw(st.integers(0, 2))):
            paths = _paths(damaged)[1:]
            if not paths:
                break
            path = data.draw(st.sampled_from(paths))
            # Leaves and short lists: a deep value per answer would overrun hypothesis's
            # buffer over the four or five answers one sale takes.
            damaged = _put(damaged, path, data.draw(wire_value),
                           delete=data.draw(st.booleans()))
        return damaged if isinstance(damaged, dict) else {}

    terminal = DamagedWire(sim, lambda answer: _decimals(damage(answer)))
    terminal.start()
    try:
        sale, refused = attempt(lambda: terminal.sale(45_10, "T01-000042-1", lambda _ref: None),
                                DeviceError)
        voided = None
        if sale is not None and sale.approved and sale.terminal_reference:
            voided, _ = attempt(lambda: terminal.void(sale, "T01-000042-2", lambda _ref: None),
                                DeviceError)
        totals, not_reconciled = attempt(terminal.reconcile, DeviceError)
    finally:
        terminal.close()
    assert refused is None or refused.reason
    assert not_reconciled is None or not_reconciled.reason
    for result in (sale, voided):
        if result is not None:
            _no_card_number(result)
    if totals is not None:
        assert isinstance(totals, BatchTotals)
        assert all(not re.search(r"\d{5}", b.brand) for b in totals.brands)


def _decimals(value: Any) -> Any:
    """JSON floats as the decimals nexo.decode would make of them (the wire has no floats)."""
    if isinstance(value, float):
        return Decimal(repr(value)) if value == value and abs(value) != float("inf") else None
    if isinstance(value, dict):
        return {k: _decimals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decimals(v) for v in value]
    if isinstance(value, str) and value in (HUGE, DEEP):
        return "x"
    return value


# === account lookup ===========================================================================

BOOK_NAMES = [
    ("1000004", "O'NEIL \"QUOTED\" CAFE", "100% PURE_WATER WAY"),
    ("1000005", "NEAR(ME) AND-OR ^START: *STAR*", "1 OR NEAR ST"),
    ("1000006", "JOSÉ ÑANDÚ", "straße 5"),
    ("1000007", "josé lower case", "ŞİŞLİ MAH."),
    ("1000008", "שלום עליכם", "مرحبا 9"),
    ("1000009", "😀 EMOJI LLC", "ＦＵＬＬ ＷＩＤＴＨ 1"),
    ("1000010", "ROBERT'); DELETE FROM accounts;--", "'; DROP TABLE receipts; --"),
    ("1000011", "A\u0301CCENT COMBINED", "x/y\\z [brackets]"),
    ("0999999", "LATE KEY ANA", "added after the others"),
    ("1000000", "ANOTHER LATE RUIZ", "SMITH ST"),
]
BOOK_ALPHABET = sorted({ch for row in BOOK_NAMES for part in row for ch in part}
                       | set("ANRUIZOHMLE1025 \"'%_*:^()-\\\x00\x1b\u200b"))
ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, list[Any]]]:
    db = Database.open(tmp_path_factory.mktemp("book") / "book.sqlite3")
    seed_office(db)
    with db.write() as s:
        for number, name, address in BOOK_NAMES:
            add_account(s, number, name, address)
    with db.read() as s:
        from cashier.ledger.store.models import Account
        accounts = [(a.number, a.name, a.address) for a in s.scalars(select(Account))]
    yield db, accounts
    db.dispose()


def lookup_answer(accounts: list[Any], typed: str, limit: int) -> list[Any]:
    """What lookup promises, in plain Python: a number prefix, or every word (ASCII case
    folded, as SQLite's LIKE does) in the name or the address; text that no account can hold
    (control, format or surrogate characters) matches nothing."""
    words = typed.upper().split()
    if not words or limit <= 0 or not all(w.isprintable() for w in words):
        return []
    if len(words) == 1 and words[0].isdigit():
        hits = [a for a in accounts if a[0].startswith(words[0])]
    else:
        def has(w: str, a: Any) -> bool:
            w = w.translate(ASCII_UPPER)
            return w in a[1].translate(ASCII_UPPER) or w in a[2].translate(ASCII_UPPER)
        hits = [a for a in accounts if all(has(w, a) for w in words)]
    return sorted(hits)[:limit]


@fuzz(400)
@given(st.one_of(hostile_text, st.text(alphabet=BOOK_ALPHABET, max_size=12),
                 st.lists(st.sampled_from([w for row in BOOK_NAMES for part in row[1:]
                                           for w in part.split()] + PIECES),
                          max_size=3).map(" ".join)),
       st.sampled_from([1, 3, 20, 2**40, 2**70, 0, -1]))
@example("\x00", 20)
@example("RUI\x00Z", 20)
@example("\ud800", 20)
@example('"ANA', 20)
def test_lookup_returns_exactly_the_matching_accounts_or_none(
        book: tuple[Database, list[Any]], typed: str, limit: int) -> None:
    db, accounts = book
    case()
    matches, refused = attempt(lambda: books.find_accounts(db, typed, limit=limit), Refused)
    if refused is not None:  # a clean refusal is allowed; wrong rows never are
        assert refused.message
        return
    assert matches is not None
    found = [(m.number, m.name, m.address) for m in matches]
    assert found == lookup_answer(accounts, typed, limit)


@fuzz(100)
@given(st.lists(st.text(alphabet=BOOK_ALPHABET, min_size=3, max_size=6), min_size=1,
                max_size=3))
def test_the_full_text_index_and_the_plain_scan_agree(
        book: tuple[Database, list[Any]], words: list[str]) -> None:
    db, _accounts = book
    case()
    typed = " ".join(words)
    words = typed.upper().split()
    if not words or not all(w.isprintable() for w in words):
        return
    with db.read() as s:
        indexed = list(lookup.search(s, typed, limit=50))
        scanned = list(s.execute(lookup._walk(words, 50)).all())
    assert [tuple(r) for r in indexed] == [tuple(r) for r in scanned]


# === free text: stored byte for byte, or refused ================================================

@dataclass
class TextField:
    """A free-text field: ``setup`` makes what it needs, ``act`` stores the text and reads it
    back through the program's own read path; ``kept`` is what must come back."""

    setup: Callable[[Database, int], Any]
    act: Callable[[Database, Any, str], str]
    kept: Callable[[str], str] = lambda text: text
    journaled: bool = True


def _sale(db: Database, tenders: tuple[Any, ...], lines: tuple[Any, ...] = (ItemSale("DOGA"),),
          drawer: str = "D1", cashier: str = "ana") -> str:
    return post_payment(db, Payment(drawer, cashier, lines, tenders, AT)).number


def _last(db: Database, model: Any) -> Any:
    with db.read() as s:
        return s.scalars(select(model).order_by(model.id.desc()).limit(1)).one()


def _ensure_open(db: Database, drawer: str, cashier: str) -> None:
    with contextlib.suppress(Refused):
        open_drawer(db, drawer, cashier, FLOAT, at=AT)


def _close_d3(db: Database, _n: int) -> None:
    _ensure_open(db, "D3", "sam")
    close_drawer(db, "D3", "sam", CloseCount(FLOAT), at=AT)


def _approval_note(db: Database, _ctx: Any, text: str) -> str:
    return approve_waiting(db, "D3", "lee", text, at=AT).approval_note or ""


def _add_account(field_name: str) -> TextField:
    def act(db: Database, n: int, text: str) -> str:
        number = f"8{n:07d}"
        with db.write() as s:
            add_account(s, number, text if field_name == "name" else "NAME",
                        text if field_name == "address" else "ADDRESS")
        view = books.account_view(db, number)
        return view.name if field_name == "name" else view.address
    return TextField(lambda _db, n: n, act, str.strip, journaled=False)


def _add_user(db: Database, n: int, text: str) -> str:
    with db.write() as s:
        users.add_user(s, f"u{n}", text, "cashier", pin_hash=pin_hash("482193"))
    return users.get_user(db, f"u{n}").name


def _add_item(db: Database, n: int, text: str) -> str:
    with db.write() as s:
        add_item(s, f"IT{n}", text, price=100, splits=[SplitSpec("101-4410", share="1")])
    with db.read() as s:
        return s.get_one(Item, f"IT{n}").name


def _add_gl(db: Database, n: int, text: str) -> str:
    with db.write() as s:
        add_gl_account(s, f"777-{n % 10_000:04d}", text)
    with db.read() as s:
        return s.get_one(GLAccount, f"777-{n % 10_000:04d}").name


def _tender_field(make: Callable[[str], Any], read: Callable[[Any], str | None]) -> TextField:
    def act(db: Database, _n: int, text: str) -> str:
        number = _sale(db, (make(text),))
        return read(get_receipt(db, number).tenders[0]) or ""
    return TextField(lambda _db, n: n, act)


def _office_name(db: Database, _n: int, text: str) -> str:
    with db.write() as s:
        office.put(s, office.OFFICE_NAME, text)
    with db.read() as s:
        return office.get(s, office.OFFICE_NAME)


def _refund_reason(db: Database, _n: int, text: str) -> str:
    corrections.refund_credit(db, "1000002", 1, by="sam", reason=text, at=AT)
    return str(_last(db, Correction).reason)


def _no_sale_reason(db: Database, _n: int, text: str) -> str:
    cash_movements.no_sale(db, "D1", "ana", text, at=AT)
    with db.read() as s:
        from cashier.ledger.store.models import AuditEvent
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()
    return str(json.loads(event.detail)["reason"])


def _paid_out_reason(db: Database, _n: int, text: str) -> str:
    cash_movements.paid_out(db, "D1", "ana", "sam", 1, "101-5200", text, at=AT)
    return str(_last(db, CashMovement).reason)


def _void_reason(db: Database, number: str, text: str) -> str:
    return void_receipt(db, number, cashier="ana", approver="sam", reason=text,
                        at=AT).void_reason or ""


def _reference(db: Database, _n: int, text: str) -> str:
    number = _sale(db, (CashTender(100),),
                   (ItemSale("BLDP", reference=text, unit_amount=100),))
    return get_receipt(db, number).lines[0].reference


FIELDS: dict[str, TextField] = {
    "account name": _add_account("name"),
    "service address": _add_account("address"),
    "user name": TextField(lambda _db, n: n, _add_user, journaled=False),
    "item name": TextField(lambda _db, n: n, _add_item, str.strip, journaled=False),
    "GL account name": TextField(lambda _db, n: n, _add_gl, str.strip, journaled=False),
    "office name": TextField(lambda _db, n: n, _office_name, journaled=False),
    "void reason": TextField(lambda db, _n: _sale(db, (CashTender(2000),)), _void_reason,
                             str.strip),
    "no-sale reason": TextField(lambda _db, n: n, _no_sale_reason, str.strip),
    "paid-out reason": TextField(lambda _db, n: n, _paid_out_reason, str.strip),
    "refund reason": TextField(lambda _db, n: n, _refund_reason, str.strip),
    "approval note": TextField(_close_d3, _approval_note, str.strip),
    "item reference": TextField(lambda _db, n: n, _reference, str.strip),
    "check number": _tender_field(lambda t: CheckTender(2000, t, ROUTING), lambda r: r.number),
    "money order number": _tender_field(lambda t: MoneyOrderTender(2000, t),
                                        lambda r: r.number),
    "card brand": _tender_field(lambda t: CardTender(2000, t, "4242", "A1B2C3"),
                                lambda r: r.card_brand),
    "card auth code": _tender_field(lambda t: CardTender(2000, "VISA", "4242", t),
                                    lambda r: r.card_auth),
    "card reference": _tender_field(lambda t: CardTender(2000, "VISA", "4242", "A1", t),
                                    lambda r: r.card_reference),
}
FIELDS["card brand"].kept = lambda text: text.strip().upper()


@pytest.fixture(scope="module")
def counter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(tmp_path_factory.mktemp("counter") / "counter.sqlite3")
    seed_office(db)
    open_drawers(db)
    # A credit balance for the refunds to draw on, a cent at a time.
    _sale(db, (CashTender(56_000),), (AccountPayment("1000002", 56_000),), "D2", "raj")
    yield db
    db.dispose()


def _ops_strings(db: Database) -> list[str]:
    """Every text value in the newest operation line (the journal and the sync outbox)."""
    from cashier.ledger.store.models import Operation
    with db.read() as s:
        body = s.scalars(select(Operation.body).order_by(Operation.seq.desc()).limit(1)).one()
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
    walk(json.loads(body))
    return found


@fuzz(200)
@given(st.sampled_from(sorted(FIELDS)), hostile_text)
@example("no-sale reason", "'; DROP TABLE audit_events; --")
@example("void reason", "a\x00b")
@example("approval note", "\x1b[2J NEAR(\"x\" AND y)")
@example("item reference", "\ud800")
@example("card brand", PAN)
@example("card auth code", PAN)
@example("card reference", PAN)
def test_free_text_comes_back_byte_for_byte_or_is_refused_clearly(
        counter: Database, name: str, text: str) -> None:
    case()
    assert counter.path is not None
    text_field = FIELDS[name]
    context = text_field.setup(counter, TALLY.total + TALLY.cases)
    before = table_rows(counter.path)
    stored, refused = attempt(lambda: text_field.act(counter, context, text), Refused)
    if refused is not None:
        assert refused.message and refused.rule
        assert changed_tables(before, table_rows(counter.path)) == {}, (name, text, refused)
        return
    assert stored is not None
    assert storable(text), f"{name}: {text!r} cannot have been stored"
    assert stored == text_field.kept(text), name
    if text_field.journaled and stored:  # the journal keeps what was typed or was stored
        journal = _ops_strings(counter)
        assert text in journal or stored in journal, name
    if name.startswith("card"):
        assert PAN not in stored


@fuzz(8, cost=10)
@given(hostile_text)
@example("B-5521 ' OR 1=1 --")
@example("\ud800")
def test_a_deposit_bag_number_comes_back_or_is_refused(office_db: Database, text: str) -> None:
    case()
    day = DAY + dt.timedelta(days=TALLY.cases)
    at = dt.datetime.combine(day, AT.timetz())
    open_drawer(office_db, "D1", "ana", FLOAT, at=at)
    close_drawer(office_db, "D1", "ana", CloseCount(FLOAT), at=at)
    approve_waiting(office_db, "D1", "sam", at=at)
    made, refused = attempt(lambda: make_deposit(office_db, day, "sam", "lee", text, at=at),
                            Refused)
    if made is None:
        assert refused is not None and refused.message
        with office_db.read() as s:
            assert s.scalar(select(Deposit).where(Deposit.business_date == day)) is None
        return
    assert made.bag == text.strip()
    with office_db.read() as s:
        assert s.scalars(select(Deposit.bag).where(Deposit.business_date == day)).one() \
            == text.strip()


@pytest.fixture(scope="module")
def office_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(tmp_path_factory.mktemp("office") / "office.sqlite3")
    seed_office(db)
    yield db
    db.dispose()


# === receipts and PDFs ======================================================================

names = st.one_of(
    hostile_text,
    st.text(st.characters(codec="utf-8"), max_size=60),
    st.sampled_from(["שלום עולם ABC", "مرحبا بالعالم", "a\u0301\u0302\u0303" * 20,
                     "👨\u200d👩\u200d👧\u200d👦 family", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛", "\u200b\u200e\u202e",
                     "Nguyễn Thị Ánh", "W" * 300, "王小明 <b>&amp;</b>", "\ud800 lone"]),
)
# Commands a name must never smuggle onto the printer: reset, drawer kick, real-time kick, cut.
SMUGGLED = (b"\x1b@", b"\x1bp", b"\x10\x14", b"\x1b=")


@fuzz(150)
@given(names, st.sampled_from(["default", "TM-U220"]), st.sampled_from([42, 48]),
       st.sampled_from(["en", "es"]), st.booleans())
@example("\x1bp\x00\x19\xfa" + "\x10\x14\x01\x00\x01" + "\x1b@" + "\x1dV\x00", "default", 42,
         "en", True)
@example("\ud800一", "default", 42, "en", False)  # the code page for 一 cannot encode it
def test_a_receipt_prints_any_name_without_crashing_or_smuggling_commands(
        name: str, profile: str, width: int, language: str, void: bool) -> None:
    case()
    document = ReceiptDocument(
        receipt_number="T01-000042", printed_at=dt.datetime(2026, 11, 23, 9, 30),
        cashier=name, terminal="T01", header=(name, "City Hall"),
        lines=(ReceiptLine(name, 45_10, account="1000001", reference=name),
               ReceiptLine("Dog license, altered", 20_00)),
        tenders=(ReceiptTender("cash", 70_00), ReceiptTender("card", 0, name)),
        change=4_90, balances=(AccountBalance("1000001", 0),), footer=(name,),
        void=void, copy=not void, language=language)
    job = render_receipt(document, width, profile)
    cut = profile != "TM-U220"
    assert job.count(b"\x1dV") == (1 if cut else 0)
    assert not any(command in job for command in SMUGGLED), name
    text = receipt_text(document, width)
    assert not CONTROL.search(text.replace("\n", "")), name


PDF_LONG = "Departamento de Servicios Públicos — oficina de atención al cliente " * 12


@fuzz(12, cost=10)
@given(names)
@example(PDF_LONG)
@example("\ud800\udfff mixed")
def test_reports_render_any_name_to_a_pdf_that_reads_back(name: str) -> None:
    case()
    report = build_day(sessions=2, accounts=3, exceptions=2, checks=2, cashiers=[name, "raj"])
    report["office"] = name
    report["exceptions"][0].update(reason=name, who=name, approver=name)
    report["gl_distribution"][0]["name"] = name
    report["items"][0]["name"] = name
    report["deposit"].update(bag=name, prepared_by=name)
    report["deposit"]["check_list"][0]["number"] = name
    for render in (render_daily_cash_report, render_deposit_slip):
        out = io.BytesIO()
        render(report, out)
        pdf = PdfReader(io.BytesIO(out.getvalue()))
        pages = [page.extract_text() for page in pdf.pages]
        assert pages and all(f"of {len(pages)}" in page for page in pages)


# === coverage-guided, where atheris is installed =================================================

ATHERIS_TARGETS = ("money", "journal", "devices", "nexo")
NEXO_REF = CardReference("sale", "T01", "SIM-000001", "1234567890", "T01-000123-1",
                         "2026-11-23T14:05:00.000Z", 45_10, "USD")


def atheris_input(target: str, data: bytes) -> None:
    """One atheris input: the parser's own error is fine, anything else is a finding."""
    if target == "nexo":
        with contextlib.suppress(TerminalResponseError):
            body = nexo.decode(data)
            for parse in (lambda: nexo.payment_result(body, NEXO_REF),
                          lambda: nexo.reversal_result(body, NEXO_REF, None),
                          lambda: nexo.repeated_answer(body, NEXO_REF),
                          lambda: nexo.batch_totals(body)):
                with contextlib.suppress(TerminalResponseError):
                    parse()
        return
    # ASCII, UTF-16 or UTF-32 text as atheris draws it, lone surrogates included.
    text = str(importlib.import_module("atheris").FuzzedDataProvider(data)
               .ConsumeUnicode(len(data)))
    if target == "money":
        with contextlib.suppress(InvalidAmount):
            parse_money(text, allow_negative=True, limit=None)
    elif target == "journal":
        with contextlib.suppress(ReplayStopped):
            plan(text.split("\n"))
    else:
        for parse_text in (parse_micr, parse_stub):
            with contextlib.suppress(DeviceError):
                parse_text(text)
        with contextlib.suppress(DeviceError):
            parse_coin_report(text.split("\n"))


# The program's own modules are instrumented as they are imported (coverage of the rest —
# hypothesis, SQLAlchemy — would only slow it down), so this module is imported inside.
ATHERIS_MAIN = """
import sys, atheris
with atheris.instrument_imports(include=["cashier"]):
    from tests.safety.test_hostile_input import atheris_input
target = sys.argv.pop(1)
atheris.Setup(sys.argv, lambda data: atheris_input(target, data))
atheris.Fuzz()
"""


@pytest.mark.parametrize("target", ATHERIS_TARGETS)
def test_coverage_guided_fuzzing_finds_nothing_escaping(target: str, tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    seconds = int(os.environ.get("CASHIER_ATHERIS_SECONDS", "20"))
    run = subprocess.run(
        [sys.executable, "-c", ATHERIS_MAIN, target, f"-max_total_time={seconds}",
         "-timeout=10", f"-artifact_prefix={tmp_path}/"],
        cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True,
        timeout=seconds * 4 + 120, check=False)
    runs = re.findall(r"Done (\d+) runs", run.stderr)
    print(f"\natheris {target}: {runs[-1] if runs else '?'} inputs in {seconds} s")
    assert run.returncode == 0, run.stderr[-4000:]
