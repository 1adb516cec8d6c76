from datetime import timedelta

import pytest

from tests import factories as f
from visitapp.core import auth, clock
from visitapp.core.errors import Forbidden
from visitapp.field.services import badge


def test_badge_qr_points_at_the_public_page_which_shows_the_agent_and_nothing_else(session):
    t = f.team(session)
    agent = f.user(session, team=t)
    card = badge.my_badge(session, actor=auth.identity_of(agent), base_url="https://visit.example/")
    assert card.verify_path == f"/verify/{agent.verify_token}"
    assert card.qr_data_uri.startswith("data:image/svg+xml")
    public = badge.verify(session, token=agent.verify_token)
    assert public.name == agent.display_name and public.badge_no == agent.badge_no
    assert public.active and not public.scheduled_today
    # the agent only (PRODUCT: name, photo, badge, company, active, scheduled today)
    shown = {"name", "badge_no", "company", "company_en", "active", "scheduled_today", "initials", "photo"}
    assert set(vars(public)) == shown and public.photo == ""  # no photo set
    f.visit(session, case=f.case(session, team=t, name="不应出现"), agents=[agent])
    assert badge.verify(session, token=agent.verify_token).scheduled_today
    assert "不应出现" not in repr(badge.verify(session, token=agent.verify_token))
    f.visit(session, case=f.case(session, team=t), agents=[agent], day=clock.today() + timedelta(days=1))


def test_unknown_or_inactive(session):
    agent = f.user(session, active=False)
    assert badge.verify(session, token="nope") is None
    assert badge.verify(session, token="") is None
    assert badge.verify(session, token=agent.verify_token).active is False
    with pytest.raises(Forbidden):
        badge.my_badge(session, actor=auth.identity_of(f.user(session, role="dispatcher")), base_url="http://x")
