"""One journey per role at phone size, plus the guards, the language switch and installability."""

from __future__ import annotations

import tempfile

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    assert_fits_phone,
    at,
    login,
    new_phone_context,
    screenshot,
)

pytestmark = pytest.mark.e2e


def test_login_failure_says_why_and_stays_on_login(phone):
    login(phone, "agent1", "wrong-password")
    expect(phone.locator("#login-error")).to_contain_text("用户名或密码错误")
    expect(phone).to_have_url(at("/login"))
    screenshot(phone, "login-error")
    assert_fits_phone(phone)


def test_agent_sees_todays_visits_from_the_database_and_survives_reload(phone):
    login(phone, "agent1")
    phone.wait_for_url(at("/agent"))
    cards = phone.locator(".visit-card")
    expect(cards.first).to_be_visible()
    count = cards.count()
    assert 5 <= count <= 15
    first = cards.first
    expect(first).to_contain_text("上海市")  # the address
    expect(first).to_contain_text("–")  # the window, e.g. 09:00–11:00
    expect(phone.locator("#progress")).to_contain_text(f"/ {count}")
    expect(phone.locator("#user-name")).to_be_visible()
    assert_fits_phone(phone)
    screenshot(phone, "agent-today")
    phone.reload()
    expect(phone.locator(".visit-card").first).to_be_visible()
    expect(phone).to_have_url(at("/agent"))


def test_agent_who_opens_a_dispatcher_page_is_sent_away(phone):
    login(phone, "agent2")
    phone.wait_for_url(at("/agent"))
    phone.goto("/dispatch")
    phone.wait_for_url(at("/agent"))
    expect(phone.get_by_text("您的账户无权访问该页面")).to_be_visible()
    expect(phone.locator(".case-card")).to_have_count(0)


def test_signed_out_visitor_is_sent_to_login(phone):
    phone.goto("/agent")
    phone.wait_for_url(at("/login"))
    expect(phone.locator("#username")).to_be_visible()


def test_dispatcher_sees_the_case_list_and_pages_through_it(phone):
    login(phone, "dispatcher1")
    phone.wait_for_url(at("/dispatch"))
    cards = phone.locator(".case-card")
    expect(cards.first).to_be_visible()
    assert cards.count() == 25
    expect(cards.first).to_contain_text("****")  # phones are masked
    label = phone.locator("#page-label")
    expect(label).to_contain_text("第 1 /")
    assert_fits_phone(phone)
    screenshot(phone, "dispatcher-cases-phone")
    phone.locator("#next-page").click()
    expect(label).to_contain_text("第 2 /")
    phone.set_viewport_size({"width": 1024, "height": 768})
    expect(phone.locator(".case-row").first).to_be_visible()
    screenshot(phone, "dispatcher-cases-tablet")


def test_language_switch_is_one_tap_and_remembered_for_the_user(browser, server):
    ctx = new_phone_context(browser, server)
    page = ctx.new_page()
    login(page, "agent8")
    page.wait_for_url(at("/agent"))
    expect(page.get_by_text("今日走访")).to_be_visible()
    page.locator("#lang-switch").click()
    expect(page.get_by_text("Today's visits")).to_be_visible()
    expect(page.locator("#progress")).to_contain_text("done")
    screenshot(page, "agent-today-en")
    page.locator("#logout").click()
    page.wait_for_url(at("/login"))
    ctx.close()
    # a fresh browser (no local storage): the user's choice comes back at login
    ctx = new_phone_context(browser, server)
    page = ctx.new_page()
    login(page, "agent8")
    page.wait_for_url(at("/agent"))
    expect(page.get_by_text("Today's visits")).to_be_visible()
    page.locator("#lang-switch").click()  # back to Chinese for other runs
    expect(page.get_by_text("今日走访")).to_be_visible()
    ctx.close()


def test_logout_ends_the_session(phone):
    login(phone, "agent3")
    phone.wait_for_url(at("/agent"))
    phone.locator("#logout").click()
    phone.wait_for_url(at("/login"))
    phone.goto("/agent")
    phone.wait_for_url(at("/login"))


def test_chromium_reports_the_app_installable_and_offline_page_works(pw, server):
    # a persistent profile: Chromium reports incognito contexts as "not installable"
    ctx = pw.chromium.launch_persistent_context(
        tempfile.mkdtemp(prefix="visitapp-pwa-"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        viewport=PHONE,
        base_url=server.base_url,
    )
    try:
        page = ctx.new_page()
        page.goto("/login")
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)
        cdp = ctx.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
        assert cdp.send("Page.getAppManifest")["errors"] == []
        ctx.set_offline(True)
        page.goto("/dispatch")
        expect(page.get_by_text("Retry")).to_be_visible()
        screenshot(page, "offline-fallback")
        # an agent's page offline is the day kept on the phone; nobody signed in here: none is kept
        # (a new tab: offline, Chromium keeps the first offline page on a second goto in the same tab)
        agent = ctx.new_page()
        agent.goto("/agent")
        expect(agent.locator("#day-none")).to_be_visible()
    finally:
        ctx.close()
