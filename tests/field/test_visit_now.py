"""Where a visit stands now (field/rules/visit_now.py), at several clocks of the same day: the rule that
Today shows and the dispatcher's board counts."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from visitapp.core.enums import VisitPhase, VisitStatus
from visitapp.field.rules import visit_now
from visitapp.field.rules.visit_now import Action, Late, VisitFacts

SH = ZoneInfo("Asia/Shanghai")
DAY = datetime(2026, 11, 23, tzinfo=SH).date()


def at(hh: int, mm: int = 0) -> datetime:
    return datetime.combine(DAY, time(hh, mm), SH)


def visit(start=(9, 0), end=(11, 0), eta=None, status=VisitStatus.PLANNED, **kw) -> VisitFacts:
    return VisitFacts(
        status=status,
        window_start=at(*start),
        window_end=at(*end),
        eta=at(*eta) if eta else None,
        **kw,
    )


MORNING = visit((9, 0), (11, 0), eta=(9, 40))
AFTERNOON = visit((14, 0), (16, 0), eta=(14, 20))


@pytest.mark.parametrize(
    ("clock", "morning", "afternoon"),
    [
        ((8, 0), VisitPhase.UPCOMING, VisitPhase.UPCOMING),
        ((9, 30), VisitPhase.UPCOMING, VisitPhase.UPCOMING),
        ((10, 10), VisitPhase.UPCOMING, VisitPhase.UPCOMING),  # exactly ETA + 30 min: not late yet
        ((10, 11), VisitPhase.LATE, VisitPhase.UPCOMING),  # the arrival is more than 30 min overdue
        ((11, 0), VisitPhase.LATE, VisitPhase.UPCOMING),  # the window is over
        ((14, 30), VisitPhase.LATE, VisitPhase.UPCOMING),
        ((14, 51), VisitPhase.LATE, VisitPhase.LATE),
        ((16, 30), VisitPhase.LATE, VisitPhase.LATE),  # the afternoon of issue 12: nothing reads "pending"
        ((23, 59), VisitPhase.LATE, VisitPhase.LATE),
    ],
)
def test_a_visit_not_started_becomes_late_as_the_day_goes(clock, morning, afternoon):
    now = at(*clock)
    assert (visit_now.phase(MORNING, now), visit_now.phase(AFTERNOON, now)) == (morning, afternoon)


def test_why_it_is_late():
    assert visit_now.late(MORNING, at(10, 30)) == Late.ETA
    assert visit_now.late(MORNING, at(11, 0)) == Late.WINDOW
    assert visit_now.late(visit(eta=None), at(10, 59)) is None
    assert visit_now.late(visit(eta=None), at(11, 0)) == Late.WINDOW


@pytest.mark.parametrize("clock", [(8, 0), (10, 0), (16, 30)])
def test_what_the_visit_says_of_itself_wins_at_any_hour(clock):
    now = at(*clock)
    assert visit_now.phase(visit(status=VisitStatus.DONE), now) == VisitPhase.DONE
    assert visit_now.phase(visit(status=VisitStatus.MISSED), now) == VisitPhase.MISSED
    assert visit_now.phase(visit(status=VisitStatus.CANCELLED), now) == VisitPhase.CANCELLED
    assert visit_now.phase(visit(status=VisitStatus.IN_PROGRESS), now) == VisitPhase.IN_PROGRESS
    assert visit_now.phase(visit(checked_in=True), now) == VisitPhase.IN_PROGRESS  # checked in, past its window
    assert visit_now.phase(visit(planned=False), now) == VisitPhase.NOT_PLANNED


def test_the_next_stop_is_the_first_visit_still_to_come_in_route_order():
    day = [
        visit((9, 0), (11, 0), status=VisitStatus.DONE),
        visit((9, 0), (11, 0), checked_in=True),
        visit((9, 0), (11, 0)),  # late at 11:30
        visit((14, 0), (16, 0), eta=(14, 10)),
        visit((14, 0), (16, 0), eta=(14, 50)),
    ]
    assert visit_now.day(day, at(11, 30)) == [
        VisitPhase.DONE,
        VisitPhase.IN_PROGRESS,
        VisitPhase.LATE,
        VisitPhase.NEXT,
        VisitPhase.UPCOMING,
    ]
    assert visit_now.day(day, at(14, 45))[3:] == [VisitPhase.LATE, VisitPhase.NEXT]
    assert VisitPhase.NEXT not in visit_now.day(day, at(16, 30))  # nothing still to come
    assert visit_now.day(day, at(8, 0), mark_next=False)[2:] == [VisitPhase.UPCOMING] * 3  # tomorrow's list


def test_what_can_still_be_done():
    late = visit()
    assert visit_now.actions(late, VisitPhase.LATE) == (Action.NOT_VISITED, Action.ASK_MOVE)
    assert visit_now.actions(late, VisitPhase.NEXT) == (Action.NOT_VISITED, Action.ASK_MOVE)
    assert visit_now.actions(late, VisitPhase.MISSED) == (Action.ASK_MOVE,)
    assert visit_now.actions(visit(move_requested=True), VisitPhase.MISSED) == ()
    assert visit_now.actions(visit(move_requested=True), VisitPhase.LATE) == (Action.NOT_VISITED,)
    for phase in (VisitPhase.DONE, VisitPhase.IN_PROGRESS, VisitPhase.NOT_PLANNED, VisitPhase.CANCELLED):
        assert visit_now.actions(late, phase) == ()


def test_the_list_knows_when_it_changes_by_the_clock_alone():
    day = [MORNING, AFTERNOON, visit(status=VisitStatus.DONE)]
    first = visit_now.next_change(day, at(9, 30))
    assert first is not None and first - at(10, 10) < timedelta(seconds=1)  # the morning ETA + 30 min
    assert visit_now.phase(MORNING, first) == VisitPhase.LATE
    assert visit_now.next_change(day, at(12, 0)) - at(14, 50) < timedelta(seconds=1)
    assert visit_now.next_change(day, at(15, 0)) is None  # both late already: nothing changes by itself
