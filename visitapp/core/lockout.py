"""Account lockout: ten wrong passwords within 15 minutes lock the account for 15 minutes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

MAX_FAILURES = 10
WINDOW = timedelta(minutes=15)
LOCK = timedelta(minutes=15)


def locked_until(failures: Sequence[datetime], now: datetime) -> datetime | None:
    """`failures`: times of failed attempts since the last success, ascending.

    Returns the end of the lock in force at `now`, or None. A lock starts at the failure that makes ten
    within the window; attempts made during a lock are not counted (they are refused unchecked), so a lock
    cannot be extended forever by someone hammering the login form.
    """
    until: datetime | None = None
    counted: list[datetime] = []
    for at in failures:
        if until is not None and at < until:
            continue  # refused while locked: not a password check
        counted.append(at)
        window = [t for t in counted if at - t < WINDOW]
        if len(window) >= MAX_FAILURES:
            until = at + LOCK
            counted = []
    if until is not None and now < until:
        return until
    return None
