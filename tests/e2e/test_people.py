"""People admin (issue 13.1) in the browser: an admin at a laptop creates an agent, who signs in on a phone
with the one-time password and must choose a new one before anything else; a deactivation ends the
agent's session on the next tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, at, db_rows, login, new_desk_context, new_phone_context, screenshot

pytestmark = pytest.mark.e2e


def _picture() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (15, 118, 110)).save(out, format="PNG")
    return out.getvalue()


def _create_agent(admin, name: str, username: str, badge: str) -> str:
    admin.locator("#people-new").click()
    form = admin.locator("#user-form")
    # the new, empty form (drawn when the server answers): typing before it would go into the one it replaces
    expect(form.locator("#user-display_name")).to_have_value("")
    form.locator("#user-display_name").fill(name)
    form.locator("#user-username").fill(username)
    form.locator("#user-team_id").click()
    admin.get_by_role("option").nth(1).click()  # the first team (after "no team")
    form.locator("#user-badge_no").fill(badge)
    form.locator("#user-phone").fill("187 2764 8924")
    form.locator("#user-save").click()
    expect(admin.locator("#one-time-password")).to_be_visible()
    return admin.locator("#one-time-password").inner_text().strip()


def test_admin_creates_an_agent_who_must_choose_a_password_and_is_stopped_when_deactivated(browser, server):
    desk = new_desk_context(browser, server)
    admin = desk.new_page()
    admin.set_default_timeout(20_000)
    login(admin, "admin", "admin1234")
    admin.wait_for_url(at("/admin/audit"))
    admin.locator("#staff-nav").get_by_text("人员").click()
    admin.wait_for_url(at("/admin/users"))
    expect(admin.locator(".people-row").first).to_be_visible()
    admin.locator("#people-search").fill("agent1")
    expect(admin.locator(".people-row[data-user='agent1']")).to_be_visible()
    admin.locator("#people-search").fill("")
    password = _create_agent(admin, "测试 新人", "e2e.newbie", "SH-E2E-0001")
    expect(admin.locator("#one-time")).to_contain_text("e2e.newbie")
    expect(admin.locator(".people-row[data-user='e2e.newbie']")).to_contain_text("待改密码")
    screenshot(admin, "people-created")
    admin.locator("#one-time-close").click()
    expect(admin.locator("#one-time")).to_have_count(0)  # shown once
    # the same user name again: the field says so, and the typed form stays
    admin.locator("#people-new").click()
    expect(admin.locator("#user-display_name")).to_have_value("")  # the new form, not the one just made
    admin.locator("#user-display_name").fill("重复")
    admin.locator("#user-username").fill("e2e.newbie")
    admin.locator("#user-save").click()
    expect(admin.locator("#problem-username")).to_contain_text("已被使用")
    expect(admin.locator("#user-display_name")).to_have_value("重复")
    screenshot(admin, "people-duplicate")
    admin.locator("#user-cancel").click()

    # the agent, on a phone: the one-time password opens only the page to choose a new one
    ctx = new_phone_context(browser, server)
    agent = ctx.new_page()
    agent.set_default_timeout(20_000)
    login(agent, "e2e.newbie", password)
    agent.wait_for_url(at("/account/password"))
    expect(agent.locator("#password-one-time")).to_be_visible()
    agent.goto("/agent")
    agent.wait_for_url(at("/account/password"))  # nothing else opens
    agent.locator("#password-current").fill(password)
    agent.locator("#password-new").fill("short")
    agent.locator("#password-repeat").fill("short")
    agent.locator("#password-save").click()
    expect(agent.locator("#password-error")).to_contain_text("至少 10 位")
    agent.locator("#password-current").fill(password)
    agent.locator("#password-new").fill("my own good secret")
    agent.locator("#password-repeat").fill("my own good secret")
    screenshot(agent, "password-choose")
    agent.locator("#password-save").click()
    agent.wait_for_url(at("/agent"))
    expect(agent.locator("#user-name")).to_have_text("测试 新人")
    assert agent.viewport_size == PHONE

    # the admin deactivates the agent: the agent's next event signs out
    admin.locator("#edit-e2e\\.newbie").click()
    expect(admin.locator("#user-form-title")).to_contain_text("测试 新人")
    expect(admin.locator("#user-sessions")).to_contain_text("1")
    # a photo: uploaded, cropped square, shown here and on the agent's public verification page
    expect(admin.locator("#user-no-photo")).to_be_visible()
    admin.locator("#agent-photo input[type=file]").set_input_files(
        files=[{"name": "me.png", "mimeType": "image/png", "buffer": _picture()}]
    )
    expect(admin.locator("#user-photo")).to_be_visible()
    assert admin.locator("#user-photo").evaluate("i => i.complete && i.naturalWidth") == 512
    token = db_rows(server.db_url, "select verify_token from \"user\" where username = 'e2e.newbie'")[0][0]
    verify = desk.new_page()
    verify.goto(f"/verify/{token}")
    expect(verify.locator(".agent-photo")).to_be_visible()
    expect(verify.locator(".agent-photo")).to_have_js_property("naturalWidth", 512)
    verify.close()
    admin.locator("#user-deactivate").click()
    admin.locator("#confirm-deactivate-yes").click()
    expect(admin.locator(".people-row[data-user='e2e.newbie']")).to_contain_text("已停用")
    expect(admin.locator("#user-reactivate")).to_be_visible()
    screenshot(admin, "people-deactivated")
    admin.locator("#lang-switch").click()  # the same page in English
    expect(admin.locator(".people-row[data-user='e2e.newbie']")).to_contain_text("Deactivated")
    expect(admin.locator("#user-form-title")).to_contain_text("Edit 测试 新人")
    screenshot(admin, "people-deactivated-en")
    admin.locator("#lang-switch").click()  # the admin's language is kept on the account: back to Chinese
    expect(admin.locator("#people-new")).to_contain_text("新建账号")
    agent.locator("#tab-tomorrow").click()
    agent.wait_for_url(at("/login"))
    login(agent, "e2e.newbie", "my own good secret")
    expect(agent.locator("#login-error")).to_be_visible()
    # reactivated: the agent's own password works again
    admin.locator("#user-reactivate").click()
    expect(admin.locator(".people-row[data-user='e2e.newbie']")).to_contain_text("在用")
    login(agent, "e2e.newbie", "my own good secret")
    agent.wait_for_url(at("/agent"))
    # deactivated again, so that the demo's teams plan as before for the other journeys
    admin.locator("#user-deactivate").click()
    admin.locator("#confirm-deactivate-yes").click()
    expect(admin.locator("#user-reactivate")).to_be_visible()
    ctx.close()
    desk.close()
