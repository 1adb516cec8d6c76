"""The server's first paint of the debtor's link: what the page says, read only, in front of the built page;
never stored; an unknown or replaced link drawn as the page draws it; names escaped."""

from __future__ import annotations

import gzip
import html
import re

from sqlmodel import func, select
from starlette.testclient import TestClient

from tests.debtor.test_link_page import _at, _link
from tests.states import page, run
from visitapp import i18n
from visitapp.core.db import session_scope
from visitapp.core.models import ContactLedger, User
from visitapp.debtor.services import debtor_link
from visitapp.debtor.ui import first_view, link_words
from visitapp.debtor.ui.link_state import LinkState
from visitapp.http.pages import PaintFirst

BUILT = (
    b'<!DOCTYPE html><html lang="zh-CN"><head><link rel="modulepreload" href="/assets/a.js"/></head><body>'
    b'<section aria-label="Notifications"></section><div data-is-root-theme="true" data-accent-color="teal" '
    b'class="radix-themes css-0"><div id="opening">Opening</div></div><script type="module">import "/a.js"</script>'
    b"</body></html>"
)


def _ledger(db_url: str) -> int:
    with session_scope(db_url) as s:
        return s.exec(select(func.count()).select_from(ContactLedger)).one()


def _texts(html: str) -> list[str]:
    return [t for t in re.sub(r"<[^>]+>", "\n", html).split("\n") if t.strip()]


def test_the_first_paint_says_what_the_page_says_in_both_languages(db_url):
    token, _agent = _link(db_url)
    state = page(LinkState)
    _at(state, token)
    run(LinkState.load, state)
    with session_scope(db_url) as s:
        view = link_words.view_data(debtor_link.peek(s, token=token))
    for lang in i18n.LOCALES:
        state.lang = lang
        run(LinkState.rerender, state)
        drawn = _texts(first_view.page(view, token, lang))
        said = [state.planned, state.confirmation_label, i18n.t("link.confirm", lang), i18n.t("link.title", lang)]
        said += [a["name"] for a in state.agents] + [i18n.t("link.privacy", lang), i18n.t("link.complain", lang)]
        for text in said:
            assert text in drawn, (lang, text)
        assert not any("2,041.66" in t or "2041.66" in t for t in drawn)  # the statement waits for the verifier
        for a in state.agents:
            assert f'href="{a["verify"]}"' in first_view.page(view, token, lang)  # works before the scripts


def test_a_confirmed_visit_is_drawn_without_the_confirm_button_and_with_its_calendar_file(db_url):
    token, _agent = _link(db_url)
    with session_scope(db_url) as s:
        debtor_link.confirm(s, token=token)
    with session_scope(db_url) as s:
        view = link_words.view_data(debtor_link.peek(s, token=token))
    drawn = first_view.page(view, token, "en")
    assert i18n.t("link.confirm", "en") not in _texts(drawn)
    assert f'href="/api/ics/{token}"' in drawn and i18n.t("link.status.confirmed", "en") in _texts(drawn)


def test_drawing_the_first_paint_writes_nothing_the_page_load_opens_the_link(db_url):
    token, _agent = _link(db_url)
    before = _ledger(db_url)
    drawn = first_view.draw(BUILT, token)
    assert drawn != BUILT and _ledger(db_url) == before  # a link scanner's GET changes nothing
    state = page(LinkState)
    _at(state, token)
    run(LinkState.load, state)
    assert _ledger(db_url) == before + 1  # the link view, once, by the page's load


def test_the_first_paint_stands_in_front_of_the_built_page_with_its_theme_and_language_script(db_url):
    token, _agent = _link(db_url)
    drawn = first_view.draw(BUILT, token).decode()
    body = drawn.split("<body>", 1)[1]
    assert body.startswith('<div data-is-root-theme="true" data-accent-color="teal" class="radix-themes first-view')
    assert f"<script>{first_view.SCRIPT}</script>" in body
    assert body.count('class="link-page"') == 2 and 'lang="zh-CN"' in body and 'lang="en"' in body
    inserted = body[: body.index('<section aria-label="Notifications">')]
    assert drawn.replace(inserted, "", 1) == BUILT.decode()  # in front of the built page, which is all there


def test_an_unknown_link_is_drawn_as_the_page_draws_it_and_a_malformed_one_not_at_all(db_url):
    drawn = first_view.draw(BUILT, "no-such-token-0123456789").decode()
    for lang in i18n.LOCALES:
        said = link_words.view_words({"status": "unknown"}, lang, "")["message"]
        assert "{" not in said and html.escape(said) in drawn, lang
    assert "link-call" in drawn and "tel:" in drawn
    for bad in ("a/b", "x" * 101, "<script>", ""):
        assert first_view.draw(BUILT, bad) == BUILT


def test_names_are_escaped(db_url):
    token, agent_id = _link(db_url)
    with session_scope(db_url) as s:
        agent = s.get(User, agent_id)
        agent.display_name = '<img src=x onerror="alert(1)">'
        s.add(agent)
    drawn = first_view.draw(BUILT, token).decode()
    assert "<img src=x" not in drawn and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in drawn


def _serving(body: bytes, encoding: str | None):
    async def app(scope, receive, send):
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"etag", b'"built"'),
            (b"last-modified", b"Tue, 01 Dec 2026 08:00:00 GMT"),
            (b"content-length", str(len(body)).encode()),
        ]
        if encoding:
            headers.append((b"content-encoding", encoding.encode()))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return TestClient(PaintFirst(app))


def test_a_link_page_is_served_with_its_first_paint_and_never_stored_plain_or_gzipped(db_url):
    token, _agent = _link(db_url)
    with session_scope(db_url) as s:
        planned = link_words.view_words(link_words.view_data(debtor_link.peek(s, token=token)), "zh-CN", token)
    for body, encoding in ((BUILT, None), (gzip.compress(BUILT), "gzip")):
        r = _serving(body, encoding).get(f"/v/{token}")
        assert r.status_code == 200 and planned["planned"] in r.text and "modulepreload" not in r.text
        assert r.headers["cache-control"] == "no-store"
        assert "etag" not in r.headers and "last-modified" not in r.headers
    other = _serving(BUILT, None).get("/agent/visit/3")  # another page showing the opening screen: as built
    assert "first-view" not in other.text and other.headers["etag"] == '"built"'
