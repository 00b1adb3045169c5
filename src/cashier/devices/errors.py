"""Device failures, one class per way a device can let the counter down.

The four kinds UnifiedPOS names (offline, no hardware, timeout, failure) are the classes a
caller catches; parsers raise their own subclass of ``DeviceFailure`` so a garbled reply is
never confused with a missing cable. Every message starts with the device's name, because the
cashier reads it in a status bar next to four other devices.
"""

from __future__ import annotations

from cashier.ledger.rules.errors import CashierError


class DeviceError(CashierError):
    """Base of every device failure. ``device`` is the configured name (``printer``)."""

    def __init__(self, device: str, reason: str) -> None:
        super().__init__(f"{device}: {reason}")
        self.device = device
        self.reason = reason


class DeviceOffline(DeviceError):
    """The device is known but not answering or not ready (power off, cover open, no paper)."""


class NoHardware(DeviceError):
    """The configured port, address or USB id does not exist."""


class DeviceTimeout(DeviceError):
    """The device did not answer within its configured time."""


class DeviceFailure(DeviceError):
    """The device answered, but with something wrong (garbage, a failed check, a refusal)."""


class DeviceStateError(DeviceError):
    """A lifecycle step was skipped, e.g. printing on a printer that is not enabled."""


class DeviceClaimed(DeviceError):
    """Another device object in this program already holds the same port exclusively."""


class SettingsError(DeviceError):
    """The terminal's device settings file is unreadable or names an impossible value."""


class PrinterStatusError(DeviceFailure):
    """A DLE EOT status reply that is not a valid ESC/POS status byte."""


class CoinReportError(DeviceFailure):
    """A coin sorter batch report that is malformed or does not add up."""


class StubError(DeviceFailure):
    """A bill-stub scanline or barcode that cannot be read."""


class BadCheckDigit(StubError):
    """A bill-stub scanline whose check digit does not match: a misread or a mistyped stub."""


class MicrError(DeviceFailure):
    """A MICR line that cannot be read or whose routing number fails the ABA checksum."""


class TerminalResponseError(DeviceFailure):
    """A card terminal reply that is not a well-formed answer to the request we sent."""


class CardTransactionNotFound(TerminalResponseError):
    """The terminal has no record of the request asked about: it was never charged."""


class NexoSecurityError(TerminalResponseError):
    """A nexo message that fails Adyen's local communication encryption: never read as an answer.

    It is a ``TerminalResponseError`` on purpose: a payment answer that cannot be trusted is a
    lost answer, so the client asks the terminal for the sale's status and never charges again.
    """


class NexoBlobMalformed(NexoSecurityError):
    """Not sealed at all, or a NexoBlob / SecurityTrailer that is missing, not base64,
    truncated or of the wrong size."""


class NexoKeyMismatch(NexoSecurityError):
    """Sealed with another key than ours (KeyIdentifier, KeyVersion or AdyenCryptoVersion)."""


class NexoHmacMismatch(NexoSecurityError):
    """The HMAC does not match the decrypted message: tampered with, or another passphrase."""


class CardTerminalBusy(DeviceFailure):
    """The card terminal is busy with another transaction; nothing was charged."""


class CardOutcomeUnknown(DeviceTimeout):
    """The sale was sent but neither its answer nor a status inquiry came back.

    The customer may have been charged. ``reference`` is the stored sale reference: ask the
    terminal again with it before taking any other tender, never start a second sale.
    """

    def __init__(self, device: str, reason: str, reference: str) -> None:
        super().__init__(device, reason)
        self.reference = reference
