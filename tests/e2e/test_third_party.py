"""Asking a third party where an unreachable debtor is (issue 13.6), on the agent's phone: the section says
why it is not offered yet; once the debtor is unreachable, the agent texts a neighbour (the exact text shown
first), a second text to the same person is refused, and their "stop" is recorded. Both languages."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_phone, at, db_rows, login, screenshot
from tests.e2e.touch import assert_touch_targets
from visitapp.compliance.services import contact
from visitapp.core.db import session_scope
from visitapp.core.enums import Channel

pytestmark = pytest.mark.e2e
SH = ZoneInfo("Asia/Shanghai")


def _three_failed_calls(db_url: str, visit_id: int) -> None:
    (case_id, agent_id), *_ = db_rows(
        db_url,
        "select v.case_id, a.user_id from visit v join visit_agent a on a.visit_id = v.id where v.id = :v",
        v=visit_id,
    )
    with session_scope(db_url) as s:
        start = datetime(2026, 11, 17, 10, 0, tzinfo=SH)
        for i in range(3):
            o = contact.attempt(s, case_id=case_id, channel=Channel.CALL, actor_id=agent_id,
                                at=start + timedelta(days=i), target_ref="+8613800000001")  # fmt: skip
            assert o.permit is not None, o.decision
            contact.record_result(s, permit=o.permit, result="unanswered")


def test_agent_asks_a_neighbour_once_and_records_their_stop(phone, server):
    login(phone, "agent2")
    phone.wait_for_url(at("/agent"))
    phone.locator(".visit-card").last.click()
    phone.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
    visit_id = int(phone.url.rstrip("/").rsplit("/", 1)[-1])
    section = phone.locator("#third-party")
    expect(section.locator("#tp-not-yet")).to_contain_text("连续 3 次")  # not offered: the debtor is reachable
    _three_failed_calls(server.db_url, visit_id)
    phone.reload()
    expect(section.locator("#tp-preview")).to_be_visible()
    preview = section.locator("#tp-preview").inner_text()
    assert "欠" not in preview and "还款" not in preview  # nothing of the debt
    section.locator("#tp-send").click()
    expect(section.locator("#tp-problem-name")).to_be_visible()  # what is missing, by field
    section.locator("#tp-name").fill("李大姐")
    section.locator("#tp-relation").select_option("neighbour")
    section.locator("#tp-phone").fill("139 0000 1111")
    section.locator("#tp-send").click()
    expect(section.locator("#tp-result")).to_contain_text("已发送给 李大姐")
    expect(section.locator(".tp-person")).to_contain_text("李大姐（邻居）")
    section.scroll_into_view_if_needed()
    assert_fits_phone(phone)
    screenshot(phone, "third-party-sent")
    assert_touch_targets(phone)
    body = db_rows(server.db_url, "select body from message where to_number = '+8613900001111'")[0][0]
    assert body == preview  # sent as shown
    # the same person again: refused by the contact check, in words
    section.locator("#tp-name").fill("李阿姨")
    section.locator("#tp-phone").fill("13900001111")
    section.locator("#tp-send").click()
    expect(section.locator("#tp-result")).to_contain_text("已联系过一次")
    section.locator(".tp-stop").click()
    expect(section.locator(".tp-person")).to_contain_text("已要求不再联系")
    phone.locator("#lang-switch").click()
    expect(phone.locator("#third-party")).to_contain_text("Asked not to be contacted")
    expect(section.locator(".tp-person")).to_contain_text("李大姐 (Neighbour)")  # said again by the server
    expect(phone.locator("[data-sonner-toast]")).to_have_count(0)
    screenshot(phone, "third-party-stopped-en")
    phone.locator("#lang-switch").click()
    expect(phone.locator("#third-party")).to_contain_text("已要求不再联系")
