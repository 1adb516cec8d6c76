"""A login burst and everyone else: another user's event latency and /api/health's while anonymous
connections send login events as fast as they are answered.

    python bench/bench_login.py [--logins 10] [--seconds 10] [--url http://127.0.0.1:PORT]

Why: the login handler verifies the password (argon2id, ~0.1 s of CPU) inside a Reflex event handler,
on the server's one event loop, so while logins run nothing else on the server is answered: every
user's events and plain HTTP routes such as the health check wait. This bench prints that figure, as the
before/after of hashing in a worker thread and rate-limiting logins.

Starts the real app (`reflex run --env prod`, as bench_today.py and tests/e2e/conftest.py do) in a
private REFLEX_WEB_WORKDIR on a temporary SQLite database with the demo data (`python -m visitapp.demo`),
unless --url names a running server (which then needs the demo users: the bench locks out --target).
It speaks Reflex's event protocol itself (bench/reflex_client.py: no browser):

- the "other user" (--user, agent2) logs in once through the protocol (SessionState.login); its session
  token (AuthState.token, an rx.LocalStorage var) comes back in the delta, and a fresh tab that sends only
  that LocalStorage value in its hydrate event opens /agent signed in, as a reloaded browser tab does;
- each phase runs --seconds: that tab sends the Today page's `poll` (a session lookup and one
  fingerprint query; what the page does every 15 s) every --interval, a thread GETs /api/health every
  --interval, and --logins anonymous tabs on /login each send the next login as soon as the last one is
  answered: none (baseline), wrong passwords for random user names, wrong passwords for a real user
  (--target, agent1: locked after 10 failures, after which attempts are refused without hashing), and
  correct passwords (--correct, agent3).

Prints p50/p95/p99/max of both latencies per phase, the logins answered (by outcome), errors (timeouts,
dropped sessions, non-200 health), the cores, the load average and one argon2id verify's time here.
Every wait is bounded (--timeout per event or request); the default run takes about a minute.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from reflex_client import ReflexClientError, Session, event_name, storage_key  # noqa: E402

from visitapp.field.ui.today_state import AgentTodayState  # noqa: E402
from visitapp.i18n.messages import MESSAGES  # noqa: E402
from visitapp.ui.auth import AuthState, SessionState  # noqa: E402

NOW = "2026-11-23T09:30:00+08:00"  # a Monday morning in Shanghai, as in the e2e suite
LOGIN = event_name(SessionState, "login")
POLL = event_name(AgentTodayState, "poll")
STARTUP_TIMEOUT = 180.0


# --- the server ---


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workdir: Path) -> tuple[subprocess.Popen, str, Path]:
    """Demo data in a temporary SQLite database, then the prod server in a private build directory."""
    port = _free_port()
    db_url = f"sqlite:///{workdir / 'login.db'}"
    env = dict(os.environ)
    env.update(
        VISITAPP_DATABASE_URL=db_url,
        VISITAPP_NOW=NOW,
        VISITAPP_CLOCK_MODE="offset",  # starts at NOW and ticks, so sessions and lockouts behave
        VISITAPP_SECRET_KEY="bench-only-key-not-for-production-0123456789",
        VISITAPP_PRIVATE_DIR=str(workdir / "private"),
        REFLEX_UPLOADED_FILES_DIR=str(workdir / "uploads"),  # not the checkout's uploaded_files/
        VISITAPP_FRONTEND_PORT=str(port),
        VISITAPP_BACKEND_PORT=str(port),
        VISITAPP_API_URL=f"http://localhost:{port}",
        VISITAPP_DEPLOY_URL=f"http://localhost:{port}",
        # other runs in this checkout rebuild .web/ and would pull pages from under this server
        REFLEX_WEB_WORKDIR=str(workdir / "web"),
    )
    subprocess.run(
        [sys.executable, "-m", "visitapp.demo", "--url", db_url],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=120,
    )
    log = workdir / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", "--env", "prod", "--loglevel", "info"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"  # the server listens on IPv4
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}; see {log}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return proc, base, log
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            stop_server(proc)
            raise RuntimeError(f"the app did not start within {STARTUP_TIMEOUT:.0f} s; see {log}")
        time.sleep(0.5)


def stop_server(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


# --- figures ---


@dataclass
class Series:
    """Latencies in seconds, errors, and for logins the answers by outcome."""

    samples: list[float] = field(default_factory=list)
    errors: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, outcome: str | None = None) -> None:
        with self.lock:
            self.samples.append(seconds)
            if outcome is not None:
                self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def error(self) -> None:
        with self.lock:
            self.errors += 1


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def latency_cells(s: Series) -> str:
    if not s.samples:
        return f"{0:>4} {'-':>6} {'-':>6} {'-':>6} {'-':>6} {s.errors:>4}"
    ms = [v * 1000 for v in s.samples]
    return f"{len(ms):>4} {pct(ms, 50):>6.1f} {pct(ms, 95):>6.1f} {pct(ms, 99):>6.1f} {max(ms):>6.1f} {s.errors:>4}"


# --- the actors ---


def _random_password(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_letters + string.digits, k=12))


def classify(token_before: str, token_after: str, error: str) -> str:
    """A login's outcome from what the server sent back: the messages are the app's own texts."""
    if token_after and token_after != token_before:
        return "ok"
    if error in MESSAGES["login.error.invalid"].values():
        return "invalid"
    if any(error.startswith(text.split("{", 1)[0]) for text in MESSAGES["login.error.locked"].values()):
        return "locked"
    return "other"


def every(interval: float, stop: threading.Event, action: Callable[[], None]) -> None:
    """Run `action` every `interval` seconds until `stop`; a slow one is followed at once, not piled up."""
    next_at = time.perf_counter()
    while not stop.is_set():
        action()
        next_at += interval
        now = time.perf_counter()
        if next_at < now:
            next_at = now
        stop.wait(next_at - now)


class Observer:
    """The other user's tab on /agent, opened from the LocalStorage token alone; reopened if dropped."""

    def __init__(self, base: str, token: str, timeout: float) -> None:
        self.base, self.token, self.timeout = base, token, timeout
        self.session = self._open()

    def _open(self) -> Session:
        session = Session(self.base, timeout=self.timeout)
        session.open("/agent", {storage_key(AuthState, "token"): self.token})
        return session

    def poll(self, out: Series) -> None:
        try:
            reply = self.session.call(POLL)
        except TimeoutError:
            out.error()
            return
        except ReflexClientError:
            out.error()
            try:
                self.session.close()
                self.session = self._open()
            except (ReflexClientError, TimeoutError):
                pass
            return
        out.add(reply.seconds)


def health(client: httpx.Client, base: str, out: Series) -> None:
    began = time.perf_counter()
    try:
        ok = client.get(f"{base}/api/health").status_code == 200
    except httpx.HTTPError:
        ok = False
    if ok:
        out.add(time.perf_counter() - began)
    else:
        out.error()


def login_loop(
    session: Session,
    creds: Callable[[random.Random], tuple[str, str]],
    seed: int,
    stop: threading.Event,
    out: Series,
) -> None:
    rng = random.Random(seed)
    while not stop.is_set():
        username, password = creds(rng)
        before = session.get(AuthState, "token", "")
        try:
            reply = session.call(LOGIN, {"form_data": {"username": username, "password": password}})
        except TimeoutError:
            out.error()
            continue
        except ReflexClientError:
            out.error()
            return  # the server dropped this tab; the others go on
        after = reply.value(AuthState, "token", before) or ""
        out.add(reply.seconds, classify(before, after, reply.value(AuthState, "login_error", "") or ""))


@dataclass
class Phase:
    name: str
    creds: Callable[[random.Random], tuple[str, str]] | None
    poll: Series = field(default_factory=Series)
    health: Series = field(default_factory=Series)
    logins: Series = field(default_factory=Series)
    seconds: float = 0.0


def run_phase(
    phase: Phase, base: str, observer: Observer, attackers: list[Session], seconds: float, interval: float
) -> None:
    stop = threading.Event()
    client = httpx.Client(timeout=observer.timeout)
    threads = [
        threading.Thread(target=every, args=(interval, stop, lambda: observer.poll(phase.poll)), daemon=True),
        threading.Thread(target=every, args=(interval, stop, lambda: health(client, base, phase.health)), daemon=True),
    ]
    if phase.creds is not None:
        threads += [
            threading.Thread(target=login_loop, args=(s, phase.creds, i, stop, phase.logins), daemon=True)
            for i, s in enumerate(attackers)
        ]
    began = time.perf_counter()
    for t in threads:
        t.start()
    stop.wait(seconds)
    stop.set()
    for t in threads:  # each finishes its event in flight, bounded by the timeout
        t.join(timeout=observer.timeout + 5)
    phase.seconds = time.perf_counter() - began
    client.close()


def argon2_verify_seconds() -> float:
    """One verify with the app's hasher, as the login handler does it (here: no server, no loop)."""
    from visitapp.core.security import hash_password, verify_password

    stored = hash_password("bench-password")
    began = time.perf_counter()
    for _ in range(3):
        verify_password(stored, "wrong-password")
    return (time.perf_counter() - began) / 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--logins", type=int, default=10, help="anonymous connections sending logins (K)")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each phase (T)")
    parser.add_argument("--url", help="a running server (e.g. http://127.0.0.1:8000) instead of a private one")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between polls and health checks")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for one answer")
    parser.add_argument("--user", default="agent2", help="the other user, an agent with visits today")
    parser.add_argument("--target", default="agent1", help="real user name for the wrong passwords")
    parser.add_argument("--correct", default="agent3", help="user for the correct logins")
    parser.add_argument("--password", default="demo1234", help="password of --user and --correct")
    parser.add_argument(
        "--no-rate-limit",
        action="store_true",
        help="lift the login rate limits on the private server, to measure password hashing off the event loop alone",
    )
    args = parser.parse_args()
    if args.no_rate_limit:  # read by visitapp.core.auth in the server started below
        os.environ["VISITAPP_LOGINS_PER_IP_PER_MINUTE"] = os.environ["VISITAPP_LOGINS_PER_USER_PER_MINUTE"] = "1000000"
    started = time.perf_counter()

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine: {cores} cores ({usable} usable by this process), load average {load} before the run")
    print(f"one argon2id verify (the app's hasher) in this process: {argon2_verify_seconds() * 1000:.0f} ms")

    workdir = proc = None
    if args.url:
        base = args.url.rstrip("/")
        print(f"server: {base} (already running)")
    else:
        workdir = Path(tempfile.mkdtemp(prefix="bench_login_"))
        began = time.perf_counter()
        proc, base, log = start_server(workdir)
        print(f"server: private prod server with demo data, up in {time.perf_counter() - began:.1f} s at {base}")
        print(f"        (log {log}, deleted at the end)")
    attackers: list[Session] = []
    observer: Observer | None = None
    try:
        # the other user: log in through the protocol, keep only the LocalStorage token, open /agent with it
        with Session(base, timeout=args.timeout) as first:
            first.open("/login")
            reply = first.call(LOGIN, {"form_data": {"username": args.user, "password": args.password}})
            token = reply.value(AuthState, "token")
            if not token:
                raise SystemExit(f"{args.user} could not log in: {reply.value(AuthState, 'login_error')!r}")
        observer = Observer(base, token, args.timeout)
        rows = observer.session.get(AgentTodayState, "rows", [])
        if not observer.session.get(AgentTodayState, "loaded"):
            raise SystemExit(f"{args.user}'s /agent did not load: {observer.session.get(AuthState, 'role')!r}")
        print(
            f"other user: {args.user}, logged in through the protocol; a new tab sending only its LocalStorage "
            f"token opened /agent with {len(rows)} visits; measured event: AgentTodayState.poll"
        )
        for _ in range(args.logins):
            s = Session(base, timeout=args.timeout)
            s.open("/login")
            attackers.append(s)
        print(
            f"{args.logins} anonymous tabs on /login, each sending its next login when the last is answered; "
            f"{args.seconds:g} s a phase, poll and /api/health every {args.interval * 1000:.0f} ms\n"
        )

        phases = [
            Phase("baseline: no logins", None),
            Phase(
                "wrong password, random user names",
                lambda rng: (f"nobody{rng.randrange(10**9)}", _random_password(rng)),
            ),
            Phase(f"wrong password, user {args.target}", lambda rng: (args.target, _random_password(rng))),
            Phase(f"correct password, user {args.correct}", lambda rng: (args.correct, args.password)),
        ]
        head = f"{'n':>4} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>6} {'err':>4}"
        print(f"{'':<36}  {'other user poll, ms':^34}  {'GET /api/health, ms':^34}  logins")
        print(f"{'phase':<36}  {head}  {head}  {'answered':>8} {'/s':>5} {'p50 ms':>7}  outcomes")
        for phase in phases:
            run_phase(phase, base, observer, attackers, args.seconds, args.interval)
            logins = phase.logins
            rate = len(logins.samples) / phase.seconds if phase.seconds else 0.0
            p50 = f"{pct(logins.samples, 50) * 1000:7.0f}" if logins.samples else f"{'-':>7}"
            outcomes = ", ".join(f"{k} {v}" for k, v in sorted(logins.outcomes.items()))
            if logins.errors:
                outcomes += f"{', ' if outcomes else ''}errors {logins.errors}"
            print(
                f"{phase.name:<36}  {latency_cells(phase.poll)}  {latency_cells(phase.health)}  "
                f"{len(logins.samples):>8} {rate:>5.1f} {p50}  {outcomes or '-'}",
                flush=True,
            )
            time.sleep(0.5)  # let the last answers drain before the next phase measures
        if not observer.session.get(AuthState, "token"):
            print(f"WARNING: {args.user}'s tab lost its session token: its polls were refused, not answered")
        print(
            "\nerr: timeouts (> --timeout), dropped sessions, non-200 health checks; "
            f"{args.target} stays locked for 15 minutes on that server"
        )
    finally:
        for s in attackers:
            s.close()
        if observer is not None:
            observer.session.close()
        if proc is not None:
            stop_server(proc)
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"total runtime {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
