"""Security headers from the running app (pages, assets, API), and the Content-Security-Policy breaking
nothing: login, Today, a dossier (with the geolocation script Reflex evals), a debtor link, with no CSP
violation reported by Chromium."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import BrowserContext, expect
from sqlmodel import col, select

from tests.e2e.conftest import at, login, new_phone_context
from visitapp.compliance.services import link_tokens
from visitapp.core.db import session_scope
from visitapp.core.models import Case, Debtor, User, Visit, VisitAgent

pytestmark = pytest.mark.e2e

# reports every violation to the test, whichever document (full loads reset page globals)
WATCH_CSP = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${location.pathname}`);
});
"""


def _directives(csp: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}


def _confirmed_visit_link(server) -> str:
    """A debtor link (path) for one of agent1's confirmed visits, minted as the notice service does."""
    with session_scope(server.db_url) as s:
        agent = s.exec(select(User).where(User.username == "agent1")).one()
        visit = s.exec(
            select(Visit)
            .join(VisitAgent, VisitAgent.visit_id == Visit.id)
            .where(VisitAgent.user_id == agent.id, Visit.status == "planned", Visit.confirmation == "confirmed")
            .order_by(col(Visit.visit_date).desc(), col(Visit.route_order).desc())
        ).first()
        assert visit is not None, "the demo gives agent1 confirmed visits"
        debtor = s.get(Debtor, s.get(Case, visit.case_id).debtor_id)
        _row, link = link_tokens.mint_link(s, visit=visit, base_url=server.base_url, zone=debtor.timezone)
    return "/v/" + link.rsplit("/v/", 1)[1]


def _watch(ctx: BrowserContext) -> list[str]:
    seen: list[str] = []
    ctx.expose_binding("__cspViolation", lambda _source, text: seen.append(text))
    ctx.add_init_script(WATCH_CSP)
    ctx.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    return seen


def test_pages_assets_and_api_carry_the_security_headers(server):
    probe = server.base_url.replace("localhost", "127.0.0.1")
    link = _confirmed_visit_link(server)
    first = httpx.get(f"{probe}/login", follow_redirects=False)  # a phone's first request: no redirect
    assert first.status_code == 200, first.headers.get("location")
    for page in ("/agent", "/admin/audit", "/dispatch"):
        assert httpx.head(probe + page, follow_redirects=False).status_code == 200, page
    login_html = first.text
    chunk = re.search(r'"(/assets/[^"]+\.js)"', login_html)
    assert chunk, "the login page loads JS chunks from /assets"
    paths = [
        "/login",  # a prerendered page
        link,  # a dynamic route (the SPA fallback) with the debtor's token in the path
        "/agent/visit/1",
        "/outbox.js",
        "/sw.js",
        "/manifest.webmanifest",
        chunk.group(1),
        "/api/health",
        "/api/photo/1?e=0&s=x",  # refused: error answers carry them too
        "/api/ics" + link[2:],
    ]
    for path in paths:
        r = httpx.get(probe + path, follow_redirects=True, headers={"accept-encoding": "gzip"})
        assert r.status_code < 500, (path, r.status_code)
        assert r.headers["referrer-policy"] == "no-referrer", path
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY", path
        csp = _directives(r.headers["content-security-policy"])
        assert csp["frame-ancestors"] == ["'none'"], path
        assert csp["object-src"] == ["'none'"], path
        assert csp["base-uri"] == ["'self'"], path
        assert csp["form-action"] == ["'self'"], path
        assert csp["default-src"] == ["'none'"], path
        assert "'unsafe-inline'" not in csp["script-src"], path
        assert ",".join(r.headers.get_list("content-security-policy")).count("default-src") == 1, path

    # a route's own headers stay: the .ics of a confirmed visit
    ics = httpx.get(probe + "/api/ics" + link[2:])
    assert ics.status_code == 200 and ics.headers["cache-control"] == "no-store"
    assert ics.headers["content-disposition"].startswith("attachment;")


def test_agent_pages_and_debtor_link_run_without_csp_violations(browser, server):
    link = _confirmed_visit_link(server)
    ctx = new_phone_context(browser, server)
    violations = _watch(ctx)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "agent1")
        page.wait_for_url(at("/agent"))
        cards = page.locator(".visit-card")
        expect(cards.first).to_be_visible()
        # the service worker registered (worker-src) and the manifest loads (manifest-src)
        assert page.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)")
        manifest = ctx.new_cdp_session(page).send("Page.getAppManifest")
        assert not manifest.get("errors") and "visitapp" in manifest.get("data", "")
        # the route sketch is a data: image
        page.locator("#view-map").click()
        sketch = page.locator("#route-map img")
        expect(sketch).to_be_visible()
        assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", sketch.element_handle())
        page.locator("#view-list").click()

        cards.last.click()
        page.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
        expect(page.locator("#dossier-name")).to_be_visible()
        expect(page.locator(".statement-line").first).to_be_visible()
        # rx.call_script evals the geolocation script: without a permission it answers with the error
        page.locator("#checkin-start").click()  # the last stop: no test checks agent1 in there
        expect(page.locator("#checkin-message")).to_contain_text("浏览器不允许获取位置")

        page.reload()  # a full load of a dynamic route, now through the service worker
        expect(page.locator("#dossier-name")).to_be_visible()
    finally:
        ctx.close()

    debtor_ctx = new_phone_context(browser, server, accept_downloads=True)
    debtor_violations = _watch(debtor_ctx)
    debtor = debtor_ctx.new_page()
    debtor.set_default_timeout(20_000)
    token = link.rsplit("/", 1)[1]
    leaked: list[str] = []
    debtor.on(
        "request",
        lambda r: leaked.append(r.url) if token in (r.all_headers().get("referer") or "") else None,
    )
    try:
        debtor.goto(link)
        expect(debtor.locator("#link-planned")).to_contain_text("上门拜访您")
        expect(debtor.locator("#link-status")).to_contain_text("您已确认此时间")
        with debtor.expect_download() as dl:
            debtor.locator("#link-ics").click()
        assert dl.value.suggested_filename.endswith(".ics")
    finally:
        debtor_ctx.close()

    assert violations == [] and debtor_violations == []
    assert leaked == [], "no request from the debtor's page may carry its token in a Referer"
