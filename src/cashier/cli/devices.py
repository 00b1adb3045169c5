"""``cashier devices test``: every configured device exercised once, with a report."""

from __future__ import annotations

import argparse
from pathlib import Path

from cashier.cli.common import (
    Add,
    Out,
)
from cashier.ledger.audit import trail as audit
from cashier.ledger.database import Database


def cmd_devices_test(db: Database, args: argparse.Namespace, out: Out) -> int:
    from cashier.devices.plugin import DrawerKick
    from cashier.devices.selftest import run_device_test
    from cashier.devices.settings import load_settings, settings_path

    def audit_kick(kick: DrawerKick) -> None:
        # Every kick, good or failed, is an audit event (SPEC §6).
        audit.log(db, "drawer_kick", args.user, subject=f"device:{kick.drawer}", at=kick.at,
                  detail={"reason": kick.reason, "ok": kick.ok, "error": kick.error})

    settings = load_settings(args.settings)
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
    p.add_argument("--user", default="system", help="who runs the test (for the audit trail)")
