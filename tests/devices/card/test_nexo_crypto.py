"""Adyen's local communication encryption: known answers, refusals, and a sealed sale."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cashier.devices.card import nexo
from cashier.devices.card.adyen import AdyenTerminal
from cashier.devices.card.nexo_crypto import KeyReference, NexoKey, derive_key
from cashier.devices.card.simulator import SimulatedCardTerminal, TerminalSimulator
from cashier.devices.card.terminal import CardReference
from cashier.devices.errors import (
    CardOutcomeUnknown,
    NexoBlobMalformed,
    NexoHmacMismatch,
    NexoKeyMismatch,
    NexoSecurityError,
    SettingsError,
)
from cashier.devices.settings import load_settings
from cashier.devices.station import build_card_terminal

PASSPHRASE = "p@ssw0rd123456"  # the test key of Adyen's own NexoCryptoTest
KEY = NexoKey("CryptoKeyIdentifier12345", 1, PASSPHRASE)
REF = CardReference("sale", "T01", "V400m-324688179", "1234567890", "T01-000123-1",
                    "2026-11-23T14:05:00.000Z", 1_00, "USD")
PLAINTEXT = (
    b'{"SaleToPOIRequest":{"MessageHeader":{"ProtocolVersion":"3.0","MessageClass":"Service",'
    b'"MessageCategory":"Payment","MessageType":"Request","ServiceID":"1234567890",'
    b'"SaleID":"T01","POIID":"V400m-324688179"},"PaymentRequest":{"SaleData":'
    b'{"SaleTransactionID":{"TransactionID":"T01-000123-1","TimeStamp":'
    b'"2026-11-23T14:05:00.000Z"}},"PaymentTransaction":{"AmountsReq":{"Currency":"USD",'
    b'"RequestedAmount":1.00}}}}}'
)
NONCE = bytes(range(16))
# Computed outside this code: `openssl enc -aes-256-cbc -K <cipher key> -iv <derived IV xor
# NONCE>` over PLAINTEXT, and hmac.new(<hmac key>, PLAINTEXT, sha256), both base64.
EXPECTED_BLOB = (
    "bCSdA/21eXKqHofUI2X2/BYxBp1gGkxpZMLgaqPoWEJrBYyJaFwsXhVoh5om2uvCfb9enFUro0oToc136lazSEw9"
    "fX/W93iyHFQvUQjTpZK2mV7z84Wj+QNeUWMjjNKdOtkaXHznJ3cNocp3H501xK7rM194Q083G3WXqOCl/jwmJytA"
    "ggNDvpvNRBIrrqHi+YYbdiqkalOZsbtgvTEJVewNmZcl5f6iDGRgQxT8T2OA0F0k9zYEwRSJ1S0pOz9l5qoTz3LE"
    "0sHIIFhm8tb5O5QfNvh7kaHfC2y9p1r2GZxh1drdzuldmKB/Y/3DXVe6FVWcx7i0C/1dvwR4NHOPXlEWpIQGo1+s"
    "MhpVJHPN+vlF5lzdZYtp63uSGCDaXS8Sp8q8meqSJA4npk/LOhlNzPbvq/yPoW2G4D1clx6VdtfIrNI9LwUhc+yM"
    "Kiy7oNKUISFxc48xrUT2j7mN36X49YmhAVTgLN5gfuDYq9UcBQ+oNUdZ914dLm5vkdregXu3WWykXPwlbDooASFe"
    "PKRpSdXQtNGJQ9Ob6e4WYpAfQ1k="
)
EXPECTED_HMAC = "9RzWk/jRUb9kmWsRUomoAynu1BQn1DJdQ6IU+u/DbKw="


def sealed_request() -> dict[str, Any]:
    return KEY.seal(nexo.payment_request(REF))


def with_trailer(document: dict[str, Any], **changes: object) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(document))
    copy["SaleToPOIRequest"]["SecurityTrailer"].update(changes)
    return copy


def with_blob(document: dict[str, Any], blob: bytes | str) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(document))
    text = blob if isinstance(blob, str) else base64.b64encode(blob).decode()
    copy["SaleToPOIRequest"]["NexoBlob"] = text
    return copy


def blob_of(document: dict[str, Any]) -> bytes:
    return base64.b64decode(document["SaleToPOIRequest"]["NexoBlob"])


# -- the algorithm, against values computed independently -----------------------------------

def test_key_material_is_pbkdf2_sha1_of_the_passphrase_with_adyens_salt() -> None:
    material = hashlib.pbkdf2_hmac("sha1", PASSPHRASE.encode(), b"AdyenNexoV1Salt", 4000, 80)
    derived = derive_key(PASSPHRASE)
    assert derived.hmac_key == material[:32]
    assert derived.cipher_key == material[32:64]
    assert derived.iv == material[64:80]
    assert derived.hmac_key.hex().startswith("733636253b5b98f9")


def test_a_sealed_sale_matches_an_encryption_made_with_openssl() -> None:
    document = nexo.payment_request(REF)
    assert nexo.encode(document) == PLAINTEXT
    sealed = KEY.seal(document, nonce=NONCE)["SaleToPOIRequest"]
    assert sealed["NexoBlob"] == EXPECTED_BLOB
    assert sealed["SecurityTrailer"] == {
        "AdyenCryptoVersion": 1, "KeyIdentifier": "CryptoKeyIdentifier12345", "KeyVersion": 1,
        "Nonce": "AAECAwQFBgcICQoLDA0ODw==", "Hmac": EXPECTED_HMAC}
    hmac_key = hashlib.pbkdf2_hmac("sha1", PASSPHRASE.encode(), b"AdyenNexoV1Salt", 4000, 80)
    expected = hmac.new(hmac_key[:32], PLAINTEXT, hashlib.sha256).digest()
    assert base64.b64decode(sealed["SecurityTrailer"]["Hmac"]) == expected
    # The header stays readable (the terminal routes on it); the sale itself does not.
    assert sealed["MessageHeader"] == document["SaleToPOIRequest"]["MessageHeader"]
    assert set(sealed) == {"MessageHeader", "NexoBlob", "SecurityTrailer"}


def test_a_sealed_message_opens_to_the_same_message() -> None:
    body = {"Response": {"Result": "Success"}, "AmountsResp": {"AuthorizedAmount": Decimal("1.00")}}
    answer = {"SaleToPOIResponse": {
        "MessageHeader": nexo.header("Payment", "1234567890", "T01", "P1", "Response"),
        "PaymentResponse": body}}
    assert KEY.open(KEY.seal(answer)) == answer
    assert KEY.open(sealed_request()) == nexo.payment_request(REF)


def test_every_message_gets_a_fresh_nonce() -> None:
    first, second = sealed_request(), sealed_request()
    assert first["SaleToPOIRequest"]["SecurityTrailer"]["Nonce"] != (
        second["SaleToPOIRequest"]["SecurityTrailer"]["Nonce"])
    assert blob_of(first) != blob_of(second)


def test_the_passphrase_never_shows_in_a_repr() -> None:
    assert PASSPHRASE not in repr(KEY) and "derived" not in repr(KEY)
    assert repr(derive_key(PASSPHRASE)) == "DerivedKey()"


# -- refusals, each naming what was wrong ----------------------------------------------------

@pytest.mark.parametrize("block", [0, -1], ids=["first block", "padding block"])
def test_a_tampered_blob_is_refused_the_same_way_wherever_it_was_changed(block: int) -> None:
    blob = bytearray(blob_of(sealed_request()))
    blob[block * 16 + (15 if block == -1 else 3)] ^= 0x01  # -1: the last block
    with pytest.raises(NexoHmacMismatch, match="HMAC does not match: the message was altered"):
        KEY.open(with_blob(sealed_request(), bytes(blob)))


def test_a_tampered_hmac_is_refused() -> None:
    forged = base64.b64encode(bytes(32)).decode()
    with pytest.raises(NexoHmacMismatch, match="HMAC does not match"):
        KEY.open(with_trailer(sealed_request(), Hmac=forged))


def test_a_message_sealed_with_another_passphrase_is_refused() -> None:
    other = NexoKey(KEY.identifier, KEY.version, "another passphrase")
    with pytest.raises(NexoHmacMismatch, match="passphrase for key 'CryptoKeyIdentifier12345'"):
        KEY.open(other.seal(nexo.payment_request(REF)))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"KeyIdentifier": "OtherKey"}, "sealed with key 'OtherKey', but our key is 'Crypto"),
        ({"KeyVersion": 2}, "version 2, but ours is version 1"),
        ({"KeyVersion": "1"}, "version '1', but ours is version 1"),
        ({"AdyenCryptoVersion": 2}, "AdyenCryptoVersion is 2; only 1 is known"),
    ],
)
def test_a_message_for_another_key_is_refused_naming_it(changes: dict[str, object],
                                                       message: str) -> None:
    with pytest.raises(NexoKeyMismatch, match=message):
        KEY.open(with_trailer(sealed_request(), **changes))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (with_blob(sealed_request(), blob_of(sealed_request())[:-5]), "truncated"),
        (with_blob(sealed_request(), b""), "NexoBlob of 0 bytes is truncated"),
        (with_blob(sealed_request(), "not base64!"), "NexoBlob is not base64"),
        (with_trailer(sealed_request(), Nonce="AAEC"), "Nonce is 3 bytes, not 16"),
        (with_trailer(sealed_request(), Hmac=None), "Hmac is missing or not text"),
        (nexo.payment_request(REF), r"not encrypted \(no NexoBlob\)"),
        ({"SaleToPOIResponse": {"NexoBlob": EXPECTED_BLOB}}, "SecurityTrailer is missing"),
        ({"Something": {}}, "one SaleToPOIRequest or SaleToPOIResponse"),
    ],
    ids=["truncated", "empty", "non-base64", "short nonce", "no hmac", "clear", "no trailer",
         "not nexo"],
)
def test_a_broken_envelope_is_refused_naming_the_part(document: dict[str, Any],
                                                      message: str) -> None:
    with pytest.raises(NexoBlobMalformed, match=message):
        KEY.open(document)


def test_a_sealed_request_cannot_be_played_back_as_an_answer() -> None:
    request = sealed_request()["SaleToPOIRequest"]
    with pytest.raises(NexoBlobMalformed, match="holds"):
        KEY.open({"SaleToPOIResponse": request})


FUZZ = settings(max_examples=200, deadline=None)
base64_text = st.binary(max_size=300).map(lambda b: base64.b64encode(b).decode())


@FUZZ
@given(blob=st.one_of(base64_text, st.text(max_size=60)),
       nonce=st.one_of(st.binary(min_size=16, max_size=16).map(
           lambda b: base64.b64encode(b).decode()), st.text(max_size=30), st.none()),
       mac=st.one_of(st.binary(min_size=32, max_size=32).map(
           lambda b: base64.b64encode(b).decode()), st.integers(), st.none()))
def test_opening_random_bytes_raises_only_the_typed_error(blob: str, nonce: object,
                                                          mac: object) -> None:
    document = {"SaleToPOIResponse": {"NexoBlob": blob, "SecurityTrailer": {
        "AdyenCryptoVersion": 1, "KeyIdentifier": KEY.identifier, "KeyVersion": KEY.version,
        "Nonce": nonce, "Hmac": mac}}}
    with pytest.raises(NexoSecurityError):
        KEY.open(document)


# -- the terminal, over a real socket --------------------------------------------------------

class Store:
    def __init__(self) -> None:
        self.references: list[CardReference] = []

    def __call__(self, reference: CardReference) -> None:
        self.references.append(reference)


def test_a_one_dollar_sale_travels_sealed_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_NEXO_PASSPHRASE", PASSPHRASE)
    device = SimulatedCardTerminal(key=KeyReference("CryptoKeyIdentifier12345", 1,
                                                    "TEST_NEXO_PASSPHRASE"))
    device.start()
    try:
        store = Store()
        result = device.sale(1_00, "T01-000200-1", store)
        assert result.approved and result.amount == 1_00 and not result.recovered
        assert result.describe().startswith("sale 1.00 approved, VISA ****1111")
        wire = device.simulator.last_request
        assert b"NexoBlob" in wire and b"T01-000200-1" not in wire and b"1.00" not in wire
        later = device.transaction_status(store.references[0])
        assert later is not None and later.approved
        assert device.reconcile().net == 1_00
        assert "nexo key CryptoKeyIdentifier12345 v1" in device.health().detail
    finally:
        device.close()


def test_a_terminal_holding_another_key_refuses_the_sale_and_charges_nothing() -> None:
    simulator = TerminalSimulator(key=NexoKey("CryptoKeyIdentifier12345", 2, PASSPHRASE))
    host, port = simulator.start()
    client = AdyenTerminal("card terminal", host, port, "SIM-000001", "T01", simulator.trust(),
                           timeout=1.0, status_timeout=0.3, poll_interval=0.1, key=KEY)
    client.start()
    try:
        with pytest.raises(CardOutcomeUnknown, match=r"HTTP 400: Nexo Service: crypto error "
                           r"\(sealed with key 'CryptoKeyIdentifier12345' version 1"):
            client.sale(1_00, "T01-000201-1", Store())
        assert simulator.payment_requests == 0
    finally:
        client.close()
        simulator.stop()


def test_a_clear_answer_is_not_taken_when_a_key_is_configured() -> None:
    simulator = TerminalSimulator()  # answers in clear, and cannot read a sealed request
    host, port = simulator.start()
    client = AdyenTerminal("card terminal", host, port, "SIM-000001", "T01", simulator.trust(),
                           timeout=1.0, status_timeout=0.3, poll_interval=0.1, key=KEY)
    client.start()
    try:
        with pytest.raises(CardOutcomeUnknown, match="terminal rejected the request"):
            client.sale(1_00, "T01-000202-1", Store())
        assert simulator.payment_requests == 0
    finally:
        client.close()
        simulator.stop()


# -- settings --------------------------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    return path


def test_the_key_comes_from_settings_and_the_passphrase_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write(tmp_path, '[devices.card_terminal]\nkey_identifier = "CounterKey"\n'
                           'key_version = 3\npassphrase_env = "COUNTER_NEXO_SECRET"\n')
    monkeypatch.setenv("COUNTER_NEXO_SECRET", "a long shared passphrase")
    device = build_card_terminal(load_settings(path))
    device.open()
    device.claim()
    device.enable()
    try:
        assert device.sale(1_00, "T01-000203-1", Store()).approved
        assert "nexo key CounterKey v3" in device.health().detail
    finally:
        device.close()


def test_a_missing_passphrase_variable_fails_the_terminal_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CASHIER_TERMINAL_PASSPHRASE", raising=False)
    path = write(tmp_path, '[devices.card_terminal]\nkey_identifier = "CounterKey"\n')
    device = build_card_terminal(load_settings(path))
    device.open()
    with pytest.raises(SettingsError, match="CASHIER_TERMINAL_PASSPHRASE holding its "
                                            "passphrase is not set"):
        device.claim()
    device.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('passphrase = "hunter2"\n', "passphrase may not be written in the settings file"),
        ('key_identifier = "K"\npassphrase_env = ""\n', "key_identifier needs passphrase_env"),
        ("key_version = -1\n", "key_version must be 0 or more"),
    ],
)
def test_bad_key_settings_are_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(write(tmp_path, "[devices.card_terminal]\n" + text))
