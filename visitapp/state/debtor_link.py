"""Public: the debtor's link from the notice SMS. No login; shows the visit and who is coming, never
the debt. Opening it only writes a link view to the contact ledger."""

from __future__ import annotations

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.services import debtor_link
from visitapp.state.auth import AuthState


class LinkState(AuthState):
    checked: bool = False
    status: str = ""
    planned: str = ""
    message: str = ""
    agents: list[dict[str, str]] = []

    @rx.event
    def load(self):
        token = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        with session_scope() as s:
            view = debtor_link.open_link(s, token=token)
        lang = self.lang
        company = view.company if lang == "zh-CN" else view.company_en
        self.status, self.checked, self.planned, self.message, self.agents = view.status, True, "", "", []
        if view.status == "ok" and view.day is not None:
            self.planned = i18n.t("link.planned", lang, company=company, date=view.day.isoformat(),
                                  weekday=i18n.t(f"weekday.{view.day.weekday()}", lang), start=view.start,
                                  end=view.end)
            self.agents = [{"name": a.name, "badge": a.badge_no, "verify": f"/verify/{a.verify_token}"
                            if a.verify_token else ""} for a in view.agents]
        elif view.status == "expired":
            until = clock.to_local(view.expires_at).strftime("%Y-%m-%d %H:%M") if view.expires_at else ""
            self.message = i18n.t("link.expired", lang, until=until, company=company)
        else:
            self.message = i18n.t(f"link.{view.status}", lang)
