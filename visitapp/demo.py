"""Deterministic demo data for Shanghai: staff, teams, debtors, debts, cases and the next two days' visits.

    python -m visitapp.demo [--if-empty] [--reset] [--seed 7] [--url DBURL]

The database is first migrated to head. `--if-empty` does nothing when users exist; otherwise a
non-empty database is refused unless `--reset` (which deletes every row first). All randomness comes
from one `random.Random(seed)`, and dates from `visitapp.core.clock.today()`, so the same seed and the same
clock give the same rows (apart from password hashes, which are salted, and timestamps).

Demo logins: `admin` / `admin1234`; `dispatcher1`, `dispatcher2`, `supervisor1`, `agent1`..`agent8`
/ `demo1234`.

Debtor verifiers (birth year, last 4 of the ID number) are stored only as keyed hashes; the plain demo
values are never written anywhere, but `demo_verifiers(i)` recomputes them for the i-th debtor
(1-based, in id order).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
import time as _time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from visitapp.cases.services import scoring_service
from visitapp.compliance.rules.policy import default_config
from visitapp.compliance.services import contact
from visitapp.core import auth, clock
from visitapp.core.db import session_scope, upgrade
from visitapp.core.enums import (
    CaseStatus,
    Channel,
    Confirmation,
    Locale,
    NoticeState,
    Outcome,
    PromiseStatus,
    Role,
    VisitStatus,
)
from visitapp.core.models import (
    Attachment,
    Case,
    Complaint,
    Debt,
    Debtor,
    DebtorPhone,
    ImportBatch,
    Message,
    Note,
    Payment,
    Plan,
    PolicySetting,
    Promise,
    StatementLine,
    Team,
    TeamShift,
    User,
    Visit,
    VisitAgent,
    VisitNotice,
    VisitOutcome,
)
from visitapp.core.rows import pk
from visitapp.core.security import hash_password, hash_verifier
from visitapp.core.settings import get_settings
from visitapp.debtor.services import complaints
from visitapp.demo_places import CITY, LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, STREETS, TEAM_BASES, Street
from visitapp.field.services import scripts
from visitapp.money.services import payments
from visitapp.people.rules.users import UserFields
from visitapp.people.services import users

DEMO_PASSWORD = "demo1234"
ADMIN_PASSWORD = "admin1234"
N_DEBTORS = 300
DEMO_TZ = ZoneInfo("Asia/Shanghai")

MORNING = (time(9, 0), time(11, 0))
AFTERNOON = (time(14, 0), time(16, 0))
EVENING = (time(19, 0), time(21, 0))  # only for night workers
# the shift of a team that visits night workers (instead of 09:00-18:00), with a dinner break
EVENING_SHIFT = (time(12, 0), time(21, 0))
EVENING_BREAK = (time(17, 0), 60)
EVENING_GROUPS = ((0, 1), (2, 3))  # each dispatcher's teams; the first works the evening shift when needed

SURNAMES = (
    "王王王李李李张张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"  # common ones repeat
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵钱严戴孔汤"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞辉建国志文斌宇浩凯婷雪琳晨欣怡佳俊峰亮海波宁晶"
    "倩颖慧丹蕾莉鑫瑶璐博昊然轩涵子雨嘉诗思晓春秋梅兰云龙立新荣德庆永清昌燕琴"
)
MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "173",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
)
CREDITORS = (
    "招联消费金融有限公司",
    "马上消费金融股份有限公司",
    "中银消费金融有限公司",
    "兴业消费金融股份公司",
    "捷信消费金融有限公司",
    "海尔消费金融有限公司",
)
# product -> (min, max principal in CNY, possible terms in months)
PRODUCTS = {
    "消费贷": (10_000, 200_000, (12, 24, 36)),
    "信用卡": (3_000, 80_000, (6, 12, 24)),
    "现金贷": (3_000, 50_000, (6, 12)),
}
STAFF = (
    # username, display name, role, badge, password
    ("admin", "系统管理员", Role.ADMIN, None, ADMIN_PASSWORD),
    ("dispatcher1", "王静", Role.DISPATCHER, "SH-D-0001", DEMO_PASSWORD),
    ("dispatcher2", "李强", Role.DISPATCHER, "SH-D-0002", DEMO_PASSWORD),
    ("supervisor1", "陈志明", Role.SUPERVISOR, "SH-S-0001", DEMO_PASSWORD),
)
AGENT_NAMES = ("张伟", "刘洋", "杨帆", "赵磊", "黄俊", "周婷", "吴昊", "徐琳")


def demo_verifiers(debtor_index: int) -> tuple[str, str]:
    """The demo debtor's (birth year, ID-number last 4) for the 1-based `debtor_index` (id order).

    Independent of the seed and of the database; only hashes of these values are stored."""
    h = hashlib.sha256(f"visitapp-demo-verifier:{debtor_index}".encode()).digest()
    birth_year = 1960 + h[0] % 43  # 1960..2002
    check = "0123456789X"[h[3] % 11]
    id_last4 = f"{int.from_bytes(h[1:3], 'big') % 1000:03d}{check}"
    return str(birth_year), id_last4


# ---------------------------------------------------------------------------------------------- helpers


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (straight-line) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _month_day(today: date, months_ago: int, day: int) -> date:
    idx = today.year * 12 + (today.month - 1) - months_ago
    return date(idx // 12, idx % 12 + 1, day)


def _mobile(rng: random.Random, used: set[str]) -> str:
    while True:
        number = "+86" + rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if number not in used:
            used.add(number)
            return number


def _chinese_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(1 if rng.random() < 0.3 else 2))
    return rng.choice(SURNAMES) + given


def _address(rng: random.Random, street: Street) -> tuple[str, float, float]:
    t = rng.random()
    (lat1, lon1), (lat2, lon2) = street.start, street.end
    # a point along the street, pushed up to ~70 m off the centre line (buildings line the street)
    lat = lat1 + t * (lat2 - lat1) + rng.uniform(-0.0006, 0.0006)
    lon = lon1 + t * (lon2 - lon1) + rng.uniform(-0.0007, 0.0007)
    lo, hi = street.numbers
    no = max(1, lo + round(t * (hi - lo)))
    if hi > 100:  # odd numbers on one side, even on the other
        no = max(1, no - no % 2 + rng.randrange(2))
    form = rng.random()
    if form < 0.5:  # a lane compound (弄), very Shanghai
        rest = f"{no}弄{rng.randint(1, 40)}号{rng.randint(1, 6)}{rng.randint(1, 4):02d}室"
    elif form < 0.85:
        rest = f"{no}号{rng.randint(1, 12)}号楼{rng.randint(2, 28)}{rng.randint(1, 4):02d}室"
    else:
        rest = f"{no}号{rng.randint(2, 18)}{rng.randint(1, 6):02d}室"
    return f"{CITY}{street.district}{street.name}{rest}", round(lat, 6), round(lon, 6)


def _statement(rng: random.Random, today: date, principal_cents: int, term: int) -> tuple[date, list[tuple]]:
    """(opened_on, [(due_date, kind, description, due_cents, paid_cents)]) for the overdue part of a loan."""
    first_ago = rng.randint(3, 18)  # the first unpaid installment fell due this many months ago
    n_over = rng.randint(2, min(first_ago - 1, term, 12))  # the last one at least 2 months ago
    paid_before = rng.randint(0, term - n_over)  # installments paid before the default
    due_day = rng.randint(1, 28)
    opened_on = _month_day(today, first_ago + paid_before + 1, due_day)
    base = principal_cents // term
    monthly_rate = rng.choice((0.006, 0.008, 0.01, 0.012, 0.015)) if rng.random() < 0.7 else 0.0
    late_fees = rng.random() < 0.5
    partial_first = rng.random() < 0.35
    lines: list[tuple] = []
    for j in range(n_over):
        k = paid_before + 1 + j  # installment number
        due_date = _month_day(today, first_ago - j, due_day)
        amount = base if k < term else principal_cents - base * (term - 1)
        paid = 0
        if j == 0 and partial_first:
            paid = round(amount * rng.uniform(0.1, 0.9))
        elif rng.random() < 0.06:
            paid = round(amount * rng.uniform(0.05, 0.5))
        lines.append((due_date, "installment", f"第{k}/{term}期 分期本金", amount, paid))
        if monthly_rate:
            interest = round((principal_cents - base * (k - 1)) * monthly_rate)
            ipaid = interest if (j == 0 and partial_first and rng.random() < 0.5) else 0
            lines.append((due_date, "interest", f"第{k}/{term}期 利息", interest, ipaid))
        if late_fees and due_date <= today - timedelta(days=35):
            fee = max(2_000, round(amount * 0.05))
            lines.append((due_date + timedelta(days=3), "late_fee", f"第{k}/{term}期 逾期违约金", fee, 0))
    return opened_on, lines


def _route(start: tuple[float, float], stops: list[_CasePlan]) -> list[_CasePlan]:
    """Nearest-neighbour tour from `start`; ties broken by input order, so deterministic."""
    left, order, here = list(stops), [], start
    while left:
        nxt = min(left, key=lambda c: distance_km(here[0], here[1], c.lat, c.lon))
        left.remove(nxt)
        order.append(nxt)
        here = (nxt.lat, nxt.lon)
    return order


def _local(day: date, at: time, minutes: int = 0) -> datetime:
    return datetime.combine(day, at, tzinfo=DEMO_TZ) + timedelta(minutes=minutes)


@dataclass
class _CasePlan:
    index: int  # 1-based debtor index
    lat: float
    lon: float
    night_worker: bool
    do_not_visit: bool
    disputed: bool
    team_idx: int = 0
    agent: User | None = None
    debt: Debt | None = None
    case: Case | None = None
    lines: list[tuple] = field(default_factory=list)
    visited: bool = False


# ---------------------------------------------------------------------------------------------- generate


def generate(session: Session, *, seed: int = 7) -> dict[str, int]:
    """Insert the demo data into an empty, migrated database; returns row counts. The caller commits."""
    rng = random.Random(seed)
    secret = get_settings().secret_key
    today = clock.today()
    days = (today, today + timedelta(days=1))
    used_numbers: set[str] = set()

    # --- teams and staff
    teams = [Team(name=b.name, base_address=b.address, base_lat=b.lat, base_lon=b.lon) for b in TEAM_BASES]
    session.add_all(teams)
    session.flush()

    # the people through the one service that makes users (people.services.users.add, audited as the system's)
    hashes = {pw: hash_password(pw) for pw in (DEMO_PASSWORD, ADMIN_PASSWORD)}

    def person(username: str, name: str, role: Role, badge: str | None, team_id: int | None, pw: str) -> User:
        fields = UserFields(username, name, role, team_id, badge, _mobile(rng, used_numbers), str(Locale.ZH))
        return users.add(session, fields, password_hash=hashes[pw], by=None, must_change=False)

    staff = [person(u, name, role, badge, None, pw) for u, name, role, badge, pw in STAFF]
    agents = [
        person(f"agent{i + 1}", name, Role.AGENT, f"SH-A-{i + 1:04d}", teams[i // 2].id, DEMO_PASSWORD)
        for i, name in enumerate(AGENT_NAMES)
    ]
    dispatchers = [u for u in staff if u.role == Role.DISPATCHER]
    for i, team in enumerate(teams):
        team.dispatcher_id = dispatchers[0 if i < 2 else 1].id
    team_agents = [agents[2 * i : 2 * i + 2] for i in range(len(teams))]

    # --- debtors
    flags = {
        "night_worker": set(rng.sample(range(1, N_DEBTORS + 1), N_DEBTORS * 5 // 100)),
        "do_not_visit": set(rng.sample(range(1, N_DEBTORS + 1), N_DEBTORS * 2 // 100)),
        "disputed": set(rng.sample(range(1, N_DEBTORS + 1), N_DEBTORS * 2 // 100)),
        "en": set(rng.sample(range(1, N_DEBTORS + 1), N_DEBTORS * 5 // 100)),
    }
    debtors: list[Debtor] = []
    plans: list[_CasePlan] = []
    for i in range(1, N_DEBTORS + 1):
        street = rng.choice(STREETS)
        address, lat, lon = _address(rng, street)
        assert LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX, (street, lat, lon)
        plan = _CasePlan(i, lat, lon, i in flags["night_worker"], i in flags["do_not_visit"], i in flags["disputed"])
        debtors.append(
            Debtor(
                name=_chinese_name(rng),
                address=address,
                city=CITY,
                district=street.district,
                lat=lat,
                lon=lon,
                geocode_status="given",
                timezone="Asia/Shanghai",
                locale=str(Locale.EN if i in flags["en"] else Locale.ZH),
                night_worker=plan.night_worker,
                do_not_visit=plan.do_not_visit,
                disputed=plan.disputed,
            )
        )
        plans.append(plan)
    session.add_all(debtors)
    session.flush()
    for i, debtor in enumerate(debtors, start=1):
        birth_year, id_last4 = demo_verifiers(i)
        debtor.birth_year_hash = hash_verifier(secret, str(debtor.id), "birth_year", birth_year)
        debtor.id_last4_hash = hash_verifier(secret, str(debtor.id), "id_last4", id_last4)

    # --- phones and debts
    phones: list[DebtorPhone] = []
    debts: list[Debt] = []
    contract_serials = rng.sample(range(100_000, 1_000_000), N_DEBTORS)
    for debtor, plan, serial in zip(debtors, plans, contract_serials):
        for n in range(1 if rng.random() < 0.7 else 2):
            phones.append(
                DebtorPhone(debtor_id=debtor.id, number=_mobile(rng, used_numbers), kind="mobile", is_primary=n == 0)
            )
        product = rng.choices(tuple(PRODUCTS), weights=(5, 3, 2))[0]
        lo, hi, terms = PRODUCTS[product]
        principal_cents = rng.randint(lo // 100, hi // 100) * 100 * 100  # whole hundreds of yuan
        opened_on, plan.lines = _statement(rng, today, principal_cents, rng.choice(terms))
        plan.debt = Debt(
            debtor_id=debtor.id,
            contract_no=f"HT{opened_on.year}{serial:06d}",
            creditor=rng.choice(CREDITORS),
            product=product,
            principal_cents=principal_cents,
            currency="CNY",
            opened_on=opened_on,
        )
        debts.append(plan.debt)
    session.add_all(phones + debts)
    session.flush()

    # --- statement lines and cases
    lines: list[StatementLine] = []
    cases: list[Case] = []
    extra_paused = set(rng.sample([p.index for p in plans if not p.disputed], 3))
    for debtor, plan in zip(debtors, plans):
        for due_date, kind, description, due, paid in plan.lines:
            assert 0 <= paid <= due
            lines.append(
                StatementLine(
                    debt_id=plan.debt.id,
                    due_date=due_date,
                    kind=kind,
                    description=description,
                    amount_due_cents=due,
                    amount_paid_cents=paid,
                )
            )
        outstanding = sum(due - paid for _, _, _, due, paid in plan.lines)
        overdue_days = (today - min(d for d, *_ in plan.lines)).days
        any_paid = any(paid for *_, paid in plan.lines)
        score = max(0, min(100, round(rng.gauss(50, 20)) + (12 if any_paid else 0) - overdue_days // 60))
        segment = "A" if score >= 75 else "B" if score >= 50 else "C" if score >= 25 else "D"
        if outstanding >= 5_000_000 or overdue_days >= 360:  # 50,000 CNY or a year overdue
            priority = 2
        elif outstanding >= 1_000_000 or overdue_days >= 180:
            priority = 1
        else:
            priority = 0
        plan.team_idx = min(
            range(len(teams)), key=lambda t: distance_km(plan.lat, plan.lon, teams[t].base_lat, teams[t].base_lon)
        )
        plan.agent = rng.choice(team_agents[plan.team_idx])
        status, pause_reason = str(CaseStatus.OPEN), None
        if plan.disputed:
            status, pause_reason = str(CaseStatus.PAUSED), "disputed"
        elif plan.index in extra_paused:
            status, pause_reason = str(CaseStatus.PAUSED), "hardship"
        plan.case = Case(
            debtor_id=debtor.id,
            debt_id=plan.debt.id,
            team_id=teams[plan.team_idx].id,
            agent_id=plan.agent.id,
            segment=segment,
            strategy="",
            score=score,
            status=status,
            pause_reason=pause_reason,
            priority=priority,
            version=1,
            district=debtor.district,
        )
        cases.append(plan.case)

    # --- visits for today and tomorrow: 8-10 per team and day, shared by both agents of the team
    visit_rows: list[tuple[Visit, int]] = []  # (visit, debtor index)
    for t, team in enumerate(teams):
        base = (team.base_lat, team.base_lon)
        for d, day in enumerate(days):
            eligible = [
                p
                for p in plans
                if p.team_idx == t and not p.visited and not p.do_not_visit and p.case.status == CaseStatus.OPEN
            ]
            night = [p for p in eligible if p.night_worker]
            day_pool = [p for p in eligible if not p.night_worker]
            n = rng.randint(8, 10)
            chosen_night = rng.sample(night, min(1, len(night)))
            chosen_day = rng.sample(day_pool, min(n - len(chosen_night), len(day_pool)))
            tour = _route(base, chosen_day)
            half = (len(tour) + 1) // 2
            blocks = [(MORNING, tour[:half]), (AFTERNOON, tour[half:]), (EVENING, _route(base, chosen_night))]
            weights = (20, 35, 45) if d == 0 else (50, 30, 20)  # today's visits are mostly agreed already
            order = 0
            for (start, end), block in blocks:
                step = 100 // max(len(block), 1)
                for k, plan in enumerate(block):
                    order += 1
                    plan.visited = True
                    confirmation = rng.choices(
                        (Confirmation.PROPOSED, Confirmation.NOTIFIED, Confirmation.CONFIRMED), weights=weights
                    )[0]
                    eta = _local(day, start, 10 + k * step).astimezone(UTC)
                    visit_rows.append(
                        (
                            Visit(
                                case_id=0,
                                team_id=team.id,
                                visit_date=day,
                                window_start=start,
                                window_end=end,
                                hard_window=confirmation == Confirmation.CONFIRMED,
                                confirmation=str(confirmation),
                                status=str(VisitStatus.PLANNED),
                                route_order=order,
                                eta=eta,
                                service_minutes=30,
                                priority=plan.case.priority,
                            ),
                            plan.index,
                        )
                    )

    visit_rows, shifts = _evening_shifts(teams, days, visit_rows)
    session.add_all(shifts)

    for plan in plans:
        if plan.visited:
            plan.case.strategy = "visit"
        elif plan.disputed:
            plan.case.strategy = "review"
        elif plan.do_not_visit:
            plan.case.strategy = rng.choice(("sms", "call", "review"))
        else:
            plan.case.strategy = rng.choices(("sms", "call", "visit", "review"), weights=(30, 35, 20, 15))[0]
    session.add_all(lines + cases)
    session.flush()

    by_index = {p.index: p for p in plans}
    visits = []
    for visit, index in visit_rows:
        visit.case_id = by_index[index].case.id
        visits.append(visit)
    session.add_all(visits)
    session.flush()
    visit_agents = [
        VisitAgent(visit_id=visit.id, user_id=agent.id)
        for visit in visits
        for agent in team_agents[[tm.id for tm in teams].index(visit.team_id)]
    ]
    session.add_all(visit_agents)
    session.flush()

    primary = {ph.debtor_id: ph.number for ph in phones if ph.is_primary}
    ledger_entries = _contact_history(session, rng, plans, visits, primary, days[0])
    _demo_complaints(session, plans, seed)
    history = _visit_history(session, plans, team_agents, teams, dispatchers, days[0], seed)
    scoring_service.rescore(session, today=days[0])  # transparent scores from the statements and history

    scripts.ensure_defaults(session)
    # which day the demo was made for, and when: `refresh_if_stale` rebuilds an untouched demo for a later day
    session.add(PolicySetting(key=DEMO_KEY, value={"day": today.isoformat(), "at": clock.now().isoformat()}))

    return {
        "teams": len(teams),
        "users": len(staff) + len(agents),
        "agents": len(agents),
        "debtors": len(debtors),
        "debtor_phones": len(phones),
        "debts": len(debts),
        "statement_lines": len(lines),
        "cases": len(cases),
        "visits": len(visits),
        "visits_today": sum(v.visit_date == days[0] for v in visits),
        "visits_tomorrow": sum(v.visit_date == days[1] for v in visits),
        "visit_agents": len(visit_agents),
        "evening_shifts": len(shifts),
        "ledger_entries": ledger_entries,
        "past_visits": history,
    }


def _evening_shifts(
    teams: list[Team], days: Sequence[date], visit_rows: list[tuple[Visit, int]]
) -> tuple[list[tuple[Visit, int]], list[TeamShift]]:
    """Nobody works evenings by default (09:00-18:00), yet night workers are visited 19:00-21:00. On a day
    with such visits, the first team of each dispatcher works EVENING_SHIFT instead: its morning visits are
    not generated (it starts at noon), and it takes the evening visits of its sibling team (the sibling's
    agents lose them, the evening team's get them), after its own afternoon. Done after the visits are
    drawn, so the random stream, and so every other row of the demo, is what it was without evening shifts.
    Returns the visits to keep and the shifts."""
    kept: list[tuple[Visit, int]] = []
    shifts: list[TeamShift] = []
    by_team_day: dict[tuple[int | None, date], list[tuple[Visit, int]]] = {}
    for row in visit_rows:
        by_team_day.setdefault((row[0].team_id, row[0].visit_date), []).append(row)
    for day in days:
        for group in EVENING_GROUPS:
            evening_team, *others = (teams[i] for i in group)
            evenings = [
                row
                for team in (evening_team, *others)
                for row in by_team_day.get((team.id, day), [])
                if row[0].window_start == EVENING[0]
            ]
            if not evenings:
                continue
            shifts.append(
                TeamShift(
                    team_id=evening_team.id,
                    shift_date=day,
                    shift_start=EVENING_SHIFT[0],
                    shift_end=EVENING_SHIFT[1],
                    lunch_start=EVENING_BREAK[0],
                    lunch_minutes=EVENING_BREAK[1],
                )
            )
            own = [r for r in by_team_day.get((evening_team.id, day), []) if r[0].window_start == AFTERNOON[0]]
            by_team_day[(evening_team.id, day)] = own + evenings
            for team in others:
                by_team_day[(team.id, day)] = [
                    r for r in by_team_day.get((team.id, day), []) if r[0].window_start != EVENING[0]
                ]
            for k, (visit, _) in enumerate(evenings):
                visit.team_id = evening_team.id
                visit.eta = _local(day, EVENING[0], 10 + k * 100 // len(evenings)).astimezone(UTC)
    for rows in by_team_day.values():
        for order, (visit, index) in enumerate(rows, start=1):
            visit.route_order = order
            kept.append((visit, index))
    return kept, shifts


def _contact_history(
    session: Session,
    rng: random.Random,
    plans: list[_CasePlan],
    visits: list[Visit],
    primary: dict[int, str],
    today: date,
) -> int:
    """Two weeks of past contacts, made through the same policy gate and ledger as live ones: yesterday's
    notices for today's agreed visits, and a few calls on other cases (some of them blocked by the caps)."""
    agent_of = {p.case.id: p.agent for p in plans}
    debtor_of = {p.case.id: p.case.debtor_id for p in plans}
    cfg = default_config()
    n = 0
    for v in visits:
        if v.visit_date in (today, today + timedelta(days=1)) and v.confirmation in (
            Confirmation.NOTIFIED,
            Confirmation.CONFIRMED,
        ):
            at = _local(today - timedelta(days=1), time(10), rng.randint(0, 300))
            out = contact.attempt(
                session,
                case_id=v.case_id,
                channel=Channel.SMS,
                actor_id=agent_of[v.case_id].id,
                at=at,
                target_ref=primary.get(debtor_of[v.case_id]),
                config=cfg,
            )
            if out.permit:
                contact.record_result(session, permit=out.permit, result="delivered")
                # the visit's time is noticed: publishing its plan will not notice it again
                session.add(
                    VisitNotice(
                        visit_id=pk(v),
                        visit_day=v.visit_date,
                        window_start=v.window_start,
                        window_end=v.window_end,
                        state=NoticeState.SENT,
                        ledger_id=out.ledger_id,
                        sent_at=at,
                    )
                )
            n += 1
    open_cases = [p for p in plans if p.case.status == CaseStatus.OPEN]
    for p in rng.sample(open_cases, min(60, len(open_cases))):
        day = today - timedelta(days=rng.randint(1, 14))
        for k in range(rng.randint(1, 4)):
            out = contact.attempt(
                session,
                case_id=p.case.id,
                channel=Channel.CALL,
                actor_id=p.agent.id,
                at=_local(day, time(9), 20 * k + rng.randint(0, 15)),
                target_ref=primary.get(p.case.debtor_id),
                config=cfg,
            )
            if out.permit:
                result = rng.choices(("connected", "unanswered", "wrong_number"), weights=(45, 50, 5))[0]
                contact.record_result(session, permit=out.permit, result=result)
            n += 1
    return n


DEMO_COMPLAINTS = (
    ("link", "amount", "账单里的滞纳金我从来没有收到过通知，金额和合同约定对不上，请核实后再联系我。"),
    ("call", "visit_time", "上周已经说好只在工作日白天联系，昨晚九点多又有人打电话，影响家人休息。"),
)


# what the past visits of the demo came to (weights): mostly met or nobody home, some promises and payments
PAST_OUTCOMES = (
    (Outcome.MET, 30),
    (Outcome.NOT_HOME, 24),
    (Outcome.PROMISE, 18),
    (Outcome.PAID, 10),
    (Outcome.REFUSED, 8),
    (Outcome.WRONG_ADDRESS, 4),
)


def _visit_history(
    session: Session,
    plans: list[_CasePlan],
    team_agents: list[list[User]],
    teams: list[Team],
    dispatchers: list[User],
    today: date,
    seed: int,
) -> int:
    """Five weeks of past visits (8 to 35 days ago, so this week's caps and today's flows are untouched) on
    open cases with no visit today or tomorrow: checked in at the address, an outcome, the visit's ledger
    row through the contact check; a promise on some (kept by a payment recorded through the payment
    service, or broken), a payment on others (through the payment service, its receipt numbers drawn from
    this stream). The reports and the case review have a past to show. Its own
    random stream keeps the rest of the demo data unchanged."""
    rng = random.Random(seed + 7007)
    cfg = default_config()
    dispatcher_of = {t.id: auth.identity_of(next(d for d in dispatchers if d.id == t.dispatcher_id)) for t in teams}
    index_of = {t.id: i for i, t in enumerate(teams)}
    eligible = [
        p
        for p in plans
        if not p.visited
        and not p.do_not_visit
        and not p.disputed
        and not p.night_worker
        and p.case.status == CaseStatus.OPEN
        and p.case.team_id is not None
    ]
    outcomes, weights = zip(*PAST_OUTCOMES)
    made = 0
    for p in rng.sample(eligible, min(80, len(eligible))):
        day = today - timedelta(days=rng.randint(8, 35))
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        start, end = rng.choice((MORNING, AFTERNOON))
        at = _local(day, start, rng.randint(5, 80))
        agents = team_agents[index_of[p.case.team_id]]
        attempt = contact.attempt(
            session, case_id=p.case.id, channel=Channel.VISIT, actor_id=agents[0].id, at=at, agents=2, config=cfg
        )
        if not attempt.permit:  # a holiday, a cap: the check said no, and the ledger says so
            continue
        outcome = rng.choices(outcomes, weights=weights)[0]
        visit = Visit(
            case_id=p.case.id,
            team_id=p.case.team_id,
            visit_date=day,
            window_start=start,
            window_end=end,
            confirmation=rng.choice((Confirmation.NOTIFIED, Confirmation.CONFIRMED)),
            status=VisitStatus.DONE,
            checkin_at=at,
            checkin_lat=p.lat,
            checkin_lon=p.lon,
            checkin_accuracy_m=float(rng.randint(5, 30)),
            checkin_distance_m=float(rng.randint(3, 60)),
            checkout_at=at + timedelta(minutes=rng.randint(15, 40)),
            outcome=outcome,
            outcome_at=at + timedelta(minutes=rng.randint(10, 30)),
            created_at=at - timedelta(days=2),
        )
        session.add(visit)
        session.flush()
        session.add_all([VisitAgent(visit_id=pk(visit), user_id=a.id) for a in agents])
        session.add(
            VisitOutcome(
                visit_id=pk(visit),
                case_id=p.case.id,
                author_id=agents[0].id,
                outcome=outcome,
                typed_at=visit.outcome_at,
                created_at=visit.outcome_at,
            )
        )
        contact.record_result(session, permit=attempt.permit, result=str(outcome))
        made += 1
        owed = sum(amount - paid for due_on, _kind, _text, amount, paid in p.lines if due_on <= today)
        amount = max(20_000, min(owed, (owed // 5) // 10_000 * 10_000))
        if outcome == Outcome.PROMISE:
            due = day + timedelta(days=7)
            promise = Promise(
                case_id=p.case.id,
                visit_id=pk(visit),
                amount_cents=amount,
                due_date=due,
                created_by=agents[0].id,
                created_at=visit.outcome_at,
            )
            session.add(promise)
            session.flush()
            if due < today and rng.random() < 0.55:  # kept: the payment service marks the promise so
                payments.record_payment(
                    session,
                    actor=dispatcher_of[p.case.team_id],
                    case_id=p.case.id,
                    amount_cents=amount,
                    paid_on=due - timedelta(days=rng.randint(0, 3)),
                    method="transfer",
                    reference=f"DEMO-{pk(promise)}",
                    draw=rng,
                )
            elif due < today:
                promise.status, promise.resolved_at = PromiseStatus.BROKEN, _local(due + timedelta(days=1), time(0), 5)
                session.add(promise)
        elif outcome == Outcome.PAID:
            payments.record_payment(
                session,
                actor=dispatcher_of[p.case.team_id],
                case_id=p.case.id,
                amount_cents=amount,
                paid_on=day,
                method="cash",
                draw=rng,
            )
    session.flush()
    return made


def _demo_complaints(session: Session, plans: list[_CasePlan], seed: int) -> None:
    """Two open complaints for dispatcher1's inbox (teams 1 and 2), filed through the complaints service.
    They go on cases already paused for another reason (a dispute, a hardship review): no visit is planned
    on them, and the cases themselves stay as generated. Their own random stream keeps the rest of the
    demo data unchanged."""

    rng = random.Random(seed + 6006)
    chosen = [p for p in plans if p.team_idx in (0, 1) and p.case.status == CaseStatus.PAUSED and not p.visited]
    for plan, (source, category, body) in zip(chosen, DEMO_COMPLAINTS):
        complaints.create(session, case_id=plan.case.id, source=source, category=category, body=body, rng=rng)


# ---------------------------------------------------------------------------------------------- database


def is_empty(session: Session) -> bool:
    return not any(
        session.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
        for table in SQLModel.metadata.sorted_tables
    )


def has_users(session: Session) -> bool:
    return session.execute(sa.select(sa.literal(1)).select_from(User.__table__).limit(1)).first() is not None


def reset(session: Session) -> None:
    """Delete every row of the app's tables, children first (the schema itself stays)."""
    session.execute(sa.update(Team.__table__).values(dispatcher_id=None))
    for table in reversed(SQLModel.metadata.sorted_tables):
        session.execute(table.delete())
    session.flush()


DEMO_KEY = "demo"
# tables whose rows only a person using the app adds: a demo with none of them newer than itself is untouched
_USED = (Note, VisitOutcome, Payment, Plan, Promise, Complaint, Attachment, Message, ImportBatch)


def stale_and_untouched(session: Session) -> bool:
    """True when the database holds only the demo, made for an earlier day than today, and nobody has used it
    since (no note, outcome, payment, plan, promise, complaint, photo, SMS or import newer than the demo, no
    visit checked in): then it can be made again for today without losing anyone's work."""
    marker = session.get(PolicySetting, DEMO_KEY)
    if marker is None or not isinstance(marker.value, dict) or marker.value.get("day") == clock.today().isoformat():
        return False
    made = datetime.fromisoformat(str(marker.value["at"])) + timedelta(minutes=1)
    for model in _USED:
        newest = session.exec(sa.select(sa.func.max(model.created_at))).scalar()  # type: ignore[attr-defined]
        if newest is not None and clock.aware(newest) > made:
            return False
    checked_in = session.exec(sa.select(sa.func.max(Visit.checkin_at))).scalar()
    return checked_in is None or clock.aware(checked_in) <= made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m visitapp.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--if-empty", action="store_true", help="do nothing if the database already has users")
    parser.add_argument("--reset", action="store_true", help="delete all existing rows first")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--url", default=None, help="database URL (default: VISITAPP_DATABASE_URL)")
    args = parser.parse_args(argv)
    url = args.url or get_settings().database_url

    upgrade(url)
    started = _time.perf_counter()
    with session_scope(url) as session:
        if args.if_empty and has_users(session):
            if not stale_and_untouched(session):
                print("demo: the database already has users; nothing to do (--if-empty)")
                return 0
            print(f"demo: the demo data is from an earlier day and untouched: made again for {clock.today()}")
            reset(session)
        if not is_empty(session):
            if not args.reset:
                print(
                    "demo: the database is not empty; use --reset to replace its data (or --if-empty)", file=sys.stderr
                )
                return 1
            reset(session)
        counts = generate(session, seed=args.seed)
    elapsed = _time.perf_counter() - started
    print(f"demo data (seed {args.seed}, today {clock.today()}) written in {elapsed:.1f} s:")
    print("  " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    print("  logins: admin/admin1234; dispatcher1, dispatcher2, supervisor1, agent1..agent8 / demo1234")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
