"""One exception class per refused operation, each naming the rule it enforces.

Every refusal is raised before anything is written (or inside the transaction that is then
rolled back), so a caller that catches a ``Refused`` knows the database is unchanged.
"""

from __future__ import annotations


class CashierError(Exception):
    """Base of every error the program reports to a person."""


class Refused(CashierError):
    """An operation broke a rule. ``rule`` is the control (``C3``) or rule name it broke: the
    class's, or the one given where one kind of refusal guards several controls (separation
    of duties refuses a self-approved void under C3, a self-verified deposit under C11)."""

    rule: str = "rule"

    def __init__(self, message: str, *, rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if rule is not None:
            self.rule = rule

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


class InvalidAmount(Refused):
    rule = "money"


class UnknownAccount(Refused):
    rule = "unknown_account"


class UnknownItem(Refused):
    rule = "unknown_item"


class UnknownService(Refused):
    rule = "unknown_service"


class UnknownGLAccount(Refused):
    rule = "unknown_gl_account"


class UnknownUser(Refused):
    rule = "unknown_user"


class UnknownDrawer(Refused):
    rule = "unknown_drawer"


class UnknownReceipt(Refused):
    rule = "unknown_receipt"


class InvalidReference(Refused):
    """Reference data (GL account, service, item, account, user) that cannot be accepted."""

    rule = "reference_data"


class UnstorableText(Refused):
    """Text holding a lone UTF-16 surrogate (half a pair, e.g. from a command-line argument
    that was not UTF-8): not a character, so no database, file or printer can hold it."""

    rule = "text"


class ReferenceRequired(Refused):
    rule = "reference_required"


class InvalidLine(Refused):
    rule = "receipt_line"


class InvalidTender(Refused):
    rule = "tender"


class TenderNotAllowed(Refused):
    rule = "tender_not_allowed"


class TenderShort(Refused):
    rule = "tender_short"


class TenderOverTotal(Refused):
    """A check, money order or card for more than the receipt: there is no cash back on them."""

    rule = "no_cash_back"


class InvalidRouting(Refused):
    rule = "aba_routing"


class CardDataRefused(Refused):
    rule = "C13"


class CashOnlyAccount(Refused):
    rule = "C16"


class SelfApproval(Refused):
    """Separation of duties (SPEC §3): the approver, witness or verifier of an act, or the
    other party of a handoff, is never the user who did it. Raised with the rule of the act:
    C3 a void, C4 a handoff, C5 a float difference, C7 a drawer close, C8 cash leaving a
    drawer, C11 a deposit."""

    rule = "C3"


class ApprovalRequired(Refused):
    """An approval, or the note or reason it needs, is missing; raised with the rule of the
    act (C3 a void, C7 an over/short, C8 a cash refund, ``correction`` a correction)."""

    rule = "C3"


class AlreadyVoided(Refused):
    rule = "C1"


class CreditAlreadyUsed(Refused):
    rule = "credit_used"


class NotPermitted(Refused):
    """The user's role does not allow this act."""

    rule = "role"


class DrawerBusy(Refused):
    rule = "C4"


class NotYourDrawer(Refused):
    rule = "C4"


class FloatMismatch(Refused):
    rule = "C5"


class RecountUsed(Refused):
    rule = "C6"


class WitnessRequired(Refused):
    rule = "C8"


class ReasonRequired(Refused):
    rule = "C9"


class SessionState(Refused):
    """The drawer session is not in a state that allows this (not open, already closed ...)."""

    rule = "drawer_session"


class CashShort(Refused):
    """More cash would leave the drawer than it is expected to hold."""

    rule = "drawer_cash"


class BadPin(Refused):
    rule = "C14"


class UserLocked(Refused):
    rule = "C14"


class AppendOnly(Refused):
    rule = "C2"


class Unbalanced(Refused):
    rule = "C2"


class AuditChainBroken(CashierError):
    """``audit verify`` found an edited, deleted or reordered row (C15)."""

    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(f"audit trail broken at row {seq}: {reason}")
        self.seq = seq
        self.reason = reason


class DatabaseError(CashierError):
    """The database file cannot be opened or is not a cashier database."""


class StorageError(DatabaseError):
    """SQLite could not write (or read) the file: its transaction was rolled back whole, so
    nothing of the operation was kept and nothing already posted was touched."""


class DiskFull(StorageError):
    """The disk, or the database's size limit, is full."""


class ReadOnlyDatabase(StorageError):
    """The file, its folder or its disk does not allow writing."""


class DatabaseLocked(StorageError):
    """Another program held the database's write lock for longer than the busy timeout."""


class BadJournalLine(Refused):
    """A journal line that is not an operation this program reads: bad JSON, an unknown op or
    version, a missing or malformed field."""

    rule = "journal"


class ReceiptSequence(Refused):
    """A replayed payment would get another receipt number than the one in the journal (C1)."""

    rule = "C1"


class DuplicateOperation(Refused):
    """An operation whose UUID is already in the journal: it took effect once already."""

    rule = "journal"


class ReplayStopped(CashierError):
    """Replay stopped at a line: its number, the rule it broke and why. Nothing was kept."""

    def __init__(self, line: int, rule: str, message: str) -> None:
        super().__init__(f"line {line} refused ({rule}): {message}")
        self.line = line
        self.rule = rule
        self.message = message


class DayClosed(Refused):
    """Something dated a closed business day would change (C12)."""

    rule = "C12"


class DepositRefused(Refused):
    """The deposit cannot be made: a drawer is not balanced, or it is already made (C11)."""

    rule = "C11"


class NotCorrectable(Refused):
    """A back-office correction that does not apply to this receipt or account: a void
    receipt, a receipt with no check for an NSF, a check already returned, a receipt whose
    drawer is still open (void it instead), a transfer to the account it is already on."""

    rule = "correction"


class CreditShort(Refused):
    """A refund for more than the account's credit balance."""

    rule = "credit_balance"


class RefundOverLimit(Refused):
    """A cash refund from a drawer above the office's limit: it goes by check instead."""

    rule = "refund_limit"
