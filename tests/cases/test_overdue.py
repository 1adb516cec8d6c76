"""The overdue figures stored on the case (what the case list orders and filters by) are those the statement
lines give, live, after an import, an update import, a payment and a change of day (integration: SQLite and
PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from tests import factories as f
from tests.cases.test_importer import World, csv_bytes, row
from tests.cases.test_importer import world as world  # the fixture
from visitapp import jobs
from visitapp.cases.rules.statement import Line, overdue_bucket, totals
from visitapp.cases.services import cases, importer, overdue
from visitapp.core import auth, clock
from visitapp.core.models import Case, StatementLine
from visitapp.money.services import payments


def _live(session: Session, today: date) -> dict[int, tuple[int, int]]:
    """Each case's (overdue cents, days overdue) summed from its statement lines now."""
    out = {}
    for case in session.exec(select(Case)).all():
        lines = session.exec(select(StatementLine).where(StatementLine.debt_id == case.debt_id)).all()
        t = totals([Line(x.due_date, x.amount_due_cents, x.amount_paid_cents) for x in lines], today)
        out[case.id] = (t.overdue_cents, t.max_days_overdue)
    return out


def _stored(session: Session, today: date) -> dict[int, tuple[int, int]]:
    rows = session.exec(select(Case.id, Case.overdue_cents, Case.oldest_due)).all()
    return {i: (cents, (today - oldest).days if oldest else 0) for i, cents, oldest in rows}


def _listed(session: Session, actor, today: date, **filters) -> list[tuple[int, int, int]]:
    page = cases.list_cases(session, actor=actor, page_size=100, filters=cases.CaseFilters(**filters))
    return [(r.case_id, r.overdue_cents, r.days_overdue) for r in page.rows]


def _expected(live: dict[int, tuple[int, int]], bucket: str = "") -> list[tuple[int, int, int]]:
    rows = [(i, cents, days) for i, (cents, days) in live.items() if not bucket or overdue_bucket(days) == bucket]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def _agree(session: Session, world: World) -> None:
    today = clock.today()
    session.expire_all()
    live = _live(session, today)
    listed = _listed(session, world.boss, today)
    assert listed == _expected(live)  # the list, in its order
    assert _stored(session, today) == live  # the stored figures themselves, now refreshed
    for bucket in ("M1", "M2", "M3", "M4+"):
        assert _listed(session, world.boss, today, bucket=bucket) == _expected(live, bucket), bucket


def test_the_stored_figures_follow_the_lines_through_imports_payments_and_days(session, world):
    today = clock.today()  # 2026-11-23
    soon, later = (today + timedelta(days=3)).isoformat(), (today + timedelta(days=40)).isoformat()
    data = csv_bytes(
        [
            row(1),  # 2,500 due 2026-08-15, 100.50 of a late fee 2026-09-15: both overdue
            row(2, line1_due_date=soon, line2_due_date=later),  # nothing overdue yet
            row(3, line1_amount_paid="2500", line2_due_date=soon),  # the first paid off, the second not due
            row(4, line1_due_date=(today - timedelta(days=45)).isoformat(), line2_due_date=today.isoformat()),
        ]
    )
    result = importer.run(session, actor=world.boss, data=data, filename="cases.csv")
    assert result.created == 4
    _agree(session, world)
    case = {c.debt_id: c for c in session.exec(select(Case)).all()}
    stored = session.exec(select(Case).order_by(col(Case.id))).all()
    assert [(c.overdue_cents, c.overdue_as_of) for c in stored] == [
        (2500_00 + 100_50, today),
        (0, today),
        (0, today),
        (2500_00, today),
    ]
    assert stored[1].overdue_until == today + timedelta(days=3)

    # an update import replaces the lines: the figures with them
    data = csv_bytes([row(1, line1_amount_paid="2500"), row(2, line1_due_date="2026-10-01")])
    assert importer.run(session, actor=world.boss, data=data, filename="again.csv").updated == 2
    _agree(session, world)

    # a payment is set against the plan or the statement's balance, never on a line: the figures stay
    first = min(case.values(), key=lambda c: c.id)
    payments.record_payment(
        session, actor=world.boss, case_id=first.id, amount_cents=50_00, paid_on=today, method="cash"
    )
    _agree(session, world)

    # the days go by: lines fall due without any write, and the list is right before the job has run
    for days in (1, 4, 41):
        clock.set_now(datetime.combine(today + timedelta(days=days), datetime.min.time(), clock.local_zone()))
        _agree(session, world)


def test_the_day_job_recomputes_only_the_cases_a_line_fell_due_on(session):
    d = f.user(session, role="dispatcher")
    t = f.team(session, dispatcher=d)
    today = clock.today()
    quiet = f.case(session, team=t, lines=[(today - timedelta(days=40), 500_00, 0)])
    due_soon = f.case(
        session, team=t, lines=[(today - timedelta(days=10), 100_00, 0), (today + timedelta(days=2), 300_00, 0)]
    )
    assert overdue.refresh(session) == 2  # written through the ORM: not computed yet
    assert overdue.refresh(session) == 0
    clock.set_now(clock.now() + timedelta(days=3))
    assert "refreshed=1" in jobs._overdue_job(session)
    session.expire_all()
    assert (session.get(Case, due_soon.id).overdue_cents, session.get(Case, due_soon.id).oldest_due) == (
        400_00,
        today - timedelta(days=10),
    )
    assert session.get(Case, quiet.id).overdue_as_of == today  # untouched: nothing fell due on it
    assert cases.list_cases(session, actor=auth.identity_of(d)).rows[0].case_id == quiet.id
