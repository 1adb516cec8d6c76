"""What the debtor's link page says, made from the link's view (plain values) in one language: the page's
state (`link_state.LinkTexts`) and the server's first paint of the page (`first_view`) both say it from
here, so the two say the same."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from visitapp import i18n
from visitapp.core import clock
from visitapp.core.enums import Confirmation
from visitapp.core.settings import get_settings
from visitapp.debtor.services import debtor_link

AGREED = (Confirmation.CONFIRMED.value, Confirmation.RESCHEDULED.value)
# the visit's badge: by its confirmation while it is ahead, else by where it stands (`debtor_link.moment`)
BADGE_COLORS = {
    Confirmation.CONFIRMED.value: "green",
    Confirmation.RESCHEDULED.value: "amber",
    "passed": "gray",
    "missed": "gray",
    "now": "blue",
    "done": "green",
}


def view_data(view: debtor_link.LinkView) -> dict[str, Any]:
    """What the page keeps of a link's view: plain values only (the state is serialized)."""
    return {
        "status": view.status,
        "day": view.day.isoformat() if view.day else "",
        "start": view.start,
        "end": view.end,
        "confirmation": view.confirmation,
        "agents": [
            {
                "name": a.name,
                "badge": a.badge_no,
                "initials": a.initials,
                "photo": a.photo,
                "verify": f"/verify/{a.verify_token}" if a.verify_token else "",
            }
            for a in view.agents
        ],
        "expires_at": view.expires_at.isoformat() if view.expires_at else "",
        "locked_until": view.locked_until.isoformat() if view.locked_until else "",
        "declined": view.declined,
        "paused": view.paused,
        "when": view.when,
    }


def _local(iso: str) -> str:
    return clock.to_local(datetime.fromisoformat(iso)).strftime("%Y-%m-%d %H:%M") if iso else ""


def say(note: list | None, lang: str) -> str:
    """A message kept as [key, params, policy reasons], said in `lang` (with the company, its phone, a
    day's weekday and why an SMS was not sent)."""
    if not note:
        return ""
    key, params, reasons = note
    s = get_settings()
    extra: dict[str, Any] = {
        "company": s.company_name if lang == "zh-CN" else s.company_name_en,
        "phone": s.company_phone,
    }
    if "day" in params:  # a visit's day: its date and weekday in this language
        day = date.fromisoformat(params["day"])
        extra.update(date=day.isoformat(), weekday=i18n.t(f"weekday.{day.weekday()}", lang))
    if reasons:
        why = dict.fromkeys(
            i18n.t(f"link.sms_why.{code}", lang, **kw) if i18n.known(f"link.sms_why.{code}") else ""
            for code, kw in reasons
        )
        extra["why"] = " ".join(x for x in why if x) or i18n.t("link.sms_why.other", lang)
    return i18n.t(key, lang, **{**extra, **params})


def view_words(v: dict[str, Any], lang: str, token: str) -> dict[str, Any]:
    """Everything the page's first screen shows for the view `v` (`view_data`), by the names of the page
    state's vars."""
    s = get_settings()
    status = v.get("status", "")
    out: dict[str, Any] = {
        "checked": bool(status),
        "status": status,
        "planned": "",
        "message": "",
        "locked_message": "",
        "ics_url": "",
        "agents": [],
        "agents_label": "",
        "confirmation": "",
        "confirmation_label": "",
        "can_act": False,
        "can_confirm": False,
        "paused": False,
        "call_label": i18n.t("link.call", lang, phone=s.company_phone),
        "call_href": "tel:" + "".join(c for c in s.company_phone if c.isdigit() or c == "+"),
    }
    if status == "ok":
        paused, when = bool(v["paused"]), v.get("when", "ahead")
        key = "link.planned_paused" if paused else "link.planned" if when == "ahead" else f"link.planned_{when}"
        label = "paused" if paused else v["confirmation"] if when == "ahead" else when
        can_act = not paused and when in ("ahead", "passed")  # move or decline; confirm only a time ahead
        out.update(
            paused=paused,
            planned=say([key, {"day": v["day"], "start": v["start"], "end": v["end"]}, []], lang),
            agents=v["agents"],
            agents_label=i18n.t("link.agents_done" if when == "done" else "link.agents", lang),
            confirmation=v["confirmation"] if when == "ahead" else when,
            confirmation_label=i18n.t(f"link.status.{label}", lang),
            can_act=can_act,
            can_confirm=can_act and when == "ahead" and v["confirmation"] not in AGREED,
        )
        if v["confirmation"] in AGREED and when == "ahead":
            out["ics_url"] = f"/api/ics/{token}"
        if v["locked_until"]:
            out["locked_message"] = say(["link.locked", {"until": _local(v["locked_until"])}, []], lang)
    elif status == "expired":
        out["message"] = say(["link.expired", {"until": _local(v["expires_at"])}, []], lang)
    elif status:
        key = "link.declined_done" if status == "cancelled" and v["declined"] else f"link.{status}"
        out["message"] = say([key, {}, []], lang)
    return out
