"""The terminal's sync cycle: push the outbox, then pull; on failure, work offline and retry
with backoff. Runs on its own thread so the counter never waits for the network."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, replace

from sqlalchemy import Engine

from cashier.ledger.database import Database
from cashier.ledger.rules.errors import CashierError
from cashier.sync import state
from cashier.sync.link import CentralRefused, CentralUnreachable, central_engine, resolve
from cashier.sync.pull import PullResult, pull
from cashier.sync.push import PushResult, push

log = logging.getLogger(__name__)

INTERVAL_S = 5.0
BACKOFF_MAX_S = 120.0


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    online: bool
    backlog: int  # operations central does not hold yet
    last_ok_at: str | None
    last_error: str | None


def status(db: Database) -> SyncStatus:
    with db.read() as session:
        return SyncStatus(configured=state.get(session, state.CENTRAL) is not None,
                          online=state.get(session, state.LINK) == state.ONLINE,
                          backlog=state.backlog(session),
                          last_ok_at=state.get(session, state.LAST_OK),
                          last_error=state.get(session, state.LAST_ERROR))


@dataclass(frozen=True)
class CycleResult:
    pushed: PushResult
    pulled: PullResult


def sync_once(db: Database, central: Engine | None = None) -> CycleResult:
    """One push-then-pull; records the link as online or offline either way."""
    with db.read() as session:
        terminal = state.get(session, state.TERMINAL)
        stored = state.get(session, state.CENTRAL)
    if terminal is None:
        raise CentralRefused("this terminal has not joined a central database "
                             "('cashier sync join')")
    try:
        engine = central or central_engine(resolve(stored))
        try:
            pushed = push(db, engine, terminal)
            pulled = pull(db, engine, terminal)
        finally:
            if central is None:
                engine.dispose()
    except CentralUnreachable as exc:
        _record(db, state.OFFLINE, error=str(exc))
        raise
    except CentralRefused as exc:
        _record(db, state.OFFLINE, error=str(exc))
        raise
    _record(db, state.ONLINE, error=None)
    return CycleResult(pushed, pulled)


def _record(db: Database, link: str, *, error: str | None) -> None:
    with db.write() as session:
        state.put(session, state.LINK, link)
        if error is None:
            state.put(session, state.LAST_OK, dt.datetime.now().astimezone().isoformat())
            state.put(session, state.LAST_ERROR, "")
        else:
            state.put(session, state.LAST_ERROR, error)


class SyncWorker:
    """Runs ``sync_once`` every ``interval`` seconds on a daemon thread, backing off up to
    ``BACKOFF_MAX_S`` while central is away. ``status`` is a snapshot, safe from any thread."""

    def __init__(self, db: Database, *, interval: float = INTERVAL_S) -> None:
        self._db = db
        self._interval = interval
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._status = status(db)
        self._thread = threading.Thread(target=self._run, name="cashier-sync", daemon=True)

    @property
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def start(self) -> None:
        self._thread.start()

    def nudge(self) -> None:
        """Sync now (after a payment) instead of at the next tick."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        # The snapshot is refreshed every ``interval`` (a local read), so the backlog on the
        # status bar is current even while attempts to reach central are backing off.
        delay = self._interval
        next_try = 0.0
        while not self._stop.is_set():
            nudged = self._wake.is_set()
            self._wake.clear()
            if nudged or time.monotonic() >= next_try:
                delay = self._attempt(delay)
                next_try = time.monotonic() + delay
            try:
                snapshot = status(self._db)
            except CashierError:
                snapshot = replace(self.status, online=False)
            with self._lock:
                self._status = snapshot
            self._wake.wait(self._interval)

    def _attempt(self, delay: float) -> float:
        """One sync; the delay until the next (longer each time central stays away)."""
        try:
            sync_once(self._db)
            return self._interval
        except CashierError as exc:
            log.warning("sync: %s", exc)
        except Exception:  # a sync bug must not take the counter down
            log.exception("sync failed")
        return min(max(delay, 1.0) * 2, BACKOFF_MAX_S)
