"""A supervisor makes a case's evidence pack in the browser (issue 13.5) and the downloaded ZIP verifies."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import at, db_rows, login, new_desk_context, screenshot

pytestmark = pytest.mark.e2e


def test_supervisor_downloads_an_evidence_pack_that_verifies(browser, server):
    desk = new_desk_context(browser, server, accept_downloads=True)
    page = desk.new_page()
    page.set_default_timeout(30_000)
    login(page, "supervisor1")
    page.wait_for_url(at("/dispatch"))
    page.locator("#staff-nav").get_by_text("证据包").click()
    page.wait_for_url(at("/admin/evidence"))
    page.locator("#evidence-case").fill("12x")
    page.locator("#evidence-make").click()
    expect(page.locator("#evidence-error")).to_contain_text("案件编号")
    (case_id,), *_ = db_rows(server.db_url, "select case_id from visit order by id limit 1")
    page.locator("#evidence-case").fill(str(case_id))
    with page.expect_download() as download:
        page.locator("#evidence-make").click()
    data = download.value.path().read_bytes()
    assert download.value.suggested_filename.startswith(f"evidence-case-{case_id}-")
    expect(page.locator("#evidence-result")).to_contain_text("SHA-256")
    screenshot(page, "evidence-made")
    z = zipfile.ZipFile(io.BytesIO(data))
    root = f"case-{case_id}/"
    manifest = json.loads(z.read(root + "manifest.json"))
    for entry in manifest["files"]:
        assert hashlib.sha256(z.read(root + entry["path"])).hexdigest() == entry["sha256"]
    assert {"summary.pdf", "records/visits.json", "records/contact_ledger.json"} <= {
        e["path"] for e in manifest["files"]
    }
    desk.close()
