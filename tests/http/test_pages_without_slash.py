"""A built page is answered at /login as at /login/ (no redirect), and paints before its scripts load."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from visitapp.http.pages import PagesWithoutSlash, PaintFirst, built_pages


def _build(tmp_path):
    for page in ("login", "admin/audit", "agent"):
        (tmp_path / page).mkdir(parents=True)
        (tmp_path / page / "index.html").write_text(f"<p>{page}</p>")
    (tmp_path / "assets" / "x").mkdir(parents=True)
    (tmp_path / "assets" / "x" / "index.html").write_text("not a page")
    (tmp_path / "index.html").write_text("<p>home</p>")
    return tmp_path


def test_the_built_pages_are_the_folders_with_an_index(tmp_path):
    assert built_pages(_build(tmp_path)) == {"/login", "/admin/audit", "/agent"}
    assert built_pages(tmp_path / "missing") == frozenset()


def _site(static):
    return Starlette(routes=[Mount("/", app=StaticFiles(directory=static, html=True))])


def test_a_page_without_its_slash_is_served_in_place_and_the_rest_as_before(tmp_path):
    static = _build(tmp_path)
    plain = TestClient(_site(static))
    assert plain.get("/login", follow_redirects=False).status_code == 307  # what Starlette does alone
    client = TestClient(PagesWithoutSlash(_site(static), built_pages(static)))
    for path, text in (("/login", "login"), ("/admin/audit", "audit"), ("/login/", "login"), ("/", "home")):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 200 and text in r.text, path
    assert client.get("/login?next=/agent", follow_redirects=False).status_code == 200
    assert client.head("/agent", follow_redirects=False).status_code == 200
    assert client.get("/nowhere", follow_redirects=False).status_code == 404
    assert client.post("/login", follow_redirects=False).status_code != 200  # only GET and HEAD are pages


PAGE = (
    b'<html><head><link rel="stylesheet" href="/a.css"/><link rel="modulepreload" href="/assets/a.js"/>'
    b'<link rel="modulepreload" href="/assets/b.js"/></head><body><form>..</form></body></html>'
)


def _serving(body: bytes, *, content_type: str, encoding: str | None):
    async def app(scope, receive, send):
        headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
        if encoding:
            headers.append((b"content-encoding", encoding.encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        half = len(body) // 2  # in two chunks, as a file response may send it
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:]})

    return TestClient(PaintFirst(app))


def test_a_page_comes_without_its_module_preloads_plain_or_gzipped():
    import gzip

    for client in (
        _serving(PAGE, content_type="text/html; charset=utf-8", encoding=None),
        _serving(gzip.compress(PAGE), content_type="text/html; charset=utf-8", encoding="gzip"),
    ):
        r = client.get("/login")
        assert r.status_code == 200
        assert "modulepreload" not in r.text and "<form>..</form>" in r.text
        assert '<link rel="stylesheet" href="/a.css"/>' in r.text  # what paints the page is left as it is
        assert int(r.headers["content-length"]) == len(r.content) or r.headers.get("content-encoding") == "gzip"


def test_a_page_with_controls_keeps_its_preloads():
    """Elsewhere a control used before the scripts arrive would be lost (a file chosen for import)."""
    r = _serving(PAGE, content_type="text/html", encoding=None).get("/dispatch/import")
    assert r.content == PAGE


OPENING_PAGE = PAGE.replace(b"<form>..</form>", b'<div id="opening">Opening</div>')


def test_a_page_that_shows_only_the_opening_screen_paints_first_plain_or_gzipped():
    """The debtor's link, the verification page, a visit: nothing to use until the scripts run."""
    import gzip

    for body, encoding in ((OPENING_PAGE, None), (gzip.compress(OPENING_PAGE), "gzip")):
        r = _serving(body, content_type="text/html", encoding=encoding).get("/v/some-token")
        assert "modulepreload" not in r.text and 'id="opening"' in r.text


def test_a_gzipped_page_left_as_it_is_is_sent_as_it_came():
    import gzip

    zipped = gzip.compress(PAGE, mtime=0)
    r = _serving(zipped, content_type="text/html", encoding="gzip").get("/dispatch/import")
    assert r.text == PAGE.decode() and int(r.headers["content-length"]) == len(zipped)


def test_what_is_not_html_passes_unchanged():
    script = b"const s = '<link rel=\"modulepreload\" ';"
    r = _serving(script, content_type="text/javascript", encoding=None).get("/login")
    assert r.content == script


def test_a_page_sent_as_a_file_is_rewritten_too(tmp_path):
    """Servers that offer `http.response.pathsend` get Starlette's file responses as a path, not a body."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    page = tmp_path / "index.html"
    page.write_bytes(PAGE)

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.pathsend", "path": str(page)})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/login",
        "headers": [],
        "extensions": {"http.response.pathsend": {}},
    }
    # in a thread of its own: the browser tests of the same run leave an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, PaintFirst(app)(scope, receive, send)).result()
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert b"modulepreload" not in sent[1]["body"] and b"<form>" in sent[1]["body"]
