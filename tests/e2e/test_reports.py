"""The office's reports at 1280x800: a period, charts with a table under each, the XLSX workbook, the case
review with each case one click away; a dispatcher sees only their teams; both languages."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlmodel import col, delete, select

from tests.e2e.conftest import at, db_rows, login, new_desk_context, screenshot
from visitapp.core.db import session_scope
from visitapp.core.models import Case, Payment, Promise, Team, User, Visit, VisitAgent
from visitapp.reports.services.reports import SECTIONS

pytestmark = pytest.mark.e2e


SEPTEMBER = ("2026-09-01", "2026-09-30")  # before the demo's own five weeks of history
OUTCOMES = ("met", "not_home", "promise", "paid", "refused", "met")


@pytest.fixture
def september(server):
    """A month of history on twelve cases (the demo has none): visits with outcomes, a kept and a broken
    promise, payments. Removed afterwards, so the other journeys see the demo as it was."""
    made: dict[type, list[int]] = {Visit: [], Promise: [], Payment: []}
    with session_scope(server.db_url) as s:
        teams = s.exec(select(Team).order_by(col(Team.id)).limit(2)).all()
        for team in teams:
            agent = s.exec(select(User).where(User.team_id == team.id, User.role == "agent")).first()
            cases = s.exec(select(Case).where(Case.team_id == team.id).order_by(col(Case.id)).limit(6)).all()
            for k, (case, outcome) in enumerate(zip(cases, OUTCOMES)):
                v = Visit(
                    case_id=case.id,
                    team_id=team.id,
                    visit_date=date(2026, 9, 7 + k),
                    window_start=time(9),
                    window_end=time(11),
                    status="done",
                    outcome=outcome,
                )
                s.add(v)
                s.flush()
                s.add(VisitAgent(visit_id=v.id, user_id=agent.id))
                made[Visit].append(v.id)
            at = datetime(2026, 9, 8, 2, tzinfo=UTC)
            for status, case in (("kept", cases[2]), ("broken", cases[0])):
                p = Promise(
                    case_id=case.id,
                    amount_cents=80_000,
                    due_date=date(2026, 9, 20),
                    status=status,
                    created_by=agent.id,
                    created_at=at,
                    resolved_at=at + timedelta(days=12),
                )
                s.add(p)
                s.flush()
                made[Promise].append(p.id)
            pay = Payment(
                case_id=cases[3].id,
                amount_cents=123_456,
                paid_on=date(2026, 9, 9),
                receipt_no=f"E2E-SEP-{team.id}",
                recorded_by=agent.id,
            )
            s.add(pay)
            s.flush()
            made[Payment].append(pay.id)
    yield made
    with session_scope(server.db_url) as s:
        s.exec(delete(VisitAgent).where(col(VisitAgent.visit_id).in_(made[Visit])))
        for model, ids in ((Payment, made[Payment]), (Promise, made[Promise]), (Visit, made[Visit])):
            s.exec(delete(model).where(col(model.id).in_(ids)))


@pytest.fixture
def desk(browser, server):
    ctx = new_desk_context(browser, server, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    yield page
    ctx.close()


def _period(page, start: str, end: str) -> None:
    page.locator("#report-start").fill(start)
    page.locator("#report-end").fill(end)
    page.locator("#report-run").click()


def test_supervisor_reads_the_report_downloads_it_and_opens_a_case_to_review(desk, september):
    login(desk, "supervisor1")
    desk.wait_for_url(at("/dispatch"))
    desk.goto("/dispatch/reports")
    expect(desk.locator("#report-kpis .report-kpi")).to_have_count(6)
    # the last 30 days by default: today's visits have no outcome yet; the demo's complaints are for review
    expect(desk.locator("#report-outcomes")).to_contain_text("尚无结果")
    expect(desk.locator("#report-review .review-row").first).to_be_visible()
    _period(desk, *SEPTEMBER)
    expect(desk.locator("#report-outcomes")).to_contain_text("已还款", timeout=20_000)
    for key in SECTIONS:
        expect(desk.locator(f"#report-{key}")).to_be_visible()
    # September: every outcome as a bar and a row, per team and agent, promises kept and broken, payments
    outcomes = desk.locator("#report-outcomes")
    expect(outcomes.locator(".recharts-bar-rectangle").first).to_be_visible()
    expect(outcomes.locator(".report-row")).to_have_count(5)
    expect(outcomes.locator(".report-row", has_text="见到本人")).to_contain_text("4")
    expect(desk.locator("#report-by_team .report-row")).to_have_count(2)
    expect(desk.locator("#report-by_team .report-row").first).to_contain_text("67%")  # 4 of 6 reached
    expect(desk.locator("#report-payments")).to_contain_text("¥1,234.56")
    expect(desk.locator("#report-kpis")).to_contain_text("¥2,469.12")
    expect(desk.locator("#report-promises .report-row", has_text="已兑现")).to_contain_text("50%")
    expect(desk.locator("#report-review .review-row")).to_have_count(2)  # the broken promises
    expect(desk.locator("#report-took")).to_contain_text("秒")
    screenshot(desk, "office-reports")

    # the workbook: a sheet per section and the review, in the reader's language
    with desk.expect_download() as got:
        desk.locator("#report-export").click()
    assert got.value.suggested_filename == "visitapp-report-2026-09-01-2026-09-30.xlsx"
    wb = load_workbook(io.BytesIO(got.value.path().read_bytes()))
    assert wb.sheetnames[0] == "走访结果" and "案件复盘" in wb.sheetnames and len(wb.sheetnames) == len(SECTIONS) + 1

    # a period with nothing in it says so
    _period(desk, "2025-01-01", "2025-01-31")
    expect(desk.locator("#report-outcomes .report-empty")).to_be_visible()
    expect(desk.locator("#report-review .report-empty")).to_be_visible()
    # an end before the start is refused with the reason, and the figures stay
    _period(desk, "2026-11-20", "2026-11-10")
    expect(desk.locator("#report-error")).to_have_text("结束日期不能早于开始日期。")

    # September again, in English; a case of the review opens its page
    _period(desk, *SEPTEMBER)
    expect(desk.locator("#report-error")).to_have_count(0)
    desk.locator("#lang-switch").click()
    expect(desk.locator("#report-outcomes")).to_contain_text("Visits by outcome")
    review = desk.locator("#report-review .review-open")
    expect(review.first).to_be_visible()
    screenshot(desk, "office-reports-en")
    href = review.first.get_attribute("href")
    review.first.click()
    desk.wait_for_url(at(href))
    desk.locator("#lang-switch").click()  # back to Chinese for the next journeys (the language is kept per browser)


def test_a_dispatcher_sees_only_their_teams(desk, server):
    theirs = [
        name
        for (name,) in db_rows(
            server.db_url,
            'SELECT t.name FROM team t JOIN "user" u ON u.id = t.dispatcher_id '
            "WHERE u.username = 'dispatcher2' ORDER BY t.name",
        )
    ]
    login(desk, "dispatcher2")
    desk.wait_for_url(at("/dispatch"))
    desk.goto("/dispatch/reports")
    rows = desk.locator("#report-by_team .report-row")
    expect(rows).to_have_count(len(theirs))
    assert sorted(r.split("\t")[0].strip() for r in rows.all_inner_texts()) == theirs
    desk.locator("#report-team").click()
    options = desk.get_by_role("option")
    expect(options).to_have_count(len(theirs) + 1)  # all of theirs, and each team they run
    options.nth(1).click()
    expect(rows).to_have_count(1)
    screenshot(desk, "office-reports-dispatcher")
