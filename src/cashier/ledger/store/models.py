"""The database schema as SQLAlchemy 2 typed models. Alembic revisions under ``migrations/``
are the only way it changes; ``tests/ledger/store/test_schema.py`` checks the two agree.

Money columns are integer cents (``*_cents``). Times are stored as ISO 8601 text with their
offset, because the business date of an operation is the date in the offset it was taken in
(SPEC §4) and neither SQLite nor a plain ``timestamp`` keeps that offset.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AwareDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime kept as ISO 8601 text with its own offset."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"time {value!r} has no UTC offset")
        return value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)


class Money(TypeDecorator[int]):
    """Cents as BIGINT, so day totals of a large office never overflow on PostgreSQL.

    PostgreSQL sums BIGINT into NUMERIC, which the driver hands back as ``Decimal``; every sum
    of a money column takes this type, so it comes back as whole ``int`` cents on both engines.
    """

    impl = BigInteger
    cache_ok = True

    def process_result_value(self, value: object, dialect: Dialect) -> int | None:
        return None if value is None else int(value)  # type: ignore[call-overload]


def change_counter() -> Mapped[int | None]:
    """Central's change counter: PostgreSQL triggers (migration 0006) stamp every insert and
    update of reference data with the next value, so a terminal pulls only what changed since
    its last pull. Terminals leave it empty."""
    return mapped_column(BigInteger, nullable=True, index=True)


# --- reference data ---------------------------------------------------------------------------


class GLAccount(Base):
    __tablename__ = "gl_accounts"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    fund: Mapped[str] = mapped_column(String(10))
    system: Mapped[bool] = mapped_column(Boolean, default=False)
    change_no: Mapped[int | None] = change_counter()


class Service(Base):
    __tablename__ = "services"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    priority: Mapped[int] = mapped_column(Integer)
    ar_gl: Mapped[str] = mapped_column(ForeignKey("gl_accounts.code"))
    change_no: Mapped[int | None] = change_counter()


class Item(Base):
    """A revenue item (payment code). ``price_cents`` is None for a keyed price."""

    __tablename__ = "items"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    price_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    reference_required: Mapped[bool] = mapped_column(Boolean, default=False)
    reference_label: Mapped[str] = mapped_column(String(40), default="")
    allowed_tenders: Mapped[str] = mapped_column(String(60))  # comma list of tender types
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    change_no: Mapped[int | None] = change_counter()

    splits: Mapped[list[ItemSplit]] = relationship(
        order_by="ItemSplit.seq", cascade="all, delete-orphan", lazy="selectin"
    )


class ItemSplit(Base):
    """One account of an item's GL distribution: a fixed amount or a share (decimal text)."""

    __tablename__ = "item_splits"
    __table_args__ = (
        UniqueConstraint("item_code", "seq"),
        CheckConstraint(
            "(amount_cents IS NULL) <> (share IS NULL)", name="amount_or_share"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_code: Mapped[str] = mapped_column(ForeignKey("items.code"))
    seq: Mapped[int] = mapped_column(Integer)
    account: Mapped[str] = mapped_column(ForeignKey("gl_accounts.code"))
    amount_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    share: Mapped[str | None] = mapped_column(String(20), nullable=True)
    change_no: Mapped[int | None] = change_counter()


class Account(Base):
    """A utility customer account. ``credit_cents`` is its unapplied credit (GL 100-2100)."""

    __tablename__ = "accounts"

    number: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str] = mapped_column(String(200), index=True)
    cash_only: Mapped[bool] = mapped_column(Boolean, default=False)
    credit_cents: Mapped[int] = mapped_column(Money, default=0)
    change_no: Mapped[int | None] = change_counter()
    # Service status from billing (cashier.ledger.accounts.status): a disconnect pending on
    # ``status_date`` unless ``status_required_cents`` is paid, or a disconnected service that
    # that much reconnects. ``status_paid_cents`` is what was paid toward it since it was set.
    service_status: Mapped[str] = mapped_column(String(20), default="active",
                                                server_default="active")
    status_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status_required_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    status_paid_cents: Mapped[int] = mapped_column(Money, default=0, server_default="0")

    charges: Mapped[list[Charge]] = relationship(
        order_by="Charge.id", back_populates="account", lazy="raise"
    )


class Charge(Base):
    """An open (or paid) bill charge for one service on one bill date."""

    __tablename__ = "charges"
    __table_args__ = (
        CheckConstraint("paid_cents >= 0 AND paid_cents <= amount_cents", name="paid_in_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_number: Mapped[str] = mapped_column(ForeignKey("accounts.number"), index=True)
    service: Mapped[str] = mapped_column(ForeignKey("services.code"))
    bill_date: Mapped[dt.date] = mapped_column(Date)
    amount_cents: Mapped[int] = mapped_column(Money)
    paid_cents: Mapped[int] = mapped_column(Money, default=0)
    change_no: Mapped[int | None] = change_counter()

    account: Mapped[Account] = relationship(back_populates="charges", lazy="raise")

    @property
    def open_cents(self) -> int:
        return self.amount_cents - self.paid_cents


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('cashier', 'supervisor', 'admin')", name="role"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    change_no: Mapped[int | None] = change_counter()


class Terminal(Base):
    """A counter workstation. ``last_receipt_seq`` makes receipt numbers gapless (C1)."""

    __tablename__ = "terminals"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    last_receipt_seq: Mapped[int] = mapped_column(Integer, default=0)
    change_no: Mapped[int | None] = change_counter()


class Drawer(Base):
    __tablename__ = "drawers"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    terminal: Mapped[str] = mapped_column(ForeignKey("terminals.code"))
    float_cents: Mapped[int] = mapped_column(Money)
    change_no: Mapped[int | None] = change_counter()


class DrawerSession(Base):
    """One cashier's time on one drawer (C4), from the counted float to the approved close.

    Counts are kept as canonical JSON (denomination key -> number, and lists of checks and
    money orders); the per-tender totals are columns so the DCR can sum them in SQL.
    ``status``: open -> closed (count submitted, expected revealed) or handed_off.
    """

    __tablename__ = "drawer_sessions"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed', 'handed_off')", name="status"),
        Index("ix_drawer_sessions_drawer_status", "drawer", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    drawer: Mapped[str] = mapped_column(ForeignKey("drawers.code"))
    terminal: Mapped[str] = mapped_column(ForeignKey("terminals.code"))
    cashier: Mapped[str] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    assigned_float_cents: Mapped[int] = mapped_column(Money)
    opening_cents: Mapped[int] = mapped_column(Money)  # cash
    opening_count: Mapped[str] = mapped_column(Text)
    # A relief session starts from the handed-over count, which can hold checks, money
    # orders and the card batch so far, not only cash (SPEC §5 handoff).
    opening_check_cents: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    opening_money_order_cents: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    opening_card_cents: Mapped[int] = mapped_column(Money, default=0, server_default="0")
    float_approver: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    previous_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("drawer_sessions.id"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(12), default="open")
    handed_to: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime, nullable=True)
    close_count: Mapped[str | None] = mapped_column(Text, nullable=True)
    first_count: Mapped[str | None] = mapped_column(Text, nullable=True)  # before a recount
    recounted: Mapped[bool] = mapped_column(Boolean, default=False)
    counted_cash_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    counted_check_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    counted_money_order_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    counted_card_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    expected_cash_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    expected_check_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    expected_money_order_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    expected_card_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    approved_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime, nullable=True)
    approval_note: Mapped[str | None] = mapped_column(Text, nullable=True)


class CashMovement(Base):
    """Cash leaving a drawer mid-session: a drop to the safe, a paid-out (C8), or a refund of
    a customer's credit balance paid in cash."""

    __tablename__ = "cash_movements"
    __table_args__ = (CheckConstraint("kind IN ('drop', 'paid_out', 'refund')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("drawer_sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    amount_cents: Mapped[int] = mapped_column(Money)
    count: Mapped[str] = mapped_column(Text, default="{}")
    second_user: Mapped[str] = mapped_column(ForeignKey("users.id"))  # witness or approver
    gl_account: Mapped[str | None] = mapped_column(ForeignKey("gl_accounts.code"), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


# --- end of day ------------------------------------------------------------------------------


class Deposit(Base):
    """A business day's bank deposit (SPEC §5), made from balanced drawers only and signed by
    the supervisor who prepared it and another who verified it (C11).

    The figures are kept as they were signed; ``detail`` holds the canonical JSON of the cash
    by denomination, each check and money order, and the sessions it took money from.
    """

    __tablename__ = "deposits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_date: Mapped[dt.date] = mapped_column(Date, unique=True)
    bag: Mapped[str] = mapped_column(String(30))
    prepared_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    verified_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    counted_cash_cents: Mapped[int] = mapped_column(Money)
    drops_cents: Mapped[int] = mapped_column(Money)
    floats_kept_cents: Mapped[int] = mapped_column(Money)
    cash_cents: Mapped[int] = mapped_column(Money)
    checks_cents: Mapped[int] = mapped_column(Money)
    check_count: Mapped[int] = mapped_column(Integer)
    money_orders_cents: Mapped[int] = mapped_column(Money)
    money_order_count: Mapped[int] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"))


class BusinessDay(Base):
    """A closed business day (C12): nothing dated that day changes afterwards."""

    __tablename__ = "business_days"

    business_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    closed_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)


# --- transactions -----------------------------------------------------------------------------


class Receipt(Base):
    __tablename__ = "receipts"
    __table_args__ = (
        UniqueConstraint("terminal", "seq"),
        CheckConstraint("status IN ('completed', 'void')", name="status"),
        Index("ix_receipts_business_date", "business_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    terminal: Mapped[str] = mapped_column(ForeignKey("terminals.code"))
    seq: Mapped[int] = mapped_column(Integer)
    drawer: Mapped[str] = mapped_column(ForeignKey("drawers.code"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("drawer_sessions.id"), nullable=True, index=True
    )
    cashier: Mapped[str] = mapped_column(ForeignKey("users.id"))
    taken_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    business_date: Mapped[dt.date] = mapped_column(Date)
    total_cents: Mapped[int] = mapped_column(Money)
    change_cents: Mapped[int] = mapped_column(Money, default=0)
    status: Mapped[str] = mapped_column(String(10), default="completed")
    voided_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime, nullable=True)
    voided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    void_approver: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    void_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    offline: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Brought in as context by a later day's journal export (migration 0009): dated its own
    # day, counted in none of the replayed day's figures.
    carried: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    change_no: Mapped[int | None] = change_counter()

    lines: Mapped[list[ReceiptLine]] = relationship(
        order_by="ReceiptLine.seq", lazy="selectin", cascade="all"
    )
    tenders: Mapped[list[ReceiptTender]] = relationship(
        order_by="ReceiptTender.seq", lazy="selectin", cascade="all"
    )


class ReceiptLine(Base):
    __tablename__ = "receipt_lines"
    __table_args__ = (
        UniqueConstraint("receipt_id", "seq"),
        CheckConstraint("kind IN ('account', 'item')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    account_number: Mapped[str | None] = mapped_column(
        ForeignKey("accounts.number"), nullable=True, index=True
    )
    item_code: Mapped[str | None] = mapped_column(ForeignKey("items.code"), nullable=True)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    amount_cents: Mapped[int] = mapped_column(Money)
    credit_cents: Mapped[int] = mapped_column(Money, default=0)  # part left as account credit
    reference: Mapped[str] = mapped_column(String(60), default="")

    applications: Mapped[list[ChargeApplication]] = relationship(
        order_by="ChargeApplication.id", lazy="selectin", cascade="all"
    )


class ChargeApplication(Base):
    """How much of a receipt line paid which charge; voids restore exactly these amounts."""

    __tablename__ = "charge_applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("receipt_lines.id"), index=True)
    charge_id: Mapped[int] = mapped_column(ForeignKey("charges.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(Money)


class ReceiptTender(Base):
    """A tender as stored: card rows keep brand, last 4, auth and reference only (C13)."""

    __tablename__ = "receipt_tenders"
    __table_args__ = (
        UniqueConstraint("receipt_id", "seq"),
        CheckConstraint("type IN ('cash', 'check', 'money_order', 'card')", name="type"),
        CheckConstraint(
            "card_last4 IS NULL OR length(card_last4) = 4", name="card_last4_only"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(12))
    amount_cents: Mapped[int] = mapped_column(Money)
    number: Mapped[str] = mapped_column(String(30), default="")  # check / money order number
    routing: Mapped[str] = mapped_column(String(9), default="")
    bank_account_mask: Mapped[str] = mapped_column(String(40), default="")
    card_brand: Mapped[str | None] = mapped_column(String(20), nullable=True)
    card_last4: Mapped[str | None] = mapped_column(String(4), nullable=True)
    card_auth: Mapped[str | None] = mapped_column(String(20), nullable=True)
    card_reference: Mapped[str | None] = mapped_column(String(60), nullable=True)


class JournalEntry(Base):
    """A balanced GL entry. Append-only (C2): corrections are new entries with ``reverses_id``."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    posted_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    receipt_id: Mapped[int | None] = mapped_column(
        ForeignKey("receipts.id"), nullable=True, index=True
    )
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("journal_entries.id"), nullable=True, unique=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("drawer_sessions.id"), nullable=True, index=True
    )
    memo: Mapped[str] = mapped_column(Text, default="")

    postings: Mapped[list[Posting]] = relationship(
        order_by="Posting.id", lazy="selectin", cascade="all"
    )


class Posting(Base):
    """One side of an entry: positive cents are debits, negative are credits."""

    __tablename__ = "postings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"), index=True)
    account: Mapped[str] = mapped_column(ForeignKey("gl_accounts.code"), index=True)
    amount_cents: Mapped[int] = mapped_column(Money)


class Operation(Base):
    """The operations journal (SPEC §4): every state change as its JSON line, in order.

    It is also the sync outbox: a row is written in the same transaction as the change it
    records, so the two can never disagree.
    """

    __tablename__ = "operations"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    op: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    body: Mapped[str] = mapped_column(Text)  # the canonical JSON line, without the newline
    # Set once central has committed the operation; the unsent rows are the sync backlog.
    sent_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime, nullable=True)

    __table_args__ = (
        Index("ix_operations_unsent", "seq", sqlite_where=text("sent_at IS NULL"),
              postgresql_where=text("sent_at IS NULL")),
    )


class AuditEvent(Base):
    """A hash-chained audit row (C15): ``hash`` covers this row's fields and ``prev_hash``."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    actor: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(60), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's last row, so that deleting the newest rows is detected too."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """Terminal-wide configuration values (limits, tolerances, system GL accounts)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- sync (SPEC §7) ---------------------------------------------------------------------------


class SyncInbox(Base):
    """Central: every operation a terminal pushed, exactly once (unique ``uuid``), in arrival
    order; the applier runs each through the service layer and stamps ``applied_at``."""

    __tablename__ = "sync_inbox"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    terminal: Mapped[str] = mapped_column(String(10))
    terminal_seq: Mapped[int] = mapped_column(BigInteger)
    body: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    applied_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime, nullable=True)

    __table_args__ = (
        Index("ix_sync_inbox_terminal_seq", "terminal", "terminal_seq"),
        Index("ix_sync_inbox_pending", "id", sqlite_where=text("applied_at IS NULL"),
              postgresql_where=text("applied_at IS NULL")),
    )


class SyncTerminal(Base):
    """Central: how far each terminal's operations have been applied, readable by terminals
    (a terminal pulls account balances only once central holds all of its own payments)."""

    __tablename__ = "sync_terminals"

    terminal: Mapped[str] = mapped_column(String(10), primary_key=True)
    applied_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    applied_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime, nullable=True)
    # The operation central could not apply; the terminal's later operations wait behind it.
    stopped_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    stopped_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class SyncState(Base):
    """Terminal: pull cursors and the link's last outcome, one value per key."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RemotePayment(Base):
    """Terminal: account payments taken on other terminals, pulled from central so that the
    account panel shows them (this terminal's own payments are in ``receipts``)."""

    __tablename__ = "remote_payments"

    receipt_number: Mapped[str] = mapped_column(String(20), primary_key=True)
    account_number: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)
    taken_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    amount_cents: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(10))


# --- back-office corrections (returned checks, transfers, refunds) ----------------------------


class Correction(Base):
    """A supervisor's correction of money already taken: a returned (NSF) check, a payment
    transferred to the right account, or a refund of a credit balance.

    It posts on the open day of ``at`` and names the original receipt (C12); the receipt row
    itself is never touched, so a correction of a closed day's receipt leaves that day as it
    was signed. ``detail`` is canonical JSON (payee of a check refund, the check returned).
    """

    __tablename__ = "corrections"
    __table_args__ = (CheckConstraint("kind IN ('nsf', 'transfer', 'refund')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    receipt_id: Mapped[int | None] = mapped_column(
        ForeignKey("receipts.id"), nullable=True, index=True
    )
    account: Mapped[str] = mapped_column(ForeignKey("accounts.number"), index=True)
    to_account: Mapped[str | None] = mapped_column(ForeignKey("accounts.number"), nullable=True)
    amount_cents: Mapped[int] = mapped_column(Money)
    fee_cents: Mapped[int] = mapped_column(Money, default=0)
    by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    approver: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("drawer_sessions.id"), nullable=True
    )  # the drawer a cash refund was paid from
    detail: Mapped[str] = mapped_column(Text, default="{}")
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), nullable=True)

    lines: Mapped[list[CorrectionLine]] = relationship(
        order_by="CorrectionLine.id", lazy="selectin", cascade="all"
    )


class CorrectionLine(Base):
    """One change a correction made to an account, signed, so it can be traced and undone:

    ``paid`` — the receipt's money on a charge; ``credit`` — the receipt's money as the
    account's credit; ``credit_used`` — the account's own credit moved onto a charge (negative:
    a charge reopened to give credit back); ``billed`` — a charge the correction billed.
    """

    __tablename__ = "correction_lines"
    __table_args__ = (
        CheckConstraint("kind IN ('paid', 'credit', 'credit_used', 'billed')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    correction_id: Mapped[int] = mapped_column(ForeignKey("corrections.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    account: Mapped[str] = mapped_column(ForeignKey("accounts.number"))
    charge_id: Mapped[int | None] = mapped_column(ForeignKey("charges.id"), nullable=True)
    amount_cents: Mapped[int] = mapped_column(Money)


class ReturnedCheck(Base):
    """An account's returned-check history, counted for the cash-only rule (C16).

    A returned check posted here has its ``correction_id``; one carried in from another
    database's journal (an account line's history) has none.
    """

    __tablename__ = "returned_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(ForeignKey("accounts.number"), index=True)
    business_date: Mapped[dt.date] = mapped_column(Date)
    receipt: Mapped[str] = mapped_column(String(20))
    correction_id: Mapped[int | None] = mapped_column(
        ForeignKey("corrections.id"), nullable=True
    )
    made_cash_only: Mapped[bool] = mapped_column(Boolean, default=False)


# --- account status at the counter: service notices and payment arrangements ------------------


class ServiceNotice(Base):
    """An order to the field dispatch desk that a payment made: cancel a pending disconnect,
    or reconnect a disconnected service the same day.

    One per account and status episode (the unique key): a payment retried, replayed or
    applied again at central cannot raise a second order. The status the account had is kept,
    so a void of the receipt puts it back and the notice shows as withdrawn."""

    __tablename__ = "service_notices"
    __table_args__ = (
        CheckConstraint("kind IN ('cancel_disconnect', 'reconnect')", name="kind"),
        UniqueConstraint("account_number", "kind", "status_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_number: Mapped[str] = mapped_column(ForeignKey("accounts.number"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"), index=True)
    receipt_number: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    status_date: Mapped[dt.date] = mapped_column(Date)
    required_cents: Mapped[int] = mapped_column(Money)
    paid_cents: Mapped[int] = mapped_column(Money)  # paid toward it, this receipt included
    prior_paid_cents: Mapped[int] = mapped_column(Money)  # paid toward it before this receipt
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime, nullable=True)


class AccountStatusChange(Base):
    """Every change of an account's service status, with the status it replaced, so a
    journal export can give an account as it stood when its first day began."""

    __tablename__ = "account_status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_number: Mapped[str] = mapped_column(ForeignKey("accounts.number"), index=True)
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    business_date: Mapped[dt.date] = mapped_column(Date)
    cause: Mapped[str] = mapped_column(String(20))  # billing, notice, void, arrangement
    prev_status: Mapped[str] = mapped_column(String(20))
    prev_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    prev_required_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    prev_paid_cents: Mapped[int] = mapped_column(Money)


class Arrangement(Base):
    """An installment plan for an account's arrears: payments go to its installments first,
    and a missed installment puts the account back to disconnect pending."""

    __tablename__ = "arrangements"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'completed', 'broken')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_number: Mapped[str] = mapped_column(ForeignKey("accounts.number"), index=True)
    opened_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    business_date: Mapped[dt.date] = mapped_column(Date)
    opened_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(10), default="active")
    broken_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime, nullable=True)
    total_cents: Mapped[int] = mapped_column(Money)

    installments: Mapped[list[ArrangementInstallment]] = relationship(
        order_by="ArrangementInstallment.seq", lazy="selectin", cascade="all"
    )


class ArrangementInstallment(Base):
    __tablename__ = "arrangement_installments"
    __table_args__ = (UniqueConstraint("arrangement_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    arrangement_id: Mapped[int] = mapped_column(ForeignKey("arrangements.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[dt.date] = mapped_column(Date)
    amount_cents: Mapped[int] = mapped_column(Money)
    paid_cents: Mapped[int] = mapped_column(Money, default=0)


class ArrangementPayment(Base):
    """What one receipt paid on one installment, so a void or a journal export can undo it."""

    __tablename__ = "arrangement_payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"), index=True)
    installment_id: Mapped[int] = mapped_column(ForeignKey("arrangement_installments.id"),
                                                index=True)
    amount_cents: Mapped[int] = mapped_column(Money)


# --- remittance batches (mail and drop box) ----------------------------------------------------


class RemittanceBatch(Base):
    """A mail or drop-box batch: keyed stub by stub against the adding-machine tape's count
    and total, posted only when it balances, as one receipt per remittance in the terminal's
    remittance range (``T01-M-000001``)."""

    __tablename__ = "remittance_batches"
    __table_args__ = (
        CheckConstraint("kind IN ('mail', 'drop_box')", name="kind"),
        CheckConstraint("status IN ('open', 'suspended', 'posted')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    terminal: Mapped[str] = mapped_column(ForeignKey("terminals.code"))
    kind: Mapped[str] = mapped_column(String(10))
    opened_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    control_count: Mapped[int] = mapped_column(Integer)
    control_cents: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(10), default="open")
    posted_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    posted_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime, nullable=True)
    posted_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)


class RemittanceItem(Base):
    """One remittance in a batch: the stub's account and amount due, and the check."""

    __tablename__ = "remittance_items"
    __table_args__ = (
        CheckConstraint("status IN ('entered', 'removed', 'posted')", name="status"),
        UniqueConstraint("batch_id", "seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("remittance_batches.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    account_number: Mapped[str] = mapped_column(ForeignKey("accounts.number"))
    stub_amount_cents: Mapped[int | None] = mapped_column(Money, nullable=True)
    check_amount_cents: Mapped[int] = mapped_column(Money)
    check_number: Mapped[str] = mapped_column(String(30))
    routing: Mapped[str] = mapped_column(String(9))
    bank_account_mask: Mapped[str] = mapped_column(String(40), default="")
    entered_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    status: Mapped[str] = mapped_column(String(10), default="entered")
    removed_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("receipts.id"), nullable=True)


class RemittanceException(Base):
    """A remittance refused and set aside (unknown account, bad routing number, check on a
    cash-only account, bad stub check digit): it is handled by hand, and still counts toward
    the tape the batch balances to."""

    __tablename__ = "remittance_exceptions"
    __table_args__ = (
        CheckConstraint("kind IN ('unknown_account', 'bad_routing', 'cash_only', "
                        "'bad_check_digit', 'bad_stub')", name="kind"),
        UniqueConstraint("batch_id", "seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("remittance_batches.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    stub: Mapped[str] = mapped_column(String(60))  # the scanline or account as keyed
    check_amount_cents: Mapped[int] = mapped_column(Money)
    check_number: Mapped[str] = mapped_column(String(30), default="")
    routing: Mapped[str] = mapped_column(String(20), default="")
    entered_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
