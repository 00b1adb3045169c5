"""The keys the journal format defines (SPEC §4, docs/journal.md), per operation and per
nested object.

A key outside these is refused with its line number rather than ignored: a misspelt
``"aprover"`` would otherwise replay as a void with no approver named where the writer meant
one, or a ``"recount": true`` spelt ``"recounted"`` as a second close. The tables are the
format's definition, so docs/journal.md is checked against them by a test.
"""

from __future__ import annotations

from collections.abc import Mapping

# Every line may carry these; "at" only the operations that happen at a time.
ENVELOPE = frozenset({"v", "op", "uuid"})
TIMED = frozenset({"at"})

OPERATIONS: Mapping[str, frozenset[str]] = {
    # reference data (no time: it is what the office is, not something done)
    "setting": frozenset({"key", "value"}),
    "gl_account": frozenset({"code", "name", "fund"}),
    "service": frozenset({"code", "name", "priority", "gl"}),
    "item": frozenset({"code", "name", "price", "gl", "reference_required",
                       "reference_label", "tenders"}),
    "account": frozenset({"number", "name", "address", "cash_only", "charges", "credit",
                          "returned_checks", "status", "status_date", "required",
                          "status_paid"}),
    # "at" when an admin added the user live (SPEC §10); an export's declaration has none
    "user": TIMED | {"id", "name", "role", "pin", "pin_hash", "by"},
    "drawer": frozenset({"code", "terminal", "float"}),
    # where an exported day begins (context)
    "sequence": frozenset({"terminal", "next_receipt"}),
    "drawer_state": frozenset({"drawer", "cashier", "opened_at", "float", "assigned_float",
                               "approver", "status", "held", "closed_at", "handed_to",
                               "counted", "expected", "recounted"}),
    # the counter
    "open_drawer": TIMED | {"drawer", "terminal", "cashier", "float", "approver"},
    "payment": TIMED | {"drawer", "cashier", "receipt", "lines", "tenders", "offline",
                        "context", "change", "postings", "opened"},
    "void": TIMED | {"receipt", "cashier", "approver", "reason"},
    "no_sale": TIMED | {"drawer", "cashier", "reason"},
    "drop": TIMED | {"drawer", "cashier", "witness", "cash"},
    "paid_out": TIMED | {"drawer", "cashier", "approver", "amount", "gl", "reason"},
    "handoff": TIMED | {"drawer", "from", "to", "cash", "checks", "money_orders"},
    "close_drawer": TIMED | {"drawer", "cashier", "cash", "checks", "money_orders",
                             "card_batch", "recount"},
    "approve_close": TIMED | {"drawer", "supervisor", "note", "cashier", "opened"},
    "reprint": TIMED | {"receipt", "by"},
    # the back office
    "nsf": TIMED | {"receipt", "fee", "by", "reason"},
    "transfer": TIMED | {"receipt", "to_account", "approver", "reason"},
    "refund": TIMED | {"account", "amount", "by", "reason", "drawer", "cashier"},
    "arrangement": TIMED | {"action", "account", "by", "installments", "date"},
    "batch_open": TIMED | {"batch", "terminal", "kind", "by", "control_count",
                           "control_total"},
    "batch_item": TIMED | {"batch", "seq", "by", "stub", "check", "account", "stub_amount",
                           "stub_error", "remove", "reason"},
    "batch_suspend": TIMED | {"batch", "by"},
    "batch_resume": TIMED | {"batch", "by"},
    "batch_post": TIMED | {"batch", "by"},
    # administration (SPEC §10)
    "user_role": TIMED | {"user", "role", "by"},
    "user_active": TIMED | {"user", "active", "by"},
    "pin_reset": TIMED | {"user", "pin", "pin_hash", "by"},
    "pin_change": TIMED | {"user", "pin_hash"},
    # end of day
    "deposit": TIMED | {"date", "prepared_by", "verified_by", "bag"},
    "close_day": TIMED | {"date", "supervisor"},
}

# Nested objects, by where they appear.
ACCOUNT_LINE = frozenset({"account", "amount"})
ACCOUNT_LINE_CONTEXT = ACCOUNT_LINE | {"applied", "credit"}
ITEM_LINE = frozenset({"item", "quantity", "reference", "amount"})
TENDERS: Mapping[str, frozenset[str]] = {
    "cash": frozenset({"type", "amount"}),
    "check": frozenset({"type", "amount", "number", "routing", "bank_account"}),
    "money_order": frozenset({"type", "amount", "number"}),
    "card": frozenset({"type", "amount", "brand", "last4", "auth", "reference"}),
}
CHARGE = frozenset({"service", "bill_date", "amount"})
APPLIED = CHARGE
POSTING = frozenset({"account", "amount"})
SPLIT = frozenset({"account", "share", "amount"})
RETURNED_CHECK = frozenset({"date", "receipt"})
INSTALLMENT = frozenset({"due", "amount", "paid"})
DOCUMENT = frozenset({"number", "amount"})  # a counted check or money order
BATCH_CHECK = frozenset({"amount", "number", "routing", "bank_account"})
TENDER_TOTALS = frozenset({"cash", "check", "money_order", "card"})
