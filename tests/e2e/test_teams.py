"""Teams admin (issue 13.1) in the browser at a laptop's size: a team made and edited, its usual hours
checked, other hours on a weekday added and taken back, in Chinese and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import at, login, new_desk_context, screenshot

pytestmark = pytest.mark.e2e


def test_admin_makes_a_team_with_its_base_hours_and_an_evening_shift(browser, server):
    desk = new_desk_context(browser, server)
    admin = desk.new_page()
    admin.set_default_timeout(20_000)
    login(admin, "admin", "admin1234")
    admin.wait_for_url(at("/admin/audit"))
    admin.locator("#staff-nav").get_by_text("小组").click()
    admin.wait_for_url(at("/admin/teams"))
    cards = admin.locator(".team-card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 4  # the demo's teams, each with its pair and dispatcher
    expect(cards.first).to_contain_text("调度员")
    # a new team: a break that ends after the shift is refused with the field, nothing is saved
    admin.locator("#teams-new").click()
    form = admin.locator("#team-form")
    form.locator("#team-name").fill("测试 夜班队")
    form.locator("#team-base_address").fill("上海市闵行区莘庄镇莘松路 1 号")
    form.locator("#team-base_lat").fill("31.1120")
    form.locator("#team-base_lon").fill("121.3810")
    form.locator("#team-lunch_start").fill("17:30")
    form.locator("#team-save").click()
    expect(admin.locator("#problem-lunch_start")).to_be_visible()
    expect(admin.locator("#team-name")).to_have_value("测试 夜班队")  # nothing typed is lost
    form.locator("#team-lunch_start").fill("12:00")
    form.locator("#team-save").click()
    expect(admin.locator(".team-card[data-team='测试 夜班队']")).to_contain_text("31.11200, 121.38100")
    expect(admin.locator("#team-form-title")).to_contain_text("测试 夜班队")
    expect(admin.locator("#team-no-shifts")).to_be_visible()
    # other hours every Friday: 12:00-21:00 with dinner at 17:00 (visits to night workers)
    admin.locator("#shift-weekday").select_option("4")
    admin.locator("#shift-add").click()
    expect(admin.locator(".shift-row")).to_contain_text("每周五：12:00–21:00")
    screenshot(admin, "teams-evening-shift")
    admin.locator("#lang-switch").click()
    expect(admin.locator(".shift-row")).to_contain_text("Every Friday: 12:00–21:00")
    expect(admin.locator("#team-form-title")).to_contain_text("Edit 测试 夜班队")
    screenshot(admin, "teams-evening-shift-en")
    admin.locator("#lang-switch").click()
    expect(admin.locator(".shift-row")).to_contain_text("每周五")
    admin.locator(".shift-remove").click()
    expect(admin.locator("#team-no-shifts")).to_be_visible()
    desk.close()
