"""``cashier central apply --watch``: apply the terminals' pushed operations as they arrive,
through a central server that restarts or drops off the network.

A connection failure is not the end of the watch: the applier says central is unreachable,
waits (doubling up to a minute, so a long outage is not a storm of connection attempts) and
tries again; when central answers it says so and goes on at the normal pace. Nothing is lost
meanwhile: the pushed operations wait in central's inbox, the terminals work offline, and an
operation is applied exactly once because its inbox row is stamped in the same transaction.
Errors that are not about reaching central (a refused login, a missing grant) still stop it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import sqlalchemy.exc

from cashier.ledger.database import Database
from cashier.sync.central import ApplyResult, apply_pending
from cashier.sync.link import unreachable

MAX_WAIT_S = 60.0

Say = Callable[[str], None]


def watch(central: Database, every: float, say: Say, *, rounds: int | None = None,
          sleep: Callable[[float], None] = time.sleep, max_wait: float = MAX_WAIT_S) -> None:
    """Apply, then sleep ``every`` seconds, for ever (or ``rounds`` times, for tests)."""
    url = central.engine.url.render_as_string(hide_password=True)
    wait, down, done = every, False, 0
    while rounds is None or done < rounds:
        done += 1
        try:
            result = apply_pending(central)
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError) as exc:
            wait = min(wait * 2, max_wait) if down else every
            down = True
            say(f"{unreachable(url, exc)}; trying again in {wait:g} s")
            sleep(wait)
            continue
        if down:
            say("central is reachable again")
            down, wait = False, every
        report(result, say, quiet_when_idle=True)
        sleep(every)


def report(result: ApplyResult, say: Say, *, quiet_when_idle: bool = False) -> None:
    if result.applied or not quiet_when_idle:
        say(f"applied {result.applied} operation(s)")
    for terminal, reason in sorted(result.stopped.items()):
        say(f"{terminal} is stopped: {reason}")
