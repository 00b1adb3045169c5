"""``cashier admin user ...`` and ``cashier pin change`` from a shell, PINs on stdin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cashier.ledger.database import Database
from tests.conftest import PINS


def run(db_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cashier.cli.main", "--db", str(db_path), *args],
                          input=stdin, capture_output=True, text=True, check=False)


def test_an_admin_adds_a_cashier_who_then_changes_the_pin(office: Database,
                                                          db_path: Path) -> None:
    adm = PINS["adm"] + "\n"
    added = run(db_path, "admin", "user", "add", "zoe", "--name", "Zoe Park", "--role",
                "cashier", "--by", "adm", stdin=adm + "555123\n555123\n")
    assert added.returncode == 0, added.stderr
    assert "zoe (Zoe Park) added as cashier by adm" in added.stdout
    differ = run(db_path, "pin", "change", "--user", "zoe", stdin="555123\n777888\n777889\n")
    assert differ.returncode == 1 and "differ" in differ.stderr
    changed = run(db_path, "pin", "change", "--user", "zoe", stdin="555123\n777888\n777888\n")
    assert changed.returncode == 0, changed.stderr
    listed = run(db_path, "admin", "user", "list", "--by", "adm", stdin=adm)
    assert any(line.startswith("zoe") and "cashier" in line and "active" in line
               for line in listed.stdout.splitlines())


def test_a_supervisor_is_not_an_admin_and_a_short_pin_is_refused(office: Database,
                                                                 db_path: Path) -> None:
    refused = run(db_path, "admin", "user", "deactivate", "raj", "--by", "sam",
                  stdin=PINS["sam"] + "\n")
    assert refused.returncode == 2 and "only an admin" in refused.stderr
    short = run(db_path, "admin", "user", "reset-pin", "raj", "--by", "adm",
                stdin=PINS["adm"] + "\n1234\n1234\n")
    assert short.returncode != 0 and "at least 6" in short.stderr
