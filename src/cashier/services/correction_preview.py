"""A correction tried and rolled back (the supervisor's preview, docs/operations.md).

The preview of a returned check, a transfer or a refund is the ledger's own service run in a
transaction that is then rolled back, so a screen never restates a rule (which charges are
owed again, when an account turns cash only, C16): what it shows is what posting does,
refusals included. The corrections write only to the database (no device, no network),
which is what makes a rolled-back run harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cashier.ledger import books
from cashier.ledger.books import AccountView
from cashier.ledger.database import Database, joined
from cashier.ledger.receipts.corrections import CorrectionRecord
from cashier.ledger.receipts.records import ReceiptRecord, get_receipt
from cashier.ledger.rules.errors import CashierError, UnknownAccount
from cashier.ledger.rules.money import Cents
from cashier.ledger.store.models import GLAccount, JournalEntry

Act = Callable[[], CorrectionRecord]


@dataclass(frozen=True)
class Rehearsal:
    """A correction tried and rolled back: what it was asked about and what it would do."""

    receipt: ReceiptRecord | None
    before: tuple[AccountView, ...]  # the accounts it touches, as they stand
    after: tuple[AccountView, ...] = ()  # and as the correction would leave them
    record: CorrectionRecord | None = None
    postings: tuple[tuple[str, str, Cents], ...] = ()  # GL account, its name, debit > 0
    reverses: int | None = None  # the receipt's payment entry an NSF entry reverses
    refusal: CashierError | None = None


def rehearse(db: Database, act: Act | None, *, receipt: str = "",
             accounts: Sequence[str] = ()) -> Rehearsal:
    """Run ``act`` (None: only read ``receipt`` and ``accounts``) and roll it back."""
    with db.engine.connect() as conn:
        # IMMEDIATE: wait for the write lock as a real post does, never fail half-way.
        transaction = conn.execution_options(sqlite_begin="IMMEDIATE").begin()
        try:
            with Session(bind=conn) as session, joined(session):
                return _rehearse(db, session, act, receipt, accounts)
        finally:
            transaction.rollback()


def _rehearse(db: Database, session: Session, act: Act | None, receipt: str,
              accounts: Sequence[str]) -> Rehearsal:
    shown: ReceiptRecord | None = None
    asked = list(accounts)
    try:
        shown = get_receipt(db, receipt) if receipt else None
        if shown is not None:
            asked[:0] = [line.code for line in shown.lines if line.kind == "account"]
        if act is None:
            return Rehearsal(shown, _views(db, asked))
        with session.begin_nested() as trial:
            record = act()
            # Where a payment stands now may differ from its receipt (a transfer since).
            touched = [*asked, record.account, record.to_account or ""]
            after = _views(db, touched)
            entry = session.get(JournalEntry, record.entry_id) if record.entry_id else None
            postings = _postings(session, entry)
            reverses = entry.reverses_id if entry is not None else None
            trial.rollback()
        return Rehearsal(shown, _views(db, touched), after, record, postings, reverses)
    except CashierError as exc:
        return Rehearsal(shown, _views(db, asked), refusal=exc)


def _views(db: Database, numbers: Sequence[str]) -> tuple[AccountView, ...]:
    views = []
    for number in dict.fromkeys(n for n in numbers if n):
        try:
            views.append(books.account_view(db, number))
        except UnknownAccount:
            continue  # a mistyped account: the service names it in its refusal
    return tuple(views)


def _postings(session: Session, entry: JournalEntry | None
              ) -> tuple[tuple[str, str, Cents], ...]:
    if entry is None:
        return ()
    lines = [(p.account, p.amount_cents) for p in entry.postings]
    names = dict(session.execute(select(GLAccount.code, GLAccount.name)
                                 .where(GLAccount.code.in_([code for code, _ in lines]))).all())
    return tuple((code, str(names.get(code, "")), cents) for code, cents in lines)
