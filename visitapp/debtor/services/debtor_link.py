"""The debtor's link from the notice SMS: see the visit and who is coming, confirm, pick another
offered time, decline the visit (a call instead), verify to see the statement, complain.

Rules kept here:
- opening a link changes nothing (link scanners open links); it only lands in the contact ledger as a
  link view. Every change needs an explicit action (a POST from a button);
- a token reads only its own visit: everything is looked up from the token, never from an id the
  browser sends;
- an expired, replaced or unknown link says which it is; a reschedule mints a new link and the old one
  then says "replaced";
- the statement needs the verifier (birth year or last 4 ID digits); 5 wrong tries lock the link for
  24 hours (stored in the database, so a restart does not reset it) and remind the dispatcher;
- actions are rate limited per link and per IP address.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select
from sqlmodel.sql.sqltypes import UTCDateTime

from visitapp.adapters.sms import SmsProvider
from visitapp.cases.rules.statement import totals
from visitapp.cases.services import statement as case_statement
from visitapp.compliance.rules.policy import Proposed, day_kind, decide
from visitapp.compliance.services import contact, link_tokens, notices, policy_settings
from visitapp.core import audit, clock, rate_limit
from visitapp.core.enums import CaseStatus, Channel, Confirmation, VisitStatus
from visitapp.core.errors import DomainError, ValidationError
from visitapp.core.models import (
    AppointmentToken,
    Case,
    Debt,
    Debtor,
    Reminder,
    Team,
    User,
    Visit,
    VisitAgent,
)
from visitapp.core.rows import pk
from visitapp.core.security import hash_token, verifier_matches
from visitapp.core.settings import get_settings
from visitapp.debtor.services import complaints
from visitapp.people.services import photos
from visitapp.planning.services.planning import replan_after_debtor_moved
from visitapp.planning.services.shifts import hours_for as shift_hours

MAX_VERIFY_TRIES = 5
LOCK_HOURS = 24
SLOT_DAYS = 7
VISITS_PER_SLOT = 4  # visits one team (a pair) can serve in a two-hour window, 30 min each with travel
TOKEN_ACTIONS_PER_HOUR = 30
IP_ACTIONS_PER_HOUR = 120


class LinkProblem(DomainError):
    """The link cannot be used: unknown, replaced, expired, cancelled or locked."""

    code = "link"


@dataclass(frozen=True)
class LinkAgent:
    name: str
    badge_no: str
    verify_token: str | None
    initials: str
    photo: str = ""  # a signed path of the agent's photo, "" for none


@dataclass(frozen=True)
class Slot:
    day: date
    start: time
    end: time

    @property
    def key(self) -> str:
        return f"{self.day.isoformat()}T{self.start.strftime('%H:%M')}"


class Moved(NamedTuple):
    """A reschedule: the visit, its new link, and the SMS that carried it (None: no mobile number or nobody
    to name; a result whose decision is not allowed: the policy blocked the SMS, e.g. the daily cap)."""

    visit: Visit
    link: str
    texted: notices.NoticeResult | None


@dataclass(frozen=True)
class LinkView:
    status: str  # ok | expired | replaced | unknown | cancelled
    company: str = ""
    company_en: str = ""
    day: date | None = None
    start: str = ""
    end: str = ""
    confirmation: str = ""
    agents: tuple[LinkAgent, ...] = ()
    expires_at: datetime | None = None
    locked_until: datetime | None = None
    declined: bool = False
    paused: bool = False  # collection is paused on the case (a complaint, a review): no visit actions
    locale: str = "zh-CN"
    when: str = "ahead"  # ahead | passed (its window is over, nobody came) | now | done | missed: `moment`


@dataclass(frozen=True)
class Statement:
    lines: list[tuple[date, str, int, int, int]] = field(default_factory=list)  # due, kind, due, paid, days
    due_cents: int = 0
    paid_cents: int = 0
    outstanding_cents: int = 0
    overdue_cents: int = 0
    contract_no: str = ""


def _find(session: Session, token: str) -> AppointmentToken | None:
    if not token or len(token) > 100:
        return None
    return session.exec(select(AppointmentToken).where(AppointmentToken.token_hash == hash_token(token))).first()


def live_link(session: Session, token: str) -> tuple[AppointmentToken, Visit, Case, Debtor]:
    """The token's visit, or LinkProblem saying why the link can't be used (for actions)."""
    row = _find(session, token)
    visit = session.get(Visit, row.visit_id) if row else None
    case = session.get(Case, visit.case_id) if visit else None
    if row is None or visit is None or case is None:
        raise LinkProblem("link.unknown")
    if row.replaced_at is not None:
        raise LinkProblem("link.replaced")
    if clock.aware(row.expires_at) <= clock.now():
        raise LinkProblem("link.expired_short")
    if visit.status == VisitStatus.CANCELLED:
        raise LinkProblem("link.cancelled")
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None
    return row, visit, case, debtor


def _not_paused(case: Case) -> None:
    if case.status == CaseStatus.PAUSED:
        raise ValidationError("link.paused")


def _limit(session: Session, row: AppointmentToken | None, ip: str | None) -> None:
    ok = True
    if row is not None:
        # per visit, not per link: a reschedule mints a new link but must not reset the count
        ok = rate_limit.hit(session, bucket=f"link:{row.visit_id}", limit=TOKEN_ACTIONS_PER_HOUR, seconds=3600)
    if ip:
        ok = rate_limit.hit(session, bucket=f"ip:{ip}", limit=IP_ACTIONS_PER_HOUR, seconds=3600) and ok
    if not ok:
        raise LinkProblem("link.too_many")


def throttle(session: Session, *, token: str, ip: str | None = None) -> None:
    """Count one debtor action against the link's and the address's hourly limits (LinkProblem
    "link.too_many" when over). Entry points call it in its own unit of work before the action, so an
    action that then fails (and rolls back) is still counted; they pass `counted=True` to the action."""
    _limit(session, _find(session, token), ip)


def _look(session: Session, token: str) -> tuple[AppointmentToken | None, Visit | None, Case | None]:
    row = _find(session, token)
    visit = session.get(Visit, row.visit_id) if row else None
    return row, visit, session.get(Case, visit.case_id) if visit else None


def open_link(session: Session, *, token: str) -> LinkView:
    """What the link shows, and the debtor's opening of it in the contact ledger (the page's load)."""
    row, visit, case = _look(session, token)
    if row is not None and visit is not None and case is not None and case.id is not None:
        contact.link_view(session, case_id=case.id, details={"visit_id": visit.id, "token_id": row.id})
    return _view(session, row, visit, case)


def peek(session: Session, *, token: str) -> LinkView:
    """What the link shows, read only: the page's first paint, drawn by the server before the page's
    scripts run (http/pages.py). Nothing is written: the page's load then opens the link (`open_link`)."""
    return _view(session, *_look(session, token))


def _view(session: Session, row: AppointmentToken | None, visit: Visit | None, case: Case | None) -> LinkView:
    s = get_settings()
    if row is None or visit is None or case is None:
        return LinkView("unknown")
    debtor = session.get(Debtor, case.debtor_id)
    base: dict[str, Any] = dict(
        company=s.company_name,
        company_en=s.company_name_en,
        expires_at=clock.aware(row.expires_at),
        locale=debtor.locale if debtor else "zh-CN",
    )
    if row.replaced_at is not None:
        return LinkView("replaced", **base)
    if clock.aware(row.expires_at) <= clock.now():
        return LinkView("expired", **base)
    if visit.status == VisitStatus.CANCELLED:
        return LinkView("cancelled", declined=visit.confirmation == Confirmation.DECLINED, **base)
    agents = tuple(
        LinkAgent(u.display_name, u.badge_no or "", u.verify_token, u.display_name[:1], photos.url(u))
        for u in session.exec(
            select(User)
            .join(VisitAgent, col(VisitAgent.user_id) == User.id)
            .where(VisitAgent.visit_id == visit.id)
            .order_by(col(User.id))
        ).all()
    )
    locked = clock.aware(row.locked_until)
    return LinkView(
        "ok",
        when=moment(visit),
        day=visit.visit_date,
        start=visit.window_start.strftime("%H:%M"),
        end=visit.window_end.strftime("%H:%M"),
        confirmation=visit.confirmation,
        agents=agents,
        locked_until=locked if locked and locked > clock.now() else None,
        paused=case.status == CaseStatus.PAUSED,
        **base,
    )


def moment(visit: Visit) -> str:
    """Where the visit stands for the debtor now: ahead (it can be confirmed, moved or declined), passed (its
    window is over and nobody checked in: it can be moved or declined, not confirmed), now (the agents are
    there), done, missed (recorded as not visited)."""
    if visit.status == VisitStatus.DONE:
        return "done"
    if visit.status == VisitStatus.MISSED:
        return "missed"
    if visit.status == VisitStatus.IN_PROGRESS or visit.checkin_at is not None:
        return "now"
    return "passed" if notices.window_over(visit) else "ahead"


def _record(session: Session, action: str, visit: Visit, row: AppointmentToken, ip: str | None, **after) -> None:
    audit.record(
        session,
        actor_id=None,
        action=action,
        entity="visit",
        entity_id=visit.id,
        after={"token_id": row.id, **after},
        detail=f"debtor link{f' from {ip}' if ip else ''}",
    )


def _window(visit: Visit) -> dict[str, str]:
    """The time the debtor agreed to, as the audit entry keeps it (a later notice asks whether it moved)."""
    return {
        "day": visit.visit_date.isoformat(),
        "start": visit.window_start.strftime("%H:%M"),
        "end": visit.window_end.strftime("%H:%M"),
    }


def confirm(session: Session, *, token: str, ip: str | None = None, counted: bool = False) -> Visit:
    row, visit, case, _debtor = live_link(session, token)
    if not counted:
        _limit(session, row, ip)
    _not_paused(case)
    if visit.status != VisitStatus.PLANNED:
        raise ValidationError("link.not_open")
    if moment(visit) != "ahead":
        raise ValidationError("link.time_passed")
    before = visit.confirmation
    visit.confirmation = Confirmation.CONFIRMED
    visit.hard_window = True  # the debtor agreed to this window: the planner must keep it
    visit.version += 1
    session.add(visit)
    _record(session, "visit.confirm", visit, row, ip, before=before, **_window(visit))
    session.flush()
    return visit


def offered_slots(
    session: Session, *, token: str, now: datetime | None = None, ip: str | None = None, counted: bool = False
) -> list[Slot]:
    """The windows of the next days that the policy allows for this debtor and the team has room for."""
    row, visit, case, debtor = live_link(session, token)
    if not counted:
        _limit(session, row, ip)
    return _slots(session, visit, case, debtor, now or clock.now())


def _slots(session: Session, visit: Visit, case: Case, debtor: Debtor, now: datetime) -> list[Slot]:
    cfg = policy_settings.load(session)
    state = contact.debtor_state(session, debtor, case)
    assert debtor.id is not None  # a loaded row
    history = contact.history(session, debtor.id, now, cfg)
    zone = clock.local_zone(debtor.timezone)
    team = session.get(Team, visit.team_id) if visit.team_id else None
    agents = len(session.exec(select(VisitAgent.user_id).where(VisitAgent.visit_id == visit.id)).all())
    today = now.astimezone(zone).date()
    out: list[Slot] = []
    windows = list(cfg.visit_slots) + ([cfg.evening_slot] if debtor.night_worker else [])
    for offset in range(1, SLOT_DAYS + 1):
        day = today + timedelta(days=offset)
        if day_kind(day, cfg.holiday_country)[0] != "workday":
            continue
        for start, end in windows:
            if day == visit.visit_date and start == visit.window_start:
                continue  # the current time is not "another time"
            at = datetime.combine(day, start, tzinfo=zone)
            if team is not None:
                hours = shift_hours(session, [team], day)[pk(team)]  # that day's shift (an evening one, say)
                if not (hours.start <= start and end <= hours.end):
                    continue
            proposal = Proposed(
                channel=Channel.VISIT,
                at=at,
                agents=max(agents, cfg.agents_per_visit),
                agreed_time=True,
                evening_requested=debtor.night_worker,
            )
            if not decide(proposal, cfg, state, history).allowed:
                continue
            if visit.team_id is not None:
                busy = session.exec(
                    select(Visit.id).where(
                        Visit.team_id == visit.team_id,
                        Visit.visit_date == day,
                        Visit.window_start == start,
                        Visit.id != visit.id,
                        Visit.status != VisitStatus.CANCELLED,
                    )
                ).all()
                if len(busy) >= VISITS_PER_SLOT:
                    continue
            out.append(Slot(day, start, end))
    return out


def reschedule(
    session: Session,
    *,
    token: str,
    slot_key: str,
    base_url: str,
    ip: str | None = None,
    counted: bool = False,
    replan: bool = True,
    provider: SmsProvider | None = None,
) -> Moved:
    """Move the visit to an offered slot: the old link is replaced by a new one, which goes to the debtor's
    phone by SMS (policy first: when it blocks, nothing is sent; the new link works all the same, and the
    page the debtor is on moves to it)."""

    row, visit, case, debtor = live_link(session, token)
    if not counted:
        _limit(session, row, ip)
    _not_paused(case)
    if visit.status != VisitStatus.PLANNED:
        raise ValidationError("link.not_open")
    chosen = next((s for s in _slots(session, visit, case, debtor, clock.now()) if s.key == slot_key), None)
    if chosen is None:
        raise ValidationError("link.slot_gone")
    old_day = visit.visit_date
    before = {"day": old_day.isoformat(), "start": visit.window_start.strftime("%H:%M")}
    visit.visit_date, visit.window_start, visit.window_end = chosen.day, chosen.start, chosen.end
    visit.confirmation = Confirmation.RESCHEDULED
    visit.hard_window = True
    visit.route_order, visit.eta, visit.plan_id, visit.travel_minutes = None, None, None, None
    visit.drop_reason = None  # a new time: to be planned again
    visit.version += 1
    session.add(visit)
    _new_row, link = link_tokens.mint_link(session, visit=visit, base_url=base_url, zone=debtor.timezone)
    _record(
        session,
        "visit.reschedule",
        visit,
        row,
        ip,
        before=before,
        **_window(visit),
    )
    session.flush()
    texted = notices.send_new_link(session, visit=visit, link=link, provider=provider)
    if replan and visit.team_id is not None:
        for day in sorted({old_day, chosen.day}):
            if day >= clock.today():
                replan_after_debtor_moved(session, day=day, team_id=visit.team_id)
    return Moved(visit, link, texted)


def decline(
    session: Session, *, token: str, ip: str | None = None, counted: bool = False, replan: bool = True
) -> Visit:
    """No visit, please call instead: the visit is cancelled, the debtor is marked "do not visit" (which
    the policy then enforces) and the agent gets a task to call."""

    row, visit, case, debtor = live_link(session, token)
    if not counted:
        _limit(session, row, ip)
    _not_paused(case)
    if visit.status != VisitStatus.PLANNED:
        raise ValidationError("link.not_open")
    visit.confirmation = Confirmation.DECLINED
    visit.status = VisitStatus.CANCELLED
    visit.route_order, visit.eta = None, None
    visit.version += 1
    session.add(visit)
    debtor.do_not_visit = True
    debtor.updated_at = clock.now()
    session.add(debtor)
    owner = case.agent_id or session.exec(select(VisitAgent.user_id).where(VisitAgent.visit_id == visit.id)).first()
    if owner:
        session.add(
            Reminder(
                user_id=owner,
                case_id=case.id,
                kind="call_instead",
                due_at=clock.now(),
                title_key="reminders.title.call_instead",
                source_ref=f"visit:{visit.id}",
            )
        )
    _record(session, "visit.decline", visit, row, ip)
    session.flush()
    if replan and visit.team_id is not None and visit.visit_date >= clock.today():
        replan_after_debtor_moved(session, day=visit.visit_date, team_id=visit.team_id)
    return visit


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    tries_left: int
    locked_until: datetime | None
    statement: Statement | None = None


def verify(
    session: Session, *, token: str, kind: str, value: str, ip: str | None = None, counted: bool = False
) -> VerifyResult:
    """Check the verifier; the statement only on success. The 5th wrong try locks the link for 24 h.

    Every try is first reserved in the database (`_reserve_try`), and only a reserved try is compared: so
    concurrent requests (any worker) can never have more than `MAX_VERIFY_TRIES` guesses evaluated
    between two locks. A right answer gives the count back (to 0) and lifts the lock."""
    row, visit, case, debtor = live_link(session, token)
    if not counted:
        _limit(session, row, ip)
    now = clock.now()
    locked = clock.aware(row.locked_until)
    if locked and locked > now:
        return VerifyResult(False, 0, locked)
    if kind not in ("birth_year", "id_last4"):
        raise ValidationError("link.bad_verifier_kind")
    value = (value or "").strip()
    stored = debtor.birth_year_hash if kind == "birth_year" else debtor.id_last4_hash
    tries = _reserve_try(session, row, now)
    if tries is None:  # another request used the last try, or locked or replaced the link, meanwhile
        session.refresh(row)
        if row.replaced_at is not None:
            raise LinkProblem("link.replaced")
        locked = clock.aware(row.locked_until)
        return VerifyResult(False, 0, locked if locked and locked > now else None)
    if verifier_matches(get_settings().secret_key, str(debtor.id), kind, value, stored):
        _set_tries(session, row, 0, None)
        _record(session, "link.verified", visit, row, ip, kind=kind)
        return VerifyResult(True, MAX_VERIFY_TRIES, None, _statement(session, case))
    if tries < MAX_VERIFY_TRIES:
        return VerifyResult(False, MAX_VERIFY_TRIES - tries, None)
    # this was the last try: the reservation has locked the link; the next lock period starts from 0
    _set_tries(session, row, 0, clock.aware(row.locked_until))
    team = session.get(Team, visit.team_id or case.team_id or 0)
    if team is not None and team.dispatcher_id:
        session.add(
            Reminder(
                user_id=team.dispatcher_id,
                case_id=case.id,
                kind="link_locked",
                due_at=now,
                title_key="reminders.title.link_locked",
                source_ref=f"token:{row.id}",
            )
        )
    _record(session, "link.locked", visit, row, ip)
    return VerifyResult(False, 0, clock.aware(row.locked_until))


def _reserve_try(session: Session, row: AppointmentToken, now: datetime) -> int | None:
    """Count one try on the live, unlocked link in one atomic statement, before the answer is compared;
    the try that reaches the limit sets the lock in the same statement. Returns the try's number (1 to
    MAX_VERIFY_TRIES), or None when the link is locked, out of tries or replaced.

    On PostgreSQL the UPDATE holds the row until the unit of work ends: a concurrent try waits, then sees
    the new count (or the lock) and is refused when none is left. SQLite runs one writer at a time."""
    count, until = col(AppointmentToken.failed_verifications), col(AppointmentToken.locked_until)
    tries = count + 1
    lock_end = sa.literal(now + timedelta(hours=LOCK_HOURS), UTCDateTime())  # the column's type: stored as UTC
    result = session.execute(
        sa.update(AppointmentToken)
        .where(
            col(AppointmentToken.id) == row.id,
            col(AppointmentToken.replaced_at).is_(None),
            count < MAX_VERIFY_TRIES,
            sa.or_(until.is_(None), until <= now),
        )
        .values({count: tries, until: sa.case((tries >= MAX_VERIFY_TRIES, lock_end), else_=None)})
        .returning(count, until)
        .execution_options(synchronize_session=False)
    ).first()
    if result is None:
        return None
    tried, locked_until = result
    _set_loaded(row, tried, locked_until)
    return tried


def _set_tries(session: Session, row: AppointmentToken, tries: int, locked_until: datetime | None) -> None:
    """Store the count and lock after a reserved try (this unit of work holds the row until it ends)."""
    session.execute(
        sa.update(AppointmentToken)
        .where(col(AppointmentToken.id) == row.id)
        .values(failed_verifications=tries, locked_until=locked_until)
        .execution_options(synchronize_session=False)
    )
    _set_loaded(row, tries, locked_until)


def _set_loaded(row: AppointmentToken, tries: int, locked_until: datetime | None) -> None:
    """Keep the loaded row in step with what the statements above wrote, without a flush writing it back."""
    set_committed_value(row, "failed_verifications", tries)
    set_committed_value(row, "locked_until", clock.aware(locked_until))


def _statement(session: Session, case: Case) -> Statement:
    debt = session.get(Debt, case.debt_id)
    lines = case_statement.lines(session, case)
    today = clock.today()
    t = totals(lines, today)
    return Statement(
        lines=[
            (ln.due_date, ln.kind, ln.amount_due_cents, ln.amount_paid_cents, ln.days_overdue(today)) for ln in lines
        ],
        due_cents=t.due_cents,
        paid_cents=t.paid_cents,
        outstanding_cents=t.outstanding_cents,
        overdue_cents=t.overdue_cents,
        contract_no=debt.contract_no if debt else "",
    )


def complain(
    session: Session, *, token: str, category: str, body: str, ip: str | None = None, counted: bool = False
) -> str:
    """A complaint from the link: recorded, collection paused on the case; returns the reference number."""

    row, visit, case, _debtor = live_link(session, token)
    if not counted:
        _limit(session, row, ip)
    assert case.id is not None  # a loaded row
    complaint = complaints.create(session, case_id=case.id, source="link", category=category, body=body, actor_id=None)
    _record(session, "link.complaint", visit, row, ip, reference=complaint.reference_no)
    return complaint.reference_no


def ics(session: Session, *, token: str) -> tuple[str, bytes]:
    """The confirmed visit as an iCalendar file (reading it changes nothing)."""
    from icalendar import Calendar, Event

    _row, visit, _case, debtor = live_link(session, token)
    if visit.confirmation not in (Confirmation.CONFIRMED, Confirmation.RESCHEDULED):
        raise ValidationError("link.not_confirmed")
    s = get_settings()
    zone = clock.local_zone(debtor.timezone)
    agents = session.exec(
        select(User)
        .join(VisitAgent, col(VisitAgent.user_id) == User.id)
        .where(VisitAgent.visit_id == visit.id)
        .order_by(col(User.id))
    ).all()
    who = ", ".join(f"{u.display_name} ({u.badge_no})" for u in agents)
    cal = Calendar()
    cal.add("prodid", "-//visitapp//visit//ZH")
    cal.add("version", "2.0")
    ev = Event()
    ev.add("uid", f"visit-{visit.id}@visitapp")
    ev.add("dtstamp", clock.now())
    ev.add("dtstart", datetime.combine(visit.visit_date, visit.window_start, tzinfo=zone))
    ev.add("dtend", datetime.combine(visit.visit_date, visit.window_end, tzinfo=zone))
    if debtor.locale == "en":
        ev.add("summary", f"Visit from {s.company_name_en}")
        ev.add("description", f"Field officers: {who}. Check their badge before you open the door.")
    else:
        ev.add("summary", f"{s.company_name} 上门拜访")
        ev.add("description", f"来访人员：{who}。开门前请核对工号。")
    cal.add_component(ev)
    # RFC 5545 3.2.19: every TZID used needs its VTIMEZONE in the file (calendars that do not know the
    # zone would otherwise guess, often as UTC or floating time). The rules of the visit's year suffice.
    cal.add_missing_timezones(
        first_date=date(visit.visit_date.year - 1, 1, 1), last_date=date(visit.visit_date.year + 2, 1, 1)
    )
    return f"visit-{visit.visit_date.isoformat()}.ics", cal.to_ical()
