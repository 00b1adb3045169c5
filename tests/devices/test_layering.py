from __future__ import annotations

import subprocess
import sys


def test_the_device_layer_imports_neither_qt_nor_the_database() -> None:
    code = (
        "import pkgutil, importlib, sys, cashier.devices as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'cashier.devices.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in ('PySide6', 'sqlalchemy')]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
