"""Browser tests: the real app (`reflex run --env prod`) on a temporary SQLite database with demo data,
driven by Playwright in Debian's Chromium at a phone viewport."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.conftest import drop_pg, fresh_pg_url
from tests.e2e.scale import Balancer, free_port, redis_server, wait_for_task_workers
from tests.e2e.tiles import TileServer, tile_server

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENS = ARTIFACTS / "screens"
E2E_NOW = "2026-11-23T09:30:00+08:00"  # a Monday morning in Shanghai
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 800}
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

pytestmark = pytest.mark.e2e


class Server:
    def __init__(
        self, base_url: str, db_url: str, log: Path, balancer: Balancer | None = None, redis_url: str | None = None
    ) -> None:
        self.base_url = base_url
        self.db_url = db_url
        self.log = log
        self.balancer = balancer  # the scale-out profile: which worker served each event socket
        self.redis_url = redis_url


def _wait_healthy(proc: subprocess.Popen, port: int, log: Path, deadline: float) -> None:
    probe = f"http://127.0.0.1:{port}"  # the server listens on IPv4; httpx does not fall back from ::1
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}; see {log}")
        try:
            if (
                httpx.get(f"{probe}/api/health", timeout=2).status_code == 200
                and httpx.get(f"{probe}/login", timeout=2, follow_redirects=True).status_code == 200
            ):
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the app did not start within 240 s; see {log}")
        time.sleep(0.5)


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


# a second worker of a built app: Reflex's own prod backend, serving the first one's build (REFLEX_SKIP_COMPILE)
_WORKER = (
    "import sys; from reflex_base.constants import LogLevel; from reflex.utils import exec; "
    "exec.run_backend_prod('0.0.0.0', int(sys.argv[1]), LogLevel.INFO, True)"
)


@contextlib.contextmanager
def running_app(
    now: str,
    log_name: str,
    web_dir: str | None = None,
    env_extra: dict[str, str] | None = None,
    *,
    db_url: str | None = None,
    workers: int = 1,
    redis_url: str | None = None,
) -> Iterator[Server]:
    """`reflex run --env prod` with the demo data, its clock starting at `now` and ticking; `web_dir`: a
    build directory of its own (for a second server while the first serves); `env_extra`: more settings
    (e.g. a tile server). By default on a fresh SQLite database, as one worker. The scale-out profile:
    `db_url` (PostgreSQL), `redis_url` and `workers` > 1 processes behind one address (`Balancer`)."""
    ARTIFACTS.mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="visitapp-e2e-"))
    db_url = db_url or f"sqlite:///{workdir / 'e2e.db'}"
    port = free_port()  # the one address browsers use
    backends = [port] if workers == 1 else [free_port() for _ in range(workers)]
    env = dict(os.environ)
    env.update(
        VISITAPP_DATABASE_URL=db_url,
        VISITAPP_NOW=now,
        VISITAPP_CLOCK_MODE="offset",  # starts at `now` and ticks, so sessions and locks behave
        VISITAPP_CLOCK_ORIGIN=str(time.time()),  # from now: every worker tells the same time
        VISITAPP_SECRET_KEY="e2e-only-key-not-for-production-0123456789",
        VISITAPP_PRIVATE_DIR=str(workdir / "private"),  # photos and uploads of the run, deleted with it
        VISITAPP_FRONTEND_PORT=str(backends[0]),
        VISITAPP_BACKEND_PORT=str(backends[0]),
        VISITAPP_API_URL=f"http://localhost:{port}",
        VISITAPP_DEPLOY_URL=f"http://localhost:{port}",
    )
    if redis_url:
        env.update(VISITAPP_REDIS_URL=redis_url, GRANIAN_WORKERS="1")  # one process per backend port
    if web_dir:
        env["REFLEX_WEB_WORKDIR"] = web_dir
    env.update(env_extra or {})
    subprocess.run(
        [sys.executable, "-m", "visitapp.demo", "--url", db_url],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log = ARTIFACTS / log_name
    procs: list[subprocess.Popen] = []
    deadline = time.monotonic() + 240
    try:
        with open(log, "w") as out:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "reflex", "run", "--env", "prod", "--loglevel", "info"],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        _wait_healthy(procs[0], backends[0], log, deadline)
        for n, backend in enumerate(backends[1:], start=2):
            more = log.with_name(f"{log.stem}-w{n}{log.suffix}")
            with open(more, "w") as out:
                procs.append(
                    subprocess.Popen(
                        [sys.executable, "-c", _WORKER, str(backend)],
                        cwd=ROOT,
                        env={**env, "REFLEX_SKIP_COMPILE": "true", "REFLEX_ENV_MODE": "prod"},
                        stdout=out,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
            _wait_healthy(procs[-1], backend, more, deadline)
        if redis_url:  # the task queue's workers (visitapp.core.tasks): planning days run there
            with open(log.with_name(f"{log.stem}-tasks{log.suffix}"), "w") as out:
                procs += [
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
            wait_for_task_workers(redis_url, 2)
        base = f"http://localhost:{port}"
        if workers == 1:
            yield Server(base, db_url, log)
        else:
            with Balancer(port, backends).running() as balancer:
                yield Server(base, db_url, log, balancer, redis_url)
    finally:
        for proc in procs:
            _stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with running_app(E2E_NOW, "e2e-server.log") as app:
        yield app


AFTERNOON = "2026-11-23T16:30:00+08:00"


@pytest.fixture(scope="session")
def tiles() -> Iterator[TileServer]:
    with tile_server() as t:
        yield t


@pytest.fixture(scope="session")
def afternoon(tiles: TileServer) -> Iterator[Server]:
    """A second app, on the scale-out profile: PostgreSQL, Redis and two workers behind one address
    (`tests/e2e/scale.py`), its own demo data, its clock starting at 16:30, built in a directory of its own
    (the morning server may be serving from the other one), and with a street map: its tiles come from the
    local tile server. The morning server (SQLite, one worker) has none, so it draws the offline sketch."""
    web = os.environ.get("REFLEX_WEB_WORKDIR", str(ROOT / ".web")) + "-pm"
    extra = {
        "VISITAPP_MAP_TILES": tiles.template,
        "VISITAPP_MAP_ATTRIBUTION": "© test tiles",
        "VISITAPP_JOB_INTERVAL": "2",  # both workers look for due jobs every 2 s: they race for each lease
        "VISITAPP_LOGINS_PER_USER_PER_MINUTE": "12",  # test_scale_out reaches it across the workers
    }
    pg_url, pg_name = fresh_pg_url()
    try:
        with (
            redis_server() as redis_url,
            running_app(
                AFTERNOON,
                "e2e-server-afternoon.log",
                web_dir=web,
                env_extra=extra,
                db_url=pg_url,
                workers=2,
                redis_url=redis_url,
            ) as app,
        ):
            yield app
    finally:
        drop_pg(pg_name)


@pytest.fixture(scope="session")
def pw() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(pw: Playwright) -> Iterator[Browser]:
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


def new_phone_context(browser: Browser, server: Server, **kw) -> BrowserContext:
    options = dict(
        base_url=server.base_url,
        viewport=PHONE,
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    return browser.new_context(**{**options, **kw})


def new_desk_context(browser: Browser, server: Server, **kw) -> BrowserContext:
    """A dispatcher's or admin's laptop: 1280x800, mouse and keyboard."""
    return new_phone_context(browser, server, viewport=DESK, is_mobile=False, has_touch=False, **kw)


@pytest.fixture
def phone(browser: Browser, server: Server, request: pytest.FixtureRequest) -> Iterator[Page]:
    ctx = new_phone_context(browser, server)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    yield page
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"FAILED-{request.node.name}.png"), full_page=True)
    ctx.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    page = item.funcargs.get("phone") if rep.when == "call" and rep.failed else None
    if isinstance(page, Page):
        # CI keeps no screenshots: what the page showed at the failure goes into the report
        try:
            shown = f"{page.url}\n{page.locator('body').inner_text(timeout=5_000)[:3000]}"
        except Exception as exc:  # the page may be gone: say so rather than hide the failure
            shown = f"(unreadable: {exc})"
        rep.sections.append(("page at the failure", shown))
    return rep


def screenshot(page: Page, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def assert_fits_phone(page: Page) -> None:
    """A phone screen that needs sideways scrolling is a bug."""
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"page is {width}px wide on a {inner}px screen"


def at(path: str) -> re.Pattern:
    """URL matcher that accepts the trailing slash the prod server adds."""
    return re.compile(rf"^https?://[^/]+{re.escape(path)}/?(\?.*)?$")


def login(page: Page, username: str, password: str = "demo1234") -> None:
    page.goto("/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("#login-submit").click()


def db_rows(db_url: str, sql: str, **params) -> list:
    """Rows of a query on the e2e server's database (to check what the browser did)."""
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql), params).all()
    finally:
        engine.dispose()


@contextlib.contextmanager
def phone_in_english(page: Page) -> Iterator[None]:
    """The block runs with the phone's kept language (the LocalStorage that Reflex and the phone's scripts
    read) in English, the page reloaded; Chinese again afterwards (the caller reloads when it needs to)."""
    page.evaluate("localStorage.setItem('visitapp_lang', JSON.stringify('en'))")
    page.reload()
    try:
        yield
    finally:
        page.evaluate("localStorage.setItem('visitapp_lang', JSON.stringify('zh-CN'))")
