"""The office's case page (issue 13.2) at a laptop's size: opened from the case list, the debtor masked until
a reveal, the statement and the story, a note added, the case paused with a reason and resumed, in both
languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import at, login, new_desk_context, screenshot

pytestmark = pytest.mark.e2e


def test_dispatcher_works_a_case_from_its_page(browser, server):
    desk = new_desk_context(browser, server)
    page = desk.new_page()
    page.set_default_timeout(20_000)
    login(page, "dispatcher2")
    page.wait_for_url(at("/dispatch"))
    first = page.locator(".case-open").first
    expect(first).to_be_visible()
    first.click()
    page.wait_for_url(re.compile(r".*/dispatch/case/\d+/?$"))
    expect(page.locator("#case-title")).to_contain_text("案件")
    masked = page.locator("#case-debtor").inner_text()
    assert "*" in masked
    expect(page.locator(".statement-line").first).to_be_visible()
    page.locator("#case-reveal").click()
    expect(page.locator("#case-debtor")).not_to_contain_text("*")
    # a note: first in the story
    page.locator("#case-note textarea").fill("电话里说下周发工资后再约")
    page.locator("#case-note-submit").click()
    expect(page.locator("#case-story .story-row").first).to_contain_text("电话里说下周发工资后再约")
    # pause without a note: told, nothing changes; with one: paused with its reason
    page.locator("#case-pause-submit").click()
    expect(page.locator("#case-action-error")).to_contain_text("说明")
    page.locator("#case-pause-reason").select_option("hardship")
    page.locator("#case-pause textarea").fill("失业，下月再联系")
    page.locator("#case-pause-submit").click()
    expect(page.locator("#case-status")).to_contain_text("生活困难")
    expect(page.locator("#case-trail .trail-row").first).to_contain_text("暂停了")
    screenshot(page, "case-page-paused")
    page.locator("#lang-switch").click()
    expect(page.locator("#case-status")).to_contain_text("Hardship")
    expect(page.locator("[data-sonner-toast]")).to_have_count(0)  # no toast stays in the old language
    expect(page.locator("#case-assign-agent")).not_to_have_value("")  # starts at the case's agent
    screenshot(page, "case-page-paused-en")
    page.locator("#lang-switch").click()
    page.locator("#case-resume textarea").fill("已找到工作")
    page.locator("#case-resume-submit").click()
    expect(page.locator("#case-status")).not_to_contain_text("暂停")
    desk.close()
