"""Assigning cases by hand, in bulk and automatically (visitapp.cases.services.assignment), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from tests import factories as f
from visitapp import i18n
from visitapp.cases.services import assignment
from visitapp.core import auth, clock, db
from visitapp.core.errors import Conflict, Forbidden, NotFound, ValidationError
from visitapp.core.models import AuditLog, Case, Debtor, Team, User

SHANGHAI = ZoneInfo("Asia/Shanghai")


def ident(s: Session, user_id: int):
    return auth.identity_of(s.get(User, user_id))


def place(s: Session, case: Case, lat: float | None, lon: float | None) -> None:
    d = s.get(Debtor, case.debtor_id)
    d.lat, d.lon = lat, lon
    s.add(d)
    s.flush()


def case_audit(s: Session, case_id: int) -> list[AuditLog]:
    return list(
        s.exec(
            select(AuditLog).where(AuditLog.entity == "case", AuditLog.entity_id == str(case_id)).order_by(AuditLog.id)
        ).all()
    )


@pytest.fixture
def office(db_url):
    """A team run by dispatcher 王静 with two agents, a supervisor, and one case (version 1)."""
    with db.session_scope(db_url) as s:
        disp = f.user(s, role="dispatcher")
        disp.display_name = "王静"
        sup = f.user(s, role="supervisor")
        team = f.team(s, dispatcher=disp)
        a1, a2 = f.user(s, team=team), f.user(s, team=team)
        c = f.case(s, team=team)
        ids = {"disp": disp.id, "sup": sup.id, "team": team.id, "a1": a1.id, "a2": a2.id, "case": c.id}
    return db_url, ids


def test_the_second_of_two_concurrent_editors_gets_a_conflict_naming_the_first(office):
    url, ids = office
    # both open the case and see version 1
    with db.session_scope(url) as s:
        seen_by_dispatcher = s.get(Case, ids["case"]).version
    with db.session_scope(url) as s:
        seen_by_supervisor = s.get(Case, ids["case"]).version
    assert seen_by_dispatcher == seen_by_supervisor == 1

    clock.set_now(datetime(2026, 11, 23, 10, 42, tzinfo=SHANGHAI))
    with db.session_scope(url) as s:
        r = assignment.assign(
            s, actor=ident(s, ids["disp"]), case_id=ids["case"], agent_id=ids["a1"], expected_version=seen_by_dispatcher
        )
    assert (r.version, r.agent_id, r.team_id, r.previous_agent_id) == (2, ids["a1"], ids["team"], None)

    clock.set_now(datetime(2026, 11, 23, 10, 44, tzinfo=SHANGHAI))
    with pytest.raises(Conflict) as caught, db.session_scope(url) as s:
        assignment.assign(
            s,
            actor=ident(s, ids["sup"]),
            case_id=ids["case"],
            agent_id=ids["a2"],
            expected_version=seen_by_supervisor,
        )
    err = caught.value
    assert err.key == "assign.conflict"
    assert (err.params["name"], err.params["time"], err.params["version"]) == ("王静", "10:42", 2)
    assert i18n.t(err.key, "en", **err.params) == "王静 changed this case at 10:42; reload to see the change."
    assert i18n.t(err.key, "zh-CN", **err.params).startswith("王静 已于 10:42 修改了该案件")

    with db.session_scope(url) as s:
        c = s.get(Case, ids["case"])
        assert (c.agent_id, c.version) == (ids["a1"], 2)  # nothing overwritten
        entries = case_audit(s, ids["case"])
        assert len(entries) == 1
        assert entries[0].actor_id == ids["disp"]
        assert entries[0].before == {"agent_id": None, "team_id": ids["team"], "version": 1}
        assert entries[0].after == {"agent_id": ids["a1"], "team_id": ids["team"], "version": 2}
        # reloading gives the current version, and then the change goes through
        r = assignment.assign(
            s, actor=ident(s, ids["sup"]), case_id=ids["case"], agent_id=ids["a2"], expected_version=c.version
        )
        assert r.version == 3 and c.agent_id == ids["a2"]  # the loaded case sees the new values


def test_simultaneous_updates_on_postgresql_let_exactly_one_win(office):
    url, ids = office
    if not url.startswith("postgresql"):
        pytest.skip("row locks across connections: PostgreSQL")
    first = db.session_scope(url)
    s1 = first.__enter__()
    assignment.assign(
        s1, actor=ident(s1, ids["disp"]), case_id=ids["case"], agent_id=ids["a1"], expected_version=1
    )  # holds the row lock, not committed yet
    outcome: list[BaseException | None] = []

    def second() -> None:
        try:
            with db.session_scope(url) as s2:
                assignment.assign(
                    s2, actor=ident(s2, ids["sup"]), case_id=ids["case"], agent_id=ids["a2"], expected_version=1
                )
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    t = threading.Thread(target=second)
    t.start()
    t.join(0.5)
    assert t.is_alive()  # waiting for the first transaction's row lock
    first.__exit__(None, None, None)  # commit
    t.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], Conflict)
    with db.session_scope(url) as s:
        assert (s.get(Case, ids["case"]).agent_id, s.get(Case, ids["case"]).version) == (ids["a1"], 2)


def test_a_dispatcher_assigns_only_cases_and_agents_of_teams_they_run(session):
    d1, d2 = f.user(session, role="dispatcher"), f.user(session, role="dispatcher")
    t1, t2 = f.team(session, dispatcher=d1), f.team(session, dispatcher=d2)
    a1, a2 = f.user(session, team=t1), f.user(session, team=t2)
    own, other = f.case(session, team=t1), f.case(session, team=t2)
    unteamed = f.case(session)
    me = auth.identity_of(d1)
    with pytest.raises(Forbidden) as caught:
        assignment.assign(session, actor=me, case_id=other.id, agent_id=a1.id, expected_version=1)
    assert caught.value.key == "assign.not_your_case"
    with pytest.raises(Forbidden) as caught:
        assignment.assign(session, actor=me, case_id=own.id, agent_id=a2.id, expected_version=1)
    assert caught.value.key == "assign.not_your_agent"
    with pytest.raises(Forbidden):
        assignment.assign(session, actor=me, case_id=unteamed.id, agent_id=a1.id, expected_version=1)
    session.refresh(other)
    assert (other.agent_id, other.version) == (None, 1)
    assert case_audit(session, other.id) == []
    # the other dispatcher may
    r = assignment.assign(session, actor=auth.identity_of(d2), case_id=other.id, agent_id=a2.id, expected_version=1)
    assert r.version == 2


def test_an_agent_cannot_assign_at_all(session):
    t = f.team(session)
    agent, colleague = f.user(session, team=t), f.user(session, team=t)
    c = f.case(session, team=t, agent=agent)
    with pytest.raises(Forbidden):
        assignment.assign(
            session, actor=auth.identity_of(agent), case_id=c.id, agent_id=colleague.id, expected_version=1
        )
    with pytest.raises(Forbidden):
        assignment.assign_bulk(session, actor=auth.identity_of(agent), case_ids=[c.id], agent_id=colleague.id)
    with pytest.raises(Forbidden):
        assignment.auto_assign(session, actor=auth.identity_of(agent))


def test_a_supervisor_assigns_any_case_and_it_moves_to_the_agents_team(session):
    sup = f.user(session, role="supervisor")
    t1, t2 = f.team(session), f.team(session)
    a2 = f.user(session, team=t2)
    c = f.case(session, team=t1)
    r = assignment.assign(session, actor=auth.identity_of(sup), case_id=c.id, agent_id=a2.id, expected_version=1)
    assert (r.team_id, r.previous_team_id) == (t2.id, t1.id)
    assert (c.team_id, c.agent_id, c.version) == (t2.id, a2.id, 2)
    # not to a dispatcher, an inactive agent, or a closed case
    disp = f.user(session, role="dispatcher", team=t2)
    gone = f.user(session, team=t2, active=False)
    for bad in (disp.id, gone.id, 999_999):
        with pytest.raises(ValidationError):
            assignment.assign(session, actor=auth.identity_of(sup), case_id=c.id, agent_id=bad, expected_version=2)
    c.status = "closed"
    session.add(c)
    session.flush()
    with pytest.raises(ValidationError):
        assignment.assign(session, actor=auth.identity_of(sup), case_id=c.id, agent_id=a2.id, expected_version=2)
    with pytest.raises(NotFound):
        assignment.assign(session, actor=auth.identity_of(sup), case_id=999_999, agent_id=a2.id, expected_version=1)


def test_assigning_a_case_to_the_agent_who_has_it_changes_nothing_and_says_so(office):
    url, ids = office
    with db.session_scope(url) as s:
        s.get(User, ids["a1"]).display_name = "张伟"
        first = assignment.assign(
            s, actor=ident(s, ids["disp"]), case_id=ids["case"], agent_id=ids["a1"], expected_version=1
        )
    assert first.changed and first.version == 2 and first.agent_name == "张伟"
    for seen in (2, 1):  # as loaded now, and from a list loaded before the first assignment
        with db.session_scope(url) as s:
            again = assignment.assign(
                s, actor=ident(s, ids["sup"]), case_id=ids["case"], agent_id=ids["a1"], expected_version=seen
            )
        assert (again.changed, again.version, again.agent_name, again.previous_agent_id) == (
            False,
            2,
            "张伟",
            ids["a1"],
        )
    assert i18n.t("assign.already", "zh-CN", name=again.agent_name) == "该案件已分配给 张伟，无需更改。"
    with db.session_scope(url) as s:
        c = s.get(Case, ids["case"])
        assert (c.agent_id, c.version) == (ids["a1"], 2)  # no new version
        assert len(case_audit(s, ids["case"])) == 1  # and no audit entry
        # in bulk: the ones the agent already has are counted apart and left alone
        other = f.case(s, team=s.get(Team, ids["team"]))
        n = assignment.assign_bulk(s, actor=ident(s, ids["disp"]), case_ids=[ids["case"], other.id], agent_id=ids["a1"])
        assert (int(n), n.unchanged, n.agent_name) == (1, 1, "张伟")
        assert s.get(Case, ids["case"]).version == 2 and s.get(Case, other.id).version == 2
        assert len(case_audit(s, ids["case"])) == 1 and len(case_audit(s, other.id)) == 1
        n = assignment.assign_bulk(s, actor=ident(s, ids["disp"]), case_ids=[ids["case"], other.id], agent_id=ids["a1"])
        assert (int(n), n.unchanged) == (0, 2)
        # another agent is a change again
        me = ident(s, ids["disp"])
        r = assignment.assign(s, actor=me, case_id=ids["case"], agent_id=ids["a2"], expected_version=2)
        assert r.changed and r.version == 3


def test_bulk_assign_is_all_or_nothing(office):
    url, ids = office
    with db.session_scope(url) as s:
        c2 = f.case(s, team=s.get(Team, ids["team"]))
        c2.version = 4  # edited a few times already: bulk uses each case's current version
        c3 = f.case(s, team=f.team(s, dispatcher=f.user(s, role="dispatcher")))
        batch = [ids["case"], c2.id, c3.id]
        ok_batch = [ids["case"], c2.id]

    with pytest.raises(Forbidden), db.session_scope(url) as s:
        assignment.assign_bulk(s, actor=ident(s, ids["disp"]), case_ids=batch, agent_id=ids["a2"])
    with pytest.raises(NotFound), db.session_scope(url) as s:
        assignment.assign_bulk(s, actor=ident(s, ids["disp"]), case_ids=[*ok_batch, 999_999], agent_id=ids["a2"])
    with db.session_scope(url) as s:
        assert [s.get(Case, i).agent_id for i in batch] == [None, None, None]
        assert sum(len(case_audit(s, i)) for i in batch) == 0

    with db.session_scope(url) as s:
        assert (
            assignment.assign_bulk(s, actor=ident(s, ids["disp"]), case_ids=ok_batch + ok_batch, agent_id=ids["a2"])
            == 2
        )
    with db.session_scope(url) as s:
        assert [(s.get(Case, i).agent_id, s.get(Case, i).version) for i in ok_batch] == [(ids["a2"], 2), (ids["a2"], 5)]
        assert [e.detail for i in ok_batch for e in case_audit(s, i)] == ["bulk", "bulk"]


def test_a_conflict_in_the_middle_of_a_bulk_assignment_writes_nothing(office, monkeypatch):
    url, ids = office
    with db.session_scope(url) as s:
        c2 = f.case(s, team=s.get(Team, ids["team"]))
        batch = [ids["case"], c2.id]
    real_rows = assignment._case_rows

    def stale_rows(session, case_ids, *, lock=False):
        rows = real_rows(session, case_ids, lock=lock)
        # as if the second case had been read before someone else changed it
        return {
            i: (assignment._CaseRow(r.id, r.team_id, r.agent_id, r.version - 1, r.status) if i == c2.id else r)
            for i, r in rows.items()
        }

    monkeypatch.setattr(assignment, "_case_rows", stale_rows)
    with pytest.raises(Conflict), db.session_scope(url) as s:
        assignment.assign_bulk(s, actor=ident(s, ids["disp"]), case_ids=batch, agent_id=ids["a1"])
    with db.session_scope(url) as s:
        assert [(s.get(Case, i).agent_id, s.get(Case, i).version) for i in batch] == [(None, 1), (None, 1)]
        assert case_audit(s, ids["case"]) == []


# --- auto-assign: three teams on a west-east line in Shanghai
WEST, MIDDLE, EAST = (31.23, 121.40), (31.23, 121.48), (31.23, 121.60)


def _teams(s: Session, dispatcher: User | None = None):
    teams = []
    for lat, lon in (WEST, MIDDLE, EAST):
        t = f.team(s, dispatcher=dispatcher)
        t.base_lat, t.base_lon = lat, lon
        s.add(t)
        teams.append(t)
    s.flush()
    return teams


def test_auto_assign_picks_the_nearest_base(session):
    sup = f.user(session, role="supervisor")
    west, middle, east = _teams(session)
    aw, am, ae = f.user(session, team=west), f.user(session, team=middle), f.user(session, team=east)
    near_west, near_east, also_east = f.case(session), f.case(session), f.case(session)
    place(session, near_west, 31.24, 121.39)
    place(session, near_east, 31.22, 121.58)
    place(session, also_east, 31.25, 121.62)
    assigned_already = f.case(session, team=middle, agent=am)
    place(session, assigned_already, 31.24, 121.39)
    nowhere = f.case(session)
    place(session, nowhere, None, None)

    result = assignment.auto_assign(session, actor=auth.identity_of(sup))
    assert result == {west.id: 1, east.id: 2}
    assert result.skipped == 1 and sum(result.values()) == 3
    for c in (near_west, near_east, also_east, assigned_already, nowhere):
        session.refresh(c)
    assert (near_west.team_id, near_west.agent_id) == (west.id, aw.id)
    assert (near_east.agent_id, also_east.agent_id) == (ae.id, ae.id)
    assert assigned_already.agent_id == am.id and assigned_already.version == 1  # only unassigned ones
    assert nowhere.agent_id is None
    assert [e.detail for e in case_audit(session, near_west.id)] == ["auto"]


def test_auto_assign_sends_work_past_an_overloaded_team_to_the_next_nearest(session):
    sup = f.user(session, role="supervisor")
    west, middle, east = _teams(session)
    aw = f.user(session, team=west)
    m_busy, m_free = f.user(session, team=middle), f.user(session, team=middle)
    ae = f.user(session, team=east)
    for _ in range(6):
        f.case(session, team=west, agent=aw)
    f.case(session, team=middle, agent=m_busy)
    f.case(session, team=east, agent=ae)
    closed = f.case(session, team=middle, agent=m_free)
    closed.status = "closed"  # closed cases are no load
    session.add(closed)
    new = f.case(session)
    place(session, new, 31.231, 121.401)  # right at the west base

    # loads west 6, middle 1, east 1; average with the new case (6+1+1+1)/3 = 3, cap 3.6: west is over it
    result = assignment.auto_assign(session, actor=auth.identity_of(sup), case_ids=[new.id])
    session.refresh(new)
    assert result == {middle.id: 1} and result.skipped == 0
    assert (new.team_id, new.agent_id) == (middle.id, m_free.id)  # the next-nearest; its least busy agent

    # with a tolerance wide enough, the nearest team takes it
    another = f.case(session)
    place(session, another, 31.231, 121.401)
    assert assignment.auto_assign(session, actor=auth.identity_of(sup), case_ids=[another.id], tolerance=2.0) == {
        west.id: 1
    }


def test_auto_assign_balances_a_batch(session):
    sup = f.user(session, role="supervisor")
    west, middle, east = _teams(session)
    for t in (west, middle, east):
        f.user(session, team=t)
    cases = [f.case(session) for _ in range(10)]
    for c in cases:
        place(session, c, 31.23, 121.395)  # all nearest the west base, middle next
    result = assignment.auto_assign(session, actor=auth.identity_of(sup))
    # average (0 + 10) / 3, cap 4: west takes cases while it carries at most 4, then middle
    assert result == {west.id: 5, middle.id: 5}


def test_a_dispatchers_auto_assign_stays_within_their_teams(session):
    d1, d2 = f.user(session, role="dispatcher"), f.user(session, role="dispatcher")
    west, middle, _east = _teams(session)
    east = f.team(session, dispatcher=d2)
    east.base_lat, east.base_lon = EAST
    west.dispatcher_id = middle.dispatcher_id = d1.id
    session.add_all([west, middle, east])
    f.user(session, team=west)
    am = f.user(session, team=middle)
    f.user(session, team=east)
    mine = f.case(session, team=middle)
    place(session, mine, 31.23, 121.61)  # nearest the east base, which d1 does not run
    theirs = f.case(session, team=east)
    place(session, theirs, 31.23, 121.61)
    result = assignment.auto_assign(session, actor=auth.identity_of(d1))
    session.refresh(mine)
    session.refresh(theirs)
    assert result == {middle.id: 1}
    assert mine.agent_id == am.id and theirs.agent_id is None
    with pytest.raises(Forbidden):
        assignment.auto_assign(session, actor=auth.identity_of(d1), case_ids=[theirs.id])


def test_bulk_assign_refuses_a_case_changed_since_it_was_seen_and_reassignment_moves_visits(session):
    import pytest as _pytest
    from sqlmodel import select as _select

    from tests import factories as _f
    from visitapp.cases.services import assignment as _assignment
    from visitapp.core import auth as _auth
    from visitapp.core.errors import Conflict as _Conflict
    from visitapp.core.models import Case as _Case
    from visitapp.core.models import VisitAgent as _VA
    from visitapp.field.services import visits as _visits

    sup = _auth.identity_of(_f.user(session, role="supervisor"))
    t1, t2 = _f.team(session), _f.team(session)
    a1, b1 = _f.user(session, team=t1), _f.user(session, team=t2)
    case = _f.case(session, team=t1, agent=a1)
    _f.visit(session, case=case, agents=[a1])
    seen = {case.id: case.version}
    _assignment.assign(session, actor=sup, case_id=case.id, agent_id=b1.id, expected_version=case.version)
    with _pytest.raises(_Conflict):
        _assignment.assign_bulk(session, actor=sup, case_ids=[case.id], agent_id=a1.id, seen_versions=seen)
    assert session.exec(_select(_Case.agent_id).where(_Case.id == case.id)).one() == b1.id
    # the planned visit went with the case: team B's agent sees it, team A's no longer does
    assert [v.debtor_name for v in _visits.agent_day(session, actor=_auth.identity_of(a1)).visits] == []
    assert len(_visits.agent_day(session, actor=_auth.identity_of(b1)).visits) == 1
    assert [x.user_id for x in session.exec(_select(_VA)).all()] == [b1.id]
