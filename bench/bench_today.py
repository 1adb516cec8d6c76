"""The agent's Today page on a phone: time to a full list of 40 visits, and what the server sends for it.

    python bench/bench_today.py [--visits 40] [--runs 10] [--throttle]

Starts the real app (`reflex run --env prod`, as tests/e2e/conftest.py does) on a temporary SQLite
database with one agent who has `--visits` visits today (made with the test factories), warms it, then
drives Debian's Chromium with Playwright at a phone profile (390x844, mobile UA): log in once, then
`--runs` times open /agent in a new tab and time navigation -> all cards visible. Each run also sums the
websocket frames the page receives (the state sent to the browser). `--throttle` repeats the runs on an
emulated slow mobile link (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency). Goal: median <= 1.5 s.
The server builds in a private REFLEX_WEB_WORKDIR (unless --shared-web), since other runs in the same
checkout rebuild .web/. Prints figures and the largest state vars sent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import time as dtime
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

NOW = "2026-11-23T09:30:00+08:00"  # a Monday morning in Shanghai, as in the e2e suite
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
USERNAME = "bench_agent"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def populate(url: str, n: int) -> None:
    """One team, one agent (and a partner), `n` visits today in route order, spread around the base."""
    import random

    from tests import factories as f
    from visitapp.core import clock, db
    from visitapp.core.models import Debtor

    clock.set_now(clock.parse_instant(NOW))
    db.upgrade(url)
    rng = random.Random(3)
    with db.session_scope(url) as s:
        team = f.team(s, name="bench team")
        agent = f.user(s, username=USERNAME, team=team)
        partner = f.user(s, team=team)
        start = clock.local_now().replace(hour=9, minute=0, second=0, microsecond=0)
        for i in range(n):
            c = f.case(s, team=team, agent=agent)
            d = s.get(Debtor, c.debtor_id)
            d.lat, d.lon = rng.gauss(team.base_lat, 0.03), rng.gauss(team.base_lon, 0.03)
            s.add(d)
            slot = (dtime(9), dtime(11)) if i < n // 2 else (dtime(14), dtime(16))
            v = f.visit(
                s,
                case=c,
                agents=[agent, partner],
                order=i + 1,
                window=slot,
                confirmation=rng.choice(("proposed", "notified", "confirmed")),
            )
            v.eta = start + timedelta(minutes=12 * i)
            s.add(v)
    clock.set_now(None)


def start_server(workdir: Path, url: str, port: int, private_web: bool = True) -> tuple[subprocess.Popen, Path]:
    env = dict(os.environ)
    env.update(
        VISITAPP_DATABASE_URL=url,
        VISITAPP_NOW=NOW,
        VISITAPP_CLOCK_MODE="offset",
        VISITAPP_SECRET_KEY="bench-only-key-not-for-production-0123456789",
        VISITAPP_FRONTEND_PORT=str(port),
        VISITAPP_BACKEND_PORT=str(port),
        VISITAPP_API_URL=f"http://localhost:{port}",
        VISITAPP_DEPLOY_URL=f"http://localhost:{port}",
    )
    if private_web:
        # a private build directory: other runs in this checkout (tests, other benches) rebuild .web/ and
        # would otherwise pull pages from under this server ("Not Found" mid-run)
        env["REFLEX_WEB_WORKDIR"] = str(workdir / "web")
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
    probe = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}; see {log}")
        try:
            if (
                httpx.get(f"{probe}/api/health", timeout=2).status_code == 200
                and httpx.get(f"{probe}/login", timeout=2, follow_redirects=True).status_code == 200
            ):
                return proc, log
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the app did not start within 300 s; see {log}")
        time.sleep(0.5)


def stop_server(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def by_var(payloads: list[str | bytes]) -> dict[str, int]:
    """Bytes of each state var in Reflex's delta frames ("42/_event,[\"event\",{\"delta\": ...}]")."""
    out: dict[str, int] = {}
    for payload in payloads:
        text = payload.decode() if isinstance(payload, bytes) else payload
        if not text.startswith("42/_event,"):
            continue
        try:
            event = json.loads(text[len("42/_event,") :])[1]
        except (ValueError, IndexError):
            continue
        for state, values in (event.get("delta") or {}).items():
            for name, value in values.items():
                key = f"{state.rsplit('.', 1)[-1].split('____')[-1]}.{name.removesuffix('_rx_state_')}"
                out[key] = out.get(key, 0) + len(json.dumps(value, ensure_ascii=False).encode())
    return out


def measure(
    ctx, n: int, runs: int, throttle: bool, breakdown: dict[str, int] | None = None
) -> tuple[list[float], list[tuple[int, int, int]]]:
    times, frames = [], []
    for _ in range(runs):
        page = ctx.new_page()
        if throttle:
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": 150,
                    "downloadThroughput": 1_600_000 / 8,
                    "uploadThroughput": 750_000 / 8,
                },
            )
        sizes: list[int] = []
        payloads: list[str | bytes] = []

        def on_ws(ws, sizes=sizes, payloads=payloads):
            def got(payload):
                sizes.append(len(payload.encode()) if isinstance(payload, str) else len(payload))
                payloads.append(payload)

            ws.on("framereceived", got)

        page.on("websocket", on_ws)
        began = time.perf_counter()
        page.goto("/agent")
        try:
            page.wait_for_function(f"document.querySelectorAll('.visit-card').length >= {n}", timeout=60_000)
        except Exception:
            shot = Path(tempfile.gettempdir()) / "bench_today_fail.png"
            page.screenshot(path=str(shot))
            print(f"the cards did not appear; screenshot {shot}", file=sys.stderr)
            raise
        page.locator(".visit-card").nth(n - 1).wait_for(state="visible")
        times.append(time.perf_counter() - began)
        page.wait_for_timeout(300)  # late frames (e.g. the toast channel) still count
        frames.append((sum(sizes), max(sizes, default=0), len(sizes)))
        if breakdown is not None and not breakdown:
            breakdown.update(by_var(payloads))
        page.close()
    return times, frames


def report(label: str, times: list[float], frames: list[tuple[int, int, int]]) -> None:
    med, p95 = statistics.median(times), pct(times, 95)
    total = statistics.median([t for t, _, _ in frames])
    biggest = max(m for _, m, _ in frames)
    count = statistics.median([c for _, _, c in frames])
    print(
        f"{label:<34} median {med:5.2f} s  p95 {p95:5.2f} s  (min {min(times):.2f}, max {max(times):.2f}; "
        f"goal <= 1.5 s: {'met' if med <= 1.5 else 'NOT met'})"
    )
    print(
        f"{'':<34} websocket received: {total / 1024:6.1f} KiB in {count:.0f} frames, "
        f"largest frame {biggest / 1024:6.1f} KiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=40)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--throttle", action="store_true", help="also measure on an emulated slow mobile link")
    parser.add_argument("--shared-web", action="store_true", help="build in the checkout's .web/ (faster start)")
    parser.add_argument(
        "--dpr",
        type=float,
        default=1.0,
        help="device pixel ratio; headless Chromium rasterizes on the CPU (--disable-gpu), so 2-3 "
        "mostly measures software painting a phone's GPU does",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench_today_"))
    url = f"sqlite:///{workdir / 'today.db'}"
    os.environ.setdefault("VISITAPP_SECRET_KEY", "bench-only-key-not-for-production-0123456789")
    populate(url, args.visits)
    port = _free_port()
    began = time.perf_counter()
    proc, log = start_server(workdir, url, port, private_web=not args.shared_web)
    print(
        f"prod server up in {time.perf_counter() - began:.1f} s on :{port} ({args.visits} visits today for "
        f"{USERNAME}; log {log})"
    )
    try:
        from tests.factories import PASSWORD

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            ctx = browser.new_context(
                base_url=f"http://localhost:{port}",
                viewport={"width": 390, "height": 844},
                device_scale_factor=args.dpr,
                is_mobile=True,
                has_touch=True,
                user_agent=MOBILE_UA,
                locale="zh-CN",
                timezone_id="Asia/Shanghai",
            )
            page = ctx.new_page()
            page.goto("/login")
            page.locator("#username").fill(USERNAME)
            page.locator("#password").fill(PASSWORD)
            page.locator("#login-submit").click()
            page.wait_for_url("**/agent**")
            page.wait_for_function(f"document.querySelectorAll('.visit-card').length >= {args.visits}")
            page.close()
            measure(ctx, args.visits, 3, False)  # warm: compiled pages cached, server paths hot
            breakdown: dict[str, int] = {}
            times, frames = measure(ctx, args.visits, args.runs, False, breakdown)
            report(f"/agent -> {args.visits} cards, local, dpr {args.dpr:g}", times, frames)
            top = sorted(breakdown.items(), key=lambda kv: -kv[1])[:6]
            print(f"{'':<34} largest state vars sent: " + ", ".join(f"{k} {v / 1024:.1f} KiB" for k, v in top))
            if args.throttle:
                times, frames = measure(ctx, args.visits, max(3, args.runs // 2), True)
                report(f"/agent -> {args.visits} cards, slow 3G", times, frames)
            ctx.close()
            browser.close()
    finally:
        stop_server(proc)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
