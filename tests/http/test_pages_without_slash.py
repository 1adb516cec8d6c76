"""A built page is answered at /login as at /login/: no redirect (one round trip less on a phone)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from visitapp.http.pages import PagesWithoutSlash, built_pages


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
