"""The hot queries use indexes, not sequential scans of the big tables (PostgreSQL, integration).

The database is seeded like bench/bench_million.py (its own seed, 20,000 cases: about 190,000 rows in a
few seconds), analysed, and each hot page's service is called as the bench calls it; every SELECT it
sends is captured with its parameters and explained (`EXPLAIN (FORMAT JSON)`), so the plans are those of
the services' own statements. With this many rows PostgreSQL picks the plan it would pick at a million
for these lookups: a query that still reads a big table from end to end, or one whose index (migration
0017) is gone, fails here.

The case list orders and filters by the overdue figures stored on the case (migration 0018), each access
path read apart (visitapp.core.access.case_paths): its team's cases from the team's index in the list's
order, every case from the order's own index; its district filter and the districts it offers from the
district kept on the case (migration 0019), its text search from the GIN indexes of the two-character
pieces of names and contract numbers (migration 0020). The report reads a period's contacts from an index
that carries what they were, and a team's visits and the period's promises from their own (migration 0021).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, time

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from bench import bench_million
from tests.conftest import DEFAULT_NOW, drop_pg, fresh_pg_url
from visitapp.core import clock, db

CASES = 20_000
# promises are a few per hundred cases (the report reads a period's in about 1 ms at a million cases)
BIG = frozenset(bench_million.BIG) - {"promise"}


@pytest.fixture(scope="module")
def seeded(pg_template: str) -> Iterator[str]:
    url, name = fresh_pg_url(pg_template)
    clock.set_now(DEFAULT_NOW)  # the per-test clock fixture is not set up yet for a module fixture
    try:
        bench_million.seed(url, cases=CASES, today=DEFAULT_NOW.date(), quiet=True)
        yield url
    finally:
        db.get_engine(url).dispose()
        db.get_engine.cache_clear()
        drop_pg(name)


def _nodes(plan: dict) -> Iterator[dict]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _plans(url: str, name: str, run: Callable[[Session], object] | None = None) -> list[tuple[str, list[dict]]]:
    """(statement, plan nodes) of every SELECT the bench's query `name` (or `run`) sends, at mid-morning of
    the day."""
    clock.set_now(datetime.combine(DEFAULT_NOW.date(), time(10, 30), DEFAULT_NOW.tzinfo))
    engine = db.get_engine(url)
    with Session(engine) as s:
        query = next(q for q in bench_million.queries(s, DEFAULT_NOW.date()) if q.name == name)
        s.rollback()
    run = run or query.run
    sent: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, params, _context, _many) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, params))

    sa.event.listen(engine, "before_cursor_execute", capture)
    try:
        with Session(engine) as s:
            run(s)
            s.rollback()
    finally:
        sa.event.remove(engine, "before_cursor_execute", capture)
    out = []
    raw = engine.raw_connection()
    try:
        cur = raw.driver_connection.cursor()
        for statement, params in sent:
            cur.execute("EXPLAIN (FORMAT JSON) " + statement, params)
            doc = cur.fetchone()[0]
            plan = (json.loads(doc) if isinstance(doc, str) else doc)[0]["Plan"]
            out.append((statement, list(_nodes(plan))))
        raw.rollback()
    finally:
        raw.close()
    return out


def _seq_scans(plans: list[tuple[str, list[dict]]]) -> list[str]:
    return [
        f"{node['Relation Name']} in: {' '.join(statement.split())[:160]}"
        for statement, nodes in plans
        for node in nodes
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in BIG
    ]


def _indexes(plans: list[tuple[str, list[dict]]]) -> set[str]:
    return {node["Index Name"] for _, nodes in plans for node in nodes if "Index Name" in node}


@pytest.mark.parametrize(
    ("query", "uses"),
    [
        ("today: agent_day", {"ix_audit_log_action_entity"}),  # the reasons of visits not visited
        ("today: day_signature (poll)", set()),
        ("board: dispatcher", set()),
        ("board: supervisor", set()),
        ("dossier", {"ix_contact_ledger_debtor_at", "ix_audit_log_action_entity"}),
        ("reminders: agent", set()),  # each reminder's case by id, not every case the agent reaches
        ("report: dispatcher, 1 team, 1 day", {"ix_contact_ledger_team_at_kind", "ix_collection_case_team_id_id"}),
        (
            "report: dispatcher, 7 days",
            {"ix_contact_ledger_team_at_kind", "ix_visit_team_date", "ix_promise_created_at"},
        ),
        ("cases: dispatcher, no filter", {"ix_collection_case_team_overdue", "ix_collection_case_overdue_until"}),
        ("cases: dispatcher, page 400", {"ix_collection_case_team_overdue"}),
        ("cases: dispatcher, bucket M2", set()),
        ("cases: dispatcher, status paused", set()),
        ("cases: supervisor, no filter", {"ix_collection_case_overdue"}),
        ("cases: dispatcher, district", {"ix_collection_case_team_district"}),
        ("cases: dispatcher, text (name)", {"ix_debtor_name_grams"}),
        ("cases: dispatcher, text (contract)", {"ix_debt_contract_no_grams"}),
        ("cases: dispatcher, filter options", {"ix_collection_case_team_district"}),
        ("cases: supervisor, filter options", {"ix_collection_case_district"}),
    ],
)
def test_hot_query_reads_no_big_table_end_to_end(seeded: str, query: str, uses: set[str]) -> None:
    plans = _plans(seeded, query)
    assert plans, f"{query} sent no SELECT"
    assert _seq_scans(plans) == [], f"{query}: sequential scans of big tables"
    assert uses <= _indexes(plans), f"{query}: missing {uses - _indexes(plans)}"


def test_the_cases_a_text_search_finds_are_looked_up_by_id_on_each_access_path(seeded: str) -> None:
    """A contract number a thousand cases contain (HT000012: cases 12,000-12,999 of the seed): the cases
    found are joined to each team's path as rows, one index probe each. As `id = ANY(array)` the planner
    read the team's whole index and tested each entry against the thousand ids (27 ms per team at a
    million cases)."""
    from visitapp.cases.services import cases
    from visitapp.core import auth
    from visitapp.core.models import User

    with Session(db.get_engine(seeded)) as s:
        user = s.exec(sa.select(User).where(User.username == "dispatcher1")).scalars().one()
        dispatcher = auth.identity_of(user)
        s.rollback()

    def search(s: Session) -> object:
        return cases.list_cases(s, actor=dispatcher, filters=cases.CaseFilters(text="HT000012"))

    with Session(db.get_engine(seeded)) as s:
        total = search(s).total
        s.rollback()
    assert 0 < total < 1000, total  # the dispatcher's share of the thousand
    plans = _plans(seeded, "cases: dispatcher, text (contract)", run=search)
    filtered = [
        f"{node['Index Name']}: {node['Filter']}"
        for _, nodes in plans
        for node in nodes
        if node.get("Relation Name") == "collection_case" and "ANY" in node.get("Filter", "")
    ]
    assert filtered == [], "a team's index read whole and filtered by the ids found"
    assert {"ix_debt_contract_no_grams", "ix_collection_case_team_id_id"} <= _indexes(plans)
    # the pieces every contract number has ("ht", "t0", "00": the longest lists in the index, narrowing
    # nothing) are not looked for there; the rarer ones of the text are
    looked_for = [
        node["Index Cond"]
        for _, nodes in plans
        for node in nodes
        if node.get("Index Name") == "ix_debt_contract_no_grams"
    ]
    assert looked_for and all("12" in c and "ht" not in c and "00" not in c for c in looked_for), looked_for
