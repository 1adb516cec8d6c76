"""The debtor's side on a phone: open (nothing changes), confirm with .ics, another time (old link
replaced, the agent's list updated), decline (the policy then blocks a visit), five wrong verifiers
(locked), complaint (case paused, in the dispatcher's inbox)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream
from playwright.sync_api import expect
from sqlmodel import select

from tests.e2e.conftest import assert_fits_phone, at, db_rows, login, new_phone_context, screenshot
from visitapp import demo
from visitapp.compliance.services import contact, notices
from visitapp.core import auth, clock
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


# every control the debtor taps, visible and smaller than a thumb (44 x 44 px); a link that wraps a button
# is measured by its button
SMALL_TARGETS = """() => [...document.querySelectorAll('button, a[href], select, input, textarea')]
  .filter(e => e.offsetParent !== null && !(e.tagName === 'A' && e.querySelector('button')))
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width < 44 || r.height < 44)
  .map(([e, r]) => `${e.tagName}#${e.id} ${Math.round(r.width)}x${Math.round(r.height)} ${e.innerText.slice(0, 24)}`)"""
COMPANY_PHONE = "400-123-4567"  # VISITAPP_COMPANY_PHONE's demo default


def assert_thumb_sized(page) -> None:
    small = page.evaluate(SMALL_TARGETS)
    assert small == [], small


def _lines_of_text(locator) -> int:
    """How many lines a text takes on screen."""
    return locator.evaluate(
        "e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))"
    )


def _statement_link(server, username: str) -> tuple[int, str]:
    """A notice, through the real service, for the agent's last open visit today whose statement has an
    installment and its interest on one date (as the debtor saw it: two amounts, no labels)."""
    with session_scope(server.db_url) as s:
        agent = s.exec(select(User).where(User.username == username)).one()
        visits = s.exec(
            select(Visit)
            .join(VisitAgent, VisitAgent.visit_id == Visit.id)
            .where(VisitAgent.user_id == agent.id, Visit.visit_date == clock.today(), Visit.status == "planned")
            .where(Visit.confirmation.in_(["proposed", "notified"]))
            .order_by(Visit.route_order.desc())
        ).all()
        for v in visits:
            kinds = db_rows(
                server.db_url,
                "SELECT sl.due_date, sl.kind FROM statement_line sl JOIN collection_case c ON c.debt_id=sl.debt_id "
                "WHERE c.id=:c",
                c=v.case_id,
            )
            dates = {d for d, k in kinds if k == "installment"} & {d for d, k in kinds if k == "interest"}
            if dates:
                r = notices.send_visit_notice(s, actor=auth.identity_of(agent), visit_id=v.id, base_url=server.base_url)
                assert r.decision.allowed, r.decision.codes
                return v.id, "/v/" + r.link.rsplit("/v/", 1)[1]
    raise AssertionError("the demo should give this agent a visit with an installment and its interest")


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
        assert_thumb_sized(debtor)
        screenshot(debtor, "debtor-link-open")

        # confirm -> summary and an .ics (with the VTIMEZONE of its TZID, read by a second parser)
        debtor.locator("#link-confirm").click()
        expect(debtor.locator("#link-done")).to_contain_text("已确认")
        expect(debtor.locator("#link-status")).to_contain_text("您已确认此时间")
        with debtor.expect_download() as dl:
            debtor.locator("#link-ics").click()
        ics = Path(dl.value.path()).read_text(encoding="utf-8")
        assert "BEGIN:VEVENT" in ics and "DTSTART;TZID=Asia/Shanghai:20261123T" in ics
        assert [z.tz_id for z in IcsCalendarStream.calendar_from_ics(ics).timezones] == ["Asia/Shanghai"]
        assert_thumb_sized(debtor)
        screenshot(debtor, "debtor-link-confirmed")

        # the agent's dossier: the debtor confirmed this time, so there is no notice to send
        agent.goto(f"/agent/visit/{vid}")
        expect(agent.locator("#notice-message")).to_contain_text("客户已确认")
        expect(agent.locator("#notice-send")).to_have_count(0)
        expect(agent.locator("#notice-again")).to_have_count(0)
        screenshot(agent, "agent-notice-confirmed")
        agent.goto("/agent")
        expect(agent.locator(".visit-card").first).to_be_visible()

        # five wrong verifiers -> locked (and the lock is in the database)
        debtor.locator("#link-statement").click()
        for _ in range(5):
            debtor.locator("#link-verify-value").fill("1900")
            debtor.locator("#link-verify-submit").click()
            debtor.wait_for_timeout(250)
        expect(debtor.locator("#link-locked")).to_contain_text("已锁定")
        expect(debtor.locator("#link-locked")).to_contain_text(COMPANY_PHONE)  # whom to call
        expect(debtor.locator("#link-locked .link-call")).to_have_attribute("href", "tel:4001234567")
        assert_fits_phone(debtor)
        assert_thumb_sized(debtor)
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
        assert_thumb_sized(debtor)
        screenshot(debtor, "debtor-link-slots")
        texts_before = db_rows(server.db_url, "SELECT count(*) FROM message WHERE visit_id=:i", i=vid)[0][0]
        debtor.locator(".link-slot").first.click()
        debtor.wait_for_url(lambda url: "/v/" in url and link not in url)
        expect(debtor.locator("#link-status")).to_contain_text("您已改到此时间")
        # the new link went by SMS (through the policy: a ledger row), and the page says so, in one message
        expect(debtor.locator("#link-done")).to_contain_text("新链接已用短信发至")
        expect(debtor.locator("[data-sonner-toast]")).to_have_count(0)
        assert db_rows(server.db_url, "SELECT count(*) FROM message WHERE visit_id=:i", i=vid)[0][0] == texts_before + 1
        assert db_rows(
            server.db_url,
            "SELECT count(*) FROM contact_ledger WHERE channel='sms' AND allowed AND actor_id IS NULL "
            "AND details LIKE '%visit_moved%'",
        )[0][0]
        screenshot(debtor, "debtor-link-rescheduled")
        # the language switch re-renders the message too (it used to be a Chinese toast that stayed)
        debtor.locator("#link-lang").click()
        expect(debtor.locator("#link-done")).to_contain_text("The new link went by SMS")
        expect(debtor.locator("#link-status")).to_contain_text("You moved the visit to this time")
        screenshot(debtor, "debtor-link-rescheduled-en")
        debtor.locator("#link-lang").click()
        expect(debtor.locator("#link-done")).to_contain_text("新链接已用短信发至")
        debtor.goto(link)
        expect(debtor.locator("#link-problem")).to_contain_text("已被更新的通知替代")
        expect(debtor.locator("#link-problem")).to_contain_text(COMPANY_PHONE)
        expect(debtor.locator("#link-call")).to_have_attribute("href", "tel:4001234567")
        assert_fits_phone(debtor)
        assert_thumb_sized(debtor)
        screenshot(debtor, "debtor-link-replaced")
        expect(agent.locator(".visit-card", has_text=name)).to_have_count(0, timeout=40_000)  # no reload

        # decline -> cancelled; a visit attempt is then blocked by the policy
        vid, link = links[1]
        debtor.goto(link)
        debtor.locator("#link-decline").click()
        debtor.locator("#link-decline-yes").click()
        expect(debtor.locator("#link-problem")).to_contain_text("不会再安排上门")
        assert_thumb_sized(debtor)
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
    expect(phone.locator("#link-call")).to_be_visible()
    assert_fits_phone(phone)


def test_the_statement_on_a_phone_says_what_each_line_is_and_english_does_not_wrap(browser, server):
    vid, link = _statement_link(server, "agent3")
    ((debtor_id,),) = db_rows(
        server.db_url, "SELECT c.debtor_id FROM visit v JOIN collection_case c ON c.id=v.case_id WHERE v.id=:i", i=vid
    )
    kinds = [
        r[0]
        for r in db_rows(
            server.db_url,
            "SELECT sl.kind FROM statement_line sl JOIN collection_case c ON c.debt_id=sl.debt_id "
            "JOIN visit v ON v.case_id=c.id WHERE v.id=:i ORDER BY sl.due_date, sl.id",
            i=vid,
        )
    ]
    assert {"installment", "interest"} <= set(kinds), kinds  # two lines on one date: they need their labels
    birth_year, _id4 = demo.demo_verifiers(debtor_id)
    ctx = new_phone_context(browser, server)
    page = ctx.new_page()
    try:
        page.goto(link)
        page.locator("#link-statement").click()
        page.locator("#link-verify-value").fill(birth_year)
        page.locator("#link-verify-submit").click()
        lines = page.locator(".link-line")
        expect(lines).to_have_count(len(kinds))
        labels = {"installment": "分期本金", "interest": "利息", "late_fee": "滞纳金", "fee": "费用"}
        assert [x.strip() for x in page.locator(".link-line .line-kind").all_inner_texts()] == [
            labels[k] for k in kinds
        ]
        expect(lines.first).to_contain_text("到期")
        expect(page.locator("#link-totals")).to_contain_text("应还合计")
        lines.first.scroll_into_view_if_needed()
        assert_fits_phone(page)
        assert_thumb_sized(page)
        screenshot(page, "debtor-link-statement")
        for i in range(min(3, len(kinds))):  # one line each: the amount and the lateness never squeezed
            assert _lines_of_text(lines.nth(i).locator(".line-amount")) == 1
        # nothing sticks out of its card (the page itself hides overflow, so measure the lines)
        card = page.locator("#link-statement").locator("xpath=ancestor::div[contains(@class, 'rt-Card')]")
        edge = card.bounding_box()["x"] + card.bounding_box()["width"]
        assert all(b["x"] + b["width"] <= edge for b in (x.bounding_box() for x in lines.all()))

        # English: the statement stays open and changes language; the badge and the button keep to one line
        page.locator("#link-lang").click()
        expect(page.locator("#link-totals")).to_contain_text("Total due")
        assert page.locator(".link-line .line-kind").first.inner_text().strip() == "Installment"
        page.evaluate("window.scrollTo(0, 0)")
        for badge in page.locator(".link-badge").all():
            assert _lines_of_text(badge) == 1, badge.inner_text()
        for button in page.locator(".link-verify").all():
            expect(button).to_have_text("Verify identity")
            box = button.bounding_box()
            assert box["height"] < 50, box  # one line of text in a 44 px button
        assert_fits_phone(page)
        assert_thumb_sized(page)
        screenshot(page, "debtor-link-en")
        page.locator(".link-line").first.scroll_into_view_if_needed()
        screenshot(page, "debtor-link-statement-en")
        page.locator("#link-lang").click()  # back to Chinese
        expect(page.locator("#link-totals")).to_contain_text("应还合计")
    finally:
        ctx.close()


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
        assert_thumb_sized(debtor)
        # empty: the browser stops it before anything is sent, and the form says what is needed
        debtor.locator("#link-complaint-send").click()
        assert debtor.locator("#link-complaint-body").evaluate("e => e.validity.valueMissing")
        expect(debtor.get_by_text("请写下发生了什么，至少 5 个字。")).to_be_visible()
        # only spaces, or too short: the server says what is missing, beside the form
        debtor.locator("#link-complaint-body").fill("   ")
        debtor.locator("#link-complaint-send").click()
        expect(debtor.locator("#link-complaint-error")).to_have_text("请写下发生了什么（至少 5 个字），再提交。")
        screenshot(debtor, "debtor-link-complaint-empty")
        assert (
            db_rows(
                server.db_url,
                "SELECT count(*) FROM complaint WHERE case_id=(SELECT case_id FROM visit WHERE id=:i)",
                i=vid,
            )[0][0]
            == 0
        )
        debtor.locator("#link-complaint-body").fill("来访人员说话很冲，还在楼道里大声说我的事")
        debtor.locator("#link-complaint-send").click()
        expect(debtor.locator("#link-done")).to_contain_text("投诉已受理")
        # one story: the visit is on hold (no "planned for ..." beside it), no visit actions
        expect(debtor.locator("#link-paused")).to_contain_text("暂停")
        expect(debtor.locator("#link-planned")).to_have_count(0)
        expect(debtor.locator("#link-status")).to_have_text("拜访已暂停")
        expect(debtor.locator("#link-confirm")).to_have_count(0)
        expect(debtor.locator("#link-other")).to_have_count(0)
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


# every text of a screen with its box, top to bottom: what the debtor sees where
BOXES = """(root) => [...root.querySelectorAll('h1, p, span.rt-Badge, button, a')]
  .filter(e => e.offsetParent !== null)
  .map(e => { const r = e.getBoundingClientRect();
    return [e.innerText.trim(), Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)] })"""


def test_the_first_paint_shows_the_visit_before_the_scripts_and_the_page_takes_its_place_unmoved(browser, server):
    """Served with the link, before any script runs: the visit, who is coming and the actions, in the language
    the page will be in; when the page has its state it stands exactly where the first paint stood."""
    _vid, link = _links(server, "agent5", [0])[0]
    errors: list[str] = []
    for lang in ("zh-CN", "en"):
        ctx = new_phone_context(browser, server)
        page = ctx.new_page()
        errors.clear()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto("/manifest.webmanifest")
            page.evaluate("(lang) => localStorage.setItem('visitapp_lang', lang)", lang)
            page.route("**/*.js", lambda route: route.abort())  # a phone whose scripts have not arrived
            page.goto(link)
            first = page.locator(f'.first-view > .link-page[lang="{lang}"]')
            expect(first).to_be_visible()
            expect(page.locator(".first-view > .link-page:visible")).to_have_count(1)
            assert ("上门拜访您" if lang == "zh-CN" else "plans to visit you") in first.inner_text()
            drawn = first.evaluate(BOXES)
            screenshot(page, f"debtor-link-first-paint-{lang}")
            page.unroute("**/*.js")
            errors.clear()
            page.goto(link)
            expect(page.locator(".link-ready")).to_be_visible()
            expect(page.locator(".first-view")).to_have_count(0)  # gone: nothing finds its copies of the texts
            live = page.locator(".link-ready").evaluate(BOXES)
            assert live == drawn
            assert not [e for e in errors if "ydrat" in e], errors  # the page hydrates with the first paint there
            page.locator("#link-other").click()  # and works
            expect(page.locator(".link-slot").first).to_be_visible()
        finally:
            ctx.close()
