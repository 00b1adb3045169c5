"""An administrator's acts on users (SPEC §10, issue #21): each needs an admin, each is audited
with before and after and written to the journal, and the rules nobody may break."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from cashier.ledger.database import Database
from cashier.ledger.journal.export import export_day
from cashier.ledger.journal.replay import replay_file
from cashier.ledger.reference import administration, users
from cashier.ledger.rules.errors import BadPin, NotPermitted, UnknownUser, UserLocked
from cashier.ledger.rules.values import business_date, now
from cashier.ledger.store.models import AuditEvent, Operation
from tests.conftest import PINS


def changes(db: Database, user: str) -> list[dict[str, object]]:
    with db.read() as s:
        return [json.loads(e.detail) for e in s.scalars(select(AuditEvent).where(
            AuditEvent.kind == "config_change", AuditEvent.subject == f"user:{user}")
            .order_by(AuditEvent.seq))]


def test_only_an_admin_manages_users(office: Database) -> None:
    acts: list[Callable[[], object]] = [
                lambda: administration.change_role(office, "ana", "supervisor", by="sam"),
                lambda: administration.set_active(office, "ana", False, by="sam"),
                lambda: administration.reset_pin(office, "ana", by="sam", pin="555555"),
                lambda: administration.add_user(office, "zoe", "Zoe", "cashier", "555555",
                                                by="ana")]
    for act in acts:
        with pytest.raises(NotPermitted, match="only an admin"):
            act()
    with office.read() as s:
        refused = s.scalars(select(AuditEvent).where(AuditEvent.kind == "refused")).all()
    assert len(refused) == 4


def test_a_new_cashier_signs_in_with_the_pin_handed_over(office: Database) -> None:
    administration.add_user(office, "zoe", "Zoe Park", "cashier", "555123", by="adm")
    assert users.sign_in(office, "zoe", "555123").role == "cashier"
    with office.read() as s:
        ops = [o.op for o in s.scalars(select(Operation))]
    assert ops[-1] == "user"


def test_a_role_changes_with_before_and_after_but_never_one_s_own(office: Database) -> None:
    assert administration.change_role(office, "ana", "supervisor", by="adm").role == "supervisor"
    assert changes(office, "ana")[-1] == {"change": "user", "before": {"role": "cashier"},
                                          "after": {"role": "supervisor"}}
    with pytest.raises(NotPermitted, match="own role"):
        administration.change_role(office, "adm", "supervisor", by="adm")


def test_the_last_active_admin_stays(office: Database) -> None:
    with pytest.raises(NotPermitted, match="last active admin"):
        administration.set_active(office, "adm", False, by="adm")
    administration.add_user(office, "ada", "Ada", "admin", "424242", by="adm")
    administration.set_active(office, "adm", False, by="ada")  # two admins: one may go
    with pytest.raises(NotPermitted, match="last active admin"):
        administration.set_active(office, "ada", False, by="ada")


def test_a_leaver_is_deactivated_and_their_name_stays(office: Database) -> None:
    administration.set_active(office, "raj", False, by="adm")
    with pytest.raises(UnknownUser):
        users.sign_in(office, "raj", PINS["raj"])
    assert next(r for r in administration.user_list(office) if r.id == "raj").active is False
    administration.set_active(office, "raj", True, by="adm")
    assert users.sign_in(office, "raj", PINS["raj"]).id == "raj"


def test_a_reset_pin_lifts_the_lockout_but_nobody_resets_their_own(office: Database) -> None:
    for _ in range(5):
        with pytest.raises((BadPin, UserLocked)):
            users.sign_in(office, "ana", "000000")
    administration.reset_pin(office, "ana", by="adm", pin="918273")
    assert users.sign_in(office, "ana", "918273").id == "ana"
    with pytest.raises(NotPermitted, match="own PIN"):
        administration.reset_pin(office, "adm", by="adm", pin="918273")


def test_everyone_changes_their_own_pin_with_the_old_one(office: Database) -> None:
    with pytest.raises(BadPin):
        administration.change_own_pin(office, "ana", "000000", "918273")
    administration.change_own_pin(office, "ana", PINS["ana"], "918273")
    assert users.sign_in(office, "ana", "918273").id == "ana"
    with pytest.raises(BadPin):
        users.sign_in(office, "ana", PINS["ana"])


def test_the_day_s_administration_replays(office: Database, tmp_path: Path) -> None:
    administration.add_user(office, "zoe", "Zoe Park", "cashier", "555123", by="adm")
    administration.change_role(office, "zoe", "supervisor", by="adm")
    administration.reset_pin(office, "zoe", by="adm", pin="918273")
    administration.set_active(office, "raj", False, by="adm")
    administration.change_own_pin(office, "ana", PINS["ana"], "101010")
    journal = tmp_path / "day.jsonl"
    journal.write_text("".join(f"{line}\n" for line in export_day(office, business_date(now()))))
    replay_file(journal, tmp_path / "rebuilt.sqlite3")
    with Database.open(tmp_path / "rebuilt.sqlite3") as rebuilt:
        assert users.sign_in(rebuilt, "zoe", "918273").role == "supervisor"
        assert users.sign_in(rebuilt, "ana", "101010").id == "ana"
        with pytest.raises(UnknownUser):
            users.sign_in(rebuilt, "raj", PINS["raj"])
