"""Plan the day (flow 3): route plans per team from the VRPTW solver, saved as drafts, then published.

- `plan_day` loads the teams and the non-cancelled visits of a date, solves, and saves a draft
  `RoutePlan` whose summary JSON holds everything publishing needs; visits are not touched yet.
- `publish` writes the plan onto the visits (order, ETA, driving minutes, team, plan, drop reason),
  supersedes earlier published plans of that date for the same teams, and audits it.
- `replan_team` plans one team and publishes at once (after a reschedule or a reassignment).

Dispatchers plan only their own teams (Team.dispatcher_id); supervisors and administrators any team.
The solver may give a visit to another of the teams being planned: publishing then moves the visit
(team_id) and its agents (the new team's active agents).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, delete, or_
from sqlmodel import Session, col, select

from visitapp.adapters.travel import TravelTimes, travel_from_settings
from visitapp.compliance.services import notice_queue
from visitapp.core import access, audit, clock
from visitapp.core.db import session_scope
from visitapp.core.enums import CaseStatus, Role, RoutePlanStatus, VisitStatus
from visitapp.core.errors import Conflict, Forbidden, NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debtor, RoutePlan, Team, User, Visit, VisitAgent
from visitapp.core.privacy import mask_name
from visitapp.core.rows import pk, pks
from visitapp.core.settings import get_settings
from visitapp.planning.rules.model import DropReason, RoutePlanResult, StopSpec, TeamSpec
from visitapp.planning.rules.shifts import covers
from visitapp.planning.rules.solver import plan_routes
from visitapp.planning.services import shifts

Progress = Callable[[str, float], None]
LUNCH_FLEX_S = 3600  # the break may start up to an hour after the team's lunch time
SUMMARY_VERSION = 1


@dataclass(frozen=True)
class PlannedVisit:
    order: int
    visit_id: int
    debtor_name: str
    eta: str  # "HH:MM", local: when the visit starts
    arrival: str  # "HH:MM", local: when the team reaches the address
    window: str  # "09:00–11:00"
    travel_minutes: int  # from the previous stop or the base
    hard: bool  # a debtor-confirmed appointment


@dataclass(frozen=True)
class TeamPlan:
    team_id: int
    name: str
    stops: list[PlannedVisit]
    travel_minutes: int
    distance_km: float
    lunch: str | None  # "HH:MM" the break starts, None when the shift has none
    depart: str
    back: str


@dataclass(frozen=True)
class DroppedVisit:
    visit_id: int
    debtor_name: str
    reason: str  # no_time | window_unreachable | no_coordinates | lunch_conflict | stopped
    window: str
    team_name: str
    team_id: int | None = None


@dataclass(frozen=True)
class UncoveredAppointment:
    """A confirmed appointment no team works at: told before solving, so the dispatcher can change a shift."""

    visit_id: int
    debtor_masked: str
    window: str
    team_name: str


@dataclass(frozen=True)
class MoveResult:
    """What moving a visit did: the re-planned days of both teams, and where the visit landed."""

    summaries: list[PlanSummary]
    team_name: str
    eta: str | None  # "HH:MM" on the new team's route, None when it was left out
    reason: str | None  # why it was left out (a DropReason value, or "stopped")


@dataclass(frozen=True)
class PlanSummary:
    plan_id: int
    day: date
    status: str  # draft | published | superseded
    teams: list[TeamPlan]
    dropped: list[DroppedVisit]
    planned: int
    travel_minutes: int
    distance_km: float
    feasible: bool
    solver_seconds: float
    notes: list[str]

    @property
    def dropped_count(self) -> int:
        return len(self.dropped)


# --- helpers ---


def _secs(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def _hhmm(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    seconds = int(seconds)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def _window(v: Visit) -> str:
    return f"{v.window_start.strftime('%H:%M')}–{v.window_end.strftime('%H:%M')}"


def _minutes(seconds: int) -> int:
    return round(seconds / 60)


def _eta(day: date, seconds: int) -> datetime:
    """Seconds after local midnight of `day` as an aware UTC instant (wall-clock arithmetic)."""
    local = datetime.combine(day, time(0)) + timedelta(seconds=int(seconds))
    return local.replace(tzinfo=clock.local_zone()).astimezone(UTC)


def _team_scope(session: Session, actor: Identity, team_ids: list[int] | None) -> list[Team]:
    """The teams to plan: the actor's own (access.teams_for), "not found" if one asked for does not exist."""
    if team_ids is not None:
        wanted = list(dict.fromkeys(int(t) for t in team_ids))
        if len(session.exec(select(Team.id).where(col(Team.id).in_(wanted))).all()) != len(wanted):
            raise NotFound("error.not_found")
    return access.teams_for(session, actor, team_ids)


def _day_rows(session: Session, teams: list[Team], day: date) -> Sequence[tuple[Visit, Debtor]]:
    """The visits of `day` the teams may be planned for, with their debtors."""
    ids = [t.id for t in teams]
    return session.exec(
        select(Visit, Debtor)
        .join(Case, col(Case.id) == Visit.case_id)
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        # done, in-progress and cancelled visits are not re-planned (a mid-day re-plan moves only what is left)
        .where(Visit.visit_date == day, Visit.status == VisitStatus.PLANNED)
        .where(or_(col(Visit.team_id).in_(ids), and_(col(Visit.team_id).is_(None), col(Case.team_id).in_(ids))))
        .order_by(col(Visit.id))
    ).all()


def _stopped(session: Session, rows: Sequence[tuple[Visit, Debtor]]) -> list[tuple[Visit, Debtor]]:
    """Collection stops for a paused or closed case or a debtor with a stop condition: such visits are not
    routed; they are listed as left out with the reason "stopped"."""
    case_status = dict(
        session.exec(select(Case.id, Case.status).where(col(Case.id).in_([v.case_id for v, _ in rows]))).all()
    )
    return [
        (v, d)
        for v, d in rows
        if case_status.get(v.case_id) != CaseStatus.OPEN
        or d.deceased
        or d.lawyer
        or d.disputed
        or d.do_not_visit
        or d.cease_communication
    ]


def uncovered_appointments(
    session: Session, *, actor: Identity, day: date, team_ids: list[int] | None = None
) -> list[UncoveredAppointment]:
    """Before solving: the debtor-confirmed appointments of `day` (of these teams) whose window no shift of
    these teams that day can hold; planning would have to leave them out ("no_shift")."""
    teams = _team_scope(session, actor, team_ids)
    if not teams:
        return []
    rows = [(v, d) for v, d in _day_rows(session, teams, day) if v.hard_window]
    if not rows:
        return []
    stopped = {v.id for v, _ in _stopped(session, rows)}
    hours = shifts.hours_for(session, teams, day).values()
    names = {t.id: t.name for t in teams}
    case_team = dict(
        session.exec(select(Case.id, Case.team_id).where(col(Case.id).in_([v.case_id for v, _ in rows]))).all()
    )
    return [
        UncoveredAppointment(
            visit_id=pk(v),
            debtor_masked=mask_name(d.name),
            window=_window(v),
            team_name=names.get(v.team_id or case_team.get(v.case_id), ""),
        )
        for v, d in rows
        if v.id not in stopped
        and not any(covers(h, v.window_start, v.window_end, int(v.service_minutes or 0)) for h in hours)
    ]


def plan_day(
    session: Session,
    *,
    actor: Identity,
    day: date,
    team_ids: list[int] | None = None,
    seconds: float = 5.0,
    progress: Progress | None = None,
    travel: TravelTimes | None = None,
) -> PlanSummary:
    """Solve the day for the teams and save a draft RoutePlan; the visits are not changed."""
    teams = _team_scope(session, actor, team_ids)
    return _plan_teams(session, teams, actor.id, day, seconds, progress, travel)


def plan_day_apart(*, actor: Identity, day: date, team_ids: list[int] | None, seconds: float) -> PlanSummary:
    """`plan_day` in a unit of work of its own: what a task process runs (visitapp.core.tasks), so that
    the search never holds a web worker."""
    with session_scope() as session:
        return plan_day(session, actor=actor, day=day, team_ids=team_ids, seconds=seconds)


def _plan_teams(
    session: Session,
    teams: list[Team],
    actor_id: int | None,
    day: date,
    seconds: float,
    progress: Progress | None,
    travel: TravelTimes | None,
) -> PlanSummary:
    say = progress or (lambda _m, _f: None)
    say("loading", 0.0)
    if not teams:
        raise ValidationError("plan.pick_team")
    bases: list[tuple[float, float]] = []
    for t in teams:
        if t.base_lat is None or t.base_lon is None:
            raise ValidationError("plan.team_without_base", team=t.name)
        bases.append((t.base_lat, t.base_lon))
    rows = _day_rows(session, teams, day)
    if not rows:
        raise ValidationError("plan.no_visits")
    stopped = _stopped(session, rows)
    stopped_ids = {v.id for v, _ in stopped}
    routable = [(v, d) for v, d in rows if v.id not in stopped_ids]

    hours = shifts.hours_for(session, teams, day)  # the day's own shift of each team, else its usual one
    team_specs = [
        TeamSpec(
            team_id=pk(t),
            lat=lat,
            lon=lon,
            shift_start_s=_secs(hours[pk(t)].start),
            shift_end_s=_secs(hours[pk(t)].end),
            lunch_start_s=_secs(hours[pk(t)].lunch_start),
            lunch_minutes=hours[pk(t)].lunch_minutes,
            lunch_flex_s=LUNCH_FLEX_S,
        )
        for t, (lat, lon) in zip(teams, bases)
    ]
    stop_specs = [
        StopSpec(
            visit_id=pk(v),
            lat=d.lat,
            lon=d.lon,
            window_start_s=_secs(v.window_start),
            window_end_s=_secs(v.window_end),
            service_s=max(0, int(v.service_minutes or 0)) * 60,
            hard=bool(v.hard_window),
            priority=int(v.priority or 0),
            required=bool(v.hard_window),
        )
        for v, d in routable
    ]

    result = plan_routes(
        team_specs,
        stop_specs,
        travel=travel or travel_from_settings(),
        seconds=max(0.2, min(float(seconds), 600.0)),
        searches=get_settings().solver_searches,
        progress=lambda m, f: say(m, 0.05 + 0.9 * f),
    )
    say("saving", 0.97)
    summary = _summary_json(day, teams, rows, result, stopped=[pk(v) for v, _ in stopped])
    plan = RoutePlan(
        plan_date=day,
        status=RoutePlanStatus.DRAFT,
        created_by=actor_id,
        solver_seconds=result.solver_seconds,
        summary=summary,
    )
    session.add(plan)
    session.flush()
    say("done", 1.0)
    return _view(plan)


def _summary_json(
    day: date,
    teams: list[Team],
    rows: Sequence[tuple[Visit, Debtor]],
    result: RoutePlanResult,
    stopped: list[int] | None = None,
) -> dict:
    visits = {v.id: (v, d) for v, d in rows}
    names = {t.id: t.name for t in teams}
    team_rows = []
    for route in result.routes:
        stops = []
        for order, s in enumerate(route.stops, start=1):
            v, d = visits[s.visit_id]
            stops.append(
                {
                    "order": order,
                    "visit_id": s.visit_id,
                    "debtor": d.name,
                    "window": _window(v),
                    "hard": v.hard_window,
                    "arrival_s": s.arrival_s,
                    "start_s": s.start_s,
                    "eta": _hhmm(s.start_s),
                    "arrival": _hhmm(s.arrival_s),
                    "travel_s": s.travel_s_from_prev,
                    "travel_min": _minutes(s.travel_s_from_prev),
                    "distance_m": s.distance_m_from_prev,
                }
            )
        team_rows.append(
            {
                "team_id": route.team_id,
                "name": names[route.team_id],
                "stops": stops,
                "travel_s": route.travel_s,
                "travel_min": _minutes(route.travel_s),
                "distance_km": round(route.distance_m / 1000, 1),
                "lunch": _hhmm(route.lunch_start_s),
                "depart": _hhmm(route.depart_s),
                "back": _hhmm(route.return_s),
            }
        )
    dropped = []
    for visit_id, reason in [(d.visit_id, str(d.reason)) for d in result.dropped] + [
        (i, "stopped") for i in stopped or []
    ]:
        v, debtor = visits[visit_id]
        dropped.append(
            {
                "visit_id": visit_id,
                "reason": reason,
                "debtor": debtor.name,
                "window": _window(v),
                "team_id": v.team_id,
                "team": names.get(v.team_id, ""),
            }
        )
    return {
        "version": SUMMARY_VERSION,
        "day": day.isoformat(),
        "zone": clock.local_zone().key,
        "team_ids": [t.id for t in teams],
        # each visit's version when planned: publish refuses a draft whose visits changed since
        "versions": {str(v.id): v.version for v, _ in rows},
        "teams": team_rows,
        "dropped": dropped,
        "totals": {
            "teams": len(teams),
            "planned": result.served,
            "dropped": len(result.dropped) + len(stopped or []),
            "travel_min": _minutes(result.travel_s),
            "distance_km": round(result.distance_m / 1000, 1),
        },
        "feasible": result.feasible,
        "cost": result.cost,
        "solver_seconds": result.solver_seconds,
        "notes": list(result.notes),
    }


def _view(plan: RoutePlan) -> PlanSummary:
    s = plan.summary or {}
    teams = [
        TeamPlan(
            team_id=t["team_id"],
            name=t["name"],
            stops=[
                PlannedVisit(
                    order=x["order"],
                    visit_id=x["visit_id"],
                    debtor_name=x["debtor"],
                    eta=x["eta"],
                    arrival=x["arrival"],
                    window=x["window"],
                    travel_minutes=x["travel_min"],
                    hard=bool(x["hard"]),
                )
                for x in t["stops"]
            ],
            travel_minutes=t["travel_min"],
            distance_km=t["distance_km"],
            lunch=t["lunch"],
            depart=t["depart"],
            back=t["back"],
        )
        for t in s.get("teams", [])
    ]
    dropped = [
        DroppedVisit(
            visit_id=d["visit_id"],
            debtor_name=d["debtor"],
            reason=d["reason"],
            window=d["window"],
            team_name=d.get("team", ""),
            team_id=d.get("team_id"),
        )
        for d in s.get("dropped", [])
    ]
    totals = s.get("totals", {})
    return PlanSummary(
        plan_id=pk(plan),
        day=plan.plan_date,
        status=plan.status,
        teams=teams,
        dropped=dropped,
        planned=totals.get("planned", 0),
        travel_minutes=totals.get("travel_min", 0),
        distance_km=totals.get("distance_km", 0.0),
        feasible=bool(s.get("feasible", False)),
        solver_seconds=float(s.get("solver_seconds", plan.solver_seconds)),
        notes=list(s.get("notes", [])),
    )


def _plan_for(session: Session, actor: Identity, plan_id: int) -> RoutePlan:
    access.require(actor, access.STAFF)
    plan = session.get(RoutePlan, plan_id)
    if plan is None:
        raise NotFound("error.not_found")
    team_ids = (plan.summary or {}).get("team_ids", [])
    access.teams_for(session, actor, team_ids)  # Forbidden unless every team of the plan is the actor's
    return plan


def get_plan(session: Session, *, actor: Identity, plan_id: int) -> PlanSummary:
    return _view(_plan_for(session, actor, plan_id))


def publish(session: Session, *, actor: Identity, plan_id: int, leave_out: Sequence[int] = ()) -> int:
    """Write a draft plan onto its visits and queue their pre-visit notices (compliance.services.
    notice_queue), except for the visits in `leave_out`; returns how many visits were updated."""
    return _publish(session, _plan_for(session, actor, plan_id), actor.id, leave_out)


def publish_apart(*, actor: Identity, plan_id: int, leave_out: Sequence[int] = ()) -> int:
    """`publish` in a unit of work of its own, in a task process: a big day runs the contact check and
    queues a notice for each of hundreds of visits, which must not hold a web worker."""
    with session_scope() as session:
        return publish(session, actor=actor, plan_id=plan_id, leave_out=leave_out)


def _planned_ids(plan: RoutePlan) -> list[int]:
    return [x["visit_id"] for t in (plan.summary or {}).get("teams", []) for x in t["stops"]]


def notice_preview(
    session: Session, *, actor: Identity, plan_id: int, leave_out: Sequence[int] = ()
) -> notice_queue.NoticePlan:
    """The dry run of the plan's notices before publishing: which go and when, which are blocked and why."""
    plan = _plan_for(session, actor, plan_id)
    return notice_queue.preview(session, actor=actor, visit_ids=_planned_ids(plan), leave_out=leave_out)


def notices_queued(session: Session, *, actor: Identity, plan_id: int) -> int:
    """How many pre-visit notices publishing this plan queued."""
    return notice_queue.queued_count(session, plan_id=pk(_plan_for(session, actor, plan_id)))


def _publish(session: Session, plan: RoutePlan, actor_id: int | None, leave_out: Sequence[int] = ()) -> int:
    if plan.status != RoutePlanStatus.DRAFT:
        raise ValidationError("plan.not_draft", status=plan.status)
    summary = plan.summary or {}
    day = plan.plan_date
    stops = [(t["team_id"], x) for t in summary.get("teams", []) for x in t["stops"]]
    dropped = summary.get("dropped", [])
    ids = [x["visit_id"] for _, x in stops] + [d["visit_id"] for d in dropped]
    visits = {v.id: v for v in session.exec(select(Visit).where(col(Visit.id).in_(ids))).all()} if ids else {}
    planned_versions = summary.get("versions") or {}
    changed = [
        i for i in ids if str(i) in planned_versions and i in visits and visits[i].version != planned_versions[str(i)]
    ]
    if changed:
        # a visit was moved, rescheduled or re-planned after this draft was made: publishing it would undo that
        raise Conflict("plan.stale", count=len(changed))

    def current(visit_id: int) -> Visit | None:
        v = visits.get(visit_id)
        # changed since planning (cancelled or moved to another day): leave it alone
        return v if v is not None and v.status != VisitStatus.CANCELLED and v.visit_date == day else None

    agents_of: dict[int, list[int]] = {}
    moved = 0
    updated = 0
    for team_id, x in stops:
        v = current(x["visit_id"])
        if v is None:
            continue
        if v.team_id != team_id:
            if team_id not in agents_of:
                agents_of[team_id] = pks(
                    session.exec(
                        select(User.id).where(
                            User.team_id == team_id, User.role == Role.AGENT, col(User.active).is_(True)
                        )
                    ).all()
                )
            assert v.id is not None  # a loaded row
            session.exec(delete(VisitAgent).where(col(VisitAgent.visit_id) == v.id))
            session.add_all([VisitAgent(visit_id=v.id, user_id=uid) for uid in agents_of[team_id]])
            v.team_id = team_id
            moved += 1
        v.route_order = x["order"]
        v.eta = _eta(day, x["start_s"])
        v.travel_minutes = x["travel_min"]
        v.plan_id = plan.id
        v.drop_reason = None
        v.version = (v.version or 0) + 1
        session.add(v)
        updated += 1
    for d in dropped:
        v = current(d["visit_id"])
        if v is None:
            continue
        v.route_order = None
        v.eta = None
        v.travel_minutes = None
        v.plan_id = plan.id
        v.drop_reason = d["reason"]
        v.version = (v.version or 0) + 1
        session.add(v)
        updated += 1

    mine = set(summary.get("team_ids", []))
    superseded = []
    for other in session.exec(
        select(RoutePlan).where(
            RoutePlan.plan_date == day, RoutePlan.status == RoutePlanStatus.PUBLISHED, RoutePlan.id != plan.id
        )
    ).all():
        if mine & set((other.summary or {}).get("team_ids", [])):
            other.status = RoutePlanStatus.SUPERSEDED
            session.add(other)
            superseded.append(other.id)
    plan.status = RoutePlanStatus.PUBLISHED
    plan.published_at = clock.now()
    session.add(plan)
    session.flush()
    current_stops = [x["visit_id"] for _, x in stops if current(x["visit_id"]) is not None]
    queued = notice_queue.queue(
        session,
        plan_id=pk(plan),
        visit_ids=current_stops,
        dropped_ids=[d["visit_id"] for d in dropped],
        leave_out=[i for i in leave_out if i in set(current_stops)],
        actor_id=actor_id,
    )
    audit.record(
        session,
        actor_id=actor_id,
        action="route_plan.publish",
        entity="route_plan",
        entity_id=plan.id,
        after={
            "day": day.isoformat(),
            "teams": sorted(mine),
            "visits": updated,
            "moved": moved,
            "dropped": len(dropped),
            "superseded": superseded,
            "notices": {o: queued.count(o) for o in notice_queue.OUTCOMES if queued.count(o)},
            "left_out": sorted(set(leave_out) & set(current_stops)),
        },
        detail=f"published the routes of {day.isoformat()}: {updated} visit(s), {len(dropped)} left out",
    )
    session.flush()
    return updated


def replan_team(
    session: Session,
    *,
    actor: Identity,
    day: date,
    team_id: int,
    seconds: float = 2.0,
    travel: TravelTimes | None = None,
) -> PlanSummary | None:
    """Plan one team's day and publish it at once; None when the team has no visits that day."""
    return _replan(session, _team_scope(session, actor, [team_id]), actor.id, day, seconds, travel)


def replan_after_debtor_moved(session: Session, *, day: date, team_id: int, seconds: float = 1.0) -> None:
    """A debtor chose another time on their link: the system (no person) re-plans that team's day."""
    team = session.get(Team, team_id)
    if team is not None and team.base_lat is not None and team.base_lon is not None:
        _replan(session, [team], None, day, seconds, None)


def _replan(
    session: Session,
    teams: list[Team],
    actor_id: int | None,
    day: date,
    seconds: float,
    travel: TravelTimes | None,
) -> PlanSummary | None:
    try:
        summary = _plan_teams(session, teams, actor_id, day, seconds, None, travel)
    except ValidationError as exc:
        if exc.key == "plan.no_visits":
            return None
        raise
    plan = session.get(RoutePlan, summary.plan_id)
    assert plan is not None
    _publish(session, plan, actor_id)
    return _view(plan)


def move_visit(session: Session, *, actor: Identity, visit_id: int, team_id: int, seconds: float = 2.0) -> MoveResult:
    """Give a planned visit to another team and re-plan (and publish) the day of both teams. The new
    team's agents are put on the visit when its plan is published. The result says where the visit
    landed: on the new team's route at a time, or left out of its day, and why."""
    visit = session.get(Visit, visit_id)
    if visit is None or visit.status != VisitStatus.PLANNED:
        raise NotFound("error.not_found")
    old_team = visit.team_id
    if old_team is None:
        case = session.get(Case, visit.case_id)
        old_team = case.team_id if case else None
    if old_team is None and not access.sees_every_case(actor):
        raise Forbidden("error.forbidden_role", role=actor.role.value)  # unassigned visits are the supervisors'
    teams = _team_scope(session, actor, [team_id] + ([old_team] if old_team else []))  # both must be the actor's
    day = visit.visit_date
    if old_team == team_id:
        summaries = [s for s in [replan_team(session, actor=actor, day=day, team_id=team_id, seconds=seconds)] if s]
        return _landed(session, visit_id, teams[0].name, summaries)
    audit.record(
        session,
        actor_id=actor.id,
        action="visit.move",
        entity="visit",
        entity_id=visit.id,
        before={"team_id": old_team},
        after={"team_id": team_id},
    )
    visit.team_id = team_id
    visit.version += 1
    session.add(visit)
    agents = session.exec(
        select(User.id).where(User.team_id == team_id, User.role == Role.AGENT, col(User.active).is_(True))
    ).all()
    assert visit.id is not None  # a loaded row
    session.exec(delete(VisitAgent).where(col(VisitAgent.visit_id) == visit.id))
    session.add_all([VisitAgent(visit_id=visit.id, user_id=uid) for uid in pks(agents)])
    session.flush()
    replanned = [replan_team(session, actor=actor, day=day, team_id=team_id, seconds=seconds)]
    if old_team is not None:
        replanned.append(replan_team(session, actor=actor, day=day, team_id=old_team, seconds=seconds))
    return _landed(session, visit_id, teams[0].name, [s for s in replanned if s is not None])


def _landed(session: Session, visit_id: int, team_name: str, summaries: list[PlanSummary]) -> MoveResult:
    """Where the moved visit is now, read back from the visit as published."""
    for sm in summaries:
        for t in sm.teams:
            for st in t.stops:
                if st.visit_id == visit_id:
                    return MoveResult(summaries, team_name, st.eta, None)
    visit = session.get(Visit, visit_id)
    reason = (visit.drop_reason if visit is not None else None) or DropReason.NO_TIME.value
    return MoveResult(summaries, team_name, None, reason)
