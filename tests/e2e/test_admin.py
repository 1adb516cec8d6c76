"""Administrator and supervisor journeys: the compliance policy, the audit log, the contact ledger."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_phone, at, login, screenshot

pytestmark = pytest.mark.e2e


def test_admin_edits_the_policy_with_validation_and_tries_the_rules(phone):
    login(phone, "admin", "admin1234")
    phone.wait_for_url(at("/admin/audit"))  # admins land on the audit log
    phone.locator("#staff-nav").get_by_text("合规设置").click()
    phone.wait_for_url(at("/admin/policy"))
    start = phone.locator("#policy-contact_start")
    expect(start).to_have_value("08:00")
    # a start after the end is refused with a clear message, and nothing is saved
    start.fill("23:00")
    phone.locator("#policy-save").click()
    expect(phone.locator("#policy-error")).to_contain_text("未保存")
    expect(phone.get_by_text("允许联系的开始时间必须早于结束时间。")).to_be_visible()
    screenshot(phone, "admin-policy-error")
    phone.reload()
    expect(phone.locator("#policy-contact_start")).to_have_value("08:00")
    # a valid change is saved and shown again after a reload
    phone.locator("#policy-sms_per_day").fill("1")
    phone.locator("#policy-save").click()
    expect(phone.get_by_text("已保存。")).to_be_visible()
    phone.reload()
    expect(phone.locator("#policy-sms_per_day")).to_have_value("1")
    phone.locator("#policy-sms_per_day").fill("2")
    phone.locator("#policy-save").click()
    expect(phone.get_by_text("已保存。").first).to_be_visible()
    # the dry run says why and when: 23:30 on a Monday is in the quiet hours
    phone.locator("#check-when").fill("2026-11-23T23:30")
    phone.locator("#check-run").click()
    result = phone.locator("#check-result")
    expect(result).to_contain_text("仅可在 08:00–22:00")
    expect(result).to_contain_text("最早可于 2026-11-24 09:00")  # next visit slot
    assert_fits_phone(phone)
    screenshot(phone, "admin-policy-check")


def test_admin_searches_the_audit_log_and_sees_the_policy_change(phone):
    login(phone, "admin", "admin1234")
    phone.wait_for_url(at("/admin/audit"))  # admins land on the audit log
    phone.goto("/admin/audit")
    expect(phone.locator(".audit-row").first).to_be_visible()
    phone.locator("#audit-action").click()
    phone.get_by_role("option", name="修改合规策略").click()
    rows = phone.locator(".audit-row")
    expect(rows.first).to_contain_text("修改了合规策略")
    expect(rows.first).to_contain_text("短信 / 天: 1 → 2")  # the last change, newest first, in words
    assert "policy.update" not in " ".join(rows.all_inner_texts())
    assert_fits_phone(phone)
    screenshot(phone, "admin-audit")
    # the case filter: a case number finds every entry about it; letters are refused with the reason
    phone.locator("#audit-action").click()
    phone.get_by_role("option", name="所有操作").click()
    phone.locator("#audit-case").fill("9x")
    phone.locator("#audit-search").click()
    expect(phone.locator("#audit-error")).to_contain_text("不是案件编号")
    phone.locator("#audit-clear").click()
    expect(phone.locator("#audit-error")).to_have_count(0)
    with phone.expect_download() as download:
        phone.locator("#audit-export").click()
    data = download.value.path().read_text(encoding="utf-8-sig")
    assert data.startswith("时间,人员,操作") and "修改了合规策略" in data
    # in English the same entries read in English
    expect(phone.locator("[data-sonner-toast]")).to_contain_text("已导出")
    phone.locator("#lang-switch").click()
    expect(phone.locator("[data-sonner-toast]")).to_have_count(0)  # no toast stays in the old language
    expect(phone.locator(".audit-row").first).to_contain_text("changed the app language")  # logged too
    expect(phone.locator(".audit-row").nth(1)).to_contain_text("exported the audit log")
    screenshot(phone, "admin-audit-en")
    phone.locator("#lang-switch").click()  # the admin's language is kept on the account: back to Chinese
    expect(phone.locator(".audit-row").nth(2)).to_contain_text("导出了审计日志")


def test_supervisor_reads_the_contact_ledger_with_blocked_attempts_and_reasons(phone):
    login(phone, "supervisor1")
    phone.wait_for_url(at("/dispatch"))
    phone.goto("/admin/ledger")
    expect(phone.locator(".ledger-row").first).to_be_visible()
    phone.locator("#ledger-decision").click()
    phone.get_by_role("option", name="拦截").click()
    blocked = phone.locator(".ledger-row")
    expect(blocked.first).to_contain_text("拦截")
    texts = blocked.all_inner_texts()
    assert all("拦截" in t for t in texts)
    assert any("已接通" in t for t in texts)  # the demo's blocked calls name the cap that was hit
    assert_fits_phone(phone)
    screenshot(phone, "supervisor-ledger-blocked")


def test_dispatcher_cannot_open_admin_pages(phone):
    login(phone, "dispatcher2")
    phone.wait_for_url(at("/dispatch"))
    phone.goto("/admin/policy")
    phone.wait_for_url(at("/dispatch"))
    expect(phone.get_by_text("您的账户无权访问该页面")).to_be_visible()
    expect(phone.locator("#policy-save")).to_have_count(0)
