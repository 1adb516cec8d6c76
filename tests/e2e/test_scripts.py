"""The script library: an admin edits a talking point (a stale edit is refused, not overwritten) and an
agent sees the edited text on a visit's dossier."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_fits_phone, at, login, new_phone_context, screenshot

pytestmark = pytest.mark.e2e

EDITED = "您好，我是（公司名称）的外访专员（姓名）。E2E：先出示工牌，再说明来意，不进屋。"


def _open_opening_zh(page: Page) -> None:
    """Filter the library down to the Chinese opening snippet and open it for editing."""
    page.locator("#scripts-situation").click()
    page.get_by_role("option", name="开场", exact=True).click()
    page.locator("#scripts-lang").click()
    page.get_by_role("option", name="中文", exact=True).click()
    expect(page.locator(".script-row")).to_have_count(1)
    page.locator(".script-edit").first.click()
    expect(page.locator("#script-body")).to_be_visible()


def test_admin_edits_a_talking_point_and_the_agent_sees_it(phone, browser, server):
    login(phone, "admin", "admin1234")
    phone.wait_for_url(at("/admin/audit"))  # admins land on the audit log
    phone.locator("#staff-nav").get_by_text("话术库").click()
    phone.wait_for_url(at("/admin/scripts"))
    expect(phone.locator(".script-row").first).to_be_visible()
    expect(phone.locator("#scripts-count")).to_contain_text("共")
    assert_fits_phone(phone)
    screenshot(phone, "admin-scripts-list")

    _open_opening_zh(phone)
    assert_fits_phone(phone)
    phone.wait_for_timeout(400)  # let the dialog's opening animation finish before the picture
    screenshot(phone, "admin-scripts-edit")

    # another admin session saves the same snippet first
    other = new_phone_context(browser, server)
    try:
        page = other.new_page()
        page.set_default_timeout(20_000)
        login(page, "admin", "admin1234")
        page.wait_for_url(at("/admin/audit"))  # admins land on the audit log
        page.goto("/admin/scripts")
        expect(page.locator(".script-row").first).to_be_visible()
        _open_opening_zh(page)
        page.locator("#script-body").fill("另一位管理员的版本")
        page.locator("#script-save").click()
        expect(page.locator(".script-body").first).to_have_text("另一位管理员的版本")
    finally:
        other.close()

    # this edit was made on the old version: refused with who and when, the typed text kept
    phone.locator("#script-body").fill(EDITED)
    phone.locator("#script-save").click()
    expect(phone.locator("#script-error")).to_contain_text("修改了这条话术")
    expect(phone.locator("#script-body")).to_have_value(EDITED)
    assert_fits_phone(phone)
    screenshot(phone, "admin-scripts-stale")
    phone.locator("#script-reload").click()
    expect(phone.locator("#script-body")).to_have_value("另一位管理员的版本")
    phone.locator("#script-body").fill(EDITED)
    phone.locator("#script-save").click()
    expect(phone.get_by_text("已保存。").first).to_be_visible()
    expect(phone.locator(".script-body").first).to_have_text(EDITED)

    # an empty title is refused, naming the field
    phone.locator(".script-edit").first.click()
    phone.locator("#script-title").fill("")
    phone.locator("#script-save").click()
    expect(phone.get_by_text("请填写标题。")).to_be_visible()
    phone.locator("#script-cancel").click()

    # deactivate hides it from the list (and from agents); show deactivated, reactivate
    phone.locator(".script-deactivate").first.click()
    expect(phone.locator(".script-row")).to_have_count(0)
    phone.locator("#scripts-inactive").click()
    expect(phone.locator(".script-reactivate")).to_have_count(1)
    phone.locator(".script-reactivate").first.click()
    expect(phone.locator(".script-deactivate")).to_have_count(1)

    # the agent sees the edited text in the dossier's talking points
    agent = new_phone_context(browser, server)
    try:
        page = agent.new_page()
        page.set_default_timeout(20_000)
        login(page, "agent1")
        page.wait_for_url(at("/agent"))
        page.locator(".visit-card").first.click()
        page.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
        expect(page.locator("#dossier-name")).to_be_visible()
        points = page.locator(".talking-point")
        expect(points.first).to_be_hidden()  # folded away until asked for
        page.locator("#talking-points-toggle").click()
        expect(points.first).to_contain_text(EDITED)
        texts = " ".join(points.all_inner_texts())
        assert "核实身份" in texts and "不能说、不能做的" in texts
        assert_fits_phone(page)
        page.locator("#talking-points").scroll_into_view_if_needed()
        screenshot(page, "agent-dossier-talking-points")
    finally:
        agent.close()
