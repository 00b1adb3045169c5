"""The supervisors' read-only view of the whole office on central (SPEC §7).

Terminals log in to central as ``cashier_terminal``, which cannot read drawer sessions;
a supervisor's office view uses a ``cashier_office`` login instead, given in
``CASHIER_OFFICE_URL`` (its password, if not in the URL, from ``CASHIER_CENTRAL_PASSWORD`` or
the keyring, as for the terminal's own link).
"""

from __future__ import annotations

import os
import threading

from cashier.ledger.database import Database
from cashier.ledger.rules.errors import CashierError
from cashier.sync.link import open_central, with_secret

OFFICE_ENV = "CASHIER_OFFICE_URL"


class OfficeLink:
    """Central opened once, on first use, from whichever thread asks first."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url if url is not None else os.environ.get(OFFICE_ENV, "")
        self._db: Database | None = None
        self._lock = threading.Lock()

    @property
    def configured(self) -> bool:
        return bool(self.url)

    def database(self) -> Database:
        with self._lock:
            if self._db is None:
                if not self.url:
                    raise CashierError(f"no office view: {OFFICE_ENV} is not set")
                self._db = open_central(with_secret(self.url))
            return self._db

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.dispose()
                self._db = None
