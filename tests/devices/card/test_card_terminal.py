"""The card terminal client against its simulator over a real HTTPS loopback socket."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from cashier.devices.card.adyen import AdyenTerminal, TlsTrust
from cashier.devices.card.simulator import SimulatedCardTerminal, TerminalSimulator
from cashier.devices.card.terminal import CardReference, CardResult
from cashier.devices.errors import (
    CardOutcomeUnknown,
    CardTerminalBusy,
    DeviceFailure,
    DeviceOffline,
    SettingsError,
)


def terminal(mode: str = "approve", **options: float) -> SimulatedCardTerminal:
    settings: dict[str, float] = {"timeout": 0.6, "status_timeout": 2.0, "poll_interval": 0.1,
                                  "slow_seconds": 1.2}
    settings.update(options)
    device = SimulatedCardTerminal(mode=mode, **settings)  # type: ignore[arg-type]
    device.start()
    return device


@pytest.fixture
def approving() -> Iterator[SimulatedCardTerminal]:
    device = terminal()
    yield device
    device.close()


class Store:
    """What the ledger does with the reference hook: keeps it before the sale is sent."""

    def __init__(self, simulator: TerminalSimulator | None = None) -> None:
        self.references: list[CardReference] = []
        self.sent_before_store: list[int] = []
        self.simulator = simulator

    def __call__(self, reference: CardReference) -> None:
        if self.simulator is not None:
            self.sent_before_store.append(self.simulator.payment_requests)
        self.references.append(reference)


def test_an_approved_sale_returns_brand_last4_and_auth_only(
    approving: SimulatedCardTerminal,
) -> None:
    store = Store(approving.simulator)
    result = approving.sale(45_10, "T01-000123-1", store)
    assert result.approved and result.amount == 45_10
    assert (result.brand, result.last4, result.auth_code) == ("VISA", "1111", "A00001")
    assert result.reference == "T01-000123-1" and result.terminal_reference
    assert result.describe() == "sale 45.10 approved, VISA ****1111, auth A00001"
    assert store.sent_before_store == [0]  # stored before the terminal saw anything
    assert len(store.references[0].service_id) <= 10


def test_the_result_has_no_field_that_could_hold_a_card_number() -> None:
    names = {f.name.lower() for f in dataclasses.fields(CardResult)}
    assert not names & {"pan", "maskedpan", "masked_pan", "card_number", "track", "cvv", "pin"}
    with pytest.raises(ValueError, match="C13"):
        CardResult("sale", True, 1, 1, "USD", "VISA", "4111111111111111", "A1", "r", "t", "")


def test_a_hook_that_cannot_store_the_reference_stops_the_sale(
    approving: SimulatedCardTerminal,
) -> None:
    def broken_store(reference: CardReference) -> None:
        raise RuntimeError("database locked")

    with pytest.raises(RuntimeError, match="database locked"):
        approving.sale(10_00, "T01-000124-1", broken_store)
    assert approving.simulator.payment_requests == 0


def test_a_declined_sale_says_why() -> None:
    device = terminal("decline")
    result = device.sale(45_10, "T01-000125-1", Store())
    device.close()
    assert not result.approved and result.amount == 0
    assert result.error_condition == "Refusal" and result.message == "Not enough balance"
    assert result.describe() == "sale 45.10 not approved: Not enough balance"


def test_a_busy_terminal_charges_nothing() -> None:
    device = terminal("busy")
    with pytest.raises(CardTerminalBusy, match="nothing was charged"):
        device.sale(45_10, "T01-000126-1", Store())
    device.close()


def test_a_timeout_asks_the_status_and_never_charges_twice() -> None:
    device = terminal("slow")
    result = device.sale(45_10, "T01-000127-1", Store())
    assert result.approved and result.recovered
    assert device.simulator.payment_requests == 1
    assert device.simulator.categories[:2] == ["Payment", "TransactionStatus"]
    device.close()


def test_a_connection_dropped_mid_answer_is_recovered_by_status() -> None:
    device = terminal("drop")
    result = device.sale(12_34, "T01-000128-1", Store())
    assert result.approved and result.recovered and result.amount == 12_34
    assert device.simulator.payment_requests == 1
    device.close()


def test_a_duplicated_answer_counts_once() -> None:
    device = terminal("duplicate")
    result = device.sale(5_00, "T01-000129-1", Store())
    assert result.approved and not result.recovered
    assert device.reconcile().brands[0].debit_count == 1
    device.close()


def test_a_sale_still_in_progress_past_the_status_timeout_is_unknown_not_retried() -> None:
    device = terminal("slow", status_timeout=0.5, in_progress_seconds=30.0)
    store = Store()
    with pytest.raises(CardOutcomeUnknown, match="ask the terminal again") as caught:
        device.sale(45_10, "T01-000130-1", store)
    assert caught.value.reference == "T01-000130-1"
    assert device.simulator.payment_requests == 1
    device.simulator.finish_in_progress()
    later = device.transaction_status(store.references[0])
    assert later is not None and later.approved
    device.close()


def test_status_of_a_sale_the_terminal_never_got_is_none(
    approving: SimulatedCardTerminal,
) -> None:
    ghost = CardReference("sale", "T01", "SIM-000001", "0000000000", "T01-9", "", 100, "USD")
    assert approving.transaction_status(ghost) is None


def test_refund_is_a_payment_of_type_refund(approving: SimulatedCardTerminal) -> None:
    approving.sale(50_00, "T01-000131-1", Store())
    refund = approving.refund(20_00, "T01-000132-R", Store())
    assert refund.kind == "refund" and refund.approved
    totals = approving.reconcile()
    assert (totals.brands[0].credit_count, totals.brands[0].credit_amount) == (1, 20_00)
    assert totals.net == 30_00


def test_void_reverses_the_original_sale(approving: SimulatedCardTerminal) -> None:
    sale = approving.sale(45_10, "T01-000133-1", Store())
    void = approving.void(sale, "T01-000133-V", Store())
    assert void.approved and void.kind == "void" and void.last4 == "1111"
    again = approving.void(sale, "T01-000133-V2", Store())
    assert not again.approved and again.error_condition == "NotAllowed"
    assert approving.reconcile().net == 0


def test_reconciliation_gives_batch_totals_for_the_drawer_close(
    approving: SimulatedCardTerminal,
) -> None:
    approving.sale(1_00, "T01-1", Store())
    approving.sale(2_50, "T01-2", Store())
    totals = approving.reconcile()
    assert totals.net == 3_50 and totals.currency == "USD"
    assert totals.describe() == "batch 1000: net 3.50 (VISA 2 sales 3.50)"
    assert approving.reconcile().net == 0  # the batch was closed


def test_abort_is_sent(approving: SimulatedCardTerminal) -> None:
    store = Store()
    approving.sale(1_00, "T01-3", store)
    approving.abort(store.references[0])
    assert approving.simulator.categories[-1] == "Abort"


def test_amounts_are_refused_before_anything_is_sent(approving: SimulatedCardTerminal) -> None:
    with pytest.raises(DeviceFailure, match="card sale amount may not be zero"):
        approving.sale(0, "T01-4", Store())
    assert approving.simulator.payment_requests == 0


def test_a_terminal_with_another_certificate_is_refused() -> None:
    simulator = TerminalSimulator()
    host, port = simulator.start()
    client = AdyenTerminal("card terminal", host, port, "SIM-000001", "T01",
                           TlsTrust(fingerprint_sha256="00" * 32), timeout=1.0)
    client.start()
    with pytest.raises(DeviceFailure, match="does not match the pinned fingerprint"):
        client.sale(1_00, "T01-5", Store())
    assert simulator.payment_requests == 0
    client.close()
    pinned = AdyenTerminal("card terminal", host, port, "SIM-000001", "T01",
                           TlsTrust(fingerprint_sha256=simulator.fingerprint), timeout=1.0)
    pinned.start()
    assert pinned.sale(1_00, "T01-6", Store()).approved
    pinned.close()
    simulator.stop()


def test_a_terminal_without_configured_trust_cannot_be_claimed() -> None:
    client = AdyenTerminal("card terminal", "127.0.0.1", 8443, "P400", "T01", TlsTrust())
    client.open()
    with pytest.raises(SettingsError, match="set ca_file or fingerprint_sha256"):
        client.claim()


def test_an_unreachable_terminal_is_offline_and_nothing_was_sent() -> None:
    simulator = TerminalSimulator()
    client = AdyenTerminal("card terminal", "127.0.0.1", 9, "SIM-000001", "T01",
                           simulator.trust(), timeout=1.0)
    client.start()
    with pytest.raises(DeviceOffline, match="cannot reach 127.0.0.1:9"):
        client.sale(1_00, "T01-7", Store())
    assert not client.health().online
    client.close()


def test_a_transaction_id_the_terminal_cannot_echo_is_refused_before_sending(
    approving: SimulatedCardTerminal,
) -> None:
    with pytest.raises(DeviceFailure, match="transaction id 'T01/000134' must be"):
        approving.sale(1_00, "T01/000134", Store())
    assert approving.simulator.payment_requests == 0


def test_a_terminal_answering_in_another_currency_is_refused() -> None:
    """Issue #19 item 6: the simulator set to EUR answers a USD sale in EUR; the client
    refuses it naming both currencies instead of recording a USD card tender. The terminal
    may have charged the card (in EUR), so the outcome is unknown to the ledger: the cashier
    checks the terminal before taking another tender."""
    device = SimulatedCardTerminal(timeout=2.0, status_timeout=2.0)
    device.simulator.currency = "EUR"
    device.start()
    try:
        with pytest.raises(CardOutcomeUnknown, match="answered in EUR, not the office's "
                                                     "currency USD"):
            device.sale(20_00, "T01-000001-1", Store())
    finally:
        device.close()
