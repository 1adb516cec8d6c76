"""Every migration upgrades an empty database to head, matches the models, and downgrades a step."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import visitapp.core.models  # noqa: F401
from tests.conftest import drop_pg, fresh_pg_url
from visitapp.core import db
from visitapp.core.models import POSTGRES_ONLY_INDEXES


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path: Path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    url, name = fresh_pg_url()
    try:
        yield url
    finally:
        db.get_engine.cache_clear()
        drop_pg(name)


def _head() -> str:
    return ScriptDirectory.from_config(db.alembic_config("sqlite://")).get_current_head()


def _not_postgres_only(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "index" and name in POSTGRES_ONLY_INDEXES)


def test_upgrade_empty_database_to_head_then_down_one_step_and_up_again(empty_url):
    db.upgrade(empty_url)
    engine = sa.create_engine(empty_url)
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == _head()
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"include_object": _not_postgres_only}), SQLModel.metadata
            )
            assert diff == [], f"models and migrations differ: {diff}"
            tables = set(sa.inspect(conn).get_table_names())
            indexes = {i["name"] for t in ("debtor", "debt") for i in sa.inspect(conn).get_indexes(t)}
            assert (indexes >= POSTGRES_ONLY_INDEXES) == (conn.dialect.name == "postgresql")
        for t in (
            "user",
            "team",
            "debtor",
            "debt",
            "statement_line",
            "collection_case",
            "visit",
            "note",
            "contact_ledger",
            "message",
            "appointment_token",
            "plan",
            "plan_installment",
            "promise",
            "payment",
            "reminder",
            "complaint",
            "audit_log",
            "policy_setting",
            "login_attempt",
            "auth_session",
        ):
            assert t in tables, t
        db.downgrade(empty_url, "-1")
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() != _head()
        db.upgrade(empty_url)
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == _head()
    finally:
        engine.dispose()


def test_money_columns_are_exact_integers(empty_url):
    db.upgrade(empty_url)
    engine = sa.create_engine(empty_url)
    try:
        with engine.connect() as conn:
            cols = {c["name"]: c["type"] for c in sa.inspect(conn).get_columns("statement_line")}
        for name in ("amount_due_cents", "amount_paid_cents"):
            assert isinstance(cols[name], sa.Integer), cols[name]
    finally:
        engine.dispose()


def test_upgrade_keeps_existing_rows(empty_url):
    """Migrations run on databases with data, not just empty ones (SQLite rebuilds tables to alter them)."""
    db.upgrade(empty_url, "0001")
    engine = sa.create_engine(empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO debtor (id, name, address, city, district, geocode_status, timezone, locale, "
                    "night_worker, do_not_visit, disputed, lawyer, deceased, created_at, updated_at) VALUES "
                    "(1, '王芳', '上海市', '上海', '静安区', 'given', 'Asia/Shanghai', 'zh-CN', false, false, false, "
                    "false, false, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO debt (id, debtor_id, contract_no, creditor, product, principal_cents, currency, "
                    "created_at) VALUES (1, 1, 'HT-1', 'x', 'y', 100, 'CNY', '2026-01-01 00:00:00')"
                )
            )
        db.upgrade(empty_url)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT name, cease_communication FROM debtor")).one() == ("王芳", False)
            assert conn.execute(sa.text("SELECT contract_no FROM debt WHERE debtor_id = 1")).scalar() == "HT-1"
    finally:
        engine.dispose()


def test_0010_gives_the_fixed_bilingual_reminder_titles_their_keys(empty_url):
    db.upgrade(empty_url, "0009")
    engine = sa.create_engine(empty_url)
    bilingual = "客户拒绝上门，要求电话沟通 / The debtor declined the visit and asked for a call"
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    'INSERT INTO "user" (id, username, display_name, role, password_hash, locale, nav_app, active, '
                    "created_at) VALUES (1, 'a', 'A', 'agent', 'x', 'zh-CN', 'amap', true, '2026-01-01 00:00:00')"
                )
            )
            for i, title in ((1, bilingual), (2, "案件 7：已 30 天未联系")):
                conn.execute(
                    sa.text(
                        "INSERT INTO reminder (id, user_id, kind, due_at, title, created_at) VALUES "
                        "(:i, 1, 'k', '2026-01-01 00:00:00', :t, '2026-01-01 00:00:00')"
                    ),
                    {"i": i, "t": title},
                )
        db.upgrade(empty_url)
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT id, title_key, title FROM reminder ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [
            (1, "reminders.title.call_instead", ""),
            (2, "", "案件 7：已 30 天未联系"),  # rendered before: shown as written
        ]
        db.downgrade(empty_url, "0009")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT title FROM reminder WHERE id = 1")).scalar() == bilingual
    finally:
        engine.dispose()


def test_0015_marks_visits_noticed_before_it_as_sent_so_publishing_does_not_notice_them_again(empty_url):
    from datetime import time

    from sqlmodel import Session

    from tests import factories as f
    from visitapp.core.models import Message

    db.upgrade(empty_url, "0014")
    engine = sa.create_engine(empty_url)
    try:
        # the factories write today's models; a column a later revision adds is there for them meanwhile
        later = [
            ("debtor", "version", "INTEGER NOT NULL DEFAULT 1"),
            ("collection_case", "overdue_cents", "BIGINT NOT NULL DEFAULT 0"),
            ("collection_case", "oldest_due", "DATE"),
            ("collection_case", "overdue_until", "DATE"),
            ("collection_case", "overdue_as_of", "DATE"),
            ("collection_case", "district", "VARCHAR(40) NOT NULL DEFAULT ''"),
        ]
        with engine.begin() as conn:
            for table, column, kind in later:
                conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))
        with Session(engine) as s:
            c = f.case(s)
            noticed = f.visit(s, case=c, agents=[], window=(time(14), time(16)))
            marked = f.visit(s, case=c, agents=[], confirmation="notified")
            failed = f.visit(s, case=c, agents=[])
            f.visit(s, case=c, agents=[])  # never noticed
            sent = Message(visit_id=noticed.id, to_number="+8613800000000", body="x", template_key="sms.visit_notice")
            s.add_all(
                [
                    sent,
                    Message(
                        visit_id=failed.id,
                        to_number="+8613800000000",
                        body="x",
                        template_key="sms.visit_notice",
                        status="failed",
                    ),
                ]
            )
            s.commit()
            ids = (noticed.id, marked.id, sent.id)
        with engine.begin() as conn:
            for table, column, _ in later:
                conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        db.upgrade(empty_url)
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT visit_id, state, message_id, window_start FROM visit_notice ORDER BY visit_id")
            ).all()
        assert [(r[0], r[1], r[2]) for r in rows] == [(ids[0], "sent", ids[2]), (ids[1], "sent", None)]
        assert str(rows[0][3]).startswith("14:00")
    finally:
        engine.dispose()


def _debtor_with_two_debts(conn) -> None:
    """Debtor 1 (王芳, 静安区) and its debts 1 and 2 (HT-1, HT-2), as the schema of 0017-0021 has them."""
    conn.execute(
        sa.text(
            "INSERT INTO debtor (id, name, address, city, district, geocode_status, timezone, locale, "
            "night_worker, do_not_visit, disputed, lawyer, deceased, cease_communication, version, "
            "created_at, updated_at) VALUES (1, '王芳', '上海市', '上海', '静安区', 'given', "
            "'Asia/Shanghai', 'zh-CN', false, false, false, false, false, false, 1, "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    )
    for i in (1, 2):
        conn.execute(
            sa.text(
                "INSERT INTO debt (id, debtor_id, contract_no, creditor, product, principal_cents, currency, "
                "created_at) VALUES (:i, 1, :no, 'x', 'y', 100, 'CNY', '2026-01-01 00:00:00')"
            ),
            {"i": i, "no": f"HT-{i}"},
        )


def test_0018_fills_the_cases_overdue_figures_from_their_statement_lines_and_0019_their_debtors_district(empty_url):
    from datetime import date, timedelta

    from visitapp.core import clock

    db.upgrade(empty_url, "0017")
    engine = sa.create_engine(empty_url)
    today = clock.today()
    try:
        with engine.begin() as conn:
            _debtor_with_two_debts(conn)
            for i in (1, 2):
                conn.execute(
                    sa.text(
                        "INSERT INTO collection_case (id, debtor_id, debt_id, segment, strategy, status, "
                        "score_factors, priority, version, created_at, updated_at) VALUES (:i, 1, :i, '', '', "
                        "'open', '[]', 0, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                    ),
                    {"i": i},
                )
            for due, amount, paid in (
                (today - timedelta(days=40), 500_00, 100_00),  # 400 yuan overdue for 40 days
                (today - timedelta(days=50), 200_00, 200_00),  # paid: not overdue
                (today - timedelta(days=1), 300_00, 0),
                (today, 300_00, 0),  # due today: not overdue yet, overdue tomorrow
                (today + timedelta(days=30), 300_00, 0),
            ):
                conn.execute(
                    sa.text(
                        "INSERT INTO statement_line (debt_id, due_date, kind, description, amount_due_cents, "
                        "amount_paid_cents) VALUES (1, :d, 'installment', '', :a, :p)"
                    ),
                    {"d": due, "a": amount, "p": paid},
                )
        db.upgrade(empty_url)
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT id, overdue_cents, oldest_due, overdue_until, overdue_as_of "
                    "FROM collection_case ORDER BY id"
                )
            ).all()
        as_date = [tuple(date.fromisoformat(v) if isinstance(v, str) else v for v in r) for r in rows]
        assert as_date == [
            (1, 700_00, today - timedelta(days=40), today, today),
            (2, 0, None, date(9999, 12, 31), today),  # no statement lines
        ]
        with engine.connect() as conn:
            districts = conn.execute(sa.text("SELECT district FROM collection_case ORDER BY id")).scalars().all()
        assert districts == ["静安区", "静安区"]  # both cases of the debtor, from the debtor
    finally:
        engine.dispose()


def test_0022_gives_the_contacts_already_in_the_ledger_their_cases_team(empty_url):
    """The ledger keeps the team whose work a contact was (contact.attempt writes it from then on); for the
    rows already there the best the records say is their case's team now. A case of no team, or a contact
    of no case, has none."""
    db.upgrade(empty_url, "0021")
    engine = sa.create_engine(empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO team (id, name, base_address, created_at) "
                    "VALUES (5, '一队', '', '2026-01-01 00:00:00')"
                )
            )
            _debtor_with_two_debts(conn)
            for i, team in ((1, 5), (2, None)):
                conn.execute(
                    sa.text(
                        "INSERT INTO collection_case (id, debtor_id, debt_id, team_id, segment, strategy, status, "
                        "score_factors, priority, version, created_at, updated_at, overdue_cents, district) "
                        "VALUES (:i, 1, :i, :t, '', '', 'open', '[]', 0, 1, '2026-01-01 00:00:00', "
                        "'2026-01-01 00:00:00', 0, '')"
                    ),
                    {"i": i, "t": team},
                )
            for i, case in ((1, 1), (2, 2), (3, None)):
                conn.execute(
                    sa.text(
                        "INSERT INTO contact_ledger (id, debtor_id, case_id, channel, target, at, allowed, result, "
                        "reasons, profile, details) VALUES (:i, 1, :c, 'call', 'debtor', '2026-11-30 02:00:00', "
                        "true, 'connected', '[]', 'CN-2026', '{}')"
                    ),
                    {"i": i, "c": case},
                )
        db.upgrade(empty_url)
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT id, team_id FROM contact_ledger ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, 5), (2, None), (3, None)]
    finally:
        engine.dispose()
