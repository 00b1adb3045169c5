"""The sync commands from a shell: upgrade central, join a terminal, sync, apply, status,
and the office Daily Cash Report from central."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cashier.cli.main import main
from cashier.ledger.database import Database
from cashier.ledger.drawer.sessions import open_drawer
from tests.conftest import FLOAT
from tests.sync.office_day import at, sell_dog_license

pytestmark = pytest.mark.postgres


def run(*argv: str) -> tuple[int, list[str]]:
    printed: list[str] = []
    return main(list(argv), out=printed.append), printed


def test_join_sync_apply_and_the_office_report(central: Database, central_url: str,
                                               tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run("db", "upgrade", "--url", central_url)
    assert code == 0 and "newest schema" in out[0]
    terminal = tmp_path / "t01.sqlite3"
    code, out = run("--db", str(terminal), "sync", "join", "--central", central_url,
                    "--terminal", "T01")
    assert code == 0 and "joined" in out[0] and "accounts" in out[0]
    with Database.open(terminal) as t1:
        open_drawer(t1, "D1", "ana", FLOAT, at=at(0))
        sell_dog_license(t1, "D1", "ana", 1)
    code, out = run("--db", str(terminal), "sync", "status")
    assert out == [out[0]] and "2 operation(s) waiting" in out[0]
    code, out = run("--db", str(terminal), "sync", "run")
    assert code == 0 and out[0].startswith("pushed 2 operation(s)")
    code, out = run("central", "apply", "--url", central_url)
    assert out == ["applied 2 operation(s)"]
    code, out = run("central", "status", "--url", central_url)
    assert out[0].startswith("T01: applied up to operation 2")
    # --db too: the command opens a local database, never the user's own in a test.
    code, out = run("--db", str(tmp_path / "office.sqlite3"), "report", "daily", "--date",
                    "2026-11-23", "--json", "--central", central_url)
    report = json.loads(out[0])
    assert [s["drawer"] for s in report["sessions"]] == ["D1"]
    assert report["totals"]["receipts_net"] == "20.00"


def test_a_password_never_shows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("--db", str(tmp_path / "t.sqlite3"), "sync", "join", "--central",
                  "postgresql+psycopg://t01:s3cret@127.0.0.1:9/central", "--terminal", "T01")
    err = capsys.readouterr().err
    assert code == 1 and "unreachable" in err
    assert "s3cret" not in err and "***" in err


def test_the_grants_script_prints(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run("central", "grants")
    assert code == 0 and "cashier_terminal" in out[0]
