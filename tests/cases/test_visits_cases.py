from datetime import time, timedelta

import pytest
import sqlalchemy as sa

from tests import factories as f
from visitapp.cases.services import cases
from visitapp.core import auth, clock
from visitapp.core.errors import Forbidden
from visitapp.field.services import visits


def test_agent_sees_only_own_visits_in_route_order(session):
    disp = f.user(session, role="dispatcher")
    t1, t2 = f.team(session, dispatcher=disp), f.team(session)
    a1, a2 = f.user(session, team=t1), f.user(session, team=t1)
    other = f.user(session, team=t2)
    c1 = f.case(session, team=t1, agent=a1, name="王芳")
    c2 = f.case(session, team=t1, agent=a2, name="李强")
    c3 = f.case(session, team=t2, agent=other, name="赵敏")
    f.visit(session, case=c1, agents=[a1, a2], order=2, window=(time(14), time(16)))
    f.visit(session, case=c2, agents=[a1, a2], order=1, confirmation="confirmed")
    f.visit(session, case=c3, agents=[other], order=1)
    f.visit(session, case=c1, agents=[a1, a2], day=clock.today() + timedelta(days=1))
    day = visits.agent_day(session, actor=auth.identity_of(a1))
    assert [v.debtor_name for v in day.visits] == ["李强", "王芳"]
    assert day.visits[0].partner == a2.display_name
    assert day.visits[1].window_start == "14:00"
    assert day.visits[0].overdue_cents == 50_000
    assert day.done == 0
    tomorrow = visits.agent_day(session, actor=auth.identity_of(a1), day=clock.today() + timedelta(days=1))
    assert len(tomorrow.visits) == 1


def test_dispatcher_is_refused_the_agent_view(session):
    disp = f.user(session, role="dispatcher")
    with pytest.raises(Forbidden):
        visits.agent_day(session, actor=auth.identity_of(disp))


def test_dispatcher_sees_own_teams_cases_masked_and_sorted(session):
    d1, d2 = f.user(session, role="dispatcher"), f.user(session, role="dispatcher")
    t1, t2 = f.team(session, dispatcher=d1), f.team(session, dispatcher=d2)
    today = clock.today()
    small = f.case(session, team=t1, name="小额", lines=[(today - timedelta(days=10), 100_00, 0)])
    big = f.case(
        session,
        team=t1,
        name="大额",
        lines=[(today - timedelta(days=100), 900_00, 100_00), (today + timedelta(days=5), 500_00, 0)],
    )
    f.case(session, team=t2, name="别队")
    page = cases.list_cases(session, actor=auth.identity_of(d1))
    assert [r.case_id for r in page.rows] == [big.id, small.id]
    assert page.total == 2
    assert page.rows[0].overdue_cents == 800_00 and page.rows[0].days_overdue == 100
    assert page.rows[0].phone_masked == "138****5678"
    sup = f.user(session, role="supervisor")
    assert cases.list_cases(session, actor=auth.identity_of(sup)).total == 3


def test_case_list_paginates(session):
    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    for _ in range(7):
        f.case(session, team=t)
    p3 = cases.list_cases(session, actor=auth.identity_of(d), page=3, page_size=3)
    assert (p3.page, p3.pages, p3.total, len(p3.rows)) == (3, 3, 7, 1)
    clamped = cases.list_cases(session, actor=auth.identity_of(d), page=99, page_size=3)
    assert clamped.page == 3


def test_the_count_stops_at_the_cap_and_says_more_and_the_pages_end_there(session, monkeypatch):
    d = f.user(session, role="dispatcher")
    t1, t2 = f.team(session, dispatcher=d), f.team(session, dispatcher=d)  # two teams: two paths, merged
    today = clock.today()
    made = [
        f.case(session, team=(t1, t2)[n % 2], lines=[(today - timedelta(days=10), (n + 1) * 100_00, 0)])
        for n in range(7)
    ]
    in_order = [c.id for c in reversed(made)]  # most overdue first
    actor = auth.identity_of(d)
    monkeypatch.setattr(cases, "COUNT_CAP", 5)
    first = cases.list_cases(session, actor=actor, page_size=3)
    assert (first.total, first.more, first.pages) == (5, True, 2)
    assert [r.case_id for r in first.rows] == in_order[:3]
    last = cases.list_cases(session, actor=actor, page=99, page_size=3)
    assert (last.page, [r.case_id for r in last.rows]) == (2, in_order[3:6])  # a full last page
    monkeypatch.setattr(cases, "COUNT_CAP", 7)  # exactly at the cap: an exact count
    assert (cases.list_cases(session, actor=actor, page_size=3).total, cases.list_cases(session, actor=actor).more) == (
        7,
        False,
    )


def test_agent_is_refused_the_case_list(session):
    a = f.user(session, role="agent")
    with pytest.raises(Forbidden):
        cases.list_cases(session, actor=auth.identity_of(a))


def test_case_list_filters(session):
    from visitapp.cases.services.cases import CaseFilters

    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    a = f.user(session, team=t)
    today = clock.today()
    m1 = f.case(session, team=t, agent=a, name="一个月", lines=[(today - timedelta(days=10), 100_00, 0)])
    m3 = f.case(session, team=t, name="三个月", lines=[(today - timedelta(days=75), 100_00, 0)])
    m4 = f.case(session, team=t, name="半年", lines=[(today - timedelta(days=200), 100_00, 0)])
    m3.segment = "D"
    session.add(m3)
    session.flush()
    actor = auth.identity_of(d)

    def ids(**kw):
        return [r.case_id for r in cases.list_cases(session, actor=actor, filters=CaseFilters(**kw)).rows]

    assert ids(bucket="M1") == [m1.id]
    assert ids(bucket="M3") == [m3.id]
    assert ids(bucket="M4+") == [m4.id]
    assert ids(segment="D") == [m3.id]
    assert sorted(ids(agent_id=0)) == sorted([m3.id, m4.id])
    assert ids(agent_id=a.id) == [m1.id]
    assert ids(text="半年") == [m4.id]
    assert ids(district="静安区", bucket="M1") == [m1.id]
    options = cases.filter_options(session, actor=actor)
    assert options.agents == [(a.id, a.display_name)] and options.districts == ["静安区"]


def test_schedule_visits_asks_the_policy_first(session):
    from datetime import date

    from sqlmodel import select as _select

    from visitapp.core.models import Debtor, Visit, VisitAgent

    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    a1, a2 = f.user(session, team=t), f.user(session, team=t)
    ok = f.case(session, team=t)
    declined = f.case(session, team=t)
    debtor = session.get(Debtor, declined.debtor_id)
    debtor.do_not_visit = True
    session.add(debtor)
    session.flush()
    actor = auth.identity_of(d)
    monday = date(2026, 11, 30)
    result = visits.schedule(session, actor=actor, case_ids=[ok.id, declined.id], day=monday, slot="afternoon")
    assert result.created == 1
    assert result.refused == [(declined.id, debtor.name, [("policy.stop.do_not_visit", {})])]
    v = session.exec(_select(Visit).where(Visit.case_id == ok.id)).one()
    assert (v.window_start, v.window_end, v.confirmation) == (time(14), time(16), "proposed")
    assert sorted(x.user_id for x in session.exec(_select(VisitAgent).where(VisitAgent.visit_id == v.id))) == sorted(
        [a1.id, a2.id]
    )
    again = visits.schedule(session, actor=actor, case_ids=[ok.id], day=monday)
    assert again.refused_keys() == [["visit.already_scheduled"]]
    national_day = visits.schedule(session, actor=actor, case_ids=[ok.id], day=date(2027, 10, 1))
    assert national_day.refused_keys() == [["policy.visit.holiday"]]
    assert national_day.refused[0][2][0][1]["name_zh"] == "国庆节"
    other = f.user(session, role="dispatcher")
    assert visits.schedule(session, actor=auth.identity_of(other), case_ids=[ok.id], day=monday).refused_keys() == [
        ["error.not_found"]
    ]


def test_schedule_refuses_closed_cases_past_days_and_a_second_visit_to_the_same_debtor(session):
    from datetime import date

    from visitapp.core.models import Case

    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    f.user(session, team=t)
    first = f.case(session, team=t)
    closed = f.case(session, team=t)
    closed.status = "closed"
    second = f.case(session, team=t)
    second.debtor_id = first.debtor_id  # two contracts of one person
    session.add_all([closed, second])
    session.flush()
    actor = auth.identity_of(d)
    monday = date(2026, 11, 30)
    result = visits.schedule(session, actor=actor, case_ids=[first.id, second.id, closed.id], day=monday)
    assert result.created == 1
    assert result.refused_keys() == [["visit.already_scheduled"], ["policy.stop.closed"]]
    past = visits.schedule(session, actor=actor, case_ids=[first.id], day=date(2026, 11, 20))
    assert past.refused_keys() == [["visit.past_day"]]
    assert session.get(Case, first.id).status == "open"


def test_case_list_text_search_finds_part_of_a_name_or_of_a_contract_number_in_any_case(session, monkeypatch):
    """On PostgreSQL through the two-character pieces' indexes (migration 0020), on SQLite by LIKE: the
    same cases either way, for texts of one, two and more characters."""
    from visitapp.cases.services.cases import CaseFilters
    from visitapp.core.models import Debt

    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    first, middle, other = (f.case(session, team=t, name=n) for n in ("王伟明", "李王伟", "张三"))
    f.case(session, name="王伟")  # another team's: never found by this dispatcher
    contract = session.get(Debt, other.debt_id).contract_no  # HT-TEST-000123
    actor = auth.identity_of(d)

    def ids(text: str) -> set[int]:
        return {r.case_id for r in cases.list_cases(session, actor=actor, filters=CaseFilters(text=text)).rows}

    for limit in (cases.TEXT_IDS_MAX, 1):  # the cases found named by id, or (too many) the search itself
        monkeypatch.setattr(cases, "TEXT_IDS_MAX", limit)
        assert ids("王伟") == {first.id, middle.id}
        assert ids("伟") == {first.id, middle.id}  # one character
        assert ids("王伟明") == {first.id}
        assert ids("伟明王") == set()  # all its pieces are in 王伟明 twice over, not the text
        assert ids(contract[-5:].lower()) == {other.id}
        assert ids(contract.lower()) == {other.id}  # any case
        assert ids("%") == set() and ids("_") == set()  # taken as they are, not as patterns


def test_a_text_search_looks_for_the_pieces_that_narrow_it_and_finds_the_same_cases(session, monkeypatch):
    """On PostgreSQL the pieces in more than half the values (from the statistics of their index) are not
    looked for in it, unless every piece of the text is one; the ILIKE still decides each value, so what is
    found is the same."""
    from visitapp.cases.services.cases import CaseFilters
    from visitapp.core.models import Debt

    assert cases._narrowing(["00", "12", "ht"], frozenset({"00", "ht"})) == ["12"]
    assert cases._narrowing(["00", "ht"], frozenset({"00", "ht"})) == ["00", "ht"]  # all common: all of them
    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    made = [f.case(session, team=t) for _ in range(12)]
    contracts = {c.id: session.get(Debt, c.debt_id).contract_no for c in made}
    actor = auth.identity_of(d)

    def ids(text: str) -> set[int]:
        return {r.case_id for r in cases.list_cases(session, actor=actor, filters=CaseFilters(text=text)).rows}

    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("ANALYZE debt"))
        monkeypatch.setattr(cases, "_common", {})
        common = cases._common_pieces(session, "ix_debt_contract_no_grams")
        assert {"ht", "t-"} <= common  # every contract number here is HT-TEST-…
    some = next(iter(contracts.values()))
    for text in (some, some[-4:], "HT-T", "ht-test"):
        assert ids(text) == {i for i, no in contracts.items() if text.lower() in no.lower()}, text
