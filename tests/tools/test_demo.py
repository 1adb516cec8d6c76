"""The demo-data generator (visitapp.demo) on fresh SQLite databases."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import phonenumbers
import pytest
import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from visitapp import demo
from visitapp.core import clock
from visitapp.core.db import get_engine, upgrade
from visitapp.core.models import (
    AuditLog,
    Case,
    Debt,
    Debtor,
    DebtorPhone,
    Note,
    StatementLine,
    Team,
    TeamShift,
    User,
    Visit,
    VisitAgent,
)
from visitapp.core.security import verifier_matches, verify_password
from visitapp.core.settings import get_settings
from visitapp.demo_places import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, STREETS

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)
DAY_SLOTS = {(time(9), time(11)), (time(14), time(16))}
EVENING_SLOT = (time(19), time(21))
VOLATILE_COLUMNS = {"password_hash", "verify_token", "created_at", "updated_at"}  # random by design


@pytest.fixture(scope="module", autouse=True)
def fixed_clock():
    clock.set_now(NOW)
    yield
    clock.set_now(None)


def _fresh_url(tmp_path_factory, name: str) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp(name) / 'demo.db'}"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = _fresh_url(tmp_path_factory, "demo")
    upgrade(url)
    with Session(get_engine(url)) as session:
        counts = demo.generate(session, seed=7)
        session.commit()
    assert counts["debtors"] == 300
    return url


@pytest.fixture(scope="module")
def cli_url(tmp_path_factory) -> str:
    """The same data written through the command line (which also migrates)."""
    url = _fresh_url(tmp_path_factory, "cli")
    assert demo.main(["--url", url, "--seed", "7"]) == 0
    return url


@pytest.fixture()
def session(demo_url):
    with Session(get_engine(demo_url)) as s:
        yield s


def digest(url: str) -> str:
    """A hash over every row of every table, without salted hashes and timestamps."""
    h = hashlib.sha256()
    with get_engine(url).connect() as conn:
        for name in sorted(SQLModel.metadata.tables):
            table = SQLModel.metadata.tables[name]
            cols = [c for c in table.columns if c.name not in VOLATILE_COLUMNS]
            h.update(name.encode())
            for row in conn.execute(sa.select(*cols).order_by(*table.primary_key.columns)):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def test_staff_and_teams(session):
    users = session.exec(select(User)).all()
    by_role = Counter(u.role for u in users)
    assert by_role == {"admin": 1, "dispatcher": 2, "supervisor": 1, "agent": 8}
    by_name = {u.username: u for u in users}
    assert by_name["admin"].role == "admin"
    assert verify_password(by_name["admin"].password_hash, "admin1234")
    assert verify_password(by_name["agent3"].password_hash, "demo1234")
    for name in ("dispatcher1", "dispatcher2", "supervisor1", "admin"):
        assert by_name[name].team_id is None
    # made through the one service that makes users (people.services.users.add): each audited, by the system,
    # and none has to change a one-time password
    made = session.exec(select(AuditLog).where(AuditLog.action == "user.create")).all()
    assert sorted(int(m.entity_id) for m in made) == sorted(u.id for u in users)
    assert {m.actor_id for m in made} == {None} and not any(u.must_change_password for u in users)

    teams = session.exec(select(Team).order_by(Team.id)).all()
    assert len(teams) == 4
    assert [t.dispatcher_id for t in teams] == [by_name["dispatcher1"].id] * 2 + [by_name["dispatcher2"].id] * 2
    agents = [u for u in users if u.role == "agent"]
    assert Counter(a.team_id for a in agents) == {t.id: 2 for t in teams}
    assert sorted(a.badge_no for a in agents) == [f"SH-A-{i:04d}" for i in range(1, 9)]
    for a in agents:
        assert a.locale == "zh-CN" and a.phone and a.display_name and not a.display_name.isascii()
    for t in teams:
        assert t.base_address.startswith("上海市")
        assert LAT_MIN <= t.base_lat <= LAT_MAX and LON_MIN <= t.base_lon <= LON_MAX


def test_debtors_debts_and_cases_counts(session):
    assert session.exec(select(sa.func.count()).select_from(Debtor)).one() == 300
    assert session.exec(select(sa.func.count()).select_from(Debt)).one() == 300
    assert session.exec(select(sa.func.count()).select_from(Case)).one() == 300
    debtors = session.exec(select(Debtor)).all()
    flags = Counter()
    for d in debtors:
        flags.update(k for k in ("night_worker", "do_not_visit", "disputed") if getattr(d, k))
        flags[d.locale] += 1
        assert d.geocode_status == "given" and d.city == "上海市"
        assert d.address.startswith("上海市" + d.district) and d.address.endswith("室")
    assert flags["night_worker"] == 15 and flags["do_not_visit"] == 6 and flags["disputed"] == 6
    assert flags["en"] == 15 and flags["zh-CN"] == 285
    assert len({d.district for d in debtors}) >= 10


def test_phones(session):
    phones = session.exec(select(DebtorPhone)).all()
    per_debtor = defaultdict(list)
    for p in phones:
        per_debtor[p.debtor_id].append(p)
        parsed = phonenumbers.parse(p.number)
        assert p.number.startswith("+861") and len(p.number) == 14
        assert phonenumbers.is_valid_number(parsed) and phonenumbers.region_code_for_number(parsed) == "CN"
    assert len(per_debtor) == 300
    for rows in per_debtor.values():
        assert 1 <= len(rows) <= 2 and sum(p.is_primary for p in rows) == 1
    assert len({p.number for p in phones}) == len(phones)


def test_all_coordinates_in_shanghai(session):
    assert len(STREETS) >= 40
    for street in STREETS:
        for lat, lon in (street.start, street.end):
            assert LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX, street
    for d in session.exec(select(Debtor)).all():
        assert LAT_MIN <= d.lat <= LAT_MAX and LON_MIN <= d.lon <= LON_MAX, d.address


def test_statement_lines(session):
    today = clock.today()
    lines = session.exec(select(StatementLine)).all()
    by_debt = defaultdict(list)
    for line in lines:
        by_debt[line.debt_id].append(line)
        assert isinstance(line.amount_due_cents, int) and isinstance(line.amount_paid_cents, int)
        assert line.amount_due_cents > 0
        assert 0 <= line.amount_paid_cents <= line.amount_due_cents
        assert 45 <= (today - line.due_date).days <= 580
    assert len(by_debt) == 300
    assert all(any(x.kind == "installment" for x in rows) for rows in by_debt.values())
    kinds = Counter(x.kind for x in lines)
    assert set(kinds) == {"installment", "interest", "late_fee"}
    assert any(0 < x.amount_paid_cents < x.amount_due_cents for x in lines)  # partial payments
    for debt in session.exec(select(Debt)).all():
        assert 300_000 <= debt.principal_cents <= 20_000_000 and debt.currency == "CNY"
        assert debt.contract_no.startswith("HT") and len(debt.contract_no) == 12
        assert debt.product in {"消费贷", "信用卡", "现金贷"}


def test_cases_go_to_the_nearest_team(session):
    teams = {t.id: t for t in session.exec(select(Team)).all()}
    agents = {u.id: u for u in session.exec(select(User).where(User.role == "agent")).all()}
    debtors = {d.id: d for d in session.exec(select(Debtor)).all()}
    statuses = Counter()
    for case in session.exec(select(Case)).all():
        d = debtors[case.debtor_id]
        nearest = min(teams.values(), key=lambda t: demo.distance_km(d.lat, d.lon, t.base_lat, t.base_lon))
        assert case.team_id == nearest.id
        assert agents[case.agent_id].team_id == case.team_id
        assert case.segment in {"A", "B", "C", "D"} and case.strategy in {"sms", "call", "visit", "review"}
        assert 0 <= case.score <= 100 and case.priority in (0, 1, 2) and case.version == 1
        statuses[case.status] += 1
        if d.disputed:
            assert case.status == "paused"
    assert set(statuses) == {"open", "paused"} and 0 < statuses["paused"] < 20


def test_every_agent_has_visits_today_and_tomorrow(session):
    today = clock.today()
    days = (today, today + timedelta(days=1))
    agents = session.exec(select(User).where(User.role == "agent")).all()
    for agent in agents:
        visits = session.exec(
            select(Visit)
            .join(VisitAgent, VisitAgent.visit_id == Visit.id)
            .where(VisitAgent.user_id == agent.id, Visit.visit_date >= today)
        ).all()
        per_day = Counter(v.visit_date for v in visits)
        assert set(per_day) == set(days), agent.username
        # 8-10 a day; 5-8 on an evening shift, which starts at noon (its afternoon, and both teams' evenings)
        assert all(5 <= n <= 10 for n in per_day.values())
        assert all(v.team_id == agent.team_id for v in visits)

    rows = session.exec(
        select(Visit, Debtor)
        .join(Case, Case.id == Visit.case_id)
        .join(Debtor, Debtor.id == Case.debtor_id)
        .where(Visit.visit_date >= today)
    ).all()
    orders = defaultdict(list)
    evening = 0
    for visit, debtor in rows:
        window = (visit.window_start, visit.window_end)
        if debtor.night_worker and window == EVENING_SLOT:
            evening += 1
        else:
            assert window in DAY_SLOTS
        assert not debtor.do_not_visit
        assert visit.status == "planned"
        assert visit.confirmation in {"proposed", "notified", "confirmed"}
        assert visit.hard_window == (visit.confirmation == "confirmed")
        eta = clock.to_local(visit.eta, "Asia/Shanghai")
        assert eta.date() == visit.visit_date and visit.window_start <= eta.time() < visit.window_end
        orders[(visit.team_id, visit.visit_date)].append((visit.route_order, eta))
    assert evening > 0
    assert len(orders) == 8
    for stops in orders.values():
        stops.sort()
        assert [o for o, _ in stops] == list(range(1, len(stops) + 1))
        assert [e for _, e in stops] == sorted(e for _, e in stops)  # the route runs forward in time
    assert {v.confirmation for v, _ in rows} == {"proposed", "notified", "confirmed"}
    # each visit is shared by exactly the two agents of its team
    shared = Counter(va.visit_id for va in session.exec(select(VisitAgent)).all())
    assert set(shared.values()) == {2} and len(shared) == len(session.exec(select(Visit)).all())


def test_evening_visits_go_to_a_team_on_an_evening_shift_that_day(session):
    """Nobody works evenings by default; on a day with visits to night workers, the first team of each
    dispatcher works 12:00-21:00 and has every evening visit of its dispatcher's teams, and every visit lies
    within its team's hours that day."""
    teams = session.exec(select(Team).order_by(Team.id)).all()
    shifts = {(sh.team_id, sh.shift_date): sh for sh in session.exec(select(TeamShift)).all()}
    assert shifts and all(sh.weekday is None for sh in shifts.values())
    assert {t for t, _ in shifts} == {teams[0].id, teams[2].id}
    for sh in shifts.values():
        assert (sh.shift_start, sh.shift_end, sh.lunch_start, sh.lunch_minutes) == (time(12), time(21), time(17), 60)
    evening_days = set()
    for v in session.exec(select(Visit)).all():
        sh = shifts.get((v.team_id, v.visit_date))
        start, end = (sh.shift_start, sh.shift_end) if sh else (time(9), time(18))
        assert start <= v.window_start and v.window_end <= end, (v.id, v.team_id, v.window_start)
        if (v.window_start, v.window_end) == EVENING_SLOT:
            assert sh is not None
            evening_days.add((v.team_id, v.visit_date))
    assert evening_days == set(shifts)  # a shift only where there are evening visits


def test_demo_verifiers_match_the_stored_hashes(session):
    secret = get_settings().secret_key
    debtors = session.exec(select(Debtor).order_by(Debtor.id)).all()
    for index, d in enumerate(debtors, start=1):
        birth_year, id_last4 = demo.demo_verifiers(index)
        assert verifier_matches(secret, str(d.id), "birth_year", birth_year, d.birth_year_hash)
        assert verifier_matches(secret, str(d.id), "id_last4", id_last4.lower(), d.id_last4_hash)
        assert not verifier_matches(secret, str(d.id), "birth_year", str(int(birth_year) + 1), d.birth_year_hash)
        assert birth_year not in (d.birth_year_hash, d.id_last4_hash)
    assert demo.demo_verifiers(5) == demo.demo_verifiers(5) != demo.demo_verifiers(6)


def test_same_seed_same_data(demo_url, cli_url, tmp_path_factory):
    assert digest(demo_url) == digest(cli_url)
    other = _fresh_url(tmp_path_factory, "seed8")
    upgrade(other)
    with Session(get_engine(other)) as s:
        demo.generate(s, seed=8)
        s.commit()
    assert digest(other) != digest(demo_url)


def test_if_empty_and_reset(cli_url, capsys):
    before = digest(cli_url)
    assert demo.main(["--if-empty", "--url", cli_url, "--seed", "8"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert digest(cli_url) == before

    assert demo.main(["--url", cli_url]) == 1  # refuses a non-empty database
    assert "not empty" in capsys.readouterr().err
    assert digest(cli_url) == before

    assert demo.main(["--reset", "--url", cli_url, "--seed", "7"]) == 0
    assert "300 debtors" in capsys.readouterr().out
    assert digest(cli_url) == before  # SQLite reuses the ids after a full delete


def test_cli_and_reset_on_each_database(db_url, capsys):
    """The shared `db_url` fixture: SQLite, and PostgreSQL when configured (ids keep counting after --reset)."""
    assert demo.main(["--url", db_url]) == 0
    assert demo.main(["--reset", "--url", db_url]) == 0
    assert "300 debtors" in capsys.readouterr().out
    secret = get_settings().secret_key
    with Session(get_engine(db_url)) as s:
        assert s.exec(select(sa.func.count()).select_from(User)).one() == 12
        assert s.exec(select(sa.func.count()).select_from(Team)).one() == 4
        debtors = s.exec(select(Debtor).order_by(Debtor.id)).all()
        assert len(debtors) == 300
        birth_year, id_last4 = demo.demo_verifiers(300)
        assert verifier_matches(secret, str(debtors[-1].id), "birth_year", birth_year, debtors[-1].birth_year_hash)
        assert verifier_matches(secret, str(debtors[-1].id), "id_last4", id_last4, debtors[-1].id_last4_hash)
        assert s.exec(select(sa.func.count()).select_from(VisitAgent)).one() > 0


def test_an_untouched_demo_from_an_earlier_day_is_made_again_for_today(db_url, capsys):
    """make run on a later day: Today is not empty (the demo was only ever generated for its first day)."""
    first, started = clock.today(), clock.now()
    assert demo.main(["--url", db_url]) == 0
    clock.set_now(clock.now() + timedelta(days=3))
    try:
        assert demo.main(["--if-empty", "--url", db_url]) == 0
        assert "made again" in capsys.readouterr().out
        with Session(get_engine(db_url)) as s:
            days = set(s.exec(select(Visit.visit_date)).all())
            assert clock.today() in days and first not in days
            # an hour later someone uses it (a note): from then on it is left alone, whatever the day
            clock.set_now(clock.now() + timedelta(hours=1))
            visit = s.exec(select(Visit).where(Visit.visit_date == clock.today())).first()
            agent = s.exec(select(User).where(User.username == "agent1")).one()
            s.add(Note(case_id=visit.case_id, visit_id=visit.id, author_id=agent.id, body="在用"))
            s.commit()
        clock.set_now(clock.now() + timedelta(days=1))
        assert demo.main(["--if-empty", "--url", db_url]) == 0
        assert "nothing to do" in capsys.readouterr().out
        with Session(get_engine(db_url)) as s:
            assert s.exec(select(sa.func.count()).select_from(Note)).one() == 1
    finally:
        clock.set_now(started)


def test_the_past_five_weeks_of_visits_are_done_ledgered_and_leave_this_week_alone(session):
    from visitapp.core.models import ContactLedger, Payment, Promise, VisitOutcome

    today = clock.today()
    past = session.exec(select(Visit).where(Visit.visit_date < today)).all()
    assert 40 <= len(past) <= 80
    for v in past:
        assert v.status == "done" and v.outcome and v.checkin_at is not None
        assert 8 <= (today - v.visit_date).days <= 38 and v.visit_date.weekday() < 5
        assert session.exec(select(VisitOutcome).where(VisitOutcome.visit_id == v.id)).one().outcome == v.outcome
    # each through the contact check, in the one ledger, with its result
    visits_ledgered = session.exec(
        select(ContactLedger).where(
            ContactLedger.channel == "visit", ContactLedger.at < clock.now() - timedelta(days=7)
        )
    ).all()
    assert len([e for e in visits_ledgered if e.allowed]) == len(past)
    assert Counter(e.result for e in visits_ledgered if e.allowed) == Counter(v.outcome for v in past)
    # promises: kept by a payment made before their due date, or broken once it passed
    promises = session.exec(select(Promise)).all()
    assert promises and {p.status for p in promises} <= {"kept", "broken", "open"}
    for p in promises:
        if p.status == "kept":
            paid = session.exec(select(Payment).where(Payment.case_id == p.case_id)).all()
            assert sum(x.amount_cents for x in paid) >= p.amount_cents
    # the cases visited today or tomorrow have no past visit: the agents' day is as before
    upcoming = {v.case_id for v in session.exec(select(Visit).where(Visit.visit_date >= today)).all()}
    assert upcoming.isdisjoint({v.case_id for v in past})
