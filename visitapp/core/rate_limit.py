"""Fixed-window rate limits kept in the database, so every worker (and a restart) sees the same counts.

`hit` counts one request against a bucket and says whether it is still within the limit. Old windows
are deleted by `purge` (run with the daily jobs).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql as pg
from sqlalchemy.dialects import sqlite
from sqlmodel import Session, col

from visitapp.core import clock
from visitapp.core.models import RateLimit


def _window(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)


def hit(session: Session, *, bucket: str, limit: int, seconds: int, now: datetime | None = None) -> bool:
    """Count a request; True while the bucket has made at most `limit` requests in this window.

    One statement creates or increments the window's row and returns the new count, so concurrent
    requests (any worker) each get their own count and none is lost."""
    start = _window(now or clock.now(), seconds)
    bucket = bucket[:120]
    dialect = session.get_bind().dialect.name
    stmt: pg.Insert | sqlite.Insert
    if dialect == "postgresql":
        stmt = pg.insert(RateLimit)
    elif dialect == "sqlite":
        stmt = sqlite.insert(RateLimit)
    else:
        raise NotImplementedError(f"rate limits need INSERT ... ON CONFLICT (PostgreSQL or SQLite), not {dialect}")
    upsert = (
        stmt.values(bucket=bucket, window_start=start, hits=1)
        .on_conflict_do_update(
            index_elements=[col(RateLimit.bucket), col(RateLimit.window_start)],
            set_={"hits": col(RateLimit.hits) + 1},
        )
        .returning(col(RateLimit.hits))
    )
    hits = session.execute(upsert).scalar_one()
    return hits <= limit


def purge(session: Session, *, older_than: timedelta = timedelta(days=2), now: datetime | None = None) -> int:
    cutoff = (now or clock.now()) - older_than
    result = session.exec(delete(RateLimit).where(col(RateLimit.window_start) < cutoff))
    return result.rowcount or 0
