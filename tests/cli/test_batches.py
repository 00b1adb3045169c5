"""Issue #9 done-when, from the shell: a supervisor keys a mail batch of 20 stubs, balances
it to its tape, posts it, and the DCR shows the batch, its checks in the deposit and the
service notices it triggered."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from cashier.devices.stub_scanner import DEFAULT_STUB_LAYOUT
from cashier.ledger.accounts import status as service_status
from cashier.ledger.database import Database
from cashier.ledger.reference.catalog import ChargeSpec, add_account

ROUTING = "111000025"
TODAY = dt.date.today()


def run(db_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cashier.cli.main", "--db", str(db_path), *args],
                          input=stdin, capture_output=True, text=True, check=False)


def test_a_mail_batch_of_twenty_from_the_command_line(office: Database, db_path: Path) -> None:
    numbers = [f"3{i:06d}" for i in range(20)]
    with office.write() as s:
        for i, number in enumerate(numbers):
            add_account(s, number, f"MAILER {i}", f"{i} PINE ST", charges=[
                ChargeSpec("water", dt.date(2026, 10, 1), 3000 + i)])
        for number in numbers[:2]:  # two of them pay to stop a disconnect
            service_status.set_status(
                s, number, service_status.checked("disconnect_pending",
                                                  TODAY + dt.timedelta(days=3), 3000),
                cause="billing", at=dt.datetime.now().astimezone())
    amounts = [3000 + i for i in range(20)]
    stubs = [f"{DEFAULT_STUB_LAYOUT.scanline(n, a)} {a // 100}.{a % 100:02d} {500 + i} "
             f"{ROUTING}" for i, (n, a) in enumerate(zip(numbers, amounts, strict=True))]
    # One stub misread (bad check digit) is set aside; the tape still counts its check.
    bad = stubs[19].split(" ")
    bad[0] = bad[0][:-1] + str((int(bad[0][-1]) + 1) % 10)
    stubs[19] = " ".join(bad)
    tape_total = sum(amounts)
    opened = run(db_path, "batch", "open", "--terminal", "T01", "--count", "20", "--total",
                 f"{tape_total // 100}.{tape_total % 100:02d}", "--user", "sam",
                 stdin="246813\n")
    assert opened.returncode == 0, opened.stderr
    assert "batch T01-B0001 opened" in opened.stdout
    # A first keying session stops after 12 stubs and the batch is out of balance.
    keyed = run(db_path, "batch", "key", "T01-B0001", "--user", "sam",
                stdin="246813\n" + "\n".join(stubs[:12]) + "\nnot a stub line\n")
    assert keyed.returncode == 1 and "line 13: refused" in keyed.stdout
    assert "OUT OF BALANCE by -8 items" in keyed.stdout
    early = run(db_path, "batch", "post", "T01-B0001", "--user", "sam", stdin="246813\n")
    assert early.returncode == 2 and "out of balance" in early.stderr
    keyed = run(db_path, "batch", "key", "T01-B0001", "--user", "sam",
                stdin="246813\n" + "\n".join(stubs[12:]) + "\n")
    assert keyed.returncode == 0, keyed.stdout + keyed.stderr
    assert "SET ASIDE bad_check_digit" in keyed.stdout and "BALANCED" in keyed.stdout
    posted = run(db_path, "batch", "post", "T01-B0001", "--user", "sam", stdin="246813\n")
    assert posted.returncode == 0, posted.stderr
    assert "T01-M-000019" in posted.stdout
    assert posted.stdout.count("SERVICE NOTICE: CANCEL DISCONNECT") == 2
    notices = run(db_path, "notices", "--date", TODAY.isoformat())
    assert notices.stdout.count("CANCEL DISCONNECT") == 2
    report = run(db_path, "report", "daily", "--date", TODAY.isoformat(), "--json")
    assert report.returncode == 0, report.stderr
    dcr = json.loads(report.stdout)
    (batch,) = dcr["batches"]
    assert (batch["posted_count"], batch["set_aside_count"], batch["balanced"]) == (19, 1, True)
    assert [n["account"] for n in dcr["service_notices"]] == numbers[:2]
    assert [e["kind"] for e in dcr["exceptions"]] == ["batch_exception"]
    deposit = run(db_path, "deposit", "make", "--date", TODAY.isoformat(), "--prepared-by",
                  "sam", "--verified-by", "lee", "--bag", "B-77", stdin="246813\n135792\n")
    assert deposit.returncode == 0, deposit.stderr
    dcr = json.loads(run(db_path, "report", "daily", "--date", TODAY.isoformat(),
                         "--json").stdout)
    assert dcr["deposit"]["check_count"] == 19
    assert dcr["deposit"]["checks"] == f"{(tape_total - amounts[19]) / 100:.2f}"
    assert all(i["passed"] for i in dcr["identities"])
    pdf = db_path.parent / "dcr.pdf"
    assert run(db_path, "report", "daily", "--date", TODAY.isoformat(), "--pdf",
               str(pdf)).returncode == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Remittance batches" in text and "T01-B0001" in text
    assert "Service notices" in text and "CANCEL DISCONNECT" in text


def test_batch_show_writes_the_printable_batch_report(office: Database, db_path: Path) -> None:
    assert run(db_path, "batch", "open", "--terminal", "T01", "--kind", "drop_box", "--count",
               "3", "--total", "130.00", "--user", "sam", stdin="246813\n").returncode == 0
    keyed = run(db_path, "batch", "key", "T01-B0001", "--user", "sam",
                stdin=f"246813\n1000002 60.00 1042 {ROUTING}\n9999999 20.00 77 {ROUTING}\n")
    assert keyed.returncode == 0, keyed.stdout + keyed.stderr
    pdf = db_path.parent / "batch.pdf"
    shown = run(db_path, "batch", "show", "T01-B0001", "--pdf", str(pdf))
    assert shown.returncode == 0, shown.stderr
    # The text report is as it was, and says where the PDF went.
    assert "OUT OF BALANCE by -1 items, -$50.00" in shown.stdout
    assert shown.stdout.rstrip().endswith(f"Batch report written to {pdf}")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Remittance Batch Report" in text and "T01-B0001" in text
    assert "City customer service office" in text and "Drop box" in text
    assert "OUT OF BALANCE by -1 items, -50.00" in text
    assert "Account does not exist" in text and "Return to customer" in text
    refused = run(db_path, "batch", "post", "T01-B0001", "--user", "sam", "--pdf", str(pdf),
                  stdin="246813\n")
    assert refused.returncode == 2 and "--pdf goes with batch show" in refused.stderr
