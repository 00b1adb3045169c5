"""Adyen's local communication encryption for Terminal API (nexo) messages.

TLS proves which terminal we reach; this seal proves that a message was written by someone
holding the shared passphrase, and hides card results from anything else on the LAN. A live
Adyen terminal only accepts sealed messages once a key is set up for it in the Customer Area.

The algorithm follows Adyen's own library exactly, ``Adyen/adyen-java-api-library``:
``src/main/java/com/adyen/terminal/security/NexoCrypto.java`` and
``NexoDerivedKeyGenerator.java`` (the envelope in ``com/adyen/service/TerminalLocalAPI.java``),
as described at docs.adyen.com/point-of-sale/design-your-integration/choose-your-architecture/
local/protect:

- key material: PBKDF2-HMAC-SHA1(passphrase, salt ``AdyenNexoV1Salt``, 4000 rounds, 80 bytes),
  split into the HMAC key (bytes 0-31), the cipher key (32-63) and an IV (64-79);
- per message: a random 16-byte nonce; AES-256-CBC with PKCS#7 padding and IV = derived IV XOR
  nonce, over the UTF-8 JSON of the whole message (``{"SaleToPOIRequest": {...}}``);
- HMAC-SHA256 under the HMAC key over the *plaintext*;
- the envelope keeps the outer name and a clear copy of the ``MessageHeader`` (the terminal
  routes on it) next to ``NexoBlob`` (base64 ciphertext) and ``SecurityTrailer``
  (``AdyenCryptoVersion`` 1, ``KeyIdentifier``, ``KeyVersion``, base64 ``Nonce`` and ``Hmac``).
  Answers come back the same way under ``SaleToPOIResponse``.

Because the HMAC covers the plaintext (MAC-then-encrypt), a bad padding is reported exactly
like a bad HMAC, so nobody can use our errors as a padding oracle. A replayed old answer
passes this check; ``nexo.answer_body`` refuses it by the fresh ServiceID inside.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from cashier.devices.card import nexo
from cashier.devices.errors import (
    NexoBlobMalformed,
    NexoHmacMismatch,
    NexoKeyMismatch,
    SettingsError,
    TerminalResponseError,
)

SALT = b"AdyenNexoV1Salt"
ROUNDS = 4000
HMAC_KEY_BYTES = 32
CIPHER_KEY_BYTES = 32
IV_BYTES = 16  # also the nonce size and the AES block size
HMAC_BYTES = 32
CRYPTO_VERSION = 1
ENVELOPES = ("SaleToPOIRequest", "SaleToPOIResponse")
_WHO = "card terminal"
_ONE_MESSAGE = "a nexo message is one SaleToPOIRequest or SaleToPOIResponse object"

Json = dict[str, Any]


@dataclass(frozen=True)
class DerivedKey:
    """The 80 bytes of key material; kept out of ``repr`` so they never reach a log."""

    hmac_key: bytes = field(repr=False)
    cipher_key: bytes = field(repr=False)
    iv: bytes = field(repr=False)


def derive_key(passphrase: str) -> DerivedKey:
    # UTF-8, as Java's PBEKeySpec does; Adyen's Node library reads the passphrase as latin-1,
    # so the two only agree on ASCII passphrases, which is what the Customer Area issues.
    material = PBKDF2HMAC(algorithm=hashes.SHA1(),
                          length=HMAC_KEY_BYTES + CIPHER_KEY_BYTES + IV_BYTES,
                          salt=SALT, iterations=ROUNDS).derive(passphrase.encode("utf-8"))
    cipher_end = HMAC_KEY_BYTES + CIPHER_KEY_BYTES
    return DerivedKey(material[:HMAC_KEY_BYTES], material[HMAC_KEY_BYTES:cipher_end],
                      material[cipher_end:])


@dataclass(frozen=True)
class NexoKey:
    """The shared key as the terminal knows it: identifier, version and passphrase."""

    identifier: str
    version: int
    passphrase: str = field(repr=False)
    derived: DerivedKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.identifier:
            raise SettingsError(_WHO, "the nexo key needs a key identifier")
        if isinstance(self.version, bool) or self.version < 0:
            raise SettingsError(_WHO, f"nexo key version {self.version!r} must be 0 or more")
        if not self.passphrase:
            raise SettingsError(_WHO, f"nexo key {self.identifier!r} has an empty passphrase")
        # PBKDF2 costs 4000 rounds: once per key, not once per message.
        object.__setattr__(self, "derived", derive_key(self.passphrase))

    def seal(self, document: Json, nonce: bytes | None = None) -> Json:
        """The encrypted envelope of a whole nexo message; ``nonce`` only for known answers."""
        kind = _envelope(document)
        if kind is None:
            raise ValueError(_ONE_MESSAGE)
        nonce = secrets.token_bytes(IV_BYTES) if nonce is None else nonce
        if len(nonce) != IV_BYTES:
            raise ValueError(f"a nexo nonce is {IV_BYTES} bytes, not {len(nonce)}")
        plaintext = nexo.encode(document)
        padder = padding.PKCS7(128).padder()
        padded = padder.update(plaintext) + padder.finalize()
        encryptor = self._cipher(nonce).encryptor()
        blob = encryptor.update(padded) + encryptor.finalize()
        sealed: Json = {}
        inner = document[kind]
        if isinstance(inner, dict) and "MessageHeader" in inner:
            sealed["MessageHeader"] = inner["MessageHeader"]
        sealed["NexoBlob"] = _b64(blob)
        sealed["SecurityTrailer"] = {
            "AdyenCryptoVersion": CRYPTO_VERSION, "KeyIdentifier": self.identifier,
            "KeyVersion": self.version, "Nonce": _b64(nonce), "Hmac": _b64(self._mac(plaintext)),
        }
        return {kind: sealed}

    def open(self, document: Json) -> Json:
        """The message inside a sealed envelope, once its key and HMAC check out.

        Raises only ``NexoSecurityError`` subclasses, each naming what was wrong.
        """
        kind = _envelope(document)
        if kind is None:
            raise _malformed(_ONE_MESSAGE)
        sealed = document[kind]
        if not isinstance(sealed, dict) or "NexoBlob" not in sealed:
            raise _malformed(f"{kind} is not encrypted (no NexoBlob) although nexo key "
                             f"{self.identifier!r} is configured")
        trailer = sealed.get("SecurityTrailer")
        if not isinstance(trailer, dict):
            raise _malformed(f"{kind}.SecurityTrailer is missing or not an object")
        self._check_key(trailer)
        blob = _unb64(sealed, "NexoBlob")
        nonce = _unb64(trailer, "Nonce", IV_BYTES)
        received = _unb64(trailer, "Hmac", HMAC_BYTES)
        if not blob or len(blob) % IV_BYTES:
            raise _malformed(f"NexoBlob of {len(blob)} bytes is truncated: not a whole number "
                             f"of {IV_BYTES}-byte AES blocks")
        decryptor = self._cipher(nonce).decryptor()
        padded = decryptor.update(blob) + decryptor.finalize()
        plaintext, padded_well = _unpad(padded)
        # Constant-time compare; bad padding fails the same way (no padding oracle).
        if not (hmac.compare_digest(self._mac(plaintext), received) and padded_well):
            raise NexoHmacMismatch(_WHO, f"{kind} HMAC does not match: the message was altered "
                                   f"or the terminal's passphrase for key {self.identifier!r} "
                                   f"version {self.version} differs from ours")
        try:
            message = nexo.decode(plaintext)
        except TerminalResponseError as exc:
            raise _malformed(f"the decrypted NexoBlob is not a nexo message: {exc.reason}"
                             ) from exc
        if set(message) != {kind}:
            raise _malformed(f"the sealed {kind} holds {sorted(message)[:3]}, not a {kind}")
        return message

    def _check_key(self, trailer: Json) -> None:
        crypto_version = trailer.get("AdyenCryptoVersion")
        if crypto_version != CRYPTO_VERSION or isinstance(crypto_version, bool):
            raise NexoKeyMismatch(_WHO, f"SecurityTrailer.AdyenCryptoVersion is "
                                  f"{_shown(crypto_version)}; only {CRYPTO_VERSION} is known")
        identifier, version = trailer.get("KeyIdentifier"), trailer.get("KeyVersion")
        if identifier != self.identifier:
            raise NexoKeyMismatch(_WHO, f"sealed with key {_shown(identifier)}, but our key "
                                  f"is {self.identifier!r}")
        if version != self.version or isinstance(version, bool):
            raise NexoKeyMismatch(_WHO, f"sealed with key {self.identifier!r} version "
                                  f"{_shown(version)}, but ours is version {self.version}")

    def _cipher(self, nonce: bytes) -> Cipher[modes.CBC]:
        # A fixed derived IV would repeat across messages; the nonce makes each one fresh.
        iv = bytes(a ^ b for a, b in zip(self.derived.iv, nonce, strict=True))
        return Cipher(algorithms.AES(self.derived.cipher_key), modes.CBC(iv))

    def _mac(self, plaintext: bytes) -> bytes:
        return hmac.new(self.derived.hmac_key, plaintext, hashlib.sha256).digest()


@dataclass(frozen=True)
class KeyReference:
    """Where the shared key is: name and version in the settings file, the passphrase in the
    environment, because a settings file gets copied, backed up and mailed to support."""

    identifier: str
    version: int
    passphrase_env: str

    def load(self, device: str) -> NexoKey:
        passphrase = os.environ.get(self.passphrase_env, "") if self.passphrase_env else ""
        if not passphrase:
            raise SettingsError(device, f"nexo key {self.identifier!r} is configured but the "
                                f"environment variable {self.passphrase_env or '(none)'!s} "
                                "holding its passphrase is not set")
        return NexoKey(self.identifier, self.version, passphrase)


def is_sealed(document: Json) -> bool:
    """Whether a message carries a NexoBlob (encrypted) rather than clear content."""
    return any(isinstance(document.get(kind), dict) and "NexoBlob" in document[kind]
               for kind in ENVELOPES)


def _envelope(document: Json) -> str | None:
    kinds = [kind for kind in ENVELOPES if kind in document]
    return kinds[0] if len(kinds) == 1 and len(document) == 1 else None


def _unpad(padded: bytes) -> tuple[bytes, bool]:
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize(), True
    except ValueError:
        return padded, False


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(parent: Json, key: str, size: int | None = None) -> bytes:
    text = parent.get(key)
    if not isinstance(text, str):
        raise _malformed(f"{key} is missing or not text")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _malformed(f"{key} is not base64: {exc}") from exc
    if size is not None and len(data) != size:
        raise _malformed(f"{key} is {len(data)} bytes, not {size}")
    return data


def _shown(value: object) -> str:
    return repr(value)[:40]  # the value came off the network: quoted and cut short


def _malformed(reason: str) -> NexoBlobMalformed:
    return NexoBlobMalformed(_WHO, reason)
