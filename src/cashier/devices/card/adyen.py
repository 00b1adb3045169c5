"""Adyen Terminal API, local integration: nexo JSON over HTTPS to the terminal on the LAN.

The rule this module exists for: a sale is sent once. Its reference is handed to the
caller's hook (to be stored) before any byte leaves; if the answer is lost (timeout, dropped
connection, garbled reply) the client asks the terminal about that reference and reports what
it says, and if even that fails it raises ``CardOutcomeUnknown``. It never sends the
PaymentRequest again: the customer's card may already have been charged.

With a shared key (``key``) every message is sealed with Adyen's local communication
encryption (``nexo_crypto``) and every answer must open under the same key; an answer that does
not is treated like a lost one.
"""

from __future__ import annotations

import hashlib
import http.client
import secrets
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass

from cashier.devices.card import nexo
from cashier.devices.card.nexo_crypto import KeyReference, NexoKey, is_sealed
from cashier.devices.card.terminal import (
    TRANSACTION_ID,
    BatchTotals,
    CardReference,
    CardResult,
    CardTerminal,
    CardTerminalSettings,
    ReferenceHook,
)
from cashier.devices.errors import (
    CardOutcomeUnknown,
    CardTerminalBusy,
    CardTransactionNotFound,
    DeviceFailure,
    DeviceOffline,
    SettingsError,
    TerminalResponseError,
)
from cashier.devices.lifecycle import DeviceBase
from cashier.devices.plugin import BuildContext
from cashier.ledger.rules.errors import InvalidAmount
from cashier.ledger.rules.money import Cents, check_amount

Reader = Callable[[nexo.Json, bool], CardResult]


@dataclass(frozen=True)
class TlsTrust:
    """How the client knows it talks to our terminal: a CA, a pinned certificate, or both."""

    ca_file: str = ""
    ca_pem: str = ""
    fingerprint_sha256: str = ""  # hex, colons optional
    server_name: str = ""  # name in the certificate, when it is not the host address

    def context(self, device: str) -> ssl.SSLContext:
        if not (self.ca_file or self.ca_pem or self.fingerprint_sha256):
            raise SettingsError(device, "set ca_file or fingerprint_sha256 to trust the terminal")
        if self.ca_file or self.ca_pem:
            try:
                context = ssl.create_default_context(cafile=self.ca_file or None,
                                                      cadata=self.ca_pem or None)
            except (OSError, ssl.SSLError) as exc:
                raise SettingsError(device, f"cannot load the terminal CA: {exc}") from exc
        else:
            # Pinning replaces the CA check: the exact certificate is compared after handshake.
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context

    def pin(self) -> str:
        return self.fingerprint_sha256.replace(":", "").lower()


class _AnswerLost(Exception):
    """The request went out but no whole answer came back."""


def new_service_id() -> str:
    return secrets.token_hex(5)  # nexo allows 10 characters; unique per request


class AdyenTerminal(DeviceBase):
    kind = "card terminal"
    adapter = "adyen"

    def __init__(self, name: str, host: str, port: int, poi_id: str, sale_id: str,
                 trust: TlsTrust, *, currency: str = "USD", timeout: float = 120.0,
                 status_timeout: float = 30.0, poll_interval: float = 1.0,
                 path: str = "/nexo", key: NexoKey | KeyReference | None = None) -> None:
        super().__init__(name, resource=f"terminal:{poi_id}")
        self.host, self.port, self.path = host, port, path
        self.poi_id, self.sale_id, self.currency = poi_id, sale_id, currency
        self.trust = trust
        self.timeout = timeout
        self.status_timeout = status_timeout
        self.poll_interval = poll_interval
        self.key = key
        self._context: ssl.SSLContext | None = None
        self._key: NexoKey | None = None  # the loaded key, from claim on

    # -- lifecycle ---------------------------------------------------------------------------

    def _connect(self) -> None:
        if not self.host:
            raise SettingsError(self.name, "no terminal host is configured")
        self._context = self.trust.context(self.name)
        # Read at claim, not at build: a missing passphrase fails this device, not the station.
        self._key = self.key.load(self.name) if isinstance(self.key, KeyReference) else self.key

    def _probe(self) -> tuple[bool, str, tuple[str, ...]]:
        self._open_tls(min(self.timeout, 3.0)).close()
        detail = f"{self.poi_id} at {self.host}:{self.port}"
        if self._key is not None:
            detail += f", nexo key {self._key.identifier} v{self._key.version}"
        return True, detail, ()

    # -- the uses ------------------------------------------------------------------------------

    def sale(self, amount: Cents, transaction_id: str, on_reference: ReferenceHook) -> CardResult:
        return self._payment("sale", amount, transaction_id, on_reference)

    def refund(self, amount: Cents, transaction_id: str, on_reference: ReferenceHook
               ) -> CardResult:
        return self._payment("refund", amount, transaction_id, on_reference)

    def void(self, original: CardResult, transaction_id: str, on_reference: ReferenceHook
             ) -> CardResult:
        if not original.approved or not original.terminal_reference:
            raise DeviceFailure(self.name, f"cannot void {original.reference}: it was not approved")
        ref = self._reference("void", original.amount, transaction_id)
        with self._using("void a card payment"):
            on_reference(ref)
            return self._exchange(ref, nexo.reversal_request(ref, original), "Reversal",
                                  lambda body, again: nexo.reversal_result(body, ref, original,
                                                                           again))

    def transaction_status(self, reference: CardReference) -> CardResult | None:
        with self._using("ask the terminal about a transaction"):
            try:
                body = self._ask_status(reference)
            except CardTransactionNotFound:
                return None
            if body is None:
                raise CardOutcomeUnknown(self.name, f"{reference.transaction_id} is still in "
                                         "progress on the terminal", reference.transaction_id)
            return self._read_any(reference, body)

    def abort(self, reference: CardReference) -> None:
        # Sent beside the sale, not after it: the sale holds the device lock while the
        # customer is at the keypad, and an Abort queued behind it would leave only once the
        # answer it is meant to cut short had come. Each request has its own connection, and
        # a failed Abort leaves the device's state to the sale (the status check settles it).
        self._require(self._enabled, "abort the transaction", "it is not enabled")
        sid = new_service_id()
        try:
            self._post(nexo.abort_request(reference, sid), min(self.timeout, 10.0), expect=False)
        except (OSError, _AnswerLost) as exc:
            raise DeviceOffline(self.name, f"abort the transaction failed: {exc}") from exc

    def reconcile(self) -> BatchTotals:
        sid = new_service_id()
        with self._using("reconcile the card batch"):
            document = self._post(nexo.reconciliation_request(sid, self.sale_id, self.poi_id),
                                  self.status_timeout)
            body = nexo.answer_body(document, "Reconciliation", sid, self.sale_id, self.poi_id)
            return nexo.batch_totals(body)

    # -- one payment, sent once ----------------------------------------------------------------

    def _payment(self, kind: str, amount: Cents, transaction_id: str,
                 on_reference: ReferenceHook) -> CardResult:
        try:
            check_amount(amount, what=f"card {kind} amount", allow_zero=False)
        except InvalidAmount as exc:
            raise DeviceFailure(self.name, exc.message) from exc
        ref = self._reference(kind, amount, transaction_id)
        with self._using(f"take a card {kind}"):
            on_reference(ref)  # stored first: if this raises, nothing is sent
            return self._exchange(ref, nexo.payment_request(ref), "Payment",
                                  lambda body, again: nexo.payment_result(body, ref, again))

    def _reference(self, kind: str, amount: Cents, transaction_id: str) -> CardReference:
        if not TRANSACTION_ID.match(transaction_id):
            raise DeviceFailure(self.name, f"transaction id {transaction_id!r} must be 1-40 "
                                "letters, digits, '.', '_' or '-'")
        return CardReference(kind, self.sale_id, self.poi_id, new_service_id(), transaction_id,
                             nexo.timestamp(), amount, self.currency)

    def _exchange(self, ref: CardReference, request: nexo.Json, category: str,
                  read: Reader) -> CardResult:
        try:
            document = self._post(request, self.timeout)
            result = read(nexo.answer_body(document, category, ref.service_id, ref.sale_id,
                                           ref.poi_id), False)
        except (_AnswerLost, TerminalResponseError) as exc:
            return self._recover(ref, read, str(exc))
        if not result.approved and result.error_condition == "Busy":
            raise CardTerminalBusy(self.name, "terminal is busy with another transaction; "
                                   "nothing was charged, try again")
        return result

    def _recover(self, ref: CardReference, read: Reader, why: str) -> CardResult:
        deadline = time.monotonic() + self.status_timeout
        last = why
        while True:
            try:
                body = self._ask_status(ref)
                if body is not None:
                    return read(body, True)
                last = "the terminal says it is still in progress"
            except CardTransactionNotFound:
                return _not_charged(ref)
            except (_AnswerLost, TerminalResponseError, DeviceOffline) as exc:
                last = str(exc)
            if time.monotonic() + self.poll_interval >= deadline:
                raise CardOutcomeUnknown(
                    self.name,
                    f"no answer to {ref.kind} {ref.transaction_id} ({why}) and its status is "
                    f"unknown ({last}); ask the terminal again before taking another tender",
                    ref.transaction_id,
                )
            time.sleep(self.poll_interval)

    def _ask_status(self, ref: CardReference) -> nexo.Json | None:
        sid = new_service_id()
        document = self._post(nexo.status_request(ref, sid), min(self.timeout, 10.0))
        body = nexo.answer_body(document, "TransactionStatus", sid, ref.sale_id, ref.poi_id)
        return nexo.repeated_answer(body, ref)

    def _read_any(self, ref: CardReference, body: nexo.Json) -> CardResult:
        if ref.kind == "void":
            return nexo.reversal_result(body, ref, None, True)
        return nexo.payment_result(body, ref, True)

    # -- HTTPS -----------------------------------------------------------------------------

    def _open_tls(self, timeout: float) -> ssl.SSLSocket:
        if self._context is None:
            raise DeviceOffline(self.name, "terminal is not claimed")
        try:
            raw = socket.create_connection((self.host, self.port), timeout=min(timeout, 5.0))
        except OSError as exc:
            raise DeviceOffline(self.name, f"cannot reach {self.host}:{self.port}: {exc}") from exc
        try:
            tls = self._context.wrap_socket(raw, server_hostname=self.trust.server_name
                                            or self.host)
        except (ssl.SSLError, OSError) as exc:
            raw.close()
            raise DeviceFailure(self.name, f"TLS handshake with {self.host} failed: {exc}") from exc
        pin = self.trust.pin()
        if pin:
            der = tls.getpeercert(binary_form=True) or b""
            if hashlib.sha256(der).hexdigest() != pin:
                tls.close()
                raise DeviceFailure(self.name, "terminal certificate does not match the pinned "
                                    "fingerprint: not our terminal")
        tls.settimeout(timeout)
        return tls

    def _post(self, document: nexo.Json, timeout: float, expect: bool = True) -> nexo.Json:
        sealed = self._key.seal(document) if self._key is not None else document
        payload = nexo.encode(sealed)
        tls = self._open_tls(timeout)  # a failure here means nothing was sent
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        connection.sock = tls
        try:
            connection.request("POST", self.path, body=payload,
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise _AnswerLost(f"answer lost: {type(exc).__name__} {exc}".strip()) from exc
        finally:
            connection.close()
        if response.status != 200:
            raise TerminalResponseError(self.name, f"terminal answered HTTP {response.status}"
                                        + nexo.http_error_detail(body))
        if not expect:
            return {}
        if not body.strip():
            raise TerminalResponseError(self.name, "terminal answered with an empty body")
        return self._open(nexo.decode(body))

    def _open(self, answer: nexo.Json) -> nexo.Json:
        if self._key is None:
            return answer
        if "SaleToPOIRequest" in answer and not is_sealed(answer):
            # A terminal that could not read our message turns it away in clear. That can only
            # make the request fail (answer_body raises), never approve anything, so it passes.
            return answer
        return self._key.open(answer)


def _not_charged(ref: CardReference) -> CardResult:
    return CardResult(kind=ref.kind, approved=False, requested=ref.amount, amount=0,
                      currency=ref.currency, brand="", last4="", auth_code="",
                      reference=ref.transaction_id, terminal_reference="",
                      terminal_timestamp="", error_condition="NotFound",
                      message="the terminal never received it: not charged", recovered=True)


# --- for the registry (registry.py) ---

def key_reference(card: CardTerminalSettings) -> KeyReference | None:
    """The nexo key the settings name (the passphrase itself is read at claim)."""
    if not card.key_identifier:
        return None
    return KeyReference(card.key_identifier, card.key_version, card.passphrase_env)


def build(card: CardTerminalSettings, context: BuildContext) -> CardTerminal:
    trust = TlsTrust(ca_file=card.ca_file, fingerprint_sha256=card.fingerprint_sha256,
                     server_name=card.tls_server_name)
    return AdyenTerminal(context.name, card.host, card.port, card.poi_id,
                         card.sale_id or context.terminal, trust, currency=card.currency,
                         timeout=card.timeout, status_timeout=card.status_timeout,
                         key=key_reference(card))
