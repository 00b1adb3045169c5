"""Where python-escpos keeps its parsed printer capabilities between starts.

python-escpos parses its capability file (every known printer model, ~1 MB) when it is first
imported and pickles the result so the next import need not, but by default into a new
temporary folder each time: the pickle is never found again, every start of the counter
paid ~0.13 s of a 1.5 s budget to parse it (docs/performance.md, "GUI"), and each start left
a folder behind in /tmp. ``prepare`` points it at a folder in the user's cache instead.

The pickle is written by python-escpos with a plain ``open(…, "wb")``, which a second
program starting at the same moment could read half-written; so it is only ever written
into a private folder and then moved into place whole. One folder per python-escpos
version, so an upgrade never reads the old one (and python-escpos never rewrites it in
place).
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

PICKLE_DIR = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    version = importlib.metadata.version("python-escpos")
    return Path(base) / "cashier" / f"escpos-{version}"


def prepare() -> None:
    """Before python-escpos is first imported: reuse the pickle, or make it once."""
    if PICKLE_DIR in os.environ or "escpos.capabilities" in sys.modules:
        return  # set by whoever runs us, or too late to matter
    try:
        folder = cache_folder()
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, importlib.metadata.PackageNotFoundError):
        return  # no cache then: python-escpos parses the file, as it always did
    name = f"{platform.python_version()}.capabilities.pickle"
    if (folder / name).is_file():
        os.environ[PICKLE_DIR] = str(folder)
        return
    try:
        private = tempfile.mkdtemp(prefix=".new-", dir=folder)
    except OSError:
        return
    os.environ[PICKLE_DIR] = private
    try:
        import escpos.capabilities  # noqa: F401  (parses the file, writes the pickle)

        with contextlib.suppress(OSError):
            os.replace(Path(private) / name, folder / name)
    finally:
        os.environ[PICKLE_DIR] = str(folder)
        shutil.rmtree(private, ignore_errors=True)
