"""The office's report and case review on real SQLite and PostgreSQL: each figure from the records of the
period and of the teams in scope, the workbook, and who may see what."""

from __future__ import annotations

import io
from datetime import UTC, time, timedelta

import pytest
from openpyxl import load_workbook

from tests import factories as f
from visitapp.compliance.services import contact
from visitapp.core import audit, auth, clock
from visitapp.core.enums import Channel
from visitapp.core.errors import Forbidden, ValidationError
from visitapp.core.models import Complaint, ContactLedger, Payment, Plan, PlanInstallment, Promise
from visitapp.reports.rules.figures import rate
from visitapp.reports.services import reports


def test_rates_round_half_up_and_say_nothing_when_there_is_nothing_to_divide():
    assert rate(1, 3) == 33 and rate(2, 3) == 67 and rate(1, 8) == 13 and rate(0, 5) == 0
    assert rate(3, 0) is None


@pytest.fixture
def world(session):
    d1, d2 = f.user(session, role="dispatcher"), f.user(session, role="dispatcher")
    t1, t2 = f.team(session, name="一队", dispatcher=d1), f.team(session, name="二队", dispatcher=d2)
    a1, a2 = f.user(session, team=t1), f.user(session, team=t2)
    today = clock.today()
    day = today - timedelta(days=3)
    cases = [f.case(session, team=t1, agent=a1) for _ in range(4)] + [f.case(session, team=t2, agent=a2)]
    for c, seg in zip(cases, ("A", "A", "B", "C", "A")):
        c.segment = seg
        session.add(c)
    outcomes = ["met", "not_home", "promise", None, "refused"]
    statuses = ["done", "done", "done", "missed", "done"]
    visits = []
    for c, o, st in zip(cases, outcomes, statuses):
        agent = a1 if c.team_id == t1.id else a2
        v = f.visit(session, case=c, agents=[agent], day=day, window=(time(9), time(11)))
        v.outcome, v.status = o, st
        session.add(v)
        visits.append(v)
    f.visit(session, case=cases[0], agents=[a1], day=day, status="cancelled")  # not counted
    f.visit(session, case=cases[0], agents=[a1], day=today - timedelta(days=60))  # outside the period
    audit.record(
        session,
        actor_id=a1.id,
        action="visit.not_visited",
        entity="visit",
        entity_id=visits[3].id,
        after={"reason": "no_time"},
    )
    at = clock.local_at(day, time(10))
    for c, channel, allowed, result in (
        (cases[0], "visit", True, "met"),
        (cases[1], "call", True, "connected"),
        (cases[1], "call", True, "unanswered"),
        (cases[2], "sms", False, ""),
        (cases[3], "sms", True, "delivered"),
        (cases[4], "call", True, "connected"),
    ):
        session.add(
            ContactLedger(
                debtor_id=c.debtor_id,
                case_id=c.id,
                team_id=c.team_id,  # as contact.attempt writes it: the case's team at the time
                channel=channel,
                at=at,
                allowed=allowed,
                result=result,
            )
        )
    created = at.astimezone(UTC)
    session.add_all(
        [
            Promise(
                case_id=cases[2].id,
                amount_cents=50_000,
                due_date=today,
                status="kept",
                created_by=a1.id,
                created_at=created,
            ),
            Promise(
                case_id=cases[1].id,
                amount_cents=12_345,
                due_date=day,
                status="broken",
                created_by=a1.id,
                created_at=created,
                resolved_at=created + timedelta(days=1),
            ),
            Payment(case_id=cases[2].id, amount_cents=50_001, paid_on=day, receipt_no="R-1", recorded_by=a1.id),
            Payment(case_id=cases[4].id, amount_cents=99, paid_on=day, receipt_no="R-2", recorded_by=a2.id),
            Complaint(
                case_id=cases[0].id,
                category="conduct",
                body="x",
                reference_no="C-1",
                sla_due_at=created + timedelta(hours=48),
                answered_at=created + timedelta(hours=50),
                status="answered",
                created_at=created,
            ),
        ]
    )
    plan = Plan(
        case_id=cases[3].id,
        proposed_by=a1.id,
        status="active",
        months=3,
        total_cents=300_000,
        first_due_date=day,
        created_at=created,
        approved_at=created,
        signed_at=created,
    )
    session.add(plan)
    session.flush()
    session.add(PlanInstallment(plan_id=plan.id, seq=1, due_date=day, amount_cents=100_000, status="missed"))
    audit.record(session, actor_id=a1.id, action="case.distress", entity="case", entity_id=cases[2].id, after={})
    session.flush()
    return {
        "d1": auth.identity_of(d1),
        "d2": auth.identity_of(d2),
        "t1": t1,
        "t2": t2,
        "cases": cases,
        "start": today - timedelta(days=29),
        "end": today,
    }


def _rows(report, key):
    return {r[0]: r[1:] for r in report.table(key).rows}


def test_a_supervisor_sees_every_team_with_each_figure_from_the_records(session, world):
    sup = auth.identity_of(f.user(session, role="supervisor"))
    r = reports.build(session, actor=sup, start=world["start"], end=world["end"])
    assert _rows(r, "outcomes") == {
        "outcome.met": (1,),
        "outcome.not_home": (1,),
        "outcome.promise": (1,),
        "outcome.refused": (1,),
        "report.row.not_visited": (1,),
    }
    assert _rows(r, "by_team") == {"一队": (4, 3, 2, 67), "二队": (1, 1, 0, 0)}
    assert _rows(r, "by_segment")["A"] == (3, 3, 1, 33)
    assert _rows(r, "not_met") == {"outcome.not_home": (1,), "outcome.refused": (1,), "visit.not_visited.no_time": (1,)}
    contacts = _rows(r, "contacts")
    assert contacts["channel.call"] == (3, 0, 2, 67) and contacts["channel.sms"] == (2, 1, 1, 100)
    promises = _rows(r, "promises")
    assert promises["report.row.promises_made"] == (2, 62_345, None)
    assert promises["report.row.promise_kept"] == (1, 50_000, 50)
    assert _rows(r, "plans")["report.row.plans_signed"] == (1, 300_000)
    assert _rows(r, "payments") == {"一队": (1, 50_001), "二队": (1, 99)}
    complaints = _rows(r, "complaints")
    assert complaints["report.row.complaints"] == (1, None) and complaints["report.row.sla_missed"] == (1, 100)
    k = r.headline()
    assert (k.visits, k.reach_pct, k.contacts, k.promises_kept_pct, k.collected_cents, k.sla_pct) == (
        5,
        50,
        6,
        50,
        50_100,
        0,
    )
    review = {x.case_id: x.flags for x in r.review}
    c = world["cases"]
    assert review == {
        c[0].id: ("complaint",),
        c[1].id: ("broken_promise",),
        c[2].id: ("distress",),
        c[3].id: ("missed_installment",),
    }
    assert all("*" in x.debtor for x in r.review)


def test_a_dispatcher_sees_only_the_teams_they_run(session, world):
    r = reports.build(session, actor=world["d2"], start=world["start"], end=world["end"])
    assert [name for _, name in r.teams] == ["二队"]
    assert _rows(r, "by_team") == {"二队": (1, 1, 0, 0)} and r.review == []
    assert _rows(r, "payments") == {"二队": (1, 99)}
    with pytest.raises(Forbidden):
        reports.build(session, actor=world["d2"], start=world["start"], end=world["end"], team_id=world["t1"].id)
    one = reports.build(session, actor=world["d1"], start=world["start"], end=world["end"], team_id=world["t1"].id)
    assert set(_rows(one, "by_team")) == {"一队"}
    agent = auth.identity_of(f.user(session, team=world["t1"]))
    with pytest.raises(Forbidden):
        reports.build(session, actor=agent, start=world["start"], end=world["end"])


def test_a_contact_counts_for_the_team_whose_case_it_was_when_made_after_the_case_moves(session, world):
    """contact.attempt keeps the case's team on the ledger row; the report counts a team's contacts by it,
    so a case that moves on takes none of its past contacts with it (it counted them for the team it is in
    now, and none for the team whose agent made them)."""
    t1, t2, d1, d2 = world["t1"], world["t2"], world["d1"], world["d2"]
    agent = f.user(session, team=t1)
    case = f.case(session, team=t1, agent=agent)
    at = clock.local_at(clock.today() - timedelta(days=2), time(10))
    made = contact.attempt(session, case_id=case.id, channel=Channel.CALL, actor_id=agent.id, at=at)
    assert made.decision.allowed and session.get(ContactLedger, made.ledger_id).team_id == t1.id

    def calls(dispatcher) -> tuple:
        r = reports.build(session, actor=dispatcher, start=world["start"], end=world["end"])
        return _rows(r, "contacts").get("channel.call", (0,))[:1]

    before = calls(d1), calls(d2)
    case.team_id = t2.id
    session.add(case)
    session.flush()
    assert (calls(d1), calls(d2)) == before  # the call stays the first team's work
    assert before[0][0] == 3 and before[1][0] == 1  # the world's two calls of 一队 and this one; 二队's one


def test_a_period_outside_the_events_is_empty_and_a_bad_period_is_refused(session, world):
    old = world["start"] - timedelta(days=400)
    r = reports.build(session, actor=world["d1"], start=old, end=old + timedelta(days=10))
    assert all(not t.rows or t.key in ("promises", "plans", "complaints") for t in r.tables) and r.review == []
    with pytest.raises(ValidationError):
        reports.build(session, actor=world["d1"], start=world["end"], end=world["start"])
    with pytest.raises(ValidationError):
        reports.build(session, actor=world["d1"], start=old, end=world["end"])


def test_the_workbook_has_a_sheet_per_section_in_the_readers_language_with_exact_amounts(session, world):
    r = reports.build(session, actor=world["d1"], start=world["start"], end=world["end"])
    data, name = reports.workbook(r, "en")
    assert name.endswith(".xlsx") and world["end"].isoformat() in name
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "Visits by outcome" and "Case review" in wb.sheetnames
    pay = wb["Payments by team"]
    assert [c.value for c in pay[1]] == ["Item", "Count", "Amount"]
    assert pay["A2"].value == "一队" and str(pay["C2"].value) == "500.01"
    zh = load_workbook(io.BytesIO(reports.workbook(r, "zh-CN")[0]))
    assert zh.sheetnames[0] == "走访结果" and zh["走访结果"]["A1"].value.startswith("报表")
