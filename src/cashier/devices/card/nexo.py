"""Adyen Terminal API (nexo Sale to POI) messages: building requests, checking answers.

Pure functions over JSON documents, shared by the HTTPS client and the terminal simulator.
Amounts travel as JSON decimal numbers (``45.10``); they are written from integer cents and
read back with ``Decimal``, so no float ever holds money. An answer is checked against the
request it claims to answer (ServiceID, SaleID, POIID, our TransactionID): a stale reply to
an earlier sale must never be taken for this one.
"""

from __future__ import annotations

import json
import urllib.parse
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from cashier.devices.card.terminal import BatchTotals, BrandTotal, CardReference, CardResult
from cashier.devices.errors import CardTransactionNotFound, TerminalResponseError

PROTOCOL_VERSION = "3.0"
MAX_BODY = 1_000_000
_BRANDS = {"mc": "MASTERCARD", "visa": "VISA", "amex": "AMEX", "discover": "DISCOVER",
           "diners": "DINERS", "jcb": "JCB", "maestro": "MAESTRO", "interac_card": "INTERAC"}
_WHO = "card terminal"

Json = dict[str, Any]


def _fail(reason: str) -> TerminalResponseError:
    return TerminalResponseError(_WHO, reason)


# -- JSON both ways -------------------------------------------------------------------------

def encode(document: object) -> bytes:
    """JSON with ``Decimal`` written as a number, exactly as given."""
    return _encode(document).encode("utf-8")


def _encode(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k))}:{_encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | str):
        return json.dumps(value)
    raise TypeError(f"cannot encode {type(value).__name__} in a nexo message")


def _no_constants(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def decode(body: bytes) -> Json:
    """One JSON object; a body repeating the very same object is that object once."""
    if len(body) > MAX_BODY:
        raise _fail(f"reply of {len(body)} bytes is too large")
    try:
        text = body.decode("utf-8")
        decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=_no_constants)
        document, end = decoder.raw_decode(text.lstrip())
        rest = text.lstrip()[end:].strip()
        while rest:  # a terminal that answered twice: the same answer counts once
            again, end = decoder.raw_decode(rest)
            if again != document:
                raise _fail("reply holds two different answers")
            rest = rest[end:].strip()
    except (UnicodeDecodeError, ValueError, RecursionError, ArithmeticError) as exc:
        # ArithmeticError: decimal's InvalidOperation for a number such as 0e999…9, whose
        # exponent no Decimal can hold.
        raise _fail(f"reply is not valid JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise _fail("reply is not a JSON object")
    return document


def http_error_detail(body: bytes) -> str:
    """The terminal's own words for an HTTP error, e.g. ``: Nexo Service: crypto error (3)``.

    A terminal that cannot decrypt or parse a request answers an HTTP error with
    ``{"errors": [...]}`` instead of a nexo message; without this the cashier sees only a code.
    """
    try:
        errors = json.loads(body[:10_000].decode("utf-8")).get("errors")
    except (UnicodeDecodeError, ValueError, AttributeError, RecursionError):
        return ""
    if not isinstance(errors, list):
        return ""
    text = "; ".join(str(error) for error in errors[:3] if isinstance(error, str))
    return f": {text[:200]}" if text else ""


# -- requests -----------------------------------------------------------------------------

def timestamp(moment: datetime | None = None) -> str:
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def amount_value(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def header(category: str, service_id: str, sale_id: str, poi_id: str,
           message_type: str = "Request") -> Json:
    return {"ProtocolVersion": PROTOCOL_VERSION, "MessageClass": "Service",
            "MessageCategory": category, "MessageType": message_type,
            "ServiceID": service_id, "SaleID": sale_id, "POIID": poi_id}


def _request(category: str, ref_service: str, sale_id: str, poi_id: str, body: Json) -> Json:
    return {"SaleToPOIRequest": {"MessageHeader": header(category, ref_service, sale_id, poi_id),
                                 f"{category}Request": body}}


def payment_request(ref: CardReference) -> Json:
    body: Json = {
        "SaleData": {"SaleTransactionID": {"TransactionID": ref.transaction_id,
                                           "TimeStamp": ref.timestamp}},
        "PaymentTransaction": {"AmountsReq": {"Currency": ref.currency,
                                              "RequestedAmount": amount_value(ref.amount)}},
    }
    if ref.kind == "refund":
        body["PaymentData"] = {"PaymentType": "Refund"}
    return _request("Payment", ref.service_id, ref.sale_id, ref.poi_id, body)


def reversal_request(ref: CardReference, original: CardResult) -> Json:
    body: Json = {
        "OriginalPOITransaction": {
            "POITransactionID": {"TransactionID": original.terminal_reference,
                                 "TimeStamp": original.terminal_timestamp},
        },
        "ReversalReason": "MerchantCancel",
        "SaleData": {"SaleTransactionID": {"TransactionID": ref.transaction_id,
                                           "TimeStamp": ref.timestamp}},
    }
    return _request("Reversal", ref.service_id, ref.sale_id, ref.poi_id, body)


def status_request(ref: CardReference, service_id: str) -> Json:
    category = "Reversal" if ref.kind == "void" else "Payment"
    body = {"MessageReference": {"MessageCategory": category, "ServiceID": ref.service_id,
                                 "SaleID": ref.sale_id, "POIID": ref.poi_id},
            "ReceiptReprintFlag": False, "DocumentQualifier": ["CashierReceipt"]}
    return _request("TransactionStatus", service_id, ref.sale_id, ref.poi_id, body)


def abort_request(ref: CardReference, service_id: str) -> Json:
    category = "Reversal" if ref.kind == "void" else "Payment"
    body = {"MessageReference": {"MessageCategory": category, "ServiceID": ref.service_id,
                                 "SaleID": ref.sale_id, "POIID": ref.poi_id},
            "AbortReason": "MerchantAbort"}
    return _request("Abort", service_id, ref.sale_id, ref.poi_id, body)


def reconciliation_request(service_id: str, sale_id: str, poi_id: str) -> Json:
    return _request("Reconciliation", service_id, sale_id, poi_id,
                    {"ReconciliationType": "SaleReconciliation"})


# -- reading answers ----------------------------------------------------------------------------

def _obj(parent: Json, key: str, where: str, required: bool = True) -> Json:
    value = parent.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise _fail(f"{where}.{key} is missing or not an object")
    return value


def _text(parent: Json, key: str, where: str, required: bool = True) -> str:
    value = parent.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _fail(f"{where}.{key} is missing or not text")
    return value


def _cents(parent: Json, key: str, where: str) -> int:
    value = parent.get(key)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _fail(f"{where}.{key} is missing or not a number")
    number = Decimal(value)
    if not number.is_finite() or number < 0 or number.adjusted() > 9:
        raise _fail(f"{where}.{key} {value} is not an amount")
    try:
        cents = number.scaleb(2)
        if cents != cents.to_integral_value():
            raise _fail(f"{where}.{key} {value} has more than 2 decimals")
        return int(cents)
    except InvalidOperation as exc:
        raise _fail(f"{where}.{key} {value} is not an amount") from exc


def answer_body(document: Json, category: str, service_id: str, sale_id: str,
                poi_id: str) -> Json:
    """The ``<category>Response`` object of an answer to the request we sent."""
    if "SaleToPOIRequest" in document:  # the terminal turned the request away
        event = _obj(_obj(document, "SaleToPOIRequest", "reply"), "EventNotification",
                     "SaleToPOIRequest", required=False)
        detail = event.get("EventDetails") or event.get("EventToNotify") or "no detail"
        raise _fail(f"terminal rejected the request: {str(detail)[:200]}")
    response = _obj(document, "SaleToPOIResponse", "reply")
    head = _obj(response, "MessageHeader", "SaleToPOIResponse")
    expected = {"MessageCategory": category, "MessageType": "Response", "ServiceID": service_id,
                "SaleID": sale_id, "POIID": poi_id}
    for key, want in expected.items():
        got = _text(head, key, "MessageHeader")
        if got != want:
            raise _fail(f"answer is for another request: MessageHeader.{key} is {got!r}, "
                        f"expected {want!r}")
    return _obj(response, f"{category}Response", "SaleToPOIResponse")


def result_of(body: Json, where: str) -> tuple[str, str, str]:
    """(Result, ErrorCondition, readable reason) of a nexo Response."""
    response = _obj(body, "Response", where)
    result = _text(response, "Result", f"{where}.Response")
    if result not in ("Success", "Failure", "Partial"):
        raise _fail(f"{where}.Response.Result {result!r} is not Success/Failure/Partial")
    condition = _text(response, "ErrorCondition", f"{where}.Response", required=False)
    extra = _text(response, "AdditionalResponse", f"{where}.Response", required=False)
    fields = urllib.parse.parse_qs(extra, max_num_fields=100) if extra else {}
    reason = (fields.get("refusalReason") or fields.get("message") or [condition])[0]
    return result, condition, reason[:120]


def brand_name(raw: str) -> str:
    """Display brand; never a number (a brand with a long digit run would be a leaked PAN)."""
    name = _BRANDS.get(raw.lower(), raw.upper())[:20]
    cleaned = "".join(ch for ch in name if ch.isascii() and (ch.isalnum() or ch in " _-"))
    return "CARD" if sum(ch.isdigit() for ch in cleaned) >= 5 or not cleaned else cleaned


def last_four(masked_pan: str) -> str:
    """The last four digits of a masked PAN (``411111 **** 1111``); the rest is dropped."""
    digits = [ch for ch in masked_pan if "0" <= ch <= "9"]
    return "".join(digits[-4:]) if len(digits) >= 4 else ""


def payment_result(body: Json, ref: CardReference, recovered: bool = False) -> CardResult:
    """A PaymentResponse as the C13-safe ``CardResult``."""
    where = "PaymentResponse"
    result, condition, reason = result_of(body, where)
    sale_data = _obj(body, "SaleData", where, required=False)
    if sale_data:
        sale_txn = _obj(sale_data, "SaleTransactionID", f"{where}.SaleData", required=False)
        got = _text(sale_txn, "TransactionID", "SaleTransactionID", required=False)
        if got and got != ref.transaction_id:
            raise _fail(f"answer is for sale {got!r}, not {ref.transaction_id!r}")
    poi_txn = _obj(_obj(body, "POIData", where, required=False), "POITransactionID",
                   f"{where}.POIData", required=False)
    pay = _obj(body, "PaymentResult", where, required=result != "Failure")
    card = _obj(_obj(pay, "PaymentInstrumentData", "PaymentResult", required=False),
                "CardData", "PaymentInstrumentData", required=False)
    acquirer = _obj(pay, "PaymentAcquirerData", "PaymentResult", required=False)
    approved = result in ("Success", "Partial")
    amounts = _obj(pay, "AmountsResp", "PaymentResult", required=approved)
    # An amount in another currency is not the office's money: recorded as if it were, a
    # EUR 20.00 charge would post as USD 20.00 (issue #19 item 6). Refused, never converted.
    currency = _text(amounts, "Currency", "AmountsResp", required=False) if amounts else ""
    if currency and currency.upper() != ref.currency.upper():
        raise _fail(f"terminal answered in {currency}, not the office's currency "
                    f"{ref.currency}; the payment is not recorded: check the terminal's "
                    "currency setting and the charge on the terminal")
    amount = _cents(amounts, "AuthorizedAmount", "AmountsResp") if approved else 0
    if amount > ref.amount:
        raise _fail(f"terminal approved {amount} cents, more than the {ref.amount} asked for")
    auth = _text(acquirer, "ApprovalCode", "PaymentAcquirerData", required=False)
    try:
        return CardResult(
            kind=ref.kind, approved=approved, requested=ref.amount, amount=amount,
            currency=ref.currency,
            brand=brand_name(_text(card, "PaymentBrand", "CardData", required=False)),
            last4=last_four(_text(card, "MaskedPan", "CardData", required=False)),
            auth_code=auth, reference=ref.transaction_id,
            terminal_reference=_text(poi_txn, "TransactionID", "POITransactionID",
                                     required=approved),
            terminal_timestamp=_text(poi_txn, "TimeStamp", "POITransactionID", required=False),
            error_condition=condition, message="" if approved else reason,
            recovered=recovered,
        )
    except ValueError as exc:
        raise _fail(f"answer carries a field we may not keep: {exc}") from exc


def reversal_result(body: Json, ref: CardReference, original: CardResult | None,
                    recovered: bool = False) -> CardResult:
    """A ReversalResponse; card details come from the voided payment when we have it."""
    result, condition, reason = result_of(body, "ReversalResponse")
    approved = result == "Success"
    poi_txn = _obj(_obj(body, "POIData", "ReversalResponse", required=False),
                   "POITransactionID", "POIData", required=False)
    amount = ref.amount
    if approved and "ReversedAmount" in body:
        amount = _cents(body, "ReversedAmount", "ReversalResponse")
    try:
        return CardResult(
            kind="void", approved=approved, requested=ref.amount,
            amount=amount if approved else 0, currency=ref.currency,
            brand=original.brand if original else "", last4=original.last4 if original else "",
            auth_code=original.auth_code if original else "",
            reference=ref.transaction_id,
            terminal_reference=_text(poi_txn, "TransactionID", "POITransactionID",
                                     required=False),
            terminal_timestamp=_text(poi_txn, "TimeStamp", "POITransactionID", required=False),
            error_condition=condition, message="" if approved else reason, recovered=recovered,
        )
    except ValueError as exc:
        raise _fail(f"answer carries a field we may not keep: {exc}") from exc


def repeated_answer(body: Json, ref: CardReference) -> Json | None:
    """The original answer inside a TransactionStatusResponse; None while still in progress.

    Raises ``TerminalResponseError`` with condition NotFound when the terminal never had it,
    so the caller can tell "not charged" from "not yet known".
    """
    result, condition, reason = result_of(body, "TransactionStatusResponse")
    if result != "Success":
        if condition in ("InProgress", "Busy"):
            return None
        message = f"status inquiry failed: {condition or 'no condition'} ({reason})"
        if condition == "NotFound":
            raise CardTransactionNotFound(_WHO, message)
        raise _fail(message)
    repeated = _obj(body, "RepeatedMessageResponse", "TransactionStatusResponse")
    head = _obj(repeated, "MessageHeader", "RepeatedMessageResponse")
    if _text(head, "ServiceID", "RepeatedMessageResponse.MessageHeader") != ref.service_id:
        raise _fail("status inquiry answered about another request")
    inner = _obj(repeated, "RepeatedResponseMessageBody", "RepeatedMessageResponse")
    key = "ReversalResponse" if ref.kind == "void" else "PaymentResponse"
    return _obj(inner, key, "RepeatedResponseMessageBody")


def batch_totals(body: Json) -> BatchTotals:
    result, condition, reason = result_of(body, "ReconciliationResponse")
    if result != "Success":
        raise _fail(f"reconciliation failed: {condition} ({reason})")
    totals = body.get("TransactionTotals", [])
    if not isinstance(totals, list):
        raise _fail("ReconciliationResponse.TransactionTotals is not a list")
    brands: dict[str, dict[str, int]] = {}
    currency = ""
    for entry in totals:
        if not isinstance(entry, dict):
            raise _fail("a TransactionTotals entry is not an object")
        brand = brand_name(_text(entry, "CardBrand", "TransactionTotals", required=False))
        currency = _text(entry, "PaymentCurrency", "TransactionTotals", required=False) or currency
        sums = brands.setdefault(brand, {})
        payments = entry.get("PaymentTotals", [])
        if not isinstance(payments, list):
            raise _fail("TransactionTotals.PaymentTotals is not a list")
        for line in payments:
            if not isinstance(line, dict):
                raise _fail("a PaymentTotals entry is not an object")
            kind = _text(line, "TransactionType", "PaymentTotals")
            count = line.get("TransactionCount")
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise _fail("PaymentTotals.TransactionCount is not a count")
            field = {"Debit": "debit", "Credit": "credit", "ReverseDebit": "reversal"}.get(kind)
            if field is not None:
                sums[f"{field}_count"] = sums.get(f"{field}_count", 0) + count
                sums[f"{field}_amount"] = sums.get(f"{field}_amount", 0) + _cents(
                    line, "TransactionAmount", "PaymentTotals")
    reconciliation_id = body.get("POIReconciliationID", "")
    return BatchTotals(str(reconciliation_id)[:20], currency[:3],
                       tuple(BrandTotal(brand, **sums) for brand, sums in sorted(brands.items())))
