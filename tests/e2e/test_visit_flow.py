"""A whole visit on the phone: notice (allowed, then blocked by the SMS cap), check-in, a photo, and a note
and an outcome (a promise with amount and date) typed with no signal, kept through an offline reload and saved
exactly once."""

from __future__ import annotations

import re
import struct
import zlib

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_fits_phone, at, db_rows, login, new_phone_context, screenshot

pytestmark = pytest.mark.e2e


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x20\x80\x70" * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_whole_visit_with_notice_checkin_photo_and_offline_notes(browser, server):
    ctx = new_phone_context(browser, server, permissions=["geolocation"], geolocation={"latitude": 0, "longitude": 0})
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    try:
        login(page, "agent7")
        page.wait_for_url(at("/agent"))
        # --- the notice, on the day's last visit the debtor has not confirmed (test_debtor_link.py takes the
        # first ones): once by a tap, again only with a reason, then the daily SMS cap says no, and until when
        ((notice_visit,),) = db_rows(
            server.db_url,
            'SELECT v.id FROM visit v JOIN visit_agent va ON va.visit_id=v.id JOIN "user" u ON u.id=va.user_id '
            "WHERE u.username='agent7' AND v.visit_date='2026-11-23' AND v.status='planned' "
            "AND v.confirmation IN ('proposed', 'notified') ORDER BY v.route_order DESC LIMIT 1",
        )
        page.goto(f"/agent/visit/{notice_visit}")
        expect(page.locator("#dossier-name")).to_be_visible()
        page.locator("#notice-send").dblclick()  # an impatient double tap sends one SMS, not two
        expect(page.locator("#notice-message")).to_contain_text("通知短信已存入发件箱")
        page.wait_for_timeout(500)
        assert db_rows(server.db_url, "SELECT count(*) FROM message WHERE visit_id=:i", i=notice_visit)[0][0] == 1
        expect(page.locator("#notice-message")).to_contain_text("通知短信已存入发件箱")  # still the one message
        text = page.locator("#notice-text").inner_text()
        assert "工号" in text and "/v/‹hidden›" in text and "元" not in text and "欠" not in text  # no live token
        expect(page.locator("#notice-send")).to_have_count(0)  # no second plain tap
        expect(page.locator("[data-sonner-toast]")).to_have_count(0)  # the one message is the inline one
        screenshot(page, "agent-notice-sent")
        for reason in ("no_answer", "debtor_asked"):
            page.locator("#notice-again").click()
            if reason == "no_answer":
                screenshot(page, "agent-notice-again")
                for target in page.locator("#notice-again-form .notice-reason, #notice-again-form button").all():
                    assert target.bounding_box()["height"] >= 44, target.inner_text()  # a thumb's size
            page.locator(f".notice-reason input[value={reason}]").check()
            page.locator("#notice-again-send").click()
            expect(page.locator("#notice-last")).to_be_visible()
            expect(page.locator("#notice-again-form")).to_have_count(0)
        expect(page.locator("#notice-message")).to_contain_text("现在不能发送通知")
        expect(page.locator("#notice-message")).to_contain_text("最早可于")
        expect(page.locator("[data-sonner-toast]")).to_have_count(0)
        screenshot(page, "agent-notice-blocked")
        sms = db_rows(
            server.db_url,
            "SELECT allowed FROM contact_ledger WHERE channel='sms' AND actor_id="
            "(SELECT id FROM \"user\" WHERE username='agent7') ORDER BY id",
        )
        assert [bool(r[0]) for r in sms][-3:] == [True, True, False]

        # (the debtor's side of the link is walked in test_debtor_link.py: the agent never sees the token)
        assert (
            db_rows(
                server.db_url,
                "SELECT count(*) FROM message WHERE visit_id=:i AND body LIKE '%‹hidden›%'",
                i=notice_visit,
            )[0][0]
            == 2
        )

        # --- the day's first visit, confirmed by the debtor: no notice to send, and the page says why
        page.goto("/agent")
        page.locator(".visit-card").first.click()
        page.wait_for_url(re.compile(r".*/agent/visit/\d+/?$"))
        visit_id = int(page.url.rstrip("/").rsplit("/", 1)[-1])
        expect(page.locator("#dossier-name")).to_be_visible()
        expect(page.locator("#notice-message")).to_contain_text("客户已确认")
        expect(page.locator("#notice-send")).to_have_count(0)
        expect(page.locator("#notice-again")).to_have_count(0)

        # --- check in at the door
        lat, lon = db_rows(
            server.db_url,
            "SELECT d.lat, d.lon FROM visit v JOIN collection_case c ON c.id=v.case_id "
            "JOIN debtor d ON d.id=c.debtor_id WHERE v.id=:i",
            i=visit_id,
        )[0]
        ctx.set_geolocation({"latitude": lat + 0.0003, "longitude": lon, "accuracy": 10})
        page.locator("#checkin-start").click()
        expect(page.locator("#checkin-message")).to_contain_text("已签到")

        # --- a photo (needs the connection)
        page.locator("#photos input[type=file]").set_input_files(
            files=[{"name": "door.png", "mimeType": "image/png", "buffer": _png()}]
        )
        page.locator("#photo-upload").click()
        expect(page.locator(".log-photo")).to_have_count(1)
        assert page.locator(".log-photo").evaluate("img => img.complete && img.naturalWidth") == 8

        # --- the signal drops: note and outcome are kept on the phone
        page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)
        ctx.set_offline(True)
        page.locator("#note-body").fill("本人不在，邻居说周末回来；已留联系卡")
        page.locator("#note-save").click()
        page.locator("#outcome-select").select_option("promise")  # a promise carries amount and date
        page.locator("#outcome-promise-amount").fill("300")
        page.locator("#outcome-promise-due").fill("2026-11-30")
        page.locator("#outcome-save").click()
        expect(page.locator("#outbox-status .outbox-head")).to_have_attribute("data-pending", "3")
        expect(page.locator("#outbox-status")).to_contain_text("等待网络")
        page.locator("#outbox-status").scroll_into_view_if_needed()
        assert_fits_phone(page)
        screenshot(page, "agent-offline-outbox")
        assert db_rows(server.db_url, "SELECT count(*) FROM note WHERE visit_id=:i", i=visit_id)[0][0] == 0

        # reload with no signal: the dossier from the day kept on the phone, which still holds the items
        page.reload()
        expect(page.locator("#day-offline")).to_be_visible()
        expect(page.locator("#day-dossier")).to_have_attribute("data-visit-id", str(visit_id))
        expect(page.locator("#outbox-status .outbox-head")).to_have_attribute("data-pending", "3")
        expect(page.locator("#outbox-status")).to_be_visible()
        screenshot(page, "agent-offline-reload")

        # the signal returns: sent once, and the app comes back
        ctx.set_offline(False)
        expect(page.locator("#day-offline")).to_have_count(0, timeout=20_000)
        page.wait_for_url(re.compile(rf".*/agent/visit/{visit_id}/?$"))
        expect(page.locator("#dossier-name")).to_be_visible(timeout=20_000)
        expect(page.locator("#visit-log .log-entry[data-kind=note]")).to_have_count(1, timeout=15_000)
        expect(page.locator("#visit-log .log-entry[data-kind=outcome]")).to_contain_text("承诺还款")
        assert page.evaluate("JSON.parse(localStorage.getItem('visitapp_outbox') || '[]').length") == 0
        # a resend of the same items (a second flush, another tab) changes nothing
        page.evaluate("window.visitappOutbox.flush()")
        page.reload()
        expect(page.locator("#visit-log .log-entry[data-kind=note]")).to_have_count(1, timeout=15_000)
        assert db_rows(server.db_url, "SELECT count(*) FROM note WHERE visit_id=:i", i=visit_id)[0][0] == 1
        assert db_rows(server.db_url, "SELECT count(*) FROM visit_outcome WHERE visit_id=:i", i=visit_id)[0][0] == 1
        assert db_rows(server.db_url, "SELECT outcome, status FROM visit WHERE id=:i", i=visit_id)[0] == (
            "promise",
            "done",
        )
        assert db_rows(server.db_url, "SELECT amount_cents, due_date FROM promise WHERE visit_id=:i", i=visit_id) == [
            (30_000, "2026-11-30")
        ]
        assert_fits_phone(page)
        screenshot(page, "agent-visit-logged")
    finally:
        ctx.close()
