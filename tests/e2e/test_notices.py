"""Publishing a plan queues its pre-visit notices: the dispatcher's dry run at 1280x800 (what goes, when,
what is blocked and why, a visit left out), then the agent's phone (390x844) showing each visit's notice."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect
from sqlmodel import col, select

from tests.e2e.conftest import assert_fits_phone, at, db_rows, login, new_desk_context, screenshot
from visitapp.core import auth
from visitapp.core.db import session_scope
from visitapp.core.models import Case, Team, User, Visit
from visitapp.field.services import visits

pytestmark = pytest.mark.e2e


def _plan(page) -> None:
    page.locator("#plan-seconds").fill("2")
    page.locator("#plan-run").click()
    expect(page.locator("#plan-progress")).to_be_visible(timeout=10_000)
    expect(page.locator("#plan-progress")).to_have_count(0, timeout=60_000)
    expect(page.locator("#plan-status")).to_have_text("草稿", timeout=60_000)


DAY = "2026-11-25"  # a Wednesday: a day of its own, so the other journeys' publishing does not matter


def _schedule(server) -> list[int]:
    """Visits for 静安一队 on DAY, proposed through the dispatcher's own service (nothing noticed yet)."""
    with session_scope(server.db_url) as s:
        me = auth.identity_of(s.exec(select(User).where(User.username == "dispatcher1")).one())
        team = s.exec(select(Team).where(Team.name == "静安一队")).one()
        busy = select(Visit.case_id).where(col(Visit.visit_date) >= date(2026, 11, 23))
        free = s.exec(
            select(Case.id)
            .where(Case.team_id == team.id, Case.status == "open", col(Case.id).not_in(busy))
            .order_by(col(Case.id))
            .limit(8)
        ).all()
        visits.schedule(s, actor=me, case_ids=list(free), day=date.fromisoformat(DAY), slot="afternoon")
        return list(s.exec(select(Visit.id).where(Visit.visit_date == date.fromisoformat(DAY))).all())


def test_dry_run_leave_one_out_publish_and_the_agent_sees_each_notice(browser, server, phone):
    scheduled = _schedule(server)
    assert len(scheduled) >= 3
    ctx = new_desk_context(browser, server)
    desk = ctx.new_page()
    desk.set_default_timeout(20_000)
    try:
        login(desk, "dispatcher1")
        desk.wait_for_url(at("/dispatch"))
        desk.goto("/dispatch/plan")
        expect(desk.locator("#plan-date")).to_have_value("2026-11-24")
        desk.locator("#plan-date").fill(DAY)
        _plan(desk)
        card = desk.locator("#notice-dry-run")
        expect(card).to_be_visible()
        rows = card.locator(".notice-row")
        expect(rows).to_have_count(desk.locator(".plan-stop").count())  # every visit on a route; none left out
        # every planned visit is accounted for: will go (with its time), or why not
        going = card.locator('.notice-row[data-outcome="send"]')
        assert going.count() >= 3
        expect(going.first.locator(".notice-detail")).to_contain_text("11-24 09:00 发送")  # the day before
        expect(desk.locator("#notice-summary")).to_contain_text("条将发送")
        assert "*" in going.first.locator("td").nth(1).inner_text()  # masked names
        screenshot(desk, "dispatcher-notice-dry-run")

        # leave the first one out: the dry run is made again and says so
        left = going.first.get_attribute("data-visit-id")
        before = going.count()
        going.first.locator(".notice-send-check").click()
        row = card.locator(f'.notice-row[data-visit-id="{left}"]')
        expect(row).to_have_attribute("data-outcome", "left_out")
        expect(row.locator(".notice-outcome")).to_have_text("不发送")
        expect(going).to_have_count(before - 1)
        expect(desk.locator("#notice-summary")).to_contain_text("1 条不发送")
        for box in card.locator(".notice-send-check").all():  # the tap target of each switch: its label
            size = box.bounding_box()
            assert size and size["width"] >= 44 and size["height"] >= 44, size

        desk.locator("#plan-publish").click()
        expect(desk.locator("#plan-status")).to_have_text(
            "已发布", timeout=30_000
        )  # publishing checks and queues each notice
        expect(card).to_have_count(0)  # the dry run is over once published
        states = dict(
            db_rows(
                server.db_url,
                "SELECT n.visit_id, n.state FROM visit_notice n JOIN visit v ON v.id = n.visit_id "
                "WHERE n.visit_day = '2026-11-25' AND n.plan_id = (SELECT max(id) FROM route_plan "
                "WHERE status = 'published')",
            )
        )
        assert states[int(left)] == "left_out"
        assert sum(1 for s in states.values() if s in ("queued", "sent")) >= 3
        # the dry run's numbers are what was written: publish again and nothing is queued twice
        counts = db_rows(
            server.db_url,
            "SELECT visit_id, visit_day, window_start, count(*) FROM visit_notice GROUP BY 1, 2, 3 HAVING count(*) > 1",
        )
        assert counts == []
    finally:
        ctx.close()

    # the agent of the left-out visit sees it on tomorrow's card; the others show when theirs goes
    ((username,),) = db_rows(
        server.db_url,
        'SELECT u.username FROM visit_agent va JOIN "user" u ON u.id = va.user_id '
        "WHERE va.visit_id = :v ORDER BY u.id LIMIT 1",
        v=int(left),
    )
    login(phone, username)
    phone.wait_for_url(at("/agent"))
    # Today shows today and tomorrow: the agent sees the notices on the visit's page of the day after
    phone.goto(f"/agent/visit/{left}")
    expect(phone.locator("#notice-queued")).to_have_text("调度未安排上门通知")
    going_id = next(v for v, st in states.items() if st == "queued")
    phone.goto(f"/agent/visit/{going_id}")
    expect(phone.locator("#notice-queued")).to_have_text("上门通知将于 11-24 09:00 自动发送")
    assert_fits_phone(phone)
    screenshot(phone, "agent-dossier-notice-queued")
    # tidy: the day's visits are taken back (the job then cancels their queued notices)
    with session_scope(server.db_url) as s:
        for v in s.exec(select(Visit).where(col(Visit.id).in_(scheduled))).all():
            v.status = "cancelled"
            s.add(v)
