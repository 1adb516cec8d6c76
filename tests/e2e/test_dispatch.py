"""Dispatcher journeys: import with errors, an assignment conflict between two people, plan and publish,
the live board."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect
from sqlmodel import select

from tests.e2e.conftest import assert_fits_phone, at, db_rows, login, new_desk_context, new_phone_context, screenshot
from visitapp.core import auth, clock
from visitapp.core.db import session_scope
from visitapp.core.models import Team, User
from visitapp.planning.services import shifts

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


def _search(page, text: str) -> None:
    """Search the case list for `text`, once the page has shown its list: coming back to the page puts the
    search in force back into the box, and typing while that happens can add to it ("测试测试", seen in CI)."""
    shown = page.locator(".case-card:visible, .case-row:visible, .empty-state:visible")  # cards on a phone
    expect(shown.first).to_be_visible(timeout=20_000)
    box = page.locator("#filter-text")
    box.fill(text)
    expect(box).to_have_value(text)
    page.get_by_role("button", name="搜索", exact=True).click()
    expect(page.locator(".filter-chip", has_text=text)).to_be_visible()


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
    _search(phone, "测试")
    expect(phone.locator(".empty-state")).to_be_visible()
    # now explicitly import only the good rows
    phone.goto("/dispatch/import")  # the first file is still there, with its preview
    _upload(phone, tmp_path, "cases-again.csv", GOOD + BAD + GOOD2)
    # the new file replaces it at once: its name shows, and its buttons come once it is checked
    expect(phone.get_by_text("cases-again.csv", exact=True)).to_be_visible()
    phone.locator("#import-good").click()
    expect(phone.locator("#import-result")).to_contain_text("2")
    screenshot(phone, "dispatcher-import-done")
    phone.goto("/dispatch")
    _search(phone, "测试")
    expect(phone.locator(".case-card")).to_have_count(2)
    # from the uploaded file to a published plan: schedule both for tomorrow afternoon, plan, publish
    for box in phone.locator(".case-card .case-check").all():
        box.click()
    expect(phone.locator("#bulk-assign")).to_contain_text("2")  # both ticks reached the server
    phone.locator("#visit-day").fill("2026-11-24")
    phone.locator("#schedule-visits").click()
    expect(phone.locator("#case-message")).to_contain_text("已安排 2 个上门")
    phone.goto("/dispatch/plan")
    _plan(phone)
    page_text = phone.locator(".plan-team").first.inner_text() + " ".join(
        phone.locator(".plan-dropped").all_inner_texts()
    )
    assert "测试甲" in page_text and "测试丙" in page_text
    phone.locator("#plan-publish").click()
    expect(phone.locator("#plan-status")).to_have_text(
        "已发布", timeout=30_000
    )  # publishing checks and queues each notice


def test_second_person_assigning_the_same_case_is_told_not_overwritten(browser, server):
    a_ctx, b_ctx = new_phone_context(browser, server), new_phone_context(browser, server)
    a, b = a_ctx.new_page(), b_ctx.new_page()
    try:
        login(a, "dispatcher1")
        login(b, "supervisor1")
        a.wait_for_url(at("/dispatch"))
        b.wait_for_url(at("/dispatch"))
        for p in (a, b):
            _search(p, "测试甲")
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
    _plan(phone)
    expect(phone.locator(".plan-team")).to_have_count(2)
    assert phone.locator(".plan-stop").count() >= 10
    expect(phone.locator("#plan-status")).to_have_text("草稿")
    expect(phone.locator("#plan-map")).to_be_visible()
    screenshot(phone, "dispatcher-plan")
    phone.locator("#plan-publish").click()
    expect(phone.locator("#plan-status")).to_have_text(
        "已发布", timeout=30_000
    )  # publishing checks and queues each notice
    assert_fits_phone(phone)
    # reassign the first visit of the first team to the other team: both days are re-planned
    first_team = phone.locator(".plan-team").first
    moved_name = first_team.locator(".plan-stop").first.locator("td").nth(2).inner_text().strip()
    first_team.locator(".move-trigger").first.click()
    phone.get_by_role("option").first.click()
    expect(phone.locator("#plan-move-message")).to_contain_text("已改派给徐汇二队", timeout=30_000)
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


# --- at the dispatcher's size (1280x800) and on a tablet (1024x768, touch)


TABLET = {"width": 1024, "height": 768}


@pytest.fixture
def desk(browser, server):
    ctx = new_desk_context(browser, server)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    yield page
    ctx.close()


@pytest.fixture
def tablet(browser, server):
    ctx = new_phone_context(browser, server, viewport=TABLET)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    yield page
    ctx.close()


def _small_targets(page, selector: str) -> list[str]:
    """The visible elements matching `selector` that are smaller than 44 x 44 px, described."""
    return page.locator(selector).evaluate_all(
        """els => els.filter(e => e.offsetParent !== null).map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width < 44 || r.height < 44)
            .map(([e, r]) => `${e.tagName}.${e.className} "${e.innerText.slice(0, 20)}" ${r.width}x${r.height}`)"""
    )


TAPPED = (
    ".rt-Button, .rt-SelectTrigger, .rt-TextFieldRoot, #staff-nav a, .touch-check, .filter-chip, "
    "button:not(.rt-CheckboxRoot)"
)


def _total(page) -> int:
    return int(re.search(r"共 (\d+) 条", page.locator("#page-label").inner_text()).group(1))


def test_case_filters_show_what_filters_the_list_as_chips(desk):
    login(desk, "dispatcher1")
    desk.wait_for_url(at("/dispatch"))
    expect(desk.locator(".case-row").first).to_be_visible()
    everything = _total(desk)
    box = desk.locator("#filter-text")

    box.fill("王")
    desk.get_by_role("button", name="搜索", exact=True).click()
    chip = desk.locator(".filter-chip", has_text="搜索：王")
    expect(chip).to_be_visible()
    expect(desk.locator("#page-label")).not_to_contain_text(f"共 {everything} 条")
    some = _total(desk)
    assert 0 < some < everything

    # clear filters: the whole list, and an empty box (it used to keep "王")
    desk.locator("#filter-clear").click()
    expect(desk.locator("#page-label")).to_contain_text(f"共 {everything} 条")
    expect(box).to_have_value("")
    expect(desk.locator(".filter-chip")).to_have_count(0)

    # search again, leave for the plan page and come back: the box and the chip still say what filters
    box.fill("王")
    box.press("Enter")
    expect(chip).to_be_visible()
    desk.locator("#staff-nav").get_by_text("排线", exact=True).click()
    desk.wait_for_url(at("/dispatch/plan"))
    desk.locator("#staff-nav").get_by_text("案件", exact=True).click()
    desk.wait_for_url(at("/dispatch"))
    expect(desk.locator("#page-label")).to_contain_text(f"共 {some} 条")
    expect(box).to_have_value("王")
    expect(chip).to_be_visible()
    desk.reload()
    expect(desk.locator("#page-label")).to_contain_text(f"共 {some} 条")
    expect(box).to_have_value("王")
    expect(chip).to_be_visible()

    # a chosen filter shows its label, not only its value
    desk.locator("#filter-segment").click()
    desk.get_by_role("option", name="B", exact=True).click()
    expect(desk.locator(".filter-chip", has_text="分层：B")).to_be_visible()
    expect(desk.locator("#filter-segment")).to_have_text("分层: B")  # the select says what it is, too
    desk.locator("#filter-status").click()
    desk.get_by_role("option", name="已暂停", exact=True).click()
    expect(desk.locator(".filter-chip", has_text="状态：已暂停")).to_be_visible()
    screenshot(desk, "dispatcher-case-filter-chips")
    # a chip's tap removes that filter, and its control shows it
    desk.locator(".filter-chip", has_text="状态：已暂停").click()
    expect(desk.locator(".filter-chip", has_text="状态：")).to_have_count(0)
    expect(desk.locator("#filter-status")).to_contain_text("全部")
    chip.click()
    expect(box).to_have_value("")
    expect(desk.locator(".filter-chip")).to_have_count(1)
    # typing without pressing search also filters, once the box is left
    box.fill("王")
    desk.locator("#filter-segment").click()
    desk.keyboard.press("Escape")
    expect(chip).to_be_visible()
    desk.locator("#filter-clear").click()
    expect(desk.locator("#page-label")).to_contain_text(f"共 {everything} 条")
    expect(box).to_have_value("")


def test_case_list_and_plan_page_touch_targets_on_a_tablet(tablet):
    login(tablet, "dispatcher1")
    tablet.wait_for_url(at("/dispatch"))
    expect(tablet.locator(".case-row").first).to_be_visible()
    tablet.locator("#filter-text").fill("王")
    tablet.locator("#filter-text").press("Enter")
    expect(tablet.locator(".filter-chip")).to_be_visible()
    assert _small_targets(tablet, TAPPED) == []
    assert_fits_phone(tablet)
    screenshot(tablet, "dispatcher-cases-tablet")
    tablet.locator("#filter-clear").click()
    tablet.goto("/dispatch/plan")
    expect(tablet.locator(".plan-team-check").first).to_be_visible()
    assert _small_targets(tablet, TAPPED) == []
    screenshot(tablet, "dispatcher-plan-tablet")
    tablet.goto("/dispatch/board")
    expect(tablet.locator(".team-card").first).to_be_visible()
    assert _small_targets(tablet, TAPPED) == []


def test_reassigning_a_case_to_its_own_agent_says_so_and_writes_nothing(desk, server):
    login(desk, "dispatcher1")
    desk.wait_for_url(at("/dispatch"))
    case_id, name, agent = db_rows(
        server.db_url,
        "SELECT c.id, d.name, u.display_name FROM collection_case c JOIN debtor d ON d.id = c.debtor_id "
        "JOIN \"user\" u ON u.id = c.agent_id WHERE u.username = 'agent2' AND c.status = 'open' "
        "ORDER BY c.id LIMIT 1",
    )[0]
    before = db_rows(server.db_url, "SELECT version FROM collection_case WHERE id=:i", i=case_id)
    audits = db_rows(server.db_url, "SELECT count(*) FROM audit_log WHERE action='case.assign'")
    desk.locator("#filter-text").fill(name)
    desk.locator("#filter-text").press("Enter")
    row = desk.locator(".case-row", has_text=name).first
    expect(row).to_be_visible()
    expect(row.locator(".assign-trigger")).to_contain_text(agent)
    # in bulk: tick it, choose its own agent, assign
    row.locator(".case-check").click()
    desk.locator("#bulk-agent").click()
    desk.get_by_role("option", name=agent, exact=True).click()
    desk.locator("#bulk-assign").click()
    expect(desk.locator("#case-message")).to_contain_text(f"本来就分配给 {agent}，未作更改")
    # one by one: the row's select, the same agent again
    row.locator(".assign-trigger").click()
    desk.get_by_role("option", name=agent, exact=True).click()
    desk.wait_for_timeout(500)
    message = desk.locator("#case-message").inner_text()
    assert "已保存" not in message
    screenshot(desk, "dispatcher-assign-same-agent")
    assert db_rows(server.db_url, "SELECT version FROM collection_case WHERE id=:i", i=case_id) == before
    assert db_rows(server.db_url, "SELECT count(*) FROM audit_log WHERE action='case.assign'") == audits


def _set_evening(server, day: str, on: bool) -> None:
    """Give 静安一队 its demo evening shift on `day`, or take it away (through the service, as dispatcher1)."""
    with session_scope(server.db_url) as s:
        me = auth.identity_of(s.exec(select(User).where(User.username == "dispatcher1")).one())
        team = s.exec(select(Team).where(Team.name == "静安一队")).one()
        when = date.fromisoformat(day)
        if on:
            hours = {"start": time(12), "end": time(21), "lunch_start": time(17), "lunch_minutes": 60}
            shifts.set_team_shift(s, actor=me, team_id=team.id, day=when, **hours)
        else:
            shifts.clear_team_shift(s, actor=me, team_id=team.id, day=when)


def _evening_appointments(server, day: str) -> list[tuple[int, str]]:
    return db_rows(
        server.db_url,
        "SELECT v.id, d.name FROM visit v JOIN collection_case c ON c.id = v.case_id "
        "JOIN debtor d ON d.id = c.debtor_id JOIN team t ON t.id = v.team_id "
        "WHERE v.visit_date = :day AND v.window_start LIKE '19:00%' AND v.hard_window AND v.status = 'planned' "
        "AND t.name IN ('静安一队', '徐汇二队') ORDER BY v.id",
        day=day,
    )


def _plan(page) -> None:
    page.locator("#plan-seconds").fill("2")
    page.locator("#plan-run").click()
    # this run's result, not the last one's: the solver runs its 2 s, then its progress goes
    expect(page.locator("#plan-progress")).to_be_visible(timeout=10_000)
    expect(page.locator("#plan-progress")).to_have_count(0, timeout=60_000)
    expect(page.locator("#plan-summary")).to_be_visible(timeout=60_000)
    expect(page.locator("#plan-status")).to_have_text("草稿", timeout=60_000)


def test_evening_appointments_are_planned_on_an_evening_shift_and_told_before_solving(desk, server):
    day = "2026-11-24"
    appointments = _evening_appointments(server, day)
    assert appointments, "the demo has confirmed evening appointments tomorrow"
    visit_id, name = appointments[0]
    login(desk, "dispatcher1")
    desk.wait_for_url(at("/dispatch"))
    desk.goto("/dispatch/plan")
    expect(desk.locator("#plan-date")).to_have_value(day)
    checks = desk.locator(".plan-team-check")
    expect(checks.filter(has_text="静安一队")).to_contain_text("12:00–21:00")  # the demo's evening shift
    expect(checks.filter(has_text="徐汇二队")).to_contain_text("09:00–18:00")
    expect(desk.locator("#plan-uncovered")).to_have_count(0)
    try:
        # without the evening shift: said before solving, with the debtor masked, and left out "no shift"
        _set_evening(server, day, on=False)
        desk.reload()
        expect(desk.locator("#plan-uncovered")).to_be_visible()
        line = desk.locator(".plan-uncovered").first
        expect(line).to_contain_text(name[0] + "*" * (len(name) - 1))
        expect(line).to_contain_text("19:00–21:00")
        assert name not in desk.locator("#plan-uncovered").inner_text()
        screenshot(desk, "dispatcher-plan-uncovered")
        _plan(desk)
        expect(desk.locator(".plan-dropped", has_text=name)).to_contain_text("该时段不在所排小组的班次内")
    finally:
        _set_evening(server, day, on=True)
    desk.reload()
    expect(desk.locator("#plan-uncovered")).to_have_count(0)
    _plan(desk)
    evening_team = desk.locator(".plan-team", has_text="静安一队")
    stop = evening_team.locator(".plan-stop", has_text=name)
    expect(stop).to_be_visible()
    eta = stop.locator("td").nth(1).inner_text().strip()
    assert "19:00" <= eta <= "21:00"
    expect(desk.locator(".plan-dropped", has_text=name)).to_have_count(0)
    screenshot(desk, "dispatcher-plan-evening")
    desk.locator("#plan-publish").click()
    expect(desk.locator("#plan-status")).to_have_text(
        "已发布", timeout=30_000
    )  # publishing checks and queues each notice

    # moved to a team that does not work evenings: moved, but left out, and the page says so and why
    stop.locator(".move-trigger").click()
    desk.get_by_role("option", name="徐汇二队").click()
    message = desk.locator("#plan-move-message")
    expect(message).to_contain_text("已改派给徐汇二队，但未能排入当天路线：该时段不在所排小组的班次内")
    expect(desk.locator(".plan-dropped", has_text=name)).to_contain_text("该时段不在所排小组的班次内")
    assert db_rows(server.db_url, "SELECT route_order, drop_reason FROM visit WHERE id=:i", i=visit_id) == [
        (None, "no_shift")
    ]
    screenshot(desk, "dispatcher-plan-moved-left-out")
    # and back, from the list of visits left out: planned, at a time
    desk.locator(".plan-dropped", has_text=name).locator(".move-trigger").click()
    desk.get_by_role("option", name="静安一队").click()
    expect(message).to_contain_text("已改派给静安一队，安排在 ")
    ((order, eta_db),) = db_rows(server.db_url, "SELECT route_order, eta FROM visit WHERE id=:i", i=visit_id)
    shown = re.search(r"安排在 (\d\d:\d\d)", message.inner_text()).group(1)
    assert order is not None and clock.to_local(datetime.fromisoformat(str(eta_db))).strftime("%H:%M") == shown
    expect(desk.locator(".plan-team", has_text="静安一队").locator(".plan-stop", has_text=name)).to_contain_text(shown)
    assert "19:00" <= shown <= "21:00"
    screenshot(desk, "dispatcher-plan-moved-planned")


def test_board_bars_are_as_long_as_the_figures(desk, server):
    login(desk, "dispatcher1")
    desk.wait_for_url(at("/dispatch"))
    ((visit_id,),) = db_rows(
        server.db_url,
        "SELECT v.id FROM visit v JOIN team t ON t.id = v.team_id WHERE t.name = '徐汇二队' "
        "AND v.visit_date = '2026-11-23' AND v.status = 'planned' ORDER BY v.route_order DESC LIMIT 1",
    )
    engine = sa.create_engine(server.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE visit SET status = 'done' WHERE id = :i"), {"i": visit_id})
        desk.goto("/dispatch/board")
        cards = desk.locator(".team-card")
        expect(cards).to_have_count(2)
        expect(cards.filter(has_text="徐汇二队").locator(".rt-Badge")).to_contain_text("1 /")
        for card in cards.all():
            done, total = (int(x) for x in card.locator(".rt-Badge").inner_text().split("/"))
            bar = card.get_by_role("progressbar")
            outer = bar.bounding_box()
            inner = bar.locator("div").first.bounding_box()
            assert abs(inner["width"] / outer["width"] - done / total) < 0.02, (done, total, inner, outer)
        screenshot(desk, "dispatcher-board-bars")
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE visit SET status = 'planned' WHERE id = :i"), {"i": visit_id})
        engine.dispose()
