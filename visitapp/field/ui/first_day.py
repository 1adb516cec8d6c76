"""Today at the first paint, from the day kept on the phone.

While an agent's page is open online, the phone keeps the day (`assets/outbox.js`, from `/api/agent/day`,
under its owner; logging out drops it). Opening `/agent` used to show a header and "loading…" for the
seconds a phone on a slow link takes to fetch ~350 KB of scripts and the page's state (Lighthouse's mobile
run: the visits appeared at 3.7 s). The page served for `/agent` now carries a small script, at the start
of its body, that draws that kept day at once: the same header, title and cards as `today.py` draws them,
with the same classes (ui/lean.py, assets/app.css), in the user's language, and a line that says it is the
day kept on this phone and is being updated. Each card's navigation link works at once; its other buttons
wait for the page (`aria-disabled`).

The server puts no personal data in the page: it serves the same script to everyone, and the script draws
only a day whose owner is the user signed in on this phone, with a session, and whose days are not over
(as `outbox.js` keeps it). When there is none it removes itself and the page shows as built. When the page
has its state (`.today-ready`, today.py) it takes this one's place, and this one leaves the document; if
the page has not come within 15 s, this one leaves anyway.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

from visitapp import i18n
from visitapp.core.enums import Confirmation, VisitPhase
from visitapp.i18n.messages import MESSAGES
from visitapp.ui.lean import BUTTON_LOOK, icon_html

PHASE_COLOURS = {  # the badges of a visit, here and on the page (today.py)
    VisitPhase.NEXT.value: "teal",
    VisitPhase.IN_PROGRESS.value: "blue",
    VisitPhase.DONE.value: "green",
    VisitPhase.LATE.value: "red",
    VisitPhase.MISSED.value: "orange",
    VisitPhase.NOT_PLANNED.value: "amber",
}
CONFIRMATION_COLOURS = {
    Confirmation.PROPOSED.value: "gray",
    Confirmation.NOTIFIED.value: "blue",
    Confirmation.CONFIRMED.value: "green",
    Confirmation.RESCHEDULED.value: "amber",
    Confirmation.DECLINED.value: "red",
}
_KEYS = (
    "app.name",
    "lang.switch",
    "nav.logout",
    "nav.badge",
    "agent.today.title",
    "agent.today.date",
    "agent.today.progress",
    "agent.today.window",
    "agent.today.eta",
    "agent.today.partner",
    "agent.today.overdue",
    "agent.today.first_paint",
    "agent.today.summary",
    "nav.reminders",
    "navapp.open",
)
ROOT_THEME = re.compile(rb'<div data-is-root-theme="true"[^>]*>')


def _texts() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for lang in i18n.LOCALES:
        texts = {key: MESSAGES[key][lang] for key in _KEYS}
        texts.update({f"phase.{p.value}": MESSAGES[f"agent.today.phase.{p.value}"][lang] for p in VisitPhase})
        texts.update({f"confirmation.{c.value}": MESSAGES[f"confirmation.{c.value}"][lang] for c in Confirmation})
        texts["currency"] = i18n.money(0, lang).replace("0.00", "")  # the money's sign as the page writes it
        out[lang] = texts
    return out


def _script() -> str:
    constants = json.dumps(
        {
            "T": _texts(),
            "phase": PHASE_COLOURS,
            "confirmation": CONFIRMATION_COLOURS,
            "icons": {name: icon_html(name) for name in ("languages", "log-out", "navigation", "bell", "id-card")},
            "button": BUTTON_LOOK,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).replace("</", "<\\/")  # nothing in it ends the script element
    return (
        "(function(){var f=document.currentScript.parentNode,C=" + constants + ";"
        # the values as Reflex keeps them in localStorage: plain, or JSON strings
        "function get(k){var v=localStorage.getItem(k)||'';try{var p=JSON.parse(v);"
        "if(typeof p==='string'||typeof p==='number')v=String(p)}catch(e){}return v}"
        "function e(s){return String(s==null?'':s).replace(/[&<>\"']/g,function(c){"
        "return'&#'+c.charCodeAt(0)+';'})}"
        "function fill(s,a){return s.replace(/\\{(\\w+)\\}/g,function(m,k){return a[k]==null?m:a[k]})}"
        "function yuan(c,T){var v=Math.abs(c),s=String(Math.floor(v/100)).replace(/\\B(?=(\\d{3})+(?!\\d))/g,',');"
        "return(c<0?'-':'')+T.currency+s+'.'+('0'+v%100).slice(-2)}"
        "function badge(t,col,size,variant,cls){return'<span class=\"rt-reset rt-Badge rt-r-size-'+size+"
        "(cls?' '+cls:'')+' rt-variant-'+variant+'\" data-accent-color=\"'+col+'\">'+e(t)+'</span>'}"
        "function p(t,size,w,cls){return'<p class=\"rt-Text rt-r-size-'+size+(w?' rt-r-weight-'+w:'')+"
        "(cls?' '+cls:'')+'\">'+e(t)+'</p>'}"
        "try{var d=JSON.parse(localStorage.getItem('visitapp_day')||'null'),owner=get('visitapp_owner'),"
        "L=get('visitapp_lang')==='en'?'en':'zh-CN',T=C.T[L];"
        "var now=new Date(Date.now()-((d&&d.skew_ms)||0)),iso=now.getFullYear()+'-'+"
        "('0'+(now.getMonth()+1)).slice(-2)+'-'+('0'+now.getDate()).slice(-2);"
        "var day=d&&d.format===2&&owner&&d.owner===owner&&get('visitapp_token')&&String(d.keep_until)>iso"
        "&&d.days.filter(function(x){return x.day===iso})[0];"
        "if(!day||!day.visits.length){f.remove();return}"
        "var planned=day.visits.filter(function(v){return v.phase!=='not_planned'}),"
        "n=function(ph){return day.visits.filter(function(v){return v.phase===ph}).length},done=n('done'),"
        "r=Number(d.reminders)||0;"
        'var h=\'<header class="app-header"><div class="header-brand">\'+'
        '\'<img alt="" class="header-icon" src="/icon-192.png" width="28" height="28">\'+'
        "p(T['app.name'],'4','bold','app-name')+'</div><div class=\"header-gap\"></div>'+"
        '\'<button type="button" aria-disabled="true" class="rt-reset rt-BaseButton rt-r-size-2 '
        "rt-variant-solid rt-Button header-button\">'+C.icons.languages+e(T['lang.switch'])+'</button>'+"
        '\'<div class="header-rule"></div><button type="button" aria-disabled="true" aria-label="\'+'
        "e(T['nav.logout'])+'\" class=\"rt-reset rt-BaseButton rt-r-size-2 rt-variant-solid rt-Button "
        "header-button\">'+C.icons['log-out']+'<span class=\"logout-label\">'+e(T['nav.logout'])+"
        '\'</span></button></header><div class="first-day-page"><div class="first-day-stack">\'+'
        '\'<div class="today-head"><div class="today-title"><h1 class="rt-Heading rt-r-size-5">\'+'
        "e(T['agent.today.title'])+'</h1>'+p(fill(T['agent.today.date'],{date:day.day,team:day.team}),'2','',"
        "'visit-muted today-date')+'</div><div class=\"today-gap\"></div>'+"
        "badge(fill(T['agent.today.progress'],{done:done,total:planned.length}),'teal','2','soft','')+'</div>'+"
        "'<div class=\"today-summary\">'+p(fill(T['agent.today.summary'],{done:done,in_progress:n('in_progress'),"
        "late:n('late'),missed:n('missed')}),'2','','visit-muted')+'<a class=\"'+C.button+'\" data-accent-color=\"'+"
        "(r>0?'red':'gray')+'\" aria-label=\"'+e(T['nav.reminders']+' '+r)+'\" href=\"/agent/reminders\">'+"
        'C.icons.bell+r+\'</a><a class="\'+C.button+\'" data-accent-color="teal" href="/agent/badge">\'+'
        "C.icons['id-card']+e(T['nav.badge'])+'</a></div>'+"
        "'<div class=\"first-day-note\">'+p(T['agent.today.first_paint'],'2','','visit-muted')+'</div>'+"
        '\'<div class="first-day-list" id="first-day-list">\';'
        "day.visits.forEach(function(v){var ph=v.phase||'upcoming';"
        'h+=\'<div class="rt-reset rt-BaseCard rt-Card rt-r-size-1 rt-variant-surface visit-item" '
        'data-phase="\'+e(ph)+\'"><a class="visit-link" href="/agent/visit/\'+e(v.id)+\'"><div '
        'class="visit-card"><div class="visit-card-row"><div class="visit-order">\'+'
        "(v.order?p(v.order,'2','bold',''):'')+'</div><div class=\"visit-lines\"><div class=\"visit-title\">'+"
        "p(v.name,'4','bold','visit-name')+badge(T['phase.'+ph]||'',C.phase[ph]||'gray','2',"
        "ph==='next'?'solid':'soft','visit-phase')+'</div>'+p(v.address,'2','','visit-muted')+"
        "'<div class=\"visit-meta\">'+p(T['agent.today.window']+': '+v.window[0]+'\\u2013'+v.window[1],'2','','')+"
        "(v.eta&&(ph==='upcoming'||ph==='next')?p(T['agent.today.eta']+': '+v.eta,'2','','visit-eta'):'')+"
        "badge(T['confirmation.'+v.confirmation]||'',C.confirmation[v.confirmation]||'gray','1','soft','')+"
        "'</div>'+(v.partner?p(T['agent.today.partner']+': '+v.partner,'1','','visit-muted'):'')+"
        "p(T['agent.today.overdue']+': '+yuan((v.totals&&v.totals.overdue_cents)||0,T),'2','medium','')+"
        "'</div></div></div></a><div class=\"visit-actions\">'+(v.nav?'<a class=\"'+C.button+' nav-link\" "
        'data-accent-color="teal" target="_blank" rel="noopener noreferrer" href="\'+e(v.nav)+\'">\'+'
        "C.icons.navigation+e(T['navapp.open'])+'</a>':'')+'</div></div>'});"
        "f.insertAdjacentHTML('beforeend',h+'</div></div></div>');f.classList.add('first-day-drawn');"
        "function gone(){if(f.parentNode)f.remove()}"
        "new MutationObserver(function(m,o){if(document.querySelector('.today-ready')){o.disconnect();gone()}})"
        ".observe(document.body,{childList:true,subtree:true});setTimeout(gone,15000)"
        "}catch(x){f.remove()}})()"
    )


SCRIPT = _script()
SCRIPT_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode() + "'"  # for the CSP


def draw(built: bytes) -> bytes:
    """The built `/agent` page with the first-paint script at the start of its body (inside a copy of the
    page's theme root, so the Radix colours apply); the page unchanged if its shape is not the expected one."""
    theme = ROOT_THEME.search(built)
    if theme is None or b"<body>" not in built:
        return built
    wrapper = theme.group(0).replace(b'class="radix-themes', b'class="radix-themes first-day')
    first = wrapper + f"<script>{SCRIPT}</script></div>".encode()
    return built.replace(b"<body>", b"<body>" + first, 1)
