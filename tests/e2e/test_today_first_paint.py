"""Today at the first paint, drawn by the phone from the day it keeps (field/ui/first_day.py), at 390x844:
the cards are there before the page's scripts, in the user's language, with working navigation links; the
page takes their place once it has its state; and the next user of the phone never sees the last one's."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_fits_phone, at, login, new_phone_context, phone_in_english, screenshot

pytestmark = pytest.mark.e2e

SCRIPTS = "**/assets/*.js"


def _abort(route) -> None:
    route.abort()


def _kept_day_shown(page: Page, username: str) -> list[str]:
    """Sign in, let the page keep the day, and return the names on the live Today."""
    login(page, username)
    page.wait_for_url(at("/agent"))
    expect(page.locator(".visit-item").first).to_be_visible()
    page.wait_for_function("localStorage.getItem('visitapp_day') !== null")
    return page.locator("#visit-list .visit-name").all_inner_texts()


def _drawn_without_scripts(page: Page) -> None:
    page.route(SCRIPTS, _abort)
    page.reload()


def test_today_is_drawn_from_the_kept_day_until_the_page_has_its_state(browser, server):
    # no service worker: it would serve the scripts from its cache, past the blocked route
    ctx = new_phone_context(browser, server, service_workers="block")
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        live = _kept_day_shown(page, "agent3")
        assert live, "the demo gives agent3 visits today"

        _drawn_without_scripts(page)
        drawn = page.locator(".first-day .visit-item")
        expect(drawn).to_have_count(len(live))
        assert page.locator(".first-day .visit-name").all_inner_texts() == live
        expect(page.locator(".first-day")).to_contain_text("本机保存的行程")
        expect(page.locator("body > .radix-themes:not(.first-day)")).to_be_hidden()  # the page waits behind it
        nav = page.locator(".first-day .nav-link").first
        assert (nav.get_attribute("href") or "").startswith("https://uri.amap.com/marker?position=")
        box = nav.bounding_box()
        assert box is not None and box["height"] >= 44  # a thumb's target, as on the page
        assert_fits_phone(page)
        screenshot(page, "agent-today-first-paint")

        # in English when the phone is in English
        with phone_in_english(page):
            expect(page.locator(".first-day h1")).to_have_text("Today's visits")
            expect(page.locator(".first-day")).to_contain_text("The day kept on this phone")
            screenshot(page, "agent-today-first-paint-en")

        # with its scripts the page takes the first paint's place, and it leaves the document
        page.unroute(SCRIPTS)
        page.reload()
        expect(page.locator(".today-ready")).to_be_attached()
        expect(page.locator(".first-day")).to_have_count(0)
        expect(page.locator("#visit-list .visit-item")).to_have_count(len(live))
        expect(page.locator("#day-tabs")).to_be_visible()

        # the next user of this phone: nothing of agent3's day, drawn or kept
        page.locator("#logout").click()
        page.wait_for_url(at("/login"))
        assert page.evaluate("localStorage.getItem('visitapp_day')") is None
        page.route(SCRIPTS, _abort)
        page.goto("/agent")
        expect(page.locator(".first-day")).to_have_count(0)
        for name in live:
            expect(page.get_by_text(name)).to_have_count(0)
        page.unroute(SCRIPTS)
        page.goto("/login")
        theirs = _kept_day_shown(page, "agent7")  # another team (agent4 shares agent3's visits)
        _drawn_without_scripts(page)
        expect(page.locator(".first-day .visit-item")).to_have_count(len(theirs))
        assert page.locator(".first-day .visit-name").all_inner_texts() == theirs
        assert not set(live) & set(theirs)
        screenshot(page, "agent-today-first-paint-next-user")
    finally:
        ctx.close()
