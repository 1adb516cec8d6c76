"""Check-in and check-out at the door, with the phone's GPS position.

Check-in is the visit contact: it passes the one compliance check first (hours, holidays, caps, stop
conditions, two agents under CN-2026) and lands in the ledger. The distance to the debtor's address is
recorded; more than `FAR_METRES` away is accepted only with a reason, and flagged for the dispatcher.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from visitapp.compliance.rules.policy import Decision
from visitapp.compliance.services import contact
from visitapp.core import access, audit, clock
from visitapp.core.enums import Channel, VisitStatus
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Debtor, Visit, VisitAgent
from visitapp.core.rows import pk
from visitapp.field.services import visit_log

FAR_METRES = float(os.environ.get("VISITAPP_CHECKIN_FAR_METRES", "300"))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6_371_008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class CheckinResult:
    decision: Decision
    distance_m: float | None
    flagged: bool
    needs_reason: bool  # far away and no reason given: nothing recorded, ask for one
    duplicate: bool = False  # the same check-in sent again (from the phone's queue): nothing new


def check_in(
    session: Session,
    *,
    actor: Identity,
    visit_id: int,
    lat: float,
    lon: float,
    accuracy_m: float | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> CheckinResult:
    """`at`: the phone's time of a check-in made offline (kept if plausible, see visit_log.plausible_time):
    the contact check decides as of then. A resend of one already saved (the same time) is a duplicate."""
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    when = visit_log.plausible_time(at)
    if visit.checkin_at is not None:
        if when is not None and clock.aware(visit.checkin_at) == when:
            return CheckinResult(Decision(True), visit.checkin_distance_m, visit.checkin_flagged, False, duplicate=True)
        raise ValidationError("checkin.already")
    if visit.status == VisitStatus.MISSED:
        raise ValidationError("checkin.blocked_not_visited")
    if visit.status == VisitStatus.CANCELLED:  # e.g. cancelled by dispatch while the phone had no signal
        raise ValidationError("checkin.visit_cancelled")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError("checkin.bad_position")
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None  # a case has its debtor
    distance = (
        distance_m(lat, lon, debtor.lat, debtor.lon) if debtor.lat is not None and debtor.lon is not None else None
    )
    far = distance is None or distance > FAR_METRES
    reason = (reason or "").strip()[:255]
    if far and not reason:
        return CheckinResult(Decision(True), distance, True, needs_reason=True)
    now = when or clock.now()
    outcome = contact.attempt(
        session,
        case_id=pk(case),
        channel=Channel.VISIT,
        actor_id=actor.id,
        at=now,
        **_visit_terms(session, visit, debtor, now),
        result="pending",
        details={"visit_id": visit.id, "distance_m": None if distance is None else round(distance)},
    )
    if not outcome.allowed:
        return CheckinResult(outcome.decision, distance, far, needs_reason=False)
    visit.checkin_at, visit.checkin_lat, visit.checkin_lon = now, lat, lon
    visit.checkin_accuracy_m = accuracy_m
    visit.checkin_distance_m = distance
    visit.checkin_flagged = far
    visit.checkin_reason = reason or None
    visit.status = VisitStatus.IN_PROGRESS
    visit.version += 1
    session.add(visit)
    audit.record(
        session,
        actor_id=actor.id,
        action="visit.checkin",
        entity="visit",
        entity_id=visit.id,
        after={
            "distance_m": None if distance is None else round(distance),
            "flagged": far,
            "accuracy_m": accuracy_m,
            "ledger_id": outcome.ledger_id,
        },
    )
    return CheckinResult(outcome.decision, distance, far, needs_reason=False)


def _visit_terms(session: Session, visit: Visit, debtor: Debtor, now: datetime) -> dict:
    """What a check-in is to the policy besides its time: how many agents are on the visit. Whether the
    debtor agreed to this moment (a confirmed appointment) the contact check reads from the visit itself."""
    agents = len(session.exec(select(VisitAgent.user_id).where(VisitAgent.visit_id == visit.id)).all())
    return {"agents": agents}


@dataclass(frozen=True)
class Readiness:
    """Whether checking in can work now, and if not why: a message key and parameters, or the policy's
    reasons (with when it would next allow a visit)."""

    ok: bool
    key: str = ""
    params: dict = field(default_factory=dict)
    decision: Decision | None = None


def readiness(session: Session, *, actor: Identity, visit_id: int) -> Readiness:
    """Asked when the dossier opens, so that the check-in button is disabled with the reason instead of
    refusing after the tap. Nothing is recorded; the check-in itself decides again."""
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    if visit.checkin_at is not None:
        return Readiness(False, "checkin.already")
    if visit.status == VisitStatus.MISSED:
        return Readiness(False, "checkin.blocked_not_visited")
    if visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED):
        return Readiness(False, "checkin.blocked_closed")
    today = clock.today()
    if visit.visit_date != today:
        return Readiness(False, "checkin.blocked_other_day", {"day": visit.visit_date})
    debtor = session.get(Debtor, case.debtor_id)
    assert debtor is not None  # a case has its debtor
    now = clock.now()
    decision = contact.preview(
        session, case_id=pk(case), channel=Channel.VISIT, at=now, **_visit_terms(session, visit, debtor, now)
    )
    if not decision.allowed:
        return Readiness(False, "checkin.blocked_policy", decision=decision)
    return Readiness(True)


def check_out(
    session: Session,
    *,
    actor: Identity,
    visit_id: int,
    lat: float | None,
    lon: float | None,
    at: datetime | None = None,
) -> bool:
    """False when it was saved before (the same time, sent again from the phone's queue)."""
    visit, _case = access.visit_for(session, actor, visit_id, at_door=True)
    when = visit_log.plausible_time(at)
    if visit.checkin_at is None:
        raise ValidationError("checkin.not_checked_in")
    if visit.checkout_at is not None:
        if when is not None and clock.aware(visit.checkout_at) == when:
            return False
        raise ValidationError("checkin.already_out")
    visit.checkout_at, visit.checkout_lat, visit.checkout_lon = when or clock.now(), lat, lon
    visit.version += 1
    session.add(visit)
    audit.record(session, actor_id=actor.id, action="visit.checkout", entity="visit", entity_id=visit.id)
    return True
