"""SMS templates and the outbox: an admin's edit that mentions a debt is refused with the words named, a
good edit saves, an agent's notice uses it, and the admin reads that message in the outbox."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_fits_phone, at, db_rows, login, new_phone_context, screenshot

pytestmark = pytest.mark.e2e

GOOD = (
    "【{company}】E2E版：外访专员{agent}（工号{badge}）拟于{date}（{weekday}）{start}-{end}上门拜访，"
    "确认、改期或核实身份请点击 {link} 回复TD退订"
)
BAD = GOOD.replace("上门拜访，", "上门拜访，商谈欠款500元，")


def _agent_sends_a_notice(browser, server) -> str:
    ctx = new_phone_context(browser, server)
    try:
        page = ctx.new_page()
        page.set_default_timeout(20_000)
        login(page, "agent5")
        page.wait_for_url(at("/agent"))
        # the day's last visit not confirmed yet (a confirmed one needs no notice; test_debtor_link takes the
        # first ones)
        ((visit_id,),) = db_rows(
            server.db_url,
            'SELECT v.id FROM visit v JOIN visit_agent va ON va.visit_id = v.id JOIN "user" u ON u.id = va.user_id '
            "WHERE u.username='agent5' AND v.visit_date='2026-11-23' AND v.status='planned' "
            "AND v.confirmation IN ('proposed', 'notified') ORDER BY v.route_order DESC LIMIT 1",
        )
        page.goto(f"/agent/visit/{visit_id}")
        page.locator("#notice-send").click()
        expect(page.locator("#notice-message")).to_contain_text("通知短信已存入发件箱")
        text = page.locator("#notice-text").inner_text()
        assert text.startswith("【") and "E2E版" in text and "欠" not in text
        return text
    finally:
        ctx.close()


def test_admin_edits_a_template_and_reads_the_outbox(phone: Page, browser, server):
    login(phone, "admin", "admin1234")
    phone.wait_for_url(at("/admin/audit"))  # admins land on the audit log
    phone.locator("#staff-nav").get_by_text("短信模板").click()
    phone.wait_for_url(at("/admin/templates"))
    expect(phone.locator("#tpl-meta")).to_have_text("默认文本")
    expect(phone.locator("#tpl-ok")).to_be_visible()
    expect(phone.locator("#tpl-preview")).to_contain_text("安信资产管理有限公司")
    assert_fits_phone(phone)
    screenshot(phone, "admin-templates")

    # a text that mentions the debt: the check names the words as one types, and saving is refused
    phone.locator("#tpl-body").fill(BAD)
    expect(phone.locator("#tpl-problems")).to_contain_text("不能提及欠款、金额或账户：欠、500元")
    phone.locator("#tpl-save").click()
    expect(phone.locator("#tpl-error")).to_contain_text("模板未保存")
    expect(phone.locator("#tpl-meta")).to_have_text("默认文本")
    assert_fits_phone(phone)
    phone.locator("#tpl-problems").scroll_into_view_if_needed()
    screenshot(phone, "admin-templates-refused")

    # a good edit saves as version 1; the preview is filled with sample values
    phone.locator("#tpl-body").fill(GOOD)
    expect(phone.locator("#tpl-ok")).to_be_visible()
    expect(phone.locator("#tpl-preview")).to_contain_text("E2E版：外访专员欧阳晓明")
    phone.locator("#tpl-save").click()
    expect(phone.get_by_text("模板已保存。").first).to_be_visible()
    expect(phone.locator("#tpl-meta")).to_contain_text("第 1 版")
    expect(phone.locator("#tpl-reset")).to_be_enabled()

    # the English template is separate and still the default
    phone.locator("#tpl-lang").click()
    phone.get_by_role("option", name="英文", exact=True).click()
    expect(phone.locator("#tpl-body")).to_have_value(re.compile(r"^\[\{company\}\] Hello"))
    expect(phone.locator("#tpl-meta")).to_have_text("默认文本")

    text = _agent_sends_a_notice(browser, server)

    # the outbox shows the message just sent, its number masked, and the demo's other messages
    phone.locator("#staff-nav").get_by_text("短信发件箱").click()
    phone.wait_for_url(at("/admin/sms"))
    first = phone.locator(".outbox-row").first
    expect(first.locator(".outbox-body")).to_have_text(text)
    expect(first.locator(".outbox-status")).to_have_text("发件箱")
    assert re.fullmatch(r"\d{3}\*{4}\d{4}", first.locator(".outbox-phone").inner_text())
    expect(phone.locator("#outbox-count")).to_contain_text("共")
    assert_fits_phone(phone)
    screenshot(phone, "admin-sms-outbox")
    phone.locator("#outbox-status").click()
    phone.get_by_role("option", name="失败", exact=True).click()
    expect(phone.locator(".outbox-row")).to_have_count(0)
    expect(phone.locator(".empty-state")).to_be_visible()

    # back to the shipped text, so other tests' notices read as usual
    phone.goto("/admin/templates")
    expect(phone.locator("#tpl-meta")).to_have_text("默认文本")  # the English one: the page keeps the choice
    phone.locator("#tpl-lang").click()
    phone.get_by_role("option", name="中文", exact=True).click()
    expect(phone.locator("#tpl-meta")).to_contain_text("第 1 版")
    phone.locator("#tpl-reset").click()
    expect(phone.locator("#tpl-meta")).to_have_text("默认文本")
    expect(phone.locator("#tpl-body")).not_to_have_value(re.compile("E2E版"))
