"""Check-in with the phone's GPS: near passes; far needs a reason and is flagged; all through the policy."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_phone, at, login, new_phone_context, screenshot

pytestmark = pytest.mark.e2e


def _debtor_position(db_url: str, visit_id: int) -> tuple[float, float]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return tuple(
                conn.execute(
                    sa.text(
                        "SELECT d.lat, d.lon FROM visit v JOIN collection_case c ON c.id = v.case_id "
                        "JOIN debtor d ON d.id = c.debtor_id WHERE v.id = :i"
                    ),
                    {"i": visit_id},
                ).one()
            )
    finally:
        engine.dispose()


def _open_card(page, n: int) -> int:
    page.goto("/agent")
    page.locator(".visit-card").nth(n).click()
    page.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
    return int(page.url.rstrip("/").rsplit("/", 1)[-1])


def test_check_in_near_and_far(browser, server):
    ctx = new_phone_context(browser, server, permissions=["geolocation"], geolocation={"latitude": 0, "longitude": 0})
    page = ctx.new_page()
    try:
        login(page, "agent2")
        page.wait_for_url(at("/agent"))
        near_visit = _open_card(page, 1)
        lat, lon = _debtor_position(server.db_url, near_visit)
        ctx.set_geolocation({"latitude": lat + 0.0004, "longitude": lon, "accuracy": 15})
        page.locator("#checkin-start").click()
        expect(page.locator("#checkin-message")).to_contain_text("已签到，距离地址约")
        expect(page.locator("#checkout")).to_be_visible()
        assert_fits_phone(page)
        screenshot(page, "agent-checkin-near")
        page.locator("#checkout").click()
        expect(page.locator("#checkin-message")).to_contain_text("已签退")

        far_visit = _open_card(page, 2)
        lat, lon = _debtor_position(server.db_url, far_visit)
        ctx.set_geolocation({"latitude": lat + 0.01, "longitude": lon, "accuracy": 20})
        page.locator("#checkin-start").click()
        expect(page.locator("#checkin-message")).to_contain_text("请说明原因")
        page.locator("#checkin-reason").fill("小区封闭，在门口等候")
        page.locator("#checkin-anyway").click()
        expect(page.locator("#checkin-message")).to_contain_text("已标记给调度核查")
        screenshot(page, "agent-checkin-far")
    finally:
        ctx.close()


def test_distress_flag_pauses_the_case_and_shows_help(phone):
    login(phone, "agent6")
    phone.wait_for_url(at("/agent"))
    _open_card(phone, 0)
    phone.locator("#distress-open").click()
    phone.locator("#distress-confirm").click()
    expect(phone.locator("#support-text")).to_contain_text("400-161-9995")
    screenshot(phone, "agent-distress")
    # the case is paused now: the policy refuses a call
    phone.locator("#call-start").click()
    expect(phone.locator("#call-message")).to_contain_text("案件已暂停")
