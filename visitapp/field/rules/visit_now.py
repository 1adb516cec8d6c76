"""Where a visit of the day stands now, and what the agent can still do about it. Pure: the clock is an
argument, so the same facts give the same answer at any hour, and the dispatcher's board counts "late"
exactly as the agent's Today shows it.

- done, in progress (checked in) and missed (recorded as not visited) are what the visit's status says;
- not planned: the route planner left it out of a published plan (it has a drop reason and no stop);
- late: not checked in, and its window is over, or its planned arrival (ETA) is more than
  `LATE_AFTER_ETA` past; a late visit may still be visited while the policy allows it (the dossier says
  when it does not), or recorded as not visited, or handed back to the dispatcher to move;
- upcoming otherwise, and the first upcoming one in route order is the next stop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from visitapp.core.enums import VisitPhase, VisitStatus

LATE_AFTER_ETA = timedelta(minutes=30)


class Action(StrEnum):
    """What the agent can do about a visit from the list (besides opening it)."""

    NOT_VISITED = "not_visited"  # record that it did not take place, with a reason
    ASK_MOVE = "ask_move"  # ask the team's dispatcher to move it to another time


class Late(StrEnum):
    WINDOW = "window"  # the window is over
    ETA = "eta"  # the planned arrival is well past, the window still open


@dataclass(frozen=True)
class VisitFacts:
    status: VisitStatus
    window_start: datetime  # aware, on the visit's day
    window_end: datetime
    eta: datetime | None = None
    checked_in: bool = False
    planned: bool = True  # False: left out of the published plan
    move_requested: bool = False  # the dispatcher was already asked to move it


def phase(v: VisitFacts, now: datetime) -> VisitPhase:
    """The visit's phase at `now` (without "next", which depends on the other visits: see `day`)."""
    if v.status == VisitStatus.CANCELLED:
        return VisitPhase.CANCELLED
    if v.status == VisitStatus.DONE:
        return VisitPhase.DONE
    if v.status == VisitStatus.MISSED:
        return VisitPhase.MISSED
    if v.status == VisitStatus.IN_PROGRESS or v.checked_in:
        return VisitPhase.IN_PROGRESS
    if not v.planned:
        return VisitPhase.NOT_PLANNED
    if late(v, now) is not None:
        return VisitPhase.LATE
    return VisitPhase.UPCOMING


def late(v: VisitFacts, now: datetime) -> Late | None:
    """Why a visit not started yet is late, if it is."""
    if now >= v.window_end:
        return Late.WINDOW
    if v.eta is not None and now > v.eta + LATE_AFTER_ETA:
        return Late.ETA
    return None


def day(visits: Sequence[VisitFacts], now: datetime, *, mark_next: bool = True) -> list[VisitPhase]:
    """The phases of a day's visits in route order; the first one still to come is the next stop."""
    phases = [phase(v, now) for v in visits]
    if mark_next:
        for i, p in enumerate(phases):
            if p == VisitPhase.UPCOMING:
                phases[i] = VisitPhase.NEXT
                break
    return phases


def actions(v: VisitFacts, p: VisitPhase) -> tuple[Action, ...]:
    """What the agent can still do from the list: a visit not started can be recorded as not visited;
    one not started or not visited can go back to the dispatcher (once)."""
    out: list[Action] = []
    if p in (VisitPhase.UPCOMING, VisitPhase.NEXT, VisitPhase.LATE):
        out.append(Action.NOT_VISITED)
    if p in (VisitPhase.UPCOMING, VisitPhase.NEXT, VisitPhase.LATE, VisitPhase.MISSED) and not v.move_requested:
        out.append(Action.ASK_MOVE)
    return tuple(out)


def next_change(visits: Sequence[VisitFacts], now: datetime) -> datetime | None:
    """The first moment after `now` at which a phase changes by the clock alone (a window ends, an
    arrival runs half an hour late): the list refreshes itself then."""
    moments = []
    for v in visits:
        if phase(v, now) != VisitPhase.UPCOMING:
            continue
        moments.append(v.window_end)
        if v.eta is not None:
            moments.append(v.eta + LATE_AFTER_ETA + timedelta(microseconds=1))
    future = [m for m in moments if m > now]
    return min(future) if future else None
