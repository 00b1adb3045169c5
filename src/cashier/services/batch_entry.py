"""What a batch clerk types or scans into a remittance batch, as the ledger takes it.

Shared by `cashier batch` and the workstation's batch screen: a stub is either the scanline
(or barcode) the stub scanner read — parsed by the biller layouts, a bad check digit kept as
the reason to set it aside — or the account number keyed by hand. A MICR line fills the check.
"""

from __future__ import annotations

from collections.abc import Iterable

from cashier.devices.errors import BadCheckDigit, MicrError, StubError
from cashier.devices.micr import parse_micr
from cashier.devices.stub_scanner import DEFAULT_STUB_LAYOUT, StubLayout, parse_stub
from cashier.ledger.remittance.batches import Check, Stub
from cashier.ledger.rules.errors import InvalidTender
from cashier.ledger.rules.money import Cents

MAX_ACCOUNT_DIGITS = 20


def read_stub(text: str, layouts: Iterable[StubLayout] = (DEFAULT_STUB_LAYOUT,)) -> Stub:
    """A scanline, a stub barcode, or an account number keyed at the counter."""
    layouts = tuple(layouts)
    raw = (text or "").strip()
    digits = raw.replace(" ", "")
    scanned = raw.startswith("]") or (digits.isdigit()
                                      and len(digits) in {lay.length for lay in layouts})
    if not scanned:
        return Stub(raw, raw or None)
    try:
        scan = parse_stub(raw, layouts)
    except StubError as exc:
        reason = f"bad check digit: {exc.reason}" if isinstance(exc, BadCheckDigit) \
            else exc.reason
        return Stub(raw, None, None, reason)
    return Stub(raw, scan.account, scan.amount_due)


def read_check(amount: Cents, *, micr: str | None = None, number: str = "",
               routing: str = "", bank_account: str = "") -> Check:
    """The check: from the MICR line when the reader gave one, else as keyed."""
    if micr:
        try:
            line = parse_micr(micr)
        except MicrError as exc:
            raise InvalidTender(f"MICR line not read: {exc}") from None
        if not line.check_number:
            raise InvalidTender("the MICR line has no check number: key it")
        return Check(amount, line.check_number, line.routing, line.account_masked)
    return Check(amount, number, routing, bank_account)
