"""Many agents at once: N sessions load Today and poll it every 2 s; then a login burst meanwhile.

    python bench/bench_load.py [--profile single|scaled] [--sessions 200] [--seconds 60] [--burst 200]

Starts the real app (`reflex run --env prod`) on localhost only, in a private build directory:
- `single`: one worker, SQLite, page state in memory (what `make run` runs);
- `scaled`: `--workers` (2) workers, PostgreSQL (a fresh database on the machine's server, scripts/pg.sh)
  and a Redis of its own (what `make run-prod` runs).
The demo data is loaded first. The sessions are made through the auth service (`auth.login`, in this
process, agents 1-8 in turn); each is a tab (bench/reflex_client.py speaks Reflex's event protocol; no
browser) that opens /agent with only its LocalStorage token, as a reloaded tab does.

Phases, each bounded in time:
1. open: the N tabs open /agent within --ramp seconds (event: hydrate_and_load with Today's on_load);
2. poll: each tab sends AgentTodayState.poll every --interval seconds for --seconds;
3. burst: --burst anonymous tabs log in (SessionState.login, real passwords) as fast as the server answers,
   within --burst-seconds, while the N tabs keep polling.

Prints per event p50/p95/p99/max, timeouts and other errors, disconnects, the server's CPU (share of
one core, all its processes) and memory (RSS), the driver's own CPU (it shares the machine), the cores,
and for `scaled` the stored page state per session (Redis). Goals (issue 15): 200 sessions, page load
p95 <= 50 ms, poll p99 <= 50 ms, 0 errors; 200 logins within 10 s, 0 timeouts, others' poll p95 <= 100 ms;
stored state <= 5 KB per session.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from bench_login import Series, _free_port, latency_cells, stop_server  # noqa: E402
from reflex_client import ReflexClientError, Session, event_name, storage_key  # noqa: E402

from visitapp.field.ui.today_state import AgentTodayState  # noqa: E402
from visitapp.ui.auth import AuthState, SessionState  # noqa: E402

NOW = "2026-11-23T09:30:00+08:00"
POLL = event_name(AgentTodayState, "poll")
LOGIN = event_name(SessionState, "login")
AGENTS = [f"agent{i}" for i in range(1, 9)]
PASSWORD = "demo1234"
TICK = os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def _redis(workdir: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
                break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


@contextlib.contextmanager
def _pg_database() -> Iterator[str]:
    import sqlalchemy as sa

    admin_url = subprocess.run(
        ["bash", str(ROOT / "scripts/pg.sh")], capture_output=True, text=True, check=True
    ).stdout.split()[-1]
    name = f"bench_load_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def app_env(db_url: str, port: int, workdir: Path, **more: str) -> dict[str, str]:
    """The environment of a bench's private prod server on `port`: its database, the bench's clock, its
    own private and build directories, and login limits out of the way."""
    env = dict(os.environ)
    env.update(
        VISITAPP_DATABASE_URL=db_url,
        VISITAPP_NOW=NOW,
        VISITAPP_CLOCK_MODE="offset",
        VISITAPP_CLOCK_ORIGIN=str(time.time()),
        VISITAPP_SECRET_KEY="bench-only-key-not-for-production-0123456789",
        VISITAPP_PRIVATE_DIR=str(workdir / "private"),
        REFLEX_UPLOADED_FILES_DIR=str(workdir / "uploads"),
        VISITAPP_FRONTEND_PORT=str(port),
        VISITAPP_BACKEND_PORT=str(port),
        VISITAPP_API_URL=f"http://localhost:{port}",
        VISITAPP_DEPLOY_URL=f"http://localhost:{port}",
        REFLEX_WEB_WORKDIR=str(workdir / "web"),
        # every tab of the bench comes from 127.0.0.1: the per-address and per-name login limits
        # (30 and 20 a minute) would refuse the burst before it measures anything
        VISITAPP_LOGINS_PER_IP_PER_MINUTE="100000",
        VISITAPP_LOGINS_PER_USER_PER_MINUTE="100000",
    )
    env.update(more)
    return env


@contextlib.contextmanager
def server(profile: str, workers: int) -> Iterator[tuple[subprocess.Popen, str, str, str | None]]:
    """(process, base URL, database URL, Redis URL) of a private prod server with the demo data."""
    workdir = Path(tempfile.mkdtemp(prefix="bench_load_"))
    with contextlib.ExitStack() as stack:
        redis_url = stack.enter_context(_redis(workdir)) if profile == "scaled" else None
        db_url = stack.enter_context(_pg_database()) if profile == "scaled" else f"sqlite:///{workdir / 'load.db'}"
        port = _free_port()
        env = app_env(db_url, port, workdir)
        if redis_url:
            env.update(VISITAPP_REDIS_URL=redis_url, GRANIAN_WORKERS=str(workers))
        subprocess.run(
            [sys.executable, "-m", "visitapp.demo", "--url", db_url],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=300,
        )
        os.environ.update(VISITAPP_DATABASE_URL=db_url, VISITAPP_NOW=NOW)  # auth.login in this process
        log = workdir / "server.log"
        with open(log, "w") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "reflex", "run", "--env", "prod", "--loglevel", "warning"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 240
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"the app exited; see {log}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the app did not start; see {log}")
                time.sleep(0.5)
            yield proc, base, db_url, redis_url
        finally:
            stop_server(proc)
            shutil.rmtree(workdir, ignore_errors=True)


def server_usage(pgid: int) -> tuple[float, int]:
    """CPU seconds used so far and RSS bytes now, summed over the server's processes."""
    cpu, rss = 0.0, 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if os.getpgid(int(pid)) != pgid:
                continue
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(stat[11]) + int(stat[12])) / TICK
            rss += int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ProcessLookupError, IndexError):
            continue
    return cpu, rss


def driver_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def make_tokens(n: int) -> list[str]:
    from visitapp.core import auth
    from visitapp.core.db import session_scope
    from visitapp.core.settings import reset_settings_cache

    reset_settings_cache()
    tokens = []
    for i in range(n):
        with session_scope() as s:
            result = auth.login(s, username=AGENTS[i % len(AGENTS)], password=PASSWORD)
            assert result.ok and result.token, result.error
            tokens.append(result.token)
    return tokens


class Tab:
    def __init__(self, base: str, token: str, timeout: float) -> None:
        self.base, self.token, self.timeout = base, token, timeout
        self.session: Session | None = None
        self.disconnects = 0

    def open(self, out: Series) -> None:
        session = Session(self.base, timeout=self.timeout)
        try:
            reply = session.open("/agent", {storage_key(AuthState, "token"): self.token})
        except (ReflexClientError, TimeoutError):
            out.error()
            return
        if not session.get(AgentTodayState, "loaded"):
            out.error()
        out.add(reply.seconds)
        self.session = session

    def poll(self, out: Series) -> None:
        if self.session is None:
            self.open(Series())
            if self.session is None:
                out.error()
                return
        try:
            out.add(self.session.call(POLL).seconds)
        except TimeoutError:
            out.error()
        except ReflexClientError:
            out.error()
            self.disconnects += 1
            with contextlib.suppress(Exception):
                self.session.close()
            self.session = None


def poll_loop(tabs: list[Tab], interval: float, stop: threading.Event, out: Series) -> None:
    """One thread per tab would be 200 more threads: a pool sends each tab's poll when it is due."""
    offsets = [i * interval / len(tabs) for i in range(len(tabs))]  # spread, as real phones are
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=min(64, len(tabs))) as pool:
        rounds = 0
        while not stop.is_set():
            for tab, offset in zip(tabs, offsets, strict=True):
                due = began + rounds * interval + offset
                wait = due - time.perf_counter()
                if wait > 0 and stop.wait(wait):
                    break
                pool.submit(tab.poll, out)
            rounds += 1


def login_burst(base: str, n: int, seconds: float, timeout: float, out: Series) -> int:
    """n anonymous tabs log in as fast as they are answered, within `seconds`; returns those done in time."""
    tabs = []
    for _ in range(n):
        s = Session(base, timeout=timeout)
        try:
            s.open("/login")
            tabs.append(s)
        except (ReflexClientError, TimeoutError):
            out.error()
    deadline = time.perf_counter() + seconds
    done = 0

    def one(i: int, s: Session) -> None:
        nonlocal done
        if time.perf_counter() > deadline:
            out.error()
            return
        try:
            reply = s.call(
                LOGIN, {"form_data": {"username": AGENTS[i % len(AGENTS)], "password": PASSWORD}}, timeout=timeout
            )
            out.add(reply.seconds, "ok" if reply.value(AuthState, "token") else "refused")
            if time.perf_counter() <= deadline:
                done += 1
        except (ReflexClientError, TimeoutError):
            out.error()

    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(one, range(len(tabs)), tabs))
    for s in tabs:
        with contextlib.suppress(Exception):
            s.close()
    return done


SOCKET_RECORD = "token_manager_socket_record_"  # reflex.utils.token_manager: one per tab, keyed by its token


def stored_state_bytes(redis_url: str) -> tuple[int, float, list[tuple[str, float]]]:
    """Sessions in Redis, their mean stored size, and the mean size of each substate (largest first)."""
    import redis

    r = redis.Redis.from_url(redis_url)
    per_token: dict[str, int] = {}
    per_state: dict[str, list[int]] = {}
    for key in r.scan_iter(count=1000):
        name = key.decode(errors="replace")
        if "_" not in name or r.type(key) != b"string":
            continue
        if name.startswith(SOCKET_RECORD):  # Reflex's record of the tab's socket: the session's too
            token, state = name[len(SOCKET_RECORD) :], "socket record (Reflex)"
        else:
            token, state = name.split("_", 1)
        size = r.strlen(key) or 0
        per_token[token] = per_token.get(token, 0) + size
        per_state.setdefault(state.rsplit(".", 1)[-1], []).append(size)
    r.close()
    sizes = sorted(v for v in per_token.values() if v)
    states = sorted(((k, sum(v) / len(v)) for k, v in per_state.items()), key=lambda kv: -kv[1])
    return len(sizes), (sum(sizes) / len(sizes) if sizes else 0.0), states


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=["single", "scaled"], default="single")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sessions", type=int, default=200)
    ap.add_argument("--ramp", type=float, default=10.0)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--interval", type=float, default=2.0)
    ap.add_argument("--burst", type=int, default=200)
    ap.add_argument("--burst-seconds", type=float, default=10.0)
    ap.add_argument("--timeout", type=float, default=10.0)
    args = ap.parse_args()
    args.seconds = min(args.seconds, 300.0)  # bounded: at most five minutes of polling
    args.sessions = min(args.sessions, 1000)
    print(
        f"bench_load: profile {args.profile}"
        + (f" ({args.workers} workers, PostgreSQL, Redis)" if args.profile == "scaled" else " (1 worker, SQLite)")
        + f"; {os.cpu_count()} cores; {args.sessions} sessions"
    )
    with server(args.profile, args.workers) as (proc, base, _db, redis_url):
        began = time.perf_counter()
        tokens = make_tokens(args.sessions)
        print(f"sessions made through auth.login: {len(tokens)} in {time.perf_counter() - began:.1f} s")
        tabs = [Tab(base, t, args.timeout) for t in tokens]
        header = f"{'event':<34} {'n':>4} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6} {'err':>4}   server cpu / rss"
        print("\n" + header + "\n" + "-" * len(header))

        def phase(name: str, run) -> Series:
            cpu0, _ = server_usage(proc.pid)
            t0 = time.perf_counter()
            out = run()
            wall = time.perf_counter() - t0
            cpu1, rss = server_usage(proc.pid)
            print(
                f"{name:<34} {latency_cells(out)}   {100 * (cpu1 - cpu0) / wall:5.0f} % / {rss / 2**20:6.0f} MB"
                f"   ({wall:.0f} s)"
            )
            return out

        def open_all() -> Series:
            out = Series()
            with ThreadPoolExecutor(max_workers=32) as pool:
                for tab in tabs:
                    time.sleep(args.ramp / len(tabs))  # spread over the ramp
                    pool.submit(tab.open, out)
            return out

        d0 = driver_cpu()
        t0 = time.perf_counter()
        opened = phase(f"open /agent ({args.ramp:g} s ramp)", open_all)

        def steady() -> Series:
            out, stop = Series(), threading.Event()
            t = threading.Thread(target=poll_loop, args=(tabs, args.interval, stop, out), daemon=True)
            t.start()
            time.sleep(args.seconds)
            stop.set()
            t.join(args.timeout + 5)
            return out

        polled = phase(f"poll every {args.interval:g} s ({args.seconds:g} s)", steady)

        burst_polls = Series()
        logins = Series()
        in_time = [0]

        def burst() -> Series:
            stop = threading.Event()
            t = threading.Thread(target=poll_loop, args=(tabs, args.interval, stop, burst_polls), daemon=True)
            t.start()
            in_time[0] = login_burst(base, args.burst, args.burst_seconds, args.timeout, logins)
            stop.set()
            t.join(args.timeout + 5)
            return logins

        if args.burst:
            phase(f"login burst ({args.burst})", burst)
            print(f"{'  others poll meanwhile':<34} {latency_cells(burst_polls)}")
            print(
                f"  logins answered within {args.burst_seconds:g} s: {in_time[0]} of {args.burst} ({logins.outcomes})"
            )
        wall = time.perf_counter() - t0
        disconnects = sum(t.disconnects for t in tabs)
        print(
            f"\nerrors: open {opened.errors}, poll {polled.errors}, burst polls {burst_polls.errors}, "
            f"logins {logins.errors}; disconnects {disconnects}"
        )
        print(f"driver CPU: {100 * (driver_cpu() - d0) / wall:.0f} % of one core over {wall:.0f} s")
        if redis_url:
            n, mean, states = stored_state_bytes(redis_url)
            print(f"stored page state: {n} sessions in Redis, mean {mean / 1024:.1f} KB each (goal <= 5 KB)")
            print("  largest substates (mean bytes): " + ", ".join(f"{k} {v:.0f}" for k, v in states[:8]))
        for tab in tabs:
            if tab.session is not None:
                with contextlib.suppress(Exception):
                    tab.session.close()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    main()
