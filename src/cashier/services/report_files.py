"""The PDFs a supervisor signs or files, written for the command line and the screens alike:
the Daily Cash Report, the deposit slip, a remittance batch's report.

reportlab is imported with the first PDF, not when the program starts (SPEC §8: the counter
is usable in a second; docs/performance.md, "GUI"). Each writer makes the folder and returns
the path it wrote; the program's umask makes the file owner-only (SPEC §11).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cashier.ledger.database import Database
from cashier.ledger.reference import office
from cashier.ledger.remittance import batches as remittance
from cashier.ledger.rules.values import now


def _folder_for(path: Path | str) -> Path:
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_daily_cash_report(report: Mapping[str, Any], path: Path | str) -> Path:
    from cashier.reports.daily_cash_pdf import render_daily_cash_report

    path = _folder_for(path)
    render_daily_cash_report(report, path)
    return path


def write_deposit_slip(report: Mapping[str, Any], path: Path | str) -> Path:
    from cashier.reports.deposit_slip_pdf import render_deposit_slip

    path = _folder_for(path)
    render_deposit_slip(report, path)
    return path


def write_batch_report(db: Database, code: str, path: Path | str) -> Path:
    """The batch as it now stands, headed with the office's name."""
    from cashier.reports.batch_report_pdf import render_batch_report

    batch = remittance.get_batch(db, code)
    with db.read() as session:
        name = office.get(session, office.OFFICE_NAME)
    path = _folder_for(path)
    render_batch_report(batch, path, office=name, printed_at=now())
    return path
