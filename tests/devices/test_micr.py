from __future__ import annotations

import pytest

from cashier.devices.errors import DeviceTimeout, MicrError
from cashier.devices.micr import SerialMicrReader, SimulatedMicrReader, parse_micr

from .conftest import PtyPeer


def test_personal_check_in_unicode_e13b_symbols() -> None:
    line = parse_micr("⑆111000025⑆ 1234567890⑈ 1042")
    assert line.routing == "111000025"
    assert line.account_masked == "******7890"
    assert line.check_number == "1042"
    assert line.amount is None


def test_magtek_toad_letters() -> None:
    line = parse_micr("T111000025T1234567890O1042")
    assert (line.routing, line.account_masked, line.check_number) == (
        "111000025", "******7890", "1042")


def test_business_check_with_the_number_in_the_auxiliary_on_us_field() -> None:
    line = parse_micr("⑈001042⑈ ⑆111000025⑆ 12⑉3456⑉78⑈")
    assert line.check_number == "1042"
    assert line.account_masked == "****5678"


def test_amount_field_encoded_by_the_bank() -> None:
    assert parse_micr("T111000025T1234567890O1042 A0000004510A").amount == 45_10


def test_a_bad_routing_checksum_is_refused_by_the_aba_rule() -> None:
    with pytest.raises(MicrError, match="MICR reader: routing number 111000026 fails the ABA"):
        parse_micr("T111000026T1234567890O1042")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty MICR line"),
        ("T1110?0025T1234O1042", "unreadable character at position 6"),
        ("1234567890O1042", "no transit field"),
        ("T111000025T1234567890 1042", "no on-us symbol"),
        ("T11100025T1234O1", "exactly 9 digits"),
        ("T111000025TO1042", "account number in the on-us field is missing"),
        ("T111000025T1234O10X2", "unexpected character 'X'"),
    ],
)
def test_unreadable_micr_lines(text: str, message: str) -> None:
    with pytest.raises(MicrError, match=message):
        parse_micr(text)


def test_simulated_reader_reads_an_inserted_check() -> None:
    reader = SimulatedMicrReader()
    reader.start()
    reader.insert("⑆111000025⑆ 000123456789⑈ 2001")
    line = reader.read_check()
    assert line.check_number == "2001" and line.account_masked.endswith("6789")


def test_serial_reader_over_a_pty_and_a_truncated_line(pty_peer: PtyPeer) -> None:
    reader = SerialMicrReader("MICR reader", pty_peer.port_name, timeout=0.5)
    reader.start()
    pty_peer.write(b"T111000025T1234567890O1042\r")
    assert reader.read_check().routing == "111000025"
    pty_peer.write(b"T111000025T12345")
    with pytest.raises(DeviceTimeout, match="MICR line was cut off"):
        reader.read_check()
    reader.close()
