"""Who reaches what: role × relation × object → ok / not_found / forbidden, asked through the services and
the HTTP routes (never of `visitapp.core.access` alone). SQLite and PostgreSQL.

The rule (see `visitapp.core.access`): an agent reaches a case while it is assigned to them or their team
*now*, and a visit while they are on it and its case is still theirs, or while it is an open visit (today or
later) that dispatch gave to their team; a dispatcher reaches the cases of the teams they run now (and the
open visits dispatch gave to those teams); supervisors and admins reach everything. History never grants
access. At the door only an agent on the visit acts (the office gets Forbidden `error.at_door_only`);
anything not reachable is NotFound.

The world, built once per engine for the whole module:

- team T1 run by dispatcher D1, agents A, P, Q; team T2 run by dispatcher D2, agents B1, B2; supervisor S,
  admin M. The actors are A (agent), D1 (dispatcher), S (supervisor) and M (admin);
- one case per relation, each with today's open visit (checked in) and yesterday's visit (done):
  - own: A's case in T1; both visits with A and P;
  - same_team: partner P's case in T1; both visits with P and Q (A is on neither);
  - other_team: B1's case in T2; both visits with B1 and B2;
  - reassigned_away: was A's (T1, both visits with A and P), then `assignment.assign` gave it to B1: today's
    planned visit moved along (team T2, B1 and B2 on it, and B1 wrote a note on it), yesterday's done visit
    stays T1's and keeps A's `visit_agent` row: history;
  - reassigned_to: was B1's (T2, visits with B1 and B2), then given to A: today's visit moved to T1 with
    A, P and Q on it; yesterday's stays B1's and B2's;
  - unassigned: no team, no agent; nobody is on today's visit; yesterday's was T1's with A and P on it;
  - dispatched: B1's case in T2 whose open visit today dispatch gave to T1, with A and P on it; yesterday's
    visit was B1's and B2's.
  For D1 the relations read: own and same_team are cases of the team D1 runs, reassigned_away moved out of
  it, reassigned_to moved into it, dispatched is another team's case whose visit was given to D1's team;
- hanging off each case: an active plan with its agreement file, a payment, an open complaint, photos on
  both visits, and one reminder per actor.

Every cell runs in a session of its own that is rolled back afterwards, so no cell sees another's writes.
The HTTP routes run as they are, except that their unit of work is rolled back instead of committed
(`_rolled_back`), for the same reason.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, delete, select
from starlette.testclient import TestClient

import visitapp.http.agreements as agreement_routes
import visitapp.http.routes as api_routes
from tests import factories as f
from tests.conftest import DEFAULT_NOW, drop_pg, fresh_pg_url
from visitapp.cases.services import assignment, cases
from visitapp.compliance.services import notices
from visitapp.core import access, auth, clock, db
from visitapp.core.enums import Channel, Outcome, PlanStatus, VisitStatus
from visitapp.core.errors import Forbidden, NotFound
from visitapp.core.identity import Identity
from visitapp.core.models import (
    Attachment,
    Case,
    Complaint,
    ContactLedger,
    Note,
    Payment,
    Plan,
    Reminder,
    Visit,
    VisitAgent,
)
from visitapp.core.settings import reset_settings_cache
from visitapp.debtor.services import complaints
from visitapp.field.services import calls, checkin, distress, dossier, scripts, visit_log, visits
from visitapp.money.services import agreements, followup, payments, plans

ROLES = ("agent", "dispatcher", "supervisor", "admin")
RELATIONS = ("own", "same_team", "other_team", "reassigned_away", "reassigned_to", "unassigned", "dispatched")
CODES = {"ok": "ok", "nf": "not_found", "fb": "forbidden"}

# The expectation. Objects:
#   case        the case and what hangs off it: a payment for it, its receipt, its plan and agreement, the
#               actor's own reminder about it, the actor's own call entry on it
#   case_list   the office's list of cases (staff only)
#   complaint   a complaint about the case (staff only)
#   visit       today's open visit of the case, read (dossier, phones, log, plan quote, photos, ...)
#   agent_day   the agent's list of today's visits (field only)
#   door        today's open visit, at the door (check-in/out, notes, outcomes, promises, payments, photos,
#               distress, notices), through the services and POST /api/outbox
#   past_visit  yesterday's done visit of the case, read
#   past_door   yesterday's done visit of the case, at the door
# ok: allowed; nf: NotFound (or not listed); fb: Forbidden. "dispatched": while dispatch has given an open
# visit of the case to the actor's team today, the case is reached through it (plans, receipts, calls).
TABLE = """
object      role        own  same_team  other_team  reassigned_away  reassigned_to  unassigned  dispatched
case        agent       ok   ok         nf          nf               ok             nf          ok
case        dispatcher  ok   ok         nf          nf               ok             nf          ok
case        supervisor  ok   ok         ok          ok               ok             ok          ok
case        admin       ok   ok         ok          ok               ok             ok          ok
case_list   agent       fb   fb         fb          fb               fb             fb          fb
case_list   dispatcher  ok   ok         nf          nf               ok             nf          ok
case_list   supervisor  ok   ok         ok          ok               ok             ok          ok
case_list   admin       ok   ok         ok          ok               ok             ok          ok
complaint   agent       fb   fb         fb          fb               fb             fb          fb
complaint   dispatcher  ok   ok         nf          nf               ok             nf          ok
complaint   supervisor  ok   ok         ok          ok               ok             ok          ok
complaint   admin       ok   ok         ok          ok               ok             ok          ok
visit       agent       ok   nf         nf          nf               ok             nf          ok
visit       dispatcher  ok   ok         nf          nf               ok             nf          ok
visit       supervisor  ok   ok         ok          ok               ok             ok          ok
visit       admin       ok   ok         ok          ok               ok             ok          ok
agent_day   agent       ok   nf         nf          nf               ok             nf          ok
agent_day   dispatcher  fb   fb         fb          fb               fb             fb          fb
agent_day   supervisor  fb   fb         fb          fb               fb             fb          fb
agent_day   admin       fb   fb         fb          fb               fb             fb          fb
door        agent       ok   nf         nf          nf               ok             nf          ok
door        dispatcher  fb   fb         nf          nf               fb             nf          fb
door        supervisor  fb   fb         fb          fb               fb             fb          fb
door        admin       fb   fb         fb          fb               fb             fb          fb
past_visit  agent       ok   nf         nf          nf               nf             nf          nf
past_visit  dispatcher  ok   ok         nf          nf               ok             nf          ok
past_visit  supervisor  ok   ok         ok          ok               ok             ok          ok
past_visit  admin       ok   ok         ok          ok               ok             ok          ok
past_door   agent       ok   nf         nf          nf               nf             nf          nf
past_door   dispatcher  fb   fb         nf          nf               fb             nf          fb
past_door   supervisor  fb   fb         fb          fb               fb             fb          fb
past_door   admin       fb   fb         fb          fb               fb             fb          fb
"""


def _parse(table: str) -> dict[tuple[str, str, str], str]:
    header, *rows = [line.split() for line in table.strip().splitlines()]
    assert tuple(header[2:]) == RELATIONS, header
    out: dict[tuple[str, str, str], str] = {}
    for obj, role, *codes in rows:
        assert role in ROLES and len(codes) == len(RELATIONS), (obj, role, codes)
        for relation, code in zip(RELATIONS, codes):
            assert (role, relation, obj) not in out, (role, relation, obj)
            out[(role, relation, obj)] = CODES[code]
    return out


EXPECTED = _parse(TABLE)
OBJECTS = tuple(dict.fromkeys(obj for _role, _relation, obj in EXPECTED))

HOME = (31.229, 121.455)  # where the factories put every debtor
PNG = b"\x89PNG\r\n\x1a\n" + b"matrix photo"  # the photo services look at the magic bytes only
BASE_URL = "https://visit.example"


# --------------------------------------------------------------------------------------------- the world


@dataclass(frozen=True)
class Rel:
    """The records of one relation (ids)."""

    case: int
    visit: int  # today's, open and checked in
    past_visit: int  # yesterday's, done
    photo: int  # on today's visit
    past_photo: int  # on yesterday's visit
    plan: int  # active, with its agreement file
    payment: int
    complaint: int
    reminders: dict[str, int]  # role -> the reminder about this case owned by that role's actor


@dataclass
class World:
    url: str
    actors: dict[str, Identity]
    tokens: dict[str, str]
    rel: dict[str, Rel]
    files: dict[str, bytes]  # what the private downloads must return, by "photo:<id>" / "plan:<id>"
    people: dict[str, int]  # every user of the world by its name above (for the precondition test)
    teams: dict[str, int]
    client: TestClient


@contextmanager
def _rolled_back(url: str | None = None) -> Iterator[Session]:
    """The HTTP routes' unit of work, rolled back instead of committed: the routes run unchanged and the
    shared world stays as it was built."""
    with Session(db.get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.expunge_all()  # what the route read stays readable, as after a commit
            session.rollback()


def _build(url: str, private: Path) -> World:
    today = clock.today()
    yesterday = today - timedelta(days=1)
    files: dict[str, bytes] = {}
    with db.session_scope(url) as s:
        d1, d2 = f.user(s, role="dispatcher"), f.user(s, role="dispatcher")
        t1, t2 = f.team(s, dispatcher=d1), f.team(s, dispatcher=d2)
        a, p, q = f.user(s, team=t1), f.user(s, team=t1), f.user(s, team=t1)
        b1, b2 = f.user(s, team=t2), f.user(s, team=t2)
        sup, admin = f.user(s, role="supervisor"), f.user(s, role="admin")
        actors = {"agent": a, "dispatcher": d1, "supervisor": sup, "admin": admin}

        def both_visits(case: Case, today_agents: list, past_agents: list, past_team=None) -> tuple[Visit, Visit]:
            now_v = f.visit(s, case=case, agents=today_agents, day=today, window=(time(9), time(11)))
            past = f.visit(s, case=case, agents=past_agents, day=yesterday, window=(time(9), time(11)))
            past.status, past.outcome = VisitStatus.DONE, Outcome.NOT_HOME
            past.checkin_at = past.outcome_at = datetime.combine(yesterday, time(2), tzinfo=clock.now().tzinfo)
            if past_team is not None:
                past.team_id = past_team.id
            s.add(past)
            return now_v, past

        built: dict[str, tuple[Case, Visit, Visit]] = {}
        c = f.case(s, team=t1, agent=a)
        built["own"] = (c, *both_visits(c, [a, p], [a, p]))
        c = f.case(s, team=t1, agent=p)
        built["same_team"] = (c, *both_visits(c, [p, q], [p, q]))
        c = f.case(s, team=t2, agent=b1)
        built["other_team"] = (c, *both_visits(c, [b1, b2], [b1, b2]))
        c = f.case(s, team=t1, agent=a)
        built["reassigned_away"] = (c, *both_visits(c, [a, p], [a, p]))
        c = f.case(s, team=t2, agent=b1)
        built["reassigned_to"] = (c, *both_visits(c, [b1, b2], [b1, b2]))
        c = f.case(s)
        built["unassigned"] = (c, *both_visits(c, [], [a, p], past_team=t1))
        c = f.case(s, team=t2, agent=b1)
        now_v, past = both_visits(c, [a, p], [b1, b2])
        now_v.team_id = t1.id  # dispatch gave today's visit of T2's case to T1
        s.add(now_v)
        built["dispatched"] = (c, now_v, past)
        s.flush()

        # the moves, as the office makes them (planned visits go along, done ones stay)
        who = auth.identity_of(sup)
        for relation, agent in (("reassigned_away", b1), ("reassigned_to", a)):
            case = built[relation][0]
            assignment.assign(s, actor=who, case_id=case.id, agent_id=agent.id, expected_version=case.version)
        visit_log.add_note(
            s, actor=auth.identity_of(b1), visit_id=built["reassigned_away"][1].id, body="新团队的记录：下午再来"
        )

        (private / "agreements").mkdir(parents=True, exist_ok=True)
        photo_dir = visit_log.photo_dir()
        rel: dict[str, Rel] = {}
        for n, relation in enumerate(RELATIONS):
            case, now_v, past = built[relation]
            s.refresh(now_v)
            now_v.status, now_v.checkin_at = VisitStatus.IN_PROGRESS, clock.now() - timedelta(minutes=10)
            now_v.checkin_lat, now_v.checkin_lon = HOME
            s.add(now_v)
            photos = []
            for v in (now_v, past):
                data = PNG + f" {relation} {v.id}".encode()
                stored = f"matrix-{uuid.uuid4().hex}.png"
                (photo_dir / stored).write_bytes(data)
                att = Attachment(
                    case_id=case.id,
                    visit_id=v.id,
                    uploaded_by=sup.id,
                    filename="door.png",
                    stored_name=stored,
                    content_type="image/png",
                    size_bytes=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                )
                s.add(att)
                s.flush()
                files[f"photo:{att.id}"] = data
                photos.append(att.id)
            pdf = f"%PDF-1.4\n% the signed agreement of case {case.id}\n".encode()
            stored = f"agreements/matrix-{uuid.uuid4().hex}.pdf"
            (private / stored).write_bytes(pdf)
            plan = Plan(
                case_id=case.id,
                proposed_by=sup.id,
                status=PlanStatus.ACTIVE,
                months=3,
                total_cents=100_000,
                down_payment_cents=100_000,  # still open: promises up to this much are possible
                first_due_date=today + timedelta(days=30),
                approved_by=sup.id,
                approved_at=clock.now(),
                signed_at=clock.now(),
                agreement_path=stored,
                agreement_sha256=hashlib.sha256(pdf).hexdigest(),
            )
            payment = Payment(
                case_id=case.id,
                amount_cents=5_000,
                paid_on=yesterday,
                method="cash",
                receipt_no=f"SK{yesterday:%Y%m%d}-MTX{n:03d}",
                recorded_by=sup.id,
            )
            complaint = Complaint(
                case_id=case.id,
                debtor_id=case.debtor_id,
                source="call",
                category="conduct",
                body="上门人员态度不好",
                reference_no=f"MTX{n:03d}{uuid.uuid4().hex[:8]}",
                sla_due_at=clock.now() + timedelta(hours=48),
            )
            s.add_all([plan, payment, complaint])
            reminders = {
                role: Reminder(
                    user_id=u.id, case_id=case.id, kind="callback", due_at=clock.now(), title=f"回访 {relation}"
                )
                for role, u in actors.items()
            }
            s.add_all(reminders.values())
            s.flush()
            files[f"plan:{plan.id}"] = pdf
            rel[relation] = Rel(
                case=case.id,
                visit=now_v.id,
                past_visit=past.id,
                photo=photos[0],
                past_photo=photos[1],
                plan=plan.id,
                payment=payment.id,
                complaint=complaint.id,
                reminders={role: r.id for role, r in reminders.items()},
            )
        identities = {role: auth.identity_of(u) for role, u in actors.items()}
        usernames = {role: u.username for role, u in actors.items()}
        everyone = {"A": a, "P": p, "Q": q, "B1": b1, "B2": b2, "D1": d1, "D2": d2, "S": sup, "M": admin}
        people = {name: u.id for name, u in everyone.items()}
        teams = {"T1": t1.id, "T2": t2.id}
    tokens = {}
    for role, username in usernames.items():
        with db.session_scope(url) as s:
            result = auth.login(s, username=username, password=f.PASSWORD)
        assert result.ok, result
        tokens[role] = result.token
    return World(url, identities, tokens, rel, files, people, teams, TestClient(api_routes.api))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One database per engine for the whole module, made the app's database (the HTTP routes use it)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("matrix-db") / "matrix.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url, pg_name = f"sqlite:///{path}", None
    else:
        url, pg_name = fresh_pg_url(request.getfixturevalue("pg_template"))
    private = tmp_path_factory.mktemp("matrix-private")
    mp = pytest.MonkeyPatch()
    mp.setenv("VISITAPP_DATABASE_URL", url)
    mp.setenv("VISITAPP_PRIVATE_DIR", str(private))
    mp.setattr(api_routes, "session_scope", _rolled_back)
    mp.setattr(agreement_routes, "session_scope", _rolled_back)
    reset_settings_cache()
    db.get_engine.cache_clear()
    clock.set_now(DEFAULT_NOW)  # the per-test clock fixture is not set up yet for a module fixture
    try:
        yield _build(url, private)
    finally:
        clock.set_now(None)
        db.get_engine(url).dispose()
        db.get_engine.cache_clear()
        mp.undo()
        reset_settings_cache()
        if pg_name:
            drop_pg(pg_name)


# --------------------------------------------------------------------------------------------- the actions


@dataclass
class Cell:
    s: Session
    w: World
    role: str
    relation: str
    scratch: dict[str, Any] = field(default_factory=dict)

    @property
    def actor(self) -> Identity:
        return self.w.actors[self.role]

    @property
    def rel(self) -> Rel:
        return self.w.rel[self.relation]


@dataclass(frozen=True)
class Action:
    name: str
    obj: str
    run: Callable[[Cell], Any]
    prepare: Callable[[Cell], None] | None = None  # in the cell's session, before `run`
    download: bool = False  # `run` returns (signed url, expected bytes): fetched over HTTP afterwards


def _listed(wanted: int, ids) -> None:
    if wanted not in set(ids):
        raise NotFound("matrix.not_listed")


def _no_complaint(c: Cell) -> None:
    """An open complaint stops every contact (compliance, not access): remove it so that an allowed
    check-in, notice or call really goes through."""
    c.s.exec(delete(Complaint).where(Complaint.case_id == c.rel.case))
    c.s.flush()


def _not_checked_in(c: Cell) -> None:
    _no_complaint(c)
    v = c.s.get(Visit, c.rel.visit)
    v.status, v.checkin_at, v.checkin_lat, v.checkin_lon = VisitStatus.PLANNED, None, None, None
    c.s.add(v)
    c.s.flush()


def _my_call_entry(c: Cell) -> None:
    case = c.s.get(Case, c.rel.case)
    entry = ContactLedger(
        debtor_id=case.debtor_id,
        case_id=case.id,
        channel=Channel.CALL,
        actor_id=c.actor.id,
        allowed=True,
        result="pending",
    )
    c.s.add(entry)
    c.s.flush()
    c.scratch["ledger_id"] = entry.id


def _check_in(c: Cell):
    r = checkin.check_in(c.s, actor=c.actor, visit_id=c.rel.visit, lat=HOME[0], lon=HOME[1], accuracy_m=8)
    assert r.decision.allowed and not r.needs_reason, r
    return r


def _send_notice(c: Cell):
    r = notices.send_visit_notice(c.s, actor=c.actor, visit_id=c.rel.visit, base_url=BASE_URL)
    assert r.decision.allowed and r.message_id, r
    return r


def _start_call(c: Cell):
    r = calls.start(c.s, actor=c.actor, visit_id=c.rel.visit)
    assert r.number, r
    return r


def _terms(visit_id: int) -> dict:
    return {
        "visit_id": visit_id,
        "months": 6,
        "down_payment_cents": 20_000,
        "waive_fees": False,
        "waive_interest": False,
        "first_due_date": clock.today() + timedelta(days=7),
    }


def _photo_url(attr: str) -> Callable[[Cell], tuple[str, bytes]]:
    """What the visit log screen does for a photo: the check, then a short-lived signed URL."""

    def run(c: Cell) -> tuple[str, bytes]:
        attachment_id = getattr(c.rel, attr)
        access.photo_for(c.s, c.actor, attachment_id)
        return visit_log.photo_url(attachment_id), c.w.files[f"photo:{attachment_id}"]

    return run


def _agreement_url(c: Cell) -> tuple[str, bytes]:
    url = agreements.staff_agreement_url(c.s, actor=c.actor, plan_id=c.rel.plan)
    assert url, "an active plan with an agreement must get a URL"
    return url, c.w.files[f"plan:{c.rel.plan}"]


def _outbox(kind: str, attr: str, **fields: Callable[[], Any]) -> Callable[[Cell], Any]:
    """One item through POST /api/outbox with the actor's bearer token, as the phone sends it."""

    def run(c: Cell) -> dict:
        item = {
            "client_id": f"mx{uuid.uuid4().hex[:20]}",
            "owner": str(c.actor.id),
            "kind": kind,
            "visit_id": getattr(c.rel, attr),
            "typed_at": clock.now().isoformat(),
        } | {k: v() for k, v in fields.items()}
        r = c.w.client.post(
            "/api/outbox", json={"items": [item]}, headers={"Authorization": f"Bearer {c.w.tokens[c.role]}"}
        )
        assert r.status_code == 200, r.text
        (res,) = r.json()["results"]
        if res["ok"]:
            return res
        if res["error"] == "error.not_found":
            raise NotFound(res["error"])
        if res["error"].startswith("error.at_door_only"):
            raise Forbidden(res["error"])
        raise AssertionError(f"the outbox refused the item for another reason: {res}")

    return run


def _promise_due() -> str:
    return (clock.today() + timedelta(days=5)).isoformat()


def _paid_today(c: Cell, **target) -> Payment:
    return payments.record_payment(
        c.s, actor=c.actor, amount_cents=10_000, paid_on=clock.today(), method="cash", **target
    )


ACTIONS = [
    # --- the case
    Action("payments.record_payment(case_id)", "case", lambda c: _paid_today(c, case_id=c.rel.case)),
    Action("payments.receipt", "case", lambda c: payments.receipt(c.s, actor=c.actor, payment_id=c.rel.payment)),
    Action("plans.plan_status", "case", lambda c: plans.plan_status(c.s, actor=c.actor, plan_id=c.rel.plan)),
    Action("agreements.staff_agreement_url + GET", "case", _agreement_url, download=True),
    Action(
        "followup.reminders",
        "case",
        lambda c: _listed(c.rel.reminders[c.role], [r.id for r in followup.reminders(c.s, actor=c.actor)]),
    ),
    Action("followup.done", "case", lambda c: followup.done(c.s, actor=c.actor, reminder_id=c.rel.reminders[c.role])),
    Action(
        "calls.record_result",
        "case",
        lambda c: calls.record_result(c.s, actor=c.actor, ledger_id=c.scratch["ledger_id"], result="connected"),
        prepare=_my_call_entry,
    ),
    Action(
        "cases.list_cases",
        "case_list",
        lambda c: _listed(c.rel.case, [r.case_id for r in cases.list_cases(c.s, actor=c.actor, page_size=100).rows]),
    ),
    # --- complaints
    Action(
        "complaints.inbox",
        "complaint",
        lambda c: _listed(c.rel.complaint, [r.id for r in complaints.inbox(c.s, actor=c.actor, page_size=100).rows]),
    ),
    Action(
        "complaints.assign",
        "complaint",
        lambda c: complaints.assign(c.s, actor=c.actor, complaint_id=c.rel.complaint, user_id=c.actor.id, version=1),
    ),
    Action(
        "complaints.answer",
        "complaint",
        lambda c: complaints.answer(
            c.s, actor=c.actor, complaint_id=c.rel.complaint, response="已致电客户并道歉，已更换上门人员", version=1
        ),
    ),
    # --- today's visit, read
    Action("dossier.open_dossier", "visit", lambda c: dossier.open_dossier(c.s, actor=c.actor, visit_id=c.rel.visit)),
    Action("dossier.reveal_phones", "visit", lambda c: dossier.reveal_phones(c.s, actor=c.actor, visit_id=c.rel.visit)),
    Action("visit_log.visit_log", "visit", lambda c: visit_log.visit_log(c.s, actor=c.actor, visit_id=c.rel.visit)),
    Action("notices.last_notice", "visit", lambda c: notices.last_notice(c.s, actor=c.actor, visit_id=c.rel.visit)),
    Action(
        "scripts.suggest", "visit", lambda c: scripts.suggest(c.s, actor=c.actor, visit_id=c.rel.visit, lang="zh-CN")
    ),
    Action("plans.quote", "visit", lambda c: plans.quote(c.s, actor=c.actor, **_terms(c.rel.visit))),
    Action(
        # the case has a signed plan in force: a new one is a renegotiation
        "plans.propose",
        "visit",
        lambda c: plans.propose(c.s, actor=c.actor, renegotiate=True, **_terms(c.rel.visit)),
    ),
    Action("plans.case_plans", "visit", lambda c: plans.case_plans(c.s, actor=c.actor, visit_id=c.rel.visit)),
    Action(
        "payments.visit_balance", "visit", lambda c: payments.visit_balance(c.s, actor=c.actor, visit_id=c.rel.visit)
    ),
    Action("calls.start", "visit", _start_call, prepare=_no_complaint),
    Action(
        "visit_log.read_photo",
        "visit",
        lambda c: visit_log.read_photo(c.s, attachment_id=c.rel.photo, actor=c.actor),
    ),
    Action("access.photo_for + visit_log.photo_url + GET", "visit", _photo_url("photo"), download=True),
    Action(
        "visits.agent_day",
        "agent_day",
        lambda c: _listed(c.rel.visit, [v.visit_id for v in visits.agent_day(c.s, actor=c.actor).visits]),
    ),
    # --- today's visit, at the door
    Action("checkin.check_in", "door", _check_in, prepare=_not_checked_in),
    Action(
        "checkin.readiness",
        "door",
        lambda c: checkin.readiness(c.s, actor=c.actor, visit_id=c.rel.visit),
        prepare=_not_checked_in,
    ),
    Action(
        "visits.record_not_visited",
        "door",
        lambda c: visits.record_not_visited(c.s, actor=c.actor, visit_id=c.rel.visit, reason="no_time"),
        prepare=_not_checked_in,
    ),
    Action(
        "visits.ask_to_move",
        "door",
        lambda c: visits.ask_to_move(c.s, actor=c.actor, visit_id=c.rel.visit),
        prepare=_not_checked_in,
    ),
    Action(
        "checkin.check_out",
        "door",
        lambda c: checkin.check_out(c.s, actor=c.actor, visit_id=c.rel.visit, lat=HOME[0], lon=HOME[1]),
    ),
    Action(
        "visit_log.add_note", "door", lambda c: visit_log.add_note(c.s, actor=c.actor, visit_id=c.rel.visit, body="x")
    ),
    Action(
        "visit_log.record_outcome",
        "door",
        lambda c: visit_log.record_outcome(c.s, actor=c.actor, visit_id=c.rel.visit, outcome="met"),
    ),
    Action(
        "visit_log.add_photo",
        "door",
        lambda c: visit_log.add_photo(c.s, actor=c.actor, visit_id=c.rel.visit, filename="new.png", data=PNG + b"+"),
    ),
    Action(
        "payments.record_promise",
        "door",
        lambda c: payments.record_promise(
            c.s, actor=c.actor, visit_id=c.rel.visit, amount_cents=10_000, due_date=clock.today() + timedelta(days=5)
        ),
    ),
    Action("payments.record_payment(visit_id)", "door", lambda c: _paid_today(c, visit_id=c.rel.visit)),
    Action("distress.flag", "door", lambda c: distress.flag(c.s, actor=c.actor, visit_id=c.rel.visit, note="哭了")),
    Action("notices.send_visit_notice", "door", _send_notice, prepare=_no_complaint),
    Action("POST /api/outbox note", "door", _outbox("note", "visit", body=lambda: "门口记录")),
    Action("POST /api/outbox outcome", "door", _outbox("outcome", "visit", outcome=lambda: "not_home")),
    Action(
        "POST /api/outbox promise",
        "door",
        _outbox("promise", "visit", amount=lambda: "100.00", due_date=_promise_due),
    ),
    # --- yesterday's visit, read
    Action(
        "dossier.open_dossier",
        "past_visit",
        lambda c: dossier.open_dossier(c.s, actor=c.actor, visit_id=c.rel.past_visit),
    ),
    Action(
        "dossier.reveal_phones",
        "past_visit",
        lambda c: dossier.reveal_phones(c.s, actor=c.actor, visit_id=c.rel.past_visit),
    ),
    Action(
        "visit_log.visit_log",
        "past_visit",
        lambda c: visit_log.visit_log(c.s, actor=c.actor, visit_id=c.rel.past_visit),
    ),
    Action(
        "plans.propose",
        "past_visit",
        lambda c: plans.propose(c.s, actor=c.actor, renegotiate=True, **_terms(c.rel.past_visit)),
    ),
    Action(
        "visit_log.read_photo",
        "past_visit",
        lambda c: visit_log.read_photo(c.s, attachment_id=c.rel.past_photo, actor=c.actor),
    ),
    Action("access.photo_for + visit_log.photo_url + GET", "past_visit", _photo_url("past_photo"), download=True),
    # --- yesterday's visit, at the door
    Action(
        "visit_log.add_note",
        "past_door",
        lambda c: visit_log.add_note(c.s, actor=c.actor, visit_id=c.rel.past_visit, body="x"),
    ),
    Action("payments.record_payment(visit_id)", "past_door", lambda c: _paid_today(c, visit_id=c.rel.past_visit)),
    Action("distress.flag", "past_door", lambda c: distress.flag(c.s, actor=c.actor, visit_id=c.rel.past_visit)),
    Action("POST /api/outbox note", "past_door", _outbox("note", "past_visit", body=lambda: "补记")),
]
BY_KEY = {f"{a.obj}/{a.name}": a for a in ACTIONS}
assert len(BY_KEY) == len(ACTIONS), "two actions share a name"


def run_cell(w: World, role: str, relation: str, action: Action) -> tuple[str, str | None]:
    """("ok" | "not_found" | "forbidden", the error key) for one cell; its writes are rolled back."""
    with Session(db.get_engine(w.url), expire_on_commit=False) as s:
        cell = Cell(s, w, role, relation)
        try:
            if action.prepare is not None:
                action.prepare(cell)
            value = action.run(cell)
        except NotFound as exc:
            return "not_found", exc.key
        except Forbidden as exc:
            return "forbidden", exc.key
        finally:
            s.rollback()
    if action.download:  # the URL was minted only after the check: it alone must now open the file
        url, expected = value
        r = w.client.get(url)
        assert r.status_code == 200 and r.content == expected, f"{url}: {r.status_code}"
        assert w.client.get(url.split("?")[0]).status_code == 403, "without the signature the route refuses"
    return "ok", None


# --------------------------------------------------------------------------------------------- the tests

CELLS = [
    pytest.param(role, relation, key, id=f"{role}-{relation}-{key}")
    for key, action in BY_KEY.items()
    for role in ROLES
    for relation in RELATIONS
]


@pytest.mark.parametrize(("role", "relation", "key"), CELLS)
def test_access_matrix(world: World, role: str, relation: str, key: str) -> None:
    action = BY_KEY[key]
    expected = EXPECTED[(role, relation, action.obj)]
    got, error_key = run_cell(world, role, relation, action)
    assert got == expected, (
        f"{role} × {relation} × {key} (object {action.obj!r}): expected {expected}, got {got} ({error_key})"
    )
    if got == "forbidden" and action.obj in ("door", "past_door"):
        assert error_key == "error.at_door_only", f"{role} × {relation} × {key}: refused with {error_key}"


# The holes that were reported: each must be denied (and the table must say so).
PAST_PAYMENT = "past_door/payments.record_payment(visit_id)"
PAST_OUTBOX_NOTE = "past_door/POST /api/outbox note"
PAST_REVEAL = "past_visit/dossier.reveal_phones"
HOLES = [  # (what, role, relation, action)
    ("old agent opens the moved visit's dossier", "agent", "reassigned_away", "visit/dossier.open_dossier"),
    ("old agent opens their earlier visit's dossier", "agent", "reassigned_away", "past_visit/dossier.open_dossier"),
    ("old agent reads the new team's notes", "agent", "reassigned_away", "visit/visit_log.visit_log"),
    ("old agent reveals the phone (moved visit)", "agent", "reassigned_away", "visit/dossier.reveal_phones"),
    ("old agent reveals the phone (earlier visit)", "agent", "reassigned_away", "past_visit/dossier.reveal_phones"),
    ("old agent records a payment", "agent", "reassigned_away", "case/payments.record_payment(case_id)"),
    ("old agent records a payment (earlier visit)", "agent", "reassigned_away", PAST_PAYMENT),
    ("old agent proposes a plan (moved visit)", "agent", "reassigned_away", "visit/plans.propose"),
    ("old agent proposes a plan (earlier visit)", "agent", "reassigned_away", "past_visit/plans.propose"),
    ("old agent flags distress (moved visit)", "agent", "reassigned_away", "door/distress.flag"),
    ("old agent flags distress (earlier visit)", "agent", "reassigned_away", "past_door/distress.flag"),
    ("old agent posts a note to /api/outbox (moved visit)", "agent", "reassigned_away", "door/POST /api/outbox note"),
    ("old agent posts a note to /api/outbox (earlier visit)", "agent", "reassigned_away", PAST_OUTBOX_NOTE),
    ("old dispatcher reveals the phone (moved visit)", "dispatcher", "reassigned_away", "visit/dossier.reveal_phones"),
    ("old dispatcher reveals the phone (earlier visit)", "dispatcher", "reassigned_away", PAST_REVEAL),
    ("dispatcher checks in at the door", "dispatcher", "own", "door/checkin.check_in"),
    ("dispatcher records an outcome at the door", "dispatcher", "own", "door/visit_log.record_outcome"),
    ("dispatcher adds a note at the door", "dispatcher", "own", "door/visit_log.add_note"),
    ("dispatcher posts a note to /api/outbox", "dispatcher", "own", "door/POST /api/outbox note"),
]


@pytest.mark.parametrize(("what", "role", "relation", "key"), HOLES, ids=[h[0] for h in HOLES])
def test_reported_holes_stay_closed(world: World, what: str, role: str, relation: str, key: str) -> None:
    action = BY_KEY[key]
    assert EXPECTED[(role, relation, action.obj)] != "ok", f"the table allows a reported hole: {what}"
    got, error_key = run_cell(world, role, relation, action)
    assert got in ("not_found", "forbidden"), f"{what}: {role} × {relation} × {key} is {got}"
    assert got == EXPECTED[(role, relation, action.obj)], f"{what}: {got} ({error_key})"


def test_the_table_covers_every_object_role_and_relation() -> None:
    assert set(OBJECTS) == {a.obj for a in ACTIONS}
    assert len(EXPECTED) == len(OBJECTS) * len(ROLES) * len(RELATIONS)


def test_the_world_is_what_the_table_assumes(world: World) -> None:
    """The relations really are what their names say (otherwise a cell could pass for the wrong reason)."""
    p, t, r = world.people, world.teams, world.rel
    with Session(db.get_engine(world.url)) as s:

        def on(visit_id: int) -> set[int]:
            return set(s.exec(select(VisitAgent.user_id).where(VisitAgent.visit_id == visit_id)).all())

        def case_of(relation: str) -> tuple[int | None, int | None]:
            c = s.get(Case, r[relation].case)
            return c.team_id, c.agent_id

        def team_of(visit_id: int) -> int | None:
            return s.get(Visit, visit_id).team_id

        assert case_of("own") == (t["T1"], p["A"]) and on(r["own"].visit) == on(r["own"].past_visit) == {p["A"], p["P"]}
        assert case_of("same_team") == (t["T1"], p["P"]) and p["A"] not in on(r["same_team"].visit)
        assert case_of("other_team") == (t["T2"], p["B1"])
        # moved away: the planned visit went along, the done one kept A's row (history)
        away = r["reassigned_away"]
        assert case_of("reassigned_away") == (t["T2"], p["B1"])
        assert team_of(away.visit) == t["T2"] and on(away.visit) == {p["B1"], p["B2"]}
        assert team_of(away.past_visit) == t["T1"] and p["A"] in on(away.past_visit)
        assert s.get(Visit, away.past_visit).status == VisitStatus.DONE
        notes = s.exec(select(Note).where(Note.visit_id == away.visit)).all()
        assert [n.author_id for n in notes] == [p["B1"]]  # the new team's note the old agent must not read
        # moved to A: today's visit came along, yesterday's stays the old team's
        to = r["reassigned_to"]
        assert case_of("reassigned_to") == (t["T1"], p["A"])
        assert team_of(to.visit) == t["T1"] and on(to.visit) == {p["A"], p["P"], p["Q"]}
        assert on(to.past_visit) == {p["B1"], p["B2"]}
        un = r["unassigned"]
        assert case_of("unassigned") == (None, None) and on(un.visit) == set() and team_of(un.visit) is None
        assert team_of(un.past_visit) == t["T1"] and p["A"] in on(un.past_visit)
        disp = r["dispatched"]
        assert case_of("dispatched") == (t["T2"], p["B1"])
        assert team_of(disp.visit) == t["T1"] and on(disp.visit) == {p["A"], p["P"]}
        for rel in r.values():
            v = s.get(Visit, rel.visit)
            assert v.visit_date == clock.today() and v.status == VisitStatus.IN_PROGRESS
            assert s.get(Visit, rel.past_visit).status == VisitStatus.DONE
            assert s.get(Plan, rel.plan).agreement_path
            assert s.get(Payment, rel.payment) is not None
