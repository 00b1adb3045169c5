"""``cashier devices test``: every configured device exercised once, with a report. The test
opens the cash drawer, so it needs a signed-in user and its kick is a no-sale (C9)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cashier.cli.common import Add, Out, signed_in
from cashier.ledger.database import Database
from cashier.ledger.drawer import cash_movements


def cmd_devices_test(db: Database, args: argparse.Namespace, out: Out) -> int:
    from cashier.devices.plugin import DrawerKick
    from cashier.devices.selftest import run_device_test
    from cashier.devices.settings import load_settings, settings_path

    def audit_kick(kick: DrawerKick) -> None:
        cash_movements.device_kick(db, kick.drawer, args.user, kick.reason, at=kick.at,
                                   ok=kick.ok, error=kick.error)

    settings = load_settings(args.settings)
    # The test kicks the drawer open: only someone signed in may, and it is a no-sale (C9).
    signed_in(db, args.user)
    out(f"device settings: {settings_path(args.settings)}")
    report = run_device_test(settings, on_kick=audit_kick)
    out(report.format())
    return 0 if report.ok else 1


def add_commands(add: Add) -> None:
    p = add("devices", cmd_devices_test, "exercise every configured device (simulators by "
            "default) and print a report")
    p.add_argument("action", choices=["test"])
    p.add_argument("--settings", type=Path, default=None,
                   help="settings TOML (default: CASHIER_SETTINGS or the user config dir)")
    p.add_argument("--user", required=True, help="who runs the test (asks for the PIN: the "
                   "test opens the cash drawer, logged as a no-sale, C9)")
