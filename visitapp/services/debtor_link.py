"""The debtor's link from the notice SMS (first version: the visit is planned, and who is coming).

Opening a link changes nothing (link scanners open links too); it only lands in the contact ledger as
a link view. The page shows no debtor data at all: not the name, not the debt. An expired, replaced or
unknown link says which it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlmodel import Session, select

from visitapp import clock
from visitapp.domain.enums import VisitStatus
from visitapp.domain.security import hash_token
from visitapp.models import AppointmentToken, Case, User, Visit, VisitAgent
from visitapp.services import contact
from visitapp.settings import get_settings


@dataclass(frozen=True)
class LinkAgent:
    name: str
    badge_no: str
    verify_token: str | None


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


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def open_link(session: Session, *, token: str) -> LinkView:
    s = get_settings()
    if not token or len(token) > 100:
        return LinkView("unknown")
    row = session.exec(select(AppointmentToken).where(AppointmentToken.token_hash == hash_token(token))).first()
    if row is None:
        return LinkView("unknown")
    visit = session.get(Visit, row.visit_id)
    case = session.get(Case, visit.case_id) if visit else None
    if visit is None or case is None:
        return LinkView("unknown")
    base = dict(company=s.company_name, company_en=s.company_name_en, expires_at=_aware(row.expires_at))
    contact.link_view(session, case_id=case.id, details={"visit_id": visit.id, "token_id": row.id})
    if row.replaced_at is not None:
        return LinkView("replaced", **base)
    if _aware(row.expires_at) <= clock.now():
        return LinkView("expired", **base)
    if visit.status == VisitStatus.CANCELLED:
        return LinkView("cancelled", **base)
    agents = tuple(
        LinkAgent(u.display_name, u.badge_no or "", u.verify_token)
        for u in session.exec(select(User).join(VisitAgent, VisitAgent.user_id == User.id)
                              .where(VisitAgent.visit_id == visit.id).order_by(User.id)).all()
    )
    return LinkView("ok", day=visit.visit_date, start=visit.window_start.strftime("%H:%M"),
                    end=visit.window_end.strftime("%H:%M"), confirmation=visit.confirmation, agents=agents, **base)
