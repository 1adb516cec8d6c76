"""SMS templates per key and language: the shipped text (the message catalog) unless an admin saved one.

- `effective` is what sending uses: the saved row, else the catalog default. No role check (the sender
  is whoever may send; the text is not secret).
- `get`, `list_templates`, `save`, `reset` are for administrators only, audited. `save` checks the text
  (`domain.templates.check`: ValidationError("tpl.invalid") carrying every problem) and the version it
  was edited on: version 0 means "edited on the default". A stale version raises Conflict("tpl.stale")
  naming who changed it and when, and changes nothing. `reset` deletes the saved row, so the template
  follows the shipped default again (also on later releases).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete as sa_delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from visitapp.compliance.rules import templates as rules
from visitapp.core import access, audit, clock, versioning
from visitapp.core.errors import Conflict, NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import MessageTemplate, User
from visitapp.core.settings import get_settings
from visitapp.i18n.messages import MESSAGES

ENTITY = "message_template"


@dataclass(frozen=True)
class TemplateOut:
    key: str
    lang: str
    body: str
    version: int  # 0: the shipped default (no saved row)
    is_default: bool
    default_body: str
    updated_by: str  # display name, "" for the default
    updated_at: datetime | None


def default_body(key: str, lang: str) -> str:
    _known(key, lang)
    return MESSAGES[key][lang]


def _known(key: str, lang: str) -> None:
    if key not in rules.KEYS or lang not in rules.LANGS:
        raise NotFound("tpl.not_found")


def _row(session: Session, key: str, lang: str) -> MessageTemplate | None:
    return session.exec(
        select(MessageTemplate)
        .where(MessageTemplate.key == key, MessageTemplate.lang == lang)
        .execution_options(populate_existing=True)
    ).first()


def _out(session: Session, key: str, lang: str, row: MessageTemplate | None) -> TemplateOut:
    default = MESSAGES[key][lang]
    if row is None:
        return TemplateOut(key, lang, default, 0, True, default, "", None)
    by = ""
    if row.updated_by:
        user = session.get(User, row.updated_by)
        assert user is not None  # updated_by references a user
        by = user.display_name
    return TemplateOut(key, lang, row.body, row.version, False, default, by, row.updated_at)


def effective(session: Session, *, key: str, lang: str) -> TemplateOut:
    """The text to send for key + language."""
    _known(key, lang)
    return _out(session, key, lang, _row(session, key, lang))


def company_for(lang: str) -> str:
    s = get_settings()
    return s.company_name if lang == "zh-CN" else s.company_name_en


def check(*, key: str, lang: str, body: str) -> list[rules.Problem]:
    """The problems of a text, with this installation's company name and link address (pure, no DB)."""
    return rules.check(key, lang, body, company=company_for(lang), base_url=get_settings().public_url)


def preview(*, key: str, lang: str, body: str) -> str:
    return rules.preview(key, lang, body, company=company_for(lang), base_url=get_settings().public_url)


# --- administrators ---


def list_templates(session: Session, *, actor: Identity) -> list[TemplateOut]:
    access.require(actor, access.ADMINS)
    rows = {(r.key, r.lang): r for r in session.exec(select(MessageTemplate)).all()}
    return [_out(session, k, lang, rows.get((k, lang))) for k in rules.KEYS for lang in rules.LANGS]


def get(session: Session, *, actor: Identity, key: str, lang: str) -> TemplateOut:
    access.require(actor, access.ADMINS)
    return effective(session, key=key, lang=lang)


def _conflict(session: Session, key: str, lang: str) -> Conflict:
    """Who changed the text last and when (versioning.stale), or that it was reset to the default meanwhile."""
    row = _row(session, key, lang)
    if row is None:
        return Conflict("tpl.stale_reset", name="—", time="", version=0)
    return versioning.stale(
        session,
        key="tpl.stale",
        entity=ENTITY,
        entity_id=f"{key}/{lang}",
        version=row.version,
        fallback_at=row.updated_at,
    )


def save(session: Session, *, actor: Identity, key: str, lang: str, body: str, version: int) -> TemplateOut:
    """Save a text edited on `version` (0 = on the default)."""
    access.require(actor, access.ADMINS)
    _known(key, lang)
    body = (body or "").strip()
    problems = check(key=key, lang=lang, body=body)
    if problems:
        raise ValidationError("tpl.invalid", problems=[(p.key, p.kw) for p in problems])
    row = _row(session, key, lang)
    current = row.version if row else 0
    if current != version:
        raise _conflict(session, key, lang)
    before = row.body if row else MESSAGES[key][lang]
    if body == before:
        return _out(session, key, lang, row)  # nothing changed: no new version, no audit entry
    now = clock.now()
    if row is None:
        try:
            with session.begin_nested():
                session.add(
                    MessageTemplate(key=key, lang=lang, body=body, version=1, updated_by=actor.id, updated_at=now)
                )
        except IntegrityError:  # another admin saved the first edit at the same moment
            raise _conflict(session, key, lang) from None
    else:
        versioning.write(
            session,
            row,
            seen=version,
            values={"body": body, "updated_by": actor.id, "updated_at": now},
            key="tpl.stale",
            entity=ENTITY,
            entity_id=f"{key}/{lang}",
        )
    row = _row(session, key, lang)
    assert row is not None  # written just above
    audit.record(
        session,
        actor_id=actor.id,
        action="template.save",
        entity=ENTITY,
        entity_id=f"{key}/{lang}",
        before={"body": before, "version": version},
        after={"body": body, "version": row.version},
        detail=f"{key}/{lang} v{row.version}",
    )
    return _out(session, key, lang, row)


def reset(session: Session, *, actor: Identity, key: str, lang: str, version: int) -> TemplateOut:
    """Back to the shipped default (the saved row is deleted); a stale version raises Conflict."""
    access.require(actor, access.ADMINS)
    _known(key, lang)
    row = _row(session, key, lang)
    if row is None:
        return _out(session, key, lang, None)  # already the default
    if row.version != version:
        raise _conflict(session, key, lang)
    before = {"body": row.body, "version": row.version}
    result = session.exec(
        sa_delete(MessageTemplate)
        .where(
            col(MessageTemplate.id) == row.id,
            col(MessageTemplate.version) == version,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise _conflict(session, key, lang)
    session.expunge(row)
    audit.record(
        session,
        actor_id=actor.id,
        action="template.reset",
        entity=ENTITY,
        entity_id=f"{key}/{lang}",
        before=before,
        after={"body": MESSAGES[key][lang], "version": 0},
        detail=f"{key}/{lang} default",
    )
    return _out(session, key, lang, None)
