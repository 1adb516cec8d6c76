"""A debtor's lawyer as the contact (issue 13.7) on the agent's phone: put on file from the dossier, after
which calling the debtor is refused with the reason and the lawyer is called instead; removed again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_phone, at, db_rows, login, screenshot
from tests.e2e.touch import assert_touch_targets

pytestmark = pytest.mark.e2e


def test_agent_puts_a_lawyer_on_file_and_calls_the_lawyer_instead(phone, server):
    login(phone, "agent5")
    phone.wait_for_url(at("/agent"))
    phone.locator(".visit-card").last.click()
    phone.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
    box = phone.locator("#lawyer")
    box.locator("#lawyer-name").fill("周律师")
    box.locator("#lawyer-firm").fill("上海明理律师事务所")
    box.locator("#lawyer-phone").fill("021 6123 456")  # one digit short
    box.locator("#lawyer-add").click()
    expect(box.locator("#lawyer-problem-phone")).to_be_visible()
    expect(box.locator("#lawyer-name")).to_have_value("周律师")  # nothing typed is lost
    box.locator("#lawyer-phone").fill("021 6123 4567")
    box.locator("#lawyer-add").click()
    expect(box.locator("#lawyer-on-file")).to_contain_text("周律师（上海明理律师事务所）")
    # the debtor is not called any more: the check says why
    phone.locator("#call-start").click()
    expect(phone.locator("#call-message")).to_contain_text("律师")
    expect(phone.locator("#call-dial")).to_have_count(0)
    # the lawyer is
    box.locator("#lawyer-call").click()
    expect(box.locator("#lawyer-dial")).to_have_attribute("href", "tel:+862161234567")
    box.scroll_into_view_if_needed()
    assert_fits_phone(phone)
    screenshot(phone, "lawyer-call")
    assert_touch_targets(phone)
    box.locator("#lawyer-connected").click()
    expect(box.locator("#lawyer-dial")).to_have_count(0)
    visit_id = int(phone.url.rstrip("/").rsplit("/", 1)[-1])
    [(target, result)] = db_rows(
        server.db_url,
        "select target, result from contact_ledger where target = 'lawyer' and details like :v",
        v=f'%"visit_id": {visit_id}%',
    )
    assert (target, result) == ("lawyer", "connected")
    phone.locator("#lang-switch").click()
    expect(box.locator("#lawyer-on-file")).to_contain_text("Lawyer on file")
    phone.locator("#lang-switch").click()
    box.locator("#lawyer-remove").click()
    expect(box.locator("#lawyer-add")).to_be_visible()
