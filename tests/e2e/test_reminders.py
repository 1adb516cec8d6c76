"""Reminders at phone size: the bell on Today counts the agent's open reminders, the reminders page lists
them (overdue in red) and "done" takes one off; a dispatcher has the same page from the navigation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import col, func, select

from tests.e2e.conftest import assert_fits_phone, at, login, screenshot
from visitapp.core import clock
from visitapp.core.db import session_scope
from visitapp.core.models import Case, Reminder, User, Visit, VisitAgent

pytestmark = pytest.mark.e2e

AGENT = "agent6"


def _open_count(db_url: str, user_id: int) -> int:
    with session_scope(db_url) as s:
        return s.exec(
            select(func.count())
            .select_from(Reminder)
            .where(Reminder.user_id == user_id, col(Reminder.done_at).is_(None))
        ).one()


def test_agent_sees_the_bell_count_and_marks_a_reminder_done(phone, server):
    now = clock.parse_instant("2026-11-23T09:30:00+08:00")  # the e2e clock's start (it ticks from there)
    with session_scope(server.db_url) as s:
        agent = s.exec(select(User).where(User.username == AGENT)).one()
        case = s.exec(
            select(Case)
            .join(Visit, col(Visit.case_id) == Case.id)
            .join(VisitAgent, col(VisitAgent.visit_id) == Visit.id)
            .where(Case.agent_id == agent.id, VisitAgent.user_id == agent.id)
            .order_by(Case.id)
        ).first()
        assert case is not None
        late = Reminder(
            user_id=agent.id,
            case_id=case.id,
            kind="promise_broken",
            due_at=now - timedelta(hours=3),
            title=f"案件 {case.id}：承诺 2026-11-22 支付 ¥800.00 未兑现，请跟进",
            source_ref="e2e:late",
        )
        soon = Reminder(
            user_id=agent.id,
            case_id=case.id,
            kind="installment_due",
            due_at=now + timedelta(days=1),
            title=f"案件 {case.id}：第 2 期 ¥1,000.00 于 2026-11-24 到期",
            source_ref="e2e:soon",
        )
        s.add_all([late, soon])
        s.flush()
        agent_id, late_id, soon_id = agent.id, late.id, soon.id
    count = _open_count(server.db_url, agent_id)
    assert count >= 2

    login(phone, AGENT)
    phone.wait_for_url(at("/agent"))
    bell = phone.locator("#reminders-open")
    expect(bell).to_contain_text(str(count))
    assert_fits_phone(phone)
    screenshot(phone, "agent-today-bell")

    bell.click()
    phone.wait_for_url(at("/agent/reminders"))
    expect(phone.locator("#reminders-open-count")).to_have_text(str(count))
    late_card = phone.locator(f'.reminder-card[data-reminder-id="{late_id}"]')
    soon_card = phone.locator(f'.reminder-card[data-reminder-id="{soon_id}"]')
    expect(late_card).to_contain_text("承诺未兑现")
    expect(late_card.locator(".reminder-when.overdue")).to_contain_text("已过期")
    expect(soon_card).to_contain_text("分期即将到期")
    expect(soon_card.locator(".overdue")).to_have_count(0)
    expect(late_card.locator(".reminder-open")).to_have_attribute("href", re.compile(r"/agent/visit/\d+"))
    assert_fits_phone(phone)
    screenshot(phone, "agent-reminders")

    late_card.locator(".reminder-done").click()
    expect(phone.get_by_text("已标记为完成。")).to_be_visible()
    expect(late_card).to_have_count(0)
    expect(phone.locator("#reminders-open-count")).to_have_text(str(count - 1))
    with session_scope(server.db_url) as s:
        assert s.get(Reminder, late_id).done_at is not None
    phone.locator("#reminders-show-done").click()
    expect(late_card).to_be_visible()
    expect(late_card).to_contain_text("完成于")
    assert_fits_phone(phone)
    screenshot(phone, "agent-reminders-done")

    phone.locator("#lang-switch").click()
    expect(phone.get_by_text("My reminders")).to_be_visible()
    expect(soon_card).to_contain_text("Installment due")
    assert_fits_phone(phone)
    screenshot(phone, "agent-reminders-en")
    phone.locator("#lang-switch").click()
    expect(phone.get_by_text("我的提醒")).to_be_visible()

    phone.locator("#reminders-back").click()
    phone.wait_for_url(at("/agent"))
    expect(bell).to_contain_text(str(count - 1))


def test_dispatcher_reaches_their_reminders_from_the_navigation(phone, server):
    with session_scope(server.db_url) as s:
        disp = s.exec(select(User).where(User.username == "dispatcher1")).one()
        s.add(
            Reminder(
                user_id=disp.id,
                kind="plan_review",
                due_at=clock.now(),
                source_ref="e2e:plan",
                title="案件：分期计划已有 2 期未付，计划中止，请复核",
            )
        )
    login(phone, "dispatcher1")
    phone.wait_for_url(at("/dispatch"))
    phone.locator("#staff-nav").get_by_text("提醒", exact=True).click()
    phone.wait_for_url(at("/dispatch/reminders"))
    expect(phone.locator('.reminder-card[data-kind="plan_review"]').first).to_contain_text("分期计划需复核")
    expect(phone.locator("#reminders-back")).to_have_count(0)
    assert_fits_phone(phone)
    screenshot(phone, "dispatch-reminders")
