"""The debtor's link page as the server draws it, into the page it serves for `/v/<token>`, so a phone on a
slow link shows the visit at once instead of "Opening…" for the seconds its scripts take (Lighthouse's
mobile run: the visit appeared at 3.7 s, after ~350 KB of scripts and the page's state).

It is the page's first screen, made from the same words (`link_words`), with the same elements and
classes as `link.py` draws it (ui/lean.py, assets/app.css), in both languages: a small script picks the one
the page will show (the language kept in the browser, as the page's state reads it). When the page has its
state, it takes this one's place (`.link-ready`, assets/app.css) at the same size, so nothing moves, and this
one leaves the document.

Until then its buttons do nothing (`aria-disabled`); the agents' verification links already work. It is
read only: the link is opened (and lands in the contact ledger) by the page's load, as before. An unknown,
replaced or expired link is drawn as the page draws it. Whatever goes wrong here leaves the page as built.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
from typing import Any

from visitapp import i18n
from visitapp.core.db import session_scope
from visitapp.debtor.services import debtor_link
from visitapp.debtor.ui import link_words
from visitapp.ui.lean import BUTTON_LOOK, icon_html

log = logging.getLogger(__name__)

# picks the language the page will be in (`AuthState.lang`, kept in localStorage, plain or JSON; zh-CN by
# default); once the page has its state, the first paint leaves the document (so nothing finds its copies of
# the page's texts)
SCRIPT = (
    "(function(){var f=document.currentScript.parentNode;try{var v=localStorage.getItem('visitapp_lang');"
    "try{var p=JSON.parse(v);if(typeof p==='string')v=p}catch(e){}if(v==='en')"
    "document.documentElement.setAttribute('data-first-lang','en')}catch(e){}"
    "new MutationObserver(function(m,o){if(document.querySelector('.link-ready')){o.disconnect();f.remove()}})"
    ".observe(document.body,{childList:true,subtree:true})})()"
)
SCRIPT_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode() + "'"  # for the CSP

CARD = "rt-reset rt-BaseCard rt-Card rt-r-size-1 rt-variant-surface link-wide"
BUTTON = "rt-reset rt-BaseButton rt-r-size-{size} rt-variant-{variant} rt-Button touch"
VERIFY = "rt-reset rt-BaseButton rt-r-size-2 rt-variant-soft rt-Button touch link-verify"
ROOT_THEME = re.compile(rb'<div data-is-root-theme="true"[^>]*>')
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,100}")


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _text(content: str, size: str = "2", weight: str = "", cls: str = "") -> str:
    classes = " ".join(x for x in ("rt-Text", f"rt-r-size-{size}", f"rt-r-weight-{weight}" if weight else "", cls) if x)
    return f'<p class="{classes}">{_e(content)}</p>'


def _button(
    label: str, *, icon: str = "", color: str = "", variant: str = "soft", size: str = "3", cls: str = ""
) -> str:
    classes = f"{BUTTON.format(size=size, variant=variant)} {cls}".strip()
    inner = (icon_html(icon) if icon else "") + _e(label)
    return f'<button type="button" aria-disabled="true" data-accent-color="{color}" class="{classes}">{inner}</button>'


def _callout(message: str, icon: str, color: str) -> str:
    return (
        f'<div data-accent-color="{color}" class="rt-CalloutRoot rt-r-size-2 rt-variant-soft link-wide">'
        f'<div class="rt-CalloutIcon">{icon_html(icon)}</div>'
        f'<p class="rt-Text rt-r-size-2 rt-CalloutText">{_e(message)}</p></div>'
    )


def _agent(a: dict[str, str], lang: str) -> str:
    avatar = (
        f'<img src="{_e(a["photo"])}" alt="" width="48" height="48" class="link-photo">'
        if a.get("photo")
        else _text(a["initials"], "5", "bold")
    )
    verify = (
        f'<a href="{_e(a["verify"])}" data-accent-color="" class="{VERIFY}">'
        f"{icon_html('shield-check')}{_e(i18n.t('link.verify', lang))}</a>"
        if a["verify"]
        else ""
    )
    return (
        '<div class="link-agent"><div class="link-who">'
        f'<div class="link-avatar">{avatar}</div>'
        f'<div class="link-names">{_text(a["name"], "4", "bold")}'
        f"{_text(i18n.t('badge.no', lang) + ': ' + a['badge'], cls='link-badge')}</div>"
        f"</div>{verify}</div>"
    )


def _ok(w: dict[str, Any], lang: str) -> str:
    t = lambda key: i18n.t(key, lang)  # noqa: E731
    color = "gray" if w["paused"] else link_words.BADGE_COLORS.get(w["confirmation"], "blue")
    visit = (
        f'<div class="{CARD}"><div class="link-stack">{_text(w["planned"], "3")}'
        f'<span data-accent-color="{color}" class="rt-reset rt-Badge rt-r-size-2 rt-variant-soft">'
        f"{_e(w['confirmation_label'])}</span></div></div>"
    )
    agents = (
        f'<div class="{CARD}"><div class="link-stack">{_text(w["agents_label"], "3", "bold")}'
        + "".join(_agent(a, lang) for a in w["agents"])
        + f"{_text(t('link.check_badge'), cls='link-muted')}</div></div>"
    )
    actions = ""
    if w["can_act"]:
        actions = '<div class="link-stack">'
        if w["can_confirm"]:
            actions += _button(t("link.confirm"), icon="check", variant="solid", cls="link-wide")
        if w["ics_url"]:
            actions += (
                f'<a href="{_e(w["ics_url"])}" download="visit.ics" data-accent-color="" '
                f'class="{BUTTON_LOOK} link-wide">{icon_html("calendar-plus")}{_e(t("link.ics"))}</a>'
            )
        actions += _button(t("link.other_time"), icon="calendar-clock", cls="link-wide")
        actions += _button(t("link.decline"), icon="phone", color="gray", cls="link-wide")
        actions += "</div>"
    toggles = "".join(
        f'<div class="{CARD}"><div class="link-stack">'
        f"{_button(t(key), icon=icon, color=color, variant='ghost', size='2', cls='link-toggle')}</div></div>"
        for key, icon, color in (("link.statement", "receipt", ""), ("link.complain", "message-square-warning", "red"))
    )
    return f'<div class="link-stack link-gap">{visit}{agents}{actions}{toggles}</div>'


def _problem(w: dict[str, Any]) -> str:
    call = (
        f'<a href="{_e(w["call_href"])}" data-accent-color="" class="{BUTTON_LOOK} link-wide link-call">'
        f"{icon_html('phone')}{_e(w['call_label'])}</a>"
    )
    return f'<div class="link-stack link-gap">{_callout(w["message"], "triangle-alert", "amber")}{call}</div>'


def page(view: dict[str, Any], token: str, lang: str) -> str:
    """The link page's first screen in `lang`, for the view `view` (`link_words.view_data`)."""
    w = link_words.view_words(view, lang, token)
    head = (
        f'<div class="link-head"><h1 class="rt-Heading rt-r-size-5">{_e(i18n.t("link.title", lang))}</h1>'
        f"{_button(i18n.t('lang.switch', lang), size='2', cls='link-lang')}</div>"
    )
    body = _ok(w, lang) if w["status"] == "ok" else _problem(w)
    privacy = _text(i18n.t("link.privacy", lang), "1", cls="link-muted")
    return f'<div class="link-page" lang="{lang}"><div class="link-col">{head}{body}{privacy}</div></div>'


def draw(built: bytes, token: str) -> bytes:
    """The built page for a link (`built`, which shows only the opening screen) with the link's first screen
    in front of it; the page unchanged if the token cannot be a link's or anything goes wrong."""
    theme = ROOT_THEME.search(built)
    if not TOKEN.fullmatch(token) or theme is None or b"<body>" not in built:
        return built
    try:
        with session_scope() as s:
            view = link_words.view_data(debtor_link.peek(s, token=token))
        screens = "".join(page(view, token, lang) for lang in i18n.LOCALES)
    except Exception:  # the first paint is a head start only: the page itself still says what is wrong
        log.exception("the debtor link's first paint failed; the page is served as built")
        return built
    wrapper = theme.group(0).replace(b'class="radix-themes', b'class="radix-themes first-view')
    first = wrapper + f"<script>{SCRIPT}</script>{screens}</div>".encode()
    return built.replace(b"<body>", b"<body>" + first, 1)
