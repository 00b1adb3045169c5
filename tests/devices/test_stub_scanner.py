from __future__ import annotations

import pytest

from cashier.devices.errors import BadCheckDigit, DeviceTimeout, StubError
from cashier.devices.stub_scanner import (
    DEFAULT_STUB_LAYOUT,
    SerialStubScanner,
    SimulatedStubScanner,
    StubLayout,
    parse_scanline,
    parse_stub,
    parse_stub_barcode,
)

from .conftest import PtyPeer

# account 1000001, 45.10 due; Luhn check digit over the 20 data digits.
GOOD = DEFAULT_STUB_LAYOUT.scanline("1000001", 45_10)


def test_default_scanline_layout() -> None:
    assert GOOD[:20] == "0001000001" + "0000004510"
    scan = parse_scanline(GOOD)
    assert (scan.account, scan.amount_due, scan.biller, scan.source) == (
        "1000001", 45_10, "city", "scanline")


def test_default_check_digit_is_mod_10_weights_2_1_from_the_right() -> None:
    # Luhn: 7992739871 has check digit 3.
    assert StubLayout(account_digits=5, amount_digits=5).check_digit("7992739871") == 3


def test_spaces_between_scanline_groups_are_allowed() -> None:
    assert parse_scanline(f"{GOOD[:10]} {GOOD[10:20]} {GOOD[20]}").amount_due == 45_10


def test_a_bad_check_digit_is_refused_with_a_clear_message() -> None:
    wrong = GOOD[:-1] + str((int(GOOD[-1]) + 1) % 10)
    with pytest.raises(BadCheckDigit, match="check digit is .*, expected .*: rescan or key"):
        parse_scanline(wrong)


def test_a_transposed_digit_is_caught() -> None:
    swapped = GOOD[:6] + GOOD[7] + GOOD[6] + GOOD[8:]
    if swapped != GOOD:
        with pytest.raises(BadCheckDigit):
            parse_scanline(swapped)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty scanline"), ("12345", "has 5 digits"), ("0001000001A000004510X", "non-digit")],
)
def test_unreadable_scanlines(text: str, message: str) -> None:
    with pytest.raises(StubError, match=message):
        parse_scanline(text)


def test_a_biller_with_its_own_layout_and_weights() -> None:
    water = StubLayout(biller="water", prefix="77", account_digits=8, amount_digits=8,
                       weights=(3, 1), add_product_digits=False)
    line = water.scanline("123456", 99_99)
    scan = parse_scanline(line, (DEFAULT_STUB_LAYOUT, water))
    assert (scan.biller, scan.account, scan.amount_due) == ("water", "123456", 99_99)


def test_code128_and_itf_barcode_payloads() -> None:
    assert parse_stub_barcode("]C0" + GOOD).source == "code128"
    itf_layout = StubLayout(account_digits=10, amount_digits=11)
    even = itf_layout.scanline("1000001", 45_10)
    assert parse_stub("]I0" + even, (itf_layout,)).source == "itf"


def test_itf_with_an_odd_digit_count_is_a_misread() -> None:
    with pytest.raises(StubError, match="odd digit count"):
        parse_stub_barcode("]I0" + GOOD)


def test_keyboard_wedge_simulator_reads_a_presented_stub() -> None:
    scanner = SimulatedStubScanner()
    scanner.start()
    scanner.present("2000417", 123_45)
    assert scanner.read_stub().amount_due == 123_45
    with pytest.raises(DeviceTimeout, match="no stub scanned within 0.05 s"):
        scanner.read_stub(timeout=0.05)


def test_serial_stub_scanner_over_a_pty(pty_peer: PtyPeer) -> None:
    scanner = SerialStubScanner("stub scanner", pty_peer.port_name, timeout=2.0)
    scanner.start()
    pty_peer.write(GOOD.encode() + b"\r\n")
    assert scanner.read_stub().account == "1000001"
    scanner.close()
