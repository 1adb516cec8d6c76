"""The route planner's input and output: plain dataclasses, no SQL, no solver.

Times are whole seconds since local midnight of the plan date; coordinates are WGS-84 (lat, lon).
A visit's window bounds the START of its service (the agent rings the bell between window_start and
window_end), as in every VRPTW formulation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DropReason(StrEnum):
    NO_TIME = "no_time"  # did not fit into any team's day (the solver left it out)
    NO_SHIFT = "no_shift"  # no team works at that time: no shift can hold a visit in its window
    WINDOW_UNREACHABLE = "window_unreachable"  # its window cannot be reached from any base within the shift
    NO_COORDINATES = "no_coordinates"  # the address has no lat/lon yet
    LUNCH_CONFLICT = "lunch_conflict"  # its route could not be timed around the lunch break


@dataclass(frozen=True)
class TeamSpec:
    """One team (one route): it starts and ends at its base and works within its shift.

    Lunch: a break of `lunch_minutes` that must START within [lunch_start_s, lunch_start_s + lunch_flex_s];
    it is taken wherever the team is (on the road or waiting), never during a visit. A team whose shift
    does not contain the break (or lunch_minutes == 0) has none.
    """

    team_id: int
    lat: float
    lon: float
    shift_start_s: int
    shift_end_s: int
    lunch_start_s: int
    lunch_minutes: int
    lunch_flex_s: int = 3600

    @property
    def lunch_s(self) -> int:
        return max(0, int(self.lunch_minutes)) * 60

    @property
    def has_lunch(self) -> bool:
        return (
            self.lunch_s > 0
            and self.shift_start_s <= self.lunch_start_s
            and self.lunch_start_s + self.lunch_s <= self.shift_end_s
        )


Depot = TeamSpec  # a team's base is its depot


@dataclass(frozen=True)
class StopSpec:
    """One visit to plan. `required` stops may not be left out by the solver (confirmed appointments);
    `hard` records that the window is debtor-confirmed. Every window is respected either way.
    `lat`/`lon` None means the address has no coordinates (the stop is dropped "no_coordinates")."""

    visit_id: int
    lat: float | None
    lon: float | None
    window_start_s: int
    window_end_s: int
    service_s: int
    hard: bool = False
    priority: int = 0
    required: bool = False


@dataclass(frozen=True)
class PlannedStop:
    visit_id: int
    arrival_s: int  # when the team reaches the address (it may wait there for the window to open)
    start_s: int  # when the visit starts: inside the window; this is the ETA told to the debtor
    travel_s_from_prev: int  # driving from the previous stop (or the base)
    distance_m_from_prev: int = 0


@dataclass(frozen=True)
class TeamRoute:
    team_id: int
    stops: list[PlannedStop]
    travel_s: int  # total driving, base to base
    distance_m: int
    lunch_start_s: int | None  # None: the team has no break in its shift
    depart_s: int = 0  # leaves the base (as late as possible without waiting longer at the first stop)
    return_s: int = 0  # back at the base


@dataclass(frozen=True)
class Dropped:
    visit_id: int
    reason: str  # a DropReason value

    def __iter__(self):  # unpacks as (visit_id, reason_code)
        return iter((self.visit_id, self.reason))


@dataclass
class RoutePlanResult:
    routes: list[TeamRoute]
    dropped: list[Dropped]
    feasible: bool  # every route passes the independent timing check and every required stop is served
    cost: int  # the solver's objective: driving seconds plus prizes of the stops left out
    solver_seconds: float
    notes: list[str] = field(default_factory=list)  # e.g. "required stops relaxed: fleet too small"

    @property
    def served(self) -> int:
        return sum(len(r.stops) for r in self.routes)

    @property
    def travel_s(self) -> int:
        return sum(r.travel_s for r in self.routes)

    @property
    def distance_m(self) -> int:
        return sum(r.distance_m for r in self.routes)

    def dropped_reasons(self) -> dict[int, str]:
        return {d.visit_id: d.reason for d in self.dropped}
