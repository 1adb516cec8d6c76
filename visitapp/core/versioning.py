"""Optimistic locking in one place: a change is written only if the record is still at the version the user
saw, and a refused change says who changed it last and when, so a second editor is told instead of
silently overwriting the first.

`write` is the one conditional UPDATE (``... WHERE id = :id AND version = :seen``, bumping the version), so
two users saving at the same moment cannot both win, on SQLite or PostgreSQL. `stale` builds the
`Conflict` from the audit log (the newest entry that changed the record), `bump` marks a change made
through the ORM (fingerprints such as the agent's day follow versions).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import update
from sqlmodel import Session, SQLModel, col, select

from visitapp.core import clock
from visitapp.core.errors import Conflict
from visitapp.core.models import AuditLog, User

# a versioned table model: it has `id` and `version`, which SQLModel (the bound) does not declare, hence the few
# `type: ignore[attr-defined]` below
M = TypeVar("M", bound=SQLModel)


def short_time(at: datetime) -> str:
    """HH:MM today, else the date too (how a person reads "changed at")."""
    local = clock.to_local(at)
    return local.strftime("%H:%M") if local.date() == clock.today() else local.strftime("%Y-%m-%d %H:%M")


def last_change(session: Session, *, entity: str, entity_id: object) -> tuple[str, datetime, int | None] | None:
    """(who, when, their user id) of the newest audited change of a record (views carry no `after`)."""
    row = session.exec(
        select(AuditLog, User.display_name)
        .outerjoin(User, col(User.id) == AuditLog.actor_id)
        .where(AuditLog.entity == entity, AuditLog.entity_id == str(entity_id), col(AuditLog.after).is_not(None))
        .order_by(col(AuditLog.at).desc(), col(AuditLog.id).desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    entry, name = row
    return name or "—", entry.at, entry.actor_id


def stale(
    session: Session,
    *,
    key: str,
    entity: str,
    entity_id: object,
    version: int | None,
    fallback_at: datetime | None = None,
    unknown_key: str | None = None,
    **params: Any,
) -> Conflict:
    """The Conflict for a record that changed since the user read it: `name` and `time` of the last change
    (`unknown_key`, if given, when the audit log does not say who)."""
    found = last_change(session, entity=entity, entity_id=entity_id)
    if found is None:
        name, at, actor_id = "—", fallback_at or clock.now(), None
        key = unknown_key or key
    else:
        name, at, actor_id = found
    return Conflict(
        key,
        name=name,
        time=short_time(at),
        at=clock.to_local(at).isoformat(),
        actor_id=actor_id,
        version=version,
        **params,
    )


def expect(
    session: Session, row: SQLModel, *, seen: int, key: str, entity: str, entity_id: object | None = None, **params: Any
) -> None:
    """Refuse early (before other checks) a change based on a version the record has left."""
    if row.version != seen:  # type: ignore[attr-defined]
        ident = row.id if entity_id is None else entity_id  # type: ignore[attr-defined]
        raise stale(session, key=key, entity=entity, entity_id=ident, version=row.version, **params)  # type: ignore[attr-defined]


def write(
    session: Session,
    row: M,
    *,
    seen: int,
    values: dict[str, Any],
    key: str,
    entity: str,
    entity_id: object | None = None,
    where: tuple[Any, ...] = (),
    **params: Any,
) -> M:
    """Write `values` to `row` only if it is still at version `seen` (and matches `where`), bumping the
    version; otherwise raise `stale(...)`. Returns the row as now stored."""
    model = type(row)
    pk = row.id  # type: ignore[attr-defined]
    ident = pk if entity_id is None else entity_id
    expect(session, row, seen=seen, key=key, entity=entity, entity_id=ident, **params)
    result = session.exec(
        update(model)
        .where(col(model.id) == pk, col(model.version) == seen, *where)  # type: ignore[attr-defined]
        .values(**values, version=seen + 1)
        .execution_options(synchronize_session=False)
    )
    fresh = session.get(model, pk, populate_existing=True)
    assert fresh is not None
    if result.rowcount != 1:
        raise stale(session, key=key, entity=entity, entity_id=ident, version=fresh.version, **params)  # type: ignore[attr-defined]
    return fresh


def bump(row: SQLModel) -> None:
    """A change made by setting attributes: the next version (the row is flushed with the unit of work)."""
    row.version += 1  # type: ignore[attr-defined]
