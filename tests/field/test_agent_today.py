"""The agent's Today page services and state: tomorrow's visits, the team base, the map app preference."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from sqlmodel import select

from tests import factories as f
from tests.states import page, run
from visitapp.core import auth, clock
from visitapp.core.db import session_scope
from visitapp.core.errors import Forbidden, ValidationError
from visitapp.core.models import AuditLog, Case, Debtor, User
from visitapp.field.services import navigation, visits
from visitapp.field.ui.today_state import AgentTodayState


def test_tomorrow_is_the_next_calendar_day_in_the_app_time_zone(fixed_clock):
    assert visits.tomorrow() == clock.today() + timedelta(days=1)
    # 23:30 UTC on the 23rd is 07:30 on the 24th in Shanghai: "tomorrow" follows the local date, the 25th
    clock.set_now(datetime(2026, 11, 23, 23, 30, tzinfo=UTC))
    assert visits.tomorrow() == date(2026, 11, 25)


def test_tomorrow_shows_only_the_agents_own_visits(session):
    t1, t2 = f.team(session), f.team(session)
    a1, a2 = f.user(session, team=t1), f.user(session, team=t1)
    other = f.user(session, team=t2)
    tomorrow = visits.tomorrow()
    mine = f.case(session, team=t1, agent=a1, name="王芳")
    shared = f.case(session, team=t1, agent=a1, name="李强")
    theirs = f.case(session, team=t1, agent=a2, name="赵敏")
    elsewhere = f.case(session, team=t2, agent=other, name="钱伟")
    f.visit(session, case=shared, agents=[a1, a2], day=tomorrow, order=1)
    f.visit(session, case=mine, agents=[a1], day=tomorrow, order=2)
    f.visit(session, case=theirs, agents=[a2], day=tomorrow, order=3)
    f.visit(session, case=elsewhere, agents=[other], day=tomorrow, order=1)
    f.visit(session, case=mine, agents=[a1])  # today: not tomorrow's
    f.visit(session, case=mine, agents=[a1], day=tomorrow + timedelta(days=1))
    f.visit(session, case=shared, agents=[a1], day=tomorrow, status="cancelled", order=3)

    day = visits.agent_day(session, actor=auth.identity_of(a1), day=tomorrow)
    assert day.day == tomorrow
    assert [v.debtor_name for v in day.visits] == ["李强", "王芳"]
    assert day.visits[0].partner == a2.display_name
    assert [v.debtor_name for v in visits.agent_day(session, actor=auth.identity_of(a2), day=tomorrow).visits] == [
        "李强",
        "赵敏",
    ]
    assert [v.debtor_name for v in visits.agent_day(session, actor=auth.identity_of(other), day=tomorrow).visits] == [
        "钱伟"
    ]


def test_agent_day_carries_the_team_base_and_the_nav_app(session):
    t = f.team(session)
    a = f.user(session, team=t)
    loner = f.user(session)
    day = visits.agent_day(session, actor=auth.identity_of(a))
    assert day.base == (t.base_lat, t.base_lon) and day.nav_app == "amap"
    assert visits.agent_day(session, actor=auth.identity_of(loner)).base is None


def test_nav_app_is_stored_audited_and_only_allowed_values_accepted(session):
    a = f.user(session)
    me = auth.identity_of(a)
    assert navigation.get_nav_app(session, actor=me) == "amap"
    assert navigation.set_nav_app(session, actor=me, app="baidu") == "baidu"
    navigation.set_nav_app(session, actor=me, app="baidu")  # unchanged: no second audit row
    session.expire_all()
    assert session.get(User, a.id).nav_app == "baidu"
    assert visits.agent_day(session, actor=me).nav_app == "baidu"
    rows = session.exec(select(AuditLog).where(AuditLog.action == "user.nav_app")).all()
    assert [(r.actor_id, r.entity_id, r.before, r.after) for r in rows] == [
        (a.id, str(a.id), {"nav_app": "amap"}, {"nav_app": "baidu"})
    ]
    for bad in ("waze", "", "Amap", "x" * 40, "javascript:"):
        with pytest.raises(ValidationError):
            navigation.set_nav_app(session, actor=me, app=bad)
    session.expire_all()
    assert session.get(User, a.id).nav_app == "baidu"


def test_a_stored_value_we_no_longer_support_falls_back_to_amap(session):
    a = f.user(session)
    a.nav_app = "sogou"
    session.add(a)
    session.flush()
    assert navigation.get_nav_app(session, actor=auth.identity_of(a)) == "amap"


def test_the_agent_view_is_still_for_agents_only(session):
    disp = f.user(session, role="dispatcher")
    with pytest.raises(Forbidden):
        visits.agent_day(session, actor=auth.identity_of(disp), day=visits.tomorrow())


# --- the page state, driven through its handlers as the browser would ---


def _agent_with_visits(db_url: str) -> tuple[str, list[int]]:
    with session_scope(db_url) as s:
        t = f.team(s)
        a = f.user(s, team=t)
        c1, c2, c3 = (f.case(s, team=t, agent=a, name=n) for n in ("今一", "明一", "明二"))
        nowhere = s.get(Debtor, c3.debtor_id)
        nowhere.lat = nowhere.lon = None
        s.add(nowhere)
        f.visit(s, case=c1, agents=[a])
        v2 = f.visit(s, case=c2, agents=[a], day=visits.tomorrow(), order=1)
        v3 = f.visit(s, case=c3, agents=[a], day=visits.tomorrow(), order=2)
        name, ids = a.username, [v2.id, v3.id]
    with session_scope(db_url) as s:
        return auth.login(s, username=name, password=f.PASSWORD).token, ids


def navigation_url(state: AgentTodayState, app: str) -> str:
    """The full link of the state's first card, made the way the Today page has always made it."""
    from visitapp.core.models import Visit
    from visitapp.field.rules.navigation import nav_url

    with session_scope() as s:
        v = s.get(Visit, int(state.rows[0]["id"]))
        case = s.get(Case, v.case_id)
        d = s.get(Debtor, case.debtor_id)
        return nav_url(app, d.lat, d.lon, state.rows[0]["address"])


def _state(token: str) -> AgentTodayState:
    state = page(AgentTodayState)
    state.token = token
    return state


def test_state_switches_to_tomorrow_draws_the_sketch_and_changes_the_nav_app(db_url):
    token, (v2, _v3) = _agent_with_visits(db_url)
    state = _state(token)
    run(AgentTodayState.load, state)
    assert [r["name"] for r in state.rows] == ["今一"] and state.map_src == ""
    link = state.nav_head + state.rows[0]["nav"] + state.nav_tail  # as the card's href joins them
    assert urlsplit(link).netloc == "uri.amap.com" and link == navigation_url(state, "amap")

    run(AgentTodayState.set_tab, state, "tomorrow")
    assert state.tab == "tomorrow" and [r["name"] for r in state.rows] == ["明一", "明二"]
    assert state.rows[1]["nav"] == ""  # no coordinates, no link
    assert "2" in state.progress
    assert visits.tomorrow().isoformat() in state.heading
    assert not any(k in state.rows[0] for k in ("lat", "lon", "status"))  # only what the cards show

    run(AgentTodayState.set_view, state, "map")
    assert state.map_src.startswith("data:image/svg+xml")
    assert [p["id"] for p in state.map_pins] == [str(v2)]  # the visit without coordinates is left out...
    assert state.map_note  # ...and the page says so

    run(AgentTodayState.set_nav_app, state, "google")
    assert state.nav_app == "google"
    assert (state.nav_head + state.rows[0]["nav"]).startswith("https://www.google.com/maps/search/?api=1&query=")
    assert state.rows[1]["nav"] == ""
    run(AgentTodayState.set_nav_app, state, "waze")
    assert state.nav_app == "google"

    run(AgentTodayState.set_tab, state, "yesterday")  # not a tab: stays where it was
    assert state.tab == "tomorrow"
    fresh = _state(token)
    run(AgentTodayState.load, fresh)
    assert fresh.nav_app == "google" and (fresh.nav_head + fresh.rows[0]["nav"]).startswith("https://www.google.com/")


def test_empty_tomorrow(db_url):
    with session_scope(db_url) as s:
        a = f.user(s, team=f.team(s))
        name = a.username
    with session_scope(db_url) as s:
        token = auth.login(s, username=name, password=f.PASSWORD).token
    state = _state(token)
    run(AgentTodayState.set_tab, state, "tomorrow")
    run(AgentTodayState.set_view, state, "map")
    assert state.loaded and state.rows == [] and state.map_src == "" and state.map_pins == []


def test_a_card_holds_plain_strings_whatever_the_visit_carries(session):
    """The cards are kept in the page state as plain strings: an enum (a notice's state, a confirmation) is
    its value, and every text is interned (the cards of a day repeat them)."""
    import dataclasses
    import sys

    from visitapp.core.enums import Confirmation, NoticeState
    from visitapp.field.ui.today_state import card

    t = f.team(session)
    a = f.user(session, team=t)
    f.visit(session, case=f.case(session, team=t, agent=a), agents=[a])
    v = visits.agent_day(session, actor=auth.identity_of(a), day=clock.today()).visits[0]
    v = dataclasses.replace(v, notice=NoticeState.QUEUED, confirmation=Confirmation.NOTIFIED)
    row = card(v, "zh-CN", "https://uri.amap.com/marker?position=1,2")
    assert row["notice_state"] == "queued" and row["confirmation"] == "notified"
    assert all(type(value) is str for value in row.values()), {k: type(x) for k, x in row.items()}
    again = card(v, "zh-CN", "")
    assert again["phase_label"] is row["phase_label"] and again["window"] is row["window"]
    assert sys.intern(row["name"]) is row["name"]
