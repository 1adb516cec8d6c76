"""Dispatcher journeys: import with errors, an assignment conflict between two people, plan and publish,
the live board."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_phone, at, login, new_phone_context, screenshot

pytestmark = pytest.mark.e2e

HEADER = (
    "contract_no,debtor_name,phone,address,district,lat,lon,principal,agent_username,"
    "line1_due_date,line1_amount_due,line1_amount_paid\n"
)
GOOD = "E2E-0001,测试甲,13900001111,上海市静安区南京西路100号,静安区,31.2290,121.4550,5000,agent1,2026-08-01,1000,0\n"
BAD = "E2E-0002,测试乙,12345,上海市徐汇区漕溪北路1号,徐汇区,31.1900,121.4400,3000,agent1,2026-08-01,abc,0\n"
GOOD2 = "E2E-0003,测试丙,13900002222,上海市长宁区延安西路1号,长宁区,31.2100,121.4200,4000,agent1,2026-07-01,800,100\n"


def _upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    page.locator("#case-upload input[type=file]").set_input_files(str(path))


def test_import_names_every_bad_cell_and_imports_nothing_until_told(phone, tmp_path):
    login(phone, "dispatcher1")
    phone.wait_for_url(at("/dispatch"))
    phone.goto("/dispatch/import")
    _upload(phone, tmp_path, "cases.csv", GOOD + BAD + GOOD2)
    errors = phone.locator(".import-error")
    expect(errors.first).to_be_visible()
    text = " ".join(errors.all_inner_texts())
    assert "3" in text and "phone" in text and "line1_amount_due" in text  # line 3, both bad columns
    expect(phone.locator("#import-run")).to_be_disabled()
    assert_fits_phone(phone)
    screenshot(phone, "dispatcher-import-errors")
    # nothing was imported: the good contracts are not in the case list
    phone.goto("/dispatch")
    phone.locator("#filter-text").fill("测试")
    phone.get_by_role("button", name="搜索").click()
    expect(phone.locator(".empty-state")).to_be_visible()
    # now explicitly import only the good rows
    phone.goto("/dispatch/import")
    _upload(phone, tmp_path, "cases.csv", GOOD + BAD + GOOD2)
    phone.locator("#import-good").click()
    expect(phone.locator("#import-result")).to_contain_text("2")
    screenshot(phone, "dispatcher-import-done")
    phone.goto("/dispatch")
    phone.locator("#filter-text").fill("测试")
    phone.get_by_role("button", name="搜索").click()
    expect(phone.locator(".case-card")).to_have_count(2)
    # from the uploaded file to a published plan: schedule both for tomorrow afternoon, plan, publish
    for box in phone.locator(".case-card .case-check").all():
        box.click()
    phone.locator("#visit-day").fill("2026-11-24")
    phone.locator("#schedule-visits").click()
    expect(phone.locator("#case-message")).to_contain_text("已安排 2 个上门")
    phone.goto("/dispatch/plan")
    phone.locator("#plan-seconds").fill("2")
    phone.locator("#plan-run").click()
    expect(phone.locator("#plan-summary")).to_be_visible(timeout=60_000)
    page_text = phone.locator(".plan-team").first.inner_text() + " ".join(
        phone.locator(".plan-dropped").all_inner_texts()
    )
    assert "测试甲" in page_text and "测试丙" in page_text
    phone.locator("#plan-publish").click()
    expect(phone.locator("#plan-status")).to_have_text("已发布")


def test_second_person_assigning_the_same_case_is_told_not_overwritten(browser, server):
    a_ctx, b_ctx = new_phone_context(browser, server), new_phone_context(browser, server)
    a, b = a_ctx.new_page(), b_ctx.new_page()
    try:
        login(a, "dispatcher1")
        login(b, "supervisor1")
        a.wait_for_url(at("/dispatch"))
        b.wait_for_url(at("/dispatch"))
        for p in (a, b):
            p.locator("#filter-text").fill("测试甲")
            p.get_by_role("button", name="搜索").click()
            expect(p.locator(".case-card")).to_have_count(1)
        a.locator(".case-card .assign-trigger").first.click()
        a.get_by_role("option").nth(1).click()
        expect(a.locator("#case-message")).to_contain_text("已保存")
        b.locator(".case-card .assign-trigger").first.click()
        b.get_by_role("option").nth(2).click()
        message = b.locator("#case-message")
        expect(message).to_contain_text("王")  # the first dispatcher's name: 王静 in the demo
        screenshot(b, "dispatcher-assign-conflict")
    finally:
        a_ctx.close()
        b_ctx.close()


def test_plan_and_publish_tomorrow(phone):
    login(phone, "dispatcher1")
    phone.wait_for_url(at("/dispatch"))
    phone.goto("/dispatch/plan")
    expect(phone.locator("#plan-date")).to_have_value("2026-11-24")
    phone.locator("#plan-seconds").fill("2")
    phone.locator("#plan-run").click()
    expect(phone.locator("#plan-summary")).to_be_visible(timeout=60_000)
    expect(phone.locator(".plan-team")).to_have_count(2)
    assert phone.locator(".plan-stop").count() >= 10
    expect(phone.locator("#plan-status")).to_have_text("草稿")
    expect(phone.locator("#plan-map")).to_be_visible()
    screenshot(phone, "dispatcher-plan")
    phone.locator("#plan-publish").click()
    expect(phone.locator("#plan-status")).to_have_text("已发布")
    assert_fits_phone(phone)
    # reassign the first visit of the first team to the other team: both days are re-planned
    first_team = phone.locator(".plan-team").first
    moved_name = first_team.locator(".plan-stop").first.locator("td").nth(2).inner_text().strip()
    first_team.locator(".move-trigger").first.click()
    phone.get_by_role("option").first.click()
    expect(phone.get_by_text("已改派")).to_be_visible(timeout=30_000)
    # the visit now belongs to the second team: on its route, or left out of its (full) day with a reason
    second = phone.locator(".plan-team").nth(1)
    expect(second).to_be_visible()
    dropped_there = [t for t in phone.locator(".plan-dropped").all_inner_texts() if moved_name in t]
    assert moved_name in second.inner_text() or (dropped_there and "二队" in dropped_there[0])
    assert moved_name not in phone.locator(".plan-team").first.inner_text()
    assert_fits_phone(phone)
    screenshot(phone, "dispatcher-plan-moved")


def test_board_shows_each_team_and_refreshes_itself(phone):
    login(phone, "dispatcher2")
    phone.wait_for_url(at("/dispatch"))
    phone.goto("/dispatch/board")
    expect(phone.locator(".team-card")).to_have_count(2)
    first = phone.locator("#board-updated").inner_text()
    expect(phone.locator("#board-updated")).not_to_have_text(first, timeout=25_000)
    assert_fits_phone(phone)
    screenshot(phone, "dispatcher-board")
