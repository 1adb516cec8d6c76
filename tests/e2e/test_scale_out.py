"""The scale-out profile (issue 15, point 2): the afternoon server is two worker processes behind one
address (tests/e2e/scale.py's Balancer hands each new event socket to the other worker), sharing page
state in Redis and everything else in PostgreSQL. One user's consecutive sockets land on different
workers: an agent's visit, a debtor's link and a dispatcher's plan still work and save once; the leased
jobs run once although both workers race for them every 2 s; a lockout and a rate limit count the
attempts made on either worker."""

from __future__ import annotations

import re
import time
from datetime import datetime

import pytest
import redis
import sqlalchemy as sa
from playwright.sync_api import Page, expect
from rq import Queue
from sqlmodel import select

from tests.e2e.conftest import AFTERNOON, at, db_rows, login, new_desk_context, new_phone_context, screenshot
from visitapp.compliance.services import notices
from visitapp.core import auth, clock
from visitapp.core.db import session_scope
from visitapp.core.models import User, Visit, VisitAgent

pytestmark = pytest.mark.e2e


def _tab_token(page: Page) -> str:
    token = page.evaluate("window.sessionStorage.getItem('token')")
    assert token, "Reflex keeps the tab's token in sessionStorage"
    return token


def _workers_of(server, page: Page) -> set[int]:
    return server.balancer.tokens_workers().get(_tab_token(page), set())


def _execute(server, sql: str, **params) -> None:
    engine = sa.create_engine(server.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(sql), params)
    finally:
        engine.dispose()


def _open_visit(server, username: str) -> tuple[int, str]:
    """A planned visit of the agent's today that nobody has confirmed, and its link (a notice sent through the
    real service, at the afternoon server's time)."""
    clock.set_now(datetime.fromisoformat(AFTERNOON))
    with session_scope(server.db_url) as s:
        agent = s.exec(select(User).where(User.username == username)).one()
        visits = s.exec(
            select(Visit)
            .join(VisitAgent, VisitAgent.visit_id == Visit.id)
            .where(VisitAgent.user_id == agent.id, Visit.visit_date == clock.today(), Visit.status == "planned")
            .where(Visit.confirmation.in_(["proposed", "notified"]))
            .order_by(Visit.route_order.desc())
        ).all()
        assert visits, "the demo gives this agent open visits today"
        v = visits[0]
        r = notices.send_visit_notice(s, actor=auth.identity_of(agent), visit_id=v.id, base_url=server.base_url)
        assert r.decision.allowed, r.decision.codes
        return v.id, "/v/" + r.link.rsplit("/v/", 1)[1]


def test_an_agent_and_a_debtor_are_served_by_both_workers_and_each_thing_is_saved_once(browser, afternoon):
    visit_id, link = _open_visit(afternoon, "agent5")
    agent_ctx, debtor_ctx = new_phone_context(browser, afternoon), new_phone_context(browser, afternoon)
    agent, debtor = agent_ctx.new_page(), debtor_ctx.new_page()
    for page in (agent, debtor):
        page.set_default_timeout(20_000)
    try:
        login(agent, "agent5")
        agent.wait_for_url(at("/agent"))
        expect(agent.locator(".visit-card").first).to_be_visible()
        agent.goto(f"/agent/visit/{visit_id}")  # a new socket: the other worker
        expect(agent.locator("#dossier-name")).to_be_visible()
        agent.locator("#note-body").fill("两个进程之间的记录：客户下午六点后在家")
        agent.locator("#note-save").click()
        expect(agent.locator("#visit-log .log-entry[data-kind=note]")).to_have_count(1, timeout=15_000)
        agent.reload()  # and back: still signed in, the note there once
        expect(agent.locator("#dossier-name")).to_be_visible()
        expect(agent.locator("#visit-log .log-entry[data-kind=note]")).to_have_count(1, timeout=15_000)
        assert _workers_of(afternoon, agent) == {0, 1}, afternoon.balancer.sockets

        # the debtor confirms on one worker; the agent's dossier, on another, says so
        debtor.goto(link)
        expect(debtor.locator("#link-planned")).to_contain_text("上门拜访您")
        debtor.reload()
        debtor.locator("#link-confirm").click()
        expect(debtor.locator("#link-done")).to_contain_text("已确认")
        screenshot(debtor, "scale-out-debtor-confirmed")
        agent.reload()
        expect(agent.locator("#notice-message")).to_contain_text("客户已确认")
        screenshot(agent, "scale-out-agent-dossier")
        assert _workers_of(afternoon, debtor) == {0, 1}
        assert db_rows(afternoon.db_url, "SELECT count(*) FROM note WHERE visit_id=:i", i=visit_id) == [(1,)]
        assert db_rows(afternoon.db_url, "SELECT confirmation FROM visit WHERE id=:i", i=visit_id) == [("confirmed",)]
        # the page state the workers share is in Redis (Reflex's state manager), not in either process
        r = redis.Redis.from_url(afternoon.redis_url)
        try:
            assert any(_tab_token(agent) in key.decode() for key in r.scan_iter(count=1000))
        finally:
            r.close()
    finally:
        agent_ctx.close()
        debtor_ctx.close()


def test_a_dispatcher_plans_on_one_worker_and_publishes_on_the_other_and_each_notice_goes_once(browser, afternoon):
    ctx = new_desk_context(browser, afternoon)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "dispatcher2")
        page.wait_for_url(re.compile(r".*/dispatch.*"))
        page.goto("/dispatch/plan")
        expect(page.locator("#plan-date")).to_have_value("2026-11-24")
        page.locator("#plan-seconds").fill("2")
        page.locator("#plan-run").click()
        expect(page.locator("#plan-status")).to_have_text("草稿", timeout=60_000)
        page.reload()  # the draft is the database's, whichever worker answers
        expect(page.locator("#plan-status")).to_have_text("草稿")
        ((last_message,),) = db_rows(afternoon.db_url, "SELECT coalesce(max(id), 0) FROM message")
        page.locator("#plan-publish").click()
        expect(page.locator("#plan-status")).to_have_text("已发布", timeout=30_000)
        screenshot(page, "scale-out-plan-published")
        assert _workers_of(afternoon, page) == {0, 1}
    finally:
        ctx.close()
    # the day was solved by a task worker, as a job on the RQ queue, not in either web worker
    done = Queue("visitapp", connection=redis.Redis.from_url(afternoon.redis_url)).finished_job_registry
    assert any(
        job.func_name == "visitapp.core.tasks.call"
        and job.args[:2] == ("visitapp.planning.services.planning", "plan_day_apart")
        for job in (done.job_class.fetch(i, connection=done.connection) for i in done.get_job_ids())
    )
    # at 16:30 the notices for tomorrow are due at once: a worker's scheduler (every 2 s) may have sent some
    # already, between the publish and this query
    queued = db_rows(
        afternoon.db_url,
        "SELECT n.id, n.visit_id FROM visit_notice n JOIN route_plan p ON p.id = n.plan_id "
        "WHERE p.plan_date = '2026-11-24' AND n.state IN ('queued', 'sent')",
    )
    assert queued, "publishing queues the visits' notices"
    # make those still waiting due now and the job due again: both workers' schedulers race for its lease
    ids, visits = [n for n, _ in queued], [v for _, v in queued]
    _execute(
        afternoon,
        "UPDATE visit_notice SET due_at = :t WHERE id = ANY(:ids) AND state = 'queued'",
        t=datetime.fromisoformat("2026-11-23T16:00:00+08:00"),
        ids=ids,
    )
    _execute(afternoon, "UPDATE job_lease SET last_run_at = NULL WHERE name = 'visit_notices'")
    deadline = time.monotonic() + 30
    while db_rows(afternoon.db_url, "SELECT last_run_at FROM job_lease WHERE name = 'visit_notices'") == [(None,)]:
        assert time.monotonic() < deadline, "the notice job did not run on either worker"
        time.sleep(0.5)
    time.sleep(4)  # two more passes of each worker: a second send would show now
    sent = db_rows(
        afternoon.db_url,
        "SELECT count(*) FROM visit_notice WHERE id = ANY(:ids) AND state = 'sent' AND ledger_id IS NOT NULL",
        ids=ids,
    )[0][0]
    assert sent, "at 16:30 the notices for tomorrow may go"
    per_visit = db_rows(
        afternoon.db_url,
        "SELECT visit_id, count(*) FROM message WHERE id > :m AND visit_id = ANY(:v) GROUP BY visit_id",
        m=last_message,
        v=visits,
    )
    assert len(per_visit) == sent and all(n == 1 for _, n in per_visit), per_visit  # one SMS per notice sent


def test_the_daily_purge_runs_once_while_both_workers_race_for_it(afternoon):
    before = db_rows(afternoon.db_url, "SELECT count(*) FROM audit_log WHERE action = 'retention.purge'")[0][0]
    _execute(afternoon, "UPDATE job_lease SET last_run_at = NULL WHERE name = 'retention_purge'")
    deadline = time.monotonic() + 20
    while db_rows(afternoon.db_url, "SELECT last_run_at FROM job_lease WHERE name = 'retention_purge'") == [(None,)]:
        assert time.monotonic() < deadline, "neither worker ran the due purge"
        time.sleep(0.5)
    time.sleep(4)  # each worker looks twice more
    after = db_rows(afternoon.db_url, "SELECT count(*) FROM audit_log WHERE action = 'retention.purge'")[0][0]
    assert after == before + 1


def _attempt(page: Page, username: str, password: str) -> str:
    page.goto("/login")  # a new socket: the next attempt is on the other worker
    expect(page.locator("#login-error")).to_have_count(0)  # the form starts clean, not with the last refusal
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("#login-submit").click()
    error = page.locator("#login-error")
    expect(error).not_to_be_empty()
    return error.inner_text()


def test_a_lockout_and_a_rate_limit_count_the_attempts_made_on_either_worker(browser, afternoon):
    """Ten wrong passwords lock the name; 12 attempts a minute per name (this server's setting) are refused
    beyond. Each attempt comes on a new socket, so they alternate between the two workers."""
    ctx = new_phone_context(browser, afternoon)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        # start just after a minute turns on the server's clock, so all attempts fall in one window
        _attempt(page, "nobody-here", "wrong-password")
        ((at_,),) = db_rows(afternoon.db_url, "SELECT max(at) FROM login_attempt WHERE username = 'nobody-here'")
        second = at_.second + at_.microsecond / 1e6
        if second > 10:
            time.sleep(60 - second + 0.5)
        answers = [_attempt(page, "agent6", "not-the-password") for _ in range(13)]
        assert all("用户名或密码错误" in a for a in answers[:9]), answers
        assert all("账户已锁定" in a for a in answers[9:12]), answers
        assert "登录尝试过于频繁" in answers[12], answers
        assert _workers_of(afternoon, page) == {0, 1}
        screenshot(page, "scale-out-login-refused")
    finally:
        ctx.close()
        _execute(afternoon, "DELETE FROM login_attempt WHERE username IN ('agent6', 'nobody-here')")
        _execute(afternoon, "DELETE FROM rate_limit WHERE bucket LIKE 'login-%'")


def test_the_next_user_of_a_tab_finds_nothing_of_the_last_one_in_redis(browser, afternoon):
    """A logout resets the page states this event loaded and deletes the tab's others from Redis (it does
    not fetch and write back every page state): the dossier the last agent opened is not kept for the
    tab, and the next agent's pages start from nothing."""
    from visitapp.field.ui.dossier_state import DossierState

    visit_id, _ = _open_visit(afternoon, "agent6")
    ctx = new_phone_context(browser, afternoon)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    r = redis.Redis.from_url(afternoon.redis_url)
    try:
        login(page, "agent6")
        page.wait_for_url(at("/agent"))
        page.goto(f"/agent/visit/{visit_id}")
        name = page.locator("#dossier-name").inner_text()
        assert name
        key = f"{_tab_token(page)}_{DossierState.get_full_name()}"
        kept = r.get(key)
        assert kept is not None and name.encode() in kept, "the open dossier is the tab's state in Redis"
        page.locator("#logout").click()
        page.wait_for_url(at("/login"))
        kept = r.get(key)
        assert kept is None or name.encode() not in kept, "the last agent's dossier stays in the tab's state"
        login(page, "agent7")
        page.wait_for_url(at("/agent"))
        expect(page.locator(".visit-card").first).to_be_visible()
        page.goto(f"/agent/visit/{visit_id}")  # not agent7's visit: refused, and nothing of agent6's shows
        expect(page.get_by_text(name)).to_have_count(0)
        kept = r.get(key)
        assert kept is None or name.encode() not in kept
    finally:
        r.close()
        ctx.close()
