"""The active compliance policy: which profile and which figures, as an administrator set them."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from visitapp.compliance.rules.policy import (
    DebtorState,
    PolicyConfig,
    Proposed,
    decide,
    default_config,
    validate_config,
)
from visitapp.core import access, audit, clock
from visitapp.core.enums import Channel
from visitapp.core.errors import ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import PolicySetting

KEY = "policy"


def load(session: Session) -> PolicyConfig:
    row = session.get(PolicySetting, KEY)
    if row is None or not row.value:
        return default_config()
    return PolicyConfig.from_json(row.value)


def parse(data: dict[str, Any]) -> tuple[PolicyConfig | None, list[tuple[str, str]]]:
    """Build a configuration from form-like data (strings allowed); problems as (field, message key)."""
    try:
        cfg = PolicyConfig.from_json(data)
    except (ValueError, TypeError, KeyError, IndexError):
        return None, [("form", "policy.config.bad_time")]
    return cfg, validate_config(cfg)


def save(session: Session, *, actor: Identity, data: dict[str, Any]) -> PolicyConfig:
    """Validate and store; raise ValidationError(problems=[...]) and store nothing if anything is wrong."""
    access.require(actor, access.ADMINS)
    cfg, problems = parse(data)
    if problems or cfg is None:
        raise ValidationError("policy.config.invalid", problems=problems)
    before = load(session).to_json()
    row = session.get(PolicySetting, KEY) or PolicySetting(key=KEY)
    row.value = cfg.to_json()
    row.updated_by = actor.id

    row.updated_at = clock.now()
    session.add(row)
    audit.record(
        session,
        actor_id=actor.id,
        action="policy.update",
        entity="policy_setting",
        entity_id=KEY,
        before=before,
        after=row.value,
    )
    return cfg


def reset_to_profile(session: Session, *, actor: Identity, profile: str) -> PolicyConfig:
    """Choose a profile with its own default figures."""
    return save(session, actor=actor, data=default_config(profile).to_json())


def dry_run(
    session: Session,
    *,
    actor: Identity,
    channel: str,
    at,
    agents: int = 2,
    agreed_time: bool = False,
    night_worker: bool = False,
    timezone: str | None = None,
):
    """What the active policy says of a contact at `at`, with no history: nothing is sent or recorded."""

    access.require(actor, access.ADMINS)
    return decide(
        Proposed(Channel(channel), at, agents=agents, agreed_time=agreed_time),
        load(session),
        DebtorState(timezone=timezone or clock.local_zone().key, night_worker=night_worker),
    )
