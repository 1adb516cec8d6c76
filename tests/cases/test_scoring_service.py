"""Scoring cases from the database (visitapp.cases.services.scoring_service), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from tests import factories as f
from visitapp import demo
from visitapp.cases.rules.scoring import REASON_CODE, Features
from visitapp.cases.services import scoring_service
from visitapp.core import clock, db
from visitapp.core.models import Case, Complaint, ContactLedger, Debtor, Payment, Promise


def ledger(s: Session, case: Case, channel: str, result: str, days_ago: int = 3, allowed: bool = True) -> None:
    at = datetime.combine(clock.today() - timedelta(days=days_ago), time(10), clock.local_zone())
    s.add(
        ContactLedger(debtor_id=case.debtor_id, case_id=case.id, channel=channel, result=result, at=at, allowed=allowed)
    )


def test_features_are_counted_from_statement_payments_promises_and_contacts(session):
    today = clock.today()
    agent = f.user(session)
    c = f.case(
        session,
        lines=[
            (today - timedelta(days=70), 100_000, 100_000),  # paid
            (today - timedelta(days=40), 100_000, 30_000),  # the oldest unpaid: 40 days
            (today - timedelta(days=10), 100_000, 120_000),  # overpaid: counts as paid in full
            (today + timedelta(days=20), 100_000, 0),  # not yet due
        ],
    )
    other = f.case(session, lines=[])
    for days_ago, n in ((10, "R1"), (80, "R2"), (120, "R3")):
        session.add(
            Payment(
                case_id=c.id,
                amount_cents=1000,
                paid_on=today - timedelta(days=days_ago),
                receipt_no=f"{n}-{c.id}",
                recorded_by=agent.id,
            )
        )
    for status in ("kept", "broken", "broken", "open"):
        session.add(Promise(case_id=c.id, amount_cents=1000, due_date=today, status=status, created_by=agent.id))
    ledger(session, c, "call", "connected")
    ledger(session, c, "call", "unanswered")
    ledger(session, c, "call", "unanswered", allowed=False)  # blocked attempts are not contacts
    ledger(session, c, "call", "wrong_number")
    ledger(session, c, "visit", "not_home")
    ledger(session, c, "visit", "promise")
    ledger(session, c, "visit", "refused", days_ago=200)  # too old
    ledger(session, c, "sms", "delivered")
    session.flush()

    got = scoring_service.features(session, case_ids=[c.id, other.id])
    assert got[c.id] == Features(
        days_overdue=40,
        outstanding_cents=70_000 + 100_000,
        due_cents=300_000,
        paid_cents=100_000 + 30_000 + 100_000,
        payments_recent=2,
        promises_kept=1,
        promises_broken=2,
        calls_connected=1,
        calls_unanswered=1,
        wrong_numbers=1,
        visits_met=1,
        visits_not_home=1,
        phones=1,
    )
    assert got[other.id] == Features(phones=1)


def test_stop_flags_and_pauses_reach_the_strategy(session):
    a, b, c = f.case(session), f.case(session), f.case(session)
    session.get(Debtor, a.debtor_id).lawyer = True
    b.status = "paused"
    session.add(
        Complaint(
            case_id=c.id,
            category="manner",
            body="x",
            reference_no=f"C-{c.id}",
            sla_due_at=clock.now() + timedelta(days=3),
        )
    )
    session.flush()
    assert scoring_service.rescore(session, case_ids=[a.id, b.id, c.id]) == 3
    assert [(x.strategy, x.score_factors[-1]["params"]["reason"]) for x in (a, b, c)] == [
        ("review", "lawyer"),
        ("review", "paused"),
        ("review", "paused"),
    ]


def test_rescore_stores_score_segment_strategy_and_factors_without_a_new_version(session):
    today = clock.today()
    c = f.case(session, lines=[(today - timedelta(days=45), 800_000, 0)])  # 8,000 CNY, 45 days
    ledger(session, c, "call", "connected")
    closed = f.case(session)
    closed.status = "closed"
    session.flush()
    version, updated_at = c.version, c.updated_at

    assert scoring_service.rescore(session) == 1  # closed cases are left alone
    # 50 base, -6 (31-60 days), 0 (up to 10,000 CNY), 0 paid, +4 one conversation = 48, C; reachable by phone
    assert (c.score, c.segment, c.strategy) == (48, "C", "call")
    assert sum(x["points"] for x in c.score_factors) == 48
    assert c.score_factors[0] == {"code": "base", "points": 50, "params": {}}
    assert c.score_factors[-1] == {
        "code": REASON_CODE,
        "points": 0,
        "params": {"strategy": "call", "reason": "reachable_by_phone"},
    }
    session.refresh(c)
    assert (c.version, c.updated_at) == (version, updated_at)
    assert closed.score is None

    texts = [scoring_service.factor_text(x, "en") for x in c.score_factors]
    assert texts[1] == "45 days overdue (M2)"
    assert texts[2] == "CN¥8,000.00 outstanding"
    assert texts[-1] == "Reachable by phone"
    assert scoring_service.factor_text(c.score_factors[1], "zh-CN") == "逾期 45 天（M2）"


def test_rescore_uses_a_fixed_number_of_queries_whatever_the_number_of_cases(db_url):
    def statements_for(n: int) -> int:
        with db.session_scope(db_url) as s:
            ids = [f.case(s).id for _ in range(n)]
            for i in ids[::2]:
                ledger(s, s.get(Case, i), "call", "connected")
            s.flush()
            engine = s.get_bind()
            count = 0

            def counter(*_args) -> None:
                nonlocal count
                count += 1

            sa.event.listen(engine, "before_cursor_execute", counter)
            try:
                assert scoring_service.rescore(s, case_ids=ids) == n
            finally:
                sa.event.remove(engine, "before_cursor_execute", counter)
            return count

    assert statements_for(2) == statements_for(25) <= 9


def test_rescoring_the_whole_demo(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    db.upgrade(url)
    try:
        with db.session_scope(url) as s:
            demo.generate(s)
        with db.session_scope(url) as s:
            assert scoring_service.rescore(s) == 300  # no demo case is closed
        with db.session_scope(url) as s:
            cases = s.exec(sa.select(Case)).scalars().all()
            assert all(c.score is not None and sum(x["points"] for x in c.score_factors) == c.score for c in cases)
            assert {c.strategy for c in cases if c.status == "paused"} == {"review"}
            # a deeply overdue portfolio with no payments recorded: mostly C, but the scores still spread
            scores = [c.score for c in cases]
            assert max(scores) - min(scores) >= 20
            assert len({c.segment for c in cases}) >= 2 and {c.strategy for c in cases} >= {"call", "visit", "review"}
    finally:
        db.get_engine(url).dispose()
        db.get_engine.cache_clear()


def test_many_cases_are_stored_as_one_at_a_time_would_store_them(session: Session):
    """From `bulk.FROM_TABLE_MIN` cases on, the rescore's UPDATE goes through a temporary table on
    PostgreSQL: what it stores must be what the small rescore stores, case by case."""
    from visitapp.core import bulk

    today = clock.today()
    cases = [
        f.case(session, lines=[(today - timedelta(days=10 * n), 10_000 * (n + 1), 1_000 * (n % 3))])
        for n in range(bulk.FROM_TABLE_MIN + 5)
    ]
    ids = [c.id for c in cases]

    def stored() -> list[tuple]:
        session.expire_all()
        return [(c.score, c.segment, c.strategy, c.score_factors) for c in (session.get(Case, i) for i in ids)]

    assert scoring_service.rescore(session, case_ids=ids) == len(ids)
    together = stored()
    session.connection().execute(sa.update(Case).values(score=None, segment="", strategy="", score_factors=[]))
    for i in ids:
        scoring_service.rescore(session, case_ids=[i])
    assert stored() == together
    assert len({t[3][1]["params"]["days"] for t in together}) > 10  # the cases differ
