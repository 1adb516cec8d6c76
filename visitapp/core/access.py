"""Who may see or change what. The one home of the access rules and of the role sets: every service and
HTTP route asks here, none writes its own check.

The rules, always from the records as they are *now* (history never grants access):

- **cases**: an agent reaches a case while it is assigned to them or to their team; a dispatcher while it
  belongs to a team they run; both also while dispatch has given an open visit of it (today or later) to
  their team (the agent being on it); supervisors and administrators reach every case.
- **visits**: an agent reaches a visit while they are on it and its case is still theirs, or while it is an
  open visit (planned or under way, today or later) that dispatch gave to their team; a dispatcher reaches
  the visits of the cases they reach and the open visits of the teams they run; supervisors and
  administrators reach every visit. Being on a visit once (a `visit_agent` row, an old team) is history:
  when a case moves to another team its planned visits move with it and the old agents lose it.
- **at the door** (check-in and out, notes, outcomes, promises, payments taken on a visit, photos,
  notices, distress): only an agent on the visit, whoever else may read it. Calls and plans are open to
  whoever reaches the visit (the office calls and proposes too; the proposer's role sets the authority).
- **plans, payments, agreements, photos**: through their case (or visit); proposing a plan once grants
  nothing.
- **complaints**: staff, through the case (a dispatcher: their teams' cases, and complaints assigned to
  them); agents handle none.
- **reminders**: their owner, and only while the reminder's case (if any) is still theirs.

A record the actor may not reach is "not found", not "forbidden": a guessed id reveals nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from visitapp.core import clock
from visitapp.core.enums import OPEN_VISIT_STATUSES, SIGNED_PLAN_STATUSES, Role
from visitapp.core.errors import Forbidden, NotFound
from visitapp.core.identity import Identity
from visitapp.core.models import Attachment, Case, Complaint, Payment, Plan, Reminder, Team, Visit, VisitAgent

# --- the role sets: who may open which part of the app ---

FIELD = frozenset({Role.AGENT})  # the agents at the door
STAFF = frozenset({Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN})  # the office
APPROVERS = frozenset({Role.SUPERVISOR, Role.ADMIN})  # decide plans beyond an agent's authority; see all cases
AUDITORS = frozenset({Role.SUPERVISOR, Role.ADMIN})  # read the contact ledger of every debtor
ADMINS = frozenset({Role.ADMIN})  # policy, texts, scripts, audit, people
EVERYONE = frozenset(Role)  # any signed-in user
CASE_VIEWERS = FIELD | STAFF  # a dossier: the agent on the visit, or the office that runs its team


def require(actor: Identity | None, roles: Iterable[Role]) -> Identity:
    """The actor, if signed in with one of `roles`; Forbidden otherwise."""
    if actor is None:
        raise Forbidden("error.login_required")
    if actor.role not in frozenset(roles):
        raise Forbidden("error.forbidden_role", role=actor.role.value)
    return actor


def has(actor: Identity, roles: Iterable[Role]) -> bool:
    return actor.role in frozenset(roles)


def sees_every_case(actor: Identity) -> bool:
    return actor.role in APPROVERS


# --- the rules as SQL conditions (lists and counts use these; the lookups below too) ---


def teams_run_by(actor: Identity) -> SelectOfScalar[int | None]:
    """The ids of the teams a dispatcher runs now."""
    return select(col(Team.id)).where(col(Team.dispatcher_id) == actor.id)


def team_condition(actor: Identity) -> ColumnElement[bool]:
    """Teams the actor may plan and watch: a dispatcher's own, every team for supervisors and admins."""
    if sees_every_case(actor):
        return sa.true()
    if actor.role == Role.DISPATCHER:
        return col(Team.dispatcher_id) == actor.id
    return sa.false()


def _open_today_or_later(visit: Any = Visit) -> ColumnElement[bool]:
    return sa.and_(col(visit.status).in_(tuple(OPEN_VISIT_STATUSES)), col(visit.visit_date) >= clock.today())


# One alias for every use: a new one per call made SQLAlchemy adapt each column to it anew (a tenth of
# opening Today at 200 sessions). Each use is inside its own EXISTS or IN, so one name never clashes.
_DISPATCHED_VISIT = aliased(Visit, name="dispatched_visit")


def _dispatched_visits(actor: Identity) -> list[ColumnElement[bool]] | None:
    """The conditions on `_DISPATCHED_VISIT` of an open visit (today or later) that dispatch gave to the
    actor's team (a dispatcher: to a team they run; an agent: to their team, with them on it); None: none
    can be."""
    v = _DISPATCHED_VISIT
    where = [_open_today_or_later(v)]
    if actor.role == Role.DISPATCHER:
        where.append(col(v.team_id).in_(teams_run_by(actor)))
    else:
        if actor.team_id is None:
            return None
        where += [
            col(v.team_id) == actor.team_id,
            sa.exists().where(col(VisitAgent.visit_id) == v.id, col(VisitAgent.user_id) == actor.id),
        ]
    return where


def _dispatched_here(actor: Identity) -> ColumnElement[bool]:
    """A condition on `Case`: it has such a visit (a correlated EXISTS: one index probe per case looked at,
    what a lookup by id or a day's visits wants)."""
    where = _dispatched_visits(actor)
    if where is None:
        return sa.false()
    return sa.exists().where(col(_DISPATCHED_VISIT.case_id) == Case.id, *where)


def case_paths(session: Session, actor: Identity) -> list[ColumnElement[bool]]:
    """The cases the actor reaches (`case_condition`) as the conditions of its paths, of which no two hold
    for one case: a dispatcher's are the cases of each team they run, and the cases dispatched to those
    teams that belong to none of them (both read now, in the caller's transaction: a few ids, usually no
    case at all for the second). A list over many cases reads each path apart (UNION ALL), each in its
    order from an index (a team's cases by team and overdue amount, the others by id), where PostgreSQL
    can only test the OR of `case_condition` case by case (its EXISTS keeps it from using the team index),
    over every case when it counts them."""
    if actor.role != Role.DISPATCHER:
        return [case_condition(actor)]
    team_ids = sorted(t for t in session.exec(teams_run_by(actor)).all() if t is not None)
    where = _dispatched_visits(actor)
    assert where is not None  # a dispatcher's always can be
    dispatched = select(Case.id).where(col(Case.id).in_(select(col(_DISPATCHED_VISIT.case_id)).where(*where)))
    if team_ids:
        dispatched = dispatched.where(sa.or_(col(Case.team_id).is_(None), col(Case.team_id).not_in(team_ids)))
    elsewhere = sorted(i for i in session.exec(dispatched).all() if i is not None)
    paths = [col(Case.team_id) == t for t in team_ids] + ([col(Case.id).in_(elsewhere)] if elsewhere else [])
    return paths or [sa.false()]


def case_condition(actor: Identity) -> ColumnElement[bool]:
    """A condition on `Case`: the cases the actor reaches now (theirs, or worked by their team today); the
    OR of `case_paths`."""
    if sees_every_case(actor):
        return sa.true()
    if actor.role == Role.DISPATCHER:
        return sa.or_(col(Case.team_id).in_(teams_run_by(actor)), _dispatched_here(actor))
    if actor.role == Role.AGENT:
        mine = col(Case.agent_id) == actor.id
        if actor.team_id is None:
            return mine
        return sa.or_(mine, col(Case.team_id) == actor.team_id, _dispatched_here(actor))
    return sa.false()


def visit_condition(actor: Identity) -> ColumnElement[bool]:
    """A condition on `Visit` joined with its `Case`: the visits the actor reaches now."""
    if sees_every_case(actor):
        return sa.true()
    if actor.role == Role.DISPATCHER:
        dispatched = sa.and_(col(Visit.team_id).in_(teams_run_by(actor)), _open_today_or_later())
        return sa.or_(case_condition(actor), dispatched)
    if actor.role == Role.AGENT:
        on_it = sa.exists().where(col(VisitAgent.visit_id) == Visit.id, col(VisitAgent.user_id) == actor.id)
        theirs = case_condition(actor)
        if actor.team_id is not None:
            theirs = sa.or_(theirs, sa.and_(col(Visit.team_id) == actor.team_id, _open_today_or_later()))
        return sa.and_(on_it, theirs)
    return sa.false()


def complaint_condition(actor: Identity) -> ColumnElement[bool]:
    """A condition on `Complaint`: staff only; a dispatcher sees their teams' cases and what is assigned to
    them."""
    if sees_every_case(actor):
        return sa.true()
    if actor.role == Role.DISPATCHER:
        return sa.or_(
            col(Complaint.case_id).in_(select(Case.id).where(case_condition(actor))),
            col(Complaint.assigned_to) == actor.id,
        )
    return sa.false()


def reminder_condition(actor: Identity) -> ColumnElement[bool]:
    """A condition on `Reminder`: the actor's own, and only while its case (if any) is still theirs. The case
    is tested per reminder (a correlated EXISTS: its case looked up by id), not as the set of every case the
    actor reaches, which PostgreSQL built by testing every case of the office (more than a minute for an
    agent's thousands of reminders at a million cases)."""
    return sa.and_(
        col(Reminder.user_id) == actor.id,
        sa.or_(
            col(Reminder.case_id).is_(None),
            # its own case row, not one the caller joined (the reminders page joins each reminder's case)
            sa.exists().where(col(Case.id) == Reminder.case_id, case_condition(actor)).correlate_except(Case),
        ),
    )


# --- lookups: the record if the actor may reach it, NotFound otherwise ---


def case_for(session: Session, actor: Identity, case_id: int | None) -> Case:
    require(actor, CASE_VIEWERS)
    case = session.exec(select(Case).where(Case.id == (case_id or 0), case_condition(actor))).first()
    if case is None:
        raise NotFound("error.not_found")
    return case


def visit_for(session: Session, actor: Identity, visit_id: int | None, *, at_door: bool = False) -> tuple[Visit, Case]:
    """The visit and its case. `at_door`: the action happens on site (check-in, notes, outcomes, promises,
    photos, calls, notices, plans), which only an agent on the visit may do."""
    require(actor, CASE_VIEWERS)
    row = session.exec(
        select(Visit, Case)
        .join(Case, col(Case.id) == Visit.case_id)
        .where(Visit.id == (visit_id or 0), visit_condition(actor))
    ).first()
    if row is None:
        raise NotFound("error.not_found")  # not "forbidden": an id that is not yours does not exist
    if at_door and actor.role not in FIELD:
        raise Forbidden("error.at_door_only")  # the office may read the visit, not act at the door
    visit, case = row
    return visit, case


def may_reach_visit(session: Session, actor: Identity, visit_id: int) -> bool:
    try:
        visit_for(session, actor, visit_id)
    except (NotFound, Forbidden):
        return False
    return True


def plan_for(session: Session, actor: Identity, plan_id: int | None) -> tuple[Plan, Case]:
    require(actor, CASE_VIEWERS)
    row = session.exec(
        select(Plan, Case)
        .join(Case, col(Case.id) == Plan.case_id)
        .where(Plan.id == (plan_id or 0), case_condition(actor))
    ).first()
    if row is None:
        raise NotFound("error.not_found")
    plan, case = row
    return plan, case


def signed_plan_for(session: Session, actor: Identity, plan_id: int | None) -> tuple[Plan, Case]:
    """A plan whose signed agreement the actor may download."""
    plan, case = plan_for(session, actor, plan_id)
    if plan.status not in SIGNED_PLAN_STATUSES or not plan.agreement_path:
        raise NotFound("error.not_found")
    return plan, case


def payment_for(session: Session, actor: Identity, payment_id: int | None) -> tuple[Payment, Case]:
    require(actor, CASE_VIEWERS)
    row = session.exec(
        select(Payment, Case)
        .join(Case, col(Case.id) == Payment.case_id)
        .where(Payment.id == (payment_id or 0), case_condition(actor))
    ).first()
    if row is None:
        raise NotFound("error.not_found")
    payment, case = row
    return payment, case


def photo_for(session: Session, actor: Identity, attachment_id: int | None) -> Attachment:
    row = session.get(Attachment, attachment_id or 0)
    if row is None:
        raise NotFound("error.not_found")
    if row.visit_id is not None:
        visit_for(session, actor, row.visit_id)
    else:
        case_for(session, actor, row.case_id)
    return row


def complaint_for(session: Session, actor: Identity, complaint_id: int | None) -> Complaint:
    require(actor, STAFF)
    row = session.exec(select(Complaint).where(Complaint.id == (complaint_id or 0), complaint_condition(actor))).first()
    if row is None:
        raise NotFound("error.not_found")  # another team's complaint does not exist for you
    return row


def reminder_for(session: Session, actor: Identity, reminder_id: int | None) -> Reminder:
    require(actor, EVERYONE)
    row = session.exec(select(Reminder).where(Reminder.id == (reminder_id or 0), reminder_condition(actor))).first()
    if row is None:
        raise NotFound("error.not_found")
    return row


def teams_for(session: Session, actor: Identity, team_ids: Iterable[int] | None = None) -> list[Team]:
    """The teams the actor may plan (all of theirs when `team_ids` is None); Forbidden if any asked for is
    not theirs."""
    require(actor, STAFF)
    query = select(Team).where(team_condition(actor)).order_by(col(Team.id))
    teams = list(session.exec(query).all())
    if team_ids is None:
        return teams
    wanted = list(dict.fromkeys(int(t) for t in team_ids))
    by_id = {t.id: t for t in teams}
    if any(t not in by_id for t in wanted):
        raise Forbidden("error.forbidden_role", role=actor.role.value)
    return [by_id[t] for t in wanted]


def team_ids_run_by(session: Session, actor: Identity) -> set[int] | None:
    """The teams whose cases and agents a dispatcher may assign; None: no limit (supervisors, admins)."""
    require(actor, STAFF)
    if sees_every_case(actor):
        return None
    return {team_id for team_id in session.exec(teams_run_by(actor)).all() if team_id is not None}  # never NULL
