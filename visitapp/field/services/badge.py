"""The agent's badge and the public page that lets a debtor check who is at the door.

The public page shows only the agent: name, badge number, company, whether they are active and
whether they have a visit scheduled today. It never says anything about any debtor or visit.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from sqlmodel import Session, col, select

from visitapp.core import access, clock
from visitapp.core.enums import Role, VisitStatus
from visitapp.core.identity import Identity
from visitapp.core.models import User, Visit, VisitAgent
from visitapp.core.security import new_token
from visitapp.core.settings import get_settings
from visitapp.people.services import photos


@dataclass(frozen=True)
class PublicAgent:
    name: str
    badge_no: str
    company: str
    company_en: str
    active: bool
    scheduled_today: bool
    initials: str
    photo: str  # a signed path of the agent's photo (people.services.photos), "" for none


@dataclass(frozen=True)
class Badge:
    agent: PublicAgent
    verify_path: str
    qr_data_uri: str  # SVG


def _public(session: Session, user: User) -> PublicAgent:
    settings = get_settings()
    scheduled = (
        session.exec(
            select(Visit.id)
            .join(VisitAgent, col(VisitAgent.visit_id) == Visit.id)
            .where(
                VisitAgent.user_id == user.id, Visit.visit_date == clock.today(), Visit.status != VisitStatus.CANCELLED
            )
            .limit(1)
        ).first()
        is not None
    )
    return PublicAgent(
        name=user.display_name,
        badge_no=user.badge_no or "",
        company=settings.company_name,
        company_en=settings.company_name_en,
        active=user.active,
        scheduled_today=scheduled,
        initials=user.display_name[:1],
        photo=photos.url(user),
    )


def my_badge(session: Session, *, actor: Identity, base_url: str) -> Badge:
    """The signed-in agent's badge with a QR code of their verification address."""
    access.require(actor, access.FIELD)
    user = session.get(User, actor.id)
    assert user is not None
    if not user.verify_token:
        user.verify_token = new_token()
        session.add(user)
        session.flush()
    path = f"/verify/{user.verify_token}"
    qr = segno.make(base_url.rstrip("/") + path, error="m")
    return Badge(
        agent=_public(session, user), verify_path=path, qr_data_uri=qr.svg_data_uri(scale=6, border=2, dark="#0f766e")
    )


def verify(session: Session, *, token: str) -> PublicAgent | None:
    """Anyone may check a badge: None when the token is unknown (or not an agent's)."""
    if not token or len(token) > 64:
        return None
    user = session.exec(select(User).where(User.verify_token == token, User.role == Role.AGENT)).first()
    return _public(session, user) if user else None
