"""The security-headers middleware on its own: plain ASGI calls, no server."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from concurrent.futures import ThreadPoolExecutor

from visitapp.core import geo
from visitapp.http.headers import SecurityHeaders, content_security_policy, header_values, inline_script_hashes

HEADERS = header_values(content_security_policy(api_url="http://localhost:8000"))


def _call(app, scope: dict) -> list[dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    # in a thread of its own: Playwright's sync API may hold this thread's event loop in the same run
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    return sent


def _plain(status: int = 200, headers: list[tuple[bytes, bytes]] | None = None):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": status, "headers": list(headers or [])})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


def _headers(messages: list[dict]) -> dict[str, str]:
    start = next(m for m in messages if m["type"] == "http.response.start")
    return {k.decode().lower(): v.decode() for k, v in start["headers"]}


def test_every_http_response_gets_the_four_headers_and_the_body_is_untouched():
    sent = _call(SecurityHeaders(_plain(404), HEADERS), {"type": "http", "path": "/x", "headers": []})
    got = _headers(sent)
    assert got["referrer-policy"] == "no-referrer"
    assert got["x-content-type-options"] == "nosniff"
    assert got["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in got["content-security-policy"]
    assert sent[0]["status"] == 404
    assert sent[1] == {"type": "http.response.body", "body": b"ok"}


def test_headers_a_route_sets_itself_are_kept_and_not_duplicated():
    own = [(b"cache-control", b"private, max-age=300"), (b"Referrer-Policy", b"same-origin")]
    sent = _call(SecurityHeaders(_plain(headers=own), HEADERS), {"type": "http", "path": "/api/photo/1", "headers": []})
    start = sent[0]["headers"]
    assert (b"cache-control", b"private, max-age=300") in start
    assert [v for k, v in start if k.lower() == b"referrer-policy"] == [b"same-origin"]
    assert [k for k, _ in start].count(b"content-security-policy") == 1


def test_websocket_and_lifespan_pass_through_unchanged():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])
        await send({"type": "websocket.accept", "headers": []})

    sent = _call(SecurityHeaders(app, HEADERS), {"type": "websocket", "path": "/_event", "headers": []})
    assert seen == ["websocket"]
    assert sent == [{"type": "websocket.accept", "headers": []}]


def test_policy_allows_the_api_origin_over_http_and_websocket_and_nothing_unsafe_for_scripts():
    csp = content_security_policy(api_url="https://visit.example.cn/", script_hashes=["'sha256-abc='"])
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["default-src"] == ["'none'"]
    assert directives["connect-src"] == ["'self'", "https://visit.example.cn", "wss://visit.example.cn"]
    assert directives["img-src"] == ["'self'", "data:", "https://visit.example.cn"]
    assert directives["script-src"] == ["'self'", "'unsafe-eval'", "'sha256-abc='"]
    assert "'unsafe-inline'" not in directives["script-src"]
    for name, value in {
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
    }.items():
        assert directives[name] == value
    # dev: the backend on another port of localhost
    dev = content_security_policy(api_url="http://localhost:8000")
    assert "connect-src 'self' http://localhost:8000 ws://localhost:8000;" in dev
    assert "connect-src 'self';" in content_security_policy(api_url="")


def test_the_street_maps_tiles_may_load_from_the_tile_server_of_the_settings_and_nowhere_else():
    tiles = geo.tiles_from("https://{s}.tiles.example.cn/{z}/{x}/{y}.png")
    csp = content_security_policy(api_url="https://visit.example.cn", tiles=tiles.origin)
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["img-src"] == ["'self'", "data:", "https://visit.example.cn", "https://*.tiles.example.cn"]
    assert "tiles.example.cn" not in " ".join(directives["connect-src"] + directives["script-src"])
    assert "tiles.example.cn" not in content_security_policy(api_url="https://visit.example.cn")


def test_hashes_of_inline_scripts_are_what_the_browser_computes(tmp_path):
    body = 'window.__ctx = {"a": 1};\n'
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_bytes(
        b'<html><head><script src="/outbox.js"></script><script type="module" async="">'
        + body.replace("\n", "\r\n").encode()
        + b"</script><SCRIPT>x()</SCRIPT></head></html>"
    )
    expected = {
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'" for text in (body, "x()")
    }
    assert set(inline_script_hashes(tmp_path)) == expected  # CR LF read as LF, external scripts skipped
    assert inline_script_hashes(tmp_path / "missing") == []
