"""Fixed-window rate limits kept in the database, so every worker (and a restart) sees the same counts.

`hit` counts one request against a bucket and says whether it is still within the limit. Old windows
are deleted by `purge` (run with the daily jobs).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from visitapp import clock
from visitapp.models import RateLimit


def _window(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)


def hit(session: Session, *, bucket: str, limit: int, seconds: int, now: datetime | None = None) -> bool:
    """Count a request; True while the bucket has made at most `limit` requests in this window."""
    start = _window(now or clock.now(), seconds)
    bucket = bucket[:120]
    updated = session.execute(
        update(RateLimit)
        .where(RateLimit.bucket == bucket, RateLimit.window_start == start)
        .values(hits=RateLimit.hits + 1)
    )
    if updated.rowcount == 0:
        try:
            with session.begin_nested():
                session.add(RateLimit(bucket=bucket, window_start=start, hits=1))
                session.flush()
        except IntegrityError:  # another request created the row first
            session.execute(
                update(RateLimit)
                .where(RateLimit.bucket == bucket, RateLimit.window_start == start)
                .values(hits=RateLimit.hits + 1)
            )
    hits = session.exec(select(RateLimit.hits).where(RateLimit.bucket == bucket, RateLimit.window_start == start)).one()
    return hits <= limit


def purge(session: Session, *, older_than: timedelta = timedelta(days=2), now: datetime | None = None) -> int:
    cutoff = (now or clock.now()) - older_than
    result = session.execute(delete(RateLimit).where(col(RateLimit.window_start) < cutoff))
    return result.rowcount or 0
