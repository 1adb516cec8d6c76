"""Two users one after the other in the same tab: nothing of the first reaches the second, on the screen,
over the event socket, or through the phone's offline outbox."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import at, db_rows, login, new_desk_context, new_phone_context, screenshot

pytestmark = pytest.mark.e2e


def _frames(page) -> list[str]:
    """Every websocket frame the page receives from now on (what the server sends to this browser)."""
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    return frames


def test_after_a_dispatcher_logs_out_the_next_agent_is_sent_none_of_their_data(browser, server):
    ctx = new_desk_context(browser, server)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        frames = _frames(page)
        login(page, "dispatcher1")
        page.wait_for_url(at("/dispatch"))
        expect(page.locator(".case-row").first).to_be_visible()
        names = page.locator(".case-row").evaluate_all("rows => rows.slice(0, 5).map(r => r.cells[1].innerText.trim())")
        assert names and all(names)
        # the dispatcher opens a visit of their team and reveals the debtor's phone
        visit_id = db_rows(
            server.db_url,
            'SELECT v.id FROM visit v JOIN team t ON t.id = v.team_id JOIN "user" u ON u.id = t.dispatcher_id '
            "WHERE u.username = 'dispatcher1' ORDER BY v.id LIMIT 1",
        )[0][0]
        page.goto(f"/agent/visit/{visit_id}")
        expect(page.locator("#dossier-name")).to_be_visible()
        page.locator("#reveal-phone").click()
        revealed = page.locator("#dossier-phones .phone").first
        expect(revealed).to_have_attribute("href", re.compile(r"^tel:\+86"))  # shown as 187 2764 8924
        phone = revealed.get_attribute("href").removeprefix("tel:")
        shown = revealed.inner_text().strip()
        secret_name = page.locator("#dossier-name").inner_text().strip()

        page.locator("#logout").click()
        page.wait_for_url(at("/login"))
        frames.clear()
        login(page, "agent5")  # another team (dispatcher2's)
        page.wait_for_url(at("/agent"))
        expect(page.locator(".visit-card").first).to_be_visible()
        page.wait_for_timeout(1500)
        screenshot(page, "next-user-agent-after-dispatcher")
        received = "\n".join(frames)
        assert received, "the agent's page got its data over the socket"
        for leaked in [*names, secret_name, phone, phone.replace("+86", ""), shown]:
            assert leaked not in received, f"{leaked!r} of the dispatcher was sent to the next user"
    finally:
        ctx.close()


def test_the_outbox_keeps_one_agents_note_for_them_when_another_signs_in(browser, server):
    ctx = new_phone_context(browser, server)
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "agent1")
        page.wait_for_url(at("/agent"))
        page.locator(".visit-card").first.click()
        page.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
        visit_id = int(page.url.rstrip("/").rsplit("/", 1)[-1])
        expect(page.locator("#dossier-name")).to_be_visible()
        # the note cannot leave the phone yet (as with no signal), then agent1 signs out
        page.route("**/api/outbox", lambda route: route.abort())
        page.locator("#note-body").fill("agent1 的私人记录：债务人提到家中有病人")
        page.locator("#note-save").click()
        expect(page.locator("#outbox-status .outbox-head")).to_have_attribute("data-pending", "1")
        page.locator("#logout").click()
        page.wait_for_url(at("/login"))

        # agent2 (the partner, on the same visit) signs in on the same phone with the connection back
        page.unroute("**/api/outbox")
        login(page, "agent2")
        page.wait_for_url(at("/agent"))
        page.goto(f"/agent/visit/{visit_id}")
        expect(page.locator("#dossier-name")).to_be_visible()
        page.evaluate("window.visitappOutbox.flush()")
        page.wait_for_timeout(2500)
        expect(page.locator("#outbox-status")).not_to_contain_text("私人记录")  # not shown to agent2 either
        assert db_rows(server.db_url, "SELECT count(*) FROM note WHERE body LIKE '%私人记录%'")[0][0] == 0
        page.locator("#logout").click()
        page.wait_for_url(at("/login"))

        # agent1 again: the note is sent, once, as agent1's
        login(page, "agent1")
        page.wait_for_url(at("/agent"))
        page.wait_for_function("() => (window.visitappOutbox.load() || []).length === 0", timeout=20_000)
        rows = db_rows(
            server.db_url,
            "SELECT u.username FROM note n JOIN \"user\" u ON u.id = n.author_id WHERE n.body LIKE '%私人记录%'",
        )
        assert rows == [("agent1",)]
    finally:
        ctx.close()
