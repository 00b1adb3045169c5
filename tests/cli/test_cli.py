"""The ``cashier`` command: a payment and a supervisor void from the shell, PINs on stdin."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cashier.cli.common import parse_item, parse_tender
from cashier.cli.main import main
from cashier.ledger import books
from cashier.ledger.database import Database
from cashier.ledger.rules.errors import InvalidLine, InvalidTender
from cashier.ledger.rules.values import CardTender, CheckTender, ItemSale


def run(db_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cashier.cli.main", "--db", str(db_path), *args],
                          input=stdin, capture_output=True, text=True, check=False)


def test_pay_and_void_from_the_command_line(db: Database, db_path: Path) -> None:
    paid = run(db_path, "pay", "--drawer", "D1", "--cashier", "ana",
               "--account", "1000001=45.10", "--item", "DOGA,ref=TAG-88",
               "--tender", "cash=30.00", "--tender", "check=35.10,number=1042,routing=111000025",
               stdin="482193\n")
    assert paid.returncode == 0, paid.stderr
    assert "Receipt T01-000001" in paid.stdout and "$65.10" in paid.stdout

    voided = run(db_path, "void", "T01-000001", "--cashier", "ana", "--approver", "sam",
                 "--reason", "wrong account", stdin="482193\n246813\n")
    assert voided.returncode == 0, voided.stderr
    assert "VOID" in voided.stdout
    assert books.account_view(db, "1000001").open_total == 4510 + 3000 + 8000
    assert all(e.balanced for e in books.entries_for_receipt(db, "T01-000001"))


def test_wrong_pin_refuses_the_payment(db: Database, db_path: Path) -> None:
    result = run(db_path, "pay", "--drawer", "D1", "--cashier", "ana", "--item", "DOGA",
                 "--tender", "cash=20.00", stdin="0000\n")
    assert result.returncode == 2
    assert "refused (C14): wrong PIN for ana" in result.stderr
    assert books.all_entries(db) == []


def test_refusal_names_the_rule(db: Database, db_path: Path) -> None:
    result = run(db_path, "pay", "--drawer", "D1", "--cashier", "ana", "--account",
                 "1000003=10.00", "--tender", "check=10.00,number=9,routing=111000025",
                 stdin="482193\n")
    assert result.returncode == 2
    assert "refused (C16)" in result.stderr


def test_self_approved_void_is_refused(db: Database, db_path: Path) -> None:
    run(db_path, "pay", "--drawer", "D3", "--cashier", "sam", "--item", "DOGA",
        "--tender", "cash=20.00", stdin="246813\n")
    result = run(db_path, "void", "T03-000001", "--cashier", "sam", "--approver", "sam",
                 "--reason", "oops", stdin="246813\n246813\n")
    assert result.returncode == 2 and "refused (C3)" in result.stderr


def test_parses_tender_and_item_arguments() -> None:
    assert parse_tender("check=45.10,number=1042,routing=111000025,account=987654321") == \
        CheckTender(4510, "1042", "111000025", "987654321")
    assert parse_tender("card=20.00,brand=VISA,last4=4242,auth=A1") == \
        CardTender(2000, "VISA", "4242", "A1")
    assert parse_item("BLDP,qty=2,ref=P-1,amount=150.00") == ItemSale("BLDP", 2, "P-1", 15000)
    with pytest.raises(InvalidTender, match="needs routing"):
        parse_tender("check=1.00,number=1")
    with pytest.raises(InvalidTender, match="does not take pan"):
        parse_tender("card=1.00,brand=V,last4=1234,auth=A,pan=4111111111111111")
    with pytest.raises(InvalidLine, match="qty"):
        parse_item("DOGA,qty=two")


def test_demo_then_tour(tmp_path: Path) -> None:
    out = io.StringIO()
    path = tmp_path / "demo.sqlite3"
    assert main(["--db", str(path), "demo", "--accounts", "200"],
                out=lambda s: print(s, file=out)) == 0
    assert main(["--db", str(path), "tour"], out=lambda s: print(s, file=out)) == 0
    text = out.getvalue()
    assert "account charges restored exactly: yes" in text
    assert "intact" in text


def test_audit_verify_command(db: Database, db_path: Path) -> None:
    result = run(db_path, "audit", "verify")
    assert result.returncode == 0 and "audit trail intact" in result.stdout


def test_devices_test_runs_the_simulators_and_audits_the_kick(
        office: Database, db_path: Path, tmp_path: Path) -> None:
    from sqlalchemy import select

    from cashier.ledger.store.models import AuditEvent

    settings = tmp_path / "settings.toml"
    settings.write_text("# no [devices.*] tables: every device is its simulator\n")
    test = ["devices", "test", "--user", "sam", "--settings", str(settings)]
    refused = run(db_path, *test, stdin="0000\n")
    assert refused.returncode == 2 and "ALL DEVICES OK" not in refused.stdout
    result = run(db_path, *test, stdin="246813\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ALL DEVICES OK" in result.stdout
    with office.read() as s:
        kicks = s.scalars(select(AuditEvent).where(
            AuditEvent.kind.in_(("drawer_kick", "no_sale")))).all()
    # The kick opened the drawer: a no-sale in the signed-in user's name (C9).
    assert [(k.kind, k.actor, k.subject) for k in kicks] == [
        ("drawer_kick", "sam", "device:cash drawer"), ("no_sale", "sam", "device:cash drawer")]
    report = json.loads(run(db_path, "report", "daily", "--date", kicks[0].at.date().isoformat(),
                            "--json").stdout)
    assert {"kind": "no_sale", "who": "sam", "reason": "device test"}.items() <= next(
        e for e in report["exceptions"] if e["kind"] == "no_sale").items()


def test_handoff_needs_both_pins(db: Database, db_path: Path) -> None:
    count = "--cash", "20.00=5,10.00=5,5.00=6,1.00=20"
    wrong = run(db_path, "drawer", "handoff", "D1", "--user", "ana", "--to", "lee", *count,
                stdin="482193\n0000\n")
    assert wrong.returncode == 2
    assert "wrong PIN for lee" in wrong.stderr
    moved = run(db_path, "drawer", "handoff", "D1", "--user", "ana", "--to", "lee", *count,
                stdin="482193\n135792\n")
    assert moved.returncode == 0, moved.stderr
    assert "handed off" in moved.stdout and "handed over to lee" in moved.stdout
    assert "relief of session" in moved.stdout


def test_journal_export_and_replay_from_the_command_line(db: Database, db_path: Path,
                                                         tmp_path: Path) -> None:
    paid = run(db_path, "pay", "--drawer", "D1", "--cashier", "ana", "--item", "DOGA",
               "--tender", "cash=20.00", stdin="482193\n")
    assert paid.returncode == 0, paid.stderr
    journal = tmp_path / "day.jsonl"
    # The drawers opened on 2026-11-23; the payment is dated by the clock, maybe a later day.
    taken = dt.date.today()
    exported = run(db_path, "journal", "export", "--date", "2026-11-23", "--through",
                   max(taken, dt.date(2026, 11, 23)).isoformat(), "--out", str(journal))
    assert exported.returncode == 0, exported.stderr
    new = tmp_path / "new.sqlite3"
    # SPEC §4 puts --db after the command.
    result = subprocess.run([sys.executable, "-m", "cashier.cli.main", "journal", "replay",
                             str(journal), "--db", str(new)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "1 payment" in result.stdout and "3 open_drawer" in result.stdout
    broken = tmp_path / "broken.jsonl"
    broken.write_text(journal.read_text() + '{"v":1,"op":"payment"\n', encoding="utf-8")
    stopped = run(tmp_path / "other.sqlite3", "journal", "replay", str(broken))
    assert stopped.returncode == 2
    lines = len(broken.read_text().splitlines())
    assert f"line {lines} refused (journal): not JSON" in stopped.stderr
    assert not (tmp_path / "other.sqlite3").exists()


def test_a_supervisor_closes_the_day_from_the_command_line(office: Database, db_path: Path,
                                                          tmp_path: Path) -> None:
    from tests.ledger.journal.test_journal import run_shift
    run_shift(office)
    shown = run(db_path, "deposit", "show", "--date", "2026-11-23")
    assert shown.returncode == 0, shown.stderr
    assert "total $242.00" in shown.stdout
    early = run(db_path, "day", "close", "--date", "2026-11-23", "--user", "sam",
                stdin="246813\n")
    assert early.returncode == 2 and "refused (C11)" in early.stderr
    slip = tmp_path / "slip.pdf"
    made = run(db_path, "deposit", "make", "--date", "2026-11-23", "--prepared-by", "sam",
               "--verified-by", "lee", "--bag", "B-5521", "--slip", str(slip),
               stdin="246813\n135792\n")
    assert made.returncode == 0, made.stderr
    assert slip.stat().st_size > 0
    closed = run(db_path, "day", "close", "--date", "2026-11-23", "--user", "sam",
                 stdin="246813\n")
    assert closed.returncode == 0, closed.stderr
    pdf = tmp_path / "dcr.pdf"
    report = run(db_path, "report", "daily", "--date", "2026-11-23", "--pdf", str(pdf))
    assert report.returncode == 0, report.stderr
    assert "0 FAIL" in report.stdout and pdf.stat().st_size > 0
    as_json = run(db_path, "report", "daily", "--date", "2026-11-23", "--json")
    data = json.loads(as_json.stdout)
    assert data["status"] == "closed" and data["deposit"]["bag"] == "B-5521"
    reprinted = run(db_path, "receipt", "T01-000001", "--reprint", "--user", "ana",
                    stdin="482193\n")
    # Reprinted today: logged (C10) unless today is the closed day itself (C12).
    assert reprinted.returncode in (0, 2), reprinted.stderr
    assert "*** COPY ***" in reprinted.stdout or "refused (C12)" in reprinted.stderr


def test_what_the_command_writes_is_the_owner_s_alone(db: Database, db_path: Path,
                                                      tmp_path: Path) -> None:
    """SPEC §11: exports and reports are created 0600 whatever the shell's umask."""
    journal, pdf = tmp_path / "day.jsonl", tmp_path / "dcr.pdf"
    for args in (("journal", "export", "--date", "2026-11-23", "--out", str(journal)),
                 ("report", "daily", "--date", "2026-11-23", "--pdf", str(pdf))):
        done = subprocess.run(["sh", "-c", 'umask 022 && exec "$@"', "sh", sys.executable,
                               "-m", "cashier.cli.main", "--db", str(db_path), *args],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    assert {oct(p.stat().st_mode & 0o777) for p in (journal, pdf)} == {"0o600"}


@pytest.mark.parametrize("bad", ["qty=²", "qty=٣", "qty=３", "qty=-1", "qty=0", "qty= "])
def test_a_quantity_is_ascii_digits_only(bad: str) -> None:
    with pytest.raises(InvalidLine, match="qty"):
        parse_item(f"DOGA,{bad}")


@pytest.mark.parametrize("bad", ["20.00=²", "20.00=٣", "20.00=５", "20.00=-2", "20.00"])
def test_a_cash_count_is_ascii_digits_only(bad: str) -> None:
    from cashier.cli.common import parse_count

    with pytest.raises(InvalidLine, match="20.00"):
        parse_count(bad)
