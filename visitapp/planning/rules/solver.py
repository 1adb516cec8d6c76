"""The day's routes: a prize-collecting VRPTW solved with PyVRP, checked and timed by our own code.

Model (one `ProblemData`, built from NumPy arrays):
- one depot and one vehicle type (one vehicle) per team: it starts and ends at the team's base, its
  time window is the shift and its maximum duration the shift minus the lunch break;
- one client per visit with its window (bounds on the START of service) and its service time;
- confirmed appointments (`required`) must be served; every other visit is optional with a prize of
  BASE x (1 + priority), BASE being longer than any shift, so serving one more visit always beats any
  detour it costs, and when time is short a priority-2 visit is worth three ordinary ones;
- the objective is driving time in seconds (the distance matrix given to PyVRP is the duration
  matrix): agents' time is what is scarce; metres are reported, not optimised.

Before the solver, every visit is checked against every team alone (base -> visit -> base in the
shift, with the break): visits whose window no team's shift holds at all are dropped "no_shift" (an
evening appointment when nobody works evenings), visits that no team can reach in their window
"window_unreachable" (or "lunch_conflict" when only the break is in the way), visits without coordinates
"no_coordinates".

The lunch break (PyVRP 0.14 has no breaks). A break of m minutes at L is "time that does not exist"
for the work: the solver runs on a working clock from which [L, L+m) is cut out, c(t) = t before L,
L inside the break, t - m after it. Every window and shift end is mapped through c, so a visit
promised for 14:00-16:00 is, for the solver, 13:00-15:00 of working time, and the shift is m minutes
shorter. A route feasible on the working clock is then feasible in real time with the break taken at
L wherever the team is at that moment (driving, or waiting at a door), except when a visit's service
straddles L. That exception, and teams whose break differs from the most common one (the working clock
is shared, so it uses the break most teams take), are why the solver's answer is not trusted as is:
`visitapp.planning.rules.timing.time_route` re-times every route in real time with the team's own break,
trying the break on every leg (it may start up to `lunch_flex_s`, default 60 min, after L, never during
a visit), and checks every window and the shift end. If no placement works, the stop whose removal
restores feasibility at the least loss (optional before required, low priority first, then the largest
saving) is dropped "lunch_conflict", and so on until the route passes; each stop dropped this way is
then offered to the nearest teams' routes at every position (exact timing again) before it is reported.
Compared with a dummy "lunch client" per team, this needs no pinning of a client to one vehicle (PyVRP
0.14 can only do that with a full extra matrix per team) and does not pretend that a break has a
location; compared with only shortening the shift, it keeps afternoon windows honest.

If required visits cannot all be served (the solver's best solution is infeasible), the day is solved
again with them optional at a prize of 50 ordinary visits, so that as many as possible are kept and the
rest are dropped "no_time"; `feasible` is then False and `notes` says why. `feasible` is True only when
every route passes the independent check and every required visit is served.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from pyvrp import Client, Depot, IteratedLocalSearchParams, Location, ProblemData, Solution, SolveParams, VehicleType
from pyvrp import solve as pyvrp_solve
from pyvrp.exceptions import PenaltyBoundWarning

from visitapp.adapters.travel import GeodesicTravel, TravelTimes
from visitapp.core import tasks
from visitapp.planning.rules.model import (
    Dropped,
    DropReason,
    PlannedStop,
    RoutePlanResult,
    StopSpec,
    TeamRoute,
    TeamSpec,
)
from visitapp.planning.rules.timing import Shift, Timing, time_route

Progress = Callable[[str, float], None]

MAX_PRIORITY = 10
REQUIRED_AS_PRIZE = 50  # in the fallback solve, a required visit is worth this many ordinary ones

logging.getLogger("pyvrp").setLevel(logging.WARNING)


class _Deadline:
    """PyVRP stopping criterion: a wall-clock deadline; reports progress between `lo` and `hi`."""

    def __init__(self, deadline: float, progress: Progress | None, lo: float, hi: float) -> None:
        self.deadline = deadline
        self.began = time.perf_counter()
        self.progress = progress
        self.lo, self.hi = lo, hi
        self.last = 0.0

    def __call__(self, best_cost: float) -> bool:
        now = time.perf_counter()
        if self.progress is not None and now - self.last >= 0.25:
            self.last = now
            span = max(self.deadline - self.began, 1e-9)
            self.progress("solving", self.lo + (self.hi - self.lo) * min(1.0, (now - self.began) / span))
        return now >= self.deadline


def _monotonic(progress: Progress | None) -> Progress:
    """Progress that never goes back (a second solve starts again from its own beginning)."""
    if progress is None:
        return lambda _m, _f: None
    high = [0.0]

    def say(message: str, fraction: float) -> None:
        high[0] = max(high[0], min(1.0, float(fraction)))
        progress(message, high[0])

    return say


def _shift(team: TeamSpec) -> Shift:
    return Shift(
        team.shift_start_s,
        team.shift_end_s,
        team.lunch_start_s,
        team.lunch_s if team.has_lunch else 0,
        team.lunch_flex_s,
    )


def _compress(t: np.ndarray, lunch_at: int, lunch_s: int) -> np.ndarray:
    """The working clock: [lunch_at, lunch_at + lunch_s) is cut out."""
    t = np.asarray(t, dtype=np.int64)
    if lunch_s <= 0:
        return t
    return np.where(t <= lunch_at, t, np.where(t < lunch_at + lunch_s, lunch_at, t - lunch_s))


class _Day:
    """Arrays for the stops that go to the solver; location 0..T-1 are the team bases, T+j stop j."""

    def __init__(
        self, teams: list[TeamSpec], stops: list[StopSpec], durations: np.ndarray, distances: np.ndarray
    ) -> None:
        self.teams = teams
        self.stops = stops
        self.T = len(teams)
        self.dur = durations
        self.dist = distances
        self.ws = np.array([s.window_start_s for s in stops], dtype=np.int64)
        self.we = np.array([s.window_end_s for s in stops], dtype=np.int64)
        self.svc = np.array([max(0, s.service_s) for s in stops], dtype=np.int64)
        self.shifts = [_shift(t) for t in teams]

    def time(self, k: int, seq: Sequence[int]) -> Timing:
        """Exact real-time schedule of team k visiting stops `seq` (indices into self.stops)."""
        locs = [k] + [self.T + j for j in seq] + [k]
        legs = self.dur[locs[:-1], locs[1:]].tolist()
        return time_route(
            self.shifts[k], legs, self.ws[list(seq)].tolist(), self.we[list(seq)].tolist(), self.svc[list(seq)].tolist()
        )


def _reachability(day: _Day) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(covered[j], reachable[j], lunch_ok[j]): some team's shift can hold stop j at all (a start inside its
    window, the end within the shift, no travel: `visitapp.planning.rules.shifts.covers`); some team can
    serve it alone within its shift, ignoring the break; and some team can do so with its break too."""
    T, n = day.T, len(day.stops)
    bases = np.arange(T)
    locs = T + np.arange(n)
    out = day.dur[np.ix_(bases, locs)]  # (T, n)
    back = day.dur[np.ix_(locs, bases)].T  # (T, n)
    S = np.array([t.shift_start_s for t in day.teams], dtype=np.int64)[:, None]
    E = np.array([t.shift_end_s for t in day.teams], dtype=np.int64)[:, None]
    earliest = np.maximum(day.ws[None, :], S)
    covered = np.asarray(((earliest <= day.we[None, :]) & (earliest + day.svc[None, :] <= E)).any(axis=0))
    start = np.maximum(day.ws[None, :], S + out)
    ok = (start <= day.we[None, :]) & (start + day.svc[None, :] + back <= E) & (day.ws <= day.we)[None, :]
    reachable = ok.any(axis=0)
    lunch_ok = np.zeros(n, dtype=bool)
    for j in np.flatnonzero(reachable):
        for k in np.flatnonzero(ok[:, j]):
            if day.time(int(k), [int(j)]).ok:
                lunch_ok[j] = True
                break
    return covered, reachable, lunch_ok


def _build(day: _Day, active: list[int], required_as_prize: bool) -> tuple[ProblemData, int]:
    """ProblemData for the stops `active` (indices into day.stops); returns it and the prize base."""
    teams = day.teams
    T = day.T
    with_lunch = [(t.lunch_start_s, t.lunch_s) for t in teams if t.has_lunch]
    lunch_at, lunch_s = Counter(with_lunch).most_common(1)[0][0] if with_lunch else (0, 0)

    idx = np.concatenate([np.arange(T), T + np.asarray(active, dtype=np.int64)])
    dur = np.ascontiguousarray(day.dur[np.ix_(idx, idx)], dtype=np.int64)

    shift_len = max(t.shift_end_s - t.shift_start_s for t in teams)
    base = int(max(shift_len, 3600)) + 1
    ws = _compress(day.ws[active], lunch_at, lunch_s)
    we = _compress(day.we[active], lunch_at, lunch_s)
    prio = np.clip([day.stops[j].priority for j in active], 0, MAX_PRIORITY)
    required = np.array([day.stops[j].required for j in active], dtype=bool)
    prizes = base * (1 + prio)
    if required_as_prize:
        prizes = np.where(required, base * REQUIRED_AS_PRIZE, prizes)

    locations = [Location(x=0.0, y=0.0) for _ in range(len(idx))]  # coordinates unused: matrices given
    depots = [Depot(location=k) for k in range(T)]
    clients = [
        Client(
            location=T + i,
            service_duration=int(day.svc[j]),
            tw_early=int(ws[i]),
            tw_late=int(we[i]),
            prize=int(prizes[i]),
            required=bool(required[i]) and not required_as_prize,
        )
        for i, j in enumerate(active)
    ]
    vehicle_types = []
    for k, t in enumerate(teams):
        own = t.lunch_s if t.has_lunch else 0
        early = int(_compress(np.array([t.shift_start_s]), lunch_at, lunch_s)[0])
        late = int(_compress(np.array([t.shift_end_s]), lunch_at, lunch_s)[0])
        if t.shift_end_s > lunch_at:
            late += lunch_s - own  # a team with a shorter (or no) break keeps the difference
        vehicle_types.append(
            VehicleType(
                num_available=1,
                start_depot=k,
                end_depot=k,
                tw_early=early,
                tw_late=max(early, late),
                shift_duration=max(0, t.shift_end_s - t.shift_start_s - own),
                unit_distance_cost=1,
                name=str(t.team_id),
            )
        )
    # pyvrp's stub says np.ndarray[int] (that parameter is the shape): an int64 matrix is what it takes
    return ProblemData(locations, clients, depots, vehicle_types, [dur], [dur]), base  # type: ignore[list-item]


# PyVRP's iterated local search accepts a worse day when it beats the one `history_length` (default 300)
# steps back ("late acceptance"). A planning day's few seconds are a few thousand steps at 300 visits: with
# that long a memory the search is still wandering when time is up. The field day's searches get a memory
# of HISTORY_PER_SECOND steps per second they have, between HISTORY_MIN and PyVRP's own 300 (a 60 s search):
# bench_day's 300-visit day serves 209-211 visits at 4.5 s instead of 204-206 (60 s: 214).
HISTORY_PER_SECOND = 5
HISTORY_MIN = 20
HISTORY_MAX = 300


def day_history(seconds: float) -> int:
    """The late-acceptance memory of a field day's search that has `seconds` to run."""
    return int(min(HISTORY_MAX, max(HISTORY_MIN, round(HISTORY_PER_SECOND * seconds))))


def _search(
    data: ProblemData,
    deadline: float,
    seed: int,
    progress: Progress | None,
    lo: float,
    hi: float,
    history: int | None = None,
) -> Solution:
    """One PyVRP search until `deadline`; `history`: its late-acceptance memory (None: PyVRP's default)."""
    deadline = max(deadline, time.perf_counter() + 0.1)
    params = SolveParams() if history is None else SolveParams(ils=IteratedLocalSearchParams(history_length=history))
    with warnings.catch_warnings():
        # "penalty at its maximum" means no feasible solution is found: handled by the caller
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        result = pyvrp_solve(
            data,
            stop=_Deadline(deadline, progress, lo, hi),
            seed=seed,
            collect_stats=False,
            display=False,
            params=params,
        )
    return result.best


def _search_until(data: ProblemData, deadline: float, seed: int, history: int | None = None) -> Solution:
    """One search in a pool process (no progress: the caller reports it). `deadline` is on the
    machine-wide monotonic clock (time.perf_counter is CLOCK_MONOTONIC on Linux), shared with the caller."""
    return _search(data, deadline, seed, None, 0.0, 1.0, history)


def _rank(solution: Solution) -> tuple[bool, int]:
    """Feasible first, then the objective: driving time plus the prizes of the visits left out."""
    return (not solution.is_feasible(), int(solution.distance() + solution.uncollected_prizes()))


def _search_best(
    data: ProblemData,
    deadline: float,
    seed: int,
    searches: int,
    progress: Progress | None,
    lo: float,
    hi: float,
    history: int | None = None,
) -> Solution:
    """`searches` independent searches with seeds seed, seed+1, ... until the same deadline, the extra ones
    in child processes (visitapp.core.tasks.in_child) while this one runs here, and the best kept: with a
    core each, a better day in the same time. A child that fails leaves the searches that did not.
    `history`: each search's late-acceptance memory (`_search`)."""
    limit = max(1.0, deadline - time.perf_counter()) + 30
    with ThreadPoolExecutor(max_workers=max(1, searches - 1)) as waiters:  # each waits for its child process
        others = [
            waiters.submit(tasks.in_child, _search_until, data, deadline, seed + i, history, timeout=limit)
            for i in range(1, searches)
        ]
        found = [_search(data, deadline, seed, progress, lo, hi, history)]
        for future in others:
            try:
                found.append(future.result())
            except Exception:  # a lost child costs only its search
                logging.getLogger("visitapp").exception("an extra route search failed")
    best = min(found, key=_rank)
    logging.getLogger("visitapp.planning").info(
        "route searches (feasible?, cost): %s; kept %s; history %s", [_rank(f) for f in found], _rank(best), history
    )
    return best


def _repair(day: _Day, k: int, seq: list[int]) -> tuple[list[int], Timing, list[int]]:
    """Drop stops from team k's route until its real-time schedule passes; returns the kept order, its
    timing and the dropped stops."""
    seq = list(seq)
    dropped: list[int] = []
    timing = day.time(k, seq)
    while not timing.ok and seq:
        best: tuple | None = None
        for pos, j in enumerate(seq):
            trial = seq[:pos] + seq[pos + 1 :]
            t2 = day.time(k, trial)
            if t2.ok:
                stop = day.stops[j]
                prev = k if pos == 0 else day.T + seq[pos - 1]
                nxt = k if pos == len(seq) - 1 else day.T + seq[pos + 1]
                here = day.T + j
                saving = int(day.dur[prev, here] + day.dur[here, nxt] - day.dur[prev, nxt])
                key = (stop.required, stop.priority, -saving, pos)
                if best is None or key < best[0]:
                    best = (key, pos, t2)
        if best is not None:
            _, pos, timing = best
            dropped.append(seq.pop(pos))
            break
        # no single stop is enough: drop where the best attempt failed (the last stop if it was the shift
        # end or the break itself) and try again
        fail = timing.fail_at if timing.fail_at is not None and 0 <= timing.fail_at < len(seq) else len(seq) - 1
        dropped.append(seq.pop(fail))
        timing = day.time(k, seq)
    return seq, timing, dropped


def _reinsert(
    day: _Day, seqs: dict[int, list[int]], timings: dict[int, Timing], lost: list[int], nearest: int = 8
) -> int:
    """Put stops dropped while timing the break back where they fit best (cheapest added driving, exact
    timing), trying the `nearest` teams' routes; returns how many went back."""
    back = 0
    bases = np.arange(day.T)
    for j in sorted(lost, key=lambda j: (not day.stops[j].required, -day.stops[j].priority)):
        here = day.T + j
        order = np.argsort(day.dur[bases, here] + day.dur[here, bases], kind="stable")[:nearest]
        best: tuple | None = None
        for k in (int(x) for x in order):
            seq = seqs[k]
            for pos in range(len(seq) + 1):
                prev = k if pos == 0 else day.T + seq[pos - 1]
                nxt = k if pos == len(seq) else day.T + seq[pos]
                added = int(day.dur[prev, here] + day.dur[here, nxt] - day.dur[prev, nxt])
                if best is not None and added >= best[0]:
                    continue
                trial = [*seq[:pos], j, *seq[pos:]]
                timing = day.time(k, trial)
                if timing.ok:
                    best = (added, k, trial, timing)
        if best is not None:
            _, k, trial, timing = best
            seqs[k], timings[k] = trial, timing
            back += 1
    return back


def _team_route(day: _Day, k: int, seq: list[int], timing: Timing) -> TeamRoute:
    team = day.teams[k]
    locs = [k] + [day.T + j for j in seq] + [k]
    legs = day.dur[locs[:-1], locs[1:]].tolist()
    legs_m = day.dist[locs[:-1], locs[1:]].tolist()
    arrivals = list(timing.arrivals)
    depart = team.shift_start_s
    if seq and timing.lunch_leg != 0:
        # leave the base as late as the first visit allows, rather than wait at its door
        depart = max(team.shift_start_s, timing.starts[0] - legs[0])
        arrivals[0] = depart + legs[0]
    stops = [
        PlannedStop(
            visit_id=day.stops[j].visit_id,
            arrival_s=int(arrivals[i]),
            start_s=int(timing.starts[i]),
            travel_s_from_prev=int(legs[i]),
            distance_m_from_prev=int(legs_m[i]),
        )
        for i, j in enumerate(seq)
    ]
    lunch = timing.lunch_start if timing.lunch_start is not None else (team.lunch_start_s if team.has_lunch else None)
    return TeamRoute(
        team_id=team.team_id,
        stops=stops,
        travel_s=int(sum(legs)) if seq else 0,
        distance_m=int(sum(legs_m)) if seq else 0,
        lunch_start_s=lunch,
        depart_s=int(depart),
        return_s=int(timing.end) if seq else int(team.shift_start_s),
    )


def plan_routes(
    teams: list[TeamSpec],
    stops: list[StopSpec],
    *,
    travel: TravelTimes | None = None,
    seconds: float = 5.0,
    seed: int = 0,
    searches: int = 1,
    progress: Progress | None = None,
) -> RoutePlanResult:
    """Plan one route per team for the stops. `seconds` bounds the whole call (matrix, model, search,
    checks); the search gets what is left, as `searches` parallel searches (see `_search_best`)."""
    began = time.perf_counter()
    deadline = began + max(0.1, float(seconds))
    if len({t.team_id for t in teams}) != len(teams):
        raise ValueError("team ids must be unique")
    if len({s.visit_id for s in stops}) != len(stops):
        raise ValueError("visit ids must be unique")
    for t in teams:
        if not (0 <= t.shift_start_s < t.shift_end_s):
            raise ValueError(f"team {t.team_id}: the shift must start before it ends")
    travel = travel or GeodesicTravel()
    say = _monotonic(progress)
    dropped: list[Dropped] = []
    notes: list[str] = []

    located = [s for s in stops if s.lat is not None and s.lon is not None]
    dropped += [Dropped(s.visit_id, DropReason.NO_COORDINATES) for s in stops if s.lat is None or s.lon is None]
    empty = [
        TeamRoute(t.team_id, [], 0, 0, t.lunch_start_s if t.has_lunch else None, t.shift_start_s, t.shift_start_s)
        for t in teams
    ]
    if not teams:
        dropped += [Dropped(s.visit_id, DropReason.NO_TIME) for s in located]
        return RoutePlanResult([], dropped, not any(s.required for s in stops), 0, 0.0, ["no teams"])
    if not located:
        return RoutePlanResult(empty, dropped, not any(s.required for s in stops), 0, time.perf_counter() - began)

    say("travel", 0.05)
    points = np.array([[t.lat, t.lon] for t in teams] + [[s.lat, s.lon] for s in located], dtype=np.float64)
    durations, distances = travel.matrix(points)
    day = _Day(teams, located, np.asarray(durations, dtype=np.int64), np.asarray(distances, dtype=np.int64))

    say("checking", 0.12)
    covered, reachable, lunch_ok = _reachability(day)
    active: list[int] = []
    for j, s in enumerate(located):
        if not covered[j]:
            dropped.append(Dropped(s.visit_id, DropReason.NO_SHIFT))
        elif not reachable[j]:
            dropped.append(Dropped(s.visit_id, DropReason.WINDOW_UNREACHABLE))
        elif not lunch_ok[j]:
            dropped.append(Dropped(s.visit_id, DropReason.LUNCH_CONFLICT))
        else:
            active.append(j)
    if not active:
        feasible = not any(s.required for s in stops)
        return RoutePlanResult(empty, dropped, feasible, 0, time.perf_counter() - began, notes)

    say("model", 0.15)
    n_active = len(active)
    reserve = min(0.2 * seconds, 0.05 + 0.0005 * n_active)  # for the checks after the search
    data, _ = _build(day, active, required_as_prize=False)
    has_required = any(located[j].required for j in active)
    solve_began = time.perf_counter()
    history = day_history(deadline - reserve - solve_began)
    best = _search_best(data, deadline - reserve, seed, searches, say, 0.15, 0.95, history)
    if not best.is_feasible() and has_required:
        notes.append("required visits could not all be served: solved again with them as high prizes")
        data, _ = _build(day, active, required_as_prize=True)
        again = time.perf_counter() + max(0.5, deadline - reserve - solve_began)
        best = _search_best(data, again, seed, searches, say, 0.5, 0.95, history)
    solver_seconds = time.perf_counter() - solve_began
    if not best.is_feasible():
        notes.append("the solver's best solution breaks a window or a shift: routes were repaired")
    cost = int(best.distance() + best.uncollected_prizes())

    say("timing", 0.96)
    reason = DropReason.LUNCH_CONFLICT if best.is_feasible() else DropReason.NO_TIME
    seqs: dict[int, list[int]] = {k: [] for k in range(len(teams))}
    timings: dict[int, Timing] = {}
    lost_all: list[int] = []
    for route in best.routes():
        k = route.vehicle_type()
        seq = [active[a.idx] for a in route if a.is_client()]
        seqs[k], timings[k], lost = _repair(day, k, seq)
        lost_all += lost
    put_back = _reinsert(day, seqs, timings, lost_all)
    if lost_all:
        notes.append(
            f"{len(lost_all)} visit(s) did not fit around the lunch break as the solver ordered them; "
            f"{put_back} were put back elsewhere"
        )
    served = {j for seq in seqs.values() for j in seq}
    dropped += [Dropped(located[j].visit_id, reason) for j in lost_all if j not in served]
    already = {d.visit_id for d in dropped}
    dropped += [
        Dropped(located[j].visit_id, DropReason.NO_TIME)
        for j in active
        if j not in served and located[j].visit_id not in already
    ]
    routes_by_team = {k: _team_route(day, k, seq, timings[k]) for k, seq in seqs.items() if seq}
    routes = [routes_by_team.get(k, empty[k]) for k in range(len(teams))]
    dropped_ids = {d.visit_id for d in dropped}
    feasible = not any(s.required and s.visit_id in dropped_ids for s in stops)
    say("done", 1.0)
    return RoutePlanResult(routes, dropped, feasible, cost, round(solver_seconds, 3), notes)


# --- Solomon instances (the command line and the benchmarks) ---


def solomon_data(instance: dict, max_vehicles: int = 25) -> ProblemData:
    """The DIMACS convention: distances and times x10 truncated, a fleet of at most `max_vehicles`."""
    n = int(instance["dimension"]) if "dimension" in instance else len(instance["node_coord"])
    coords = np.asarray(instance["node_coord"], dtype=np.float64)
    dist = (10 * np.asarray(instance["edge_weight"], dtype=np.float64)).astype(np.int64)
    tw = (10 * np.asarray(instance["time_window"], dtype=np.float64)).astype(np.int64)
    service = np.broadcast_to(np.asarray(instance.get("service_time", 0), dtype=np.float64), (n,))
    svc = (10 * service).astype(np.int64)
    demand = np.asarray(instance.get("demand", np.zeros(n)), dtype=np.int64)
    capacity = int(instance.get("capacity", 10**9))
    fleet = min(int(instance.get("vehicles", max_vehicles)), max_vehicles)
    locations = [Location(x=float(x), y=float(y)) for x, y in coords]
    depots = [Depot(location=0, tw_early=int(tw[0, 0]), tw_late=int(tw[0, 1]))]
    clients = [
        Client(
            location=i,
            delivery=[int(demand[i])],
            service_duration=int(svc[i]),
            tw_early=int(tw[i, 0]),
            tw_late=int(tw[i, 1]),
        )
        for i in range(1, n)
    ]
    vehicle = VehicleType(
        num_available=fleet,
        capacity=[capacity],
        start_depot=0,
        end_depot=0,
        tw_early=int(tw[0, 0]),
        tw_late=int(tw[0, 1]),
    )
    # pyvrp's stub says np.ndarray[int] (that parameter is the shape): an int64 matrix is what it takes
    return ProblemData(locations, clients, depots, [vehicle], [dist], [dist])  # type: ignore[list-item]


def _fewer_vehicles(instance: dict, fleet: int, deadline: float, seed: int, step: float = 2.5) -> Solution | None:
    """Search with at most `fleet` vehicles for `step` seconds; while that is feasible, try one vehicle
    fewer than it used; once it is not, spend what is left on the smallest fleet that was. None if even
    `fleet` is not feasible in time."""
    best: Solution | None = None
    while fleet >= 1 and time.perf_counter() < deadline:
        last = deadline - time.perf_counter() <= step * 1.5
        found = _search(
            solomon_data(instance, max_vehicles=fleet),
            deadline if last else time.perf_counter() + step,
            seed,
            None,
            0.0,
            1.0,
        )
        if not found.is_feasible():
            break
        if best is None or found.distance() < best.distance():
            best = found
        fleet = found.num_routes() - 1
    if best is not None and time.perf_counter() < deadline - 0.5:
        again = _search(solomon_data(instance, max_vehicles=best.num_routes()), deadline, seed + 1, None, 0.0, 1.0)
        if again.is_feasible() and again.distance() < best.distance():
            best = again
    return best


def solve_vrplib(path: str | Path, seconds: float, seed: int = 0, searches: int = 1) -> dict:
    """Solve a Solomon-format file; cost in the DIMACS convention (distance / 10, one decimal). With
    `searches` > 1, that many seeds search in parallel to the same deadline and the best is kept."""
    import vrplib

    began = time.perf_counter()
    deadline = began + float(seconds)
    instance = vrplib.read_instance(str(path), instance_format="solomon")
    data = solomon_data(instance)
    searches = max(1, int(searches))
    if searches == 1:
        best = _search(data, deadline, int(seed), None, 0.0, 1.0)
    else:
        # a fleet-reduction portfolio: a short look finds how many vehicles a good solution needs, then one
        # search goes on with the whole fleet while another looks for fewer (`_fewer_vehicles`): fewer
        # routes often also drive less (RC101: 15 vehicles and 1619.8 against a 16-vehicle basin at 1634),
        # and a search given the whole fleet seldom leaves a basin that uses one more
        look = _search(data, began + min(1.0, float(seconds) / 10), int(seed), None, 0.0, 1.0)
        limit = max(1.0, deadline - time.perf_counter()) + 30
        fleet = look.num_routes() - 1
        with ThreadPoolExecutor(max_workers=1) as waiter:
            fewer = waiter.submit(
                tasks.in_child, _fewer_vehicles, instance, fleet, deadline, int(seed) + 1, timeout=limit
            )
            found = [look, _search_best(data, deadline, int(seed), searches - 1, None, 0.0, 1.0)]
            try:
                if (small := fewer.result()) is not None:
                    found.append(small)
            except Exception:  # a lost child costs only its search
                logging.getLogger("visitapp").exception("the fewer-vehicles search failed")
        best = min(found, key=lambda sol: (not sol.is_feasible(), sol.distance()))
    return {
        "instance": str(instance.get("name", Path(path).stem)),
        "cost": round(best.distance() / 10, 1),
        "vehicles": best.num_routes(),
        "feasible": bool(best.is_feasible()),
        "seconds": round(time.perf_counter() - began, 2),
    }
