"""An agent shows the badge; a debtor (no account) opens its QR address and sees who is at the door."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_phone, at, login, new_phone_context, screenshot

pytestmark = pytest.mark.e2e


def test_agent_badge_qr_opens_the_public_verification_page(phone, browser, server):
    login(phone, "agent4")
    phone.wait_for_url(at("/agent"))
    phone.locator("#badge-open").click()
    phone.wait_for_url(at("/agent/badge"))
    expect(phone.locator("#badge-no")).to_contain_text("SH-A-0004")
    expect(phone.locator("#badge-qr")).to_be_visible()
    assert_fits_phone(phone)
    screenshot(phone, "agent-badge")
    url = phone.locator("#badge-link").inner_text()
    assert "/verify/" in url and len(url.rsplit("/", 1)[-1]) >= 43  # 256-bit token
    name = phone.locator("#badge-name").inner_text()
    debtor = new_phone_context(browser, server)  # a stranger's phone: no login
    try:
        page = debtor.new_page()
        page.goto(url)
        expect(page.locator("#verify-name")).to_have_text(name)
        expect(page.locator("#verify-status")).to_contain_text("在职")
        expect(page.locator("#verify-today")).to_contain_text("今天有上门走访安排")
        body = page.locator("body").inner_text()
        assert "上海市" not in body and "¥" not in body  # nothing about any debtor
        assert_fits_phone(page)
        screenshot(page, "verify-page")
        page.goto(url[:-4] + "abcd")
        expect(page.locator("#verify-unknown")).to_be_visible()
        screenshot(page, "verify-unknown")
    finally:
        debtor.close()
