"""Faults survived: PostgreSQL restarted, a worker killed and Redis restarted under load (issue 15.7).

    python bench/bench_faults.py [--sessions 60] [--phase 25] [--timeout 10] [--lose-every 7]

The scale-out profile, all on localhost and all of the run's own: a throwaway PostgreSQL cluster (initdb
in a temporary directory, a free port; never the machine's shared server), a Redis, the app's backend as
two granian workers on one port sharing page state in Redis (what `make run-prod` serves: Reflex's
`run_backend_prod` with GRANIAN_WORKERS=2, on the demo data, without building the frontend: the bench
speaks the event protocol and HTTP only), and two task-queue workers (`python -m visitapp.core.tasks
worker`). Meanwhile:

- `--sessions` tabs (bench_load.Tab: signed in through auth.login, open /agent, poll every 2 s); a tab
  whose socket drops opens again at its next poll, as a browser reconnects;
- eight phones, one per demo agent, each typing a note or an outcome on one of its checked-in
  visits every second and sending its queue as assets/outbox.js does: every pending item, each with its
  own client id, POSTed to /api/outbox with the agent's token, an item kept until the server answers it
  (ok, or refused for good) and the whole queue resent a second later after any failure; every
  `--lose-every`-th answer is dropped after the server saved, so those items are sent again;
- a probe GETs /api/health every second.

Phases of `--phase` seconds each: baseline; `pg_ctl restart` of the private cluster; SIGKILL of one
granian worker; Redis stopped and started on the same port. Then the phones send what they still hold
(bounded), and the database is asked for every client id sent.

Prints per phase the poll p50/p95/p99 and errors (timeouts, dropped sockets, tabs signed out, or whose
page state was lost and that reloaded /login and came home signed in), /api/health failures, the outbox's
POSTs, their p95 and failures, and per fault the seconds until errors stopped (the last failure after the
fault, from the fault); sockets dropped and reconnected. Then the items: typed, acknowledged, still
pending, refused, lost (acknowledged or sent but not in the database) and saved twice (goal 0 and 0), and
whether the app serves again without a manual restart (both granian workers up, the task workers alive,
the last seconds of each phase without errors). It never fails: it
prints the figures against the goals, with the machine's cores. Every wait is bounded.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from bench_load import NOW, POLL, Tab, app_env, make_tokens, poll_loop, server_usage  # noqa: E402
from bench_login import pct, stop_server  # noqa: E402
from reflex_client import ReflexClientError, Reply, Session, storage_key  # noqa: E402

from tests.e2e.scale import free_port  # noqa: E402
from visitapp.ui.auth import AuthState  # noqa: E402

PG_BIN = Path("/usr/lib/postgresql")
FAULTS = ("postgresql restart", "worker killed", "redis restart")
# the app's backend as `make run-prod` serves it (granian, GRANIAN_WORKERS processes on one port), without
# the frontend build: tests/e2e/conftest.py's second worker, not mounting the compiled pages
_BACKEND = (
    "import sys; from reflex.config import get_config; from reflex_base.constants import LogLevel; "
    "from reflex.utils import exec; get_config(); "  # rxconfig.py first, as `reflex run` loads it
    "exec.run_backend_prod('127.0.0.1', int(sys.argv[1]), LogLevel.WARNING, False)"
)


# --- the servers ---


def _pg_bin(name: str) -> str:
    versions = sorted((p for p in PG_BIN.iterdir() if (p / "bin" / name).exists()), key=lambda p: int(p.name))
    if not versions:
        raise RuntimeError("PostgreSQL is not installed (scripts/bootstrap.sh installs it)")
    return str(versions[-1] / "bin" / name)


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class PrivatePostgres:
    """A throwaway cluster in a temporary directory on a free loopback port, trust auth, no fsync."""

    def __init__(self, workdir: Path) -> None:
        self.dir = workdir / "pg"
        self.dir.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres")
            shutil.chown(self.dir, "postgres")
        self.port = free_port()
        self.log = workdir / "pg.log"
        opts = f"-p {self.port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._ctl = [_pg_bin("pg_ctl"), "-D", str(self.dir), "-l", str(self.log), "-o", opts, "-w", "-t", "60"]
        subprocess.run(
            _as_postgres([_pg_bin("initdb"), "-D", str(self.dir), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=120,
        )
        self.ctl("start")
        subprocess.run(
            _as_postgres([_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "visitapp"]),
            check=True,
            timeout=60,
        )
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/visitapp"

    def ctl(self, action: str) -> None:
        subprocess.run(
            _as_postgres([*self._ctl, "-m", "fast", action]), check=True, stdout=subprocess.DEVNULL, timeout=120
        )

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self.ctl("stop")


class RestartableRedis:
    """tests/e2e/scale.redis_server's Redis (no persistence), that can be stopped and started on its port."""

    def __init__(self, workdir: Path) -> None:
        self.port, self.dir = free_port(), workdir
        self.proc: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.dir,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        import redis

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.RedisError):
                if redis.Redis(port=self.port, socket_timeout=0.5).ping():
                    return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def keyspace_events(self) -> str:
        """What Reflex's Redis state manager needs for its lock notifications (it sets them once, at start)."""
        import redis

        with redis.Redis(port=self.port, socket_timeout=2) as r:
            return str(r.config_get("notify-keyspace-events").get("notify-keyspace-events", ""))

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(10)
            self.proc = None


@dataclass
class App:
    base: str
    db_url: str
    redis: RestartableRedis
    pg: PrivatePostgres
    web: subprocess.Popen
    tasks: list[subprocess.Popen]
    workdir: Path

    def sockets_per_worker(self) -> dict[int, int]:
        """How many client connections each granian worker holds (event sockets, mostly)."""
        per = _established_by_pid(int(self.base.rsplit(":", 1)[1]))
        return {pid: per.get(pid, 0) for pid in self.granian_workers()}

    def granian_workers(self) -> list[int]:
        """The pids of the granian main process's children (its workers)."""
        kids = []
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                with contextlib.suppress(OSError):
                    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    if int(stat[1]) == self.web.pid and stat[0] != "Z":
                        kids.append(int(pid))
        return sorted(kids)


def _established_by_pid(port: int) -> dict[int, int]:
    """Established TCP connections on the local `port`, per owning process (ss -tnp)."""
    out = subprocess.run(
        ["ss", "-Htnp", "state", "established", f"( sport = :{port} )"], capture_output=True, text=True, timeout=10
    ).stdout
    per: dict[int, int] = {}
    for line in out.splitlines():
        for pid in {int(m) for m in re.findall(r"pid=(\d+)", line)}:
            per[pid] = per.get(pid, 0) + 1
    return per


@contextlib.contextmanager
def scale_out(workers: int) -> Iterator[App]:
    workdir = Path(tempfile.mkdtemp(prefix="bench_faults_"))
    procs: list[subprocess.Popen] = []
    pg: PrivatePostgres | None = None
    redis_server: RestartableRedis | None = None
    try:
        pg = PrivatePostgres(workdir)
        redis_server = RestartableRedis(workdir)
        port = free_port()
        env = app_env(
            pg.url,
            port,
            workdir,
            VISITAPP_REDIS_URL=redis_server.url,
            GRANIAN_WORKERS=str(workers),
            REFLEX_SKIP_COMPILE="true",
            REFLEX_ENV_MODE="prod",
        )
        subprocess.run(
            [sys.executable, "-m", "visitapp.demo", "--url", pg.url],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=300,
        )
        os.environ.update(VISITAPP_DATABASE_URL=pg.url, VISITAPP_NOW=NOW)  # auth.login in this process
        with open(workdir / "web.log", "w") as out:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-c", _BACKEND, str(port)],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        with open(workdir / "tasks.log", "w") as out:
            tasks = [
                subprocess.Popen(
                    [sys.executable, "-m", "visitapp.jobs", "worker"],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
                for _ in range(2)
            ]
        procs += tasks
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            if procs[0].poll() is not None:
                raise RuntimeError(f"the app exited; see {workdir / 'web.log'}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not start; see {workdir / 'web.log'}")
            time.sleep(0.5)
        yield App(base, pg.url, redis_server, pg, procs[0], tasks, workdir)
    finally:
        for proc in procs:
            stop_server(proc)
        if redis_server is not None:
            redis_server.stop()
        if pg is not None:
            pg.stop()
        if os.environ.get("BENCH_FAULTS_KEEP"):
            print(f"(kept {workdir})")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


# --- what happened, when ---


@dataclass
class Timeline:
    """Timestamped results, with the interface bench_load's Tab and poll_loop write to (add / error)."""

    began: float = field(default_factory=time.perf_counter)
    samples: list[tuple[float, float]] = field(default_factory=list)  # (at, seconds)
    failures: list[tuple[float, str]] = field(default_factory=list)  # (at, what)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, outcome: str | None = None) -> None:
        with self.lock:
            self.samples.append((time.perf_counter() - self.began, seconds))

    def error(self, what: str = "error", started: float | None = None) -> None:
        """A failure, when it was seen, or at `started` (perf_counter) if given: a timeout counts when its
        request was sent, not when the wait ended."""
        at = (started if started is not None else time.perf_counter()) - self.began
        with self.lock:
            self.failures.append((at, what))

    def between(self, t0: float, t1: float) -> tuple[list[float], list[tuple[float, str]]]:
        with self.lock:
            return [s for at, s in self.samples if t0 <= at < t1], [f for f in self.failures if t0 <= f[0] < t1]


class FaultTab(Tab):
    """bench_load's tab, which also tells apart what went wrong and counts its reconnects."""

    def __init__(self, base: str, token: str, timeout: float) -> None:
        super().__init__(base, token, timeout)
        self.opens = 0
        self.reconnects = 0

    def open(self, out) -> None:  # type: ignore[no-untyped-def]
        self.opens += 1
        super().open(out)
        if self.session is not None and self.opens > 1:
            self.reconnects += 1

    def poll(self, out) -> None:  # type: ignore[no-untyped-def]
        if self.session is None:
            self.open(Timeline(out.began))
            if self.session is None:
                out.error("reconnect failed")
                return
        started = time.perf_counter()
        try:
            reply = self.session.call(POLL)
        except TimeoutError:
            out.error("timeout", started)
            return
        except ReflexClientError:
            out.error("socket dropped")  # seen when the socket closed, which is when its worker went
            self.disconnects += 1
            with contextlib.suppress(Exception):
                self.session.close()
            self.session = None
            return
        if _sent_to_login(reply):
            # client-side, as before the fix in ui/entry.py: a browser shows the login form, signed out
            out.error("signed out", started)
            with contextlib.suppress(Exception):
                self.session.close()
            self.session = None  # the bench opens the page again with the token; a user would sign in again
            return
        if _loads_login_anew(reply):
            # the page state lost its session (ui/entry.py SIGN_IN_AGAIN): the browser loads /login, which
            # sends the token it holds; signed in, the login page sends it home (the next poll opens /agent)
            with contextlib.suppress(Exception):
                self.session.close()
            self.session = None
            out.error("page reloaded, signed in" if self._home_from_login() else "signed out", started)
            return
        out.add(reply.seconds)

    def _home_from_login(self) -> bool:
        login = Session(self.base, timeout=self.timeout)
        try:
            reply = login.open("/login", {storage_key(AuthState, "token"): self.token})
        except (ReflexClientError, TimeoutError):
            return False
        finally:
            with contextlib.suppress(Exception):
                login.close()
        return any(
            str(e.get("name", "")).endswith("_redirect") and "/agent" in str(e.get("payload", {}))
            for u in reply.updates
            for e in u.get("events") or []
        )


def _loads_login_anew(reply: Reply) -> bool:
    return any(
        str(e.get("name", "")).endswith("_call_script") and "location.assign('/login')" in str(e.get("payload", {}))
        for u in reply.updates
        for e in u.get("events") or []
    )


def _sent_to_login(reply: Reply) -> bool:
    for update in reply.updates:
        for event in update.get("events") or []:
            if str(event.get("name", "")).endswith("_redirect") and "/login" in str(event.get("payload", {})):
                return True
    return False


# --- the phones' outboxes ---


@dataclass
class Item:
    client_id: str
    kind: str
    visit_id: int
    typed: float
    sent: bool = False
    acked: float | None = None
    refused: str = ""
    refused_at: float = 0.0
    duplicate_answers: int = 0


class Phone:
    """One agent's outbox as assets/outbox.js keeps it: items wait until the server answers them."""

    def __init__(
        self, base: str, token: str, owner: int, visits: list[int], timeline: Timeline, lose_every: int = 0
    ) -> None:
        self.base, self.token, self.owner, self.visits = base, token, owner, visits
        self.lose_every = lose_every  # every n-th answer is lost on the way back, after the server saved
        self.lost_answers = 0
        self._posts = 0
        self.items: list[Item] = []
        self.timeline = timeline  # the POSTs: ok, or failed (status, timeout, refused connection)
        self.client = httpx.Client(timeout=5.0)
        self._n = 0

    def type_one(self) -> None:
        kind = "note" if self._n % 2 == 0 else "outcome"
        visit = self.visits[self._n % len(self.visits)]
        self._n += 1
        self.items.append(Item(uuid.uuid4().hex, kind, visit, time.perf_counter()))

    def pending(self) -> list[Item]:
        return [i for i in self.items if i.acked is None and not i.refused]

    def flush(self) -> None:
        waiting = self.pending()[:50]  # the route takes at most 50 at once
        if not waiting:
            return
        body = {
            "items": [
                {
                    "client_id": i.client_id,
                    "owner": str(self.owner),
                    "kind": i.kind,
                    "visit_id": i.visit_id,
                    "body": f"bench note {i.client_id}" if i.kind == "note" else None,
                    "outcome": "not_home" if i.kind == "outcome" else None,
                }
                for i in waiting
            ]
        }
        for i in waiting:
            i.sent = True
        t0 = time.perf_counter()
        try:
            r = self.client.post(
                f"{self.base}/api/outbox", json=body, headers={"authorization": f"Bearer {self.token}"}
            )
        except httpx.TimeoutException as exc:
            self.timeline.error(type(exc).__name__, t0)
            return
        except httpx.HTTPError as exc:
            self.timeline.error(type(exc).__name__)
            return
        if r.status_code != 200:
            self.timeline.error(f"HTTP {r.status_code}")
            return
        self.timeline.add(time.perf_counter() - t0)
        self._posts += 1
        if self.lose_every and self._posts % self.lose_every == 0:
            self.lost_answers += 1  # as a phone going out of coverage mid-answer: it sends them all again
            return
        by_id = {x.get("client_id"): x for x in r.json().get("results", [])}
        now = time.perf_counter()
        for i in waiting:
            x = by_id.get(i.client_id)
            if x is None:
                continue
            if x.get("ok"):
                i.acked = now
                i.duplicate_answers += bool(x.get("duplicate"))
            elif not x.get("retry"):
                i.refused = str(x.get("error"))
                i.refused_at = now - self.timeline.began


def phones_loop(phones: list[Phone], stop: threading.Event, typing: threading.Event) -> None:
    """Every second each phone types one item (while `typing`) and sends its queue."""
    with ThreadPoolExecutor(max_workers=len(phones)) as pool:
        while not stop.is_set():
            t0 = time.perf_counter()
            for p in phones:
                if typing.is_set():
                    p.type_one()
            list(pool.map(Phone.flush, phones))
            stop.wait(max(0.0, 1.0 - (time.perf_counter() - t0)))


def health_loop(base: str, stop: threading.Event, out: Timeline) -> None:
    with httpx.Client(timeout=2.0) as client:
        while not stop.is_set():
            t0 = time.perf_counter()
            try:
                r = client.get(f"{base}/api/health")
                if r.status_code == 200:
                    out.add(time.perf_counter() - t0)
                else:
                    out.error(f"HTTP {r.status_code}")
            except httpx.TimeoutException as exc:
                out.error(type(exc).__name__, t0)
            except httpx.HTTPError as exc:
                out.error(type(exc).__name__)
            stop.wait(max(0.0, 1.0 - (time.perf_counter() - t0)))


# --- set-up and checks against the database ---


def agents_and_visits(db_url: str, tokens: list[str]) -> dict[str, tuple[int, list[int]]]:
    """Per distinct token's agent: (user id, today's visits on its own or its team's cases), each visit checked
    in (an outcome needs it). A visit dispatched to the team on another team's case is left out: once it has
    an outcome it is done, and the agent reaches it no more (core.access), so later items on it are refused."""
    from sqlmodel import select

    from visitapp.core import auth, clock
    from visitapp.core.db import session_scope
    from visitapp.core.models import Case, Visit
    from visitapp.field.services import visits

    out: dict[str, tuple[int, list[int]]] = {}
    seen: set[int] = set()
    with session_scope(db_url) as s:
        for token in tokens:
            identity = auth.resolve(s, token)
            if identity is None or identity.id in seen:
                continue
            seen.add(identity.id)
            day = [v.visit_id for v in visits.agent_day(s, actor=identity, day=clock.today()).visits]
            ids = [
                visit.id
                for visit, case in s.exec(select(Visit, Case).join(Case).where(Visit.id.in_(day)))  # type: ignore[union-attr]
                if visit.id is not None and (case.agent_id == identity.id or case.team_id == identity.team_id)
            ]
            if ids:
                out[token] = (identity.id, ids)
        for visit in s.exec(select(Visit).where(Visit.id.in_([v for _, vs in out.values() for v in vs]))):  # type: ignore[union-attr]
            if visit.checkin_at is None:
                visit.checkin_at = clock.now()
                s.add(visit)
    return out


def saved_counts(db_url: str, client_ids: list[str]) -> dict[str, int]:
    """Rows per client id across notes and outcomes, and notes per body (a copy under another id)."""
    import sqlalchemy as sa

    engine = sa.create_engine(db_url)
    counts: dict[str, int] = dict.fromkeys(client_ids, 0)
    try:
        with engine.connect() as c:
            for table in ("note", "visit_outcome"):
                rows = c.execute(
                    sa.text(f"select client_id, count(*) from {table} where client_id = any(:ids) group by client_id"),
                    {"ids": client_ids},
                )
                for cid, n in rows:
                    counts[cid] += n
            for body, n in c.execute(
                sa.text(
                    "select body, count(*) from note where body like 'bench note %' group by body having count(*) > 1"
                )
            ):
                cid = body.removeprefix("bench note ")
                counts[cid] = max(counts.get(cid, 0), n)
    finally:
        engine.dispose()
    return counts


# --- the run ---


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--phase", type=float, default=25.0, help="seconds of each phase (baseline, then each fault)")
    ap.add_argument("--interval", type=float, default=2.0)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument(
        "--lose-every", type=int, default=7, help="every n-th outbox answer is lost after the save (0: none)"
    )
    ap.add_argument("--drain", type=float, default=30.0, help="at most this long for the phones to send the rest")
    args = ap.parse_args()
    args.sessions = min(args.sessions, 300)
    args.phase = min(max(args.phase, 10.0), 60.0)
    print(
        f"bench_faults: {os.cpu_count()} cores; {args.workers} granian workers, private PostgreSQL, Redis, 2 task"
        f" workers; {args.sessions} sessions polling every {args.interval:g} s; phases of {args.phase:g} s"
    )
    with scale_out(args.workers) as app:
        tokens = make_tokens(max(args.sessions, 8))
        agents = agents_and_visits(app.db_url, tokens)
        polls, posts, health = Timeline(), Timeline(), Timeline()
        posts.began = health.began = polls.began
        tabs = [FaultTab(app.base, t, args.timeout) for t in tokens[: args.sessions]]
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(lambda tab: tab.open(polls), tabs))
        notes = [f"redis notify-keyspace-events at start: {app.redis.keyspace_events()!r}"]
        phones = [Phone(app.base, token, owner, vs, posts, args.lose_every) for token, (owner, vs) in agents.items()]
        print(
            f"{sum(t.session is not None for t in tabs)} tabs open; {len(phones)} phones on "
            f"{sum(len(p.visits) for p in phones)} checked-in visits; granian workers {app.granian_workers()}"
        )
        polls.samples.clear()
        polls.failures.clear()
        stop, typing = threading.Event(), threading.Event()
        typing.set()
        threads = [
            threading.Thread(target=poll_loop, args=(tabs, args.interval, stop, polls), daemon=True),
            threading.Thread(target=phones_loop, args=(phones, stop, typing), daemon=True),
            threading.Thread(target=health_loop, args=(app.base, stop, health), daemon=True),
        ]
        t_start = time.perf_counter() - polls.began
        for t in threads:
            t.start()
        cpu0, _ = server_usage(app.web.pid)
        marks = [t_start]  # phase starts, relative to the timelines

        def fault(name: str) -> None:
            at = time.perf_counter() - polls.began
            marks.append(at)
            t0 = time.perf_counter()
            if name == "postgresql restart":
                app.pg.ctl("restart")
                notes.append(f"postgresql restarted in {time.perf_counter() - t0:.1f} s")
            elif name == "worker killed":
                before = app.granian_workers()
                if before:
                    held = app.sockets_per_worker()
                    os.kill(before[0], signal.SIGKILL)
                    notes.append(
                        f"worker {before[0]} killed (of {before}); open connections per worker just before: {held}"
                    )
                else:
                    notes.append("no granian worker found to kill")
            else:
                app.redis.stop()
                time.sleep(2.0)
                app.redis.start()
                notes.append(f"redis stopped 2 s and started again in {time.perf_counter() - t0:.1f} s")
                time.sleep(3.0)
                notes.append(f"redis notify-keyspace-events 3 s after its restart: {app.redis.keyspace_events()!r}")

        time.sleep(args.phase)
        for name in FAULTS:
            fault(name)
            time.sleep(args.phase)
        marks.append(time.perf_counter() - polls.began)
        typing.clear()  # the phones stop typing and send what they hold
        deadline = time.perf_counter() + args.drain
        while any(p.pending() for p in phones) and time.perf_counter() < deadline:
            time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(args.timeout + 5)
        cpu1, rss = server_usage(app.web.pid)
        wall = marks[-1] - marks[0]
        workers_after = app.granian_workers()
        web_alive = app.web.poll() is None
        tasks_alive = [t.poll() is None for t in app.tasks]
        final_health = ""
        with contextlib.suppress(httpx.HTTPError):
            final_health = str(httpx.get(f"{app.base}/api/health", timeout=5).status_code)

        # --- sessions ---
        print("\n" + "\n".join(notes))
        header = (
            f"{'phase':<20} {'polls':>6} {'p50':>6} {'p95':>6} {'p99':>7} {'errors':>6} {'POSTs':>6} {'p95':>6}"
            f" {'fails':>5} {'health fails':>12} {'errors until':>13}"
        )
        print("\n" + header + "\n" + "-" * len(header))
        names = ("baseline", *FAULTS)
        recovered_all = True
        for n, name in enumerate(names):
            t0, t1 = marks[n], marks[n + 1]
            ok, failed = polls.between(t0, t1)
            _, hfail = health.between(t0, t1)
            pok, pfail = posts.between(t0, t1)
            ms = [v * 1000 for v in ok]
            cells = (
                f"{pct(ms, 50):>6.1f} {pct(ms, 95):>6.1f} {pct(ms, 99):>7.1f}" if ms else f"{'-':>6} {'-':>6} {'-':>7}"
            )
            post_p95 = f"{pct([v * 1000 for v in pok], 95):>6.1f}" if pok else f"{'-':>6}"
            # a request sent in the last second before the next fault may have failed by that fault
            own = [at for at, _ in failed + hfail + pfail if at < t1 - 1.0]
            last = max(own, default=None)
            until = "-" if last is None else (f"+{last - t0:.1f} s" if n else "")
            tail_clean = n == 0 or last is None or last < t1 - 5.0
            recovered_all &= tail_clean
            kinds: dict[str, list[float]] = {}
            for who, fails in (("poll", failed), ("POST", pfail), ("health", hfail)):
                for at, what in fails:
                    kinds.setdefault(f"{who} {what}", []).append(at - t0)
            print(
                f"{name:<20} {len(ms):>6} {cells} {len(failed):>6} {len(pok) + len(pfail):>6} {post_p95}"
                f" {len(pfail):>5} {len(hfail):>12} {until:>13}"
                + ("" if tail_clean else "  STILL FAILING at the phase's end")
            )
            if kinds:
                print(
                    f"{'':<20} "
                    + ", ".join(f"{k}: {len(v)} (+{min(v):.1f}..+{max(v):.1f} s)" for k, v in sorted(kinds.items()))
                )
        print(
            "(a failure counts when it was seen, a timeout when its request was sent; errors until: the last one more"
            " than 1 s before the next fault, from this fault)"
        )
        disconnects = sum(t.disconnects for t in tabs)
        reconnects = sum(t.reconnects for t in tabs)
        print(
            f"\nsockets: {disconnects} dropped, {reconnects} reconnected;"
            f" {sum(t.session is not None for t in tabs)} of {len(tabs)} tabs open at the end"
        )
        print(f"server CPU {100 * (cpu1 - cpu0) / max(wall, 1):.0f} % of one core, RSS {rss / 2**20:.0f} MB at the end")

        # --- items ---
        items = [i for p in phones for i in p.items]
        sent = [i for i in items if i.sent]
        counts = saved_counts(app.db_url, [i.client_id for i in items])
        acked = [i for i in items if i.acked is not None]
        refused = [i for i in items if i.refused]
        pending = [i for i in items if i.acked is None and not i.refused]
        lost_acked = [i for i in acked if counts.get(i.client_id, 0) == 0]
        lost_sent = [i for i in sent if i.acked is None and not i.refused and counts.get(i.client_id, 0) == 0]
        twice = [cid for cid, n in counts.items() if n > 1]
        in_db_unacked = [i for i in pending if counts.get(i.client_id, 0) > 0]
        latency = sorted(i.acked - i.typed for i in acked if i.acked is not None)
        print(
            f"\nitems typed {len(items)} ({sum(i.kind == 'note' for i in items)} notes,"
            f" {sum(i.kind == 'outcome' for i in items)} outcomes); acknowledged {len(acked)}"
            f" ({sum(i.duplicate_answers > 0 for i in acked)} answered 'already saved' when sent again after"
            f" {sum(p.lost_answers for p in phones)} answers lost on purpose);"
            f" refused {len(refused)}{' ' + str(sorted({i.refused for i in refused})) if refused else ''};"
            f" still pending {len(pending)} ({len(in_db_unacked)} of them already in the database)"
        )
        if refused:
            print(
                "  refused: "
                + ", ".join(
                    f"{i.kind} on visit {i.visit_id} at +{i.refused_at:.0f} s ({i.refused})" for i in refused[:6]
                )
            )
        if latency:
            print(
                f"typed -> acknowledged: p50 {pct(latency, 50):.1f} s, p95 {pct(latency, 95):.1f} s,"
                f" max {latency[-1]:.1f} s"
            )
        print(
            f"LOST: {len(lost_acked)} acknowledged + {len(lost_sent)} sent, not acknowledged, not saved"
            f" (goal 0)    SAVED TWICE: {len(twice)} (goal 0)"
        )
        served = web_alive and len(workers_after) == args.workers and final_health == "200"
        print(
            f"\nafter the faults: web server {'up' if web_alive else 'EXITED'}, granian workers {workers_after}"
            f" (of {args.workers}), /api/health {final_health or 'no answer'}, task workers alive"
            f" {sum(tasks_alive)} of {len(tasks_alive)}"
        )
        print(
            "recovered without a manual restart: "
            + (
                "yes"
                if served and recovered_all and all(tasks_alive)
                else "NO"
                + ("" if served else " (the web server is not whole)")
                + ("" if recovered_all else " (errors until a phase's end)")
                + ("" if all(tasks_alive) else " (a task worker died)")
            )
            + " (goal yes)"
        )
        for tab in tabs:
            if tab.session is not None:
                with contextlib.suppress(Exception):
                    tab.session.close()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    main()
