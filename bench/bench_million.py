"""A million cases on PostgreSQL: a bulk seed, then the hot queries timed through the services themselves.

    python bench/bench_million.py [--cases 1000000] [--seconds 60] [--keep] [--url URL] [--pg-url ADMIN_URL]

The goal run is `--cases 1000000` (the default). Without `--url` it makes a fresh database
(`bench_million_<cases>` on the server of `--pg-url`, or VISITAPP_TEST_PG_URL, or scripts/pg.sh), migrates it
to head (visitapp.core.db.upgrade: the real schema) and seeds it in bulk with COPY; it is dropped at the end
unless `--keep`. `--url` reuses a database seeded before (the seed is skipped when its marker row is there),
so the query part can be run again without seeding; it is migrated to head first, so new indexes apply.

The seed, in realistic proportions: 12 teams of 25 agents (300) under 6 dispatchers, one supervisor; 90 %
as many debtors as cases (some owe twice), 1.3 phones each; one debt per case with 3-5 statement lines;
cases 85 % open, 10 % paused, 5 % closed, with their overdue figures as the import writes them; visits
for 15 % of the cases, about 1,500 a working day over the past 20 weeks and the next week (done, not met,
missed in the past; planned from today), two agents on each; 3 contact-ledger rows per case over the past
half year; a note on half the past visits. Rows are
written with COPY while the secondary indexes and foreign keys are set aside, then put back exactly as
the migrations made them (their definitions are read from the catalog), so the schema stays the real one.

The query part times the services the pages call (not copies of their SQL), each run in its own
transaction rolled back afterwards (the dossier writes an audit row): the agent's Today
(field.services.visits.agent_day, and the poll's day_signature), the case list for a dispatcher and a
supervisor with each filter and a deep page (cases.services.cases.list_cases) and its filter choices
(filter_options), the board
(planning.services.board.team_progress), the dossier (field.services.dossier.open_dossier), an agent's reminders
(money.services.followup.reminders_page) and the office
report for a week (reports.services.reports.build). Per query: p50 / p95 / p99 in ms against the goal
p95 <= 10 ms, with the machine's core count. Bounded: each query runs at most `--runs` times and all of
them together for about `--seconds`. Prints figures; never fails.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("VISITAPP_SECRET_KEY", secrets.token_hex(32))

import sqlalchemy as sa  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from visitapp.cases.rules.statement import overdue  # noqa: E402
from visitapp.core import auth, clock, db  # noqa: E402
from visitapp.core.models import PolicySetting, User  # noqa: E402
from visitapp.core.security import hash_password  # noqa: E402
from visitapp.demo import CREDITORS, GIVEN_CHARS, MOBILE_PREFIXES, SURNAMES  # noqa: E402
from visitapp.demo_places import CITY, STREETS, TEAM_BASES  # noqa: E402

MARKER = "bench_million"  # the policy_setting row that says a database holds this seed, and for which day
TZ = ZoneInfo("Asia/Shanghai")
GOAL_MS = 10.0
N_TEAMS = 12
AGENTS_PER_TEAM = 25
N_DISPATCHERS = 6
VISIT_SHARE = 0.15
PAST_WEEKS = 20
LEDGER_PER_CASE = 3
PASSWORD = "bench1234"
# the big tables whose rows COPY writes: their secondary indexes and foreign keys are set aside meanwhile
BIG = (
    "debtor",
    "debtor_phone",
    "debt",
    "statement_line",
    "collection_case",
    "visit",
    "visit_agent",
    "visit_outcome",
    "contact_ledger",
    "note",
    "promise",
    "audit_log",
)
SLOTS = ((dtime(9), dtime(11)), (dtime(11), dtime(13)), (dtime(14), dtime(16)), (dtime(16), dtime(18)))
PAST_OUTCOMES = (("met", 30), ("not_home", 24), ("promise", 18), ("paid", 10), ("refused", 8), ("wrong_address", 4))
DISTRICTS = tuple(dict.fromkeys(s.district for s in STREETS))


# ---------------------------------------------------------------------------------------------- seeding


def _n(v: object) -> str:
    """One value in COPY's text format (the seed writes no tab, newline or backslash)."""
    if v is None:
        return r"\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, (date, dtime)):
        return v.isoformat()
    return str(v)


class _Copy:
    """Rows for one table, sent to COPY in chunks of text."""

    def __init__(self, engine: sa.Engine, table: str, columns: str) -> None:
        # a connection of its own: one connection runs one COPY at a time, and the seed writes several
        # tables side by side (their foreign keys are set aside meanwhile)
        self._raw = engine.raw_connection()
        self._conn = self._raw.driver_connection
        self._cm = self._conn.cursor().copy(f'COPY "{table}" ({columns}) FROM STDIN')
        self._copy = self._cm.__enter__()
        self._buf = io.StringIO()
        self.rows = 0

    def row(self, *values: object) -> None:
        self._buf.write("\t".join(map(_n, values)))
        self._buf.write("\n")
        self.rows += 1
        if self.rows % 20_000 == 0:
            self._flush()

    def _flush(self) -> None:
        self._copy.write(self._buf.getvalue())
        self._buf = io.StringIO()

    def close(self) -> int:
        self._flush()
        self._cm.__exit__(None, None, None)
        self._conn.commit()
        self._raw.close()
        return self.rows


def _weekdays(first: date, last: date) -> list[date]:
    out, d = [], first
    while d <= last:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out


def _month_back(today: date, months: int, day: int) -> date:
    idx = today.year * 12 + today.month - 1 - months
    return date(idx // 12, idx % 12 + 1, day)


def _set_aside(cur) -> tuple[list[str], list[str]]:
    """Drop the big tables' secondary indexes and foreign keys; returns the statements that put them back."""
    tables = ",".join(f"'{t}'" for t in BIG)
    cur.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        f"WHERE contype = 'f' AND conrelid::regclass::text IN ({tables}, '\"user\"', 'team')"
    )
    fks = []
    for table, name, definition in cur.fetchall():
        if table.strip('"') in BIG:
            fks.append((table, name, definition))
    cur.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        f"JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname IN ({tables}) AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
    )
    indexes = cur.fetchall()
    for table, name, _ in fks:
        cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cur.execute(f"DROP INDEX {name}")
    return [d for _, d in indexes], [f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}' for t, n, d in fks]


def seed(url: str, *, cases: int, rng_seed: int = 11, today: date | None = None, quiet: bool = False) -> dict:
    """Seed a migrated, empty PostgreSQL database; returns row counts and seconds per step."""
    say: Callable[[str], None] = (lambda _m: None) if quiet else (lambda m: print(m, flush=True))
    rng = random.Random(rng_seed)
    today = today or clock.today()
    t_start = time.perf_counter()
    timings: dict[str, float] = {}
    counts: dict[str, int] = {}
    engine = db.get_engine(url)

    # --- people and teams through the ORM (a few hundred rows)
    pw = hash_password(PASSWORD)
    with Session(engine) as s:
        s.execute(
            sa.text(
                "INSERT INTO team (id, name, base_address, base_lat, base_lon, lunch_minutes, version, created_at) "
                "VALUES (:id, :name, :addr, :lat, :lon, 60, 1, now())"
            ),
            [
                {
                    "id": i + 1,
                    "name": f"{TEAM_BASES[i % len(TEAM_BASES)].name} {i + 1}",
                    "addr": TEAM_BASES[i % len(TEAM_BASES)].address,
                    "lat": TEAM_BASES[i % len(TEAM_BASES)].lat + 0.01 * (i // len(TEAM_BASES)),
                    "lon": TEAM_BASES[i % len(TEAM_BASES)].lon,
                }
                for i in range(N_TEAMS)
            ],
        )
        people = [("admin", "管理员", "admin", None), ("supervisor1", "主管", "supervisor", None)]
        people += [(f"dispatcher{d + 1}", f"调度{d + 1}", "dispatcher", None) for d in range(N_DISPATCHERS)]
        people += [
            (f"agent{t * AGENTS_PER_TEAM + a + 1}", f"外访员{t * AGENTS_PER_TEAM + a + 1}", "agent", t + 1)
            for t in range(N_TEAMS)
            for a in range(AGENTS_PER_TEAM)
        ]
        s.execute(
            sa.text(
                'INSERT INTO "user" (id, username, display_name, role, team_id, password_hash, badge_no, locale, '
                "nav_app, verify_token, active, must_change_password, version, created_at) VALUES (:id, :u, :n, :r, "
                ":t, :pw, :badge, 'zh-CN', 'amap', :tok, true, false, 1, now())"
            ),
            [
                {
                    "id": k + 1,
                    "u": u,
                    "n": n,
                    "r": r,
                    "t": t,
                    "pw": pw,
                    "badge": f"B-{k + 1:05d}" if r == "agent" else None,
                    "tok": secrets.token_urlsafe(24) if r == "agent" else None,
                }
                for k, (u, n, r, t) in enumerate(people)
            ],
        )
        dispatcher_ids = [3 + d for d in range(N_DISPATCHERS)]
        for i in range(N_TEAMS):  # each dispatcher runs two teams
            s.execute(
                sa.text("UPDATE team SET dispatcher_id = :d WHERE id = :t"),
                {"d": dispatcher_ids[i % N_DISPATCHERS], "t": i + 1},
            )
        s.commit()
    first_agent = 3 + N_DISPATCHERS
    team_agents = {
        t + 1: [first_agent + t * AGENTS_PER_TEAM + a for a in range(AGENTS_PER_TEAM)] for t in range(N_TEAMS)
    }
    counts["users"] = len(people)

    raw = engine.raw_connection()
    conn = raw.driver_connection  # psycopg 3
    assert conn is not None
    cur = conn.cursor()
    t0 = time.perf_counter()
    index_defs, fk_defs = _set_aside(cur)
    conn.commit()  # before the COPY connections write to the tables
    n_debtors = max(1, cases * 9 // 10)
    now = datetime.now(UTC)

    # --- debtors and their phones
    debtor_team: list[int] = [0] * (n_debtors + 1)
    cp = _Copy(
        engine,
        "debtor",
        "id, name, address, city, district, lat, lon, geocode_status, version, timezone, locale, night_worker, "
        "do_not_visit, disputed, lawyer, deceased, cease_communication, created_at, updated_at",
    )
    ph = _Copy(engine, "debtor_phone", "id, debtor_id, number, kind, is_primary")
    phone_id = 0
    stamp = now.isoformat()
    debtor_district: list[str] = [""] * (n_debtors + 1)
    for i in range(1, n_debtors + 1):
        st = STREETS[rng.randrange(len(STREETS))]
        debtor_district[i] = st.district
        t = rng.random()
        lat = st.start[0] + t * (st.end[0] - st.start[0]) + rng.uniform(-0.0006, 0.0006)
        lon = st.start[1] + t * (st.end[1] - st.start[1]) + rng.uniform(-0.0007, 0.0007)
        debtor_team[i] = 1 + (DISTRICTS.index(st.district) * N_TEAMS + rng.randrange(N_TEAMS)) // len(DISTRICTS)
        given = "".join(rng.choice(GIVEN_CHARS) for _ in range(1 if rng.random() < 0.3 else 2))
        cp.row(
            i,
            rng.choice(SURNAMES) + given,
            f"{CITY}{st.district}{st.name}{rng.randint(1, 999)}号{rng.randint(1, 30)}{rng.randint(1, 4):02d}室",
            CITY,
            st.district,
            round(lat, 6),
            round(lon, 6),
            "given" if rng.random() < 0.97 else "needs_pin",
            1,
            "Asia/Shanghai",
            "zh-CN" if rng.random() < 0.95 else "en",
            rng.random() < 0.05,
            rng.random() < 0.02,
            rng.random() < 0.02,
            False,
            False,
            False,
            stamp,
            stamp,
        )
        for k in range(1 if rng.random() < 0.7 else 2):
            phone_id += 1
            ph.row(phone_id, i, f"+86{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**8):08d}", "mobile", k == 0)
    counts["debtors"] = cp.close()
    counts["debtor_phones"] = ph.close()
    conn.commit()
    timings["debtors"] = time.perf_counter() - t0
    say(f"  debtors, phones: {counts['debtors']:,} / {counts['debtor_phones']:,} in {timings['debtors']:.0f} s")

    # --- debts, statement lines, cases
    t0 = time.perf_counter()
    dt = _Copy(
        engine,
        "debt",
        "id, debtor_id, contract_no, creditor, product, principal_cents, currency, opened_on, created_at",
    )
    sl = _Copy(
        engine, "statement_line", "id, debt_id, due_date, kind, description, amount_due_cents, amount_paid_cents"
    )
    cs = _Copy(
        engine,
        "collection_case",
        "id, debtor_id, debt_id, team_id, agent_id, segment, strategy, score, status, score_factors, pause_reason, "
        "priority, version, created_at, updated_at, overdue_cents, oldest_due, overdue_until, overdue_as_of, district",
    )
    line_id = 0
    case_team: list[int] = [0] * (cases + 1)
    case_debtor: list[int] = [0] * (cases + 1)
    case_open: list[bool] = [False] * (cases + 1)
    for c in range(1, cases + 1):
        debtor = c if c <= n_debtors else rng.randint(1, n_debtors)
        principal = rng.randint(30, 2000) * 10_000
        term = rng.choice((6, 12, 24, 36))
        n_lines = rng.randint(3, 5)
        first_ago = rng.randint(1, 18)  # months since the first unpaid installment fell due
        due_day = rng.randint(1, 28)
        opened = _month_back(today, first_ago + rng.randint(1, 6), due_day)
        dt.row(c, debtor, f"HT{c:09d}", CREDITORS[c % len(CREDITORS)], "消费贷", principal, "CNY", opened, stamp)
        base = principal // term
        lines = []
        for j in range(n_lines):
            line_id += 1
            due = _month_back(today, first_ago - j, due_day)  # the last ones may not be due yet
            paid = base if rng.random() < 0.08 else (base // 3 if rng.random() < 0.1 else 0)
            kind = "installment" if j % 3 != 2 else "interest"
            sl.row(line_id, c, due, kind, f"第{j + 1}/{term}期", base, paid)
            lines.append((due, base, paid))
        figures = overdue(lines, today)  # as the import writes them with the lines
        team = debtor_team[debtor] if rng.random() < 0.97 else None
        agent = rng.choice(team_agents[team]) if team and rng.random() < 0.9 else None
        r = rng.random()
        status = "open" if r < 0.85 else "paused" if r < 0.95 else "closed"
        score = max(0, min(100, round(rng.gauss(50, 20))))
        segment = "A" if score >= 75 else "B" if score >= 50 else "C" if score >= 25 else "D"
        strategy = rng.choices(("sms", "call", "visit", "review"), weights=(30, 35, 20, 15))[0]
        factors = '[{"code": "overdue", "points": -5, "detail": {}}]'
        cs.row(
            c,
            debtor,
            c,
            team,
            agent,
            segment,
            strategy,
            score,
            status,
            factors,
            "hardship" if status == "paused" else None,
            rng.choice((0, 0, 0, 1, 2)),
            1,
            stamp,
            stamp,
            figures.cents,
            figures.oldest_due,
            figures.until,
            figures.as_of,
            debtor_district[debtor],
        )
        case_team[c] = team or 0
        case_debtor[c] = debtor
        case_open[c] = status == "open" and team is not None
    counts["debts"] = dt.close()
    counts["statement_lines"] = sl.close()
    counts["cases"] = cs.close()
    conn.commit()
    timings["cases"] = time.perf_counter() - t0
    say(
        f"  debts, statement lines, cases: {counts['debts']:,} / {counts['statement_lines']:,} / {counts['cases']:,}"
        f" in {timings['cases']:.0f} s"
    )

    # --- visits: ~1,500 a working day over the past weeks and the next one, in pairs of the team's agents
    t0 = time.perf_counter()
    days = _weekdays(today - timedelta(weeks=PAST_WEEKS), today + timedelta(days=7))
    by_team: dict[int, list[int]] = {t: [] for t in team_agents}
    for c in rng.sample(range(1, cases + 1), int(cases * VISIT_SHARE)):
        if case_team[c]:
            by_team[case_team[c]].append(c)
    vi = _Copy(
        engine,
        "visit",
        "id, case_id, team_id, visit_date, window_start, window_end, hard_window, confirmation, status, route_order, "
        "eta, service_minutes, priority, checkin_at, checkin_lat, checkin_lon, checkin_accuracy_m, checkin_distance_m, "
        "checkin_flagged, checkout_at, outcome, outcome_at, version, created_at",
    )
    va = _Copy(engine, "visit_agent", "visit_id, user_id")
    vo = _Copy(engine, "visit_outcome", "id, visit_id, case_id, author_id, outcome, typed_at, created_at")
    no = _Copy(engine, "note", "id, case_id, visit_id, author_id, body, created_at")
    pr = _Copy(engine, "promise", "id, case_id, visit_id, amount_cents, due_date, status, created_by, created_at")
    au = _Copy(engine, "audit_log", "at, actor_id, action, entity, entity_id, before, after, detail")
    lg = _Copy(
        engine,
        "contact_ledger",
        "id, debtor_id, case_id, team_id, channel, target, target_ref, actor_id, at, allowed, result, reasons, "
        "profile, details",
    )
    outcomes, weights = zip(*PAST_OUTCOMES)
    visit_id = outcome_id = note_id = promise_id = ledger_id = 0
    for team, team_cases in by_team.items():
        agents = team_agents[team]
        pairs = [agents[k : k + 2] for k in range(0, len(agents) - 1, 2)]
        per_day = max(1, len(team_cases) // len(days))
        for d_idx, day in enumerate(days):
            todays = team_cases[d_idx * per_day : (d_idx + 1) * per_day]
            past = day < today
            for k, c in enumerate(todays):
                visit_id += 1
                pair = pairs[k % len(pairs)]
                order = k // len(pairs) + 1
                start, end = SLOTS[min(order - 1, len(SLOTS) * 3 - 1) // 3]
                eta = datetime.combine(day, start, TZ) + timedelta(minutes=20 * ((order - 1) % 3))
                status, outcome, checkin, checkout = "planned", None, None, None
                if past or (day == today and start < dtime(9, 30) and rng.random() < 0.3):
                    r = rng.random()
                    if r < 0.9:
                        status, outcome = "done", rng.choices(outcomes, weights=weights)[0]
                        checkin = eta + timedelta(minutes=rng.randint(-10, 20))
                        checkout = checkin + timedelta(minutes=rng.randint(15, 40))
                    elif r < 0.95:
                        status = "missed"
                    else:
                        status = "cancelled"
                conf = (
                    rng.choice(("notified", "confirmed")) if past else rng.choice(("proposed", "notified", "confirmed"))
                )
                vi.row(
                    visit_id, c, team, day, start, end, conf == "confirmed", conf, status, order, eta.isoformat(),
                    30, 0, checkin and checkin.isoformat(), 31.23 if checkin else None, 121.47 if checkin else None,
                    10.0 if checkin else None, 25.0 if checkin else None, False, checkout and checkout.isoformat(),
                    outcome, checkout and checkout.isoformat(), 1, (eta - timedelta(days=2)).isoformat(),
                )  # fmt: skip
                for a in pair:
                    va.row(visit_id, a)
                if status == "missed":
                    after = '{"status": "missed", "reason": "not_home"}'
                    au.row(eta.isoformat(), pair[0], "visit.not_visited", "visit", visit_id, None, after, "not_home")
                if checkin is not None:  # the agent opened the dossier at the door
                    au.row(checkin.isoformat(), pair[0], "dossier.view", "case", c, None, None, f"visit {visit_id}")
                if outcome:
                    outcome_id += 1
                    vo.row(outcome_id, visit_id, c, pair[0], outcome, checkout.isoformat(), checkout.isoformat())
                    ledger_id += 1
                    lg.row(
                        ledger_id, case_debtor[c], c, team, "visit", "debtor", None, pair[0], checkin.isoformat(),
                        True, outcome, "[]", "CN-2026", "{}",
                    )  # fmt: skip
                    if rng.random() < 0.5:
                        note_id += 1
                        no.row(note_id, c, visit_id, pair[0], "上门面谈，已告知欠款情况。", checkout.isoformat())
                    if outcome == "promise":
                        promise_id += 1
                        due = day + timedelta(days=7)
                        pst = "open" if due >= today else rng.choice(("kept", "broken"))
                        pr.row(promise_id, c, visit_id, 50_000, due, pst, pair[0], checkout.isoformat())
    counts["visits"] = vi.close()
    counts["visit_agents"] = va.close()
    counts["visit_outcomes"] = vo.close()
    counts["notes"] = no.close()
    counts["promises"] = pr.close()
    counts["audit_rows"] = au.close()
    conn.commit()
    timings["visits"] = time.perf_counter() - t0
    say(f"  visits: {counts['visits']:,} ({counts['visit_agents']:,} agents on them) in {timings['visits']:.0f} s")

    # --- calls and texts in the contact ledger: LEDGER_PER_CASE a case over the past half year
    t0 = time.perf_counter()
    horizon = 180 * 24 * 3600
    now_ts = datetime.combine(today, dtime(9), TZ).timestamp()
    for c in range(1, cases + 1):
        team = case_team[c]
        actor = team_agents[team][c % AGENTS_PER_TEAM] if team else None
        for _ in range(LEDGER_PER_CASE):
            ledger_id += 1
            at = datetime.fromtimestamp(now_ts - rng.randrange(horizon), TZ)
            at = at.replace(hour=9 + at.hour % 10)
            channel = "call" if rng.random() < 0.6 else "sms"
            allowed = rng.random() < 0.93
            result = (
                (rng.choice(("connected", "unanswered", "unanswered")) if channel == "call" else "delivered")
                if allowed
                else ""
            )
            reasons = "[]" if allowed else '[{"code": "cap_week", "kw": {}}]'
            lg.row(
                ledger_id, case_debtor[c], c, team or None, channel, "debtor", None, actor, at.isoformat(), allowed,
                result, reasons, "CN-2026", "{}",
            )  # fmt: skip
    counts["ledger_rows"] = lg.close()
    conn.commit()
    timings["ledger"] = time.perf_counter() - t0
    say(f"  contact ledger: {counts['ledger_rows']:,} in {timings['ledger']:.0f} s")

    # --- the indexes and keys back, the sequences past the ids, fresh statistics
    t0 = time.perf_counter()
    cur.execute("SET maintenance_work_mem = '256MB'")
    for statement in index_defs + fk_defs:
        cur.execute(statement)
    conn.commit()
    timings["indexes"] = time.perf_counter() - t0
    say(f"  {len(index_defs)} indexes and {len(fk_defs)} foreign keys back in {timings['indexes']:.0f} s")
    for table in ("team", "user", *(t for t in BIG if t != "visit_agent")):
        cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", (f'"{table}"',))
        seq = cur.fetchone()
        if seq and seq[0]:
            cur.execute(f'SELECT setval(%s, (SELECT coalesce(max(id), 0) + 1 FROM "{table}"), false)', (seq[0],))
    cur.execute(
        "INSERT INTO policy_setting (key, value, updated_at) VALUES (%s, %s, now())",
        (MARKER, json.dumps({"day": today.isoformat(), "cases": cases, "seed": rng_seed})),
    )
    conn.commit()
    t0 = time.perf_counter()
    conn.autocommit = True
    cur.execute("VACUUM (ANALYZE)")
    conn.autocommit = False
    timings["analyze"] = time.perf_counter() - t0
    raw.close()
    timings["total"] = time.perf_counter() - t_start
    return {"counts": counts, "timings": timings}


# ---------------------------------------------------------------------------------------------- queries


@dataclass
class Query:
    name: str
    run: Callable[[Session], object]


def _quantiles(times: list[float]) -> tuple[float, float, float]:
    if len(times) == 1:
        return times[0], times[0], times[0]
    q = statistics.quantiles(times, n=100, method="inclusive")
    return statistics.median(times), q[94], q[98]


def queries(session: Session, seed_day: date) -> list[Query]:
    """The hot queries, through the services the pages call; actors and ids picked from the seed."""
    from visitapp.cases.services import cases
    from visitapp.field.services import dossier, visits
    from visitapp.money.services import followup
    from visitapp.planning.services import board
    from visitapp.reports.services import reports

    users = {u.username: auth.identity_of(u) for u in session.exec(select(User)).all()}
    dispatcher, supervisor = users["dispatcher1"], users["supervisor1"]
    # the busiest agent of the day (the Today page of someone with visits)
    rows = session.execute(
        sa.text(
            "SELECT va.user_id, count(*) FROM visit v JOIN visit_agent va ON va.visit_id = v.id "
            "WHERE v.visit_date = :d GROUP BY va.user_id ORDER BY count(*) DESC, va.user_id LIMIT 20"
        ),
        {"d": seed_day},
    ).all()
    by_id = {u.id: u for u in users.values()}
    agents = [by_id[r[0]] for r in rows] or [users["agent1"]]
    agent = agents[0]
    today_visits = visits.agent_day(session, actor=agent).visits
    visit_ids = [v.visit_id for v in today_visits] or [1]
    some_agent = next((a for a in agents if a.team_id in {1, 7}), agent)  # one of dispatcher1's teams
    rng = random.Random(5)
    F = cases.CaseFilters

    def case_list(actor, page: int = 1, **kw) -> Callable[[Session], object]:
        return lambda s: cases.list_cases(s, actor=actor, page=page, filters=F(**kw))

    return [
        Query("today: agent_day", lambda s: visits.agent_day(s, actor=rng.choice(agents))),
        Query("today: day_signature (poll)", lambda s: visits.day_signature(s, actor=agent, day=seed_day)),
        Query("cases: dispatcher, no filter", case_list(dispatcher)),
        Query("cases: dispatcher, segment A", case_list(dispatcher, segment="A")),
        Query("cases: dispatcher, bucket M2", case_list(dispatcher, bucket="M2")),
        Query("cases: dispatcher, status paused", case_list(dispatcher, status="paused")),
        Query("cases: dispatcher, one agent", case_list(dispatcher, agent_id=some_agent.id)),
        Query("cases: dispatcher, unassigned", case_list(dispatcher, agent_id=0)),
        Query("cases: dispatcher, district", case_list(dispatcher, district=DISTRICTS[0])),
        Query("cases: dispatcher, text (name)", case_list(dispatcher, text="王伟")),
        Query("cases: dispatcher, text (contract)", case_list(dispatcher, text="HT000123")),
        Query("cases: dispatcher, page 400", case_list(dispatcher, page=400)),
        Query("cases: supervisor, no filter", case_list(supervisor)),
        # the last page there is: the list counts up to cases.COUNT_CAP (10,000 cases, 400 pages)
        Query("cases: supervisor, page 400 (the last)", case_list(supervisor, page=400)),
        # the list's filter choices, read with every page (the districts there are: migration 0019)
        Query("cases: dispatcher, filter options", lambda s: cases.filter_options(s, actor=dispatcher)),
        Query("cases: supervisor, filter options", lambda s: cases.filter_options(s, actor=supervisor)),
        Query("board: dispatcher", lambda s: board.team_progress(s, actor=dispatcher)),
        Query("board: supervisor", lambda s: board.team_progress(s, actor=supervisor)),
        Query("dossier", lambda s: dossier.open_dossier(s, actor=agent, visit_id=rng.choice(visit_ids))),
        Query("reminders: agent", lambda s: followup.reminders_page(s, actor=agent)),
        Query(
            "report: dispatcher, 7 days",
            lambda s: reports.build(s, actor=dispatcher, start=seed_day - timedelta(days=6), end=seed_day),
        ),
        Query(
            "report: dispatcher, 1 team, 1 day",
            lambda s: reports.build(s, actor=dispatcher, start=seed_day, end=seed_day, team_id=1),
        ),
    ]


def run_queries(url: str, *, seconds: float, runs: int, only: str = "") -> list[tuple[str, list[float]]]:
    engine = db.get_engine(url)
    with Session(engine) as s:
        marker = s.get(PolicySetting, MARKER)
        seed_day = date.fromisoformat(marker.value["day"]) if marker else clock.today()
    clock.set_now(datetime.combine(seed_day, dtime(10, 30), TZ))  # mid-morning of the seeded day
    with Session(engine) as s:
        qs = [q for q in queries(s, seed_day) if only in q.name]
        s.rollback()
    budget = seconds / max(1, len(qs))
    out = []
    for q in qs:
        times: list[float] = []
        started = time.perf_counter()
        while len(times) < runs and (time.perf_counter() - started < budget or len(times) < 3):
            with Session(engine) as s:
                t = time.perf_counter()
                q.run(s)
                times.append((time.perf_counter() - t) * 1000)
                s.rollback()
        out.append((q.name, times))
        p50, p95, p99 = _quantiles(times)
        met = "met" if p95 <= GOAL_MS else "NOT met"
        print(f"  {q.name:36} {p50:9.1f} {p95:9.1f} {p99:9.1f}  {len(times):4}  {met}", flush=True)
    return out


# ---------------------------------------------------------------------------------------------- main


def _admin_url(given: str | None) -> str:
    if given or os.environ.get("VISITAPP_TEST_PG_URL"):
        return given or os.environ["VISITAPP_TEST_PG_URL"]
    out = subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh")], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


@dataclass
class _Fresh:
    url: str
    name: str
    admin: str


def _fresh(admin_url: str, name: str) -> Iterator[_Fresh]:
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    yield _Fresh(sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False), name, admin_url)


def drop(admin_url: str, name: str) -> None:
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--url", help="a database seeded before (or empty: seeded now); kept")
    parser.add_argument(
        "--pg-url", help="the server for a fresh database (default: VISITAPP_TEST_PG_URL, scripts/pg.sh)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the fresh database for another run (--url)")
    parser.add_argument("--seconds", type=float, default=60.0, help="about how long the query part may take")
    parser.add_argument("--runs", type=int, default=50, help="at most this many runs per query")
    parser.add_argument("--only", default="", help="only the queries whose name contains this")
    parser.add_argument("--no-queries", action="store_true")
    args = parser.parse_args(argv)

    fresh = None
    if args.url:
        url = args.url
    else:
        admin = _admin_url(args.pg_url)
        fresh = next(_fresh(admin, f"bench_million_{args.cases}"))
        url = fresh.url
    try:
        db.upgrade(url)
        engine = db.get_engine(url)
        with Session(engine) as s:
            marker = s.get(PolicySetting, MARKER)
        shown = sa.make_url(url).render_as_string(hide_password=True)
        if marker is None:
            print(f"seeding {args.cases:,} cases into {shown} (COPY) ...", flush=True)
            out = seed(url, cases=args.cases)
            c, t = out["counts"], out["timings"]
            print(f"seeded in {t['total']:.0f} s ({t['indexes']:.0f} s indexes, {t['analyze']:.0f} s vacuum analyze):")
            print("  " + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in c.items()))
        else:
            print(f"reusing {shown}: {marker.value}")
        if not args.no_queries:
            print(
                f"queries through the services, {os.cpu_count()} cores, goal p95 <= {GOAL_MS:.0f} ms "
                f"(each run in its own session; ms):"
            )
            print(f"  {'query':36} {'p50':>9} {'p95':>9} {'p99':>9}  runs  goal")
            results = run_queries(url, seconds=args.seconds, runs=args.runs, only=args.only)
            met = sum(1 for _, times in results if _quantiles(times)[1] <= GOAL_MS)
            print(f"goal p95 <= {GOAL_MS:.0f} ms met by {met} of {len(results)} queries")
    finally:
        db.get_engine.cache_clear()
        if fresh is not None:
            if args.keep:
                print(f"kept: --url {fresh.url}")
            else:
                drop(fresh.admin, fresh.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
