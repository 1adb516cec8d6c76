import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.compliance.services import contact
from visitapp.core import auth
from visitapp.core.enums import Channel
from visitapp.core.errors import Forbidden, ValidationError
from visitapp.core.models import Case, Reminder
from visitapp.field.services import distress


def test_flag_pauses_the_case_tells_the_dispatcher_and_offers_help(session):
    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    a = f.user(session, team=t)
    case = f.case(session, team=t)
    v = f.visit(session, case=case, agents=[a])
    text = distress.flag(session, actor=auth.identity_of(a), visit_id=v.id, note="情绪激动")
    assert "400-161-9995" in text
    assert (session.get(Case, case.id).status, session.get(Case, case.id).pause_reason) == ("paused", "distress")
    assert session.exec(select(Reminder)).one().user_id == d.id
    assert contact.attempt(session, case_id=case.id, channel=Channel.SMS, actor_id=a.id).decision.codes == [
        "stop.paused"
    ]


def test_admins_edit_the_support_text(session):
    admin = auth.identity_of(f.user(session, role="admin"))
    distress.set_support_text(session, actor=admin, zh="请拨打 12355", en="Call 12355")
    assert distress.support_text(session, "zh-CN") == "请拨打 12355"
    assert distress.support_text(session, "en") == "Call 12355"
    with pytest.raises(ValidationError):
        distress.set_support_text(session, actor=admin, zh="", en="x")
    with pytest.raises(Forbidden):
        distress.set_support_text(session, actor=auth.identity_of(f.user(session)), zh="a", en="b")
