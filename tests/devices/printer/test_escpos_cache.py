"""python-escpos's parsed capability file is kept in the user's cache and read back on the
next start, instead of being parsed again into a new temporary folder every time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = ("import cashier.devices.printer.receipt_printer, escpos.capabilities as c, os; "
         "print(c.full_load, os.path.dirname(c.pickle_path))")


def _start(cache: Path) -> tuple[bool, Path]:
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    env["XDG_CACHE_HOME"] = str(cache)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return out[0] == "True", Path(out[1])


def test_the_first_start_parses_and_the_next_reads_the_pickle(tmp_path: Path) -> None:
    parsed, folder = _start(tmp_path)
    assert parsed
    [kept] = list((tmp_path / "cashier").iterdir())
    assert kept.name.startswith("escpos-") and folder.parent == kept  # written aside, moved
    assert [p.name for p in kept.iterdir()] == [
        f"{'.'.join(map(str, sys.version_info[:3]))}.capabilities.pickle"]  # nothing half-made

    parsed, folder = _start(tmp_path)
    assert not parsed and folder == kept


def test_an_unwritable_cache_falls_back_to_parsing(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocked = tmp_path / "a-file"  # root writes anywhere; a file where a folder goes
        blocked.write_text("")
    else:
        blocked = tmp_path / "ro"
        blocked.mkdir(mode=0o500)
    parsed, _ = _start(blocked)
    assert parsed


def test_a_folder_named_by_the_environment_wins(tmp_path: Path) -> None:
    env = dict(os.environ, ESCPOS_CAPABILITIES_PICKLE_DIR=str(tmp_path),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    assert Path(out[1]) == tmp_path
    assert not (tmp_path / "cache").exists()
