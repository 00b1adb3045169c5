"""The ``cashier backup`` commands: take a backup now, list the generations, verify one (or
the live database), restore one, and put back what central holds after a restore.

None of them runs the start-up check first: they are how a damaged terminal is put right.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from cashier.cli.common import Add, Out
from cashier.ledger.backup import check as backup_check
from cashier.ledger.backup import folder as backup_folder
from cashier.ledger.backup import restore as backup_restore
from cashier.ledger.backup import take as backup
from cashier.ledger.database import Database
from cashier.ledger.rules.errors import CashierError
from cashier.services.backups import backup_settings


def office_url(given: str | None, db: Database) -> str:
    """Central as seen by a login that may read the terminals' operations back: --central,
    else CASHIER_OFFICE_URL, else the terminal's own link (enough only for an owner login)."""
    from cashier.sync import link, state
    from cashier.sync.office import OFFICE_ENV

    if given:
        return link.with_secret(given)
    office = os.environ.get(OFFICE_ENV)
    if office:
        return link.with_secret(office)
    with db.read() as session:
        return link.resolve(state.get(session, state.CENTRAL))


def recover(db: Database, given: str | None, out: Out) -> bool:
    """Run the recovery after a restore; True when the terminal may post again."""
    from cashier.sync import link, worker
    from cashier.sync.pull import pull
    from cashier.sync.recover import recover as recover_from_central  # replay: only here

    try:
        url = office_url(given, db)
        engine = link.central_engine(url)
    except CashierError as exc:
        out(f"WARNING: nothing can be posted until 'cashier backup recover' succeeds: {exc}")
        return False
    try:
        result = recover_from_central(db, engine, pull=pull)
    except CashierError as exc:
        out(f"WARNING: nothing can be posted until 'cashier backup recover' succeeds: {exc}")
        return False
    finally:
        engine.dispose()
    taken = f" (receipts {', '.join(result.receipts)})" if result.receipts else ""
    out(f"recovered {result.replayed} operation(s) from central{taken}; the next receipt is "
        f"{result.next_receipt}")
    if not result.aligned:
        out("note: the file's operation numbers differ from central's; the next sync puts "
            "the balances right")
    try:
        cycle = worker.sync_once(db)
        out(f"synced: pushed {cycle.pushed.sent} new operation(s) (the backup's unsent ones "
            "were already at central)")
    except CashierError as exc:
        out(f"not synced yet ({exc}); the workstation syncs on its own")
    return True


def cmd_backup(db_path: Path, args: argparse.Namespace, out: Out) -> int:
    action = args.action
    if action == "list":
        found = backup_folder.backups(db_path)
        if not found:
            out(f"no backups of {db_path} in {backup_folder.backup_dir(db_path)}")
        for info in found:
            out(info.summary())
        return 0
    if action == "verify":
        report = backup_check.verify(Path(args.file) if args.file else db_path)
        out(report.text())
        return 0 if report.ok else 1
    if action == "restore":
        if not args.file:
            raise CashierError("backup restore needs the backup FILE (see 'cashier backup "
                               "list')")
        return _restore(db_path, Path(args.file), args.central, out)
    with Database.open(db_path, create=False) as db:
        if action == "recover":
            if backup_restore.pending_restore(db) is None:
                out(f"{db_path} is not waiting for a recovery; nothing to do")
                return 0
            return 0 if recover(db, args.central, out) else 1
        generations = args.generations or backup_settings().generations
        taken = backup.take_backup(db, reason="manual", generations=generations)
        assert taken is not None  # only a scheduled backup skips an unchanged database
        out(f"backup: {taken.path} ({taken.path.stat().st_size / 1e6:.1f} MB, last receipt: "
            f"{taken.last_receipts()}); keeping {generations} generation(s)")
    return 0


def _restore(db_path: Path, file: Path, central: str | None, out: Out) -> int:
    result = backup_restore.restore(file, db_path)
    out(result.report.text())
    out(f"restored {db_path} from {file}")
    for aside in result.replaced:
        out(f"  kept the replaced file as {aside}")
    if not result.pending:
        out("this terminal is not joined to central: anything taken after the backup is not "
            "in it; compare the last paper receipt with 'cashier backup list' before the "
            "first payment")
        return 0
    with Database.open(db_path, create=False) as db:
        recovered = recover(db, central, out)
    return 0 if recovered else 1


def add_commands(add: Add) -> None:
    p = add("backup", cmd_backup, "back up this terminal's database now, list or verify "
            "backups, restore one (the replaced file is kept), recover after a restore",
            opens_db=False)
    p.add_argument("action", choices=["now", "list", "verify", "restore", "recover"])
    p.add_argument("file", nargs="?", help="verify: a backup (default: the live database); "
                   "restore: the backup to put back")
    p.add_argument("--generations", type=int, metavar="N",
                   help="now: how many backups to keep (default: settings [backup], 10)")
    p.add_argument("--central", metavar="URL",
                   help="restore, recover: central with a login that may read the terminals' "
                   "operations (default: CASHIER_OFFICE_URL, else this terminal's link)")
