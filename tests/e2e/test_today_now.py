"""Today as the clock goes, at the agent's size (issue 12, points 4 and 8 and the touch targets).

Morning (the shared 09:30 server): Tomorrow explains a visit the planner left out; a denied location is
said in Chinese; the outcome waits for the check-in without losing what was chosen; the last card tapped
is not left highlighted. Afternoon (conftest's second server, at 16:30): nothing reads "pending" with a
morning ETA, late visits say so and offer "not visited" and "ask the dispatcher", the dossier disables
the check-in with the policy's reason, and the dispatcher gets the task."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    assert_fits_phone,
    at,
    db_rows,
    login,
    new_desk_context,
    new_phone_context,
    screenshot,
)
from tests.e2e.touch import assert_touch_targets

pytestmark = pytest.mark.e2e

TOMORROW = "2026-11-24"


def _toast_in_the_top_half(page) -> None:
    toast = page.locator("[data-sonner-toast]").first
    expect(toast).to_be_visible()
    box = toast.bounding_box()
    assert box["y"] + box["height"] < page.viewport_size["height"] / 2, box  # never over the buttons below


# --------------------------------------------------------------------------------------- the afternoon


def test_at_half_past_four_today_says_what_is_late_and_what_can_still_be_done(browser, afternoon):
    ctx = new_phone_context(browser, afternoon)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "agent1")
        page.wait_for_url(at("/agent"))
        items = page.locator(".visit-item")
        expect(items.first).to_be_visible()
        phases = [items.nth(i).get_attribute("data-phase") for i in range(items.count())]
        # agent1's team works 12:00-21:00 (demo): the 14:00-16:00 visits are late, the first evening one is
        # next and the other still to come; nothing whose window has passed reads "to come"
        nxt = phases.index("next")
        assert nxt >= 3 and set(phases[:nxt]) == {"late"} and set(phases[nxt + 1 :]) <= {"upcoming"}, phases
        expect(page.locator(".visit-phase", has_text="待走访")).to_have_count(len(phases) - nxt - 1)
        expect(page.locator(".visit-eta")).to_have_count(len(phases) - nxt)  # an ETA only for what is to come
        late = page.locator('.visit-item[data-phase="late"]')
        expect(late.first.locator(".visit-when")).to_contain_text(re.compile(r"时段 \d\d:\d\d–\d\d:\d\d 已过"))
        expect(page.locator("#day-summary")).to_contain_text(f"逾时 {phases.count('late')}")
        assert_fits_phone(page)
        assert_touch_targets(page)
        screenshot(page, "agent-today-afternoon")

        # not visited, with a reason: the card says so and offers to hand it back to the dispatcher
        first = late.first
        name = first.locator(".visit-name").inner_text()
        first.locator(".not-visited-open").click()
        form = page.locator("#not-visited-form")
        expect(form).to_be_visible()
        form.locator("#not-visited-reason").select_option("no_time")
        screenshot(page, "agent-today-not-visited-form")
        form.locator("#not-visited-confirm").click()
        card = page.locator(".visit-item", has_text=name)
        expect(card).to_have_attribute("data-phase", "missed")
        expect(card.locator(".visit-when")).to_have_text("未走访：时间不够")
        _toast_in_the_top_half(page)
        card.locator(".ask-move").click()
        expect(card.locator(".move-asked")).to_have_text("已请调度改期")
        expect(card.locator(".ask-move")).to_have_count(0)
        expect(page.locator("#day-summary")).to_contain_text("未走访 1")
        screenshot(page, "agent-today-afternoon-recorded")

        # a small phone: still fits
        page.set_viewport_size({"width": 360, "height": 740})
        assert_fits_phone(page)
        screenshot(page, "agent-today-afternoon-360")
        page.set_viewport_size({"width": 390, "height": 844})
        # English is longer
        expect(page.locator("[data-sonner-toast]")).to_have_count(0, timeout=10_000)
        page.locator("#lang-switch").click()
        expect(page.locator("#day-summary")).to_contain_text("late")
        expect(late.first.locator(".visit-when")).to_contain_text("is over, not visited")
        assert_fits_phone(page)
        assert_touch_targets(page)
        screenshot(page, "agent-today-afternoon-en")
        page.locator("#lang-switch").click()
    finally:
        ctx.close()

    # the dispatcher has the task, with the reason, and a link to the plan
    desk = new_desk_context(browser, afternoon)
    try:
        boss = desk.new_page()
        login(boss, "dispatcher1")
        boss.wait_for_url(re.compile(r".*/dispatch.*"))
        boss.goto("/dispatch/reminders")
        task = boss.locator(".reminder-card", has_text="改期请求")
        expect(task).to_have_count(1)
        expect(task).to_contain_text("时间不够")
        screenshot(boss, "dispatcher-reminder-visit-move")
    finally:
        desk.close()


def test_at_half_past_four_the_dossier_disables_check_in_and_the_outcome_with_the_reason(browser, afternoon):
    ctx = new_phone_context(
        browser, afternoon, permissions=["geolocation"], geolocation={"latitude": 31.2, "longitude": 121.4}
    )
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "agent3")
        page.wait_for_url(at("/agent"))
        page.locator('.visit-item[data-phase="late"] .visit-card').first.click()
        page.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
        expect(page.locator("#dossier-name")).to_be_visible()
        expect(page.locator("#checkin-start")).to_be_disabled()
        blocked = page.locator("#checkin-blocked")
        expect(blocked).to_contain_text("现在不能签到")
        expect(blocked).to_contain_text("最早可于")
        # the outcome waits for a check-in; notes do not
        expect(page.locator("#outcome-locked")).to_contain_text("请先到达签到")
        expect(page.locator("#outcome-select")).to_be_disabled()
        expect(page.locator("#outcome-save")).to_be_disabled()
        expect(page.locator("#note-body")).to_be_enabled()
        # what can still be done is here too
        expect(page.locator(".not-visited-open")).to_be_visible()
        expect(page.locator(".ask-move")).to_be_visible()
        page.locator("#checkin-start").scroll_into_view_if_needed()
        assert_fits_phone(page)
        assert_touch_targets(page)
        screenshot(page, "agent-dossier-afternoon")
        page.locator(".not-visited-open").click()
        page.locator("#not-visited-reason").select_option("not_home")
        page.locator("#not-visited-confirm").click()
        expect(page.locator("#visit-note")).to_have_text("未走访：客户不在家")
        expect(page.locator("#checkin-blocked")).to_contain_text("已记录为未走访")
        expect(page.locator("#outcome-locked")).to_contain_text("已记录为未走访")
        screenshot(page, "agent-dossier-afternoon-not-visited")
    finally:
        ctx.close()


# ----------------------------------------------------------------------------------------- the morning


def test_tomorrow_explains_a_visit_the_planner_left_out(phone, server):
    (visit_id,) = db_rows(
        server.db_url,
        'SELECT v.id FROM visit v JOIN visit_agent va ON va.visit_id = v.id JOIN "user" u ON u.id = va.user_id '
        "WHERE u.username = 'agent6' AND v.visit_date = :d ORDER BY v.route_order DESC LIMIT 1",
        d=TOMORROW,
    )[0]
    import sqlalchemy as sa

    engine = sa.create_engine(server.db_url)
    with engine.begin() as conn:  # what publishing a plan does to a visit it left out
        conn.execute(
            sa.text("UPDATE visit SET route_order = NULL, eta = NULL, drop_reason = 'no_time' WHERE id = :i"),
            {"i": visit_id},
        )
    engine.dispose()
    login(phone, "agent6")
    phone.wait_for_url(at("/agent"))
    phone.locator("#tab-tomorrow").click()
    expect(phone.get_by_text(re.compile(TOMORROW))).to_be_visible()
    dropped = phone.locator('.visit-item[data-phase="not_planned"]')
    expect(dropped).to_have_count(1)
    expect(dropped.locator(".visit-when")).to_have_text("未排入路线：小组当天已没有剩余时间")
    expect(dropped.locator(".visit-phase")).to_have_text("未排入")
    expect(dropped.locator(".visit-eta")).to_have_count(0)
    expect(dropped).not_to_contain_text("—")
    expect(phone.locator("#day-summary")).to_contain_text("未排入 1")
    dropped.scroll_into_view_if_needed()
    assert_fits_phone(phone)
    screenshot(phone, "agent-tomorrow-not-planned")
    planned = phone.locator(".visit-item").count() - 1
    phone.locator("#view-map").click()
    expect(phone.locator(".map-pin")).to_have_count(planned)  # no stop on the sketch for it
    phone.locator("#view-list").click()
    phone.locator("#tab-today").click()


def test_morning_check_in_a_denied_location_is_said_in_chinese_and_the_outcome_waits(browser, server):
    ctx = new_phone_context(browser, server)  # no location permission: the browser answers "denied"
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "agent4")  # a team on the day shift: at 09:30 its 09:00-11:00 visits can be checked in
        page.wait_for_url(at("/agent"))
        page.locator(".visit-card").nth(4).click()
        page.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
        visit_id = int(page.url.rstrip("/").rsplit("/", 1)[-1])
        expect(page.locator("#checkin-start")).to_be_enabled()
        expect(page.locator("#checkin-blocked")).to_have_count(0)
        expect(page.locator("#outcome-select")).to_be_disabled()
        page.locator("#checkin-start").click()
        message = page.locator("#checkin-message")
        expect(message).to_contain_text("无法签到：浏览器不允许获取位置")
        assert "User denied" not in message.inner_text() and "Geolocation" not in message.inner_text()
        screenshot(page, "agent-checkin-denied")

        # allowed now, at the door: checked in, the outcome opens and keeps what was chosen
        (lat, lon) = db_rows(
            server.db_url,
            "SELECT d.lat, d.lon FROM visit v JOIN collection_case c ON c.id = v.case_id "
            "JOIN debtor d ON d.id = c.debtor_id WHERE v.id = :i",
            i=visit_id,
        )[0]
        ctx.grant_permissions(["geolocation"])
        ctx.set_geolocation({"latitude": lat + 0.0003, "longitude": lon, "accuracy": 10})
        page.locator("#checkin-start").click()
        expect(page.locator("#checkin-message")).to_contain_text("已签到")
        expect(page.locator("#outcome-locked")).to_have_count(0)
        expect(page.locator("#outcome-select")).to_be_enabled()
        page.locator("#outcome-select").select_option("met")
        page.locator("#outcome-save").click()
        expect(page.locator("#visit-log .log-entry").first).to_contain_text("见到本人")
        rows = db_rows(server.db_url, "SELECT outcome FROM visit_outcome WHERE visit_id = :i", i=visit_id)
        assert [r[0] for r in rows] == ["met"]
    finally:
        ctx.close()


def test_the_last_card_tapped_is_not_left_highlighted(phone):
    login(phone, "agent6")
    phone.wait_for_url(at("/agent"))
    card = phone.locator(".visit-card").nth(5)
    visit_id = card.get_attribute("data-visit-id")
    card.tap()
    phone.wait_for_url(re.compile(rf".*/agent/visit/{visit_id}/?$"))
    expect(phone.locator("#dossier-name")).to_be_visible()
    phone.go_back()
    phone.wait_for_url(at("/agent"))
    tapped = phone.locator(f'.visit-card[data-visit-id="{visit_id}"]')
    expect(tapped).to_be_visible()
    # a phone keeps :hover where the finger was: the card last tapped is under it again
    tapped.scroll_into_view_if_needed()
    tapped.hover()
    link = phone.locator(".visit-link", has=tapped)
    look = (
        "e => { const s = getComputedStyle(e); const c = getComputedStyle(e.closest('.visit-item'));"
        " const name = getComputedStyle(e.querySelector('.visit-name'));"
        " return [s.outlineStyle, s.outlineWidth, c.backgroundColor, s.webkitTapHighlightColor, name.color] }"
    )
    style = link.evaluate(look)
    other = phone.locator(".visit-link").nth(0).evaluate(look)
    assert style[0] in ("none", "") or style[1] == "0px", style
    assert style[2] == other[2], (style, other)  # the same background as any other card
    assert style[3] in ("rgba(0, 0, 0, 0)", "transparent"), style
    assert style[4] == other[4], (style, other)  # the text keeps its colour (it turned teal under the finger)
    screenshot(phone, "agent-today-after-back")
    assert_touch_targets(phone)
