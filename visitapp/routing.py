"""The solver on the command line (the solver itself is visitapp.planning.rules.solver):

python -m visitapp.routing solve --vrplib FILE --seconds N [--seed S] [--searches K]

Solves a Solomon-format VRPTW instance and prints ONE JSON line: instance, cost (total distance in the
DIMACS convention: distances x10 truncated, reported / 10 with one decimal), vehicles, feasible, seconds.
"""

from __future__ import annotations

import argparse
import json
import sys

from visitapp.planning.rules.solver import solve_vrplib


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m visitapp.routing")
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="solve a Solomon-format instance")
    solve.add_argument("--vrplib", required=True, help="path to a Solomon-format file")
    solve.add_argument("--seconds", type=float, default=10.0, help="search time (default 10)")
    solve.add_argument("--seed", type=int, default=0)
    solve.add_argument("--searches", type=int, default=1, help="parallel searches (seeds seed, seed+1, ...)")
    args = parser.parse_args(argv)

    try:
        out = solve_vrplib(args.vrplib, seconds=args.seconds, seed=args.seed, searches=args.searches)
    except (OSError, ValueError, KeyError) as exc:
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), file=sys.stderr)
        return 2
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
