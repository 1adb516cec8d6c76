"""When the debtor seems to be in crisis: stop, pause the case for review, and offer help.

Flagging pauses collection on the case (the compliance policy then blocks every contact), tells the
dispatcher who runs the team with a reminder, and gives the agent the support resources to offer, a
text administrators edit.
"""

from __future__ import annotations

from sqlmodel import Session

from visitapp import i18n
from visitapp.core import access, audit, clock
from visitapp.core.enums import CaseStatus
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import PolicySetting, Reminder, Team

KEY = "support_text"


def support_text(session: Session, locale: str | None) -> str:
    row = session.get(PolicySetting, KEY)
    texts = row.value if row and isinstance(row.value, dict) else {}
    return texts.get(i18n.normalize(locale)) or i18n.t("distress.support_default", locale)


def set_support_text(session: Session, *, actor: Identity, zh: str, en: str) -> None:
    access.require(actor, access.ADMINS)
    zh, en = zh.strip(), en.strip()
    if not zh or not en or len(zh) > 2000 or len(en) > 2000:
        raise ValidationError("distress.text_invalid")
    row = session.get(PolicySetting, KEY) or PolicySetting(key=KEY)
    before = row.value
    row.value, row.updated_by, row.updated_at = {"zh-CN": zh, "en": en}, actor.id, clock.now()
    session.add(row)
    audit.record(
        session,
        actor_id=actor.id,
        action="support_text.update",
        entity="policy_setting",
        entity_id=KEY,
        before=before if isinstance(before, dict) else None,
        after=row.value,
    )


def flag(session: Session, *, actor: Identity, visit_id: int, note: str = "") -> str:
    """Pause the case for review and return the support resources to offer (in the agent's language)."""
    visit, case = access.visit_for(session, actor, visit_id, at_door=True)
    before = {"status": case.status, "pause_reason": case.pause_reason}
    case.status, case.pause_reason = CaseStatus.PAUSED, "distress"
    case.version += 1
    case.updated_at = clock.now()
    session.add(case)
    team = session.get(Team, visit.team_id or case.team_id or 0)
    if team is not None and team.dispatcher_id:
        session.add(
            Reminder(
                user_id=team.dispatcher_id,
                case_id=case.id,
                kind="distress_review",
                due_at=clock.now(),
                title_key="distress.review_title",
                title_params={"visit": visit.id},
            )
        )
    audit.record(
        session,
        actor_id=actor.id,
        action="case.distress",
        entity="case",
        entity_id=case.id,
        before=before,
        after={"status": case.status, "pause_reason": "distress"},
        detail=note.strip()[:255],
    )
    return support_text(session, actor.locale)
