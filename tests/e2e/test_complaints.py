"""The complaint inbox: dispatcher1 takes a demo complaint, a stale answer is refused (not overwritten), then
answers and closes it; collection stays paused because the case is paused for another reason."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_fits_phone, at, login, new_phone_context, screenshot

pytestmark = pytest.mark.e2e

ANSWER = "经核查，滞纳金已按合同第八条计算，明细已寄送给您；如仍有异议可申请人工复核。"


def _open_inbox(page: Page) -> None:
    login(page, "dispatcher1")
    page.wait_for_url(at("/dispatch"))
    page.locator("#staff-nav").get_by_text("投诉", exact=True).click()
    page.wait_for_url(at("/dispatch/complaints"))
    expect(page.locator(".complaint-card").first).to_be_visible()


def test_dispatcher_assigns_answers_and_closes_a_complaint(phone, browser, server):
    _open_inbox(phone)
    cards = phone.locator(".complaint-card")
    expect(cards).to_have_count(2)
    first = cards.first
    ref = first.locator(".complaint-ref").inner_text()
    assert ref.startswith("TS20261123-")
    expect(first.locator(".complaint-sla")).to_contain_text("答复时限")
    expect(first.locator(".complaint-case")).to_contain_text("*")  # the debtor's name is masked
    assert_fits_phone(phone)
    screenshot(phone, "complaints-inbox")

    # another dispatcher session takes the same complaint first
    other = new_phone_context(browser, server)
    try:
        page = other.new_page()
        page.set_default_timeout(20_000)
        _open_inbox(page)
        page.locator(".complaint-card").first.locator(".complaint-assign-me").click()
        expect(page.locator("#complaint-message")).to_contain_text("已分派给")
    finally:
        other.close()

    # this answer was written on the old version: refused with who and when, the text kept
    first.locator(".complaint-response-input textarea").fill(ANSWER)
    first.locator(".complaint-answer").click()
    expect(first.locator(".complaint-stale")).to_contain_text("处理了这条投诉")
    expect(first.locator(".complaint-response-input textarea")).to_have_value(ANSWER)
    assert_fits_phone(phone)
    screenshot(phone, "complaints-stale")
    first.locator(".complaint-reload").click()
    expect(phone.locator(".complaint-stale")).to_have_count(0)
    expect(first.locator(".complaint-assignee")).to_contain_text("王静")
    expect(first.locator(".complaint-response-input textarea")).to_have_value(ANSWER)
    first.locator(".complaint-answer").click()
    expect(phone.locator("#complaint-message")).to_contain_text("已保存答复")
    expect(cards).to_have_count(1)  # answered: it left the open list
    # the other debtor's complaint now stands first: none of the answer just saved is in its form
    expect(cards.first.locator(".complaint-ref")).not_to_have_text(ref)
    expect(cards.first.locator(".complaint-response-input textarea")).to_have_value("")

    phone.locator(".complaint-filter[data-status=answered]").click()
    card = phone.locator(".complaint-card").first
    expect(card.locator(".complaint-ref")).to_have_text(ref)
    expect(card.locator(".complaint-status")).to_have_text("已答复")
    card.locator(".complaint-resume").check()
    assert_fits_phone(phone)
    screenshot(phone, "complaints-answered")
    card.locator(".complaint-close").click()
    # the demo case is paused for another reason (dispute or hardship): closing does not resume it
    expect(phone.locator("#complaint-message")).to_contain_text("仍暂停催收")
    expect(phone.locator("#complaints-empty")).to_contain_text("没有已答复待办结的投诉")

    phone.locator(".complaint-filter[data-status=closed]").click()
    closed = phone.locator(".complaint-card").first
    expect(closed.locator(".complaint-ref")).to_have_text(ref)
    expect(closed.locator(".complaint-response")).to_contain_text("滞纳金已按合同第八条计算")
    assert_fits_phone(phone)
    screenshot(phone, "complaints-closed")


def test_an_agent_cannot_open_the_inbox(phone):
    login(phone, "agent1")
    phone.wait_for_url(at("/agent"))
    phone.goto("/dispatch/complaints")
    phone.wait_for_url(at("/agent"))
