"""Case import speed: a realistic 100,000-row CSV into a fresh SQLite (or PostgreSQL) database.

    python bench/bench_import.py [--rows 100000] [--reimport] [--keep] [--pg | --url URL]

Generates the file in a temporary directory (Chinese names and addresses, valid CN mobiles, a second
phone on a third of the rows, lat/lon on 70 %, verifiers, 3–6 statement lines per row, 20 agents), migrates
a fresh database with `visitapp.db.upgrade` (SQLite in the temporary directory; with --pg a new database
on the server `scripts/pg.sh` starts, with --url a new database on that server, dropped at the end), then
times `importer.preview` and `importer.run` (and, with --reimport, a second run of the same file, which
updates every contract). Prints rows per second, seconds, and the peak resident memory of the process
(getrusage). The goal is preview + run of 100,000 rows in at most 15 s; this prints whether it is met and
never fails.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_SECONDS = 15.0  # preview + run
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰春梅海燕文斌"
DISTRICTS = ["静安区", "徐汇区", "长宁区", "普陀区", "虹口区", "杨浦区", "浦东新区", "闵行区", "宝山区", "嘉定区"]
STREETS = [
    "南京西路",
    "淮海中路",
    "延安西路",
    "中山北路",
    "四川北路",
    "控江路",
    "世纪大道",
    "七宝路",
    "牡丹江路",
    "嘉定路",
]
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "185",
    "186",
    "187",
    "188",
    "189",
    "198",
    "199",
]
CREDITORS = ["华东商业银行", "申城消费金融", "长江信托", "浦江小贷"]
PRODUCTS = ["信用卡", "消费贷", "车贷"]
KINDS = ["installment", "installment", "installment", "interest", "late_fee", "fee"]
AGENTS = 20


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    from visitapp.cases.rules.importing import DEBT_COLUMNS, LINE_FIELDS, line_column

    rnd = random.Random(seed)
    header = [c.name for c in DEBT_COLUMNS] + [line_column(n, f) for n in range(1, 7) for f in LINE_FIELDS]
    today = date(2026, 11, 23)
    used: set[str] = set()

    def mobile() -> str:
        while True:
            number = rnd.choice(MOBILE_PREFIXES) + f"{rnd.randrange(10**8):08d}"
            if number not in used:
                used.add(number)
                return number

    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(",".join(header) + "\r\n")
        for i in range(rows):
            district = rnd.choice(DISTRICTS)
            has_point = rnd.random() < 0.7
            principal = rnd.randrange(50, 3000) * 100
            first_due = today - timedelta(days=rnd.randrange(30, 400))
            lines = []
            for n in range(rnd.randint(3, 6)):
                due = first_due + timedelta(days=30 * n)
                amount = round(principal / rnd.choice((12, 24, 36)), 2)
                paid = round(amount * rnd.choice((0, 0, 0, 0.5)), 2)
                lines += [
                    due.strftime("%Y/%m/%d" if n % 2 else "%Y-%m-%d"),
                    rnd.choice(KINDS),
                    f"{amount:.2f}",
                    f"{paid:.2f}" if paid else "",
                ]
            lines += [""] * (24 - len(lines))
            cells = [
                f"HT{2025 + i % 2}{i:08d}",
                rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.randint(1, 2))),
                f"{rnd.randrange(1000):03d}{rnd.choice('0123456789X')}",
                str(rnd.randint(1960, 2002)),
                mobile(),
                mobile() if rnd.random() < 0.33 else "",
                f"上海市{district}{rnd.choice(STREETS)}{rnd.randint(1, 2000)}号"
                f"{rnd.randint(1, 30)}0{rnd.randint(1, 4)}室",
                district,
                "上海",
                f"{31.0 + rnd.random() * 0.5:.6f}" if has_point else "",
                f"{121.2 + rnd.random() * 0.5:.6f}" if has_point else "",
                rnd.choice(CREDITORS),
                rnd.choice(PRODUCTS),
                f"{principal}.00",
                (first_due - timedelta(days=365)).isoformat(),
                f"bench_agent{rnd.randrange(AGENTS) + 1}",
                "是" if rnd.random() < 0.05 else "",
                *lines,
            ]
            out.write(",".join(cells) + "\r\n")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reimport", action="store_true", help="run the same file again (updates)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (and database)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--pg", action="store_true", help="PostgreSQL: a new database on scripts/pg.sh's server")
    where.add_argument("--url", help="a PostgreSQL server URL: a new database is made on it (and dropped)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    server = args.url
    if args.pg:
        root = Path(__file__).resolve().parents[1]
        out = subprocess.run(["bash", str(root / "scripts/pg.sh")], check=True, capture_output=True, text=True)
        server = out.stdout.strip().splitlines()[-1]
    pg_name = None
    if server:
        pg_name, url = make_pg_database(server)
    else:
        url = f"sqlite:///{tmp / 'bench.db'}"
    print(f"database: {'PostgreSQL ' + pg_name if pg_name else 'SQLite'}; {os.cpu_count()} cores")
    try:
        bench(args, tmp, url)
    finally:
        from visitapp.core import db

        db.get_engine.cache_clear()
        if pg_name and not args.keep:
            drop_pg_database(server, pg_name)
        if not args.keep:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)


def make_pg_database(server: str) -> tuple[str, str]:
    """A new, empty database on the server (as tests/conftest.py's fresh_pg_url does)."""
    import sqlalchemy as sa

    name = f"bench_import_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, sa.make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(server: str, name: str) -> None:
    import sqlalchemy as sa

    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def bench(args: argparse.Namespace, tmp: Path, url: str) -> None:
    os.environ["VISITAPP_DATABASE_URL"] = url
    os.environ.setdefault("VISITAPP_SECRET_KEY", "bench-only-key-not-for-production-0123456789")
    from sqlmodel import func, select

    from visitapp.cases.services import importer
    from visitapp.core import auth, clock, db
    from visitapp.core.models import Case, Debtor, ImportBatch, StatementLine, Team, User
    from visitapp.core.security import hash_password
    from visitapp.core.settings import reset_settings_cache

    reset_settings_cache()
    db.upgrade(url)
    db.get_engine.cache_clear()

    path = tmp / "cases.csv"
    t0 = time.perf_counter()
    make_csv(path, args.rows)
    data = path.read_bytes()
    print(f"generated {args.rows:,} rows, {len(data) / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s ({path})")

    with db.session_scope(url) as s:
        team = Team(name="Bench team")
        s.add(team)
        s.flush()
        pw = hash_password("bench")
        for n in range(1, AGENTS + 1):
            s.add(
                User(
                    username=f"bench_agent{n}",
                    display_name=f"Agent {n}",
                    role="agent",
                    team_id=team.id,
                    password_hash=pw,
                    badge_no=f"B-{n:04d}",
                )
            )
        boss = User(username="bench_supervisor", display_name="Boss", role="supervisor", password_hash=pw)
        s.add(boss)
        s.flush()
        actor = auth.identity_of(boss)

    with db.session_scope(url) as s:
        t0 = time.perf_counter()
        pre = importer.preview(s, actor=actor, data=data, filename="cases.csv")
        t_preview = time.perf_counter() - t0
    print(
        f"preview: {pre.total_rows:,} rows, {pre.ok_rows:,} ok, {len(pre.errors)} errors in {t_preview:.1f} s "
        f"({pre.total_rows / t_preview:,.0f} rows/s); peak RSS {peak_rss_mb():.0f} MB"
    )

    def timed_run(label: str) -> float:
        with db.session_scope(url) as s:
            batch = ImportBatch(filename="cases.csv", status="importing", created_by=actor.id)
            s.add(batch)
        calls = []
        t0 = time.perf_counter()
        with db.session_scope(url) as s:
            result = importer.run(
                s,
                actor=actor,
                data=data,
                filename="cases.csv",
                batch_id=batch.id,
                progress=lambda done, total: calls.append(done),
            )
        seconds = time.perf_counter() - t0  # including the commit
        print(
            f"{label}: created {result.created:,}, updated {result.updated:,}, errors {len(result.errors)} in "
            f"{seconds:.1f} s ({result.total_rows / seconds:,.0f} rows/s); {len(calls)} progress calls; "
            f"peak RSS {peak_rss_mb():.0f} MB"
        )
        return seconds

    clock.set_now(None)
    t_run = timed_run("run")
    with db.session_scope(url) as s:
        counts = {m.__name__: s.exec(select(func.count()).select_from(m)).one() for m in (Debtor, Case, StatementLine)}
    print("rows in the database:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    if args.reimport:
        timed_run("re-import (updates)")
    total = t_preview + t_run
    verdict = "met" if total <= GOAL_SECONDS else "NOT met"
    print(
        f"goal: preview + run of {args.rows:,} rows in <= {GOAL_SECONDS:.0f} s: {verdict} "
        f"(preview {t_preview:.1f} s + run {t_run:.1f} s = {total:.1f} s, {args.rows / total:,.0f} rows/s)"
    )


if __name__ == "__main__":
    main()
