"""Time per report (visitapp.reports.services.reports.build) on the demo data, SQLite, and its workbook.

    python bench/bench_reports.py [--runs 5]

Makes the demo in a fresh database, then builds the report for the last 7, 30 and 365 days, for a
supervisor (every team) and for a dispatcher (their teams), and the XLSX workbook of the 30 days. Prints
the median and the slowest run per case, in milliseconds. Prints figures; never fails.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, select

from visitapp import demo
from visitapp.core import auth, clock, db
from visitapp.core.models import User
from visitapp.reports.services import reports


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # a throwaway database: a random key of its own and its files in the temporary folder
        os.environ.setdefault("VISITAPP_SECRET_KEY", secrets.token_hex(32))
        os.environ.setdefault("VISITAPP_PRIVATE_DIR", str(Path(tmp) / "private"))
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        db.upgrade(url)
        engine = db.get_engine(url)
        with Session(engine) as s:
            demo.generate(s)
            s.commit()
        with Session(engine) as s:
            people = {u.username: auth.identity_of(u) for u in s.exec(select(User)).all()}
            today = clock.today()
            print(f"report on the demo data (SQLite), {args.runs} runs each: median / slowest, ms")
            for who in ("supervisor1", "dispatcher1"):
                for days in (7, 30, 365):
                    times = []
                    for _ in range(args.runs):
                        t = time.perf_counter()
                        r = reports.build(s, actor=people[who], start=today - timedelta(days=days - 1), end=today)
                        times.append((time.perf_counter() - t) * 1000)
                    print(
                        f"  {who:12} {days:3} days: {statistics.median(times):7.1f} / {max(times):7.1f}"
                        f"  ({len(r.teams)} teams, {r.table('by_team').total('visits')} visits,"
                        f" {len(r.review)} to review)"
                    )
            r = reports.build(s, actor=people["supervisor1"], start=today - timedelta(days=29), end=today)
            t = time.perf_counter()
            data, _ = reports.workbook(r, "zh-CN")
            print(f"  workbook of 30 days: {(time.perf_counter() - t) * 1000:.1f} ms, {len(data):,} bytes")


if __name__ == "__main__":
    main()
