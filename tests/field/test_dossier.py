from datetime import timedelta

import pytest
from sqlmodel import select

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.errors import NotFound
from visitapp.core.models import AuditLog
from visitapp.field.services import dossier


def test_agent_opens_own_dossier_masked_and_audited_and_cannot_open_anothers(session):
    t1, t2 = f.team(session), f.team(session)
    a1, a2, other = f.user(session, team=t1), f.user(session, team=t1), f.user(session, team=t2)
    today = clock.today()
    case = f.case(
        session,
        team=t1,
        name="王芳",
        lines=[(today - timedelta(days=40), 500_00, 100_00), (today + timedelta(days=10), 500_00, 0)],
    )
    v = f.visit(session, case=case, agents=[a1, a2])
    d = dossier.open_dossier(session, actor=auth.identity_of(a1), visit_id=v.id)
    assert d.debtor_name == "王芳" and d.phones_masked == ["138****5678"]
    assert [r.days_overdue for r in d.lines] == [40, 0]
    assert d.totals.overdue_cents == 400_00 and d.totals.outstanding_cents == 900_00
    assert dossier.reveal_phones(session, actor=auth.identity_of(a2), visit_id=v.id) == ["+8613812345678"]
    actions = [a.action for a in session.exec(select(AuditLog).order_by(AuditLog.id)).all()]
    assert actions == ["dossier.view", "dossier.reveal_phone"]
    for forbidden in (
        lambda: dossier.open_dossier(session, actor=auth.identity_of(other), visit_id=v.id),
        lambda: dossier.reveal_phones(session, actor=auth.identity_of(other), visit_id=v.id),
        lambda: dossier.open_dossier(session, actor=auth.identity_of(a1), visit_id=v.id + 999),
    ):
        with pytest.raises(NotFound):
            forbidden()
    disp_other = f.user(session, role="dispatcher")
    with pytest.raises(NotFound):
        dossier.open_dossier(session, actor=auth.identity_of(disp_other), visit_id=v.id)
