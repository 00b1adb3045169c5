"""Card terminal: the records a semi-integrated sale produces, and the protocol the UI sees.

Whatever the wire protocol (today the nexo-based Adyen Terminal API), the program gets back
only what C13 allows it to keep: brand, last four digits, auth code, references and amounts.
``CardResult`` has no field that could hold a card number, and refuses a ``last4`` that is
anything but four digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from cashier.devices.errors import SettingsError
from cashier.devices.lifecycle import Device
from cashier.devices.plugin import SIMULATOR, SelfTest
from cashier.ledger.rules.money import Cents, format_money

_LAST4 = re.compile(r"\d{4}\Z")
_BRAND = re.compile(r"[A-Za-z0-9 _-]{0,20}\Z")
_DIGIT_RUN = re.compile(r"\d{5,}")
_CODE = re.compile(r"[!-~]{0,64}\Z")  # auth codes and references: printable, no spaces
TRANSACTION_ID = re.compile(r"[A-Za-z0-9._-]{1,40}\Z")
SIMULATOR_MODES = ("approve", "decline", "slow", "drop", "duplicate", "busy")
TEST_SALE = 1_00  # what the self-test charges (and voids at once on a real terminal)


@dataclass(frozen=True)
class CardTerminalSettings:
    adapter: str = SIMULATOR  # simulator | adyen
    host: str = ""
    port: int = 8443
    poi_id: str = "SIM-000001"
    sale_id: str = ""  # nexo SaleID; blank means the terminal id
    currency: str = "USD"
    timeout: float = 120.0  # a customer may take a while with their PIN
    status_timeout: float = 30.0
    ca_file: str = ""
    fingerprint_sha256: str = ""
    tls_server_name: str = ""
    simulator_mode: str = "approve"
    # Adyen local communication encryption; blank identifier = clear (test terminals only).
    key_identifier: str = ""
    key_version: int = 1
    passphrase_env: str = "CASHIER_TERMINAL_PASSPHRASE"  # names the variable; never the secret


@dataclass(frozen=True)
class CardReference:
    """Stored by the caller before the request leaves, so a lost answer can be asked after.

    ``service_id`` is the nexo ServiceID of the request (the terminal's key for a status
    inquiry); ``transaction_id`` is our own SaleTransactionID (the receipt's reference).
    """

    kind: str  # sale | refund | void
    sale_id: str
    poi_id: str
    service_id: str
    transaction_id: str
    timestamp: str
    amount: Cents
    currency: str


ReferenceHook = Callable[[CardReference], None]


@dataclass(frozen=True)
class CardResult:
    kind: str  # sale | refund | void
    approved: bool
    requested: Cents
    amount: Cents  # approved amount; 0 when declined
    currency: str
    brand: str
    last4: str
    auth_code: str
    reference: str  # our SaleTransactionID
    terminal_reference: str  # POITransactionID.TransactionID, needed to void
    terminal_timestamp: str
    error_condition: str = ""
    message: str = ""
    recovered: bool = False  # the answer came from a status inquiry after a lost reply

    def __post_init__(self) -> None:
        if self.last4 and not _LAST4.match(self.last4):
            raise ValueError("last4 must be exactly four digits (C13: never a card number)")
        if not _BRAND.match(self.brand) or _DIGIT_RUN.search(self.brand):
            raise ValueError(f"brand {self.brand!r} is not a card brand (C13)")
        for name in ("auth_code", "terminal_reference", "reference", "terminal_timestamp"):
            if not _CODE.match(getattr(self, name)):
                raise ValueError(f"{name} {getattr(self, name)!r} is not a short code")

    def describe(self) -> str:
        money = format_money(self.amount if self.approved else self.requested)
        card = f"{self.brand} ****{self.last4}" if self.last4 else self.brand or "card"
        if self.approved:
            return f"{self.kind} {money} approved, {card}, auth {self.auth_code}"
        return f"{self.kind} {money} not approved: {self.message or self.error_condition}"


@dataclass(frozen=True)
class BrandTotal:
    brand: str
    debit_count: int = 0
    debit_amount: Cents = 0
    credit_count: int = 0
    credit_amount: Cents = 0
    reversal_count: int = 0
    reversal_amount: Cents = 0

    @property
    def net(self) -> Cents:
        return self.debit_amount - self.credit_amount - self.reversal_amount


@dataclass(frozen=True)
class BatchTotals:
    """The terminal's batch at reconciliation: what the drawer close compares card sales to."""

    reconciliation_id: str
    currency: str
    brands: tuple[BrandTotal, ...]

    @property
    def net(self) -> Cents:
        return sum(brand.net for brand in self.brands)

    def describe(self) -> str:
        parts = [f"{b.brand} {b.debit_count} sales {format_money(b.net)}" for b in self.brands]
        return f"batch {self.reconciliation_id}: net {format_money(self.net)}" + (
            f" ({'; '.join(parts)})" if parts else ""
        )


class CardTerminal(Device, Protocol):
    """A semi-integrated terminal: the card never touches the program."""

    def sale(self, amount: Cents, transaction_id: str, on_reference: ReferenceHook) -> CardResult:
        """Charge ``amount``; ``on_reference`` must store the reference before it is sent."""
        ...

    def refund(self, amount: Cents, transaction_id: str, on_reference: ReferenceHook
               ) -> CardResult: ...

    def void(self, original: CardResult, transaction_id: str, on_reference: ReferenceHook
             ) -> CardResult: ...

    def transaction_status(self, reference: CardReference) -> CardResult | None:
        """What became of a stored reference; None when the terminal never received it."""
        ...

    def abort(self, reference: CardReference) -> None: ...

    def reconcile(self) -> BatchTotals: ...


# --- for the registry (registry.py); the builders are in adyen.py and simulator.py ---

REFUSED_KEYS = {"passphrase": "may not be written in the settings file: put it in the "
                              "environment variable named by passphrase_env"}


def check_settings(card: CardTerminalSettings, where: str) -> None:
    if card.simulator_mode not in SIMULATOR_MODES:
        raise SettingsError("settings", f"{where} simulator_mode must be one of {SIMULATOR_MODES}")
    if card.key_version < 0:
        raise SettingsError("settings", f"{where} key_version must be 0 or more")
    if card.key_identifier and not card.passphrase_env:
        raise SettingsError("settings", f"{where} key_identifier needs passphrase_env, the "
                            "environment variable that holds the key's passphrase")


def self_test(test: SelfTest, terminal: CardTerminal) -> None:
    """A 1.00 sale, its status inquiry (a real terminal's sale is voided here), and a
    reconciliation."""
    references: list[CardReference] = []
    transaction_id = f"TEST-{test.started.strftime('%Y%m%d%H%M%S')}"

    def sale() -> str:
        return terminal.sale(TEST_SALE, transaction_id, references.append).describe()
    if not test.step(terminal.name, f"sale {format_money(TEST_SALE)}", sale):
        return

    def status() -> str:
        result = terminal.transaction_status(references[0])
        if result is None:
            return "terminal has no record of the test sale"
        if result.approved and terminal.adapter != SIMULATOR:
            voided = terminal.void(result, transaction_id + "V", references.append)
            return f"{result.describe()}; {voided.describe()}"
        return result.describe()
    test.step(terminal.name, "status inquiry", status)
    test.step(terminal.name, "reconciliation", lambda: terminal.reconcile().describe())
