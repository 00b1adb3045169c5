"""Starting the counter loads only what the window needs (issue #8, SPEC §8 start ≤ 1.5 s):
alembic only for a database behind the newest migration, reportlab when the first PDF is
made, python-escpos's capability file from the user's cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_window_s_modules_leave_alembic_and_reportlab_unloaded(tmp_path: Path) -> None:
    probe = ("import sys, cashier.cli.main, cashier.ui.app; "
             "print(' '.join(m for m in ('alembic', 'reportlab') if m in sys.modules))")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                         text=True, env=env).stdout.strip()
    assert out == ""
