from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.compliance.rules.policy import default_config
from visitapp.compliance.services import policy_settings
from visitapp.core import audit, auth
from visitapp.core.errors import Forbidden, ValidationError
from visitapp.core.models import AuditLog, ContactLedger, LoginAttempt

SH = ZoneInfo("Asia/Shanghai")


def test_default_policy_is_cn_2026(session):
    assert policy_settings.load(session) == default_config("CN-2026")


def test_admin_saves_limits_and_the_change_is_audited(session):
    admin = auth.identity_of(f.user(session, role="admin"))
    data = default_config().to_json() | {"sms_per_day": 1, "contact_end": "21:00"}
    cfg = policy_settings.save(session, actor=admin, data=data)
    assert cfg.sms_per_day == 1 and policy_settings.load(session).contact_end.hour == 21
    entry = session.exec(select(AuditLog).where(AuditLog.action == "policy.update")).one()
    assert entry.before["sms_per_day"] == 2 and entry.after["sms_per_day"] == 1


def test_invalid_settings_are_rejected_with_reasons_and_nothing_is_stored(session):
    admin = auth.identity_of(f.user(session, role="admin"))
    bad = default_config().to_json() | {"contact_start": "23:00", "contact_end": "08:00"}
    with pytest.raises(ValidationError) as exc:
        policy_settings.save(session, actor=admin, data=bad)
    assert ("contact_start", "policy.config.hours_order") in exc.value.params["problems"]
    with pytest.raises(ValidationError):
        policy_settings.save(session, actor=admin, data=default_config().to_json() | {"contact_end": "25:99"})
    assert policy_settings.load(session) == default_config()


def test_profile_switch_and_only_admins(session):
    admin = auth.identity_of(f.user(session, role="admin"))
    policy_settings.reset_to_profile(session, actor=admin, profile="US-RegF")
    assert policy_settings.load(session).calls_per_week == 7
    disp = auth.identity_of(f.user(session, role="dispatcher"))
    with pytest.raises(Forbidden):
        policy_settings.reset_to_profile(session, actor=disp, profile="CN-2026")


def test_audit_search_filters_and_is_admin_only(session):
    admin_user = f.user(session, role="admin", username="root")
    admin = auth.identity_of(admin_user)
    audit.record(session, actor_id=admin.id, action="dossier.view", entity="case", entity_id=7)
    audit.record(session, actor_id=None, action="login.failed", entity="user", entity_id="x")
    session.flush()
    assert audit.search(session, actor=admin).total == 2
    hit = audit.search(session, actor=admin, text="dossier")
    assert [r.action for r in hit.rows] == ["dossier.view"] and hit.rows[0].actor == "root"
    assert audit.search(session, actor=admin, username="root").total == 1
    today = datetime(2026, 11, 23).date()
    assert audit.search(session, actor=admin, date_from=today, date_to=today).total == 2
    assert audit.search(session, actor=admin, date_from=today + timedelta(days=1)).total == 0
    with pytest.raises(Forbidden):
        audit.search(session, actor=auth.identity_of(f.user(session, role="dispatcher")))


def test_audit_entries_cannot_be_edited(session):
    audit.record(session, actor_id=None, action="x")
    session.flush()
    entry = session.exec(select(AuditLog)).one()
    entry.action = "y"
    session.add(entry)
    with pytest.raises(ValueError, match="append-only"):
        session.flush()
    session.rollback()


def test_purge_removes_only_what_is_past_retention_and_logs_it(session):
    now = datetime(2026, 11, 23, 9, 30, tzinfo=SH)
    t = f.team(session)
    case = f.case(session, team=t)
    old, young = now - timedelta(days=3 * 365 + 2), now - timedelta(days=3 * 365 - 2)
    for at in (old, young):
        session.add(AuditLog(action="old" if at == old else "young", at=at))
        session.add(ContactLedger(debtor_id=case.debtor_id, case_id=case.id, channel="sms", at=at))
        session.add(LoginAttempt(username="u", at=at))
    session.flush()
    result = audit.purge(session, actor_id=None, retention_years=3, now=now)
    assert (result.audit_log, result.contact_ledger, result.login_attempt) == (1, 1, 1)
    actions = sorted(a.action for a in session.exec(select(AuditLog)).all())
    assert actions == ["retention.purge", "young"]
    log = session.exec(select(AuditLog).where(AuditLog.action == "retention.purge")).one()
    assert log.after["audit_log"] == 1 and log.after["cutoff"].startswith("2023-11-23")
    assert len(session.exec(select(ContactLedger)).all()) == 1


def test_audit_changes_lists_only_what_differs():
    assert audit.changes({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == [("b", 2, 3), ("c", None, 4)]
    assert audit.changes(None, None) == []
