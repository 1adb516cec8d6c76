"""The audit log: append-only records of who saw and changed what."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from visitapp.models import AuditLog


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    entity: str = "",
    entity_id: Any = None,
    before: dict | None = None,
    after: dict | None = None,
    detail: str = "",
) -> None:
    session.add(
        AuditLog(
            actor_id=actor_id,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            before=before,
            after=after,
            detail=detail[:255],
        )
    )
