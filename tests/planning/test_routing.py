"""The route planner: travel matrices (geodesic, OSRM over HTTP), the VRPTW solver with the lunch break, and
its command line. Every solved day is checked by an independent checker written here, not by the planner's
own timing code."""

from __future__ import annotations

import ast
import http.server
import itertools
import json
import logging
import math
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

from visitapp.adapters.travel import (
    UNREACHABLE,
    GeodesicTravel,
    OsrmTravel,
    TravelError,
    haversine_m,
    travel_from_settings,
)
from visitapp.planning.rules.model import RoutePlanResult, StopSpec, TeamSpec
from visitapp.planning.rules.solver import HISTORY_MAX, HISTORY_MIN, _fewer_vehicles, day_history, plan_routes
from visitapp.planning.rules.timing import Shift, time_route

H = 3600
REASONS = {"no_time", "no_shift", "window_unreachable", "no_coordinates", "lunch_conflict"}


# --- travel ---


def test_haversine_matches_known_distances():
    d = haversine_m(np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [31.2304, 121.4737], [31.2397, 121.4998]]))
    assert d[0, 1] == pytest.approx(111_195, rel=1e-4)  # one degree of longitude on the equator
    assert d[0, 2] == pytest.approx(111_195, rel=1e-4)
    assert d[3, 4] == pytest.approx(2_651, rel=0.02)  # People's Square to Lujiazui, ~2.65 km as the crow flies
    assert np.allclose(d, d.T) and np.all(np.diag(d) == 0)


def test_geodesic_matrix_is_fast_and_consistent():
    rng = np.random.default_rng(0)
    pts = np.column_stack([rng.uniform(30.9, 31.45, 1000), rng.uniform(121.2, 121.75, 1000)])
    began = time.perf_counter()
    dur, dist = GeodesicTravel(speed_kmh=25, detour=1.35).matrix(pts)
    assert time.perf_counter() - began < 1.0
    assert dur.shape == dist.shape == (1000, 1000) and dur.dtype == np.int64 and dist.dtype == np.int64
    i, j = 3, 777
    road = haversine_m(pts[[i, j]])[0, 1] * 1.35
    assert dist[i, j] == round(road) and dur[i, j] == round(road / (25 / 3.6))
    with pytest.raises(ValueError):
        GeodesicTravel().matrix(np.array([[91.0, 0.0]]))


class _FakeOsrm(http.server.BaseHTTPRequestHandler):
    """Answers /table/v1/driving/... with geodesic numbers, like an OSRM server would with real roads."""

    requests: list[tuple[int, int]] = []
    mode = "ok"

    def do_GET(self):
        url = urlsplit(self.path)
        coords = url.path.split("/table/v1/driving/")[1]
        pts = np.array([[float(c.split(",")[1]), float(c.split(",")[0])] for c in coords.split(";")])
        q = parse_qs(url.query)
        src = [int(x) for x in q["sources"][0].split(";")]
        dst = [int(x) for x in q["destinations"][0].split(";")]
        assert q["annotations"] == ["duration,distance"]
        type(self).requests.append((len(src), len(dst)))
        if self.mode == "500":
            body, status = b"<html>boom</html>", 500
        elif self.mode == "error":
            body, status = json.dumps({"code": "TooBig", "message": "Too many table coordinates"}).encode(), 400
        else:
            dur, dist = GeodesicTravel().matrix(pts)
            durations = dur[np.ix_(src, dst)].astype(float).tolist()
            if self.mode == "null":
                durations[0][-1] = None
            body = json.dumps(
                {"code": "Ok", "durations": durations, "distances": dist[np.ix_(src, dst)].astype(float).tolist()}
            ).encode()
            status = 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@contextmanager
def fake_osrm(mode: str = "ok") -> Iterator[str]:
    _FakeOsrm.requests = []
    _FakeOsrm.mode = mode
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeOsrm)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _points(n: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    # 6 decimals, as sent to OSRM, so the server recomputes exactly the same distances
    return np.round(np.column_stack([rng.uniform(31.1, 31.35, n), rng.uniform(121.3, 121.6, n)]), 6)


def test_osrm_matrix_is_requested_in_tiles_and_matches_one_shot():
    pts = _points(250)
    with fake_osrm() as url:
        dur, dist = OsrmTravel(url, max_locations=100).matrix(pts)
    assert len(_FakeOsrm.requests) == 9
    assert all(s <= 100 and d <= 100 for s, d in _FakeOsrm.requests)
    want_dur, want_dist = GeodesicTravel().matrix(pts)
    assert np.array_equal(dur, want_dur) and np.array_equal(dist, want_dist)


def test_osrm_failures_are_clear_errors():
    pts = _points(5)
    with fake_osrm("500") as url, pytest.raises(TravelError, match="HTTP 500"):
        OsrmTravel(url).matrix(pts)
    with fake_osrm("error") as url, pytest.raises(TravelError, match="TooBig"):
        OsrmTravel(url).matrix(pts)
    with pytest.raises(TravelError, match="failed"):
        OsrmTravel("http://127.0.0.1:9", timeout=0.5).matrix(pts)  # nothing listens on the discard port
    with fake_osrm("null") as url:
        dur, _ = OsrmTravel(url).matrix(pts)
    assert dur[0, 4] == UNREACHABLE


def test_travel_from_settings(monkeypatch):
    monkeypatch.delenv("VISITAPP_OSRM_URL", raising=False)
    assert isinstance(travel_from_settings(), GeodesicTravel)
    monkeypatch.setenv("VISITAPP_OSRM_URL", "http://osrm.local:5000/")
    t = travel_from_settings()
    assert isinstance(t, OsrmTravel) and t.base_url == "http://osrm.local:5000"


# --- an independent checker ---


def check_plan(teams: list[TeamSpec], stops: list[StopSpec], result: RoutePlanResult) -> None:
    """Recompute every route from the travel matrix and assert every rule of the day."""
    located = [s for s in stops if s.lat is not None]
    pts = np.array([[t.lat, t.lon] for t in teams] + [[s.lat, s.lon] for s in located])
    dur, dist = GeodesicTravel().matrix(pts)
    where = {("team", t.team_id): i for i, t in enumerate(teams)}
    where.update({("stop", s.visit_id): len(teams) + i for i, s in enumerate(located)})
    by_id = {s.visit_id: s for s in stops}
    team_by_id = {t.team_id: t for t in teams}

    served = [s.visit_id for r in result.routes for s in r.stops]
    dropped = [d.visit_id for d in result.dropped]
    assert len(served) == len(set(served)), "a visit is served twice"
    assert len(dropped) == len(set(dropped)), "a visit is dropped twice"
    assert set(served).isdisjoint(dropped)
    assert set(served) | set(dropped) == set(by_id), "a visit is neither served nor dropped"
    assert all(d.reason in REASONS for d in result.dropped)
    for d in result.dropped:
        if by_id[d.visit_id].lat is None:
            assert d.reason == "no_coordinates"
    assert {r.team_id for r in result.routes} <= set(team_by_id)

    def work_between(a: int, b: int, lunch: tuple[int, int] | None) -> int:
        """Seconds in [a, b) that are not lunch."""
        if b <= a:
            return b - a
        if lunch is None:
            return b - a
        overlap = max(0, min(b, lunch[1]) - max(a, lunch[0]))
        return b - a - overlap

    for route in result.routes:
        team = team_by_id[route.team_id]
        lunch = None
        if team.has_lunch:
            assert route.lunch_start_s is not None
            assert team.lunch_start_s <= route.lunch_start_s <= team.lunch_start_s + team.lunch_flex_s
            lunch = (route.lunch_start_s, route.lunch_start_s + team.lunch_s)
            assert lunch[1] <= team.shift_end_s
        if not route.stops:
            continue
        assert route.depart_s >= team.shift_start_s
        t, here = route.depart_s, where[("team", team.team_id)]
        travel = distance = 0
        for s in route.stops:
            spec = by_id[s.visit_id]
            nxt = where[("stop", s.visit_id)]
            leg = int(dur[here, nxt])
            assert s.travel_s_from_prev == leg
            travel += leg
            distance += int(dist[here, nxt])
            # enough non-lunch time to drive from the previous stop before this visit starts
            assert work_between(t, s.start_s, lunch) >= leg, f"visit {s.visit_id}: not enough time to get there"
            assert t <= s.arrival_s <= s.start_s
            assert spec.window_start_s <= s.start_s <= spec.window_end_s, f"visit {s.visit_id} outside its window"
            end = s.start_s + spec.service_s
            if lunch is not None:
                assert end <= lunch[0] or s.start_s >= lunch[1], f"visit {s.visit_id} overlaps the lunch break"
            t, here = end, nxt
        home = int(dur[here, where[("team", team.team_id)]])
        travel += home
        distance += int(dist[here, where[("team", team.team_id)]])
        assert route.return_s <= team.shift_end_s, "back after the shift"
        assert work_between(t, route.return_s, lunch) >= home
        assert route.travel_s == travel and route.distance_m == distance

    missing_required = [s.visit_id for s in stops if s.required and s.visit_id not in served]
    assert result.feasible == (not missing_required)


# --- instances ---


def make_day(
    seed: int, n_teams: int, n_stops: int, *, mixed_lunch: bool = False, required_share: float = 0.1
) -> tuple[list[TeamSpec], list[StopSpec]]:
    rng = np.random.default_rng(seed)
    teams = []
    for k in range(n_teams):
        lunch_at, minutes = (12 * H, 60)
        if mixed_lunch and k % 2 == 1:
            lunch_at, minutes = (12 * H + 1800, 45)
        teams.append(
            TeamSpec(
                team_id=k + 1,
                lat=31.23 + rng.normal(0, 0.02),
                lon=121.47 + rng.normal(0, 0.02),
                shift_start_s=9 * H,
                shift_end_s=18 * H,
                lunch_start_s=lunch_at,
                lunch_minutes=minutes,
            )
        )
    windows = [(9 * H, 11 * H), (14 * H, 16 * H), (9 * H, 17 * H), (10 * H, 13 * H), (11 * H + 1800, 12 * H + 1800)]
    stops = []
    for j in range(n_stops):
        ws, we = windows[int(rng.integers(len(windows)))]
        required = rng.random() < required_share
        stops.append(
            StopSpec(
                visit_id=1000 + j,
                lat=31.23 + rng.normal(0, 0.03),
                lon=121.47 + rng.normal(0, 0.03),
                window_start_s=ws,
                window_end_s=we,
                service_s=int(rng.choice([1200, 1800, 2700])),
                hard=required,
                priority=int(rng.integers(0, 3)),
                required=required,
            )
        )
    return teams, stops


@pytest.mark.parametrize(
    "seed,n_teams,n_stops,mixed", [(1, 2, 12, False), (2, 3, 25, False), (3, 4, 40, True), (4, 3, 30, True)]
)
def test_random_days_pass_the_independent_check(seed, n_teams, n_stops, mixed):
    teams, stops = make_day(seed, n_teams, n_stops, mixed_lunch=mixed)
    result = plan_routes(teams, stops, seconds=0.6, seed=seed)
    check_plan(teams, stops, result)
    assert result.served >= min(n_stops, 5 * n_teams) * 0.8


def test_two_searches_run_on_two_processes_and_the_better_day_is_kept(caplog):
    teams, stops = make_day(3, 4, 40, mixed_lunch=True)
    with caplog.at_level(logging.INFO, logger="visitapp.planning"):
        result = plan_routes(teams, stops, seconds=1.5, seed=3, searches=2)
    check_plan(teams, stops, result)
    [said] = [r.getMessage() for r in caplog.records if r.getMessage().startswith("route searches")]
    ranks = ast.literal_eval(said.split(": ", 1)[1].split("; kept")[0])
    kept = ast.literal_eval(said.split("kept ", 1)[1].split("; history")[0])
    assert len(ranks) == 2 and kept == min(ranks)  # the child's search came back and was weighed
    assert said.endswith(f"history {HISTORY_MIN}")  # a search of about a second remembers little


def test_a_day_searched_longer_remembers_more_steps_up_to_pyvrps_own():
    memories = [day_history(s) for s in (0.5, 4.5, 10, 26, 60, 600)]
    assert memories == sorted(memories) and memories[0] == HISTORY_MIN and memories[-1] == HISTORY_MAX == 300
    assert HISTORY_MIN < day_history(10) < day_history(26) < HISTORY_MAX  # bench_day's fast and big days


def test_lunch_is_placed_in_its_window_and_never_inside_a_visit():
    # one team, stops whose windows force work right through the lunch hour
    team = TeamSpec(1, 31.23, 121.47, 9 * H, 18 * H, 12 * H, 60)
    stops = [
        StopSpec(10 + j, 31.23 + 0.004 * j, 121.47 + 0.003 * j, ws, we, 1800)
        for j, (ws, we) in enumerate(
            [
                (11 * H, 12 * H + 1800),
                (11 * H + 1800, 12 * H + 1200),
                (12 * H, 13 * H),
                (12 * H + 1800, 14 * H),
                (9 * H, 10 * H),
            ]
        )
    ]
    result = plan_routes([team], stops, seconds=0.5)
    check_plan([team], stops, result)
    route = result.routes[0]
    assert 12 * H <= route.lunch_start_s <= 13 * H


def test_hard_appointment_in_an_impossible_window_is_dropped_and_the_plan_says_so():
    team = TeamSpec(1, 31.23, 121.47, 9 * H, 18 * H, 12 * H, 60)
    stops = [
        StopSpec(1, 31.232, 121.472, 20 * H, 21 * H, 1800, hard=True, required=True),  # evening: after the shift
        StopSpec(2, 31.70, 122.30, 9 * H, 9 * H + 600, 1800, hard=True, required=True),  # ~90 km away by 09:10
        StopSpec(3, 31.235, 121.475, 9 * H, 11 * H, 1800),
        StopSpec(4, None, None, 9 * H, 11 * H, 1800),
    ]
    result = plan_routes([team], stops, seconds=0.3)
    check_plan([team], stops, result)
    # no shift holds an evening visit at all; the far one is in the shift but cannot be reached in time
    assert result.dropped_reasons() == {1: "no_shift", 2: "window_unreachable", 4: "no_coordinates"}
    assert [s.visit_id for s in result.routes[0].stops] == [3]
    assert result.feasible is False


def test_a_visit_that_only_clashes_with_lunch_is_dropped_lunch_conflict():
    team = TeamSpec(1, 31.23, 121.47, 9 * H, 18 * H, 12 * H, 60, lunch_flex_s=1800)
    # 90 minutes of service that must start 12:00-12:05: the break (12:00-12:30 start) cannot fit around it
    stops = [
        StopSpec(1, 31.231, 121.471, 12 * H, 12 * H + 300, 5400),
        StopSpec(2, 31.232, 121.472, 9 * H, 17 * H, 1800),
    ]
    result = plan_routes([team], stops, seconds=0.3)
    check_plan([team], stops, result)
    assert result.dropped_reasons() == {1: "lunch_conflict"}


def test_priority_visits_are_preferred_when_time_is_short():
    # a 3-hour shift for ten 40-minute visits close together: about four fit
    team = TeamSpec(1, 31.23, 121.47, 9 * H, 12 * H, 13 * H, 0)
    rng = np.random.default_rng(5)
    stops = [
        StopSpec(
            j,
            31.23 + rng.normal(0, 0.004),
            121.47 + rng.normal(0, 0.004),
            9 * H,
            12 * H,
            2400,
            priority=2 if j % 3 == 0 else 0,
        )
        for j in range(12)
    ]
    result = plan_routes([team], stops, seconds=0.5)
    check_plan([team], stops, result)
    served = {s.visit_id for s in result.routes[0].stops}
    assert 3 <= len(served) <= 4
    assert served == {j for j in range(12) if j % 3 == 0}
    assert all(r == "no_time" for r in result.dropped_reasons().values())


def test_required_visits_are_served_even_when_they_cost_more():
    team = TeamSpec(1, 31.23, 121.47, 9 * H, 12 * H, 13 * H, 0)
    stops = [StopSpec(1, 31.30, 121.55, 10 * H, 10 * H + 1800, 1800, hard=True, required=True)]  # far, ~12 km
    stops += [StopSpec(10 + j, 31.23 + 0.002 * j, 121.47, 9 * H, 12 * H, 2400, priority=2) for j in range(6)]
    result = plan_routes([team], stops, seconds=0.5)
    check_plan([team], stops, result)
    assert 1 in {s.visit_id for s in result.routes[0].stops}
    assert result.feasible


def test_too_many_appointments_fall_back_and_report_infeasible():
    team = TeamSpec(1, 31.23, 121.47, 9 * H, 12 * H, 13 * H, 0)
    # five confirmed 1-hour visits all at 10:00-10:30: at most one can be kept
    stops = [
        StopSpec(j, 31.23 + 0.001 * j, 121.47, 10 * H, 10 * H + 1800, 3600, hard=True, required=True) for j in range(5)
    ]
    result = plan_routes([team], stops, seconds=0.5)
    check_plan([team], stops, result)
    assert result.served == 1 and result.feasible is False
    assert any("required" in n for n in result.notes)


# --- the timing code on hand-made cases ---


def test_time_route_takes_the_break_while_waiting_or_after_a_visit():
    shift = Shift(9 * H, 18 * H, 12 * H, 3600, 3600)
    # arrive 11:30 at a stop opening at 13:30: lunch 12:00-13:00 at the door, start 13:30
    t = time_route(shift, [9000, 600], [13 * H + 1800], [14 * H], [1800])
    assert t.ok and t.starts == [13 * H + 1800] and t.lunch_start == 12 * H
    # a visit 11:50-12:20 straddles noon: the break moves after it (12:20), within the hour allowed
    t = time_route(shift, [600, 600, 600], [11 * H + 3000, 13 * H], [11 * H + 3000, 15 * H], [1800, 1800])
    assert t.ok and t.lunch_start == 12 * H + 1200 and t.starts[1] == 13 * H + 1800
    # a window that only the no-break schedule meets: no placement works
    t = time_route(shift, [600, 600, 600], [11 * H + 3000, 12 * H + 1800], [11 * H + 3000, 12 * H + 2400], [1800, 2700])
    assert not t.ok


# --- the command line on a Solomon-format file ---

TINY = """TINY

VEHICLE
NUMBER     CAPACITY
  25         100

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      40         50          0          0       1000          0
    1      45         68         10          0        900         10
    2      45         70         30          0        900         10
    3      42         66         10          0        900         10
    4      30         50         20          0        900         10
    5      35         40         10          0        900         10
"""


def test_cli_solves_a_solomon_file(tmp_path):
    path = tmp_path / "TINY.txt"
    path.write_text(TINY)
    out = subprocess.run(
        [sys.executable, "-m", "visitapp.routing", "solve", "--vrplib", str(path), "--seconds", "0.3", "--seed", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    got = json.loads(lines[0])
    assert got["feasible"] is True and got["vehicles"] == 1 and got["instance"] == "TINY"
    xy = [(40, 50), (45, 68), (45, 70), (42, 66), (30, 50), (35, 40)]

    def d(a: int, b: int) -> int:
        return int(10 * math.dist(xy[a], xy[b]))

    best = min(
        d(0, p[0]) + sum(d(a, b) for a, b in itertools.pairwise(p)) + d(p[-1], 0)
        for p in itertools.permutations(range(1, 6))
    )
    assert got["cost"] == round(best / 10, 1)


def test_the_fewer_vehicles_search_finds_the_smallest_fleet_and_says_none_below_it(tmp_path):
    """Capacity 50 and 80 to deliver: two vehicles at least. Asked for at most four, the search steps down
    to two; asked for one, nothing feasible exists."""
    import vrplib

    path = tmp_path / "TWO.txt"
    path.write_text(TINY.replace("  25         100", "  25          50"))
    instance = vrplib.read_instance(str(path), instance_format="solomon")
    found = _fewer_vehicles(instance, 4, time.perf_counter() + 2.0, seed=0, step=0.3)
    assert found is not None and found.is_feasible() and found.num_routes() == 2
    assert _fewer_vehicles(instance, 1, time.perf_counter() + 1.0, seed=0, step=0.3) is None


def test_cli_with_two_searches_keeps_the_best_of_the_portfolio(tmp_path):
    path = tmp_path / "TWO.txt"
    path.write_text(TINY.replace("  25         100", "  25          50"))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "visitapp.routing",
            "solve",
            "--vrplib",
            str(path),
            "--seconds",
            "1.5",
            "--searches",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["feasible"] is True and got["vehicles"] == 2
