from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.errors import NotFound, ValidationError
from visitapp.core.models import ContactLedger, Visit
from visitapp.field.services import checkin

SH = ZoneInfo("Asia/Shanghai")
HOME = (31.229, 121.455)  # the factories' debtor address


def _visit(session, agents=2):
    t = f.team(session)
    team_agents = [f.user(session, team=t) for _ in range(agents)]
    v = f.visit(session, case=f.case(session, team=t), agents=team_agents)
    return v, team_agents[0]


def test_near_check_in_passes_the_policy_and_is_recorded(session):
    v, a = _visit(session)
    r = checkin.check_in(
        session, actor=auth.identity_of(a), visit_id=v.id, lat=HOME[0] + 0.0005, lon=HOME[1], accuracy_m=12
    )
    assert r.decision.allowed and not r.flagged and 50 < r.distance_m < 60
    visit = session.get(Visit, v.id)
    assert visit.status == "in_progress" and visit.checkin_accuracy_m == 12 and not visit.checkin_flagged
    entry = session.exec(select(ContactLedger)).one()
    assert entry.channel == "visit" and entry.allowed
    with pytest.raises(ValidationError):
        checkin.check_in(session, actor=auth.identity_of(a), visit_id=v.id, lat=HOME[0], lon=HOME[1])
    checkin.check_out(session, actor=auth.identity_of(a), visit_id=v.id, lat=HOME[0], lon=HOME[1])
    assert session.get(Visit, v.id).checkout_at is not None


def test_far_check_in_needs_a_reason_and_is_flagged(session):
    v, a = _visit(session)
    far = (HOME[0] + 0.01, HOME[1])  # about 1.1 km
    asked = checkin.check_in(session, actor=auth.identity_of(a), visit_id=v.id, lat=far[0], lon=far[1])
    assert asked.needs_reason and session.get(Visit, v.id).checkin_at is None
    assert session.exec(select(ContactLedger)).all() == []  # nothing happened yet
    done = checkin.check_in(
        session, actor=auth.identity_of(a), visit_id=v.id, lat=far[0], lon=far[1], reason="小区封闭，在门口等候"
    )
    assert done.flagged and session.get(Visit, v.id).checkin_flagged


def test_policy_blocks_a_lone_agent_and_late_hours(session):
    v, a = _visit(session, agents=1)
    r = checkin.check_in(session, actor=auth.identity_of(a), visit_id=v.id, lat=HOME[0], lon=HOME[1])
    assert not r.decision.allowed and r.decision.codes == ["visit.staffing"]
    assert session.get(Visit, v.id).checkin_at is None
    v2, b = _visit(session)
    clock.set_now(datetime(2026, 11, 23, 22, 30, tzinfo=SH))
    late = checkin.check_in(session, actor=auth.identity_of(b), visit_id=v2.id, lat=HOME[0], lon=HOME[1])
    assert "time.quiet_hours" in late.decision.codes
    other = f.user(session, team=f.team(session))
    with pytest.raises(NotFound):
        checkin.check_in(session, actor=auth.identity_of(other), visit_id=v2.id, lat=HOME[0], lon=HOME[1])
