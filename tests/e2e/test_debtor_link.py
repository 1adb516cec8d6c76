"""The debtor's side on a phone: open (nothing changes), confirm with .ics, another time (old link
replaced, the agent's list updated), decline (the policy then blocks a visit), five wrong verifiers
(locked), complaint (case paused, in the dispatcher's inbox)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from tests.e2e.conftest import assert_fits_phone, at, db_rows, login, new_phone_context, screenshot
from visitapp.compliance.services import contact, notices
from visitapp.core import auth
from visitapp.core.db import session_scope
from visitapp.core.enums import Channel
from visitapp.core.models import User, Visit, VisitAgent

pytestmark = pytest.mark.e2e


def _links(server, username: str, positions: list[int]) -> dict[int, tuple[int, str]]:
    """Send the notice for some of the agent's visits today (through the real service) and return
    position -> (visit id, link path)."""
    out = {}
    with session_scope(server.db_url) as s:
        agent = s.exec(select(User).where(User.username == username)).one()
        visits = s.exec(
            select(Visit)
            .join(VisitAgent, VisitAgent.visit_id == Visit.id)
            .where(VisitAgent.user_id == agent.id, Visit.visit_date == Visit.visit_date)
            .where(Visit.status == "planned")
            .order_by(Visit.visit_date, Visit.route_order, Visit.id)
        ).all()
        today = min(v.visit_date for v in visits)
        # not the first stop (another test walks through it), and not already confirmed by the demo
        todays = [v for v in visits if v.visit_date == today][1:]
        open_ = [v for v in todays if v.confirmation in ("proposed", "notified")]
        assert len(open_) > max(positions), "the demo should give this team enough unconfirmed visits"
        for p in positions:
            v = open_[p]
            r = notices.send_visit_notice(s, actor=auth.identity_of(agent), visit_id=v.id, base_url=server.base_url)
            assert r.decision.allowed, r.decision.codes
            out[p] = (v.id, "/v/" + r.link.rsplit("/v/", 1)[1])
    return out


def test_debtor_confirms_reschedules_and_declines(browser, server):
    links = _links(server, "agent8", [0, 1, 2])
    agent_ctx = new_phone_context(browser, server)
    agent = agent_ctx.new_page()
    debtor_ctx = new_phone_context(browser, server, accept_downloads=True)
    debtor = debtor_ctx.new_page()
    try:
        login(agent, "agent8")
        agent.wait_for_url(at("/agent"))
        expect(agent.locator(".visit-card").first).to_be_visible()

        # open: nothing changes
        vid, link = links[2]
        before = db_rows(server.db_url, "SELECT confirmation, version FROM visit WHERE id=:i", i=vid)
        debtor.goto(link)
        expect(debtor.locator("#link-planned")).to_contain_text("上门拜访您")
        expect(debtor.locator(".link-agent").first).to_be_visible()
        assert db_rows(server.db_url, "SELECT confirmation, version FROM visit WHERE id=:i", i=vid) == before
        assert_fits_phone(debtor)
        screenshot(debtor, "debtor-link-open")

        # confirm -> summary and an .ics
        debtor.locator("#link-confirm").click()
        expect(debtor.locator("#link-done")).to_contain_text("已确认")
        expect(debtor.locator("#link-status")).to_contain_text("您已确认此时间")
        with debtor.expect_download() as dl:
            debtor.locator("#link-ics").click()
        ics = Path(dl.value.path()).read_text(encoding="utf-8")
        assert "BEGIN:VEVENT" in ics and "DTSTART;TZID=Asia/Shanghai:20261123T" in ics
        screenshot(debtor, "debtor-link-confirmed")

        # five wrong verifiers -> locked (and the lock is in the database)
        debtor.locator("#link-statement").click()
        for _ in range(5):
            debtor.locator("#link-verify-value").fill("1900")
            debtor.locator("#link-verify-submit").click()
            debtor.wait_for_timeout(250)
        expect(debtor.locator("#link-locked")).to_contain_text("已锁定")
        screenshot(debtor, "debtor-link-locked")
        assert db_rows(
            server.db_url,
            "SELECT locked_until IS NOT NULL FROM appointment_token WHERE visit_id=:i AND replaced_at IS NULL",
            i=vid,
        )[0][0]

        # another time -> the old link says replaced, the agent's list no longer has the visit today
        vid, link = links[0]
        name = db_rows(
            server.db_url,
            "SELECT d.name FROM visit v JOIN collection_case c ON c.id=v.case_id "
            "JOIN debtor d ON d.id=c.debtor_id WHERE v.id=:i",
            i=vid,
        )[0][0]
        expect(agent.locator(".visit-card", has_text=name)).to_have_count(1)
        debtor.goto(link)
        debtor.locator("#link-other").click()
        expect(debtor.locator(".link-slot").first).to_be_visible()
        screenshot(debtor, "debtor-link-slots")
        debtor.locator(".link-slot").first.click()
        debtor.wait_for_url(lambda url: "/v/" in url and link not in url)
        expect(debtor.locator("#link-status")).to_contain_text("您已改到此时间")
        screenshot(debtor, "debtor-link-rescheduled")
        debtor.goto(link)
        expect(debtor.locator("#link-problem")).to_contain_text("已被更新的通知替代")
        expect(agent.locator(".visit-card", has_text=name)).to_have_count(0, timeout=40_000)  # no reload

        # decline -> cancelled; a visit attempt is then blocked by the policy
        vid, link = links[1]
        debtor.goto(link)
        debtor.locator("#link-decline").click()
        debtor.locator("#link-decline-yes").click()
        expect(debtor.locator("#link-problem")).to_contain_text("不会再安排上门")
        screenshot(debtor, "debtor-link-declined")
        case_id = db_rows(server.db_url, "SELECT case_id FROM visit WHERE id=:i", i=vid)[0][0]
        with session_scope(server.db_url) as s:
            out = contact.attempt(s, case_id=case_id, channel=Channel.VISIT, actor_id=None, agents=2)
            assert not out.allowed and "stop.do_not_visit" in out.decision.codes
    finally:
        agent_ctx.close()
        debtor_ctx.close()


def test_unknown_link_says_so(phone):
    phone.goto("/v/not-a-real-token-at-all")
    expect(phone.locator("#link-problem")).to_contain_text("链接无效")
    assert_fits_phone(phone)


def test_debtor_complains_the_case_pauses_and_the_dispatcher_sees_it(browser, server):
    ((vid, link),) = _links(server, "agent5", [2]).values()
    debtor_ctx = new_phone_context(browser, server)
    debtor = debtor_ctx.new_page()
    staff_ctx = new_phone_context(browser, server)
    staff = staff_ctx.new_page()
    try:
        debtor.goto(link)
        debtor.locator("#link-complain").click()
        debtor.locator("#link-complaint-category").select_option("conduct")
        debtor.locator("#link-complaint-body").fill("来访人员说话很冲，还在楼道里大声说我的事")
        debtor.locator("#link-complaint-send").click()
        expect(debtor.locator("#link-done")).to_contain_text("投诉已受理")
        expect(debtor.locator("#link-paused")).to_be_visible()  # no visit actions while collection is paused
        expect(debtor.locator("#link-confirm")).to_have_count(0)
        reference = re.search(r"编号 (\S+?)。", debtor.locator("#link-done").inner_text()).group(1)
        assert_fits_phone(debtor)
        screenshot(debtor, "debtor-link-complaint")
        case_id = db_rows(server.db_url, "SELECT case_id FROM visit WHERE id=:i", i=vid)[0][0]
        assert db_rows(server.db_url, "SELECT status FROM collection_case WHERE id=:i", i=case_id)[0][0] == "paused"
        with session_scope(server.db_url) as s:
            out = contact.attempt(s, case_id=case_id, channel=Channel.SMS, actor_id=None)
            assert not out.allowed
        # team 3 is dispatcher2's: the complaint is in that inbox
        login(staff, "dispatcher2")
        staff.wait_for_url(at("/dispatch"))
        staff.goto("/dispatch/complaints")
        expect(staff.locator("#complaint-list")).to_contain_text(reference)
    finally:
        debtor_ctx.close()
        staff_ctx.close()
