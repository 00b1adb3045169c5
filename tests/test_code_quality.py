"""The code stays ruff- and mypy-clean, and the core never imports Qt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ("ledger", "devices", "sync", "reports")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


@pytest.mark.slow
def test_ruff_is_clean() -> None:
    result = run("ruff", "check", "src", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_does_not_import_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for kind in CORE
        for path in (ROOT / "src" / "cashier" / kind).rglob("*.py")
        if re.search(r"^\s*(from|import)\s+PySide6", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []
