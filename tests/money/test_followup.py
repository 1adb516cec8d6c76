"""Follow-up job: due reminders, broken promises, missed installments, broken plans with a dispatcher review,
reminder SMS through the policy, cases left without contact; the reminders list, scoped to its owner.
Every pass is idempotent. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from tests import factories as f
from tests.conftest import SHANGHAI
from visitapp.compliance.rules.notice import disclosing_words
from visitapp.compliance.rules.policy import default_config
from visitapp.compliance.services import contact
from visitapp.core import auth, clock
from visitapp.core.errors import NotFound
from visitapp.core.models import (
    AuditLog,
    ContactLedger,
    Message,
    Plan,
    PlanInstallment,
    PolicySetting,
    Promise,
    Reminder,
)
from visitapp.debtor.services import complaints
from visitapp.money.services import followup

TODAY = date(2026, 11, 23)  # the test clock: Monday 09:30 in Shanghai


def _setup(session):
    disp = f.user(session, role="dispatcher")
    team = f.team(session, dispatcher=disp)
    agent = f.user(session, team=team)
    case = f.case(session, team=team, agent=agent)
    return disp, team, agent, case


def _promise(session, case, agent, due, status="open", amount=120_000):
    p = Promise(case_id=case.id, amount_cents=amount, due_date=due, status=status, created_by=agent.id)
    session.add(p)
    session.flush()
    return p


def _plan(session, case, agent, dues, status="active"):
    dues = [d if isinstance(d, tuple) else (d, 0) for d in dues]  # (due date, paid cents)
    plan = Plan(
        case_id=case.id,
        proposed_by=agent.id,
        status=status,
        months=len(dues),
        total_cents=300_000,
        first_due_date=dues[0][0],
    )
    session.add(plan)
    session.flush()
    for seq, (due, paid) in enumerate(dues, 1):
        session.add(PlanInstallment(plan_id=plan.id, seq=seq, due_date=due, amount_cents=100_000, paid_cents=paid))
    session.flush()
    return plan


def _reminders(session, kind=None):
    q = select(Reminder).order_by(Reminder.id)
    if kind:
        q = q.where(Reminder.kind == kind)
    return session.exec(q).all()


def _at(day: date, hh=9, mm=30):
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SHANGHAI)


def test_a_promise_is_reminded_then_broken_once_and_a_kept_one_is_left_alone(session):
    _d, _t, agent, case = _setup(session)
    p = _promise(session, case, agent, TODAY)
    kept = _promise(session, case, agent, TODAY - timedelta(days=3), status="kept")

    res = followup.run(session)
    assert res.kinds == {"promise_due": 1} and res.promises_broken == 0
    due = _reminders(session, "promise_due")[0]
    assert due.user_id == agent.id and due.source_ref == f"promise_due:{p.id}" and due.case_id == case.id

    clock.set_now(_at(TODAY + timedelta(days=1)))
    res = followup.run(session)
    assert (res.promises_broken, res.settled) == (1, 1)
    session.refresh(p)
    assert p.status == "broken" and p.resolved_at == clock.now()
    broken = _reminders(session, "promise_broken")
    assert [(r.user_id, r.source_ref) for r in broken] == [(agent.id, f"promise:{p.id}")]
    # stored as a key with its parameters (the amount in fen), said in the reader's language when shown
    assert broken[0].title_key == "reminders.title.promise_broken" and broken[0].title == ""
    assert broken[0].title_params["amount_cents"] == 120_000
    [shown] = [r for r in followup.reminders(session, actor=auth.identity_of(agent)) if r.kind == "promise_broken"]
    assert shown.title("en").startswith(f"Case {case.id}: the promise to pay CN¥1,200.00 by ")
    assert shown.title("zh-CN").startswith(f"案件 {case.id}：承诺 ") and "¥1,200.00" in shown.title("zh-CN")
    session.refresh(due)
    assert due.done_at is not None  # the due reminder is settled by the outcome

    # a second pass (or a second worker after the first) changes nothing
    res = followup.run(session)
    assert (res.promises_broken, res.reminders) == (0, 0)
    assert len(_reminders(session, "promise_broken")) == 1
    session.refresh(kept)
    assert kept.status == "kept" and kept.resolved_at is None
    assert session.exec(select(AuditLog).where(AuditLog.action == "promise.broken")).one().entity_id == str(p.id)


def test_missed_installments_are_counted_and_the_second_breaks_the_plan_for_the_dispatcher(session):
    disp, _t, agent, case = _setup(session)
    # 1: due 11-15 (grace over on 11-19) unpaid; 2: due 11-21 (grace until 11-24); 3: later; 0: paid in full
    plan = _plan(session, case, agent, [date(2026, 11, 15), date(2026, 11, 21), date(2026, 12, 21)])
    paid = _plan(session, f.case(session, team=_t, agent=agent), agent, [(date(2026, 11, 1), 100_000)])

    res = followup.run(session)
    assert (res.installments_missed, res.plans_broken) == (1, 0)
    session.refresh(plan)
    assert plan.status == "active" and plan.missed_installments == 1
    missed = _reminders(session, "installment_missed")
    assert [(r.user_id, r.case_id) for r in missed] == [(agent.id, case.id)]
    assert session.exec(select(PlanInstallment).where(PlanInstallment.plan_id == paid.id)).one().status == "paid"

    clock.set_now(_at(date(2026, 11, 25)))
    res = followup.run(session)
    assert (res.installments_missed, res.plans_broken) == (1, 1)
    session.refresh(plan)
    assert plan.status == "broken" and plan.missed_installments == 2
    review = _reminders(session, "plan_review")
    assert [(r.user_id, r.source_ref) for r in review] == [(disp.id, f"plan:{plan.id}")]
    statuses = [
        i.status
        for i in session.exec(
            select(PlanInstallment).where(PlanInstallment.plan_id == plan.id).order_by(PlanInstallment.seq)
        ).all()
    ]
    assert statuses == ["missed", "missed", "due"]

    res = followup.run(session)
    assert (res.installments_missed, res.plans_broken, res.reminders) == (0, 0, 0)
    assert len(_reminders(session, "installment_missed")) == 2 and len(_reminders(session, "plan_review")) == 1
    # a broken plan's later installments are not chased any more
    clock.set_now(_at(date(2026, 12, 30)))
    assert followup.run(session).installments_missed == 0


def test_reminder_sms_goes_through_the_policy_and_the_outbox_once(session):
    _d, _t, agent, case = _setup(session)
    p = _promise(session, case, agent, TODAY + timedelta(days=1))

    res = followup.run(session)
    assert res.sms_sent == 1
    message = session.exec(select(Message)).one()
    assert message.template_key == "sms.payment_reminder" and message.status == "outbox"
    assert message.case_id == case.id and message.visit_id is None
    assert "2026-11-24" in message.body and agent.display_name in message.body
    assert disclosing_words(message.body) == [] and "1,200" not in message.body and "退订" in message.body
    ledger = session.exec(select(ContactLedger).where(ContactLedger.channel == "sms")).one()
    assert ledger.allowed and ledger.result == "sent" and ledger.actor_id is None
    assert ledger.details["message_id"] == message.id and ledger.details["ref"] == f"promise:{p.id}"

    followup.run(session)  # the same day again, then the due day: sent already, never twice
    clock.set_now(_at(TODAY + timedelta(days=1), 10))
    followup.run(session)
    assert len(session.exec(select(Message)).all()) == 1
    assert len(session.exec(select(ContactLedger).where(ContactLedger.channel == "sms")).all()) == 1


def test_a_blocked_reminder_sms_sends_nothing_and_the_ledger_says_why(session):
    _d, _t, agent, case = _setup(session)
    _promise(session, case, agent, TODAY + timedelta(days=1))
    complaints.create(session, case_id=case.id, source="link", category="conduct", body="请不要再联系我的家人。")

    res = followup.run(session)
    assert (res.sms_sent, res.sms_blocked) == (0, 1)
    assert session.exec(select(Message)).all() == []
    row = session.exec(select(ContactLedger).where(ContactLedger.channel == "sms")).one()
    assert not row.allowed and row.result == contact.BLOCKED
    assert [r["code"] for r in row.reasons] == ["stop.complaint_open"]
    followup.run(session)  # tried once a day, not every quarter of an hour
    assert len(session.exec(select(ContactLedger).where(ContactLedger.channel == "sms")).all()) == 1


def test_quiet_hours_set_by_the_admin_block_the_reminder_sms(session):
    _d, _t, agent, case = _setup(session)
    _promise(session, case, agent, TODAY)
    cfg = default_config().to_json() | {
        "contact_start": "10:00",
        "visit_slots": [["10:00", "11:00"], ["14:00", "16:00"]],
    }
    session.add(PolicySetting(key="policy", value=cfg))
    session.flush()

    assert followup.run(session).sms_blocked == 1  # 09:30: before the contact hours
    assert session.exec(select(Message)).all() == []
    row = session.exec(select(ContactLedger).where(ContactLedger.channel == "sms")).one()
    assert not row.allowed and row.details.get("next_allowed_at")
    # outside the job's own sending hours nothing is even tried (no ledger noise at night)
    clock.set_now(_at(TODAY, 21))
    followup.run(session)
    assert len(session.exec(select(ContactLedger).where(ContactLedger.channel == "sms")).all()) == 1


def test_silent_cases_are_found_and_reminded_in_a_few_statements_however_many_there_are(session):
    """The daily job reads the silent cases and writes their reminders in bulk: asked case by case (a
    lookup and an insert each) a million cases took more than 25 minutes. Here 3 silent cases and 30
    send the same number of statements, and each gets its one reminder, for its agent."""
    import sqlalchemy as sa

    _d, team, agent, _case = _setup(session)
    other = f.user(session, team=team)

    def statements(n: int) -> tuple[int, int]:
        for i in range(n):
            f.case(session, team=team, agent=(agent, other)[i % 2])
        clock.set_now(clock.now() + timedelta(days=15))
        sent: list[str] = []

        def count(_conn, _cursor, statement, *_args) -> None:
            sent.append(statement)

        engine = session.get_bind().engine
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            res = followup.FollowupResult()
            followup._no_contact(session, res, clock.now())
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
        return len(sent), res.reminders

    few, made_few = statements(3)
    many, made_many = statements(30)
    assert made_few == 4  # the setup's case and 3 new
    assert made_many == 30  # the 4 reminded before are not reminded again: same silence
    assert many == few <= 5
    reminders = _reminders(session, "no_contact")
    assert len(reminders) == 34 and {r.user_id for r in reminders} == {agent.id, other.id}
    assert all(r.title_params["days"] >= 14 and r.source_ref.startswith(f"no_contact:{r.case_id}:") for r in reminders)


def test_a_case_left_without_contact_is_reminded_once_per_silence(session):
    _d, _t, agent, case = _setup(session)
    assert followup.run(session).kinds == {}
    clock.set_now(clock.now() + timedelta(days=15))
    assert followup.run(session).kinds == {"no_contact": 1}
    assert followup.run(session).kinds == {}
    (r,) = _reminders(session, "no_contact")
    assert (r.user_id, r.case_id) == (agent.id, case.id)
    # a contact restarts the count; a new silence is a new reminder
    assert contact.attempt(session, case_id=case.id, channel="call", actor_id=agent.id, result="connected").allowed
    clock.set_now(clock.now() + timedelta(days=10))
    assert followup.run(session).kinds == {}
    clock.set_now(clock.now() + timedelta(days=5))
    assert followup.run(session).kinds == {"no_contact": 1}


def test_reminders_belong_to_their_owner_and_only_the_owner_marks_them_done(session):
    disp, team, agent, case = _setup(session)
    other = f.user(session, team=team)
    visit = f.visit(session, case=case, agents=[agent])
    me, them, boss = auth.identity_of(agent), auth.identity_of(other), auth.identity_of(disp)
    now = clock.now()
    late = Reminder(
        user_id=agent.id,
        case_id=case.id,
        kind="promise_broken",
        due_at=now - timedelta(hours=2),
        title="案件：承诺未兑现",
    )
    soon = Reminder(
        user_id=agent.id, case_id=case.id, kind="installment_due", due_at=now + timedelta(hours=3), title="第 1 期"
    )
    session.add_all(
        [soon, late, Reminder(user_id=disp.id, case_id=case.id, kind="complaint_review", due_at=now, title="投诉")]
    )
    session.flush()

    mine = followup.reminders(session, actor=me)
    assert [r.id for r in mine] == [late.id, soon.id]  # open ones by due time
    assert mine[0].overdue and not mine[1].overdue
    assert mine[0].link == f"/agent/visit/{visit.id}" and mine[0].debtor.endswith("*")
    assert followup.count_open(session, actor=me) == 2
    assert followup.reminders(session, actor=them) == [] and followup.count_open(session, actor=them) == 0
    (staff,) = followup.reminders(session, actor=boss)
    assert staff.kind == "complaint_review" and staff.link == "/dispatch/complaints"

    with pytest.raises(NotFound):
        followup.done(session, actor=them, reminder_id=late.id)
    with pytest.raises(NotFound):
        followup.done(session, actor=boss, reminder_id=late.id)
    assert followup.count_open(session, actor=me) == 2

    out = followup.done(session, actor=me, reminder_id=late.id)
    assert out.done_at is not None
    followup.done(session, actor=me, reminder_id=late.id)  # twice: harmless, audited once
    assert followup.count_open(session, actor=me) == 1
    assert [r.id for r in followup.reminders(session, actor=me)] == [soon.id]
    assert [r.id for r in followup.reminders(session, actor=me, include_done=True)] == [soon.id, late.id]
    audit = session.exec(select(AuditLog).where(AuditLog.action == "reminder.done")).all()
    assert [(a.actor_id, a.entity_id) for a in audit] == [(agent.id, str(late.id))]


def test_the_reminders_page_lists_the_open_ones_due_first_and_says_how_many_there_are(session, monkeypatch):
    """An agent with more open reminders than the page lists (thousands, at a million cases: one per silent
    case) sees the OPEN_SHOWN due first and the count of all; each one done brings the next in."""
    from tests import states
    from visitapp.money.ui.reminders_state import RemindersState

    monkeypatch.setattr(followup, "OPEN_SHOWN", 5)
    _d, _t, agent, case = _setup(session)
    now = clock.now()
    made = [
        Reminder(user_id=agent.id, case_id=case.id, kind="no_contact", due_at=now + timedelta(hours=h), title=f"{h}")
        for h in (7, 3, 1, 8, 5, 2, 6, 4)
    ]
    session.add_all(made)
    session.flush()
    me = auth.identity_of(agent)
    page = followup.reminders_page(session, actor=me)
    assert [r.title(lang="zh-CN") for r in page.items] == ["1", "2", "3", "4", "5"] and page.open_total == 8
    state = states.page(RemindersState)
    state._fill(page)
    assert state.open_count == 8 and len(state.rows) == 5
    assert "8" in state.more and "5" in state.more
    first = next(r for r in made if r.title == "1")
    followup.done(session, actor=me, reminder_id=first.id)
    page = followup.reminders_page(session, actor=me)
    assert [r.title(lang="zh-CN") for r in page.items] == ["2", "3", "4", "5", "6"] and page.open_total == 7
    monkeypatch.setattr(followup, "OPEN_SHOWN", 100)
    state._fill(followup.reminders_page(session, actor=me))
    assert state.more == "" and len(state.rows) == 7  # all listed: nothing more to say
