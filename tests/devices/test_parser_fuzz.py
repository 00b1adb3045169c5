"""Every parser, fed anything at all, either parses or raises its own error type."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from cashier.devices.coin_sorter import coin_report, parse_coin_report
from cashier.devices.errors import (
    CoinReportError,
    MicrError,
    PrinterStatusError,
    StubError,
)
from cashier.devices.micr import parse_micr
from cashier.devices.printer.escpos_bytes import parse_status
from cashier.devices.stub_scanner import DEFAULT_STUB_LAYOUT, parse_stub

FUZZ = settings(max_examples=300, deadline=None)
report_pieces = st.sampled_from(
    [*"0123456789. TOALBCH\t-eE+x,", "TOTAL ", "BATCH ", "\u0660", "0.25", " 4 ", "1.00"]
)
report_line = st.lists(report_pieces, max_size=10).map("".join)
micr_pieces = st.sampled_from([*"0123456789TOAD ?⑆⑈⑇⑉x-", "T111000025T", "A0000004510A"])
micr_line = st.lists(micr_pieces, max_size=12).map("".join)


@FUZZ
@given(st.lists(report_line, max_size=8))
def test_coin_report_parser_raises_only_its_own_error(lines: list[str]) -> None:
    try:
        report = parse_coin_report(lines)
    except CoinReportError:
        return
    assert report.total == sum(face * n for face, n in report.counts.items())


@FUZZ
@given(st.dictionaries(st.sampled_from([1, 5, 10, 25, 50, 100]), st.integers(0, 99_999)))
def test_a_generated_coin_report_round_trips(counts: dict[int, int]) -> None:
    report = coin_report(counts)
    assert parse_coin_report(report.lines()) == report


@FUZZ
@given(st.one_of(st.text(max_size=30), st.text(st.sampled_from("0123456789 ]CI"), max_size=30)))
def test_stub_parser_raises_only_its_own_error(text: str) -> None:
    with contextlib.suppress(StubError):
        parse_stub(text)


@FUZZ
@given(st.text(st.characters(codec="ascii"), max_size=21).filter(lambda t: t != ""),
       st.integers(0, 9_999_999_999))
def test_any_account_and_amount_scanline_round_trips(seed: str, amount: int) -> None:
    account = str(abs(hash(seed)) % 10**10)
    line = DEFAULT_STUB_LAYOUT.scanline(account, amount)
    scan = parse_stub(line)
    assert (scan.account, scan.amount_due) == (account.lstrip("0") or "0", amount)


@FUZZ
@given(st.one_of(st.text(max_size=40), micr_line))
def test_micr_parser_raises_only_its_own_error(text: str) -> None:
    try:
        line = parse_micr(text)
    except MicrError:
        return
    assert len(line.routing) == 9


@FUZZ
@given(st.binary(max_size=3), st.binary(max_size=3), st.binary(max_size=3))
def test_status_parser_raises_only_its_own_error(a: bytes, b: bytes, c: bytes) -> None:
    with contextlib.suppress(PrinterStatusError):
        parse_status(a, b, c)
