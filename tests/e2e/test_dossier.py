"""An agent opens a visit's dossier (masked phone, audited reveal); another agent's visit id shows nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_phone, at, login, new_phone_context, screenshot

pytestmark = pytest.mark.e2e


def test_dossier_masks_phones_until_asked_and_a_foreign_visit_id_shows_nothing(phone, browser, server):
    login(phone, "agent1")
    phone.wait_for_url(at("/agent"))
    card = phone.locator(".visit-card").first
    name = card.locator("p").first.inner_text()  # first text in the card after the order number
    card.click()
    phone.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
    expect(phone.locator("#dossier-name")).to_be_visible()
    expect(phone.locator(".statement-line").first).to_be_visible()
    expect(phone.locator("#statement-totals")).to_contain_text("¥")
    expect(phone.locator("#dossier-phones")).to_contain_text("****")
    assert_fits_phone(phone)
    screenshot(phone, "agent-dossier")
    # the statement on a phone: every line says what it is, nothing runs off the screen
    lines = phone.locator(".statement-line")
    expect(phone.locator(".statement-line .line-kind")).to_have_count(lines.count())
    phone.locator("#statement-lines").scroll_into_view_if_needed()
    assert_fits_phone(phone)
    screenshot(phone, "agent-dossier-statement")
    phone.locator("#reveal-phone").click()
    # grouped for reading (187 2764 8924); the link dials the number as stored (E.164)
    revealed = phone.locator("#dossier-phones .phone").first
    expect(revealed).to_have_text(re.compile(r"^1\d{2} \d{4} \d{4}$"))
    expect(revealed).to_have_attribute("href", re.compile(r"^tel:\+861\d{10}$"))
    screenshot(phone, "agent-dossier-phone-revealed")
    assert name  # the card had a name
    # calls: the policy is asked before the number is given; three connected calls a day, then it says no
    for _ in range(3):
        phone.locator("#call-start").click()
        expect(phone.locator("#call-message")).to_contain_text("合规检查通过")
        expect(phone.locator("#call-dial")).to_have_attribute("href", re.compile(r"^tel:\+86\d{11}$"))
        expect(phone.locator("#call-dial")).to_have_text(re.compile(r"\d{3} \d{4} \d{4}"))
        phone.locator("#call-connected").click()
        expect(phone.locator("#call-dial")).to_have_count(0)
    phone.locator("#call-start").click()
    expect(phone.locator("#call-message")).to_contain_text("今天已接通 3 次电话")
    expect(phone.locator("#call-message")).to_contain_text("最早可于")
    screenshot(phone, "agent-call-blocked")

    other = new_phone_context(browser, server)
    try:
        page = other.new_page()
        login(page, "agent3")  # another team
        page.wait_for_url(at("/agent"))
        page.locator(".visit-card").first.click()
        page.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
        foreign = page.url
    finally:
        other.close()
    phone.goto(foreign)
    expect(phone.get_by_text("没有找到这个走访")).to_be_visible()
    expect(phone.locator("#dossier-name")).to_have_count(0)
    screenshot(phone, "agent-dossier-foreign")

    admin = new_phone_context(browser, server)
    try:
        page = admin.new_page()
        login(page, "admin", "admin1234")
        page.wait_for_url(at("/admin/audit"))  # admins land on the audit log
        page.goto("/admin/audit")
        page.locator("#audit-text").fill("dossier")
        page.locator("#audit-search").click()
        rows = page.locator(".audit-row")
        expect(rows.first).to_contain_text(re.compile(r"的档案|的电话号码"))  # in words: who, what, which case
        texts = " ".join(rows.all_inner_texts())
        assert "打开了 案件" in texts and "的档案" in texts and "dossier." not in texts
        assert re.search(r"查看了 案件 \d+ · \S+ 的电话号码", texts)
    finally:
        admin.close()
