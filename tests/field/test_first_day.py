"""Today at the first paint from the day kept on the phone (field.ui.first_day): what the server adds to
the built /agent page, and that the CSP lets that script run. What the script draws is checked in Chromium
(tests/e2e/test_today_first_paint.py)."""

from __future__ import annotations

import base64
import gzip
import hashlib

from starlette.testclient import TestClient

from visitapp.field.ui import first_day
from visitapp.http.pages import PaintFirst

BUILT = (
    b'<html><head><link rel="stylesheet" href="/a.css"/><link rel="modulepreload" href="/assets/a.js"/></head>'
    b'<body><div data-is-root-theme="true" data-accent-color="teal" class="radix-themes css-0"><p>page</p>'
    b"</div></body></html>"
)


def test_the_script_goes_first_in_the_body_inside_a_copy_of_the_theme_root():
    drawn = first_day.draw(BUILT)
    assert drawn.count(b"<script>") == 1
    start = drawn.index(b"<body>") + len(b"<body>")
    theme = b'<div data-is-root-theme="true" data-accent-color="teal" class="radix-themes first-day'
    assert drawn[start:].startswith(theme)
    assert drawn.endswith(BUILT[BUILT.index(b"<body>") + len(b"<body>") :])  # the page itself follows, unchanged
    assert f"<script>{first_day.SCRIPT}</script>".encode() in drawn


def test_a_page_of_another_shape_is_left_as_built():
    other = b"<html><body><p>no theme root</p></body></html>"
    assert first_day.draw(other) == other


def test_the_script_holds_no_personal_data_and_cannot_end_its_element():
    # the same script for everyone: only labels in both languages; the day comes from the phone's storage
    assert "</script" not in first_day.SCRIPT.lower()
    assert "visitapp_day" in first_day.SCRIPT and "visitapp_owner" in first_day.SCRIPT
    assert "今日走访" in first_day.SCRIPT and "Today's visits" in first_day.SCRIPT
    digest = base64.b64encode(hashlib.sha256(first_day.SCRIPT.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == first_day.SCRIPT_HASH


def _serving(body: bytes, encoding: str | None):
    async def app(scope, receive, send):
        head = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]
        if encoding:
            head.append((b"content-encoding", encoding.encode()))
        await send({"type": "http.response.start", "status": 200, "headers": head})
        await send({"type": "http.response.body", "body": body})

    return TestClient(PaintFirst(app))


def test_today_is_served_with_the_first_paint_and_without_module_preloads_plain_or_gzipped():
    for body, encoding in ((BUILT, None), (gzip.compress(BUILT), "gzip")):
        for path in ("/agent", "/agent/"):
            r = _serving(body, encoding).get(path)
            assert "modulepreload" not in r.text and first_day.SCRIPT in r.text and "<p>page</p>" in r.text
        other = _serving(body, encoding).get("/agent/visit/3")  # a visit has its opening screen, not this
        assert first_day.SCRIPT not in other.text
