"""Exact timing of one team's route with its lunch break, independent of the solver.

Given the order of the stops, `time_route` computes the earliest schedule in real (wall-clock) time:
leave the base at shift start, drive, wait for a window to open if early, serve, and so on, back to the
base by shift end. The lunch break (`lunch_s` long) must start within [lunch_start, lunch_start + flex]
and is taken on one leg of the route: on the road, or at the next door while waiting for its window,
but never during a visit. Every leg is tried (leg p = the way to stop p; leg n = the way home) and the
feasible one that brings the team home earliest is kept (ties: the earliest break). For a given leg the
earliest schedule is also the best one, since every constraint is an upper bound once waiting is free,
and the break starts at max(lunch_start, the moment the team leaves the previous stop).

The solver's route order is only trusted after this check: it is the one authority on feasibility, and
`visitapp.planning.rules.solver` drops stops ("lunch_conflict") until it passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Shift:
    """Numbers for one team: shift [start, end], break of lunch_s within [lunch_start, lunch_start+flex]."""

    shift_start: int
    shift_end: int
    lunch_start: int
    lunch_s: int  # 0: no break
    lunch_flex: int


@dataclass(frozen=True)
class Timing:
    ok: bool
    arrivals: list[int]  # physical arrival at each stop
    starts: list[int]  # service start at each stop
    lunch_start: int | None
    lunch_leg: int | None  # the break is taken on the way to stop lunch_leg (== n: on the way home)
    depart: int
    end: int  # back at the base
    fail_at: int | None = None  # first stop whose window (or n: shift end, or -1: the break) failed


def _no_break_pass(
    shift: Shift, legs: Sequence[int], ws: Sequence[int], we: Sequence[int], svc: Sequence[int]
) -> tuple[list[int], list[int], int, list[bool]]:
    """The schedule without a break, carried on past violations: arrivals, starts, end, violated flags
    (one per stop, then one for the way home)."""
    n = len(ws)
    t = shift.shift_start
    arrivals: list[int] = []
    starts: list[int] = []
    violated: list[bool] = []
    for i in range(n):
        ready = t + legs[i]
        start = ready if ready > ws[i] else ws[i]
        arrivals.append(ready)
        starts.append(start)
        violated.append(start > we[i])
        t = start + svc[i]
    end = t + legs[n]
    violated.append(end > shift.shift_end)
    return arrivals, starts, end, violated


def time_route(shift: Shift, legs: Sequence[int], ws: Sequence[int], we: Sequence[int], svc: Sequence[int]) -> Timing:
    """The best feasible schedule, or (ok False) the attempt that got furthest, with `fail_at`.

    legs[i] is the drive into stop i (legs[0] from the base, legs[n] back to the base)."""
    n = len(ws)
    if len(legs) != n + 1 or len(we) != n or len(svc) != n:
        raise ValueError("legs must have one more entry than stops")
    arr0, st0, end0, viol0 = _no_break_pass(shift, legs, ws, we, svc)
    fail0 = next((i for i, bad in enumerate(viol0) if bad), None)
    if shift.lunch_s <= 0 or n == 0 or fail0 is not None:
        # a break only ever delays: if the schedule fails without one, it fails with one
        return Timing(fail0 is None, arr0, st0, None, None, shift.shift_start, end0, fail0)
    # first_bad_from[j]: the first violation of the no-break schedule at stop j or later (n: way home)
    first_bad_from: list[int | None] = [None] * (n + 2)
    for j in range(n, -1, -1):
        first_bad_from[j] = j if viol0[j] else first_bad_from[j + 1]
    best: tuple | None = None
    furthest = -1  # -1: the break itself could not start in time
    latest_lunch = shift.lunch_start + shift.lunch_flex
    for p in range(n + 1):
        t = shift.shift_start if p == 0 else st0[p - 1] + svc[p - 1]
        lunch_at = t if t > shift.lunch_start else shift.lunch_start
        if lunch_at > latest_lunch:
            break  # later legs start even later
        arrivals: list[int] = []
        starts: list[int] = []
        ok, end, fail_at = True, end0, None
        for i in range(p, n + 1):
            tau = legs[i]
            if i == p:
                if lunch_at < t + tau:  # the break interrupts the drive
                    arrive = ready = t + tau + shift.lunch_s
                else:  # already at the door: the break is taken while waiting there
                    arrive, ready = t + tau, lunch_at + shift.lunch_s
            else:
                arrive = ready = t + tau
            if i == n:
                end = ready
                if ready > shift.shift_end:
                    ok, fail_at = False, n
                break
            start = ready if ready > ws[i] else ws[i]
            if start > we[i]:
                ok, fail_at = False, i
                break
            arrivals.append(arrive)
            starts.append(start)
            if start == st0[i]:  # back on the no-break schedule: identical from here on
                arrivals.extend(arr0[i + 1 :])
                starts.extend(st0[i + 1 :])
                fail_at = first_bad_from[i + 1]
                ok = fail_at is None
                end = end0
                break
            t = start + svc[i]
        if ok:
            key = (end, lunch_at)
            if best is None or key < best[0]:
                best = (key, p, arr0[:p] + arrivals, st0[:p] + starts, lunch_at, end)
        elif fail_at is not None and fail_at > furthest:
            furthest = fail_at
    if best is not None:
        _, p, arrivals, starts, lunch_at, end = best
        return Timing(True, arrivals, starts, lunch_at, p, shift.shift_start, end, None)
    return Timing(False, arr0, st0, None, None, shift.shift_start, end0, furthest)
