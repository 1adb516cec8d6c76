"""Lighthouse's mobile run (its default simulated phone: Moto G Power, slow 4G, 4x CPU slowdown) on the
three pages people open on a phone: /login, /agent (signed in) and a debtor's link.

    python bench/bench_lighthouse.py [--runs 3] [--keep-reports DIR] [--pages login,link,agent]

Goals (issue 12): performance >= 95, accessibility 100, and no "multiple redirects" on /login.

Lighthouse 12.2.3 (pinned) is installed from the npm registry into .tools/lighthouse/ on the first run and
driven by the system's Node.js 20 (Debian's) against Debian's Chromium; nothing is downloaded from anywhere
else. The app runs as in bench_today.py (`reflex run --env prod`, a temporary SQLite database, a private
build directory). One Chromium is started with a DevTools port: Playwright signs the agent in there (the
session is in the browser's localStorage), then the browser's cache is cleared, and Lighthouse audits in
the same browser with --disable-storage-reset, so /agent is measured signed in and cold, as an agent
opens it first thing in the morning: with the day the phone keeps (assets/outbox.js), which Today draws at
its first paint (field/ui/first_day.py). /login and the link are measured as Lighthouse does by default
(cache and storage cleared). Prints each page's median
scores over --runs, its key metrics and the failing accessibility audits.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
from bench_today import CHROMIUM, USERNAME, _free_port, populate, start_server, stop_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

LIGHTHOUSE_VERSION = "12.2.3"
TOOLS = ROOT / ".tools" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
GOALS = {"performance": 95, "accessibility": 100}
METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
)


def ensure_lighthouse() -> None:
    package = TOOLS / "node_modules" / "lighthouse" / "package.json"
    if package.exists() and json.loads(package.read_text())["version"] == LIGHTHOUSE_VERSION:
        return
    TOOLS.mkdir(parents=True, exist_ok=True)
    print(f"npm: installing lighthouse@{LIGHTHOUSE_VERSION} into {TOOLS}", flush=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(TOOLS),
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
    )


def debtor_link(url: str, base: str) -> str:
    """A live link for the first of the agent's visits (as the notice SMS carries)."""
    from sqlmodel import select

    from visitapp.compliance.services import link_tokens
    from visitapp.core import clock, db
    from visitapp.core.models import Case, Debtor, Visit

    clock.set_now(clock.parse_instant(os.environ["VISITAPP_NOW"]))
    with db.session_scope(url) as s:
        visit = s.exec(select(Visit).order_by(Visit.id)).first()
        assert visit is not None
        case = s.get(Case, visit.case_id)
        debtor = s.get(Debtor, case.debtor_id) if case else None
        _row, link = link_tokens.mint_link(s, visit=visit, base_url=base, zone=debtor.timezone if debtor else None)
    clock.set_now(None)
    return link


def lighthouse(url: str, cdp_port: int, out: Path, *, signed_in: bool = False) -> dict:
    """One cold run: Lighthouse clears the cache and the site's storage first; for a signed-in page it keeps
    the storage (the session) and `_sign_in` has cleared the cache."""
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            f"--port={cdp_port}",
            "--only-categories=performance,accessibility,best-practices",
            *(["--disable-storage-reset"] if signed_in else []),
            "--output=json",
            f"--output-path={out}",
            "--quiet",
        ],
        check=True,
        timeout=300,
    )
    return json.loads(out.read_text())


def summarize(report: dict) -> dict:
    cats = {k: round(v["score"] * 100) for k, v in report["categories"].items() if v.get("score") is not None}
    audits = report["audits"]
    metrics = {label: audits[key]["numericValue"] for key, label in METRICS}
    failing_a11y = sorted(
        ref["id"]
        for ref in report["categories"]["accessibility"]["auditRefs"]
        if ref.get("weight") and audits[ref["id"]].get("score") not in (None, 1)
    )
    redirects = audits.get("redirects", {})
    return {
        "cats": cats,
        "metrics": metrics,
        "a11y_failing": failing_a11y,
        "redirects": redirects.get("score") not in (None, 1),
        "final_url": report.get("finalDisplayedUrl") or report.get("finalUrl"),
        # Lighthouse's measure of the machine's speed at the time (a quiet run here: ~2,100); the simulated
        # phone's blocking time is the measured time x 4, so a busy or slow moment shows in the scores
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex", 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is printed)")
    parser.add_argument("--keep-reports", type=Path, default=None, help="copy the JSON reports here")
    parser.add_argument(
        "--pages", default="login,link,agent", help="which pages, comma separated (login, link, agent; all three)"
    )
    args = parser.parse_args()
    ensure_lighthouse()
    from bench_today import NOW

    os.environ["VISITAPP_NOW"] = NOW
    os.environ.setdefault("VISITAPP_SECRET_KEY", "bench-only-key-not-for-production-0123456789")
    workdir = Path(tempfile.mkdtemp(prefix="bench_lighthouse_"))
    url = f"sqlite:///{workdir / 'lh.db'}"
    populate(url, 12)
    port = _free_port()
    base = f"http://localhost:{port}"
    began = time.perf_counter()
    proc, log = start_server(workdir, url, port)
    print(f"prod server up in {time.perf_counter() - began:.1f} s on :{port} (log {log})", flush=True)
    link = debtor_link(url, base)
    cdp_port = _free_port()
    chrome = subprocess.Popen(
        [
            CHROMIUM,
            "--headless=new",
            f"--remote-debugging-port={cdp_port}",
            f"--user-data-dir={workdir / 'profile'}",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{cdp_port}/json/version", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        chosen = {name.strip() for name in args.pages.split(",")}
        every = (("/login", f"{base}/login", "login"), ("debtor link", link, "link"))
        pages = [(name, target) for name, target, key in every if key in chosen]
        results: dict[str, list[dict]] = {name: [] for name, _ in pages}
        if "agent" in chosen:
            results["/agent"] = []
        # warm the server's compiled pages and the browser's connection before measuring
        for _, target in pages:
            httpx.get(target, timeout=30, follow_redirects=True)
        for run in range(args.runs):
            for name, target in pages:
                results[name].append(summarize(lighthouse(target, cdp_port, workdir / f"r{run}.json")))
                _keep(args.keep_reports, workdir / f"r{run}.json", name, run)
            if "agent" not in chosen:
                continue
            _sign_in(cdp_port, base)
            report = lighthouse(f"{base}/agent", cdp_port, workdir / f"a{run}.json", signed_in=True)
            results["/agent"].append(summarize(report))
            _keep(args.keep_reports, workdir / f"a{run}.json", "/agent", run)
            _sign_out(cdp_port, base)
        print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile (default throttling), median of {args.runs} run(s)")
        for name, rows in results.items():
            _print(name, rows)
    finally:
        chrome.terminate()
        chrome.wait(timeout=20)
        stop_server(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def _sign_in(cdp_port: int, base: str) -> None:
    from tests.factories import PASSWORD

    with sync_playwright() as p:
        browser = p.chromium.connect_over_cdp(f"http://127.0.0.1:{cdp_port}")
        page = browser.contexts[0].new_page()
        page.goto(f"{base}/login")
        page.locator("#username").fill(USERNAME)
        page.locator("#password").fill(PASSWORD)
        page.locator("#login-submit").click()
        page.wait_for_url("**/agent**")
        page.locator(".visit-card, .empty-state").first.wait_for()
        # the phone keeps the day it was shown (assets/outbox.js), as an agent's phone has from the day before
        page.wait_for_function("localStorage.getItem('visitapp_day') !== null", timeout=30_000)
        # signed in (the session is in localStorage), but nothing of the app in a cache: a cold start. The
        # service worker keeps the app's scripts in its own cache (assets/sw.js), which the browser's cache
        # clearing leaves alone: it goes too, with the worker
        page.evaluate(
            """async () => {
              for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
              for (const k of await caches.keys()) await caches.delete(k);
            }"""
        )
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.clearBrowserCache")
        page.close()


def _sign_out(cdp_port: int, base: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.connect_over_cdp(f"http://127.0.0.1:{cdp_port}")
        page = browser.contexts[0].new_page()
        page.goto(f"{base}/login")
        page.evaluate("localStorage.clear()")
        page.close()


def _keep(where: Path | None, report: Path, name: str, run: int) -> None:
    if where is None:
        return
    where.mkdir(parents=True, exist_ok=True)
    slug = name.strip("/").replace(" ", "-") or "root"
    shutil.copy(report, where / f"{slug}-{run}.json")


def _print(name: str, rows: list[dict]) -> None:
    med = {c: statistics.median(r["cats"].get(c, 0) for r in rows) for c in rows[0]["cats"]}
    verdict = ", ".join(
        f"{c} {med.get(c, 0):.0f} (goal {g}: {'met' if med.get(c, 0) >= g else 'NOT met'})" for c, g in GOALS.items()
    )
    print(f"{name:<12} {verdict}; best-practices {med.get('best-practices', 0):.0f}")
    runs = ", ".join(f"{r['cats'].get('performance', 0)} (machine {r['benchmark_index']:.0f})" for r in rows)
    print(f"{'':<12} performance of each run: {runs}")
    metrics = "  ".join(
        f"{label} {statistics.median(r['metrics'][label] for r in rows):.0f}{'' if label == 'CLS' else ' ms'}"
        if label != "CLS"
        else f"CLS {statistics.median(r['metrics'][label] for r in rows):.3f}"
        for _, label in METRICS
    )
    print(f"{'':<12} {metrics}")
    failing = sorted({a for r in rows for a in r["a11y_failing"]})
    redirects = any(r["redirects"] for r in rows)
    print(
        f"{'':<12} accessibility audits failing: {', '.join(failing) or 'none'}; "
        f"multiple redirects: {'yes' if redirects else 'no'}; ends at {rows[-1]['final_url']}"
    )


if __name__ == "__main__":
    main()
