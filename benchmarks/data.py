"""The benchmark data, built once with the demo generator and kept in a cache directory.

Two datasets, each a terminal database file:

- ``accounts``: the demo city (reference data, users, drawers) with ``Sizes.accounts``
  customer accounts and their charges, plus drawers and cashiers up to ``Sizes.drawers``;
- ``day``: a copy of it with one business day worked through the service functions:
  ``Sizes.receipts`` receipts over every drawer, a few voids, a drop per drawer, every
  drawer closed with an exact count and approved, the deposit made and the day closed.
  The Daily Cash Report benchmark reads it; its operations journal holds the operations
  the sync push benchmark pushes (the first ``Sizes.operations`` of them).

A file is named by a fingerprint of everything that shapes its contents (sizes, the
generator, the migrations, for the day the ledger code), so a changed input builds a fresh
file and an unchanged one is reused: the million-account file takes minutes to build.
Benchmarks that write work on a scratch copy, never on the cached file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import cashier.ledger
from cashier.ledger.database import Database
from cashier.ledger.day.business_day import close_day
from cashier.ledger.day.deposit import make_deposit
from cashier.ledger.drawer.cash_movements import drop
from cashier.ledger.drawer.sessions import CloseCount, approve_close, close_drawer, open_drawer
from cashier.ledger.receipts.payments import post_payment
from cashier.ledger.receipts.voids import void_receipt
from cashier.ledger.reference import users
from cashier.ledger.reference.catalog import add_drawer
from cashier.ledger.rules.denominations import count_total, denominations
from cashier.ledger.rules.values import (
    AccountPayment,
    CardTender,
    CashTender,
    CheckTender,
    ItemSale,
    Line,
    MoneyOrderTender,
    Payment,
    Tender,
)
from cashier.ledger.store.models import User
from cashier.services import demo

# A fixed business day, so that bill dates and receipt times (hence the files) do not
# change with the date the benchmarks run on.
DAY = dt.date(2026, 11, 23)
OFFSET = dt.timezone(dt.timedelta(hours=-7))
SEED = 2026
FLOAT = {"20.00": 5, "10.00": 5, "5.00": 6, "1.00": 20}  # 200.00, every drawer's float
ROUTING = "111000025"  # passes the ABA 3-7-1 check
SUPERVISORS = ("sam", "lee")
FIRST_ACCOUNT = 1_000_001  # the demo numbers accounts from here


@dataclass(frozen=True)
class Sizes:
    accounts: int
    receipts: int  # in the business day
    drawers: int
    operations: int  # to push, taken from the day's journal
    payments: int  # timed payments, each through the service and raw
    searches: int  # typed searches per kind (each several keystrokes)
    cash_payments: int  # timed keyboard-only payments in the GUI


FULL = Sizes(accounts=1_000_000, receipts=20_000, drawers=12, operations=10_000,
             payments=1_000, searches=200, cash_payments=20)
QUICK = Sizes(accounts=10_000, receipts=120, drawers=12, operations=150,
              payments=50, searches=10, cash_payments=3)


def drawer_codes(count: int) -> list[str]:
    """D1–D3 come with the demo; the rest are D4, D5 … on T04, T05 …"""
    return [demo_code for demo_code, _, _ in demo.DRAWERS][:count] + [
        f"D{i}" for i in range(len(demo.DRAWERS) + 1, count + 1)]


def cashier_of(drawer: str) -> str:
    """ana and raj keep the SPEC's drawers; the others get cashiers c3, c4 …"""
    return {"D1": "ana", "D2": "raj", "D3": "c3"}.get(drawer, f"c{drawer[1:]}")


def at(minutes: float) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(8, 0), OFFSET) + dt.timedelta(minutes=minutes)


def _sources(*paths: Path) -> Iterator[bytes]:
    for path in paths:
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            yield str(file.name).encode()
            yield file.read_bytes()


def _fingerprint(kind: str, params: tuple[object, ...], sources: Iterator[bytes]) -> str:
    digest = hashlib.sha256(f"{kind}:{params}:{DAY}:{SEED}".encode())
    for chunk in sources:
        digest.update(chunk)
    return digest.hexdigest()[:12]


@dataclass
class Built:
    path: Path
    seconds: float | None  # None when reused from the cache


@dataclass
class Datasets:
    """The datasets of one run, built on first use."""

    sizes: Sizes
    cache: Path
    scratch: Path
    log: Callable[[str], None] = print
    _built: dict[str, Built] = field(default_factory=dict)

    def accounts(self) -> Path:
        migrations = Path(str(resources.files("cashier.migrations")))
        fingerprint = _fingerprint(
            "accounts", (self.sizes.accounts, self.sizes.drawers),
            _sources(Path(demo.__file__), Path(__file__), migrations))
        return self._get("accounts", fingerprint, self._build_accounts)

    def day(self) -> Path:
        base = self.accounts()
        ledger = Path(cashier.ledger.__file__).parent
        fingerprint = _fingerprint("day", (self.sizes.receipts, base.name),
                                   _sources(Path(__file__), ledger))
        return self._get("day", fingerprint, lambda path: self._build_day(base, path))

    def scratch_copy(self, source: Path, name: str) -> Path:
        """A writable copy of a cached database (no WAL to carry: it was closed cleanly)."""
        self.scratch.mkdir(parents=True, exist_ok=True)
        target = self.scratch / name
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, target)
        return target

    def summary(self) -> list[str]:
        return [f"{kind}: {b.path} "
                + ("(cached)" if b.seconds is None else f"(built in {b.seconds:.0f} s)")
                for kind, b in self._built.items()]

    def _get(self, kind: str, fingerprint: str, build: Callable[[Path], None]) -> Path:
        if kind in self._built:
            return self._built[kind].path
        self.cache.mkdir(parents=True, exist_ok=True)
        path = self.cache / f"{kind}-{fingerprint}.sqlite3"
        seconds: float | None = None
        if not path.exists():
            for stale in self.cache.glob(f"{kind}-*"):
                stale.unlink()  # a million accounts is over half a gigabyte: keep one
            self.log(f"building the {kind} dataset in {path} …")
            started = time.perf_counter()
            partial = path.with_suffix(".partial")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{partial}{suffix}").unlink(missing_ok=True)
            build(partial)
            partial.rename(path)  # only a finished build is ever reused
            seconds = time.perf_counter() - started
        self._built[kind] = Built(path, seconds)
        return path

    def _build_accounts(self, path: Path) -> None:
        with Database.open(path) as db:
            with db.write() as session:
                demo.seed_reference(session)
                pin_hash = users.hash_pin("111111")  # one slow hash for all extra cashiers
                for drawer in drawer_codes(self.sizes.drawers)[len(demo.DRAWERS):]:
                    add_drawer(session, drawer, f"T{int(drawer[1:]):02d}", 20000)
                for drawer in drawer_codes(self.sizes.drawers):
                    cashier = cashier_of(drawer)
                    if session.get(User, cashier) is None:
                        users.add_user(session, cashier, f"Cashier {cashier}", "cashier",
                                       pin_hash=pin_hash)
            with db.write() as session:
                demo.seed_accounts(session, self.sizes.accounts, seed=SEED, today=DAY)

    def _build_day(self, base: Path, path: Path) -> None:
        shutil.copyfile(base, path)
        with Database.open(path) as db:
            DayBuilder(db, self.sizes, random.Random(SEED)).run()


def cash_only(number: str) -> bool:
    """The demo flags every 97th account cash-only (C16): no checks for those."""
    return (int(number) - FIRST_ACCOUNT) % 97 == 96


def random_account(rng: random.Random, accounts: int) -> str:
    return str(FIRST_ACCOUNT + rng.randrange(accounts))


def count_cash(cents: int) -> dict[str, int]:
    """Notes and coins making exactly ``cents``, largest first (a counted drawer)."""
    count: dict[str, int] = {}
    for d in denominations():
        if d.kind != "roll" and cents >= d.unit:
            count[d.key], cents = divmod(cents, d.unit)
    return count


@dataclass
class DrawerTally:
    """What a drawer should hold, kept alongside the ledger so the close count is exact."""

    cash: int = count_total(FLOAT)
    checks: dict[str, int] = field(default_factory=dict)
    money_orders: dict[str, int] = field(default_factory=dict)
    card: int = 0
    receipts: list[tuple[str, tuple[Tender, ...], int]] = field(default_factory=list)

    def take(self, tenders: tuple[Tender, ...], change: int, sign: int = 1) -> None:
        for tender in tenders:
            if isinstance(tender, CashTender):
                self.cash += sign * tender.amount
            elif isinstance(tender, CheckTender):
                self._list(self.checks, tender.number, tender.amount, sign)
            elif isinstance(tender, MoneyOrderTender):
                self._list(self.money_orders, tender.number, tender.amount, sign)
            else:
                self.card += sign * tender.amount
        self.cash -= sign * change

    @staticmethod
    def _list(items: dict[str, int], number: str, amount: int, sign: int) -> None:
        if sign > 0:
            items[number] = amount
        else:
            del items[number]


class DayBuilder:
    """One business day through the service functions, as the counters would work it."""

    def __init__(self, db: Database, sizes: Sizes, rng: random.Random) -> None:
        self.db = db
        self.sizes = sizes
        self.rng = rng
        self.drawers = drawer_codes(sizes.drawers)
        self.tally = {d: DrawerTally() for d in self.drawers}
        self.serial = 0

    def run(self) -> None:
        for drawer in self.drawers:
            open_drawer(self.db, drawer, cashier_of(drawer), FLOAT, at=at(-15))
        minutes = 9.5 * 60 / max(1, self.sizes.receipts)
        for n in range(self.sizes.receipts):
            drawer = self.drawers[n % len(self.drawers)]
            self._payment(drawer, at(n * minutes))
            if n % 200 == 199:  # a mistake now and then, voided with a supervisor
                self._void(drawer, at(n * minutes + 0.01))
        for i, drawer in enumerate(self.drawers):
            self._drop(drawer, at(9.5 * 60 + i))
            self._close(drawer, at(9.75 * 60 + i))
        # The supervisors' end of day (C11, C12): the Daily Cash Report they sign is this one.
        make_deposit(self.db, DAY, SUPERVISORS[0], SUPERVISORS[1], "B-5521", at=at(10.5 * 60))
        close_day(self.db, DAY, SUPERVISORS[0], at=at(10.75 * 60))

    def _lines(self) -> tuple[tuple[Line, ...], int, frozenset[str], bool]:
        lines: list[Line] = []
        total, allowed, no_checks = 0, frozenset(demo.ALL), False
        kind = self.rng.random()
        if kind < 0.75:  # most people at a utility counter pay their bill
            number = random_account(self.rng, self.sizes.accounts)
            amount = self.rng.randint(2000, 30000)
            lines.append(AccountPayment(number, amount))
            total += amount
            no_checks = cash_only(number)
        if kind >= 0.6:
            item = self.rng.choice(demo.ITEMS)
            amount = item.price or self.rng.randint(500, 20000)
            lines.append(ItemSale(item.code, reference="REF-1" if item.reference else "",
                                  unit_amount=None if item.price else amount))
            total += amount
            allowed = allowed & frozenset(item.tenders)
        return tuple(lines), total, allowed, no_checks

    def _tenders(self, total: int, allowed: frozenset[str],
                 no_checks: bool) -> tuple[Tender, ...]:
        kinds = [k for k in ("check", "card", "money_order") if k in allowed]
        if no_checks and "check" in kinds:
            kinds.remove("check")
        roll = self.rng.random()
        if roll < 0.5 or not kinds:  # cash, rounded up to the next note: change is given
            return (CashTender(-(-total // 500) * 500),)
        kind = self.rng.choice(kinds)
        part = total if roll < 0.85 else self.rng.randint(1, total)  # sometimes split
        self.serial += 1  # check and money order numbers are unique within a drawer
        serial = f"{self.serial:07d}"
        first: Tender
        if kind == "check":
            first = CheckTender(part, serial, ROUTING, "000123456789")
        elif kind == "money_order":
            first = MoneyOrderTender(part, serial)
        else:
            first = CardTender(part, "VISA", "4242", f"A{serial}")
        rest = total - part
        return (first, CashTender(rest)) if rest else (first,)

    def _payment(self, drawer: str, when: dt.datetime) -> None:
        lines, total, allowed, no_checks = self._lines()
        tenders = self._tenders(total, allowed, no_checks)
        receipt = post_payment(self.db, Payment(drawer, cashier_of(drawer), lines, tenders,
                                                at=when))
        self.tally[drawer].take(tenders, receipt.change)
        self.tally[drawer].receipts.append((receipt.number, tenders, receipt.change))

    def _supervisor_for(self, cashier: str) -> str:
        return next(s for s in SUPERVISORS if s != cashier)

    def _void(self, drawer: str, when: dt.datetime) -> None:
        number, tenders, change = self.tally[drawer].receipts.pop()
        cashier = cashier_of(drawer)
        void_receipt(self.db, number, cashier=cashier, approver=self._supervisor_for(cashier),
                     reason="keyed the wrong account", at=when)
        self.tally[drawer].take(tenders, change, sign=-1)

    def _drop(self, drawer: str, when: dt.datetime) -> None:
        tally = self.tally[drawer]
        notes = tally.cash // 2 // 10000  # half the cash, in hundreds, to the safe
        if notes:
            cashier = cashier_of(drawer)
            drop(self.db, drawer, cashier, self._supervisor_for(cashier), {"100.00": notes},
                 at=when)
            tally.cash -= notes * 10000

    def _close(self, drawer: str, when: dt.datetime) -> None:
        tally = self.tally[drawer]
        cashier = cashier_of(drawer)
        count = CloseCount(cash=count_cash(tally.cash), checks=tuple(tally.checks.items()),
                           money_orders=tuple(tally.money_orders.items()),
                           card_batch=tally.card)
        summary = close_drawer(self.db, drawer, cashier, count, at=when)
        if summary.over_short is not None and summary.over_short.nonzero:
            raise AssertionError(f"drawer {drawer} of the benchmark day is over/short: "
                                 f"{summary.over_short}; the day builder lost track")
        approve_close(self.db, drawer, self._supervisor_for(cashier), session=summary.id, at=when)
