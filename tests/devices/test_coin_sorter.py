from __future__ import annotations

import pytest

from cashier.devices.coin_sorter import (
    ACK,
    NAK,
    SerialCoinSorter,
    SimulatedCoinSorter,
    parse_coin_report,
)
from cashier.devices.errors import CoinReportError, DeviceTimeout

from .conftest import PtyPeer

REPORT = (
    b"BATCH 0042\r\n0.01 120 1.20\r\n0.05 40 2.00\r\n0.25 80 20.00\r\n1.00 3 3.00\r\n"
    b"TOTAL 26.20\r\n"
)


def test_a_report_gives_counts_by_face_value_in_cents() -> None:
    report = parse_coin_report(REPORT.decode().splitlines())
    assert report.counts == {1: 120, 5: 40, 25: 80, 100: 3}
    assert report.total == 26_20
    assert report.batch == "0042"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["0.25 80 19.75", "TOTAL 19.75"], r"line 1: 80 × 0.25 is 20.00, but the sorter says"),
        (["0.25 80 20.00", "TOTAL 20.25"], "lines add up to 20.00 but TOTAL says 20.25"),
        (["0.25 80 20.00"], "without a TOTAL line"),
        (["0.25 80"], "expected 'face count value'"),
        (["0.25 eighty 20.00", "TOTAL 20.00"], "count 'eighty' is not a count"),
        (["0.255 1 0.26", "TOTAL 0.26"], "more than 2 decimals"),
        (["0.25 4 1.00", "0.25 4 1.00", "TOTAL 2.00"], "0.25 is reported twice"),
        (["0.00 4 0.00", "TOTAL 0.00"], "face value must be above zero"),
        (["TOTAL"], "expected 'TOTAL value'"),
    ],
)
def test_a_report_that_does_not_add_up_is_refused(lines: list[str], message: str) -> None:
    with pytest.raises(CoinReportError, match=message):
        parse_coin_report(lines)


def test_simulated_sorter_sends_the_same_report_bytes_over_loop() -> None:
    sorter = SimulatedCoinSorter()
    sorter.start()
    sent = sorter.load({25: 40, 100: 12}, batch="7")
    assert sent == b"BATCH 7\r\n0.25 40 10.00\r\n1.00 12 12.00\r\nTOTAL 22.00\r\n"
    report = sorter.read_report()
    assert report.counts == {25: 40, 100: 12}
    sorter.close()


def test_serial_sorter_acknowledges_a_good_report(pty_peer: PtyPeer) -> None:
    answer: list[bytes] = []

    def sorter_firmware(peer: PtyPeer) -> None:
        peer.write(REPORT)
        answer.append(peer.read(1))

    sorter = SerialCoinSorter("coin sorter", pty_peer.port_name, timeout=2.0, ack=True)
    sorter.start()
    pty_peer.serve(sorter_firmware)
    assert sorter.read_report().total == 26_20
    pty_peer.close()
    assert answer == [ACK]
    sorter.close()


def test_serial_sorter_answers_nak_to_a_bad_report(pty_peer: PtyPeer) -> None:
    answer: list[bytes] = []

    def sorter_firmware(peer: PtyPeer) -> None:
        peer.write(b"0.25 80 20.00\r\nTOTAL 21.00\r\n")
        answer.append(peer.read(1))

    sorter = SerialCoinSorter("coin sorter", pty_peer.port_name, timeout=2.0, ack=True)
    sorter.start()
    pty_peer.serve(sorter_firmware)
    with pytest.raises(CoinReportError, match="TOTAL says 21.00"):
        sorter.read_report()
    pty_peer.close()
    assert answer == [NAK]
    sorter.close()


def test_a_report_cut_off_mid_line_is_a_timeout(pty_peer: PtyPeer) -> None:
    sorter = SerialCoinSorter("coin sorter", pty_peer.port_name, timeout=0.4, ack=False)
    sorter.start()
    pty_peer.write(b"0.25 80 20.00\r\n1.00 3 3.")
    with pytest.raises(DeviceTimeout, match="coin sorter: coin report line 2 was cut off"):
        sorter.read_report()
    sorter.close()


def test_no_report_at_all_is_a_timeout() -> None:
    sorter = SimulatedCoinSorter(timeout=0.2)
    sorter.start()
    with pytest.raises(DeviceTimeout, match=r"coin sorter: no coin report within 0.2 s"):
        sorter.read_report()


def test_a_sorter_unplugged_mid_report_is_offline(pty_peer: PtyPeer) -> None:
    from cashier.devices.errors import DeviceOffline

    sorter = SerialCoinSorter("coin sorter", pty_peer.port_name, timeout=2.0, ack=False)
    sorter.start()
    pty_peer.write(b"0.25 80 20.00\r\n")
    import time

    time.sleep(0.1)
    pty_peer.close()
    with pytest.raises((DeviceOffline, DeviceTimeout)):
        sorter.read_report()
    sorter.close()
