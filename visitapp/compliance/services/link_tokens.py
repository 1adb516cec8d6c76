"""The debtor's link: a 256-bit token bound to one visit, stored only as its hash, and hidden in every text
staff can see. Minted for a notice (notices) and again when a delivery is retried (sms); a reschedule
(debtor link) mints the next one."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from visitapp.core import clock
from visitapp.core.models import AppointmentToken, Visit
from visitapp.core.rows import pk
from visitapp.core.security import hash_token, new_token
from visitapp.core.settings import get_settings

LINK_PATH = "/v/"
HIDDEN = "‹hidden›"  # what is stored and shown in place of a link token: only the debtor's SMS has it


def redact(body: str) -> str:
    """The text with every debtor-link token hidden. Staff (the outbox page, the agent's preview) must never
    see a live token: whoever holds it can act as the debtor."""
    return re.sub(re.escape(LINK_PATH) + r"[A-Za-z0-9_-]{16,}", LINK_PATH + HIDDEN, body)


def link_expiry(visit: Visit, zone: str | None = None) -> datetime:
    """A link lives until the end of the visit's day plus the configured days, the debtor's local time."""
    end_of_day = datetime.combine(
        visit.visit_date, datetime.max.time().replace(microsecond=0), tzinfo=clock.local_zone(zone)
    )
    return end_of_day + timedelta(days=get_settings().link_days)


def mint_link(
    session: Session, *, visit: Visit, base_url: str, zone: str | None = None
) -> tuple[AppointmentToken, str]:
    """A new unguessable link for a visit; any older live link of the visit is marked replaced."""
    token = new_token()
    row = AppointmentToken(visit_id=pk(visit), token_hash=hash_token(token), expires_at=link_expiry(visit, zone))
    # the verifier's wrong tries and its lock belong to the visit, not to one link: a reschedule or a new
    # notice must not hand out five fresh guesses. The row is locked (and read afresh) so that a wrong try
    # being committed on the old link right now is waited for and copied, not lost.
    previous = session.exec(
        select(AppointmentToken)
        .where(AppointmentToken.visit_id == visit.id)
        .order_by(col(AppointmentToken.id).desc())
        .limit(1)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if previous is not None:
        row.failed_verifications, row.locked_until = previous.failed_verifications, previous.locked_until
    session.add(row)
    session.flush()
    for old in session.exec(
        select(AppointmentToken).where(
            AppointmentToken.visit_id == visit.id,
            AppointmentToken.id != row.id,
            col(AppointmentToken.replaced_at).is_(None),
        )
    ).all():
        old.replaced_at, old.replaced_by_id = clock.now(), row.id
        session.add(old)
    return row, base_url.rstrip("/") + LINK_PATH + token
