"""Pre-visit notices queued when a plan is published (PRODUCT flow 3), sent by a leased job when due.

- `assess` is the dry run the dispatcher sees before publishing: for each planned visit, whether its
  notice will go and when (`rules.notice.notice_due`: the policy's `notice_days_before` at the start of
  its `notice_hours`), or why not: left out by the dispatcher, already noticed for this time, the debtor
  agreed to the time, no mobile number, too late before the visit, or refused by the one contact check
  (`contact.preview` at the send time, with its reasons). Nothing is written.
- `queue` (called by the planner's publish, in its unit of work) writes the same assessment as one
  `VisitNotice` row per visit and time. The row is unique per visit and time, so publishing again queues
  nothing for a time already noticed; a visit whose time changed gets a new row and its old queued one is
  cancelled. Every notice that goes out marks its row sent (`notices._send`), an agent's own too, so the
  job never repeats one.
- `send_due` is the job (`visitapp.jobs`, every minute under the database lease): each due row is checked
  again against the visit as it is now (cancelled, moved, closed, confirmed meanwhile) and sent through
  `notices.send_queued`, i.e. the one contact check at the real send time. Refused with a later
  allowed time before the visit, it waits for that; otherwise it stays blocked with the reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from visitapp.adapters.sms import SmsProvider
from visitapp.compliance.rules.notice import notice_due
from visitapp.compliance.rules.policy import Decision, PolicyConfig, Reason
from visitapp.compliance.services import contact, notices, policy_settings
from visitapp.core import access, clock
from visitapp.core.enums import NOTICE_STANDS, Channel, NoticeState, VisitStatus
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debtor, Team, Visit, VisitNotice
from visitapp.core.privacy import mask_name
from visitapp.core.rows import pk

# what the dry run says about one visit's notice
SEND = "send"
ALREADY = "already"  # a notice for this time went out or is queued
LEFT_OUT = "left_out"
CONFIRMED = "confirmed"
NO_PHONE = "no_phone"
TOO_LATE = "too_late"
BLOCKED = "blocked"
OUTCOMES = (SEND, BLOCKED, ALREADY, CONFIRMED, LEFT_OUT, NO_PHONE, TOO_LATE)
# why a row is not (or no longer) going: the outcomes above, and what the job found at send time
REASONS = (BLOCKED, LEFT_OUT, CONFIRMED, NO_PHONE, TOO_LATE, "time_changed", "visit_closed", "not_planned")
CLOSED = (VisitStatus.DONE, VisitStatus.CANCELLED, VisitStatus.MISSED)


@dataclass(frozen=True)
class NoticeLine:
    visit_id: int
    debtor: str  # masked
    team: str
    day: str
    window: str  # "14:00–16:00"
    outcome: str  # one of OUTCOMES
    due_at: datetime | None = None  # when it goes (send), or went (already)
    reasons: tuple[Reason, ...] = ()  # the contact check's (blocked)
    next_allowed_at: datetime | None = None
    new_time: bool = False  # an earlier notice named another time: this one tells the new time


@dataclass(frozen=True)
class NoticePlan:
    lines: list[NoticeLine] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for x in self.lines if x.outcome == outcome)


def _time_key(v: Visit | VisitNotice) -> tuple:
    day = v.visit_date if isinstance(v, Visit) else v.visit_day
    return (day, v.window_start)


def _rows(session: Session, visit_ids: Iterable[int]) -> dict[int, list[VisitNotice]]:
    ids = list(visit_ids)
    out: dict[int, list[VisitNotice]] = {i: [] for i in ids}
    if ids:
        for row in session.exec(select(VisitNotice).where(col(VisitNotice.visit_id).in_(ids))).all():
            out[row.visit_id].append(row)
    return out


def _assess_one(
    session: Session,
    *,
    visit: Visit,
    case: Case,
    debtor: Debtor,
    team: str,
    rows: list[VisitNotice],
    left_out: bool,
    cfg: PolicyConfig,
    now: datetime,
) -> NoticeLine:
    start = clock.local_at(visit.visit_date, visit.window_start, debtor.timezone)
    base: dict[str, Any] = {
        "visit_id": pk(visit),
        "debtor": mask_name(debtor.name),
        "team": team,
        "day": visit.visit_date.isoformat(),
        "window": f"{visit.window_start:%H:%M}–{visit.window_end:%H:%M}",
    }
    if notices.confirmed_time_stands(session, visit):  # whatever went before: the debtor agreed to this time
        return NoticeLine(**base, outcome=CONFIRMED)
    same = next((r for r in rows if _time_key(r) == _time_key(visit)), None)
    if same is not None and same.state in NOTICE_STANDS:
        return NoticeLine(**base, outcome=ALREADY, due_at=clock.aware(same.sent_at or same.due_at))
    new_time = any(r.state == NoticeState.SENT for r in rows)
    if left_out:
        return NoticeLine(**base, outcome=LEFT_OUT, new_time=new_time)
    if not notices.mobile_number(session, pk(debtor)):
        return NoticeLine(**base, outcome=NO_PHONE)
    zone = clock.local_zone(debtor.timezone)
    due = notice_due(start, now=now, days_before=cfg.notice_days_before, hours=cfg.notice_hours, zone=zone)
    if due is None:
        return NoticeLine(**base, outcome=TOO_LATE, new_time=new_time)
    decision = contact.preview(session, case_id=pk(case), channel=Channel.SMS, at=due)
    if not decision.allowed and decision.next_allowed_at is not None:
        later = notice_due(
            start,
            now=max(due, clock.aware(decision.next_allowed_at)),
            days_before=cfg.notice_days_before,
            hours=cfg.notice_hours,
            zone=zone,
        )
        if later is not None:
            due, decision = later, contact.preview(session, case_id=pk(case), channel=Channel.SMS, at=later)
    if not decision.allowed:
        return NoticeLine(
            **base,
            outcome=BLOCKED,
            reasons=decision.reasons,
            next_allowed_at=decision.next_allowed_at,
            new_time=new_time,
        )
    return NoticeLine(**base, outcome=SEND, due_at=due, new_time=new_time)


def _assess(
    session: Session, *, visit_ids: list[int], leave_out: Iterable[int] = (), now: datetime | None = None
) -> tuple[NoticePlan, dict[int, list[VisitNotice]]]:
    now = now or clock.now()
    out = set(leave_out)
    cfg = policy_settings.load(session)
    found = (
        session.exec(
            select(Visit, Case, Debtor, Team.name)
            .join(Case, col(Case.id) == Visit.case_id)
            .join(Debtor, col(Debtor.id) == Case.debtor_id)
            .outerjoin(Team, col(Team.id) == Visit.team_id)
            .where(col(Visit.id).in_(visit_ids))
        ).all()
        if visit_ids
        else []
    )
    rows = _rows(session, [pk(v) for v, *_ in found])
    order = {vid: i for i, vid in enumerate(visit_ids)}
    lines = [
        _assess_one(
            session,
            visit=v,
            case=c,
            debtor=d,
            team=team or "",
            rows=rows[pk(v)],
            left_out=pk(v) in out,
            cfg=cfg,
            now=now,
        )
        for v, c, d, team in sorted(found, key=lambda r: order[pk(r[0])])
        if v.status not in CLOSED
    ]
    return NoticePlan(lines), rows


def preview(session: Session, *, actor: Identity, visit_ids: list[int], leave_out: Iterable[int] = ()) -> NoticePlan:
    """The dry run of a plan's notices (the planner passes the plan's planned visits, after its own access
    check): nothing is written."""
    access.require(actor, access.STAFF)
    return _assess(session, visit_ids=visit_ids, leave_out=leave_out)[0]


_STATE_OF = {
    SEND: NoticeState.QUEUED,
    LEFT_OUT: NoticeState.LEFT_OUT,
    CONFIRMED: NoticeState.SKIPPED,
    NO_PHONE: NoticeState.SKIPPED,
    TOO_LATE: NoticeState.SKIPPED,
    BLOCKED: NoticeState.BLOCKED,
}


def _reasons_json(reasons: Iterable[Reason]) -> list:
    return [{"code": r.code, "params": {k: str(v) for k, v in r.params}} for r in reasons]


def queue(
    session: Session,
    *,
    plan_id: int | None,
    visit_ids: list[int],
    dropped_ids: Iterable[int] = (),
    leave_out: Iterable[int] = (),
    actor_id: int | None,
) -> NoticePlan:
    """Write the assessment: one row per visit and time (see the module's docstring). Queued notices of the
    plan's left-out visits (the planner dropped them) and of times no longer planned are cancelled."""
    now = clock.now()
    plan, rows = _assess(session, visit_ids=visit_ids, leave_out=leave_out, now=now)
    found = session.exec(select(Visit).where(col(Visit.id).in_(visit_ids))).all() if visit_ids else []
    visits = {pk(v): v for v in found}
    for line in plan.lines:
        v = visits[line.visit_id]
        for old in rows[line.visit_id]:
            if old.state == NoticeState.QUEUED and _time_key(old) != _time_key(v):
                _set(session, old, NoticeState.CANCELLED, reason="time_changed", now=now)
        if line.outcome == ALREADY:
            continue
        row = next((r for r in rows[line.visit_id] if _time_key(r) == _time_key(v)), None)
        if row is None:
            row = VisitNotice(
                visit_id=line.visit_id,
                visit_day=v.visit_date,
                window_start=v.window_start,
                window_end=v.window_end,
                created_by=actor_id,
            )
        row.plan_id = plan_id
        row.window_end = v.window_end
        row.due_at = line.due_at
        row.reasons = _reasons_json(line.reasons)
        _set(session, row, _STATE_OF[line.outcome], reason=None if line.outcome == SEND else line.outcome, now=now)
    for rows_of in _rows(session, list(dropped_ids)).values():
        for old in rows_of:
            if old.state == NoticeState.QUEUED:
                _set(session, old, NoticeState.CANCELLED, reason="not_planned", now=now)
    session.flush()
    return plan


def queued_count(session: Session, *, plan_id: int) -> int:
    """The notices a plan's publishing queued that still wait (the caller checked access to the plan)."""
    return len(
        session.exec(
            select(VisitNotice.id).where(VisitNotice.plan_id == plan_id, VisitNotice.state == NoticeState.QUEUED)
        ).all()
    )


def _set(session: Session, row: VisitNotice, state: NoticeState, *, reason: str | None, now: datetime) -> None:
    row.state, row.reason, row.updated_at = state, reason, now
    session.add(row)


def send_due(
    session: Session, *, now: datetime | None = None, provider: SmsProvider | None = None, limit: int = 200
) -> dict[str, int]:
    """The job: every queued notice whose time has come, checked against the visit as it is now."""
    now = now or clock.now()
    counts = dict.fromkeys(("sent", "blocked", "waiting", "cancelled", "skipped"), 0)
    due = session.exec(
        select(VisitNotice)
        .where(VisitNotice.state == NoticeState.QUEUED, col(VisitNotice.due_at) <= now)
        .order_by(col(VisitNotice.due_at), col(VisitNotice.id))
        .limit(limit)
    ).all()
    for row in due:
        state = _send_one(session, row, now=now, provider=provider)
        counts[state] += 1
    session.flush()
    return counts


def _send_one(session: Session, row: VisitNotice, *, now: datetime, provider: SmsProvider | None) -> str:
    visit = session.get(Visit, row.visit_id)
    if visit is None or visit.status in CLOSED:
        _set(session, row, NoticeState.CANCELLED, reason="visit_closed", now=now)
        return "cancelled"
    if _time_key(visit) != _time_key(row):
        _set(session, row, NoticeState.CANCELLED, reason="time_changed", now=now)
        return "cancelled"
    if notices.window_over(visit):
        _set(session, row, NoticeState.CANCELLED, reason="too_late", now=now)
        return "cancelled"
    if notices.confirmed_time_stands(session, visit):
        _set(session, row, NoticeState.SKIPPED, reason=CONFIRMED, now=now)
        return "skipped"
    result = notices.send_queued(session, visit=visit, row_id=pk(row), provider=provider)
    if result is None:
        _set(session, row, NoticeState.SKIPPED, reason=NO_PHONE, now=now)
        return "skipped"
    row.ledger_id = result.ledger_id
    if result.decision.allowed:
        row.message_id, row.sent_at, row.reasons = result.message_id, now, []
        _set(session, row, NoticeState.SENT, reason=None, now=now)
        return "sent"
    row.reasons = _reasons_json(result.decision.reasons)
    later = _later(session, visit, result.decision)
    if later is not None:
        row.due_at = later
        _set(session, row, NoticeState.QUEUED, reason=BLOCKED, now=now)
        return "waiting"
    _set(session, row, NoticeState.BLOCKED, reason=BLOCKED, now=now)
    return "blocked"


def _later(session: Session, visit: Visit, decision: Decision) -> datetime | None:
    """A refused notice may still go later, when the check allows it, inside the notice hours, before the
    visit (e.g. the day's SMS allowance is used up: tomorrow morning)."""
    if decision.next_allowed_at is None:
        return None
    case = session.get(Case, visit.case_id)
    debtor = session.get(Debtor, case.debtor_id) if case else None
    zone_name = debtor.timezone if debtor else None
    cfg = policy_settings.load(session)
    return notice_due(
        clock.local_at(visit.visit_date, visit.window_start, zone_name),
        now=clock.aware(decision.next_allowed_at),
        days_before=0,
        hours=cfg.notice_hours,
        zone=clock.local_zone(zone_name),
    )
