"""Run a demo day through the ``cashier`` command and write what it printed, the day's DCR
JSON and its journal export to one snapshot file, times and ids masked.

Written for issue #18 (the package layout): a move of modules must not change what the
program does, so the snapshot of the tree before the move and of the tree after it must be
byte-identical. Run it with each tree's source first on the path:

    PYTHONPATH=OLD/src python scripts/compare_layout.py before.txt
    PYTHONPATH=src     python scripts/compare_layout.py after.txt
    cmp before.txt after.txt

Times, UUIDs, hashes and temporary paths differ from run to run and are masked; everything
else (amounts, receipt numbers, refusals, the order of lines and keys) is compared as is.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

MASKS = (
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:?\d\d|Z)?"), "<TIME>"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<UUID>"),
    (re.compile(r"\b[0-9a-f]{32,}\b"), "<HASH>"),
    (re.compile(r"(scrypt|\$argon2\w*)\$[^\"\s]+"), "<PINHASH>"),
    (re.compile(r"\d{8}T\d{6}"), "<STAMP>"),
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:<PORT>"),
)

RUNNER = (
    "import sys\n"
    "try:\n"
    "    from cashier.cli.main import main\n"
    "except ImportError:\n"
    "    from cashier.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def masked(text: str, folder: str) -> str:
    text = text.replace(folder, "<TMP>")
    for pattern, mark in MASKS:
        text = pattern.sub(mark, text)
    return text


def run(folder: str, args: list[str], pins: str = "") -> str:
    result = subprocess.run([sys.executable, "-c", RUNNER, "--db", f"{folder}/demo.sqlite3",
                             *args], input=pins, capture_output=True, text=True,
                            env=os.environ | {"CASHIER_SETTINGS": f"{folder}/none.toml"})
    return (f"$ cashier {' '.join(args)}\n[exit {result.returncode}]\n{result.stdout}"
            f"{result.stderr}\n")


def day_commands(today: str) -> list[tuple[list[str], str]]:
    return [
        (["demo", "--accounts", "300", "--seed", "7"], ""),
        (["tour"], ""),
        (["find", "RUIZ"], ""),
        (["account", "1000001"], ""),
        (["pay", "--drawer", "D1", "--cashier", "ana", "--account", "1000002=30.00",
          "--item", "DOGA,ref=TAG-88", "--tender", "cash=60.00"], "482193\n"),
        (["pay", "--drawer", "D1", "--cashier", "ana", "--account", "1000003=999999.00",
          "--tender", "cash=999999.00"], "482193\n"),
        (["void", "T01-000002", "--cashier", "ana", "--approver", "ana", "--reason", "x"],
         "482193\n482193\n"),
        (["receipt", "T01-000002", "--entries"], ""),
        (["receipt", "T01-000002", "--reprint", "--user", "ana"], "482193\n"),
        (["drawer", "no-sale", "D1", "--user", "ana", "--reason", "make change"], "482193\n"),
        (["drawer", "drop", "D1", "--user", "ana", "--witness", "sam", "--cash", "20.00=2"],
         "482193\n246813\n"),
        (["balances"], ""),
        (["drawer", "close", "D1", "--user", "ana", "--cash",
          "20.00=5,10.00=5,5.00=6,1.00=20"], "482193\n"),
        (["drawer", "show", "D1"], ""),
        (["drawer", "approve", "D1", "--user", "sam", "--note", "checked"], "246813\n"),
        (["report", "daily", "--date", today], ""),
        (["report", "daily", "--date", today, "--json"], ""),
        (["deposit", "show", "--date", today], ""),
        (["deposit", "make", "--date", today, "--prepared-by", "sam", "--verified-by", "sam",
          "--bag", "B-1"], "246813\n246813\n"),
        (["deposit", "make", "--date", today, "--prepared-by", "sam", "--verified-by", "lee",
          "--bag", "B-1"], "246813\n135792\n"),
        (["day", "close", "--date", today, "--user", "sam"], "246813\n"),
        (["report", "daily", "--date", today, "--json"], ""),
        (["journal", "export", "--date", today], ""),
        (["audit", "verify"], ""),
        (["notices", "--date", today], ""),
        (["batch", "list"], ""),
        (["devices", "test", "--user", "ana"], "482193\n"),  # its kick needs a PIN (C9)
    ]


def main(out_file: str) -> int:
    today = dt.date.today().isoformat()
    with tempfile.TemporaryDirectory() as folder:
        lines = [run(folder, args, pins) for args, pins in day_commands(today)]
        Path(out_file).write_text(masked("".join(lines), folder), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
