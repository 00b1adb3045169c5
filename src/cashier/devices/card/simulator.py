"""A card terminal simulator serving the Adyen Terminal API's JSON over HTTPS on loopback.

It keeps a batch like a terminal does, answers status inquiries and reconciliations from it,
and has the misbehaviours the client must survive: ``decline``, ``slow`` (answers after the
client gave up, but the card *was* charged), ``drop`` (connection cut mid-answer), ``duplicate``
(the answer sent twice in one reply) and ``busy``. A self-signed certificate is made at start
with ``cryptography``; the client trusts exactly that certificate. Given a shared key it
behaves like a live terminal: a request that is not sealed with that key is refused the way
a terminal refuses it (HTTP 400, ``{"errors": ["Nexo Service: crypto error ..."]}``) and every
answer goes back sealed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import ssl
import tempfile
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cashier.devices.card import nexo
from cashier.devices.card.adyen import AdyenTerminal, TlsTrust, key_reference
from cashier.devices.card.nexo_crypto import KeyReference, NexoKey
from cashier.devices.card.terminal import CardTerminal, CardTerminalSettings
from cashier.devices.errors import NexoSecurityError, TerminalResponseError
from cashier.devices.plugin import BuildContext

MODES = ("approve", "decline", "slow", "drop", "duplicate", "busy")
Json = dict[str, Any]


def self_signed_certificate(common_name: str) -> tuple[bytes, bytes]:
    """(certificate PEM, key PEM) for 127.0.0.1 / localhost, valid for a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True,
                                     content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False,
                                     crl_sign=False, encipher_only=False,
                                     decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


class TerminalSimulator:
    """The terminal: an HTTPS server in a thread, and the batch it keeps."""

    def __init__(self, poi_id: str = "SIM-000001", mode: str = "approve",
                 slow_seconds: float = 3.0, in_progress_seconds: float = 0.0,
                 currency: str = "USD", key: NexoKey | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"simulator mode {mode!r} must be one of {MODES}")
        self.poi_id, self.mode, self.currency = poi_id, mode, currency
        self.slow_seconds, self.in_progress_seconds = slow_seconds, in_progress_seconds
        self.brand, self.masked_pan = "visa", "411111 **** 1111"
        self.key = key
        self.payment_requests = 0
        self.last_request = b""  # the bytes as they crossed the wire, for the tests
        self.categories: list[str] = []
        self._done: dict[tuple[str, str], tuple[Json, str, float]] = {}
        self._batch: list[tuple[str, str, int, str]] = []  # (type, brand, cents, poi txn id)
        self._reconciliation = 1000
        self._serial = 0
        self._lock = threading.Lock()
        cert_pem, key_pem = self_signed_certificate(poi_id)
        self.cert_pem = cert_pem.decode("ascii")
        der = ssl.PEM_cert_to_DER_cert(self.cert_pem)
        self.fingerprint = hashlib.sha256(der).hexdigest()
        self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        # ssl loads a certificate chain only from files; they are needed just this long.
        with tempfile.TemporaryDirectory(prefix="cashier-terminal-") as folder:
            cert_file, key_file = Path(folder, "cert.pem"), Path(folder, "key.pem")
            cert_file.write_bytes(cert_pem)
            key_file.write_bytes(key_pem)
            self._tls.load_cert_chain(cert_file, key_file)
        self._server: _TlsServer | None = None

    def start(self) -> tuple[str, int]:
        server = _TlsServer(("127.0.0.1", 0), _Handler)
        server.simulator = self
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True, name="terminal-simulator").start()
        return "127.0.0.1", server.server_address[1]

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def finish_in_progress(self) -> None:
        """The customers still at the keypad finish: status inquiries now get the answers."""
        with self._lock:
            self._done = {key: (reply, kind, 0.0) for key, (reply, kind, _) in self._done.items()}

    def trust(self) -> TlsTrust:
        return TlsTrust(ca_pem=self.cert_pem, fingerprint_sha256=self.fingerprint)

    # -- the terminal's answers ------------------------------------------------------------------

    def answer(self, request: Json) -> tuple[Json | None, str]:
        """(answer document, delivery) for a request; delivery is the mode's misbehaviour."""
        try:
            outer = request["SaleToPOIRequest"]
            head = outer["MessageHeader"]
            category, sid, sale = head["MessageCategory"], head["ServiceID"], head["SaleID"]
            body = outer[f"{category}Request"]
        except (KeyError, TypeError) as exc:
            return _reject(request, f"message=missing {exc}"), "normal"
        with self._lock:
            self.categories.append(category)
            reply, delivery = self._dispatch(category, body, sale, sid)
        if reply is None:
            return None, delivery
        return {"SaleToPOIResponse": {
            "MessageHeader": nexo.header(category, sid, sale, self.poi_id, "Response"),
            f"{category}Response": reply}}, delivery

    def _dispatch(self, category: str, body: Json, sale: str, sid: str) -> tuple[Json | None, str]:
        if category == "Payment":
            self.payment_requests += 1
            if self.mode == "busy":
                return _failure("Busy", "terminal busy"), "normal"
            reply = self._payment(body)
            ready = time.monotonic() + (self.in_progress_seconds if self.mode == "slow" else 0)
            self._done[(sale, sid)] = (reply, "PaymentResponse", ready)
            return reply, self.mode
        if category == "Reversal":
            reply = self._reversal(body)
            self._done[(sale, sid)] = (reply, "ReversalResponse", time.monotonic())
            return reply, "normal"
        if category == "TransactionStatus":
            return self._status(body), "normal"
        if category == "Reconciliation":
            return self._reconcile(), "normal"
        if category == "Abort":
            return None, "normal"
        return _failure("MessageFormat", f"unsupported category {category}"), "normal"

    def _next_id(self) -> tuple[str, str]:
        self._serial += 1
        return f"SIM{self._serial:06d}.{self.poi_id}", nexo.timestamp()

    def _payment(self, body: Json) -> Json:
        requested = Decimal(body["PaymentTransaction"]["AmountsReq"]["RequestedAmount"])
        refund = body.get("PaymentData", {}).get("PaymentType") == "Refund"
        txn_id, stamp = self._next_id()
        card = {"PaymentInstrumentType": "Card",
                "CardData": {"PaymentBrand": self.brand, "MaskedPan": self.masked_pan,
                             "EntryMode": ["Tapped"]}}
        approved = self.mode != "decline"
        reply: Json = {
            "Response": {"Result": "Success"} if approved else {
                "Result": "Failure", "ErrorCondition": "Refusal",
                "AdditionalResponse": "refusalReason=Not%20enough%20balance"},
            "SaleData": {"SaleTransactionID": body["SaleData"]["SaleTransactionID"]},
            "POIData": {"POITransactionID": {"TransactionID": txn_id, "TimeStamp": stamp},
                        "POIReconciliationID": str(self._reconciliation)},
            "PaymentResult": {
                "PaymentInstrumentData": card,
                "AmountsResp": {"AuthorizedAmount": requested if approved else Decimal(0),
                                "Currency": self.currency},
                "PaymentAcquirerData": {"ApprovalCode": f"A{self._serial:05d}" if approved
                                        else "", "MerchantID": "CITYCASHIER"}},
        }
        if approved:
            cents = int(requested.scaleb(2))
            self._batch.append(("Credit" if refund else "Debit", self.brand, cents, txn_id))
        return reply

    def _reversal(self, body: Json) -> Json:
        original = body["OriginalPOITransaction"]["POITransactionID"]["TransactionID"]
        match = [entry for entry in self._batch if entry[3] == original and entry[0] == "Debit"]
        if not match:
            return _failure("NotFound", "original transaction not found")
        if any(entry[0] == "ReverseDebit" and entry[3] == original for entry in self._batch):
            return _failure("NotAllowed", "already reversed")
        _, brand, cents, _ = match[0]
        self._batch.append(("ReverseDebit", brand, cents, original))
        txn_id, stamp = self._next_id()
        return {"Response": {"Result": "Success"}, "ReversedAmount": Decimal(cents).scaleb(-2),
                "POIData": {"POITransactionID": {"TransactionID": txn_id, "TimeStamp": stamp}}}

    def _status(self, body: Json) -> Json:
        ref = body["MessageReference"]
        found = self._done.get((ref["SaleID"], ref["ServiceID"]))
        if found is None:
            return _failure("NotFound", "no such transaction")
        reply, key, ready = found
        if time.monotonic() < ready:
            return _failure("InProgress", "transaction in progress")
        category = "Payment" if key == "PaymentResponse" else "Reversal"
        return {"Response": {"Result": "Success"}, "RepeatedMessageResponse": {
            "MessageHeader": nexo.header(category, ref["ServiceID"], ref["SaleID"], self.poi_id,
                                         "Response"),
            "RepeatedResponseMessageBody": {key: reply}}}

    def _reconcile(self) -> Json:
        by_brand: dict[str, dict[str, list[int]]] = {}
        for kind, brand, cents, _ in self._batch:
            totals = by_brand.setdefault(brand, {}).setdefault(kind, [0, 0])
            totals[0] += 1
            totals[1] += cents
        reply = {"Response": {"Result": "Success"}, "ReconciliationType": "SaleReconciliation",
                 "POIReconciliationID": str(self._reconciliation),
                 "TransactionTotals": [
                     {"PaymentInstrumentType": "Card", "CardBrand": brand,
                      "PaymentCurrency": self.currency,
                      "PaymentTotals": [{"TransactionType": kind, "TransactionCount": count,
                                         "TransactionAmount": Decimal(cents).scaleb(-2)}
                                        for kind, (count, cents) in kinds.items()]}
                     for brand, kinds in sorted(by_brand.items())]}
        self._batch.clear()  # a sale reconciliation closes the batch
        self._reconciliation += 1
        return reply


def _failure(condition: str, reason: str) -> Json:
    return {"Response": {"Result": "Failure", "ErrorCondition": condition,
                         "AdditionalResponse": f"message={reason.replace(' ', '%20')}"}}


def _reject(request: object, detail: str) -> Json:
    return {"SaleToPOIRequest": {"EventNotification": {
        "EventToNotify": "Reject", "EventDetails": detail}}}


class _TlsServer(ThreadingHTTPServer):
    daemon_threads = True
    simulator: TerminalSimulator

    def finish_request(self, request: Any, client_address: Any) -> None:
        # The TLS handshake runs in the connection's own thread, never in the accept loop.
        try:
            tls = self.simulator._tls.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            _Handler(tls, client_address, self)
        finally:
            tls.close()  # the server closes the plain socket it accepted, not the TLS one


class _Handler(BaseHTTPRequestHandler):
    server: _TlsServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the simulator runs inside tests and the self-test."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0") or 0)
        simulator = self.server.simulator
        simulator.last_request = raw = self.rfile.read(length)
        try:
            request = nexo.decode(raw)
            if simulator.key is not None:
                request = simulator.key.open(request)
        except NexoSecurityError as exc:
            self._send(nexo.encode({"errors": [f"Nexo Service: crypto error ({exc.reason})"],
                                    "ServiceID": "-NULL-"}), status=400)
            return
        except TerminalResponseError as exc:
            self._send(nexo.encode(_reject(None, f"message={exc.reason}")))
            return
        reply, delivery = simulator.answer(request)
        if reply is not None and simulator.key is not None:
            reply = simulator.key.seal(reply)
        data = nexo.encode(reply) if reply is not None else b""
        if delivery == "slow":
            time.sleep(simulator.slow_seconds)
        if delivery == "duplicate":
            data = data + b"\n" + data
        self._send(data, cut=delivery == "drop")

    def _send(self, data: bytes, cut: bool = False, status: int = 200) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2] if cut else data)
            self.wfile.flush()
        except OSError:
            pass  # the client gave up waiting (slow mode): the terminal cannot tell anyone
        self.close_connection = True


class SimulatedCardTerminal(AdyenTerminal):
    """The Adyen client talking to its own simulator, started at claim."""

    adapter = "simulator"

    def __init__(self, name: str = "card terminal", *, mode: str = "approve",
                 sale_id: str = "T01", poi_id: str = "SIM-000001", currency: str = "USD",
                 timeout: float = 10.0, status_timeout: float = 5.0,
                 poll_interval: float = 0.2, slow_seconds: float = 3.0,
                 in_progress_seconds: float = 0.0,
                 key: NexoKey | KeyReference | None = None) -> None:
        self.simulator = TerminalSimulator(poi_id, mode, slow_seconds, in_progress_seconds,
                                           currency)
        super().__init__(name, "127.0.0.1", 0, poi_id, sale_id, self.simulator.trust(),
                         currency=currency, timeout=timeout, status_timeout=status_timeout,
                         poll_interval=poll_interval, key=key)
        self._resource = None  # its own private server: nothing to share, nothing to claim

    def _connect(self) -> None:
        super()._connect()  # loads the key first: the terminal must know the same one
        self.simulator.key = self._key
        self.host, self.port = self.simulator.start()

    def _disconnect(self) -> None:
        self.simulator.stop()


# --- for the registry (registry.py) ---

def build(card: CardTerminalSettings, context: BuildContext) -> CardTerminal:
    """The simulator, with the client's timeouts cut short (it answers at once)."""
    return SimulatedCardTerminal(context.name, mode=card.simulator_mode,
                                 sale_id=card.sale_id or context.terminal, poi_id=card.poi_id,
                                 currency=card.currency, timeout=min(card.timeout, 10.0),
                                 status_timeout=min(card.status_timeout, 5.0),
                                 key=key_reference(card))
