"""Adyen Terminal API message shapes and the checks on answers."""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cashier.devices.card import nexo
from cashier.devices.card.terminal import CardReference
from cashier.devices.errors import TerminalResponseError

REF = CardReference("sale", "T01", "P400Plus-275039202", "1234567890", "T01-000123-1",
                    "2026-11-23T14:05:00.000Z", 45_10, "USD")


def approved(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "Response": {"Result": "Success"},
        "SaleData": {"SaleTransactionID": {"TransactionID": "T01-000123-1",
                                           "TimeStamp": "2026-11-23T14:05:00.000Z"}},
        "POIData": {"POITransactionID": {"TimeStamp": "2026-11-23T14:05:09.000Z",
                                         "TransactionID": "4r7i001556529591000.851556"}},
        "PaymentResult": {
            "PaymentAcquirerData": {"ApprovalCode": "123456"},
            "PaymentInstrumentData": {"CardData": {"PaymentBrand": "mc",
                                                   "MaskedPan": "541333 **** 3511"}},
            "AmountsResp": {"AuthorizedAmount": Decimal("45.10"), "Currency": "USD"},
        },
    }
    body.update(changes)
    return body


def test_payment_request_shape() -> None:
    message = json.loads(nexo.encode(nexo.payment_request(REF)))
    head = message["SaleToPOIRequest"]["MessageHeader"]
    assert head == {"ProtocolVersion": "3.0", "MessageClass": "Service",
                    "MessageCategory": "Payment", "MessageType": "Request",
                    "ServiceID": "1234567890", "SaleID": "T01", "POIID": "P400Plus-275039202"}
    request = message["SaleToPOIRequest"]["PaymentRequest"]
    assert request["SaleData"]["SaleTransactionID"]["TransactionID"] == "T01-000123-1"
    assert request["PaymentTransaction"]["AmountsReq"] == {"Currency": "USD",
                                                           "RequestedAmount": 45.1}
    assert b'"RequestedAmount":45.10' in nexo.encode(nexo.payment_request(REF))
    assert "PaymentData" not in request


def test_refund_request_has_payment_type_refund() -> None:
    message = nexo.payment_request(CardReference(**{**REF.__dict__, "kind": "refund"}))
    assert message["SaleToPOIRequest"]["PaymentRequest"]["PaymentData"] == {
        "PaymentType": "Refund"}


def test_status_request_refers_to_the_original_service_id() -> None:
    message = nexo.status_request(REF, "abcdef0123")
    assert message["SaleToPOIRequest"]["MessageHeader"]["MessageCategory"] == "TransactionStatus"
    reference = message["SaleToPOIRequest"]["TransactionStatusRequest"]["MessageReference"]
    assert reference == {"MessageCategory": "Payment", "ServiceID": "1234567890",
                         "SaleID": "T01", "POIID": "P400Plus-275039202"}


def test_an_approved_payment_response_keeps_only_c13_fields() -> None:
    result = nexo.payment_result(approved(), REF)
    assert (result.brand, result.last4, result.auth_code, result.amount) == (
        "MASTERCARD", "3511", "123456", 45_10)


def test_an_answer_for_another_sale_is_refused() -> None:
    stale = approved(SaleData={"SaleTransactionID": {"TransactionID": "T01-000122-1"}})
    with pytest.raises(TerminalResponseError, match="answer is for sale 'T01-000122-1'"):
        nexo.payment_result(stale, REF)


def test_an_answer_with_another_service_id_is_refused() -> None:
    document = {"SaleToPOIResponse": {
        "MessageHeader": nexo.header("Payment", "9999999999", "T01", REF.poi_id, "Response"),
        "PaymentResponse": approved()}}
    with pytest.raises(TerminalResponseError, match="ServiceID is '9999999999'"):
        nexo.answer_body(document, "Payment", REF.service_id, "T01", REF.poi_id)


def test_more_approved_than_asked_is_refused() -> None:
    body = approved()
    body["PaymentResult"]["AmountsResp"]["AuthorizedAmount"] = Decimal("99.00")
    with pytest.raises(TerminalResponseError, match="more than"):
        nexo.payment_result(body, REF)


def test_amounts_with_fractions_of_a_cent_are_refused() -> None:
    body = approved()
    body["PaymentResult"]["AmountsResp"]["AuthorizedAmount"] = Decimal("45.105")
    with pytest.raises(TerminalResponseError, match="more than 2 decimals"):
        nexo.payment_result(body, REF)


def test_a_full_pan_in_the_answer_leaves_only_its_last_four() -> None:
    body = approved()
    body["PaymentResult"]["PaymentInstrumentData"]["CardData"]["MaskedPan"] = "5413330000003511"
    assert nexo.payment_result(body, REF).last4 == "3511"


def test_a_brand_that_is_really_a_number_is_not_kept() -> None:
    assert nexo.brand_name("4111111111111111") == "CARD"


def test_a_terminal_rejection_is_reported() -> None:
    document = nexo.decode(b'{"SaleToPOIRequest":{"EventNotification":{"EventToNotify":"Reject",'
                           b'"EventDetails":"message=Invalid+POIID"}}}')
    with pytest.raises(TerminalResponseError, match="rejected the request: message=Invalid"):
        nexo.answer_body(document, "Payment", "1", "T01", "P")


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"", "not valid JSON"), (b"{", "not valid JSON"), (b"[]", "not a JSON object"),
     (b'{"a":1}{"a":2}', "two different answers"), (b'{"a":NaN}', "not valid JSON"),
     (b"\xff", "not valid JSON")],
)
def test_garbage_replies(body: bytes, message: str) -> None:
    with pytest.raises(TerminalResponseError, match=message):
        nexo.decode(body)


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.text(max_size=8),
                      st.decimals(allow_nan=False, allow_infinity=False, places=3),
                      st.sampled_from(["Success", "Failure", "Partial", "InProgress",
                                       "NotFound", "Debit", "Credit"]))
keys = st.sampled_from(["Response", "Result", "ErrorCondition", "AdditionalResponse",
                        "SaleData", "SaleTransactionID", "TransactionID", "POIData",
                        "POITransactionID", "TimeStamp", "PaymentResult", "AmountsResp",
                        "AuthorizedAmount", "PaymentInstrumentData", "CardData", "MaskedPan",
                        "PaymentBrand", "PaymentAcquirerData", "ApprovalCode",
                        "RepeatedMessageResponse", "MessageHeader", "ServiceID",
                        "RepeatedResponseMessageBody", "PaymentResponse", "TransactionTotals",
                        "PaymentTotals", "TransactionType", "TransactionCount",
                        "TransactionAmount", "CardBrand", "ReversedAmount"])
json_doc = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=6)), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, json_doc, max_size=8))
def test_answer_parsers_raise_only_their_own_error(body: dict[str, Any]) -> None:
    for parse in (lambda: nexo.payment_result(body, REF),
                  lambda: nexo.reversal_result(body, REF, None),
                  lambda: nexo.repeated_answer(body, REF),
                  lambda: nexo.batch_totals(body)):
        with contextlib.suppress(TerminalResponseError):
            parse()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=60), json_doc.map(lambda d: nexo.encode(d))))
def test_decode_raises_only_its_own_error(data: bytes) -> None:
    with contextlib.suppress(TerminalResponseError):
        nexo.decode(data)


def test_an_answer_in_another_currency_is_refused_naming_both() -> None:
    """Issue #19 item 6: the byte-level reply of a terminal set to EUR is not kept as USD."""
    body = approved()
    body["PaymentResult"]["AmountsResp"]["Currency"] = "EUR"
    with pytest.raises(TerminalResponseError,
                       match="terminal answered in EUR, not the office's currency USD"):
        nexo.payment_result(json.loads(nexo.encode(body)), REF)
