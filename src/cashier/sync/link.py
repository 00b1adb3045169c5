"""Where central is and how to reach it, without ever writing its password down.

The terminal stores central's URL without a password. The password comes from
``CASHIER_CENTRAL_PASSWORD`` or the OS keyring (service ``cashier``, user = the URL); a full
URL in ``CASHIER_CENTRAL_URL`` overrides both. ``sslmode`` and other libpq options ride in the
URL's query string (``?sslmode=verify-full``) and reach libpq unchanged.
"""

from __future__ import annotations

import os

import sqlalchemy.exc
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from cashier.ledger.database import Database
from cashier.ledger.rules.errors import CashierError

URL_ENV = "CASHIER_CENTRAL_URL"
PASSWORD_ENV = "CASHIER_CENTRAL_PASSWORD"
KEYRING_SERVICE = "cashier"
CONNECT_TIMEOUT_S = 5


class CentralUnreachable(CashierError):
    """Central cannot be reached or dropped the connection; the terminal carries on offline."""


class CentralRefused(CashierError):
    """Central answered but refused (wrong credentials, missing grants, bad URL)."""


def parse_url(text: str) -> URL:
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise CentralRefused(f"central URL is not a database URL: {exc}") from None
    if not url.drivername.startswith("postgresql"):
        raise CentralRefused(f"central must be PostgreSQL, not {url.drivername}")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def stored_form(text: str) -> str:
    """The URL as the terminal may keep it: the password removed."""
    return parse_url(text).set(password=None).render_as_string(hide_password=False)


def redact(text: str) -> str:
    """The URL as it may appear in logs and messages."""
    try:
        return parse_url(text).render_as_string(hide_password=True)
    except CentralRefused:
        return "<unreadable URL>"


def resolve(stored: str | None) -> str:
    """The URL to connect with: the environment's, else ``stored`` plus the secret password."""
    env = os.environ.get(URL_ENV)
    if env:
        return parse_url(env).render_as_string(hide_password=False)
    if not stored:
        raise CentralRefused(f"no central database configured (set {URL_ENV} or run "
                             "'cashier sync join')")
    return with_secret(stored)


def with_secret(text: str) -> str:
    """``text`` with the password from the environment or keyring when it carries none."""
    url = parse_url(text)
    if url.password is None:
        password = os.environ.get(PASSWORD_ENV) or _keyring_password(stored_form(text))
        if password:
            url = url.set(password=password)
    return url.render_as_string(hide_password=False)


def _keyring_password(stored: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        password: str | None = keyring.get_password(KEYRING_SERVICE, stored)
        return password
    except (KeyringError, RuntimeError):
        return None  # no keyring backend on this machine: the environment is the only source


def unreachable(url: str, exc: BaseException) -> CentralUnreachable:
    """A driver error as the person at the counter may see it: first line, no password."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    first = text.splitlines()[0] if text else type(orig).__name__
    return CentralUnreachable(f"central {redact(url)} unreachable: {first}")


def open_central(url: str) -> Database:
    """Central's database (migrated to this program's schema when the login may), with a
    connection failure reported as CentralUnreachable."""
    try:
        return Database.open_url(url)
    except sqlalchemy.exc.DBAPIError as exc:
        raise unreachable(url, exc) from None


def central_engine(url: str) -> Engine:
    """An engine on central that holds no idle connection (terminals come and go)."""
    return create_engine(parse_url(url), poolclass=NullPool,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
                         hide_parameters=True)
