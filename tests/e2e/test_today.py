"""The agent's Today page at phone size: the tomorrow tab, the offline route sketch, the navigation links."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_phone, at, login, screenshot

pytestmark = pytest.mark.e2e

TOMORROW = "2026-11-24"  # the e2e clock starts on Monday 2026-11-23 in Shanghai


def test_tomorrow_tab_map_view_and_nav_app(phone):
    login(phone, "agent1")
    phone.wait_for_url(at("/agent"))
    cards = phone.locator(".visit-card")
    expect(cards.first).to_be_visible()
    nav = phone.locator(".nav-link")
    expect(nav.first).to_have_attribute("href", re.compile(r"^https://uri\.amap\.com/marker\?position=121\.\d+,31\."))
    expect(nav.first).to_have_attribute("target", "_blank")

    # tomorrow: the same cards, for the next day
    phone.locator("#tab-tomorrow").click()
    expect(phone.get_by_text("明日走访")).to_be_visible()
    expect(phone.get_by_text(re.compile(TOMORROW))).to_be_visible()
    expect(phone.locator("#progress")).to_contain_text("共")
    expect(cards.first).to_be_visible()
    count = cards.count()
    assert count >= 3
    assert_fits_phone(phone)
    screenshot(phone, "agent-tomorrow")

    # the offline sketch: one numbered marker per stop, tapping one opens the dossier
    # a visit the planner left out is explained on its card and is no stop on the sketch
    planned = phone.locator('.visit-item:not([data-phase="not_planned"])').count()
    assert planned >= 3
    phone.locator("#view-map").click()
    expect(phone.locator("#route-map")).to_be_visible()
    pins = phone.locator(".map-pin")
    expect(pins).to_have_count(planned)
    expect(pins.first).to_have_text("1")
    box = phone.locator("#route-map").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert_fits_phone(phone)
    screenshot(phone, "agent-tomorrow-map")
    visit_id = pins.first.get_attribute("data-visit-id")
    pins.first.click()
    phone.wait_for_url(re.compile(rf".*/agent/visit/{visit_id}/?$"))
    expect(phone.locator("#dossier-name")).to_be_visible()
    phone.go_back()
    phone.wait_for_url(at("/agent"))
    expect(phone.locator("#route-map")).to_be_visible()  # the view and the tab are kept
    phone.locator("#view-list").click()
    expect(cards.first).to_be_visible()

    # the map app: chosen once, remembered on the server, used by every nav link
    phone.locator("#nav-app-select").select_option(label="百度地图")
    expect(nav.first).to_have_attribute(
        "href",
        re.compile(r"^https://api\.map\.baidu\.com/marker\?location=31\.\d+,121\.\d+&title=.+&coord_type=bd09ll"),
    )
    expect(phone.get_by_text("导航将使用百度地图")).to_be_visible()
    assert_fits_phone(phone)
    screenshot(phone, "agent-nav-baidu")
    phone.reload()
    expect(cards.first).to_be_visible()
    expect(phone.locator("#nav-app-select")).to_have_value("baidu")
    expect(nav.first).to_have_attribute("href", re.compile(r"^https://api\.map\.baidu\.com/"))

    phone.locator("#nav-app-select").select_option(label="谷歌地图")
    expect(nav.first).to_have_attribute("href", re.compile(r"^https://www\.google\.com/maps/search/\?api=1&query=31\."))
    phone.locator("#nav-app-select").select_option(label="高德地图")  # back to the default for other tests
    expect(nav.first).to_have_attribute("href", re.compile(r"^https://uri\.amap\.com/"))

    # English is longer: still no sideways scrolling (the toasts sit over the header for a moment)
    expect(phone.locator("[data-sonner-toast]")).to_have_count(0, timeout=10_000)
    phone.locator("#lang-switch").click()
    expect(phone.get_by_text("Tomorrow's visits")).to_be_visible()
    expect(nav.first).to_contain_text("Navigate")
    assert_fits_phone(phone)
    screenshot(phone, "agent-tomorrow-en")
    phone.locator("#view-map").click()
    expect(phone.locator("#route-map")).to_be_visible()
    assert_fits_phone(phone)
    phone.locator("#view-list").click()
    phone.locator("#tab-today").click()
    phone.locator("#lang-switch").click()  # back to Chinese for other tests
    expect(phone.get_by_text("今日走访")).to_be_visible()
