"""On-site installment plans: within authority → signed → agreement PDF with the right totals; beyond
authority → a supervisor approves in another browser → the agent sees it without reloading."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from tests.e2e.conftest import assert_fits_phone, at, db_rows, login, new_phone_context, screenshot
from tests.e2e.touch import assert_touch_targets
from visitapp.core import auth, clock
from visitapp.core.db import session_scope
from visitapp.core.models import User, Visit, VisitAgent
from visitapp.money.services import plans

pytestmark = pytest.mark.e2e


def _visits(server, username: str) -> list[tuple[int, bool]]:
    """The agent's visits today with whether waiving fees and interest needs a supervisor."""
    out = []
    with session_scope(server.db_url) as s:
        agent = s.exec(select(User).where(User.username == username)).one()
        me = auth.identity_of(agent)
        rows = s.exec(
            select(Visit)
            .join(VisitAgent, VisitAgent.visit_id == Visit.id)
            .where(VisitAgent.user_id == agent.id, Visit.visit_date == clock.today())
            .order_by(Visit.route_order, Visit.id)
        ).all()
        for v in rows[1:]:
            try:
                probe = plans.quote(
                    s,
                    actor=me,
                    visit_id=v.id,
                    months=6,
                    down_payment_cents=0,
                    waive_fees=True,
                    waive_interest=True,
                    first_due_date=clock.today() + timedelta(days=30),
                )
            except Exception as exc:
                params = getattr(exc, "params", {})
                if "min_cents" not in params:
                    continue
                probe = plans.quote(
                    s,
                    actor=me,
                    visit_id=v.id,
                    months=6,
                    down_payment_cents=params["min_cents"],
                    waive_fees=True,
                    waive_interest=True,
                    first_due_date=clock.today() + timedelta(days=30),
                )
            out.append((v.id, probe.needs_approval))
    return out


def _fen(text: str) -> int:
    """The first amount of money in a text, in fen."""
    m = re.search(r"¥([\d,]+)\.(\d\d)", text)
    assert m, text
    return int(m.group(1).replace(",", "")) * 100 + int(m.group(2))


def _open_plan(page, visit_id: int) -> None:
    page.goto(f"/agent/visit/{visit_id}")
    expect(page.locator("#dossier-name")).to_be_visible()
    page.locator("#plan-open").click()
    expect(page.locator("#plan-summary")).to_be_visible()


def _sign_on_pad(page) -> None:
    canvas = page.locator("#signature-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 100)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(box["x"] + 30 + i * 22, box["y"] + 100 - (i % 4) * 20, steps=3)
    page.mouse.up()


def _in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"]
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_plan_within_authority_is_signed_and_the_pdf_has_the_totals(browser, server):
    visits = _visits(server, "agent4")
    ctx = new_phone_context(browser, server, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "agent4")
        page.wait_for_url(at("/agent"))
        visit_id = visits[0][0]
        _open_plan(page, visit_id)
        page.locator("#plan-months").get_by_role("radio", name="6").click()
        expect(page.locator(".plan-row")).to_have_count(6)
        expect(page.locator("#plan-authority")).to_contain_text("在您的权限内")
        # money as people read it: the minimum down payment in yuan, in the hint and in the refusal
        expect(page.locator("#plan-min-down")).to_contain_text(re.compile(r"最低首付 ¥[\d,]+\.\d\d"))
        minimum = page.locator("#plan-down").input_value()
        page.locator("#plan-down").fill("1")
        expect(page.locator("#plan-error")).to_contain_text(re.compile(r"首付至少 ¥[\d,]+\.\d\d"))
        assert " 分" not in page.locator("#plan-error").inner_text()
        screenshot(page, "agent-plan-down-too-small")
        page.locator("#plan-down").fill(minimum)
        expect(page.locator("#plan-error")).to_have_count(0)
        summary = page.locator("#plan-summary").inner_text()
        assert_fits_phone(page)
        screenshot(page, "agent-plan-quote")
        page.locator("#plan-propose").click()
        expect(page.locator("#plan-status")).to_contain_text("已批准")
        # the debtor reads the terms above the pad: total and waiver, every payment, the cooling-off
        terms = page.locator("#plan-terms")
        expect(terms).to_contain_text("按本方案应还合计")
        expect(terms).to_contain_text("冷静期")
        expect(page.locator(".plan-pending-row")).to_have_count(7)  # the down payment and 6 installments
        # the pad takes the card's width (it was a fixed 320 x 170)
        canvas = page.locator("#signature-canvas").bounding_box()
        holder = page.locator("#plan-pending").bounding_box()
        assert abs(canvas["width"] - holder["width"]) <= 2 and canvas["height"] >= 160, (canvas, holder)
        _sign_on_pad(page)
        expect(page.locator("#plan-sign")).to_be_enabled()
        assert_touch_targets(page)
        screenshot(page, "agent-plan-signature")
        page.locator("#plan-sign").click()
        # the agent stays on the plan just signed, with its PDF in view
        expect(page.locator("#plan-signed-status")).to_contain_text("已签署")
        expect(page.locator("#plan-agreement")).to_be_visible()
        page.wait_for_timeout(600)  # the scroll settles
        assert _in_view(page, "#plan-signed-status"), "the view jumped away from the signed plan"
        expect(page.locator("#plan-next")).to_contain_text("首付")
        screenshot(page, "agent-plan-signed")
        with page.expect_download() as dl:
            page.locator("#plan-agreement").click()
        from pypdf import PdfReader

        text = "".join(p.extract_text() or "" for p in PdfReader(dl.value.path()).pages)
        total = re.search(r"合计 (\S+?)，", summary).group(1)
        assert total.replace("¥", "") in text.replace("¥", ""), (total, text[:500])
        assert "协议" in text and "Agreement" in text
        assert sum(1 for line in text.splitlines() if re.search(r"20\d\d-\d\d-\d\d", line)) >= 6  # the schedule

        # reopening the dossier shows the plan as it stands, not the form (the bug of issue 12)
        page.goto(f"/agent/visit/{visit_id}")
        expect(page.locator("#plan-signed-status")).to_contain_text("已签署")
        expect(page.locator(".plan-signed-row")).to_have_count(7)
        expect(page.locator("#plan-open")).to_have_count(0)
        page.locator("#plan-card").scroll_into_view_if_needed()
        assert_fits_phone(page)
        assert_touch_targets(page)
        screenshot(page, "agent-plan-reopened")

        # a new plan only through "renegotiate", confirmed; the signed one stands until the new one is signed
        page.locator("#plan-renegotiate").click()
        expect(page.get_by_role("alertdialog")).to_contain_text("现行协议在客户签署新方案前继续有效")
        screenshot(page, "agent-plan-renegotiate-confirm")
        page.locator("#plan-renegotiate-confirm").click()
        page.locator("#plan-months").get_by_role("radio", name="12").click()
        expect(page.locator(".plan-row")).to_have_count(12)
        page.locator("#plan-propose").click()
        expect(page.locator("#plan-status")).to_contain_text("已批准")
        expect(page.locator("#plan-replaces")).to_contain_text("第 1 版")
        expect(page.locator("#plan-signed-status")).to_contain_text("已签署")
        _sign_on_pad(page)
        page.locator("#plan-sign").click()
        expect(page.locator("#plan-signed-status")).to_contain_text("已签署")
        expect(page.locator(".plan-signed-row")).to_have_count(13)
        expect(page.locator("#plan-pending")).to_have_count(0)
        rows = db_rows(
            server.db_url,
            "SELECT revision, status FROM plan WHERE case_id = (SELECT case_id FROM visit WHERE id = :v) "
            "ORDER BY revision",
            v=visit_id,
        )
        assert [tuple(r) for r in rows] == [(1, "superseded"), (2, "active")]
    finally:
        ctx.close()


def test_the_pad_fits_a_small_phone(browser, server):
    visit_id = _visits(server, "agent5")[0][0]  # another team: agent4's plans are on team 2's visits
    ctx = new_phone_context(browser, server, viewport={"width": 360, "height": 740})
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "agent5")
        page.wait_for_url(at("/agent"))
        _open_plan(page, visit_id)
        page.locator("#plan-propose").click()
        expect(page.locator("#plan-status")).to_contain_text("已批准")
        page.locator("#signature-canvas").scroll_into_view_if_needed()
        canvas = page.locator("#signature-canvas").bounding_box()
        assert canvas["x"] >= 0 and canvas["x"] + canvas["width"] <= 360 and canvas["width"] >= 280, canvas
        assert_fits_phone(page)
        screenshot(page, "agent-plan-pad-360")
    finally:
        ctx.close()


def test_plan_beyond_authority_waits_for_the_supervisor_and_the_agent_sees_the_answer(browser, server):
    visits = [v for v, needs in _visits(server, "agent4") if needs]
    assert visits, "the demo should have a case whose fees and interest exceed the agent's waiver limit"
    agent_ctx = new_phone_context(browser, server)
    agent = agent_ctx.new_page()
    boss_ctx = new_phone_context(browser, server)
    boss = boss_ctx.new_page()
    try:
        login(agent, "agent4")
        agent.wait_for_url(at("/agent"))
        _open_plan(agent, visits[-1])
        agent.locator("#plan-waive-fees").click()
        agent.locator("#plan-waive-interest").click()
        expect(agent.locator("#plan-authority")).to_contain_text("需主管审批")
        agent.locator("#plan-propose").click()
        expect(agent.locator("#plan-status")).to_contain_text("等待主管审批")
        screenshot(agent, "agent-plan-waiting")

        login(boss, "supervisor1")
        boss.wait_for_url(re.compile(r".*/dispatch.*"))
        boss.goto("/dispatch/approvals")
        card = boss.locator(".approval-card").first
        expect(card).to_be_visible()
        screenshot(boss, "supervisor-approvals")
        card.locator(".approval-approve").click()
        # the agent's screen changes by itself
        expect(agent.locator("#plan-status")).to_contain_text("已批准", timeout=20_000)
        expect(agent.locator("#signature-canvas")).to_be_visible()
        screenshot(agent, "agent-plan-approved")
    finally:
        agent_ctx.close()
        boss_ctx.close()


def test_promise_then_the_clock_passes_its_date_and_a_broken_promise_reminder_appears(browser, server):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from visitapp.core.models import Promise, Reminder
    from visitapp.money.services import followup

    visit_id = _visits(server, "agent4")[1][0]
    ctx = new_phone_context(browser, server)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "agent4")
        page.wait_for_url(at("/agent"))
        page.goto(f"/agent/visit/{visit_id}")
        expect(page.locator("#dossier-name")).to_be_visible()
        tomorrow = (clock.today() + timedelta(days=1)).isoformat()
        page.locator("#promise-amount").fill("500")
        page.locator("#promise-date").fill(tomorrow)
        page.locator("#promise-save").click()
        expect(page.locator("#money-message")).to_contain_text("已记录承诺")
        # a payment with the receipt the agent shows
        page.locator("#payment-amount").fill("200")
        page.locator("#payment-method").select_option("cash")
        page.locator("#payment-save").click()
        expect(page.locator("#receipt-no")).to_contain_text("SK")
        # the receipt in the debtor's words: paid now, and the balance it leaves, reconciled to the statement
        expect(page.locator("#receipt-amount")).to_contain_text("本次收款 ¥200.00")
        balance = page.locator("#receipt-balance")
        expect(balance).to_contain_text("账单未还合计")
        figures = [_fen(x) for x in page.locator(".receipt-balance-row").all_inner_texts()]
        owed = _fen(page.locator("#statement-totals").inner_text().split("未还")[1])
        assert figures[0] == owed and figures[2] == 200_00 and figures[3] == owed - figures[1] - 200_00, figures
        assert owed - 200_00 != 200_00  # the bug showed "欠款余额 ¥200.00"
        expect(page.locator("#money-balance")).to_contain_text("剩余欠款")
        page.wait_for_timeout(500)  # the page scrolls the receipt into view by itself
        box = page.locator("#receipt").bounding_box()
        assert 0 <= box["y"] < page.viewport_size["height"] / 2, box
        assert_fits_phone(page)
        screenshot(page, "agent-receipt")

        # the clock passes the promised date; the follow-up job runs (as the scheduler would)
        clock.set_now(
            datetime.combine(
                clock.today() + timedelta(days=2),
                datetime.min.time().replace(hour=10),
                tzinfo=ZoneInfo("Asia/Shanghai"),
            )
        )
        with session_scope(server.db_url) as s:
            followup.run(s)
        with session_scope(server.db_url) as s:
            promise = s.exec(select(Promise).where(Promise.visit_id == visit_id)).one()
            assert promise.status == "broken"
            reminder = s.exec(
                select(Reminder).where(Reminder.kind == "promise_broken", Reminder.case_id == promise.case_id)
            ).one()
            owner = s.get(User, reminder.user_id).username
        if owner != "agent4":
            ctx.close()
            ctx = new_phone_context(browser, server)
            page = ctx.new_page()
            login(page, owner)
            page.wait_for_url(at("/agent"))
        page.goto("/agent/reminders")
        expect(page.locator(".reminder-card", has_text="承诺未兑现")).to_have_count(1)
        screenshot(page, "agent-reminder-broken-promise")
    finally:
        ctx.close()
