from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.errors import NotFound, ValidationError
from visitapp.field.services import calls

SH = ZoneInfo("Asia/Shanghai")


def test_a_call_is_checked_before_the_number_is_given_and_its_result_counts(session):
    t = f.team(session)
    a, other = f.user(session, team=t), f.user(session, team=f.team(session))
    v = f.visit(session, case=f.case(session, team=t), agents=[a])
    me = auth.identity_of(a)
    for _ in range(3):
        started = calls.start(session, actor=me, visit_id=v.id)
        assert started.number == "+8613812345678"
        calls.record_result(session, actor=me, ledger_id=started.ledger_id, result="connected")
    fourth = calls.start(session, actor=me, visit_id=v.id)  # CN-2026: 3 connected calls a day
    assert fourth.number is None and fourth.decision.codes == ["call.connected_cap"]
    assert fourth.decision.next_allowed_at == datetime(2026, 11, 24, 8, 0, tzinfo=SH)
    with pytest.raises(NotFound):
        calls.start(session, actor=auth.identity_of(other), visit_id=v.id)
    with pytest.raises(NotFound):
        calls.record_result(session, actor=auth.identity_of(other), ledger_id=started.ledger_id, result="unanswered")
    with pytest.raises(ValidationError):
        calls.record_result(session, actor=me, ledger_id=started.ledger_id, result="unanswered")  # already recorded
    clock.set_now(clock.now() + timedelta(days=1))
    assert calls.start(session, actor=me, visit_id=v.id).number is not None
