"""A demo city: funds, services, ~30 revenue items, utility accounts with charges, users, drawers.

Reference data goes through the same ``reference``/``users`` functions as an admin would use.
Customer accounts and charges are bulk-inserted: they are generated rows that are valid by
construction, and the benchmarks need a million of them in seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session

from cashier.ledger.database import Database
from cashier.ledger.reference import office, users
from cashier.ledger.reference.catalog import (
    SplitSpec,
    add_drawer,
    add_gl_account,
    add_item,
    add_service,
)
from cashier.ledger.store.models import Account, Charge

FUNDS = {"101": "General", "501": "Electric", "502": "Gas", "503": "Water",
         "504": "Wastewater", "505": "Solid waste", "506": "Irrigation"}

GL_ACCOUNTS = [
    ("501-1210", "Electric accounts receivable"), ("502-1210", "Gas accounts receivable"),
    ("503-1210", "Water accounts receivable"), ("503-1250", "Hydrant meter receivable"),
    ("504-1210", "Wastewater accounts receivable"),
    ("505-1210", "Solid waste accounts receivable"),
    ("506-1210", "Irrigation accounts receivable"),
    ("501-2200", "Utility customer deposits"), ("503-2250", "Hydrant meter deposits"),
    ("101-4110", "Business tax"), ("101-4120", "Business license fees"),
    ("101-4410", "Animal licenses"), ("101-4420", "Building permits"),
    ("101-4421", "Electrical permits"), ("101-4422", "Plumbing permits"),
    ("101-4423", "Sign permits"), ("101-4425", "State building surcharge"),
    ("101-4610", "Parking citations"), ("101-4615", "Parking penalties"),
    ("101-4710", "Transit fares"), ("101-4810", "Cemetery services"),
    ("101-4820", "Cemetery plots"), ("101-4910", "NSF fees"), ("101-4920", "Late fees"),
    ("101-4930", "Reconnect fees"), ("505-4310", "Solid waste special services"),
    ("101-4940", "Records and copies"), ("101-4950", "False alarm fees"),
    ("101-4960", "Parks and recreation"), ("101-4970", "Fire inspection fees"),
    ("101-5200", "Petty cash expenses"),
]

SERVICES = [  # code, name, priority, AR account
    ("electric", "Electric", 1, "501-1210"), ("gas", "Gas", 2, "502-1210"),
    ("water", "Water", 3, "503-1210"), ("wastewater", "Wastewater", 4, "504-1210"),
    ("solid_waste", "Solid waste", 5, "505-1210"), ("irrigation", "Irrigation", 6, "506-1210"),
    ("hydrant", "Hydrant meter", 7, "503-1250"),
]

ALL = ("cash", "check", "money_order", "card")
NO_CHECK = ("cash", "money_order", "card")


@dataclass(frozen=True)
class DemoItem:
    code: str
    name: str
    price: int | None
    gl: tuple[tuple[str, str], ...]
    reference: str = ""
    tenders: tuple[str, ...] = ALL


ITEMS = [
    DemoItem("DEPU", "Utility service deposit", None, (("501-2200", "1"),), "account no."),
    DemoItem("BLDP", "Building permit", None, (("101-4420", "0.96"), ("101-4425", "0.04")),
             "permit no."),
    DemoItem("ELCP", "Electrical permit", None, (("101-4421", "1"),), "permit no."),
    DemoItem("PLMP", "Plumbing permit", None, (("101-4422", "1"),), "permit no."),
    DemoItem("SIGN", "Sign permit", 7500, (("101-4423", "1"),), "permit no."),
    DemoItem("BTAX", "Business tax", None, (("101-4110", "1"),), "license no."),
    DemoItem("BLIC", "Business license renewal", 5000, (("101-4120", "1"),), "license no."),
    DemoItem("DOGA", "Dog license, altered", 2000, (("101-4410", "1"),), "tag no."),
    DemoItem("DOGU", "Dog license, unaltered", 4500, (("101-4410", "1"),), "tag no."),
    DemoItem("DOGL", "Dog license late fee", 1000, (("101-4410", "1"),)),
    DemoItem("PARK", "Parking citation", None, (("101-4610", "1"),), "citation no.", NO_CHECK),
    DemoItem("PARL", "Parking citation penalty", None, (("101-4615", "1"),), "citation no.",
             NO_CHECK),
    DemoItem("TRNA", "Transit pass, adult monthly", 5500, (("101-4710", "1"),), "",
             ("cash", "card")),
    DemoItem("TRNS", "Transit pass, senior monthly", 2000, (("101-4710", "1"),), "",
             ("cash", "card")),
    DemoItem("TRNY", "Transit pass, youth monthly", 2500, (("101-4710", "1"),), "",
             ("cash", "card")),
    DemoItem("CEMP", "Cemetery plot", None, (("101-4820", "1"),), "plot no."),
    DemoItem("CEMO", "Cemetery opening and closing", 65000, (("101-4810", "1"),), "plot no."),
    DemoItem("CEMM", "Cemetery monument setting", 15000, (("101-4810", "1"),), "plot no."),
    DemoItem("NSFF", "Returned check (NSF) fee", 2500, (("101-4910", "1"),), "account no.",
             NO_CHECK),
    DemoItem("LATE", "Late payment fee", None, (("101-4920", "1"),), "account no."),
    DemoItem("RCON", "Reconnect fee", 5000, (("101-4930", "1"),), "account no."),
    DemoItem("GARB", "Extra garbage cart", 1500, (("505-4310", "1"),), "account no."),
    DemoItem("BULK", "Bulk item pickup", 3500, (("505-4310", "1"),), "address"),
    DemoItem("HYDM", "Hydrant meter deposit", None, (("503-2250", "1"),), "meter no."),
    DemoItem("COPY", "Copies and records request", None, (("101-4940", "1"),)),
    DemoItem("FALM", "False alarm fee", 10000, (("101-4950", "1"),), "invoice no."),
    DemoItem("SHLT", "Park shelter rental", None, (("101-4960", "1"),), "reservation no."),
    DemoItem("POOL", "Pool season pass", 4000, (("101-4960", "1"),)),
    DemoItem("YARD", "Yard sale permit", 500, (("101-4423", "1"),)),
    DemoItem("FIRE", "Fire inspection fee", 12000, (("101-4970", "1"),), "inspection no."),
]

DEMO_USERS = [  # id, name, role, PIN — printed in README; a real office sets its own
    ("ana", "Ana Ruiz", "cashier", "482193"), ("raj", "Raj Patel", "cashier", "731046"),
    ("sam", "Sam Okafor", "supervisor", "246813"), ("lee", "Lee Chen", "supervisor", "135792"),
    ("adm", "Pat Admin", "admin", "909090"),
]

DRAWERS = [("D1", "T01", 20000), ("D2", "T02", 20000), ("D3", "T03", 20000)]

FIRST = (
    "JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA", "DAVID",
    "ELIZABETH", "WILLIAM", "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA", "THOMAS",
    "SARAH", "CARLOS", "KAREN", "MARIA", "NANCY", "JOSE", "LISA", "DANIEL", "BETTY", "MATTHEW",
    "SANDRA", "ANTHONY", "ASHLEY", "MARK", "DONNA", "LUIS", "EMILY", "PAUL", "MICHELLE",
    "STEVEN", "CAROL", "ANDREW", "AMANDA", "KENNETH", "MELISSA", "JUAN", "DEBORAH", "NGUYEN",
    "STEPHANIE", "KEVIN", "ROSA", "BRIAN", "LAURA", "WEI", "FATIMA", "AHMED", "PRIYA", "OLGA",
    "HIROSHI"
)
LAST = (
    "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "RODRIGUEZ",
    "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "THOMAS", "TAYLOR",
    "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON", "WHITE", "HARRIS", "SANCHEZ",
    "CLARK", "RAMIREZ", "LEWIS", "ROBINSON", "WALKER", "YOUNG", "ALLEN", "KING", "WRIGHT",
    "SCOTT", "TORRES", "NGUYEN", "HILL", "FLORES", "GREEN", "ADAMS", "NELSON", "BAKER", "HALL",
    "RIVERA", "CAMPBELL", "MITCHELL", "CARTER", "ROBERTS", "PATEL", "KIM", "CHEN", "OKAFOR",
    "NOVAK", "RUIZ"
)
BUSINESS = (
    "AUTO REPAIR", "DENTAL GROUP", "BAKERY", "LAUNDROMAT", "HARDWARE", "TAQUERIA",
    "PROPERTIES LLC", "APARTMENTS", "CHURCH", "MARKET"
)
STREETS = (
    "CENTER", "MAIN", "STATE", "UNIVERSITY", "ELM", "OAK", "MAPLE", "PINE", "CEDAR", "WILLOW",
    "BIRCH", "ASPEN", "LINCOLN", "WASHINGTON", "JEFFERSON", "MADISON", "GRANT", "CANYON",
    "RIVER", "LAKE", "HILLCREST", "SUNSET", "MOUNTAIN", "VIEW", "PARK", "COLLEGE", "FOOTHILL",
    "MEADOW", "SPRING"
)
SUFFIXES = ("ST", "AVE", "DR", "LN", "WAY", "CT", "BLVD", "RD")
DIRECTIONS = ("N", "S", "E", "W", "")


def seed_reference(session: Session) -> None:
    office.put(session, office.OFFICE_NAME, "City Hall customer service")
    for fund, name in FUNDS.items():
        office.put(session, f"fund.{fund}", name)
    for code, name in GL_ACCOUNTS:
        add_gl_account(session, code, name)
    for code, name, priority, gl in SERVICES:
        add_service(session, code, name, priority, gl)
    for item in ITEMS:
        add_item(session, item.code, item.name, price=item.price,
                 splits=[SplitSpec(account, share=share) for account, share in item.gl],
                 reference_required=bool(item.reference), reference_label=item.reference,
                 allowed_tenders=item.tenders)
    for user_id, name, role, pin in DEMO_USERS:
        users.add_user(session, user_id, name, role, pin=pin)
    for code, terminal, float_cents in DRAWERS:
        add_drawer(session, code, terminal, float_cents)


def _name(rng: random.Random) -> str:
    if rng.random() < 0.08:
        return f"{rng.choice(LAST)} {rng.choice(BUSINESS)}"
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _address(rng: random.Random) -> str:
    direction = rng.choice(DIRECTIONS)
    parts = [str(rng.randint(1, 9999)), direction, rng.choice(STREETS), rng.choice(SUFFIXES)]
    return " ".join(p for p in parts if p)


def _charges(rng: random.Random, number: str, today: dt.date) -> Iterator[dict[str, object]]:
    services = ["water", "wastewater", "solid_waste"]
    services += [s for s, p in (("electric", 0.7), ("gas", 0.5), ("irrigation", 0.1))
                 if rng.random() < p]
    current = today.replace(day=15) if today.day >= 15 else (
        today.replace(day=1) - dt.timedelta(days=1)).replace(day=15)
    bills = [current]
    if rng.random() < 0.25:  # a quarter of customers are a month behind
        bills.insert(0, (current.replace(day=1) - dt.timedelta(days=1)).replace(day=15))
    for bill_date in bills:
        for service in services:
            yield {"account_number": number, "service": service, "bill_date": bill_date,
                   "amount_cents": rng.randint(1500, 18000), "paid_cents": 0}


def _status(i: int, charges: list[dict[str, object]], today: dt.date) -> dict[str, object]:
    """Some customers a month behind face a disconnect for the past-due bill; a few are
    already disconnected until the whole balance is paid (issue #9)."""
    dates = sorted({c["bill_date"] for c in charges}, key=str)
    total = sum(int(str(c["amount_cents"])) for c in charges)
    if len(dates) > 1 and i % 4 == 1:
        past_due = sum(int(str(c["amount_cents"])) for c in charges
                       if c["bill_date"] == dates[0])
        return {"service_status": "disconnect_pending",
                "status_date": today + dt.timedelta(days=5), "status_required_cents": past_due}
    if i % 211 == 17:
        return {"service_status": "disconnected", "status_date": today - dt.timedelta(days=3),
                "status_required_cents": total}
    return {"service_status": "active", "status_date": None, "status_required_cents": None}


def seed_accounts(session: Session, count: int, *, seed: int = 2026, first: int = 1_000_001,
                  today: dt.date | None = None, batch: int = 20_000) -> None:
    rng = random.Random(seed)
    today = today or dt.date.today()
    accounts: list[dict[str, object]] = []
    charges: list[dict[str, object]] = []

    def flush() -> None:
        if accounts:
            session.execute(insert(Account), accounts)
        if charges:
            session.execute(insert(Charge), charges)
        accounts.clear()
        charges.clear()

    for i in range(count):
        number = str(first + i)
        if i == 0:  # the customer in the SPEC's examples, so the README's commands work
            name, address = "ANA RUIZ", "120 N CENTER ST"
        else:
            name, address = _name(rng), _address(rng)
        mine = list(_charges(rng, number, today))
        accounts.append({"number": number, "name": name, "address": address,
                         "cash_only": i % 97 == 96, "credit_cents": 0,
                         **_status(i, mine, today)})
        charges.extend(mine)
        if len(accounts) >= batch:
            flush()
    flush()


def build_demo(db: Database, *, accounts: int = 5_000, seed: int = 2026) -> None:
    """Fill an empty database with the demo city, in one transaction."""
    with db.write() as session:
        seed_reference(session)
        seed_accounts(session, accounts, seed=seed)
